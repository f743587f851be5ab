"""Who sees which client: own and shared cases, team leads, other organisations,
consented hand-overs, aggregate-only roles; every read is logged."""

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
from teilhabe.casework.models import Case, Household, NameKey, Person
from teilhabe.casework.selectors import search_clients
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


@pytest.fixture
def world(
    users_by_role: dict[str, User], provider: Organisation, city: Organisation
) -> dict[str, Any]:
    other = create_organisation("caritas", "Caritas", ["MBE", "QM"])
    colleague = make_user("kollegin", provider, Role.COUNSELLOR)
    foreign = make_user("fremd", other, Role.COUNSELLOR)
    jmd = make_user("jmd_beraterin")
    add_membership(jmd, provider, Role.COUNSELLOR, [Service.objects.get(code="JMD")])
    mine = users_by_role[Role.COUNSELLOR.value]

    def client(name: str, organisation: Organisation, owner: User, code: str = "MBE") -> Case:
        first, last = name.split()
        person = Person.objects.create(
            organisation=organisation, first_name=first, last_name=last, birth_year=1985
        )
        return services.open_case(
            client=person,
            service_id=Service.objects.get(code=code).pk,
            kind="beratung",
            opened_on=DAY,
            access_route="familie",
            responsible=owner,
        )

    return {
        "mine": client("Olena Kovalenko", provider, mine),
        "colleague": client("Hans Schmidt", provider, colleague),
        "foreign": client("Ali Hassan", other, foreign),
        "users": {
            "mine": mine,
            "colleague": colleague,
            "foreign": foreign,
            "jmd": jmd,
            **users_by_role,
        },
    }


def names(user: User, query: str = "") -> set[str]:
    return {str(person) for person in search_clients(user, query)}


def test_counsellor_sees_own_and_shared_cases_only(world: dict[str, Any]) -> None:
    me = world["users"]["mine"]
    assert names(me) == {"Olena Kovalenko"}
    world["colleague"].shared_with.add(me)
    assert names(me) == {"Olena Kovalenko", "Hans Schmidt"}


def test_counsellor_of_another_service_sees_nothing_of_mbe(world: dict[str, Any]) -> None:
    jmd = world["users"]["jmd"]
    world["mine"].responsible = jmd  # even as responsible: the case is not in their service
    world["mine"].save()
    assert names(jmd) == set()


def test_team_lead_sees_every_case_of_the_organisation(world: dict[str, Any]) -> None:
    assert names(world["users"][Role.TEAM_LEAD.value]) == {"Olena Kovalenko", "Hans Schmidt"}


def test_other_organisation_cannot_read_page_search_or_export(world: dict[str, Any]) -> None:
    foreign = signed_in_client(world["users"]["foreign"])
    case, client = world["mine"], world["mine"].client
    for name, pk in (("casework:client_detail", client.pk), ("casework:case_detail", case.pk),
                     ("casework:plan_print", case.pk), ("casework:client_edit", client.pk)):  # fmt: skip
        assert foreign.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    found = foreign.get(reverse("casework:client_list"), {"q": "Kovalenko"})
    assert found.status_code == 200 and found.context["clients"] == []
    assert (
        foreign.post(
            reverse("casework:session_create", kwargs={"pk": case.pk}), {"date": "2024-03-02"}
        ).status_code
        == 404
    )
    assert names(world["users"]["foreign"], "Kovalenko") == set()


@pytest.mark.parametrize(
    "role",
    [
        Role.STATISTICS,
        Role.INTEGRATION_COORDINATOR,
        Role.ADMINISTRATOR,
        Role.DATA_PROTECTION_OFFICER,
    ],
)
def test_aggregate_and_admin_roles_see_no_personal_case_data(
    world: dict[str, Any], role: Role
) -> None:
    client = signed_in_client(world["users"][role.value])
    assert client.get(reverse("casework:client_list")).status_code == 403
    assert (
        client.get(reverse("casework:case_detail", kwargs={"pk": world["mine"].pk})).status_code
        == 403
    )


def test_reads_and_searches_are_logged(world: dict[str, Any]) -> None:
    me = world["users"]["mine"]
    client = signed_in_client(me)
    client.get(reverse("casework:client_detail", kwargs={"pk": world["mine"].client.pk}))
    client.get(reverse("casework:case_detail", kwargs={"pk": world["mine"].pk}))
    client.get(reverse("casework:client_list"), {"q": "Kovalenko"})
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=me)
    assert sorted(reads.values_list("content_type__model", flat=True)) == [
        "case",
        "person",
        "person",
    ]


