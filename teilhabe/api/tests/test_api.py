"""The API: keys, the same access rules as the pages, every read in the audit log."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.api.models import ApiToken
from teilhabe.api.services import issue_token
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


def bearer(key: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {key}"})


def open_case(name: str, organisation: Organisation, owner: Any) -> Case:
    first, last = name.split()
    person = Person.objects.create(
        organisation=organisation, first_name=first, last_name=last, birth_year=1985
    )
    case = services.open_case(
        client=person,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=datetime.date(2024, 3, 1),
        access_route="familie",
        responsible=owner,
    )
    services.add_goal(
        case, user=owner, area="sprachlich", text="B1", agreed_on=datetime.date(2024, 3, 1)
    )
    return case


@pytest.fixture
def world(provider: Organisation) -> dict[str, Any]:
    other = create_organisation("caritas", "Caritas", ["MBE"])
    mine = make_user("berater1", provider, Role.COUNSELLOR)
    foreign = make_user("fremd", other, Role.COUNSELLOR)
    return {
        "me": mine,
        "mine": open_case("Olena Kovalenko", provider, mine),
        "foreign": open_case("Olena Koval", other, foreign),
        "key": issue_token(mine, "Auswertung")[1],
    }


def test_a_key_reads_the_users_own_clients_and_cases(world: dict[str, Any]) -> None:
    api = bearer(world["key"])
    found = api.get(reverse("api:clients"), {"q": "Olena Kov"}).json()
    assert [client["nachname"] for client in found] == ["Kovalenko"]
    case = world["mine"]
    detail = api.get(reverse("api:client", kwargs={"pk": case.client_id})).json()
    assert detail["faelle"][0]["dienst"] == "MBE"
    listed = api.get(reverse("api:cases")).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == case.pk
    full = api.get(reverse("api:case", kwargs={"pk": case.pk})).json()
    assert full["ziele"][0]["bereich"] == "sprachlich" and full["sitzungen"] == []


def test_another_organisations_client_cannot_be_read(world: dict[str, Any]) -> None:
    api = bearer(world["key"])
    foreign = world["foreign"]
    assert api.get(reverse("api:client", kwargs={"pk": foreign.client_id})).status_code == 404
    assert api.get(reverse("api:case", kwargs={"pk": foreign.pk})).status_code == 404
    assert all(c["id"] != foreign.client_id for c in api.get(reverse("api:clients")).json())
    found = api.get(reverse("api:clients"), {"q": "Koval"}).json()
    assert [c["nachname"] for c in found] == ["Kovalenko"]  # not the other "Koval"
    assert all(c["id"] != foreign.pk for c in api.get(reverse("api:cases")).json()["items"])


def test_every_read_is_logged_under_the_keys_user(world: dict[str, Any]) -> None:
    case = world["mine"]
    bearer(world["key"]).get(reverse("api:client", kwargs={"pk": case.client_id}))
    bearer(world["key"]).get(reverse("api:cases"))
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=world["me"])
    assert {entry.additional_data["read"] for entry in reads} == {"api:client", "api:cases"}


def test_without_a_usable_key_nothing_is_readable(world: dict[str, Any]) -> None:
    url = reverse("api:cases")
    assert Client().get(url).status_code == 401
    assert bearer("th_not-a-key").get(url).status_code == 401
    # A signed-in browser session is not a key: no cookie access to the API.
    assert signed_in_client(world["me"]).get(url).status_code == 401
    token = ApiToken.objects.get(user=world["me"])
    token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token.save()
    assert bearer(world["key"]).get(url).status_code == 401
    token.expires_at = timezone.now() + datetime.timedelta(days=1)
    token.revoked_at = timezone.now()
    token.save()
    assert bearer(world["key"]).get(url).status_code == 401
    token.revoked_at = None
    token.save()
    world["me"].is_active = False
    world["me"].save()
    assert bearer(world["key"]).get(url).status_code == 401


def test_only_the_hash_of_a_key_is_stored(world: dict[str, Any]) -> None:
    token = ApiToken.objects.get(user=world["me"])
    assert world["key"] not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert world["key"].startswith(token.prefix)


def test_a_user_creates_and_revokes_their_own_keys(world: dict[str, Any]) -> None:
    me = signed_in_client(world["me"])
    page = me.post(reverse("api_keys:list"), {"name": "Excel-Abruf", "validity_days": "30"})
    key = page.context["new_key"]
    assert key.startswith("th_") and key in page.content.decode()
    assert bearer(key).get(reverse("api:cases")).status_code == 200
    assert key not in me.get(reverse("api_keys:list")).content.decode()  # shown once
    token = ApiToken.objects.get(name="Excel-Abruf")
    stranger = make_user("fremd2", world["foreign"].organisation, Role.COUNSELLOR)
    revoke = reverse("api_keys:revoke", kwargs={"pk": token.pk})
    assert signed_in_client(stranger).post(revoke).status_code == 404
    assert me.post(revoke).status_code == 302
    assert bearer(key).get(reverse("api:cases")).status_code == 401


def test_the_openapi_description_is_valid_json(world: dict[str, Any]) -> None:
    schema = Client().get(reverse("api:openapi-json")).json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/klienten", "/api/v1/faelle/{pk}"} <= set(schema["paths"])
