"""Pages for cases: list, case page with timeline and quick entry, goals, closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.casework import corrections, selectors, services
from teilhabe.casework.access import (
    is_team_lead_of,
    open_to,
    visible_case_or_404,
)
from teilhabe.casework.forms import (
    CaseTeamForm,
    CloseCaseForm,
    GoalForm,
    GoalStatusForm,
    SessionQuickForm,
)
from teilhabe.casework.models import Case, Person
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads

work_with_cases = requires("casework.work_with_cases")


def _case(request: HttpRequest, pk: int) -> Case:
    return visible_case_or_404(request.user, pk)


def _family(case: Case) -> Any:
    """The client's household and the case's co-counselled persons, without the client.
    Two subqueries, not an OR over a join: that made SQLite scan every person."""
    condition = Q(pk__in=Case.co_counselled.through.objects.filter(case=case).values("person_id"))
    if case.client.household_id:
        household = Person.objects.filter(household_id=case.client.household_id)
        condition |= Q(pk__in=household.values("pk"))
    return Person.objects.filter(condition).exclude(pk=case.client_id)


def _household(case: Case, user: Any) -> Any:
    """Who can be present at a session or co-counselled: the household and the
    co-counselled persons, those the user may see or who are in nobody's casework
    (access.open_to); co-counselling opens the person's record to everybody who sees
    this case."""
    return open_to(user, _family(case))


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


def _colleagues(case: Case) -> Any:
    """Who may work on the case: counsellors and team leads of its service."""
    from django.contrib.auth import get_user_model

    from teilhabe.casework.access import CASE_ROLES

    in_service = Q(memberships__services=case.service_id) | Q(memberships__services__isnull=True)
    return (
        get_user_model()
        .objects.filter(
            in_service,
            is_active=True,
            memberships__organisation=case.organisation_id,
            memberships__role__in=CASE_ROLES,
        )
        .distinct()
    )


def _team_form(case: Case, user: Any, data: Any = None) -> CaseTeamForm:
    initial = {
        "responsible": case.responsible_id,
        "shared_with": list(case.shared_with.values_list("pk", flat=True)),
        "co_counselled": list(case.co_counselled.values_list("pk", flat=True)),
    }
    return CaseTeamForm(
        data,
        initial=initial,
        colleagues=_colleagues(case),
        household=_household(case, user),
    )


def _case_page(request: HttpRequest, case: Case, **forms: Any) -> HttpResponse:
    # logged here, not only in case_detail: a form with errors shows the whole case too
    log_read(request, case)
    lead = is_team_lead_of(request.user, case)
    context = {
        "case": case,
        "timeline": selectors.timeline(case, lambda author: lead or author == request.user.pk),
        "correctable_goals": corrections.correctable_goal_ids(request.user, case, lead),
        "goals": case.goals.all(),
        "session_form": forms.get("session_form")
        or SessionQuickForm(household=_household(case, request.user)),
        "goal_form": forms.get("goal_form") or GoalForm(),
        "status_form": GoalStatusForm(),
        "close_form": forms.get("close_form") or CloseCaseForm(),
        "co_counselled": open_to(request.user, case.co_counselled.all()),
        "shared_with": case.shared_with.all(),
        "team_form": forms.get("team_form") or _team_form(case, request.user),
    }
    return render(request, "casework/case_detail.html", context, status=400 if forms else 200)


@work_with_cases
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return _case_page(request, case)


@work_with_cases
@require_POST
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = SessionQuickForm(request.POST, household=_household(case, request.user), case=case)
    if not form.is_valid():
        return _case_page(request, case, session_form=form)
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
    return redirect("casework:case_detail", pk=case.pk)


@work_with_cases
@require_POST
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = GoalForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, goal_form=form)
    services.add_goal(case, user=request.user, **form.cleaned_data)
    messages.success(request, _("Goal added."))
    return redirect("casework:case_detail", pk=case.pk)


@work_with_cases
@require_POST
def goal_status(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = _case(request, pk)
    goal = get_object_or_404(case.goals, pk=goal_pk)
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        services.change_goal_status(goal, user=request.user, **form.cleaned_data)
        messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("The status could not be changed: please check the date."))
    return redirect("casework:case_detail", pk=case.pk)


@work_with_cases
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, close_form=form)
    if form.cleaned_data["closed_on"] < case.opened_on:
        form.add_error("closed_on", _("A case cannot close before it opened."))
        return _case_page(request, case, close_form=form)
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
    form = _team_form(case, request.user, request.POST)
    if not form.is_valid():
        return _case_page(request, case, team_form=form)
    services.set_case_team(
        case,
        responsible=form.cleaned_data["responsible"],
        shared_with=list(form.cleaned_data["shared_with"]),
        # persons the user may not see stay co-counselled: the form does not offer them
        co_counselled=[
            *form.cleaned_data["co_counselled"],
            *case.co_counselled.exclude(pk__in=_household(case, request.user).values("pk")),
        ],
    )
    messages.success(request, _("Saved."))
    return redirect("casework:case_detail", pk=case.pk)