def test_handover_needs_consent_and_withdrawal_ends_access(
    world: dict[str, Any], city: Organisation
) -> None:
    case, me = world["mine"], world["users"]["mine"]
    kim = Service.objects.get(code="KIM")
    with pytest.raises(handover.HandoverRefused):
        handover.propose(case, consent=None, kind="clearing", note="", user=me)
    with pytest.raises(handover.HandoverRefused):
        handover.record_consent(case.client, user=me, recipient=city, recipient_service=kim, purpose="x",
                                given_on=DAY, explained_language="uk", refusal_explained=True, withdrawal_explained=False)  # fmt: skip
    consent = handover.record_consent(
        case.client,
        user=me,
        recipient=city,
        recipient_service=kim,
        purpose="Clearing: Wohnen und Arbeit",
        given_on=DAY,
        explained_language="uk",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    referral = handover.propose(case, consent=consent, kind="clearing", note="", user=me)
    case_manager = make_user("cm", city, Role.COUNSELLOR)
    assert list(handover.inbox(case_manager)) == [referral]
    assert list(handover.inbox(world["users"]["foreign"])) == []
    received = handover.accept(referral, user=case_manager)
    assert received.kind == "case_management" and received.access_route == "mbe"
    assert names(case_manager) == {"Olena Kovalenko"}
    # The recipient never sees the source organisation's case ...
    assert (
        signed_in_client(case_manager)
        .get(reverse("casework:case_detail", kwargs={"pk": case.pk}))
        .status_code
        == 404
    )
    handover.withdraw(consent)
    # ... and after withdrawal not even the case it received.
    assert names(case_manager) == set()
    referral.refresh_from_db()
    assert referral.status == "ended"
    with pytest.raises(handover.HandoverRefused):
        handover.propose(case, consent=consent, kind="referral", note="", user=me)


def test_search_finds_sound_alike_transliterated_and_misspelled(world: dict[str, Any]) -> None:
    lead = world["users"][Role.TEAM_LEAD.value]
    assert names(lead, "Schmitt") == {"Hans Schmidt"}
    assert names(lead, "Олена Коваленко") == {"Olena Kovalenko"}
    assert names(lead, "Kowalenko") == {"Olena Kovalenko"}
    assert names(lead, "Kovalnko") == {"Olena Kovalenko"}
    assert names(lead, "Kovalneko") == {"Olena Kovalenko"}  # two letters swapped
    assert names(lead, "Kova") == {"Olena Kovalenko"}  # the beginning of a name
    assert names(lead, "ole KOV") == {"Olena Kovalenko"}
    assert names(lead, "Olena Schmidt") == set()  # every word must match


def test_the_name_index_follows_renames(world: dict[str, Any]) -> None:
    lead = world["users"][Role.TEAM_LEAD.value]
    person = world["mine"].client
    person.last_name = "Müller-Lüdenscheid"
    person.save()
    assert names(lead, "Lüdenscheid") == {"Olena Müller-Lüdenscheid"}
    assert names(lead, "Mueller") == {"Olena Müller-Lüdenscheid"}  # sound-alike
    assert names(lead, "Kovalenko") == set()
    assert set(NameKey.objects.filter(person=person).values_list("word", flat=True)) == {
        "olena",
        "muller",
        "ludenscheid",
    }
    assert names(lead, str(world["colleague"].pk)) in ({"Hans Schmidt"}, set())


def test_concurrent_edit_of_a_client_is_detected(world: dict[str, Any]) -> None:
    me = signed_in_client(world["users"]["mine"])
    person = world["mine"].client
    url = reverse("casework:client_edit", kwargs={"pk": person.pk})
    form = {"first_name": "Olena", "last_name": "Kovalenko", "version": person.version}
    assert me.post(url, {**form, "last_name": "Kowalenko"}).status_code == 302
    stale = me.post(url, {**form, "last_name": "Kovalenko-Schmidt"})
    assert stale.status_code == 200
    assert "Kovalenko-Schmidt" in stale.content.decode()
    person.refresh_from_db()
    assert person.last_name == "Kowalenko"


def test_data_subject_access_export(world: dict[str, Any]) -> None:
    me = world["users"]["mine"]
    case = world["mine"]
    services.record_session(
        case, author=me, present=[], date=DAY, duration_minutes=30, topics=["wohnen"]
    )
    client = signed_in_client(me)
    url = reverse("casework:client_export", kwargs={"pk": case.client.pk, "fmt": "json"})
    data = client.get(url).json()
    assert data["person"]["last_name"] == "Kovalenko"
    assert data["cases"][0]["sessions"][0]["topics"] == ["wohnen"]
    assert any(entry["user"] == me.username for entry in data["access_log"])
    pdf = client.get(reverse("casework:client_export", kwargs={"pk": case.client.pk, "fmt": "pdf"}))
    assert pdf.content.startswith(b"%PDF")
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__read="export:pdf"
    ).exists()
    foreign = signed_in_client(world["users"]["foreign"])
    assert foreign.get(url).status_code == 404


