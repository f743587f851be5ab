"""Jobs of casework on the queue (django-q2): the uploaded import.

A run ends as DONE or FAILED whatever happens inside the job: a problem of the files
is listed for the user, any other exception ends the run with a general message (its
traceback goes to the server log, without the exception's text, which may quote
values of the files). A run whose worker died (kill -9, out of memory) is found by
fail_interrupted_runs, which the worker calls at its start and every minute.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import socket
import traceback
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import ImportRun
from teilhabe.core.tabular import Limits, Problem, TableError

IMPORT_TASK = "teilhabe.casework.jobs.run_import"
FAILED = ImportRun.Status.FAILED
log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def problem_rows(problems: list[Problem], more: int = 0) -> list[dict[str, Any]]:
    """The problems as stored in the run: the first IMPORT_MAX_PROBLEMS, then one line
    that says how many more there are."""
    limit = Limits.from_settings().problems
    more += max(len(problems) - limit, 0)
    rows: list[dict[str, Any]] = [
        {"file": p.file, "line": p.line, "column": p.column, "value": p.value, "message": p.message}
        for p in problems[:limit]
    ]
    if more:
        rows.append(
            {"file": "", "line": "", "column": "", "value": "", "message": more_problems(more)}
        )
    return rows


def more_problems(count: int) -> str:
    return _("… and %(count)s more problems, not listed.") % {"count": count}


def _internal_error(run: ImportRun, error: Exception) -> list[dict[str, Any]]:
    # Only the type and the frames: the message of e.g. an IntegrityError quotes values.
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("casework import run %s failed: %s\n%s", run.pk, type(error).__name__, frames)
    message = _(
        "The import stopped because of an internal error; nothing was stored. "
        "The server log has the details (run %(run)s)."
    ) % {"run": run.pk}
    return [{"file": run.file_name, "line": "", "column": "", "value": "", "message": message}]


def run_import(run_id: int) -> str:
    # Only a waiting run starts: a task the queue delivers again after a crash finds
    # its run already failed and does nothing.
    started = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=timezone.now(), worker=worker_id()
    )
    run = ImportRun.objects.select_related("organisation", "uploaded_by").get(pk=run_id)
    if not started:
        return str(run.status)

    def progress(percent: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(progress=percent)

    path = Path(run.path)
    total = 0
    try:
        result = import_casework(
            path, run.organisation, dry_run=run.dry_run, actor=run.uploaded_by, progress=progress
        )
    except TableError as error:
        run.status, run.problems = FAILED, problem_rows(error.problems, error.more)
        total = len(error.problems) + error.more
    except Exception as error:
        run.status, run.problems = FAILED, _internal_error(run, error)
        total = 1
    else:
        run.status = ImportRun.Status.DONE
        run.summary = {"counts_in_files": result.counts_in_files, **result.summary.as_dict()}
        run.problems = problem_rows(result.warnings)
        total = len(result.warnings)
    finally:
        # the upload is personal data: it goes as soon as the job is done
        _remove_upload(run.path)
    run.summary["problems_total"] = total
    run.progress, run.finished_at, run.path = 100, timezone.now(), ""
    run.save()
    return str(run.status)


def _remove_upload(stored: str) -> None:
    if not stored:
        return
    path = Path(stored)
    shutil.rmtree(path if path.is_dir() else path.parent, ignore_errors=True)


def _process_gone(worker: str, host: str) -> bool:
    name, _sep, pid = worker.rpartition(":")
    if name != host or not pid.isdecimal():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def fail_interrupted_runs(at_startup: bool = False) -> int:
    """Marks as failed the runs whose worker is gone; returns how many.

    A run is interrupted when its process on this host no longer exists, when the
    worker of this host starts again (one worker per installation, docs/operations.md:
    nothing of this host can still be running), or when it has run longer than the
    queue's timeout, after which django-q has stopped it anyway. The transaction of the
    store was never committed, so nothing of the run is in the database.
    """
    host = socket.gethostname()
    timeout = int(str(settings.Q_CLUSTER.get("timeout") or 3600))
    lease = datetime.timedelta(seconds=timeout + 60)
    expired = Q(started_at__lt=timezone.now() - lease) | Q(started_at__isnull=True)
    failed = 0
    for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING):
        on_this_host = run.worker.rpartition(":")[0] == host
        gone = (at_startup and on_this_host) or _process_gone(run.worker, host)
        if not gone and not ImportRun.objects.filter(expired, pk=run.pk).exists():
            continue
        message = _(
            "The import was interrupted because its worker stopped; nothing was stored. "
            "Please upload the file again."
        )
        changed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            status=FAILED,
            finished_at=timezone.now(),
            path="",
            problems=[
                {"file": run.file_name, "line": "", "column": "", "value": "", "message": message}
            ],
            summary={"problems_total": 1},
        )
        if changed:
            _remove_upload(run.path)
            log.warning("casework import run %s was interrupted (%s)", run.pk, run.worker)
            failed += 1
    return failed
