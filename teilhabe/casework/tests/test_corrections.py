"""Notes in the timeline; a session or goal corrected by its author or the team lead,
with the earlier version kept in the audit log (issue 10, item 3)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    author = users_by_role[Role.COUNSELLOR.value]
    colleague = make_user("kollegin", provider, Role.COUNSELLOR)
    client = Person.objects.create(organisation=provider, first_name="Olena", last_name="K")
    case = services.open_case(
        client=client, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=DAY, access_route="familie", responsible=author,
    )  # fmt: skip
    case.shared_with.add(colleague)
    session = services.record_session(
        case, author=author, present=[], date=DAY, duration_minutes=30, topics=["wohnen"],
        notes="Mietvertrag besprochen",
    )  # fmt: skip
    goal = services.add_goal(case, user=author, area="sprachlich", text="B1", agreed_on=DAY)
    return {"author": author, "colleague": colleague, "lead": users_by_role[Role.TEAM_LEAD.value],
            "case": case, "session": session, "goal": goal}  # fmt: skip


def _session_url(world: dict[str, Any]) -> str:
    return reverse(
        "casework:session_correct",
        kwargs={"pk": world["case"].pk, "session_pk": world["session"].pk},
    )


def test_the_note_is_shown_in_the_timeline_with_a_correction_link(world: dict[str, Any]) -> None:
    page = signed_in_client(world["author"]).get(
        reverse("casework:case_detail", kwargs={"pk": world["case"].pk}) + "?teil=verlauf"
    )
    html = page.content.decode()
    assert "Mietvertrag besprochen" in html
    assert _session_url(world) in html
    # a colleague the case is shared with reads the note but may not correct it
    other = signed_in_client(world["colleague"]).get(
        reverse("casework:case_detail", kwargs={"pk": world["case"].pk}) + "?teil=verlauf"
    )
    assert "Mietvertrag besprochen" in other.content.decode()
    assert _session_url(world) not in other.content.decode()


def test_author_corrects_a_session_and_the_earlier_version_is_kept(world: dict[str, Any]) -> None:
    client = signed_in_client(world["author"])
    response = client.post(
        _session_url(world),
        {"date": "2024-03-01", "duration_minutes": "45", "topics": ["wohnen", "arbeit"],
         "notes": "Mietvertrag und Bewerbung besprochen"},
    )  # fmt: skip
    # back to the history tab, where the corrected session is
    assert response.status_code == 302 and response["Location"].endswith("?teil=verlauf")
    session = world["session"]
    session.refresh_from_db()
    assert session.duration_minutes == 45 and session.notes.startswith("Mietvertrag und")
    entry = LogEntry.objects.get_for_object(session).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["notes"] == [
        "Mietvertrag besprochen",
        "Mietvertrag und Bewerbung besprochen",
    ]
    assert entry.changes["duration_minutes"] == ["30", "45"]
    assert entry.actor == world["author"]
    page = client.get(
        reverse("casework:case_detail", kwargs={"pk": world["case"].pk}) + "?teil=verlauf"
    )
    [event] = [e for e in page.context["timeline"] if e.kind == "session"]
    assert event.corrected and event.note.startswith("Mietvertrag und")


def test_only_author_and_team_lead_correct(world: dict[str, Any]) -> None:
    url = _session_url(world)
    data = {"date": "2024-03-01", "topics": ["wohnen"], "notes": "geändert"}
    assert signed_in_client(world["colleague"]).post(url, data).status_code == 403
    assert signed_in_client(world["lead"]).post(url, data).status_code == 302
    world["session"].refresh_from_db()
    assert world["session"].notes == "geändert"
    jmd = make_user("jmd")
    from teilhabe.accounts.services import add_membership

    add_membership(
        jmd, world["case"].organisation, Role.COUNSELLOR, [Service.objects.get(code="JMD")]
    )
    assert signed_in_client(jmd).post(url, data).status_code == 404  # the case is not theirs


def test_goal_text_and_review_date_are_corrected_not_its_status(world: dict[str, Any]) -> None:
    goal, client = world["goal"], signed_in_client(world["author"])
    url = reverse("casework:goal_correct", kwargs={"pk": world["case"].pk, "goal_pk": goal.pk})
    response = client.post(
        url, {"area": "sprachlich", "text": "B1-Prüfung", "review_on": "2024-06-30"}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.text == "B1-Prüfung" and goal.review_on == datetime.date(2024, 6, 30)
    assert goal.status == "in_bearbeitung" and goal.history.count() == 1
    entry = LogEntry.objects.get_for_object(goal).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["text"] == ["B1", "B1-Prüfung"]
    assert (
        signed_in_client(world["colleague"])
        .post(url, {"area": "sprachlich", "text": "x"})
        .status_code
        == 403
    )
    assert Case.objects.count() == 1
