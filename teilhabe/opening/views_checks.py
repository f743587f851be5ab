"""Self-checks and evidence: the institution (or its coach) answers and uploads, the
coach checks. Another institution's self-check or evidence is a 404 (access.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit_trail import log_read
from teilhabe.documents import storage
from teilhabe.opening import access, evidence, selectors, services
from teilhabe.opening.forms import EvidenceCheckForm, EvidenceForm, SelfCheckForm
from teilhabe.opening.views import form_page, process_url, run, take_part


@take_part
def self_check_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_or_404(request.user, pk)
    if not access.answers_for(request.user, process):
        raise PermissionDenied
    areas = list(selectors.catalogue_areas(process.catalogue))
    form = SelfCheckForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        answers, day = form.answers(), form.cleaned_data["date"]
        check = run(
            form,
            lambda: services.save_self_check(process, answers=answers, day=day, user=request.user),
        )
        if check is not None:
            messages.success(request, _("Saved."))
            return redirect("opening:self_check_detail", pk=check.pk)
    context = {
        "process": process,
        "form": form,
        "groups": [(area, [form[name] for name in names]) for area, names in form.groups],
        "cancel_url": process_url(process),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "opening/self_check_form.html", context, status=status)


@take_part
def self_check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = access.self_check_or_404(request.user, pk)
    result = selectors.self_check_result(check)
    return render(request, "opening/self_check_detail.html", {"result": result, "check": check})


@take_part
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_or_404(request.user, pk)
    if not access.answers_for(request.user, process):
        raise PermissionDenied
    form = EvidenceForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        stored = run(
            form,
            lambda: evidence.upload(
                process,
                data["upload"],
                title=data["title"],
                criterion=data["criterion"],
                kind=data["kind"],
                user=request.user,
            ),
        )
        if stored is not None:
            messages.success(request, _("The evidence is uploaded; the coach checks it."))
            return redirect(process_url(process))
    return form_page(request, form, title=_("Upload evidence"), cancel_url=process_url(process))


@take_part
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    item = access.evidence_or_404(request.user, pk)
    name = storage.download_name(item.title, item.content_type, "nachweis")
    response = storage.download(item.file_id, name, item.content_type)
    log_read(request, item, "opening:evidence_download")
    return response


@take_part
def evidence_check(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.evidence_or_404(request.user, pk)
    if not access.coaches(request.user, item.process):
        raise PermissionDenied
    form = EvidenceCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checked = run(
            form,
            lambda: evidence.check(
                item,
                accepted=data["decision"] == "accept",
                note=data["note"],
                day=timezone.localdate(),
                user=request.user,
            ),
        )
        if checked is not None:
            messages.success(request, _("Saved."))
            return redirect(process_url(item.process))
    return form_page(
        request,
        form,
        title=_("Check the evidence “%(title)s”") % {"title": item.title},
        cancel_url=process_url(item.process),
    )
