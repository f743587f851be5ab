"""The data-subject access export shows no record its reader may not open; the complete
export is the data-protection officer's; co-counselling cannot open a hidden person; a
withdrawn consent takes the copied client away from the recipient (issue 9, findings 2
and 3)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework import handover, services
from teilhabe.casework.access import visible_cases, visible_persons
from teilhabe.casework.models import Case, Household, Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


def _open(person: Person, code: str, owner: User, on: datetime.date = DAY) -> Case:
    return services.open_case(
        client=person,
        service_id=Service.objects.get(code=code).pk,
        kind="beratung",
        opened_on=on,
        access_route="familie",
        responsible=owner,
    )


@pytest.fixture
def family(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    """Olena has an MBE case (the counsellor's) and a JMD case with a secret note; her
    son Taras is a JMD client; her mother Halyna is in the household, in no case."""
    counsellor = users_by_role[Role.COUNSELLOR.value]
    add_membership(
        counsellor,
        provider,
        Role.COUNSELLOR,
        [Service.objects.get(code="MBE"), Service.objects.get(code="IKB")],
    )
    jmd = make_user("jmd_beraterin")
    add_membership(jmd, provider, Role.COUNSELLOR, [Service.objects.get(code="JMD")])
    household = Household.objects.create(organisation=provider)
    people = {
        name: Person.objects.create(
            organisation=provider,
            first_name=name,
            last_name="Kovalenko",
            birth_year=year,
            household=household,
        )
        for name, year in (("Olena", 1985), ("Taras", 2008), ("Halyna", 1950))
    }
    mbe_case = _open(people["Olena"], "MBE", counsellor)
    jmd_case = _open(people["Olena"], "JMD", jmd)
    services.record_session(
        jmd_case, author=jmd, present=[], date=DAY, duration_minutes=30, topics=["bildung"],
        notes="JMD-GEHEIMNIS",
    )  # fmt: skip
    taras_case = _open(people["Taras"], "JMD", jmd)
    return {
        "counsellor": counsellor,
        "jmd": jmd,
        "people": people,
        "mbe": mbe_case,
        "jmd_case": jmd_case,
        "taras": taras_case,
    }


def _export(user: User, person: Person, fmt: str = "json") -> Any:
    url = reverse("casework:client_export", kwargs={"pk": person.pk, "fmt": fmt})
    return signed_in_client(user).get(url)


def test_counsellor_export_holds_only_the_cases_they_may_open(family: dict[str, Any]) -> None:
    olena = family["people"]["Olena"]
    response = _export(family["counsellor"], olena)
    assert response.status_code == 200
    data = response.json()
    assert [case["service"] for case in data["cases"]] == [Service.objects.get(code="MBE").name]
    assert "JMD-GEHEIMNIS" not in response.content.decode()
    assert data["scope"]["complete"] is False and data["scope"]["note"]
    # Taras is a JMD client the counsellor may not open; Halyna is in nobody's casework
    assert data["household"] == ["Halyna Kovalenko"]
    assert str(family["jmd_case"].pk) not in {e["record"] for e in data["access_log"]}
    pdf = _export(family["counsellor"], olena, "pdf")
    assert pdf.content.startswith(b"%PDF")
    entry = LogEntry.objects.filter(additional_data__read="export:json").get()
    assert entry.additional_data["scope"] == "limited"


def test_lead_of_every_service_concerned_gets_the_complete_export(
    family: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    data = _export(users_by_role[Role.TEAM_LEAD.value], family["people"]["Olena"]).json()
    assert data["scope"] == {"complete": True, "note": ""}
    assert len(data["cases"]) == 2 and "JMD-GEHEIMNIS" in str(data["cases"])


def test_data_protection_officer_finds_and_exports_everything(
    family: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    page = dpo.get(
        reverse("casework:subject_access_search"), {"q": "Kowalenko", "geburtsjahr": "1985"}
    )
    assert page.status_code == 200
    assert [str(p) for p in page.context["persons"]] == ["Olena Kovalenko"]
    olena = family["people"]["Olena"]
    url = reverse("casework:subject_access_export", kwargs={"pk": olena.pk, "fmt": "json"})
    data = dpo.get(url).json()
    assert data["scope"]["complete"] is True and len(data["cases"]) == 2
    assert sorted(data["household"]) == ["Halyna Kovalenko", "Taras Kovalenko"]
    assert LogEntry.objects.filter(additional_data__read="export:json:full").count() == 1
    # nobody else reaches the complete export
    counsellor = signed_in_client(family["counsellor"])
    assert counsellor.get(url).status_code == 403


def test_a_hidden_household_member_cannot_be_made_co_counselled(family: dict[str, Any]) -> None:
    client = signed_in_client(family["counsellor"])
    case, taras, halyna = family["mbe"], family["people"]["Taras"], family["people"]["Halyna"]
    page = client.get(reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=team")
    offered = set(page.context["team_form"].fields["co_counselled"].queryset)
    assert offered == {halyna}
    response = client.post(
        reverse("casework:case_team", kwargs={"pk": case.pk}),
        {"responsible": family["counsellor"].pk, "co_counselled": [taras.pk]},
    )
    assert response.status_code == 400  # the form refuses the choice
    assert not case.co_counselled.exists()
    assert taras not in visible_persons(family["counsellor"])
    assert _export(family["counsellor"], taras).status_code == 404
    assert "Taras" not in page.content.decode()


def test_withdrawn_consent_hides_the_copied_client_and_cases_opened_since(
    family: dict[str, Any], city: Organisation
) -> None:
    counsellor, olena = family["counsellor"], family["people"]["Olena"]
    kim = Service.objects.get(code="KIM")
    consent = handover.record_consent(
        olena, user=counsellor, recipient=city, recipient_service=kim, purpose="Clearing",
        given_on=DAY, explained_language="uk", refusal_explained=True, withdrawal_explained=True,
    )  # fmt: skip
    referral = handover.propose(
        family["mbe"], consent=consent, kind="clearing", note="", user=counsellor
    )
    manager = make_user("cm", city, Role.COUNSELLOR)
    received = handover.accept(referral, user=manager, on=DAY)
    copy = received.client
    later = _open(copy, "KIM", manager, DAY + datetime.timedelta(days=30))
    manager_client = signed_in_client(manager)
    assert (
        manager_client.get(reverse("casework:client_detail", kwargs={"pk": copy.pk})).status_code
        == 200
    )
    handover.withdraw(consent)
    assert not visible_cases(manager).filter(pk__in=[received.pk, later.pk]).exists()
    assert copy not in visible_persons(manager)
    for name, pk in (("casework:client_detail", copy.pk), ("casework:case_detail", later.pk)):
        assert manager_client.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    assert _export(manager, copy).status_code == 404
    found = manager_client.get(reverse("casework:client_list"), {"q": "Kovalenko"})
    assert found.context["clients"] == []
