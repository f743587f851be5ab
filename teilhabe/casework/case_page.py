"""The case page in tabs: overview, sessions, plan, team, and the tabs other apps
register (case_sections.py). Only the open tab's data is read, so a long history does
not slow down recording a session, and the page stays short on a phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.casework import corrections, selectors
from teilhabe.casework.access import is_team_lead_of, open_to
from teilhabe.casework.case_sections import sections_for
from teilhabe.casework.forms import (
    CaseTeamForm,
    CloseCaseForm,
    GoalForm,
    GoalStatusForm,
    SessionQuickForm,
)
from teilhabe.casework.models import Case, Person
from teilhabe.casework.models.codes import GoalStatus
from teilhabe.core import params
from teilhabe.core.audit_trail import log_read

OVERVIEW, SESSIONS, PLAN, TEAM = "uebersicht", "verlauf", "plan", "team"


@dataclass(frozen=True)
class Tab:
    key: str
    title: str | Promise
    url: str
    current: bool


def tab_url(case: Case, tab: str) -> str:
    url = reverse("casework:case_detail", kwargs={"pk": case.pk})
    return url if tab == OVERVIEW else f"{url}?teil={tab}"


def redirect_to_tab(case: Case, tab: str) -> HttpResponse:
    return redirect(tab_url(case, tab))


def _family(case: Case) -> Any:
    """The client's household and the case's co-counselled persons, without the client.
    Two subqueries, not an OR over a join: that made SQLite scan every person."""
    condition = Q(pk__in=Case.co_counselled.through.objects.filter(case=case).values("person_id"))
    if case.client.household_id:
        household = Person.objects.filter(household_id=case.client.household_id)
        condition |= Q(pk__in=household.values("pk"))
    return Person.objects.filter(condition).exclude(pk=case.client_id)


def household_of(case: Case, user: Any) -> Any:
    """Who can be present at a session or co-counselled: the household and the
    co-counselled persons, those the user may see or who are in nobody's casework
    (access.open_to); co-counselling opens the person's record to everybody who sees
    this case."""
    return open_to(user, _family(case))


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


def team_form(case: Case, user: Any, data: Any = None) -> CaseTeamForm:
    initial = {
        "responsible": case.responsible_id,
        "shared_with": list(case.shared_with.values_list("pk", flat=True)),
        "co_counselled": list(case.co_counselled.values_list("pk", flat=True)),
    }
    return CaseTeamForm(
        data,
        initial=initial,
        colleagues=_colleagues(case),
        household=household_of(case, user),
    )


def _overview(request: HttpRequest, case: Case, forms: dict[str, Any]) -> dict[str, Any]:
    counted = case.sessions.filter(cancelled_at__isnull=True)
    open_goals = case.goals.filter(status=GoalStatus.IN_PROGRESS)
    return {
        "session_count": counted.count(),
        "last_contact": counted.aggregate(last=Max("date"))["last"],
        "open_goal_count": open_goals.count(),
        "next_review": open_goals.filter(review_on__isnull=False)
        .order_by("review_on")
        .values_list("review_on", flat=True)
        .first(),
        "close_form": forms.get("close_form") or CloseCaseForm(),
        "close_open": "close_form" in forms,
    }


def _sessions(request: HttpRequest, case: Case, forms: dict[str, Any]) -> dict[str, Any]:
    lead = is_team_lead_of(request.user, case)
    return {
        "timeline": selectors.timeline(case, lambda author: lead or author == request.user.pk),
        "session_form": forms.get("session_form")
        or SessionQuickForm(household=household_of(case, request.user)),
    }


def _plan(request: HttpRequest, case: Case, forms: dict[str, Any]) -> dict[str, Any]:
    lead = is_team_lead_of(request.user, case)
    return {
        "goals": case.goals.all(),
        "correctable_goals": corrections.correctable_goal_ids(request.user, case, lead),
        "goal_form": forms.get("goal_form") or GoalForm(),
        "status_form": GoalStatusForm(),
    }


def _team(request: HttpRequest, case: Case, forms: dict[str, Any]) -> dict[str, Any]:
    return {
        "co_counselled": open_to(request.user, case.co_counselled.all()),
        "shared_with": case.shared_with.all(),
        "team_form": forms.get("team_form") or team_form(case, request.user),
    }


Builder = Callable[[HttpRequest, Case, dict[str, Any]], dict[str, Any]]
OWN_TABS: tuple[tuple[str, str | Promise, str, Builder, int], ...] = (
    (OVERVIEW, _("Overview"), "casework/case/overview.html", _overview, 10),
    (SESSIONS, _("History"), "casework/case/sessions.html", _sessions, 20),
    (PLAN, _("Support plan"), "casework/case/plan.html", _plan, 30),
    (TEAM, _("Team"), "casework/case/team.html", _team, 70),
)


def render_case_page(
    request: HttpRequest, case: Case, tab: str | None = None, **forms: Any
) -> HttpResponse:
    """The case page with one tab open; `forms` carries a form with errors back."""
    # logged on every tab and on forms with errors: each shows the case
    log_read(request, case)
    wanted = tab or params.text(request.GET, "teil") or OVERVIEW
    sections = {section.key: section for section in sections_for(request, case)}
    entries: list[tuple[str, str | Promise, int]] = [(k, t, o) for k, t, _tpl, _b, o in OWN_TABS]
    entries += [(s.key, s.title, s.order) for s in sections.values()]
    current, template, context = OVERVIEW, OWN_TABS[0][2], None
    for key, _title, own_template, build, _order in OWN_TABS:
        if key == wanted:
            current, template, context = key, own_template, build(request, case, forms)
    if wanted in sections:
        context = sections[wanted].context(request, case)
        current, template = wanted, sections[wanted].template
    if context is None:  # an unknown tab, or one the section does not open to the reader
        current, template, context = OVERVIEW, OWN_TABS[0][2], _overview(request, case, forms)
    tabs = [
        Tab(key, title, tab_url(case, key), key == current)
        for key, title, _order in sorted(entries, key=lambda entry: entry[2])
    ]
    page = {"case": case, "tabs": tabs, "tab": current, "tab_template": template, **context}
    return render(request, "casework/case_detail.html", page, status=400 if forms else 200)
