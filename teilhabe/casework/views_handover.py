"""Hand-over with consent: propose, the recipient's inbox, accept or decline, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.casework import handover
from teilhabe.casework.access import visible_cases, visible_consents, visible_persons
from teilhabe.casework.forms import HandoverForm
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads

work_with_cases = requires("casework.work_with_cases")


@work_with_cases
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(visible_cases(request.user).select_related("client"), pk=pk)
    form = HandoverForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        organisation_id, service_id = form.recipient_ids()
        data = form.cleaned_data
        try:
            consent = handover.record_consent(
                case.client,
                user=request.user,
                recipient_id=organisation_id,
                recipient_service_id=service_id,
                purpose=data["purpose"],
                given_on=data["given_on"],
                explained_language=data["explained_language"],
                refusal_explained=data["refusal_explained"],
                withdrawal_explained=data["withdrawal_explained"],
            )
            handover.propose(
                case, consent=consent, kind=data["kind"], note=data["note"], user=request.user
            )
        except handover.HandoverRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Hand-over proposed to %s.") % consent.recipient)
            return redirect("casework:case_detail", pk=case.pk)
    log_read(request, case, "handover")
    return render(request, "casework/handover_form.html", {"case": case, "form": form})


@work_with_cases
def inbox(request: HttpRequest) -> HttpResponse:
    referrals = list(handover.inbox(request.user))
    # each proposal names the person: a read by the receiving service before it decides
    log_reads(request, [referral.consent.person for referral in referrals], "handover-inbox")
    return render(request, "casework/handover_inbox.html", {"referrals": referrals})


@work_with_cases
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(handover.inbox(request.user), pk=pk)
    try:
        if request.POST.get("decision") == "accept":
            case = handover.accept(referral, user=request.user)
            messages.success(request, _("Hand-over accepted; the case is open."))
            return redirect("casework:case_detail", pk=case.pk)
        handover.decline(referral)
        messages.success(request, _("Hand-over declined."))
    except handover.HandoverRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("casework:handover_inbox")


@work_with_cases
@require_POST
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(visible_persons(request.user), consents__pk=pk)
    consent = get_object_or_404(visible_consents(request.user, person), pk=pk)
    handover.withdraw(consent)
    messages.success(request, _("Consent withdrawn; the recipient no longer has access."))
    return redirect("casework:client_detail", pk=consent.person_id)
