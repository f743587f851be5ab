"""The plan import of the upload page on the job queue (django-q2); the run's life
(start, problems, removal of the upload, interrupted workers) is core/upload_runs.py's."""

from __future__ import annotations

from teilhabe.core.upload_runs import fail_interrupted_runs, run_upload_job
from teilhabe.planning.import_upload import run_work
from teilhabe.planning.models_import import PlanImportRun


def run_plan_import(run_id: int) -> str:
    return run_upload_job(PlanImportRun, run_id, run_work, "plan import")


def fail_interrupted(at_startup: bool = False) -> int:
    """Registered with core/jobs.py: fails the runs whose worker died."""
    return fail_interrupted_runs(PlanImportRun, at_startup, "plan import")
