"""A person who registered for a public event, and asks under Art. 15 GDPR what is
stored: the data-protection officer's search finds the registration by name or e-mail
address in any organisation, shows every stored field, and records the read."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation
from teilhabe.registrations import services
from teilhabe.registrations.models import Registration
from teilhabe.registrations.tests.world import listed_event

pytestmark = pytest.mark.django_db
SEARCH = "casework:subject_access_search"


@pytest.fixture
def registration(provider: Organisation) -> Registration:
    listing = listed_event(provider, capacity=10)
    registration, _token = services.register(
        listing.pk,
        day=timezone.localdate(),
        name="Amina Haddad",
        email="amina.haddad@example.org",
        persons=2,
        childcare=True,
        note="Ein Kinderwagen",
    )
    services.register(
        listing.pk, day=timezone.localdate(), name="Jonas Berg", email="jb@example.org"
    )
    return registration


def test_the_officer_finds_a_registration_by_name_or_address(
    registration: Registration, users_by_role: dict[str, Any]
) -> None:
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    for query in ("haddad amina", "AMINA.HADDAD@example.org"):
        response = dpo.get(reverse(SEARCH), {"q": query})
        assert response.status_code == 200
        [kind] = response.context["outside"]
        assert [record.pk for record, _rows in kind["found"]] == [registration.pk], query
        page = response.content.decode()
        assert "Anmeldungen zu öffentlichen Veranstaltungen" in page
        assert "amina.haddad@example.org" in page and "Ein Kinderwagen" in page
        assert "Jonas Berg" not in page
        assert "Wird 30 Tage nach der Veranstaltung gelöscht." in page
    reads = LogEntry.objects.filter(
        object_pk=str(registration.pk), additional_data__read="subject-access-search"
    )
    assert reads.count() == 2


def test_nothing_found_says_so_and_other_roles_do_not_search(
    registration: Registration, users_by_role: dict[str, Any]
) -> None:
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    page = dpo.get(reverse(SEARCH), {"q": "Niemand Unbekannt"}).content.decode()
    assert "Nichts gefunden." in page and "Amina" not in page
    for role in (Role.COUNSELLOR, Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR):
        client = signed_in_client(users_by_role[role.value])
        assert client.get(reverse(SEARCH), {"q": "Amina"}).status_code == 403, role


def test_words_match_at_the_start_of_the_names_words_and_a_cut_is_said(
    provider: Organisation, users_by_role: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from teilhabe.casework import subject_access_parts

    listing = listed_event(provider, capacity=10)
    for name in ("Ali Haddad", "Natalie Kowalski", "Ali-Reza Karimi"):
        services.register(
            listing.pk, day=timezone.localdate(), name=name, email=f"{name[:3]}@example.org"
        )
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    [kind] = dpo.get(reverse(SEARCH), {"q": "ali"}).context["outside"]
    assert sorted(r.name for r, _rows in kind["found"]) == ["Ali Haddad", "Ali-Reza Karimi"]
    assert not kind["more"]
    monkeypatch.setattr(subject_access_parts, "SHOWN_AT_MOST", 1)
    page = dpo.get(reverse(SEARCH), {"q": "ali"})
    [kind] = page.context["outside"]
    assert len(kind["found"]) == 1 and kind["more"]
    assert "Es wurden mehr Einträge gefunden als die 1 gezeigten" in page.content.decode()
