"""Pages of the deletion periods: the dry-run list, the run and its history for the
data-protection officer; the periods per service for the administrator."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_q.tasks import async_task

from teilhabe.casework.models import Case
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.retention import selectors, services
from teilhabe.retention.forms import HoldForm, PeriodsForm
from teilhabe.retention.jobs import QUEUED_TASK
from teilhabe.retention.models import LegalHold

view_due = requires("retention.view_due")


@view_due
def overview(request: HttpRequest) -> HttpResponse:
    planned = selectors.plan(timezone.localdate())
    context = {
        "plan": planned,
        "per_service": planned.per_service(),
        "page": Paginator(planned.cases, 100).get_page(params.page(request.GET)),
        "waiting": planned.waiting,
        "waiting_for_years": planned.waiting_for_years(),
        "held": planned.held(),
        "runs": selectors.recent_runs(),
        "active": selectors.active_run(),
        "periods": selectors.period_rows(),
        "hold_form": HoldForm(),
        "requires_closed_years": selectors.requires_closed_years(),
    }
    return render(request, "retention/overview.html", context)


@view_due
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    if request.POST.get("bestaetigt") != "ja":
        messages.error(request, _("Please confirm the deletion."))
        return redirect("retention:overview")
    try:
        started = services.start_run(request.user)
    except services.RunRefused:
        messages.error(request, _("A deletion run is already under way."))
    else:
        async_task(QUEUED_TASK, started.pk)
        messages.success(request, _("The deletion run has been started on the job queue."))
    return redirect("retention:overview")


@view_due
@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    form = HoldForm(request.POST)
    if form.is_valid():
        services.set_hold(case, form.cleaned_data["grund"], request.user)
        messages.success(request, _("The case is kept until the hold is released."))
    else:
        messages.error(request, _("Please give a reason for keeping the case."))
    return redirect("retention:overview")


@view_due
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    services.release_hold(get_object_or_404(LegalHold, case_id=pk))
    messages.success(request, _("The hold is released; the case is deleted when it is due."))
    return redirect("retention:overview")


@requires("retention.manage_periods")
def periods(request: HttpRequest) -> HttpResponse:
    form = PeriodsForm(request.POST or None, rows=selectors.period_rows())
    if request.method == "POST" and form.is_valid():
        services.set_periods(form.years_by_code(), request.user)
        messages.success(request, _("The deletion periods are saved."))
        return redirect("retention:periods")
    return render(request, "retention/periods.html", {"form": form})
