"""The upload page of the casework import: check (dry run) or store, on the job queue."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from teilhabe.accounts.roles import Role
from teilhabe.casework.jobs import IMPORT_TASK
from teilhabe.casework.models import ImportRun
from teilhabe.core.access import requires
from teilhabe.core.forms import KernForm
from teilhabe.organisations.models import Organisation

import_cases = requires("casework.import_cases")
ACCEPTED = (".zip", ".xlsx", ".csv")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several CSV files at once (the pattern of Django's documentation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED)}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(KernForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    # Not "files": that name belongs to the form's uploaded files.
    upload = MultipleFileField(
        label=_("File"),
        help_text=_(
            "A ZIP with personen.csv, faelle.csv, kontakte.csv, ziele.csv; or an XLSX "
            "workbook with sheets of those names; or the CSV files themselves."
        ),
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label=_("Only check, store nothing (dry run)")
    )

    def clean_upload(self) -> list[Any]:
        # Django has spooled the files to disk already; the reverse proxy's body limit
        # (docs/operations.md) keeps that bounded, this keeps the job bounded.
        files: list[Any] = self.cleaned_data["upload"]
        limit = settings.IMPORT_MAX_UPLOAD
        if sum(upload.size or 0 for upload in files) > limit:
            raise forms.ValidationError(
                _("The upload is larger than the limit of %(limit)s MB.")
                % {"limit": limit // (1024 * 1024)}
            )
        return files

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        led = user.memberships.filter(role=Role.TEAM_LEAD).values_list("organisation", flat=True)
        field: Any = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=led)


def _save_upload(files: list[Any]) -> tuple[Path, str]:
    """Stores the upload in a folder of its own and returns what to import: the ZIP or
    XLSX file, or the folder of CSV files."""
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    names = []
    for upload in files:
        name = Path(upload.name).name
        names.append(name)
        with (folder / name).open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
    if len(names) == 1 and Path(names[0]).suffix.lower() in {".zip", ".xlsx"}:
        return folder / names[0], names[0]
    return folder, ", ".join(names)


@import_cases
def upload(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = UploadForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["upload"]
        bad = [f.name for f in files if Path(f.name).suffix.lower() not in ACCEPTED]
        if bad:
            form.add_error("upload", _("Only ZIP, XLSX or CSV files."))
        else:
            path, label = _save_upload(files)
            run = ImportRun.objects.create(
                organisation=form.cleaned_data["organisation"],
                uploaded_by=user,
                file_name=label[:255],
                path=str(path),
                dry_run=form.cleaned_data["dry_run"],
            )
            async_task(IMPORT_TASK, run.pk)
            return redirect("casework:import_status", pk=run.pk)
    runs = ImportRun.objects.filter(uploaded_by=user)[:10]
    return render(request, "casework/import_upload.html", {"form": form, "runs": runs})


@import_cases
def status(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    run = get_object_or_404(ImportRun, pk=pk, uploaded_by=user)
    # htmx polls the fragment while the job runs
    fragment = bool(request.headers.get("HX-Request"))
    template = "import_status_fragment" if fragment else "import_status"
    return render(request, f"casework/{template}.html", {"run": run})
