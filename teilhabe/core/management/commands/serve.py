"""`teilhabe serve`: the production web server (gunicorn, static files by whitenoise)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Runs the web application with the production server (gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("TEILHABE_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("TEILHABE_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("TEILHABE_WEB_WORKERS", "3"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "teilhabe.wsgi:application",
            "--bind", f"{options['host']}:{options['port']}",
            "--workers", str(options["workers"]),
            "--access-logfile", "-",
            "--timeout", "120",
        ]  # fmt: skip
        os.execv(sys.executable, command)  # noqa: S606  (replaces this process by gunicorn)
