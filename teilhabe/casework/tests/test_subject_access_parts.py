"""The data-subject access export holds what other apps keep about the person
(appointments, reminders, documents), only for the person's own cases the reader may
open; a person co-counselled in somebody else's case does not get that client's
appointments (Art. 15(4) GDPR)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.accounts.models import User
from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.models import Person
from teilhabe.casework.tests.test_subject_access import _export, family  # noqa: F401
from teilhabe.documents import services as documents
from teilhabe.documents.tests.world import small_pdf, uploaded

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 5)


def _part(data: dict[str, Any], key: str) -> list[dict[str, str]]:
    [part] = [part for part in data["further"] if part["key"] == key]
    return list(part["rows"])


@pytest.fixture
def kept(family: dict[str, Any], settings: Any, tmp_path: Any) -> dict[str, Any]:  # noqa: F811
    settings.DOCUMENT_ROOT = tmp_path
    counsellor: User = family["counsellor"]
    olena: Person = family["people"]["Olena"]
    for case, note in ((family["mbe"], "MBE-Termin"), (family["jmd_case"], "JMD-TERMIN")):
        Appointment.objects.create(
            case=case, date=DAY, starts_at=datetime.time(9), ends_at=datetime.time(10),
            modality="vor_ort", place="Raum 2", mediator_language="prs", note=note,
            counsellor=counsellor, author=counsellor,
        )  # fmt: skip
    Reminder.objects.create(case=family["mbe"], due_on=DAY, text="Bescheid anfordern",
                            author=counsellor)  # fmt: skip
    documents.upload(uploaded(small_pdf()), case=family["mbe"], kind="consent",
                     title="Einwilligung MBE", document_date=DAY, user=counsellor)  # fmt: skip
    documents.upload(uploaded(small_pdf()), client=olena, kind="notice",
                     title="Aufenthaltstitel", document_date=DAY, user=counsellor)  # fmt: skip
    family["mbe"].co_counselled.add(family["people"]["Halyna"])
    return family


def test_the_export_lists_appointments_reminders_and_documents_of_visible_cases(
    kept: dict[str, Any],
) -> None:
    data = _export(kept["counsellor"], kept["people"]["Olena"]).json()
    appointments = _part(data, "appointments")
    # the JMD case is hidden from the MBE counsellor: its appointment is not listed
    assert [row["Notiz"] for row in appointments] == ["MBE-Termin"]
    assert appointments[0]["Sprachmittlung"] == "Dari"
    assert appointments[0]["Datum"] == "05.03.2024 09:00–10:00"
    assert [row["Was zu tun ist"] for row in _part(data, "reminders")] == ["Bescheid anfordern"]
    titles = [row["Titel"] for row in _part(data, "documents")]
    assert sorted(titles) == ["Aufenthaltstitel", "Einwilligung MBE"]


def test_the_complete_export_lists_every_case_and_a_co_counselled_person_none(
    kept: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    from teilhabe.accounts.roles import Role

    lead = users_by_role[Role.TEAM_LEAD.value]
    data = _export(lead, kept["people"]["Olena"]).json()
    assert sorted(row["Notiz"] for row in _part(data, "appointments")) == [
        "JMD-TERMIN",
        "MBE-Termin",
    ]
    # Halyna is co-counselled in Olena's MBE case: Olena's appointments are not hers
    halyna = _export(lead, kept["people"]["Halyna"]).json()
    assert _part(halyna, "appointments") == [] and _part(halyna, "documents") == []
    pdf = _export(lead, kept["people"]["Olena"], "pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
