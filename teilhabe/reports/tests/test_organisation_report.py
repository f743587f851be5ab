"""The organisation report: every table against figures computed by hand from a small
world, the page for team leads, the exports (PDF, XLSX read back, CSV, JSON) and the
refusals.

The world of the Diakonie, reporting year 2024 (previous year 2023), beside the casework
of reports/tests/test_figures.build():

- HIPPY: family S (Syria) from 01.02.2024, home visits 10.02.2024 (60 min) and
  10.03.2024 (30 min), ended early on 30.06.2024 because of a new baby (151 days:
  151 / 30.4375 = 4.96 months, 5.0); family U (Ukraine) from 01.11.2023 and still in,
  visits 20.11.2023 (45) and 05.01.2024 (45).
  2024: 2 families, 1 new, 1 at year end, 2 countries, 3 visits, 1.5 per family,
  45.0 minutes on average, 0 regular and 1 early end. 2023: 1 family, 1 visit, 45.0.
- Elterncafé: dates 08.01.2024 (10), 15.01.2024 (12), 22.01.2024 cancelled and
  11.12.2023 (8): 2024 two dates held, one cancelled, 22 attendances; 2023 one, 8.
  Sommerfest 06.07.2024 with 50 participants.
- Volunteer V leads the Elterncafé (task area "Elterncafé") from 01.01.2024 with 3.5
  hours on 08.01.2024 and 4 hours in February: 1 volunteer, 1 group lead, 7.5 hours.
- Network: the Diakonie chairs the Runder Tisch Nord from 01.01.2023 and attended its
  meeting of 05.03.2024, not that of 01.10.2024; 2023 none. One agreement with a
  school from 01.06.2024 (signed in 2024): in force 1, new 1, partners 1; 2023 none.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from teilhabe.accounts.roles import Role
from teilhabe.activities import services as activities
from teilhabe.activities import services_volunteers
from teilhabe.activities.models import Group, TaskArea, Volunteer
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.network import services as network
from teilhabe.network.models import Actor, ActorKind, Agreement, Attendance, Body, BodyMembership
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation
from teilhabe.programmes import services as programmes
from teilhabe.programmes.models import EarlyEndReason, EndKind, Programme
from teilhabe.programmes.tests.world import programme_of
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.organisation import organisation_report
from teilhabe.reports.report_tables import Fixed, ReportTable, Share
from teilhabe.reports.tests.test_figures import build

pytestmark = pytest.mark.django_db
D = datetime.date
PAGE = reverse("reports:organisation")
PARTNERS = '=HYPERLINK("http://example.org")'


def _family(organisation: Organisation, country: str) -> tuple[Any, Any]:
    return programmes.create_family(
        organisation.pk,
        programmes.NewFamily(first_name="P", last_name=country, country_of_origin=country),
    )


def _world() -> Organisation:
    build()
    diakonie = Organisation.objects.get(slug="diakonie")
    hippy = programme_of(diakonie, "HIPPY", "HIPPY")
    household, parent = _family(diakonie, "SY")
    syria = programmes.enrol(
        programme=hippy, household=household, contact_person=parent, start_date=D(2024, 2, 1)
    )
    programmes.record_visit(syria, date=D(2024, 2, 10), duration_minutes=60)
    programmes.record_visit(syria, date=D(2024, 3, 10), duration_minutes=30)
    programmes.end_enrolment(
        syria,
        expected_version=1,
        end_date=D(2024, 6, 30),
        end_kind=EndKind.EARLY,
        end_reason=EarlyEndReason.NEW_BABY,
    )
    household, parent = _family(diakonie, "UA")
    ukraine = programmes.enrol(
        programme=hippy, household=household, contact_person=parent, start_date=D(2023, 11, 1)
    )
    programmes.record_visit(ukraine, date=D(2023, 11, 20), duration_minutes=45)
    programmes.record_visit(ukraine, date=D(2024, 1, 5), duration_minutes=45)

    cafe = activities.create_group(diakonie, name="Elterncafé")
    for day, total in ((D(2024, 1, 8), 10), (D(2024, 1, 15), 12), (D(2023, 12, 11), 8)):
        counts = {"total": total, "gender_unknown": total, "age_unknown": total}
        activities.record_meeting(cafe, date=day, counts=counts)
    activities.record_meeting(cafe, date=D(2024, 1, 22), cancelled=True)
    reading = activities.create_group(diakonie, name="Lesecafé")
    activities.record_meeting(
        reading, date=D(2023, 3, 1), counts={"total": 5, "gender_unknown": 5, "age_unknown": 5}
    )
    fest = activities.create_event(
        diakonie,
        kind="event",
        title="Sommerfest",
        date=D(2024, 7, 6),
        place="Stadtpark",
        partners='=HYPERLINK("http://example.org")',  # typed text, never a formula
    )
    activities.record_event_attendance(
        fest, counts={"total": 50, "gender_unknown": 50, "age_unknown": 50}
    )
    volunteer = Volunteer.objects.create(
        organisation=diakonie, first_name="V", last_name="E.", consent_given_on=D(2024, 1, 1)
    )
    area = TaskArea.objects.create(organisation=diakonie, name="Elterncafé")
    engagement = services_volunteers.add_engagement(
        volunteer, task_area=area, group=cafe, leads_group=True, starts_on=D(2024, 1, 1)
    )
    services_volunteers.record_hours(
        engagement, period="day", date=D(2024, 1, 8), hours=Decimal("3.5")
    )
    services_volunteers.record_hours(
        engagement, period="month", date=D(2024, 2, 1), hours=Decimal(4)
    )

    own = network.actor_for_organisation(diakonie)
    body = network.save_body(
        Body(name="Runder Tisch Nord", kind=Body.Kind.ROUND_TABLE, owner=diakonie), districts=[]
    )
    seat = network.save_membership(
        BodyMembership(body=body, actor=own, function="vorsitz", term_from=D(2023, 1, 1))
    )
    for day, status in ((D(2024, 3, 5), "anwesend"), (D(2024, 10, 1), "entschuldigt")):
        meeting = network.create_meeting(body, held_on=day)
        Attendance.objects.create(meeting=meeting, membership=seat, status=status)
    school = Actor.objects.create(
        name="Grundschule Nord", kind=ActorKind.objects.get(code="schule")
    )
    agreement = Agreement.objects.create(
        subject="Sprachcafé", signed_on=D(2024, 5, 20), valid_from=D(2024, 6, 1)
    )
    agreement.parties.set([own, school])
    return diakonie


@pytest.fixture
def diakonie() -> Organisation:
    return _world()


def _services() -> list[Service]:
    return list(Service.objects.filter(code__in=["IKB", "JMD", "MBE"]).order_by("code"))


def _tables(organisation: Organisation) -> dict[str, ReportTable]:
    """The tables with English labels, as the test compares labels with msgids."""
    with translation.override("en"):
        programmes = Programme.objects.filter(organisation=organisation)
        report = organisation_report(organisation, _services(), 2024, programmes)
        return {table.key: table for section in report.sections() for table in section.tables}


def _column(table: ReportTable) -> dict[Any, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in table.rows}


def test_every_table_carries_the_hand_computed_figures(diakonie: Organisation) -> None:
    tables = _tables(diakonie)
    hippy = next(key for key in tables if key.startswith("programm_") and key.count("_") == 1)
    assert _column(tables[hippy]) == {
        "Families in the programme": (2, 1),
        "of which new": (1, 1),
        "still taking part at the end of the year": (1, 1),
        "came from another programme": (0, 0),
        "Countries of origin": (2, 1),
        "Languages": (0, 0),
        "Home visits": (3, 1),
        "Home visits per family": (Fixed(1.5), Fixed(1.0)),
        "Average duration of a home visit (minutes)": (Fixed(45.0), Fixed(45.0)),
        "Completed regularly": (0, 0),
        "Ended early": (1, 0),
        "went on to another programme": (0, 0),
        "Average time in the programme (months)": (Fixed(5.0), None),
    }
    assert _column(tables[f"{hippy}_abbruchgruende"])["new baby"] == (1, 0)
    assert _column(tables[f"{hippy}_herkunftslaender"]) == {
        "Syrien": (1, 0),
        "Ukraine": (1, 1),
    }
    assert _column(tables["aktivitaeten"]) == {
        "Group dates held": (2, 2),
        "Attendances at group dates": (22, 13),
        "Events and outings": (1, 0),
        "Participants of events": (50, 0),
    }
    # The Lesecafé met in 2023 only: listed, so that the 2023 column adds up to 8 + 5.
    assert tables["gruppen"].rows == [
        ("Elterncafé", 2, 1, 22, None, 8),
        ("Lesecafé", 0, 0, 0, None, 5),
    ]
    assert _column(tables["aktivitaeten"])["Attendances at group dates"][1] == 8 + 5
    assert tables["veranstaltungen"].rows == [
        (D(2024, 7, 6), "Sommerfest", "Event", "Stadtpark", 50, PARTNERS, "")
    ]
    assert _column(tables["ehrenamt"]) == {
        "Volunteers": (1, 0),
        "of whom lead a group": (1, 0),
        "Hours of voluntary work": (Decimal("7.5"), Decimal(0)),
    }
    assert tables["ehrenamt_aufgabenbereiche"].rows == [("Elterncafé", 1, Decimal("7.5"))]
    assert _column(tables["netzwerk"]) == {
        "Bodies with a seat": (1, 1),
        "Meetings attended": (1, 0),
        "Cooperation agreements in force": (1, 0),
        "of which concluded in the year": (1, 0),
        "Cooperation partners": (1, 0),
    }
    assert tables["netzwerk_gremien"].rows == [("Runder Tisch Nord", "Round table", "Chair", 1)]


def test_casework_tables_are_the_annual_figures_of_each_service(diakonie: Organisation) -> None:
    tables = _tables(diakonie)
    assert [key for key in tables if key.startswith("fallarbeit_")] == [
        "fallarbeit_ikb",
        "fallarbeit_jmd",
        "fallarbeit_mbe",
    ]
    for code in ("IKB", "JMD", "MBE"):
        figures = annual_figures(Scope((diakonie.pk,), (code,)), 2024)
        rows = _column(tables[f"fallarbeit_{code.lower()}"])
        assert rows["Cases"] == (figures["faelle"], figures["vorjahr"]["faelle"])
        assert rows["Clients"] == (figures["ratsuchende"], figures["vorjahr"]["ratsuchende"])
        share = rows["Goals in progress at the end of the year"][0]
        assert isinstance(share, Share)
        assert share.value == figures["ziele_in_bearbeitung_anteil"]
    # The hand-computed total of test_figures: 5 cases of MBE and IKB together in 2024.
    assert sum(_column(tables[f"fallarbeit_{c}"])["Cases"][0] for c in ("ikb", "mbe")) == 5


@pytest.fixture
def lead(diakonie: Organisation) -> Any:
    return make_user("leitung", diakonie, Role.TEAM_LEAD)


def test_team_lead_reads_the_page_in_german(lead: Any) -> None:
    response = signed_in_client(lead).get(PAGE, {"jahr": "2024", "organisation": "diakonie"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Organisationsbericht 2024" in html
    for heading in ("Familienbildungsprogramme", "Gruppen", "Ehrenamtliche", "Netzwerk"):
        assert heading in html
    assert "Elterncafé" in html and "Runder Tisch Nord" in html and "06.07.2024" in html
    assert ">1,5<" in html and ">7,5<" in html  # decimal comma
    assert "Families in the programme" not in html


def test_exports_open_and_carry_the_figures(lead: Any) -> None:
    client = signed_in_client(lead)
    query = {"jahr": "2024", "organisation": "diakonie"}

    def get(fmt: str) -> Any:
        response = client.get(reverse("reports:organisation_export", kwargs={"fmt": fmt}), query)
        assert response.status_code == 200, fmt
        assert f"organisationsbericht-diakonie-2024.{fmt}" in response["Content-Disposition"]
        return response

    data = json.loads(get("json").content)
    assert data["jahr"] == 2024 and set(data["fallarbeit"]) == {"IKB", "JMD", "MBE"}
    assert data["programme"][0]["hausbesuche"] == 3
    assert data["programme"][0]["vorjahr"]["hausbesuche"] == 1
    assert data["netzwerk"]["sitzungen_teilgenommen"] == 1
    assert data["aktivitaeten"]["current"]["volunteers"]["hours"] == "7.5"  # on both engines

    text = get("csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["abschnitt", "tabelle", "zeile", "bezeichnung", "spalte", "wert", "einheit"]
    cafe = str(Group.objects.get(name="Elterncafé").pk)
    assert ["aktivitaeten", "gruppen", cafe, "Elterncafé", "Teilnahmen", "22", ""] in rows
    assert ["ehrenamt", "ehrenamt", "stunden", "Ehrenamtliche Stunden", "2024", "7,5", ""] in rows
    hippy = f"programm_{Programme.objects.get().pk}"
    assert ["programme", hippy, "hausbesuche_je_familie", "Hausbesuche je Familie", "2024",
            "1,5", ""] in rows  # fmt: skip
    partners = next(row for row in rows if row[4] == "Partner")
    assert partners[5] == "'" + PARTNERS  # not a formula in Excel

    workbook = load_workbook(io.BytesIO(get("xlsx").content))
    groups = workbook["Gruppen"]
    assert groups["A1"].value == "Gruppen" and groups["B2"].value == "Termine"
    assert [cell.value for cell in groups[3]] == ["Elterncafé", 2, 1, 22, None, 8]
    hours = workbook["Ehrenamtliche in Zahlen"]
    assert hours["A5"].value == "Ehrenamtliche Stunden"
    assert hours["B5"].value == 7.5 and isinstance(hours["B5"].value, float)
    events = workbook["Veranstaltungen und Ausflüge"]
    assert events["F3"].value == PARTNERS and events["F3"].data_type == "s"

    pdf = get("pdf").content
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    exports = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=lead)
    assert sorted(entry.additional_data["read"] for entry in exports) == [
        f"report:organisation:{fmt}:2024:IKB-JMD-MBE" for fmt in ("csv", "json", "pdf", "xlsx")
    ]


def test_other_organisations_and_roles_are_refused(diakonie: Organisation, lead: Any) -> None:
    create_organisation("awo", "AWO", ["MBE"])
    client = signed_in_client(lead)
    assert client.get(PAGE, {"jahr": "2024", "organisation": "awo"}).status_code == 403
    export = reverse("reports:organisation_export", kwargs={"fmt": "json"})
    assert client.get(export, {"jahr": "2024", "organisation": "awo"}).status_code == 403
    assert client.get(export, {"jahr": "1800", "organisation": "diakonie"}).status_code == 400
    counsellor = make_user("beratung", diakonie, Role.COUNSELLOR)
    assert signed_in_client(counsellor).get(PAGE).status_code == 403


def test_a_lead_of_some_services_sees_only_their_programmes(diakonie: Organisation) -> None:
    mbe = Service.objects.get(code="MBE")
    lead = make_user("leitung_mbe", diakonie, Role.TEAM_LEAD)
    membership = lead.memberships.get()
    membership.services.set([mbe])
    response = signed_in_client(lead).get(
        reverse("reports:organisation_export", kwargs={"fmt": "json"}),
        {"jahr": "2024", "organisation": "diakonie"},
    )
    data = json.loads(response.content)
    assert list(data["fallarbeit"]) == ["MBE"] and data["programme"] == []
