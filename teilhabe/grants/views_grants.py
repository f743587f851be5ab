"""Staff's pages of a grant: the notice (issued as a PDF, downloaded with an audit
entry), payment requests and payments with the fund's money, and the notice's template
per fund or for the installation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.documents import storage
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund
from teilhabe.grants import notice_text, notices, payments
from teilhabe.grants.application_models import Grant
from teilhabe.grants.forms_grants import (
    NoticeForm,
    NoticeTemplateForm,
    PaymentForm,
    PaymentRequestForm,
    RefusalForm,
)
from teilhabe.grants.grant_models import GrantNotice, PaymentRequest

manage = requires("grants.manage_applications")


def _handle(request: HttpRequest, grant: Grant, forms_: dict[str, forms.Form]) -> bool:
    """Runs the posted action; True when it was written (the caller redirects)."""
    action = request.POST.get("action", "")
    today = timezone.localdate()
    open_requests = grant.payment_requests.filter(status=PaymentRequest.Status.OPEN)
    posted: dict[str, forms.Form] = {
        "notice": NoticeForm(request.POST),
        "request": PaymentRequestForm(request.POST),
        "payment": PaymentForm(request.POST, requests=open_requests),
        "refuse": RefusalForm(request.POST, requests=open_requests),
    }
    if action not in posted:
        return False
    form = forms_[action] = posted[action]
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if action == "notice":
            notices.issue(grant, request.user, data, today)
            messages.success(request, _("The grant notice is issued."))
        elif action == "request":
            payments.request_payment(grant, data["amount"], data["note"], request.user)
            messages.success(request, _("The payment request is recorded."))
        elif action == "payment":
            payments.record_payment(
                grant, data["amount"], data["paid_on"], request.user, data["request"]
            )
            messages.success(request, _("The payment is recorded."))
        else:
            payments.refuse_request(data["request"], data["answer"])
            messages.success(request, _("The payment request is refused."))
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


def _notice_initial(application: Any) -> dict[str, Any]:
    return {
        "purpose": application.description or application.title,
        "starts_on": application.starts_on,
        "ends_on": application.ends_on,
    }


@manage
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(Grant.objects.select_related("application__fund", "booking"), pk=pk)
    application = grant.application
    today = timezone.localdate()
    open_requests = grant.payment_requests.filter(status=PaymentRequest.Status.OPEN)
    forms_: dict[str, forms.Form] = {
        "notice": NoticeForm(initial=_notice_initial(application)),
        "request": PaymentRequestForm(),
        "payment": PaymentForm(requests=open_requests, initial={"paid_on": today}),
        "refuse": RefusalForm(requests=open_requests),
    }
    if request.method == "POST" and _handle(request, grant, forms_):
        return redirect("grants:grant_detail", pk=pk)
    log_read(request, application, "grant")  # the page names the applicant's contact
    context: dict[str, Any] = {
        "grant": grant,
        "application": application,
        "money": payments.money(grant),
        "fund": fund_figures(application.fund, grant.booking.year),
        "notices": grant.notices.all(),
        "requests": grant.payment_requests.select_related("requested_by"),
        "payments": grant.payments.select_related("recorded_by"),
        "has_open_requests": open_requests.exists(),
        "forms": forms_,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/grant_detail.html", context, status=status)


@manage
def notice_download(request: HttpRequest, pk: int) -> FileResponse:
    notice = get_object_or_404(GrantNotice.objects.select_related("grant__application"), pk=pk)
    name = f"{_('grant-notice')}-{notice.grant.application.year}-{notice.grant.application_id}.pdf"
    response = storage.download(notice.file_id, name, storage.PDF)
    log_read(request, notice, "grant notice:download")
    return response


@manage
def notice_template(request: HttpRequest) -> HttpResponse:
    """The template of the installation, or of one fund with `?topf=<id>`."""
    fund_id = params.object_id(request.GET, "topf", default=None)
    fund = get_object_or_404(Fund, pk=fund_id) if fund_id is not None else None
    form = NoticeTemplateForm(request.POST or None, initial={"body": notices.template_for(fund)})
    if request.method == "POST" and form.is_valid():
        try:
            notices.save_template(fund, form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "fund": fund,
        "funds": Fund.objects.order_by("name"),
        "placeholders": [
            (f"{{{{ {name} }}}}", label) for name, label in notice_text.PLACEHOLDERS.items()
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/notice_template.html", context, status=status)
