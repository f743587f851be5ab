"""What the upload pages of imports share: the run of an uploaded file on the job queue
(its state, progress and problems), the upload kept in a private folder only while the
job runs, and a file's kind decided by its content.

The casework import and the register import came first with their own copies of these
pieces (casework/jobs.py, monitoring/jobs.py); the plan import (planning/jobs.py) uses
this module, and the others can move over to it.

A run ends as DONE or FAILED whatever happens inside the job: problems of the files are
listed for the user; any other exception ends the run with a general message and its
traceback, without the exception's text (which may quote values of the files), goes to
the server log. A run whose worker died is failed by `fail_interrupted_runs`, which an
app registers with core/jobs.py.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import socket
import traceback
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.tabular import Limits, Problem, TableError

log = logging.getLogger(__name__)


class RunStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("waiting")
    RUNNING = "running", gettext_lazy("running")
    DONE = "done", gettext_lazy("finished")
    FAILED = "failed", gettext_lazy("refused: nothing stored")


class UploadRun(models.Model):
    """An uploaded file on the job queue. The upload itself is deleted when the job
    ends; only the outcome (summary, problems) stays."""

    Status = RunStatus

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(gettext_lazy("file"), max_length=255)
    path = models.CharField(max_length=500, blank=True, editable=False)
    dry_run = models.BooleanField(gettext_lazy("check only"), default=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(gettext_lazy("progress (%)"), default=0)
    problems = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who runs the job ("host:process id") and since when, for fail_interrupted_runs.
    started_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=255, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

    @property
    def problem_count(self) -> int:
        """All problems found; only the first ones are stored (IMPORT_MAX_PROBLEMS)."""
        return int(self.summary.get("problems_total", len(self.problems)))

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.DONE, RunStatus.FAILED}


# --- the upload: private, bounded, its kind decided by its content -------------------


class UploadRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ZIP_HEADS = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP with members, an empty ZIP


def archive_kind(path: Path) -> str | None:
    """ ".xlsx" for an Excel workbook, ".zip" for any other ZIP, None for anything else
    (a CSV, a PDF, an executable, a damaged archive), whatever the file is called."""
    with path.open("rb") as stream:
        head = stream.read(4)
    if not head.startswith(ZIP_HEADS):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())  # the central directory only, nothing unpacked
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    return ".xlsx" if {"[Content_Types].xml", "xl/workbook.xml"} <= names else ".zip"


def _safe_stem(name: str) -> str:
    """The uploaded name's stem for messages such as `plan.xlsx[ziele]`; never a path."""
    try:
        stem = get_valid_filename(Path(name).stem)[:100]
    except SuspiciousFileOperation:
        return "upload"
    return stem or "upload"


