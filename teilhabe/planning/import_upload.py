"""The plan import of the upload page: the upload kept until its job has run, the job's
work (a dry run or the import of shared/formats/plan.md through importer/service.py),
the audit entry, and the summary the status page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from teilhabe.core.tabular import Problem
from teilhabe.core.upload_runs import Progress, archive_kind, save_upload
from teilhabe.planning.importer.service import PlanImportResult, import_plan
from teilhabe.planning.models import Concept
from teilhabe.planning.models_import import PlanImportRun

IMPORT_TASK = "teilhabe.planning.jobs.run_plan_import"
UPLOAD_FOLDER = "plan-imports"
# What the summary counts, in the order of the status page's table.
KINDS = ("fields", "goals", "measures", "programmes")


def upload_limit() -> int:
    limit: int = settings.IMPORT_MAX_UPLOAD
    return limit


def start_import(upload: Any, user: Any, slug: str, title: str, dry_run: bool) -> PlanImportRun:
    """Keeps the upload in the private folder and queues its job; UploadRefused when it
    is too large or neither a ZIP nor an XLSX workbook by its content."""
    wrong_kind = _("Only a ZIP of the plan's CSV files or an XLSX workbook.")
    path = save_upload(upload, UPLOAD_FOLDER, upload_limit(), archive_kind, wrong_kind)
    run = PlanImportRun.objects.create(
        uploaded_by=user,
        file_name=Path(str(upload.name)).name[:255],
        path=str(path),
        dry_run=dry_run,
        concept_slug=slug,
        concept_title=title,
    )
    async_task(IMPORT_TASK, run.pk)
    return run


class _RolledBack(Exception):
    def __init__(self, result: PlanImportResult) -> None:
        super().__init__()
        self.result = result


def rehearse(path: Path, slug: str, title: str) -> PlanImportResult:
    """The dry run: the import stores inside a transaction that is then rolled back, so
    that the counts of new, updated and skipped records are the import's own, not a
    second reckoning that could differ from it."""
    try:
        with transaction.atomic():
            raise _RolledBack(import_plan(path, slug, title=title))
    except _RolledBack as rolled_back:
        result = rolled_back.result
    result.dry_run = True
    return result


def _audit(run: PlanImportRun, concept: Concept, summary: dict[str, Any]) -> None:
    """One entry for the run, as the casework import writes one; the records it creates
    or changes get their own entries from auditlog, with the run's user as actor."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Concept),
        object_pk=str(concept.pk),
        object_id=concept.pk,
        object_repr=str(concept)[:255],
        action=LogEntry.Action.UPDATE,
        actor=run.uploaded_by,
        additional_data={"plan_import": run.file_name, "run": run.pk, "summary": summary},
    )


def summary_of(result: PlanImportResult, concept_new: bool) -> dict[str, Any]:
    staged, stored = result.staged, result.summary
    in_files = {
        "fields": len(staged.fields),
        "goals": len(staged.goals),
        "measures": len(staged.measures),
        "programmes": len(staged.programmes),
    }
    counts = {
        kind: {"in_files": in_files[kind], **stored.counts.get(kind, {"created": 0, "updated": 0})}
        for kind in KINDS
    }
    counts["progress"] = {
        "in_files": len(staged.progress),
        "created": stored.progress_added,
        "skipped": stored.progress_skipped,
    }
    return {
        "counts": counts,
        "actors_created": stored.actors_created,
        "concept_new": concept_new,
    }


def run_work(run: PlanImportRun, progress: Progress) -> tuple[dict[str, Any], list[Problem]]:
    """The job's work (core/upload_runs.run_upload_job): TableError when the files have
    a problem, and then nothing is stored."""
    path = Path(run.path)
    concept_new = not Concept.objects.filter(slug=run.concept_slug).exists()
    # The form asks for the title of a new concept; an existing one keeps its title.
    title = run.concept_title if concept_new else ""
    progress(10)
    with set_actor(run.uploaded_by):
        if run.dry_run:
            result = rehearse(path, run.concept_slug, title)
            return summary_of(result, concept_new), result.warnings
        with transaction.atomic():
            result = import_plan(path, run.concept_slug, title=title)
            summary = summary_of(result, concept_new)
            _audit(run, Concept.objects.get(slug=run.concept_slug), summary)
    return summary, result.warnings


def summary_rows(run: PlanImportRun) -> list[dict[str, Any]]:
    """The status page's table: per kind of record, how many the files hold, and how
    many are (or on a dry run would be) new, updated and skipped."""
    labels = {
        "fields": _("Fields of action"),
        "goals": _("Goals"),
        "measures": _("Measures"),
        "programmes": _("Funding programmes"),
        "progress": _("Progress entries"),
    }
    counts = run.summary.get("counts", {})
    return [
        {
            "label": label,
            "in_files": counts[kind].get("in_files", 0),
            "created": counts[kind].get("created", 0),
            "updated": counts[kind].get("updated"),
            "skipped": counts[kind].get("skipped"),
        }
        for kind, label in labels.items()
        if kind in counts
    ]
