"""Jobs of casework on the queue (django-q2): the uploaded import."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.utils import timezone

from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import ImportRun
from teilhabe.core.tabular import TableError

IMPORT_TASK = "teilhabe.casework.jobs.run_import"


def run_import(run_id: int) -> str:
    run = ImportRun.objects.select_related("organisation", "uploaded_by").get(pk=run_id)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])

    def progress(percent: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(progress=percent)

    path = Path(run.path)
    try:
        result = import_casework(
            path, run.organisation, dry_run=run.dry_run, actor=run.uploaded_by, progress=progress
        )
    except TableError as error:
        run.status, run.problems = (
            ImportRun.Status.FAILED,
            [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "value": p.value,
                    "message": p.message,
                }
                for p in error.problems
            ],
        )
    else:
        run.status = ImportRun.Status.DONE
        run.summary = {"counts_in_files": result.counts_in_files, **result.summary.as_dict()}
        run.problems = [
            {
                "file": w.file,
                "line": w.line,
                "column": w.column,
                "value": w.value,
                "message": w.message,
            }
            for w in result.warnings
        ]
    finally:
        # the upload is personal data: it goes as soon as the job is done
        shutil.rmtree(path if path.is_dir() else path.parent, ignore_errors=True)
    run.progress, run.finished_at, run.path = 100, timezone.now(), ""
    run.save()
    return run.status
