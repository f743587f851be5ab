"""Pages for cases: list, case page with timeline and quick entry, goals, closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.casework import selectors, services
from teilhabe.casework.access import visible_case_or_404
from teilhabe.casework.case_page import (
    OVERVIEW,
    PLAN,
    SESSIONS,
    TEAM,
    household_of,
    redirect_to_tab,
    render_case_page,
    team_form,
)
from teilhabe.casework.forms import (
    CloseCaseForm,
    GoalForm,
    GoalStatusForm,
    SessionQuickForm,
)
from teilhabe.casework.models import Case
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads

work_with_cases = requires("casework.work_with_cases")


def _case(request: HttpRequest, pk: int) -> Case:
    return visible_case_or_404(request.user, pk)


@work_with_cases
def case_list(request: HttpRequest) -> HttpResponse:
    service = params.text(request.GET, "dienst")
    status = params.choice(request.GET, "status", ("open", "closed", "all"), default="open")
    mine = params.choice(request.GET, "meine", ("1",), default="") == "1"
    cases = selectors.case_list(request.user, service=service, status=status, mine=mine)
    page = Paginator(cases, 50).get_page(params.page(request.GET))
    # the page names its clients: one entry per client shown, in one INSERT; list(page)
    # fills the page's cache, so the template reads the same rows without a second query
    log_reads(request, [case.client for case in list(page)], "case-list")
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "cases": page,
        "page": page,
        "query": query.urlencode(),
        "count": page.paginator.count,
        "service": service,
        "status": status,
        "mine": mine,
        "services": CASE_SERVICES,
    }
    return render(request, "casework/case_list.html", context)


@work_with_cases
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render_case_page(request, case)


@work_with_cases
@require_POST
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = SessionQuickForm(
        request.POST, household=household_of(case, request.user), case=case, user=request.user
    )
    if not form.is_valid():
        return render_case_page(request, case, SESSIONS, session_form=form)
    data = form.cleaned_data
    services.record_session(
        case,
        author=request.user,
        present=list(data.get("present", [])),
        date=data["date"],
        duration_minutes=data["duration_minutes"],
        form=data["form"],
        topics=data["topics"],
        language=data["language"],
        interpreter=data["interpreter"] or None,
        notes=data["notes"],
    )
    messages.success(request, _("Session recorded."))
    for notice in form.notices:  # e.g. the team lead recorded into a closed year
        messages.warning(request, notice)
    return redirect_to_tab(case, SESSIONS)


@work_with_cases
@require_POST
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = GoalForm(request.POST, case=case, user=request.user)
    if not form.is_valid():
        return render_case_page(request, case, PLAN, goal_form=form)
    services.add_goal(case, user=request.user, **form.cleaned_data)
    messages.success(request, _("Goal added."))
    for notice in form.notices:
        messages.warning(request, notice)
    return redirect_to_tab(case, PLAN)


@work_with_cases
@require_POST
def goal_status(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = _case(request, pk)
    goal = get_object_or_404(case.goals, pk=goal_pk)
    form = GoalStatusForm(request.POST, case=case, user=request.user)
    if form.is_valid():
        services.change_goal_status(goal, user=request.user, **form.cleaned_data)
        messages.success(request, _("Status changed."))
        for notice in form.notices:
            messages.warning(request, notice)
    else:
        # the date's own problem where there is one (a closed year, no valid date)
        problems = [str(error) for error in form.errors.get("set_on", [])]
        if problems:
            messages.error(request, problems[0])
        else:
            messages.error(request, _("The status could not be changed: please check the date."))
    return redirect_to_tab(case, PLAN)


@work_with_cases
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        return render_case_page(request, case, OVERVIEW, close_form=form)
    if form.cleaned_data["closed_on"] < case.opened_on:
        form.add_error("closed_on", _("A case cannot close before it opened."))
        return render_case_page(request, case, OVERVIEW, close_form=form)
    services.close_case(
        case, closed_on=form.cleaned_data["closed_on"], reason=form.cleaned_data["closing_reason"]
    )
    messages.success(request, _("Case closed."))
    return redirect("casework:case_detail", pk=case.pk)


@work_with_cases
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The integration support plan as a page to print and hand to the client."""
    case = _case(request, pk)
    log_read(request, case, "plan")
    goals = case.goals.prefetch_related("history")
    return render(request, "casework/plan_print.html", {"case": case, "goals": goals})


@work_with_cases
@require_POST
def case_team(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = team_form(case, request.user, request.POST)
    if not form.is_valid():
        return render_case_page(request, case, TEAM, team_form=form)
    services.set_case_team(
        case,
        responsible=form.cleaned_data["responsible"],
        shared_with=list(form.cleaned_data["shared_with"]),
        # persons the user may not see stay co-counselled: the form does not offer them
        co_counselled=[
            *form.cleaned_data["co_counselled"],
            *case.co_counselled.exclude(pk__in=household_of(case, request.user).values("pk")),
        ],
    )
    messages.success(request, _("Saved."))
    return redirect_to_tab(case, TEAM)
