"""The public application pages: no account, the link with its token opens the
applicant's own application and nothing else. Nothing here shows another application."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import ratelimit
from teilhabe.core.access import public
from teilhabe.core.audit_trail import log_read
from teilhabe.core.middleware import client_address
from teilhabe.documents import storage
from teilhabe.grants import applications, payments
from teilhabe.grants.application_models import Application, Grant
from teilhabe.grants.forms_grants import PaymentRequestForm
from teilhabe.grants.forms_public import ApplicationForm, DocumentForm, StartForm, initial_from
from teilhabe.grants.grant_models import GrantNotice

# (count, seconds) per address: every public request (slows the guessing of links) and
# started applications (each sends a mail: a script must not make the city's server
# mail invented addresses). settings.GRANTS_PUBLIC_RATE overrides either.
RATE = {"address": (120, 600), "start": (10, 3600)}


def too_many_requests(request: HttpRequest, scope: str) -> HttpResponse | None:
    rate = {**RATE, **getattr(settings, "GRANTS_PUBLIC_RATE", {})}[scope]
    return ratelimit.refusal(request, f"grants-public-{scope}", client_address(request) or "", rate)


def _send_link(request: HttpRequest, application: Application, token: str) -> str:
    link = request.build_absolute_uri(reverse("grants:public:draft", kwargs={"token": token}))
    send_mail(
        _("Your application: %(title)s") % {"title": application.title[:100]},
        _(
            "You can return to your application and follow its status with this link:\n\n"
            "%(link)s\n\nKeep it safe: whoever has the link can open the application."
        )
        % {"link": link},
        None,
        [application.contact_email],
    )
    return link


@public
def start(request: HttpRequest) -> HttpResponse:
    refused = too_many_requests(request, "address")
    if refused is None and request.method == "POST":
        refused = too_many_requests(request, "start")
    if refused is not None:
        return refused
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application, token = applications.start(
                form.cleaned_data["fund"],
                timezone.localdate().year,
                form.model_fields(),
                form.lines(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            _send_link(request, application, token)
            messages.success(
                request,
                _("Your draft is saved. We have sent the link to it to %(email)s.")
                % {"email": application.contact_email},
            )
            return redirect("grants:public:draft", token=token)
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/public_start.html", {"form": form}, status=status)


@public
def draft(request: HttpRequest, token: str) -> HttpResponse:
    refused = too_many_requests(request, "address")
    if refused is not None:
        return refused
    application = applications.by_token(token)
    if application is None:
        raise Http404
    editable = application.status in applications.EDITABLE
    form = ApplicationForm(initial=initial_from(application)) if editable else None
    document_form = DocumentForm() if editable else None
    grant = Grant.objects.filter(application=application).first()
    request_form = PaymentRequestForm() if grant is not None else None
    action = request.POST.get("action")
    if request.method == "POST" and grant is not None and action == "payment_request":
        request_form = PaymentRequestForm(request.POST)
        if request_form.is_valid():
            data = request_form.cleaned_data
            try:
                payments.request_payment(grant, data["amount"], data["note"], None)
            except ValidationError as error:
                request_form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your payment request has been sent."))
                return redirect("grants:public:draft", token=token)
    if request.method == "POST" and editable:
        try:
            if action in ("save", "submit"):
                form = ApplicationForm(request.POST, submitting=action == "submit")
                if form.is_valid():
                    applications.save_draft(application, form.model_fields(), form.lines())
                    if action == "submit":
                        applications.submit(application)
                        messages.success(request, _("Your application has been submitted."))
                    else:
                        messages.success(request, _("Your draft is saved."))
                    return redirect("grants:public:draft", token=token)
            elif action == "upload":
                document_form = DocumentForm(request.POST, request.FILES)
                if document_form.is_valid():
                    upload = document_form.cleaned_data["document"]
                    applications.add_document(application, upload.name or "", upload)
                    messages.success(request, _("The document is added."))
                    return redirect("grants:public:draft", token=token)
        except ValidationError as error:
            target = document_form if action == "upload" else form
            if target is not None:
                target.add_error(None, error.messages)
    context = {
        "application": application,
        "form": form,
        "document_form": document_form,
        "history": application.history.all(),
        "documents": application.documents.all(),
        "costs": application.costs.all(),
        "grant": grant,
        "money": payments.money(grant) if grant is not None else None,
        "payment_requests": grant.payment_requests.all() if grant is not None else [],
        "request_form": request_form,
        "notice_url": reverse("grants:public:notice", kwargs={"token": token})
        if _latest_notice(application)
        else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/public_draft.html", context, status=status)


def _latest_notice(application: Application) -> GrantNotice | None:
    """The notice in force: a notice issued again replaces the earlier one."""
    return (
        GrantNotice.objects.filter(grant__application=application)
        .order_by("-created_at", "-pk")
        .first()
    )


@public
def notice(request: HttpRequest, token: str) -> HttpResponseBase:
    """The grant notice of the link's application, the same PDF staff download."""
    refused = too_many_requests(request, "address")
    if refused is not None:
        return refused
    application = applications.by_token(token)
    if application is None:
        raise Http404
    latest = _latest_notice(application)
    if latest is None:
        raise Http404
    name = f"{_('grant-notice')}-{application.year}-{application.pk}.pdf"
    response = storage.download(latest.file_id, name, storage.PDF)
    log_read(request, latest, "grant notice:download by the application's link")
    # The link is the only key: no cache along the way keeps a copy.
    response["Cache-Control"] = "no-store, private"
    return response
