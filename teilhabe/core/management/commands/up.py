"""`teilhabe up`: web server and job worker together, both stopped by Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Runs the web server and the job worker together (used by make run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        teilhabe = [sys.executable, "-m", "teilhabe.cli"]
        web = [*teilhabe, "serve", "--host", options["host"], "--port", str(options["port"])]
        processes = [subprocess.Popen(web), subprocess.Popen([*teilhabe, "worker"])]
        self.stdout.write(f"Teilhabe: http://{options['host']}:{options['port']}/  (Ctrl-C)")

        def stop(*_args: Any) -> None:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            deadline = time.monotonic() + 10
            for process in processes:
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    process.kill()

        def terminate(*_args: Any) -> None:
            stop()
            sys.exit(0)

        signal.signal(signal.SIGTERM, terminate)
        try:
            # If either process ends, the other one is stopped too.
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
