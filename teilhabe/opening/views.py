"""The pages of coaching processes: the overview, a process with its stages, sessions,
measures, evidence, self-checks, audit and certificate, the coach's and coordinator's
forms, the certificate PDF and the public register. access.py decides, the services
store, selectors.py reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.services import reset_link_path
from teilhabe.core.access import public, requires
from teilhabe.core.audit_trail import log_read
from teilhabe.opening import access, pdf, selectors, services
from teilhabe.opening.forms import (
    AgreedMeasureForm,
    AuditForm,
    CertificateForm,
    ContactForm,
    ProcessForm,
    SessionForm,
    StageDoneForm,
)
from teilhabe.opening.models import InstitutionContact
from teilhabe.opening.models_process import AgreedMeasure, Process, Stage

keep = requires(access.KEEP)
take_part = requires(access.TAKE_PART)
Result = TypeVar("Result")


def run(form: forms.BaseForm, action: Callable[[], Result]) -> Result | None:
    """Runs a write path; a refusal becomes the form's error."""
    try:
        return action()
    except ValidationError as error:
        form.add_error(None, error.messages)
    return None


def form_page(
    request: HttpRequest, form: forms.BaseForm, *, title: str, cancel_url: str, intro: str = ""
) -> HttpResponse:
    """One page with one form; 400 when a submitted form was refused."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro}
    status = 400 if request.method == "POST" else 200
    return render(request, "opening/form_page.html", context, status=status)


def process_url(process: Process) -> str:
    return reverse("opening:process_detail", kwargs={"pk": process.pk})


def coached_process_or_404(request: HttpRequest, pk: int) -> Process:
    """The process if the user sees it (else 404) and coaches it (else 403)."""
    process = access.process_or_404(request.user, pk)
    if not access.coaches(request.user, process):
        raise PermissionDenied
    return process


@take_part
def overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.process_states(access.visible_processes(request.user))
    if not access.keeps(request.user) and len(rows) == 1:
        return redirect(process_url(rows[0]["process"]))
    return render(
        request,
        "opening/overview.html",
        {"rows": rows, "can_keep": access.keeps(request.user)},
    )


@keep
def process_create(request: HttpRequest) -> HttpResponse:
    form = ProcessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        process = run(
            form,
            lambda: services.start_process(
                actor=data["actor"],
                catalogue=data["catalogue"],
                started_on=data["started_on"],
                coach=data["coach"],
            ),
        )
        if process is not None:
            messages.success(request, _("Saved."))
            return redirect(process_url(process))
    return form_page(
        request,
        form,
        title=_("Start a coaching process"),
        cancel_url=reverse("opening:overview"),
    )


@take_part
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_or_404(request.user, pk)
    page = selectors.process_page(process)
    # the institution's self-checks of earlier processes, as far as the user sees those
    visible = set(access.visible_processes(request.user).values_list("pk", flat=True))
    page["self_checks"] = [c for c in page["self_checks"] if c.process_id in visible]
    context = {
        "process": process,
        **page,
        "coaches": access.coaches(request.user, process),
        "answers": access.answers_for(request.user, process),
        "can_keep": access.keeps(request.user),
        "problems": services.certificate_problems(process),
        "contacts": InstitutionContact.objects.filter(actor=process.actor).select_related("user"),
    }
    return render(request, "opening/process_detail.html", context)


@keep
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A sign-in for the institution's contact person; the coordinator hands over the
    one-time link with which the person sets a password."""
    process = access.process_or_404(request.user, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = run(form, lambda: services.create_contact(process.actor, **data))
        if contact is not None:
            link = request.build_absolute_uri(reset_link_path(contact.user))
            return render(
                request,
                "opening/contact_created.html",
                {"process": process, "contact": contact, "link": link},
            )
    return form_page(
        request,
        form,
        title=_("Sign-in for a contact person of %(institution)s")
        % {"institution": process.actor.name},
        cancel_url=process_url(process),
        intro=_(
            "The person signs in for this institution only and sees nothing but its "
            "self-checks, coaching process and evidence."
        ),
    )


@take_part
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = coached_process_or_404(request, pk)
    form = SessionForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.record_session(process, user=request.user, **data)):
            messages.success(request, _("Saved."))
            return redirect(process_url(process))
    return form_page(
        request, form, title=_("Record a coaching session"), cancel_url=process_url(process)
    )


@take_part
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = coached_process_or_404(request, pk)
    form = AgreedMeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.agree_measure(process, **data)):
            messages.success(request, _("Saved."))
            return redirect(process_url(process))
    return form_page(
        request, form, title=_("Record an agreed measure"), cancel_url=process_url(process)
    )


def _mark_done(
    request: HttpRequest, process: Process, complete: Callable[[Any], object], title: str
) -> HttpResponse:
    """The form "done on" of a stage or an agreed measure; `complete(day)` books it."""
    form = StageDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["day"]
        if run(form, lambda: complete(day)):
            messages.success(request, _("Saved."))
            return redirect(process_url(process))
    return form_page(request, form, title=title, cancel_url=process_url(process))


@take_part
def measure_done(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(AgreedMeasure, pk=pk)
    process = coached_process_or_404(request, measure.process_id)
    return _mark_done(
        request,
        process,
        lambda day: services.complete_measure(measure, day=day),
        _("Mark the measure “%(measure)s” done") % {"measure": measure},
    )


@take_part
def stage_done(request: HttpRequest, pk: int) -> HttpResponse:
    stage = get_object_or_404(Stage, pk=pk)
    process = coached_process_or_404(request, stage.process_id)
    return _mark_done(
        request,
        process,
        lambda day: services.complete_stage(stage, day=day, user=request.user),
        _("Mark the stage “%(stage)s” done") % {"stage": stage},
    )


@take_part
def audit_record(request: HttpRequest, pk: int) -> HttpResponse:
    process = coached_process_or_404(request, pk)
    audit = getattr(process, "audit", None)
    initial: dict[str, Any] = {}
    if audit is not None:
        initial = {
            "date": audit.date,
            "auditors": audit.auditors,
            "findings": audit.findings,
            "recommends": audit.recommends,
        }
    form = AuditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.record_audit(process, user=request.user, **data)):
            messages.success(request, _("Saved."))
            return redirect(process_url(process))
    return form_page(request, form, title=_("Record the audit"), cancel_url=process_url(process))


@keep
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_or_404(request.user, pk)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["issued_on"]
        if run(form, lambda: services.issue_certificate(process, issued_on=day, user=request.user)):
            messages.success(request, _("The certificate is issued."))
            return redirect(process_url(process))
    problems = services.certificate_problems(process)
    intro = "\n".join(problems) if problems else _("Every stage is done and the audit recorded.")
    return form_page(
        request,
        form,
        title=_("Issue the certificate for %(institution)s") % {"institution": process.actor.name},
        cancel_url=process_url(process),
        intro=intro,
    )


@take_part
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.certificate_or_404(request.user, pk)
    log_read(request, certificate, "opening:certificate_pdf")
    response = HttpResponse(pdf.certificate_pdf(certificate), content_type="application/pdf")
    name = f"zertifikat-{certificate.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
def public_register(request: HttpRequest) -> HttpResponse:
    """Certified institutions on today's date, for everybody: no person, no result."""
    day = timezone.localdate()
    entries = selectors.public_register(day)
    return render(request, "opening/public_register.html", {"entries": entries, "day": day})
