"""The dashboard panels: reviews due (reminders and goal reviews) and my appointments."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.appointments import selectors, services
from teilhabe.casework import services as casework
from teilhabe.casework.models import Case
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)  # a Tuesday


def _remind(case: Case, day: str, text: str) -> Any:
    return services.add_reminder(
        case, author=None, due_on=datetime.date.fromisoformat(day), text=text
    )


def _goal(case: Case, text: str, review_on: str) -> Any:
    return casework.add_goal(
        case,
        user=None,
        area="sprachlich",
        text=text,
        agreed_on=datetime.date(2025, 2, 1),
        review_on=datetime.date.fromisoformat(review_on),
    )


def test_reviews_due_lists_due_and_overdue_items_only(
    provider: Any, case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    from teilhabe.appointments.tests.conftest import open_case

    _remind(case, "2026-03-10", "due today")
    _remind(case, "2026-03-01", "overdue")
    _remind(case, "2026-03-11", "tomorrow")
    done = _remind(case, "2026-03-02", "done")
    services.set_done(done, user=counsellor, done=True)
    _goal(case, "goal review overdue", "2026-03-05")
    reviewed = _goal(case, "goal reviewed", "2026-03-05")
    casework.change_goal_status(
        reviewed,
        user=counsellor,
        status="in_bearbeitung",
        set_on=datetime.date(2026, 3, 6),
        note="",
    )
    _goal(case, "goal review later", "2026-03-20")
    reached = _goal(case, "goal reached", "2026-03-01")
    casework.change_goal_status(
        reached, user=counsellor, status="erreicht", set_on=datetime.date(2026, 2, 20), note=""
    )
    lead = users_by_role["team_lead"]
    shared = open_case(provider, lead, name="Geteilt")
    shared.shared_with.add(counsellor)
    _remind(shared, "2026-03-09", "shared case")
    not_mine = open_case(provider, lead, name="Fremd")
    _remind(not_mine, "2026-03-01", "case of the team lead")
    closed = open_case(provider, counsellor, name="Abgeschlossen")
    _remind(closed, "2026-03-01", "closed case")
    closed.closed_on = datetime.date(2026, 3, 3)
    closed.save()

    items = selectors.reviews_due(counsellor, TODAY)

    assert [(item.due_on.isoformat(), item.text, item.overdue) for item in items] == [
        ("2026-03-01", "overdue", True),
        ("2026-03-05", "goal review overdue", True),
        ("2026-03-09", "shared case", True),
        ("2026-03-10", "due today", False),
    ]
    goal_item = items[1]
    assert goal_item.is_goal_review and goal_item.url.endswith("?teil=plan")
    assert items[0].url == reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine"
    # the team lead is responsible for the two other open cases only
    assert [item.text for item in selectors.reviews_due(lead, TODAY)] == [
        "case of the team lead",
        "shared case",
    ]


def test_the_dashboard_shows_both_panels_with_links(case: Case, counsellor: Any) -> None:
    today = timezone.localdate()
    _remind(case, today.isoformat(), "Bescheid prüfen")
    services.book(
        case,
        author=counsellor,
        counsellor=counsellor,
        date=today,
        starts_at=datetime.time(8, 15),
        ends_at=datetime.time(9, 0),
        modality="telefon",
    )
    page = signed_in_client(counsellor).get(reverse("core:dashboard")).content.decode()
    link = reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine"
    assert page.count(link) == 2
    assert "Bescheid prüfen" in page and "08:15" in page
    # the panels name the case by its number, not the client (a panel cannot log a read)
    from django.template.loader import render_to_string

    from teilhabe.appointments import dashboard

    for provider in (dashboard.my_appointments, dashboard.reviews_due):
        panel = provider(counsellor)
        assert panel is not None
        html = render_to_string(panel.template, panel.context)
        assert str(case) in html and "Kovalenko" not in html and "Olena" not in html
