"""Who sees and who records what in the network, object by object and across
organisations (the role matrix covers the permission per URL)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.network import access, selectors

pytestmark = pytest.mark.django_db


def names(queryset: Any) -> set[str]:
    return {str(obj) for obj in queryset}


def test_provider_staff_see_the_bodies_their_organisation_convenes_or_sits_in(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    for role in (Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR):
        user = users_by_role[role.value]
        assert names(access.visible_bodies(user)) == {"AG Sprache", "Runder Tisch"}, role
        # They record in the body they convene, not in the city's round table.
        assert names(access.recordable_bodies(user)) == {"AG Sprache"}, role


def test_a_secretary_seat_lets_another_provider_keep_the_minutes(
    net: dict[str, Any], caritas_lead: User
) -> None:
    assert names(access.visible_bodies(caritas_lead)) == {"Runder Tisch"}
    assert names(access.recordable_bodies(caritas_lead)) == {"Runder Tisch"}


def test_the_city_and_the_administrator_see_and_record_the_whole_network(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    for role in (Role.INTEGRATION_COORDINATOR, Role.ADMINISTRATOR):
        user = users_by_role[role.value]
        everything = {"AG Sprache", "Runder Tisch", "Integrationsrat"}
        assert names(access.visible_bodies(user)) == everything
        assert names(access.recordable_bodies(user)) == everything
        assert names(access.visible_agreements(user)) == {"Schule", "Moschee"}


@pytest.mark.parametrize(
    "role",
    [Role.COUNSELLOR, Role.STATISTICS, Role.DATA_PROTECTION_OFFICER],
)
def test_roles_outside_the_network_see_no_body_decision_or_agreement(
    net: dict[str, Any], users_by_role: dict[str, User], role: Role
) -> None:
    user = users_by_role[role.value]
    assert not access.visible_bodies(user).exists()
    assert not access.visible_decisions(user).exists()
    assert not access.visible_agreements(user).exists()


def test_pages_of_another_organisations_body_are_404_and_of_a_seen_one_403(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    council, round_table = net["council"], net["round_table"]
    council_meeting = net["meetings"]["Integrationsrat"]
    for name, pk in [
        ("network:body_detail", council.pk),
        ("network:body_edit", council.pk),
        ("network:meeting_detail", council_meeting.pk),
        ("network:attendance", council_meeting.pk),
        ("network:decision_edit", net["decisions"]["Integrationsrat"].pk),
    ]:
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    # The round table is seen (a seat) but recorded by the city and caritas only.
    assert client.get(reverse("network:body_detail", args=[round_table.pk])).status_code == 200
    meeting = net["meetings"]["Runder Tisch"]
    assert client.get(reverse("network:meeting_detail", args=[meeting.pk])).status_code == 200
    for name, pk in [
        ("network:body_edit", round_table.pk),
        ("network:member_create", round_table.pk),
        ("network:meeting_create", round_table.pk),
        ("network:meeting_edit", meeting.pk),
        ("network:attendance", meeting.pk),
    ]:
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 403, name
    posted = client.post(reverse("network:decision_create", args=[meeting.pk]), {"text": "x"})
    assert posted.status_code == 403
    assert not meeting.decisions.filter(text="x").exists()


def test_the_meeting_page_offers_forms_only_to_those_who_record(
    net: dict[str, Any], users_by_role: dict[str, User], caritas_lead: User
) -> None:
    meeting = net["meetings"]["Runder Tisch"]
    url = reverse("network:meeting_detail", args=[meeting.pk])
    form_action = reverse("network:decision_create", args=[meeting.pk]).encode()
    seen = signed_in_client(users_by_role[Role.TEAM_LEAD.value]).get(url)
    assert form_action not in seen.content
    recorded = signed_in_client(caritas_lead).get(url)
    assert form_action in recorded.content


def test_agreements_are_seen_by_their_parties_only(
    net: dict[str, Any], users_by_role: dict[str, User], caritas_lead: User
) -> None:
    lead = users_by_role[Role.TEAM_LEAD.value]
    assert names(access.visible_agreements(lead)) == {"Schule"}
    assert names(access.visible_agreements(caritas_lead)) == {"Moschee"}
    client = signed_in_client(lead)
    mosque = net["mosque_agreement"]
    assert client.get(reverse("network:agreement_detail", args=[mosque.pk])).status_code == 404
    assert client.get(reverse("network:agreement_edit", args=[mosque.pk])).status_code == 404
    listing = client.get(reverse("network:agreement_list"))
    assert [a.subject for a in listing.context["agreements"]] == ["Schule"]


def test_decisions_across_meetings_show_the_visible_bodies_only(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    lead = users_by_role[Role.TEAM_LEAD.value]
    assert names(selectors.decision_list(lead)) == {
        "Beschluss AG Sprache",
        "Beschluss Runder Tisch",
    }
    page = signed_in_client(lead).get(reverse("network:decision_list"))
    assert {d.text for d in page.context["decisions"]} == {
        "Beschluss AG Sprache",
        "Beschluss Runder Tisch",
    }
    # Only the AG's decision can be changed from the list.
    assert page.context["recordable"] == {net["ag"].pk}


def test_the_actor_page_shows_seats_and_agreements_the_user_may_see(
    net: dict[str, Any], users_by_role: dict[str, User], caritas_lead: User
) -> None:
    url = reverse("network:actor_detail", args=[net["diakonie"].pk])
    lead_page = signed_in_client(users_by_role[Role.TEAM_LEAD.value]).get(url)
    assert {seat.body.name for seat in lead_page.context["seats"]} == {"AG Sprache", "Runder Tisch"}
    assert [a.subject for a in lead_page.context["agreements"]] == ["Schule"]
    caritas_page = signed_in_client(caritas_lead).get(url)
    assert {seat.body.name for seat in caritas_page.context["seats"]} == {"Runder Tisch"}
    assert list(caritas_page.context["agreements"]) == []


def test_a_counsellor_finds_contacts_but_nothing_of_the_bodies(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    page = client.get(reverse("network:actor_detail", args=[net["diakonie"].pk]))
    assert page.status_code == 200
    assert b'id="seats-heading"' not in page.content
    assert client.get(reverse("network:body_list")).status_code == 403
    assert client.get(reverse("network:actor_create")).status_code == 403


def test_only_the_city_keeps_the_actor_directory(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    url = reverse("network:actor_edit", args=[net["school"].pk])
    for role in Role:
        user = users_by_role[role.value]
        expected = 200 if role in (Role.INTEGRATION_COORDINATOR, Role.ADMINISTRATOR) else 403
        assert signed_in_client(user).get(url).status_code == expected, role
