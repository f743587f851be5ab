"""Clearing pages: the list of clearings (with the year's figures), the QM counsellor's
record, and a clearing's page where the KIM case manager accepts or returns it.

Every page goes through `clearing.visible_clearings`, i.e. through casework's access:
a clearing the user may not see is a 404. The pages name the person, so each read is
logged as casework's pages log theirs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.mediation import clearing
from teilhabe.mediation.forms_clearing import ClearingForm, DecisionForm
from teilhabe.mediation.views import form_page

work_with_cases = requires("casework.work_with_cases")


@work_with_cases
def clearing_list(request: HttpRequest) -> HttpResponse:
    year = params.year(request.GET, default=timezone.localdate().year)
    visible = clearing.visible_clearings(request.user)
    items = list(visible.filter(recorded_at__year=year))
    log_reads(request, [item.referral.source_case.client for item in items], "clearing-list")
    context = {
        "year": year,
        "items": items,
        "figures": clearing.figures(visible, year),
        "can_record": clearing.open_referrals(request.user).exists(),
    }
    return render(request, "mediation/clearing_list.html", context)


@work_with_cases
def clearing_create(request: HttpRequest) -> HttpResponse:
    referrals = clearing.open_referrals(request.user)
    form = ClearingForm(request.POST or None, referrals=referrals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = clearing.record(
                data["referral"],
                criteria=data["criteria"],
                assessment=data["assessment"],
                mediator=data["mediator"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The clearing was recorded."))
            return redirect("mediation:clearing_detail", pk=item.pk)
    log_reads(request, [r.source_case.client for r in referrals], "clearing-form")
    return form_page(request, form, _("New clearing"), reverse("mediation:clearing_list"))


@work_with_cases
def clearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = clearing.clearing_or_404(request.user, pk)
    log_read(request, item.referral.source_case.client, "clearing")
    decide = clearing.can_decide(request.user, item)
    context = {
        "item": item,
        "criteria": item.criteria.all(),
        "form": DecisionForm() if decide else None,
    }
    return render(request, "mediation/clearing_detail.html", context)


@work_with_cases
@require_POST
def clearing_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = clearing.clearing_or_404(request.user, pk)
    form = DecisionForm(request.POST)
    if clearing.can_decide(request.user, item) and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "annehmen":
                case = clearing.accept(item, user=request.user)
                messages.success(request, _("Accepted into case management; the case is open."))
                return redirect("casework:case_detail", pk=case.pk)
            clearing.give_back(item, recommendation=data["recommendation"], user=request.user)
            messages.success(request, _("The clearing was returned with your recommendation."))
            return redirect("mediation:clearing_list")
        except ValidationError as error:
            form.add_error(None, error.messages)
    elif not clearing.can_decide(request.user, item):
        form.add_error(None, _("Only the receiving case management decides an open clearing."))
    context = {"item": item, "criteria": item.criteria.all(), "form": form}
    return render(request, "mediation/clearing_detail.html", context, status=400)
