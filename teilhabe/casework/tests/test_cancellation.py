"""A session is cancelled (storniert) with a reason instead of deleted (issue 10, item 3):
by its author or the team lead only, never without a reason, never twice; afterwards it
counts in no figure (annual report, city statistics, benchmark floor, API) but stays in
the case, in the timeline and in the data subject's export, marked as cancelled, and
the audit log keeps the session as it was."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.api.services import issue_token
from teilhabe.bench.floor import export, floor_figures
from teilhabe.casework import corrections, selectors, services
from teilhabe.casework.cancellation import cancel_session
from teilhabe.casework.models import Case, Person, Session
from teilhabe.casework.subject_access import collect
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports import statistics
from teilhabe.reports.figures import Scope, annual_figures

pytestmark = pytest.mark.django_db
OPENED = datetime.date(2024, 1, 10)


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    """One MBE case with two sessions in 2024: the first (30 min, housing) with the
    client's son present, the second (45 min, work) without."""
    author = users_by_role[Role.COUNSELLOR.value]
    colleague = make_user("kollegin", provider, Role.COUNSELLOR)
    client = Person.objects.create(organisation=provider, first_name="Olena", last_name="K")
    son = Person.objects.create(organisation=provider, first_name="Taras", last_name="K")
    case = services.open_case(
        client=client, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=OPENED, access_route="familie", responsible=author,
    )  # fmt: skip
    case.shared_with.add(colleague)  # sees the case, did not record the session
    first = services.record_session(
        case, author=author, present=[son], date=datetime.date(2024, 2, 1),
        duration_minutes=30, topics=["wohnen"], notes="Mietvertrag",
    )  # fmt: skip
    services.record_session(
        case, author=author, present=[], date=datetime.date(2024, 3, 1),
        duration_minutes=45, topics=["arbeit"],
    )  # fmt: skip
    return {
        "author": author,
        "colleague": colleague,
        "lead": users_by_role[Role.TEAM_LEAD.value],
        "case": case,
        "session": first,
        "scope": Scope((provider.pk,), ("MBE",)),
    }


def _url(world: dict[str, Any], name: str = "casework:session_cancel") -> str:
    return reverse(name, kwargs={"pk": world["case"].pk, "session_pk": world["session"].pk})


def _figures(world: dict[str, Any]) -> tuple[int, int, int, dict[str, int]]:
    figures = annual_figures(world["scope"], 2024, with_previous=False)
    return (
        figures["beratungssitzungen"],
        figures["beratungsminuten"],
        figures["personen_erreicht"],
        figures["themen"],
    )


def test_the_author_cancels_and_the_session_counts_nowhere(world: dict[str, Any]) -> None:
    case = world["case"]
    # by hand: two sessions, 30 + 45 minutes; the client and the son present at the first
    assert _figures(world) == (2, 75, 2, {"arbeit": 1, "wohnen": 1})
    city = statistics.count(2024)[(case.organisation_id, "MBE")]["measures"]
    assert (city["beratungssitzungen"], city["personen_erreicht"]) == (2, 2)

    client = signed_in_client(world["author"])
    assert client.get(_url(world)).status_code == 200
    response = client.post(_url(world), {"reason": "Doppelt erfasst"})
    assert response.status_code == 302

    session = Session.objects.get(pk=world["session"].pk)
    assert session.is_cancelled and session.cancelled_by == world["author"]
    assert session.cancel_reason == "Doppelt erfasst"
    assert session.notes == "Mietvertrag" and session.duration_minutes == 30  # kept
    # only the second session counts: 45 minutes, the son no longer reached
    assert _figures(world) == (1, 45, 1, {"arbeit": 1})
    city = statistics.count(2024)[(case.organisation_id, "MBE")]["measures"]
    assert (city["beratungssitzungen"], city["personen_erreicht"]) == (1, 1)
    assert case.sessions.count() == 2 and case.sessions.counted().count() == 1


def test_the_api_leaves_out_a_cancelled_session(world: dict[str, Any]) -> None:
    cancel_session(world["session"], world["author"], "Termin ausgefallen")
    key = issue_token(world["author"], "Auswertung")[1]
    api = signed_in_client(world["author"])  # the API reads the key, not the login
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    found = api.get(reverse("api:case", kwargs={"pk": world["case"].pk})).json()
    assert [s["datum"] for s in found["sitzungen"]] == ["2024-03-01"]