def save_upload(
    upload: Any,
    kind: str,
    limit: int,
    suffix_of: Callable[[Path], str | None],
    wrong_kind: str,
) -> Path:
    """Writes `upload` into a new folder of its own under MEDIA_ROOT/`kind` (served by
    nothing, mode 700, the file mode 600) and returns its path, named by the uploaded
    stem and the suffix `suffix_of` finds in the content. Refuses (leaving nothing
    behind) past `limit` bytes, counted while writing, or when `suffix_of` finds none."""
    folder = Path(settings.MEDIA_ROOT) / kind / uuid.uuid4().hex
    folder.mkdir(mode=0o700, parents=True)
    spool = folder / "upload"
    try:
        size = 0
        descriptor = os.open(spool, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > limit:
                    raise UploadRefused(too_large(limit))
                stream.write(chunk)
        suffix = suffix_of(spool)
        if suffix is None:
            raise UploadRefused(wrong_kind)
        target = folder / (_safe_stem(str(upload.name)) + suffix)
        spool.rename(target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return target


def too_large(limit: int) -> str:
    return _("The upload is larger than the limit of %(limit)s MB.") % {
        "limit": limit // (1024 * 1024)
    }


def remove_upload(stored: str) -> None:
    """Removes the folder save_upload made for the file at `stored`."""
    if stored:
        shutil.rmtree(Path(stored).parent, ignore_errors=True)


# --- the job --------------------------------------------------------------------------


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def problem_row(
    file: str, message: str, line: Any = "", column: str = "", value: str = ""
) -> dict[str, Any]:
    return {"file": file, "line": line, "column": column, "value": value, "message": message}


def problem_rows(problems: list[Problem], more: int = 0) -> list[dict[str, Any]]:
    """The problems as a run stores them: the first IMPORT_MAX_PROBLEMS, then one line
    that says how many more there are."""
    limit = Limits.from_settings().problems
    more += max(len(problems) - limit, 0)
    rows = [problem_row(p.file, p.message, p.line, p.column, p.value) for p in problems[:limit]]
    if more:
        rows.append(
            problem_row("", _("… and %(count)s more problems, not listed.") % {"count": more})
        )
    return rows


Run = TypeVar("Run", bound=UploadRun)
Progress = Callable[[int], None]
# The work of a job: given the run and a progress callback, the summary to keep and the
# warnings to list; raises TableError with every problem of the files.
Work = Callable[[Run, Progress], tuple[dict[str, Any], list[Problem]]]


def run_upload_job(model: type[Run], run_id: int, work: Work[Run], what: str) -> str:
    # Only a waiting run starts: a task the queue delivers again after a crash finds
    # its run already failed and does nothing.
    started = model._default_manager.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), worker=worker_id(), progress=5
    )
    run: Run = model._default_manager.get(pk=run_id)
    if not started:
        return str(run.status)

    def progress(percent: int) -> None:
        model._default_manager.filter(pk=run.pk).update(progress=percent)

    summary: dict[str, Any] = {}
    try:
        summary, warnings = work(run, progress)
    except TableError as error:
        run.status, run.problems = RunStatus.FAILED, problem_rows(error.problems, error.more)
        total = len(error.problems) + error.more
    except Exception as error:
        # Only the type and the frames: the message of e.g. an IntegrityError quotes values.
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("%s run %s failed: %s\n%s", what, run.pk, type(error).__name__, frames)
        message = _(
            "The import stopped because of an internal error; nothing was stored. "
            "The server log has the details (run %(run)s)."
        ) % {"run": run.pk}
        run.status, run.problems, total = RunStatus.FAILED, [problem_row(run.file_name, message)], 1
    else:
        run.status, run.problems, total = RunStatus.DONE, problem_rows(warnings), len(warnings)
    finally:
        remove_upload(run.path)  # the upload goes as soon as the job is done
    run.summary = {**summary, "problems_total": total}
    run.progress, run.finished_at, run.path = 100, timezone.now(), ""
    run.save()
    return str(run.status)


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


def fail_interrupted_runs(model: type[UploadRun], at_startup: bool, what: str) -> int:
    """Fails the running runs of `model` whose worker is gone; returns how many.

    Interrupted: its process on this host no longer exists, the worker of this host
    starts again (one worker per installation, docs/operations.md), or it has run
    longer than the queue's timeout, after which django-q has stopped it anyway. Its
    transaction was never committed, so nothing of the run is stored.
    """
    host = socket.gethostname()
    timeout = int(str(settings.Q_CLUSTER.get("timeout") or 3600))
    expired = Q(started_at__lt=timezone.now() - datetime.timedelta(seconds=timeout + 60))
    failed = 0
    for run in model._default_manager.filter(status=RunStatus.RUNNING):
        on_this_host = run.worker.rpartition(":")[0] == host
        gone = (at_startup and on_this_host) or _process_gone(run.worker, host)
        if (
            not gone
            and not model._default_manager.filter(
                expired | Q(started_at__isnull=True), pk=run.pk
            ).exists()
        ):
            continue
        message = _(
            "The import was interrupted because its worker stopped; nothing was stored. "
            "Please upload the file again."
        )
        changed = model._default_manager.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            path="",
            progress=100,
            problems=[problem_row(run.file_name, message)],
            summary={"problems_total": 1},
        )
        if changed:
            remove_upload(run.path)
            log.warning("%s run %s was interrupted (%s)", what, run.pk, run.worker)
            failed += 1
    return failed
