"""The audit log reads as German: "Feld: alt → neu" with the fields' labels and the
values as the pages show them, kinds of record by name (issue 10, item 11)."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.roles import Role
from teilhabe.audit.display import change_lines, details, model_name
from teilhabe.casework.models import Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EXPECTED = [
    "Geschlecht: – → weiblich",
    "Geburtsjahr: – → 1985",
    "Herkunftsland: – → Syrien",
    "Datum der Einreise nach Deutschland: – → 15.03.2022",
    "Sprachen: Arabisch → Dari, Kurmandschi (Nordkurdisch)",
]


@pytest.fixture
def changed(provider: Organisation) -> Person:
    person = Person.objects.create(organisation=provider, last_name="Haddad", languages=["ara"])
    person.gender, person.birth_year, person.country_of_origin = "w", 1985, "SY"
    person.arrival_date = datetime.date(2022, 3, 15)
    person.languages = ["prs", "kmr"]
    person.save()
    return person


def test_a_change_reads_field_old_new(changed: Person) -> None:
    entry = LogEntry.objects.get_for_object(changed).get(action=LogEntry.Action.UPDATE)
    with translation.override("de"):
        lines = change_lines(entry)
    for line in EXPECTED:
        assert line in lines
    assert not any("None" in line or "['" in line or '["' in line for line in lines), lines


def test_the_page_and_the_export_show_the_lines(
    changed: Person, users_by_role: dict[str, Any]
) -> None:
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    html = dpo.get(reverse("audit:log"), {"record": "Haddad"}).content.decode()
    for line in EXPECTED:
        assert line in html
    assert "{&#x27;" not in html and "Otp_Totp" not in html and "otp_totp" not in html
    response = dpo.get(reverse("audit:export"), {"record": "Haddad"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    update = next(row for row in rows if row[2] == "geändert")
    assert update[3] == "Person"
    for line in EXPECTED:
        assert line in update[5].split("; ")


def test_kinds_of_record_by_name() -> None:
    with translation.override("de"):
        assert model_name(ContentType.objects.get_for_model(Person)) == "Person"
        totp = model_name(ContentType.objects.get_for_model(TOTPDevice))
    assert "TOTP device" not in totp and "|" not in totp


def test_reads_name_the_place_not_a_program_word(changed: Person) -> None:
    person_type = ContentType.objects.get_for_model(Person)
    read = {"content_type": person_type, "object_pk": str(changed.pk), "object_repr": "x"}
    entries = [
        LogEntry(action=LogEntry.Action.ACCESS, additional_data={"read": what}, **read)
        for what in ("client-list", "api:client", "/fallarbeit/klienten/1/")
    ]
    with translation.override("en"):
        assert [details(entry) for entry in entries] == [
            ["client list"],
            ["interface (API)"],
            ["/fallarbeit/klienten/1/"],  # a page's address is readable as it is
        ]


def test_import_entries_and_version_counters(changed: Person) -> None:
    # the import writes its entries itself, lists as Python text; the version counter
    # of the optimistic locking is no information for a reader
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk=str(changed.pk),
        object_repr="x",
        action=LogEntry.Action.CREATE,
        changes={"nationalities": ["None", "['UA', 'DE']"], "languages": ["None", "['ukr']"],
                 "version": ["None", "1"]},
    )  # fmt: skip
    with translation.override("de"):
        assert change_lines(entry) == [
            "Staatsangehörigkeiten: Ukraine, Deutschland",
            "Sprachen: Ukrainisch",
        ]
