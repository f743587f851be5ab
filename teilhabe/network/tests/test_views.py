"""The network pages through the test client: search and filters, the forms' write
paths, refusals with a message and nothing stored, edit conflicts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Agreement,
    Attendance,
    Body,
    BodyMembership,
    ContactPerson,
    Decision,
    Meeting,
)
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db: None) -> dict[str, Area]:
    city = Area.objects.create(code="T", name="Teststadt")
    return {
        "city": city,
        "west": Area.objects.create(code="T-1", name="Westhagen", parent=city, level=1),
        "port": Area.objects.create(code="T-2", name="Am Hafen", parent=city, level=1),
    }


def listed(response: Any) -> list[str]:
    return [actor.name for actor in response.context["actors"]]


def test_directory_search_by_name_contact_kind_and_district(
    net: dict[str, Any], areas: dict[str, Area], users_by_role: dict[str, User]
) -> None:
    net["school"].districts.set([areas["west"]])
    net["mosque"].districts.set([areas["port"]])
    net["city"].districts.set([areas["city"]])  # serves every district
    ContactPerson.objects.create(actor=net["mosque"], name="Hasan Öztürk", function="Vorstand")
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    url = reverse("network:actor_list")
    assert listed(client.get(url, {"q": "öztürk"})) == ["Moscheegemeinde"]
    assert listed(client.get(url, {"q": "OZTURK vorstand"})) == ["Moscheegemeinde"]
    assert listed(client.get(url, {"q": "ozturk schule"})) == []  # every word must match
    assert listed(client.get(url, {"q": "grundschule"})) == ["Grundschule Ost"]
    school_kind = ActorKind.objects.get(code="schule")
    assert listed(client.get(url, {"art": school_kind.pk})) == ["Grundschule Ost"]
    west = listed(client.get(url, {"stadtteil": areas["west"].pk}))
    assert west == ["Grundschule Ost", "Stadt Teststadt"]
    assert listed(client.get(url, {"stadtteil": areas["city"].pk})) == ["Stadt Teststadt"]
    assert client.get(url, {"q": "gibt es nicht"}).context["count"] == 0


def test_the_coordinator_adds_an_actor_and_a_contact(
    areas: dict[str, Area], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    kind = ActorKind.objects.get(code="auslaenderbehoerde")
    response = client.post(
        reverse("network:actor_create"),
        {
            "name": "Ausländerbehörde",
            "kind": kind.pk,
            "districts": [areas["city"].pk],
            "is_active": "on",
        },
    )
    actor = Actor.objects.get(name="Ausländerbehörde")
    assert response.url == reverse("network:actor_detail", args=[actor.pk])
    assert list(actor.districts.all()) == [areas["city"]]
    client.post(
        reverse("network:contact_create", args=[actor.pk]),
        {"name": "Petra Kowalski", "function": "Sachgebietsleitung", "email": "p@k.example"},
    )
    contact = actor.contacts.get()
    assert contact.email == "p@k.example"
    page = client.get(reverse("network:actor_detail", args=[actor.pk]))
    assert "Petra Kowalski" in page.content.decode()
    client.post(reverse("network:contact_delete", args=[contact.pk]))
    assert not ContactPerson.objects.exists()


def test_a_stale_actor_form_keeps_the_other_edit(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.ADMINISTRATOR.value])
    school = net["school"]
    data = {
        "name": school.name,
        "kind": school.kind_id,
        "is_active": "on",
        "version": school.version,
    }
    assert (
        client.post(
            reverse("network:actor_edit", args=[school.pk]), {**data, "phone": "1"}
        ).status_code
        == 302
    )
    with translation.override("en"):
        stale = client.post(
            reverse("network:actor_edit", args=[school.pk]),
            {**data, "phone": "2"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert stale.status_code == 400
    assert Actor.objects.get(pk=school.pk).phone == "1"


def test_a_team_lead_runs_a_meeting_of_their_working_group(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    lead = users_by_role[Role.TEAM_LEAD.value]
    client = signed_in_client(lead)
    response = client.post(
        reverse("network:body_create"),
        {
            "name": "Elternnetzwerk",
            "kind": "arbeitsgruppe",
            "owner": net["diakonie"].organisation_id,
            "is_active": "on",
        },
    )
    body = Body.objects.get(name="Elternnetzwerk")
    assert response.url == reverse("network:body_detail", args=[body.pk])
    client.post(
        reverse("network:member_create", args=[body.pk]),
        {"actor": net["diakonie"].pk, "function": "vorsitz", "term_from": "2025-01-01"},
    )
    client.post(
        reverse("network:member_create", args=[body.pk]),
        {
            "actor": net["school"].pk,
            "person_name": "Sabine Roth",
            "function": "mitglied",
            "term_from": "2025-01-01",
        },
    )
    chair = body.memberships.get(function="vorsitz")
    school = body.memberships.get(function="mitglied", person_name="Sabine Roth")
    client.post(
        reverse("network:meeting_create", args=[body.pk]),
        {
            "held_on": "2025-03-04",
            "starts_at": "16:00",
            "place": "Westhagen",
            "agenda": "Begrüßung\n\nKurse\n",
        },
    )
    meeting = Meeting.objects.get(body=body)
    assert [i.title for i in meeting.agenda_items.all()] == ["Begrüßung", "Kurse"]
    client.post(reverse("network:agenda_add", args=[meeting.pk]), {"title": "Verschiedenes"})
    client.post(
        reverse("network:attendance", args=[meeting.pk]),
        {f"m{chair.pk}": "anwesend", f"m{school.pk}": "entschuldigt", "version": meeting.version},
    )
    assert dict(Attendance.objects.values_list("membership_id", "status")) == {
        chair.pk: "anwesend",
        school.pk: "entschuldigt",
    }
    meeting.refresh_from_db()
    client.post(
        reverse("network:meeting_edit", args=[meeting.pk]),
        {
            "held_on": "2025-03-04",
            "place": "Westhagen",
            "minutes": "Kurse besprochen.",
            "version": meeting.version,
        },
    )
    item = meeting.agenda_items.get(position=2)
    client.post(
        reverse("network:decision_create", args=[meeting.pk]),
        {
            "text": "Kursliste erstellen",
            "agenda_item": item.pk,
            "responsible_actor": net["school"].pk,
            "due_on": "2025-06-30",
        },
    )
    decision = Decision.objects.get(text="Kursliste erstellen")
    assert (decision.recorded_by, decision.agenda_item, decision.status) == (lead, item, "offen")
    client.post(
        reverse("network:decision_edit", args=[decision.pk]),
        {
            "text": decision.text,
            "status": "erledigt",
            "status_on": "2025-06-20",
            "version": decision.version,
        },
    )
    decision.refresh_from_db()
    assert (decision.status, decision.status_on) == ("erledigt", datetime.date(2025, 6, 20))
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk]))
    assert page.context["attendance_counts"] == {"anwesend": 1, "entschuldigt": 1, "abwesend": 0}
    assert "Kurse besprochen." in page.content.decode()


def test_a_provider_cannot_convene_a_body_for_another_organisation(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    response = client.post(
        reverse("network:body_create"),
        {"name": "Fremd", "kind": "arbeitsgruppe", "owner": net["city"].organisation_id},
    )
    assert response.status_code == 400
    assert not Body.objects.filter(name="Fremd").exists()


def test_a_seat_without_actor_and_person_is_refused_with_a_message(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    before = BodyMembership.objects.count()
    with translation.override("en"):
        response = client.post(
            reverse("network:member_create", args=[net["ag"].pk]),
            {"function": "mitglied", "term_from": "2025-01-01"},
        )
        errors = list(response.context["form"].non_field_errors())
    assert response.status_code == 400
    assert errors == ["Geben Sie einen Akteur, eine Person oder beides an."]
    assert BodyMembership.objects.count() == before


def test_decisions_list_filters_by_status_body_and_overdue(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    ag_decision = net["decisions"]["AG Sprache"]
    ag_decision.due_on = datetime.date(2025, 4, 1)
    ag_decision.save()
    done = net["decisions"]["Runder Tisch"]
    done.status = Decision.Status.DONE
    done.save()
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("network:decision_list")

    def texts(**query: Any) -> list[str]:
        return [d.text for d in client.get(url, query).context["decisions"]]

    assert texts() == ["Beschluss AG Sprache", "Beschluss Integrationsrat"]  # dated first
    assert texts(status="erledigt") == ["Beschluss Runder Tisch"]
    assert texts(status="", gremium=net["round_table"].pk) == ["Beschluss Runder Tisch"]
    assert texts(status="pending", ueberfaellig="on") == ["Beschluss AG Sprache"]


def test_a_provider_records_an_agreement_with_itself_as_party(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.VOLUNTEER_COORDINATOR.value])
    form = client.get(reverse("network:agreement_create")).context["form"]
    assert [a.pk for a in form.initial["parties"]] == [net["diakonie"].pk]
    refused = client.post(
        reverse("network:agreement_create"),
        {
            "subject": "Ohne uns",
            "parties": [net["school"].pk, net["mosque"].pk],
            "signed_on": "2025-01-01",
        },
    )
    assert refused.status_code == 400
    client.post(
        reverse("network:agreement_create"),
        {
            "subject": "Mit uns",
            "parties": [net["diakonie"].pk, net["school"].pk],
            "valid_from": "2025-02-01",
        },
    )
    assert Agreement.objects.filter(subject="Mit uns").exists()
    assert not Agreement.objects.filter(subject="Ohne uns").exists()
    in_force = client.get(reverse("network:agreement_list"), {"gueltig": "heute"})
    assert {a.subject for a in in_force.context["agreements"]} == {"Schule", "Mit uns"}


def test_body_page_counts_each_meetings_attendance_and_pending_decisions_once(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    body, meeting = net["round_table"], net["meetings"]["Runder Tisch"]
    seats = list(body.memberships.order_by("pk"))
    for seat, status in zip(seats, ["anwesend", "anwesend", "entschuldigt"], strict=True):
        Attendance.objects.create(meeting=meeting, membership=seat, status=status)
    from teilhabe.network import services

    services.record_decision(meeting, user=None, text="Zweiter Beschluss")
    services.record_decision(meeting, user=None, text="Dritter Beschluss")
    Decision.objects.filter(text="Dritter Beschluss").update(status="erledigt")
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    page = client.get(reverse("network:body_detail", args=[body.pk]))
    [row] = page.context["meetings"]
    assert (row.present, row.open_decisions) == (2, 2)
    # Chair first, the secretary last.
    functions = [m.function for m in page.context["current_members"]]
    assert functions == ["vorsitz", "mitglied", "geschaeftsfuehrung"]


def test_an_empty_attendance_sheet_starts_with_everyone_present(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    meeting = net["meetings"]["AG Sprache"]
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    url = reverse("network:attendance", args=[meeting.pk])
    sheet = client.get(url)
    assert sheet.context["preset"] is True
    assert {row["field"].value() for row in sheet.context["rows"]} == {"anwesend"}
    chair = BodyMembership.objects.get(body=net["ag"], function="vorsitz")
    school = BodyMembership.objects.get(body=net["ag"], actor=net["school"])
    client.post(url, {f"m{chair.pk}": "anwesend", f"m{school.pk}": "", "version": meeting.version})
    again = client.get(url)
    assert again.context["preset"] is False
    assert {row["member"].pk: row["field"].value() for row in again.context["rows"]} == {
        chair.pk: "anwesend",
        school.pk: "",
    }
