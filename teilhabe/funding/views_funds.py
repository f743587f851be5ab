"""Pages of the funds: every fund's money in a year (`?jahr=`), a fund's budgets and
ledger, and the coordinator's forms for funds and budgets. Bookings are written by
the grants process through `funding/services.py`, never on these pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.funding import figures, selectors, services
from teilhabe.funding.forms import BudgetForm, FundForm
from teilhabe.funding.models import Fund
from teilhabe.funding.views_programmes import (
    form_page,
    keep_programmes,
    run_service,
    view_programmes,
)


@view_programmes
def fund_list(request: HttpRequest) -> HttpResponse:
    year = params.year(request.GET, default=timezone.localdate().year)
    rows = figures.funds_figures(selectors.fund_list(), year)
    totals = {
        "budget": sum((row.budget for row in rows), figures.ZERO),
        "committed": sum((row.committed for row in rows), figures.ZERO),
        "paid": sum((row.paid for row in rows), figures.ZERO),
        "free": sum((row.free for row in rows), figures.ZERO),
    }
    context = {"rows": rows, "year": year, "totals": totals, "tab": "funds"}
    return render(request, "funding/fund_list.html", context)


@view_programmes
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.select_related("programme", "area"), pk=pk)
    year = params.year(request.GET, default=timezone.localdate().year)
    context = {
        "fund": fund,
        "year": year,
        "figures": figures.fund_figures(fund, year),
        "years": [figures.fund_figures(fund, other) for other in figures.years_of(fund)],
        "bookings": fund.bookings.filter(year=year).order_by("booked_on", "pk"),
        "tab": "funds",
    }
    return render(request, "funding/fund_detail.html", context)


@keep_programmes
def fund_create(request: HttpRequest) -> HttpResponse:
    form = FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fund = form.save(commit=False)
        if run_service(form, lambda: services.save_fund(fund)):
            messages.success(request, _("Saved."))
            return redirect("funding:fund_detail", pk=fund.pk)
    cancel = reverse("funding:fund_list")
    return form_page(request, form, title=_("New fund"), cancel_url=cancel, tab="funds")


@keep_programmes
def fund_edit(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund, pk=pk)
    form = FundForm(request.POST or None, instance=fund, initial={"version": fund.version})
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_fund(changed, version)):
            messages.success(request, _("Saved."))
            return redirect("funding:fund_detail", pk=pk)
    cancel = reverse("funding:fund_detail", kwargs={"pk": pk})
    return form_page(request, form, title=fund.name, cancel_url=cancel, tab="funds")


@keep_programmes
def budget_set(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund, pk=pk)
    initial = {"year": params.year(request.GET, default=timezone.localdate().year)}
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        year, amount = form.cleaned_data["year"], form.cleaned_data["amount"]
        if run_service(form, lambda: services.set_budget(fund, year, amount)):
            messages.success(request, _("Saved."))
            return redirect(reverse("funding:fund_detail", kwargs={"pk": pk}) + f"?jahr={year}")
    title = _("Budget of %(fund)s") % {"fund": fund.name}
    cancel = reverse("funding:fund_detail", kwargs={"pk": pk})
    return form_page(request, form, title=title, cancel_url=cancel, tab="funds")