def test_another_counsellor_may_not_cancel(world: dict[str, Any], provider: Organisation) -> None:
    # the colleague sees the case but did not record the session: 403
    assert signed_in_client(world["colleague"]).get(_url(world)).status_code == 403
    refused = signed_in_client(world["colleague"]).post(_url(world), {"reason": "x"})
    assert refused.status_code == 403
    # a counsellor the case is not shared with does not see it at all: 404
    stranger = make_user("fremd", provider, Role.COUNSELLOR)
    assert signed_in_client(stranger).post(_url(world), {"reason": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        cancel_session(world["session"], world["colleague"], "x")
    assert not Session.objects.get(pk=world["session"].pk).is_cancelled


def test_the_team_lead_may_cancel(world: dict[str, Any]) -> None:
    response = signed_in_client(world["lead"]).post(_url(world), {"reason": "Falscher Fall"})
    assert response.status_code == 302
    session = Session.objects.get(pk=world["session"].pk)
    assert session.is_cancelled and session.cancelled_by == world["lead"]


def test_a_reason_is_required(world: dict[str, Any]) -> None:
    response = signed_in_client(world["author"]).post(_url(world), {"reason": "   "})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    with pytest.raises(ValidationError):
        cancel_session(world["session"], world["author"], "  ")
    assert not Session.objects.get(pk=world["session"].pk).is_cancelled


def test_a_cancelled_session_is_neither_corrected_nor_cancelled_again(
    world: dict[str, Any],
) -> None:
    cancel_session(world["session"], world["author"], "Doppelt erfasst")
    client = signed_in_client(world["author"])
    assert client.post(_url(world), {"reason": "noch einmal"}).status_code == 404
    correct = _url(world, "casework:session_correct")
    assert client.post(correct, {"date": "2024-02-02", "duration_minutes": "10"}).status_code == 404
    session = Session.objects.get(pk=world["session"].pk)
    with pytest.raises(ValidationError):
        cancel_session(session, world["author"], "noch einmal")
    with pytest.raises(PermissionDenied):
        corrections.correct_session(session, user=world["author"], duration_minutes=10)
    session.refresh_from_db()
    assert session.cancel_reason == "Doppelt erfasst" and session.duration_minutes == 30


def test_the_audit_history_keeps_the_session_as_it_was(world: dict[str, Any]) -> None:
    signed_in_client(world["author"]).post(_url(world), {"reason": "Doppelt erfasst"})
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Session),
        object_pk=str(world["session"].pk),
    ).order_by("pk")
    created, cancelled = entries.filter(action=LogEntry.Action.CREATE).get(), entries.last()
    assert cancelled is not None and cancelled.action == LogEntry.Action.UPDATE
    changes = cancelled.changes_dict
    assert changes["cancel_reason"] == ["", "Doppelt erfasst"]
    assert changes["cancelled_at"][0] == "None"
    assert cancelled.additional_data["storniert"] == "Doppelt erfasst"
    assert cancelled.actor == world["author"]
    # what was recorded is in the creation entry and unchanged by the cancellation
    assert created.changes_dict["notes"][1] == "Mietvertrag"
    assert not {"notes", "date", "duration_minutes", "topics"} & set(changes)


def test_the_timeline_marks_the_cancelled_session(world: dict[str, Any]) -> None:
    case: Case = world["case"]
    before = [e for e in selectors.timeline(case, lambda _author: True) if e.kind == "session"]
    assert [bool(e.cancel_url) for e in before] == [True, True]
    assert before[1].cancel_url == _url(world)
    # the persons present are logged as an UPDATE after the creation: no correction
    assert not before[1].corrected
    cancel_session(world["session"], world["author"], "Doppelt erfasst")
    events = [e for e in selectors.timeline(case, lambda _author: True) if e.kind == "session"]
    newest, cancelled = events
    assert (newest.cancelled, cancelled.cancelled) == (False, True)
    assert cancelled.cancel_reason == "Doppelt erfasst"
    # neither correction nor cancellation is offered any more; not shown as "corrected"
    assert cancelled.cancel_url == cancelled.correct_url == "" and not cancelled.corrected
    assert newest.cancel_url and newest.correct_url
    # a reader who may not correct gets no cancellation link either
    assert all(not e.cancel_url for e in selectors.timeline(case, lambda _a: False))


def test_the_subject_access_export_shows_the_cancelled_session(world: dict[str, Any]) -> None:
    cancel_session(world["session"], world["author"], "Doppelt erfasst")
    data = collect(world["case"].client, world["author"])
    sessions = {s["date"]: s for s in data["cases"][0]["sessions"]}
    assert sessions["2024-02-01"]["cancelled"] is True
    assert sessions["2024-02-01"]["cancel_reason"] == "Doppelt erfasst"
    assert sessions["2024-03-01"]["cancelled"] is False
    url = reverse("casework:client_export", kwargs={"pk": world["case"].client_id, "fmt": "json"})
    exported = signed_in_client(world["author"]).get(url).json()
    assert [s["cancelled"] for s in exported["cases"][0]["sessions"]].count(True) == 1


def test_the_benchmark_floor_leaves_out_the_cancelled_session(
    world: dict[str, Any], tmp_path: Path
) -> None:
    cancel_session(world["session"], world["author"], "Doppelt erfasst")
    export(tmp_path)
    scope = world["scope"]
    floor = floor_figures(tmp_path, scope.organisation_ids, scope.services, 2024)
    assert floor == annual_figures(scope, 2024)
    assert floor["beratungssitzungen"] == 1 and floor["personen_erreicht"] == 1


def test_the_case_page_offers_the_cancellation_and_shows_the_reason(
    world: dict[str, Any],
) -> None:
    page = reverse("casework:case_detail", kwargs={"pk": world["case"].pk}) + "?teil=verlauf"
    client = signed_in_client(world["author"])
    assert _url(world) in client.get(page).content.decode()
    client.post(_url(world), {"reason": "Termin ausgefallen"})
    html = client.get(page).content.decode()
    assert _url(world) not in html and "Termin ausgefallen" in html
    assert "Mietvertrag" in html  # the cancelled session's note stays readable
