"""The upload page of the plan import: a dry run or the import, on the job queue, and
the status page the browser polls while the job runs (import_upload.py does the work)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from teilhabe.core.access import requires
from teilhabe.core.upload_runs import UploadRefused
from teilhabe.planning.forms_import import PlanUploadForm
from teilhabe.planning.import_upload import start_import, summary_rows
from teilhabe.planning.models import Concept
from teilhabe.planning.models_import import PlanImportRun

keep_plan = requires("planning.keep_plan")


@keep_plan
def upload(request: HttpRequest) -> HttpResponse:
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = start_import(
                data["upload"], request.user, data["konzept"], data["titel"], data["dry_run"]
            )
        except UploadRefused as refusal:
            form.add_error("upload", refusal.message)
        else:
            return redirect("planning:import_status", pk=run.pk)
    runs = PlanImportRun.objects.select_related("uploaded_by")[:10]
    return render(request, "planning/import_upload.html", {"form": form, "runs": runs})


@keep_plan
def status(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PlanImportRun, pk=pk)
    imported = run.status == PlanImportRun.Status.DONE and not run.dry_run
    concept: Any = Concept.objects.filter(slug=run.concept_slug).first() if imported else None
    context = {"run": run, "rows": summary_rows(run), "concept": concept}
    # htmx polls the fragment while the job runs
    fragment = bool(request.headers.get("HX-Request"))
    template = "_import_status" if fragment else "import_status"
    return render(request, f"planning/{template}.html", context)
