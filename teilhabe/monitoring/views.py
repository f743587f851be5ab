"""The register upload page (statistics role): dry run or import, on the job queue."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_q.tasks import async_task

from teilhabe.core.access import requires
from teilhabe.monitoring.forms import RegisterUploadForm
from teilhabe.monitoring.jobs import REGISTER_TASK
from teilhabe.monitoring.models import ReferenceDate, RegisterRun

import_register = requires("monitoring.import_register")


def _save(upload: Any) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "register" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    # The user's file name is not trusted as a path: only its kind is kept.
    target = folder / ("extract" + Path(upload.name).suffix.lower())
    with target.open("wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    return target


@import_register
def upload(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        path = _save(form.cleaned_data["upload"])
        run = RegisterRun.objects.create(
            stichtag=form.cleaned_data["stichtag"],
            uploaded_by=user,
            file_name=Path(form.cleaned_data["upload"].name).name[:255],
            path=str(path),
            dry_run=form.cleaned_data["dry_run"],
        )
        async_task(REGISTER_TASK, run.pk)
        return redirect("monitoring:register_status", pk=run.pk)
    context = {
        "form": form,
        "runs": RegisterRun.objects.filter(uploaded_by=user)[:10],
        "dates": ReferenceDate.objects.all(),
    }
    return render(request, "monitoring/register_upload.html", context)


@import_register
def status(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    run = get_object_or_404(RegisterRun, pk=pk, uploaded_by=user)
    fragment = bool(request.headers.get("HX-Request"))  # htmx polls while the job runs
    template = "register_status_fragment" if fragment else "register_status"
    return render(request, f"monitoring/{template}.html", {"run": run})
