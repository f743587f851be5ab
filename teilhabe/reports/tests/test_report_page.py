"""The annual report page for team leads: figures with the previous year, charts with
tables under them, filters, the object-level check, and the exports with the same
filters (audit-logged)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation
from teilhabe.reports.forms import default_year
from teilhabe.reports.tests.test_figures import build

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:annual")
FILTERS = {"jahr": "2024", "organisation": "diakonie", "dienst": ["MBE", "IKB"], "art": "alle"}


@pytest.fixture
def lead() -> Any:
    build()
    return make_user("leitung", Organisation.objects.get(slug="diakonie"), Role.TEAM_LEAD)


def test_team_lead_sees_the_figures_with_the_previous_year(lead: Any) -> None:
    response = signed_in_client(lead).get(PAGE, FILTERS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jahresbericht 2024" in html
    # Key figures: 5 cases (3 the year before), 4 clients (3), 75 minutes (60).
    for label, value, previous in (
        ("Fälle", 5, 3),
        ("Ratsuchende", 4, 3),
        ("Beratungsminuten", 75, 60),
    ):
        assert (
            f'<dt class="key-figure__label">{label}</dt>' in html
            and f"{value}\n" in html
            and f"(Vorjahr {previous})" in html
        )
    # A chart with its accessible table and the definition as a note.
    assert html.count('role="img"') == 12
    assert '<title id="chart-herkunftslaender-title">' in html
    assert "<caption" in html and '<th scope="row"' in html and '<th scope="col"' in html
    assert "Ukraine" in html and "33,33\u00a0%" in html
    assert "Anteile an 3 Ratsuchenden mit bekannter Angabe; 1 ohne." in html
    assert "Persons reached" not in html  # German throughout
    # Exports with the same filters.
    query = "jahr=2024&amp;organisation=diakonie&amp;dienst=MBE&amp;dienst=IKB&amp;art=alle"
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert f"{reverse('reports:annual_export', kwargs={'fmt': fmt})}?{query}" in html


def test_without_filters_last_year_and_every_service(lead: Any) -> None:
    response = signed_in_client(lead).get(PAGE)
    assert response.status_code == 200
    form = response.context["resolved"].form
    assert form.cleaned_data["jahr"] == default_year()
    assert form.cleaned_data["dienst"] == ["IKB", "JMD", "MBE"]


def test_case_kind_filter(lead: Any) -> None:
    response = signed_in_client(lead).get(PAGE, {**FILTERS, "art": "case_management"})
    report = response.context["resolved"].report
    assert report.kinds == ("case_management",) and report.figures["faelle"] == 1


def test_another_organisation_is_refused(lead: Any) -> None:
    create_organisation("caritas", "Caritas", ["MBE"])
    client = signed_in_client(lead)
    assert client.get(PAGE, {**FILTERS, "organisation": "caritas"}).status_code == 403
    export = reverse("reports:annual_export", kwargs={"fmt": "json"})
    assert client.get(export, {**FILTERS, "organisation": "caritas"}).status_code == 403


def test_a_service_the_membership_does_not_cover_is_refused() -> None:
    build()
    lead = make_user("mbe_leitung")
    add_membership(
        lead,
        Organisation.objects.get(slug="diakonie"),
        Role.TEAM_LEAD,
        [Service.objects.get(code="MBE")],
    )
    client = signed_in_client(lead)
    response = client.get(PAGE, FILTERS)
    assert response.status_code == 200 and response.context["resolved"].report is None
    assert "IKB ist kein Dienst, den Sie hier auswerten können." in response.content.decode()
    export = reverse("reports:annual_export", kwargs={"fmt": "csv"})
    assert client.get(export, FILTERS).status_code == 400
    only_mbe = client.get(PAGE, {**FILTERS, "dienst": ["MBE"]})
    assert only_mbe.context["resolved"].report.figures["faelle"] == 3  # c1, c3, c4


def test_counsellor_is_refused(lead: Any) -> None:
    counsellor = make_user("berater", Organisation.objects.get(slug="diakonie"), Role.COUNSELLOR)
    assert signed_in_client(counsellor).get(PAGE).status_code == 403


def test_exports_are_files_with_the_filters_and_logged(lead: Any) -> None:
    client = signed_in_client(lead)
    url = reverse("reports:annual_export", kwargs={"fmt": "json"})
    figures = json.loads(client.get(url, FILTERS).content)
    assert figures["faelle"] == 5 and figures["vorjahr"]["faelle"] == 3
    xlsx = client.get(reverse("reports:annual_export", kwargs={"fmt": "xlsx"}), FILTERS)
    assert xlsx["Content-Disposition"] == (
        'attachment; filename="jahresbericht-diakonie-ikb-mbe-2024.xlsx"'
    )
    assert load_workbook(io.BytesIO(xlsx.content))["Kennzahlen"]["B2"].value == 5
    csv = client.get(reverse("reports:annual_export", kwargs={"fmt": "csv"}), FILTERS)
    assert "2024;faelle;;5" in csv.content.decode("utf-8-sig")
    pdf = client.get(reverse("reports:annual_export", kwargs={"fmt": "pdf"}), FILTERS)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    logged = LogEntry.objects.filter(actor=lead, action=LogEntry.Action.ACCESS)
    assert sorted(entry.additional_data["read"] for entry in logged) == [
        f"report:annual:{fmt}:2024:IKB-MBE:alle" for fmt in ("csv", "json", "pdf", "xlsx")
    ]
    assert client.get(reverse("reports:annual_export", kwargs={"fmt": "doc"})).status_code == 404


def test_a_closed_year_shows_its_stored_figures(lead: Any) -> None:
    from teilhabe.casework.models import Case
    from teilhabe.reports.figures import Scope
    from teilhabe.reports.freeze import close_year

    organisation = Organisation.objects.get(slug="diakonie")
    close_year(Scope((organisation.pk,), ("IKB", "MBE")), 2024, lead)
    Case.objects.filter(service__code="MBE", closed_on__isnull=False).delete()  # deleted later
    response = signed_in_client(lead).get(PAGE, FILTERS)
    assert response.context["resolved"].report.figures["faelle"] == 5
    assert "Dieses Jahr wurde am" in response.content.decode()