def test_team_lead_merges_a_duplicate_keeping_cases_and_audit_trail(world: dict[str, Any]) -> None:
    original = world["mine"].client
    duplicate_case = world["colleague"]
    duplicate = duplicate_case.client
    duplicate.first_name, duplicate.last_name, duplicate.phone = "Olena", "Kowalenko", "0151 123"
    duplicate.save()
    services.record_session(
        duplicate_case, author=world["users"]["colleague"], present=[duplicate], date=DAY
    )
    lead = signed_in_client(world["users"][Role.TEAM_LEAD.value])
    url = reverse("casework:client_merge", kwargs={"pk": original.pk})
    assert duplicate in lead.get(url).context["similar"]
    counsellor = signed_in_client(world["users"]["mine"])
    assert counsellor.post(url, {"duplicate": duplicate.pk}).status_code == 403
    lead.post(url, {"duplicate": duplicate.pk})
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    original.refresh_from_db()
    assert original.phone == "0151 123"
    assert set(Case.objects.filter(client=original).values_list("pk", flat=True)) == {
        world["mine"].pk,
        duplicate_case.pk,
    }
    assert (
        LogEntry.objects.filter(object_pk=str(duplicate.pk), content_type__model="person").count()
        >= 2
    )
    assert LogEntry.objects.filter(
        object_pk=str(original.pk), additional_data__merged_from=duplicate.pk
    ).exists()


def test_sharing_a_case_with_a_named_colleague(world: dict[str, Any]) -> None:
    me, colleague = world["users"]["mine"], world["users"]["colleague"]
    case = world["mine"]
    sister = Person.objects.create(
        organisation=case.organisation, first_name="Iryna", last_name="Kovalenko"
    )
    case.client.household = sister.household = Household.objects.create(
        organisation=case.organisation
    )
    case.client.save()
    sister.save()
    client = signed_in_client(me)
    page = client.get(reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=team")
    assert colleague in page.context["team_form"].fields["shared_with"].queryset
    assert world["users"]["foreign"] not in page.context["team_form"].fields["shared_with"].queryset
    client.post(
        reverse("casework:case_team", kwargs={"pk": case.pk}),
        {"responsible": me.pk, "shared_with": [colleague.pk], "co_counselled": [sister.pk]},
    )
    assert names(colleague) == {"Olena Kovalenko", "Hans Schmidt", "Iryna Kovalenko"}
    assert list(case.co_counselled.all()) == [sister]


def test_open_consultation_hours_count_without_a_client_record(world: dict[str, Any]) -> None:
    from teilhabe.casework.models import AnonymousContact

    client = signed_in_client(world["users"]["mine"])
    persons_before = Person.objects.count()
    mbe = Service.objects.get(code="MBE")
    response = client.post(
        reverse("casework:consultation"),
        {"service": mbe.pk, "date": "2024-03-01", "persons": 2, "topics": ["arbeit"]},
    )
    assert response.status_code == 302
    contact = AnonymousContact.objects.get()
    assert (contact.persons, contact.topics, contact.organisation.slug) == (
        2,
        ["arbeit"],
        "diakonie",
    )
    assert Person.objects.count() == persons_before
    # A service the counsellor does not work in is refused.
    kim = Service.objects.get(code="KIM")
    assert (
        client.post(
            reverse("casework:consultation"),
            {"service": kim.pk, "date": "2024-03-01", "persons": 1},
        ).status_code
        == 200
    )
    assert AnonymousContact.objects.count() == 1
