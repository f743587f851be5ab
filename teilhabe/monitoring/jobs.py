"""The uploaded register extract on the job queue (django-q2), as casework's import.

A run ends as DONE or FAILED whatever happens: the problems of the extract are listed
(never quoting an id), any other exception ends the run with a general message and its
traceback without the exception's text goes to the server log. The uploaded file is
removed when the job ends. A run whose worker died is failed by `fail_interrupted`,
registered with core/jobs.py.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import traceback
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Limits, Problem, TableError
from teilhabe.monitoring.models import RegisterRun

REGISTER_TASK = "teilhabe.monitoring.jobs.run_register"
STEPS = {"read": 5, "check": 35, "classify": 55, "store": 80}
log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def problem_rows(problems: list[Problem], more: int = 0) -> list[dict[str, Any]]:
    limit = Limits.from_settings().problems
    more += max(len(problems) - limit, 0)
    rows: list[dict[str, Any]] = [
        {"file": p.file, "line": p.line, "column": p.column, "value": p.value, "message": p.message}
        for p in problems[:limit]
    ]
    if more:
        message = _("… and %(count)s more problems, not listed.") % {"count": more}
        rows.append({"file": "", "line": "", "column": "", "value": "", "message": message})
    return rows


def _general(file: str, message: str) -> dict[str, Any]:
    """A problem of the whole run, not of a line."""
    return {"file": file, "line": "", "column": "", "value": "", "message": message}


def run_register(run_id: int) -> str:
    started = RegisterRun.objects.filter(pk=run_id, status=RegisterRun.Status.QUEUED).update(
        status=RegisterRun.Status.RUNNING, worker=worker_id()
    )
    run = RegisterRun.objects.get(pk=run_id)
    if not started:
        return str(run.status)

    def progress(step: str) -> None:
        RegisterRun.objects.filter(pk=run.pk).update(progress=STEPS.get(step, 0))

    # loaded here, not at start-up (see importers.register)
    from teilhabe.monitoring.services import import_register

    try:
        result = import_register(
            Path(run.path), run.stichtag, dry_run=run.dry_run, progress=progress
        )
    except TableError as error:
        run.status, run.problems = (
            RegisterRun.Status.FAILED,
            problem_rows(error.problems, error.more),
        )
    except Exception as error:
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("register run %s failed: %s\n%s", run.pk, type(error).__name__, frames)
        message = _(
            "The import stopped because of an internal error; nothing was stored. "
            "The server log has the details (run %(run)s)."
        ) % {"run": run.pk}
        run.status = RegisterRun.Status.FAILED
        run.problems = [
            {"file": run.file_name, "line": "", "column": "", "value": "", "message": message}
        ]
    else:
        run.status, run.residents, run.areas = (
            RegisterRun.Status.DONE,
            result.residents,
            result.areas,
        )
    finally:
        _remove_upload(run.path)
    run.progress, run.finished_at, run.path = 100, timezone.now(), ""
    run.save()
    return str(run.status)


def _remove_upload(stored: str) -> None:
    if stored:
        shutil.rmtree(Path(stored).parent, ignore_errors=True)


def fail_interrupted(at_startup: bool = False) -> int:
    """Fails the running runs whose worker process on this host is gone."""
    host = socket.gethostname()
    failed = 0
    for run in RegisterRun.objects.filter(status=RegisterRun.Status.RUNNING):
        name, _sep, pid = run.worker.rpartition(":")
        if name != host or not pid.isdecimal():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still alive
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        message = _("The import was interrupted; nothing was stored. Please upload it again.")
        run.status, run.progress, run.finished_at = RegisterRun.Status.FAILED, 100, timezone.now()
        run.problems = [
            {"file": run.file_name, "line": "", "column": "", "value": "", "message": message}
        ]
        _remove_upload(run.path)
        run.path = ""
        run.save()
        failed += 1
    return failed
