"""Uploading, downloading and deleting documents of a case or a client. Access goes
through casework.access (a case or client the user may not see is a 404); every
download is written to the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.casework.access import (
    is_team_lead_of,
    visible_case_or_404,
    visible_person_or_404,
)
from teilhabe.casework.models import Case, Person
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.documents import selectors, services, storage
from teilhabe.documents.case_tab import TAB, may_delete
from teilhabe.documents.forms import DocumentForm

work_with_cases = requires("casework.work_with_cases")


def case_tab_url(case_id: int) -> str:
    return reverse("casework:case_detail", kwargs={"pk": case_id}) + f"?teil={TAB}"


def client_url(client_id: int) -> str:
    return reverse("casework:client_detail", kwargs={"pk": client_id}) + "#dokumente"


def _upload(
    request: HttpRequest, *, case: Case | None, client: Person | None, back: str
) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload(
                form.cleaned_data["upload"],
                case=case,
                client=client,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                document_date=form.cleaned_data["document_date"],
                user=request.user,
            )
        except services.UploadRefused as refused:
            form.add_error("upload", str(refused))
        else:
            messages.success(request, _("The document is stored."))
            return redirect(back)
    # the page names the client: a read of the case (or of the client)
    subject = case if case is not None else client
    assert subject is not None
    log_read(request, subject, "document:upload-form")
    context = {"form": form, "case": case, "client": client, "back": back}
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/upload.html", context, status=status)


@work_with_cases
def case_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    return _upload(request, case=case, client=None, back=case_tab_url(case.pk))


@work_with_cases
def client_upload(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    return _upload(request, case=None, client=client, back=client_url(client.pk))


@work_with_cases
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.visible_document_or_404(request.user, pk)
    name = storage.download_name(document.title, document.content_type)
    response = storage.download(document.file_id, name, document.content_type)
    log_read(request, document, "document:download")
    return response


@work_with_cases
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation, POST deletes (the uploader or the team lead)."""
    document = selectors.visible_document_or_404(request.user, pk)
    if document.case_id is not None:
        case = visible_case_or_404(request.user, document.case_id)
        lead = is_team_lead_of(request.user, case)
        back = case_tab_url(case.pk)
    else:
        assert document.client_id is not None
        lead = document.organisation_id in selectors.led_organisations(request.user)
        back = client_url(document.client_id)
    if not may_delete(request.user, document, lead):
        raise PermissionDenied
    if request.method == "POST":
        services.delete(document)
        messages.success(request, _("The document is deleted."))
        return redirect(back)
    return render(request, "documents/delete.html", {"document": document, "back": back})
