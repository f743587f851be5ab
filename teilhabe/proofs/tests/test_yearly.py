"""The yearly funding report of 2025 against hand-computed figures: two funds, one of a
programme and one district fund of the city's own budget, with approved, submitted and
rejected applications and a repayment. The PDF is read back with pdftotext; its first
page lands in test-artifacts/screens/proofs-yearly-pdf-1.png for a person to look at."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.funding import services as funding
from teilhabe.funding.models import Fund, FundingProgramme, FundKind
from teilhabe.grants import applications
from teilhabe.grants.application_models import Status
from teilhabe.organisations.models import Area
from teilhabe.planning.models import Concept, FieldOfAction
from teilhabe.proofs import yearly
from teilhabe.proofs.tests.world import DECIDED, granted

pytestmark = pytest.mark.django_db

SCREENS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screens"
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d\d")  # German: 12.345,00


def _world() -> None:
    programme = FundingProgramme.objects.create(code="wir", title="WIR 2.0")
    small = Fund.objects.create(
        name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS, programme=programme
    )
    district = Fund.objects.create(
        name="Quartiersfonds Nord",
        kind=FundKind.NEIGHBOURHOOD,
        area=Area.objects.create(code="N", name="Nord"),
    )
    funding.set_budget(small, 2025, Decimal("10000"))
    funding.set_budget(district, 2025, Decimal("6000"))
    language = FieldOfAction.objects.create(
        concept=Concept.objects.create(slug="wir", title="WIR"), code="HF1", title="Sprache"
    )
    for title in ("Sprachcafé", "Lesepaten"):
        grant, _token = granted(small, title=title)
        grant.application.field_of_action = language
        grant.application.save()
    for status in (Status.SUBMITTED, Status.REJECTED):
        application, _token = applications.start(
            small, 2025, {"organisation_name": "V", "contact_name": "N",
            "contact_email": "n@v.example", "title": "T"}, [("Honorare", Decimal("10"))],
        )  # fmt: skip
        application.status = status
        application.save()
    granted(district, title="Hoffest")
    funding.repay(district, 2025, Decimal("500"), "Rückforderung", DECIDED)


def test_the_report_of_a_year_by_hand() -> None:
    _world()
    report = yearly.report(2025, "ohne", "stadtweit", "Eigenmittel")
    assert [programme.label for programme in report] == ["Eigenmittel", "WIR 2.0"]
    own, wir = report
    small = wir.funds[0]
    # 2 grants of 2,500 committed and paid out of 10,000
    assert (small.money.budget, small.money.committed, small.money.paid, small.money.free) == (
        Decimal("10000"), Decimal("5000"), Decimal("5000"), Decimal("5000"),
    )  # fmt: skip
    counts = dict(small.by_status)
    assert counts[str(Status.APPROVED.label)] == 2
    assert counts[str(Status.SUBMITTED.label)] == 1
    assert counts[str(Status.REJECTED.label)] == 1
    assert small.applications == 4
    assert [(g.label, g.projects, g.granted) for g in small.by_field] == [
        ("Sprache", 2, Decimal("5000"))
    ]
    assert [(g.label, g.projects) for g in small.by_district] == [("stadtweit", 2)]
    district = own.funds[0]
    # 2,500 committed and paid, 500 repaid: 2,000 committed and paid, 4,000 free
    assert (district.money.committed, district.money.paid, district.money.free) == (
        Decimal("2000"), Decimal("2000"), Decimal("4000"),
    )  # fmt: skip
    assert [(g.label, g.projects) for g in district.by_district] == [("Nord", 1)]
    assert [(g.label, g.projects) for g in district.by_field] == [("ohne", 1)]
    assert (wir.committed, own.free) == (Decimal("5000"), Decimal("4000"))


def test_page_and_xlsx(users_by_role: dict[str, object]) -> None:
    _world()
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])  # type: ignore[arg-type]
    page = client.get(reverse("proofs:yearly") + "?jahr=2025").content.decode()
    assert "Quartiersfonds Nord" in page and "5.000,00" in page
    assert "Ayşe Demir" not in page
    response = client.get(reverse("proofs:yearly_xlsx") + "?jahr=2025")
    workbook = load_workbook(io.BytesIO(response.content))
    money = list(workbook.worksheets[0].iter_rows(values_only=True))
    by_fund = {row[1]: row[2:] for row in money[1:]}
    assert by_fund == {
        "Quartiersfonds Nord": (6000, 2000, 2000, 4000),
        "Kleinprojekte": (10000, 5000, 5000, 5000),
    }
    assert Client().get(reverse("proofs:yearly")).status_code == 302  # to the login


def _text(pdf: bytes) -> str:
    """The PDF's text with runs of white space as one space (table cells side by side)."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(out.split())


def test_pdf_has_the_figures_of_the_page(users_by_role: dict[str, object]) -> None:
    _world()
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])  # type: ignore[arg-type]
    page = client.get(reverse("proofs:yearly") + "?jahr=2025").content.decode()
    pdf_url = reverse("proofs:yearly_pdf") + "?jahr=2025"
    assert f'href="{pdf_url}"' in page  # beside the XLSX link
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="foerderbericht-2025.pdf"' in response["Content-Disposition"]
    text = _text(response.content)
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert "Jährlicher Förderbericht 2025" in text
    # new msgids through gettext, so the test holds before and after the .po has them
    with translation.override("de"):
        filters, money = _("Filters applied"), _("Money committed and paid per programme and fund")
    assert f"{filters} Jahr 2025 Erstellt am {today}" in text
    assert f"{money} Programm Fonds Budget (EUR) Gebunden (EUR)" in text
    # money per fund and programme: budget, committed, paid, free (hand-computed above)
    assert "WIR 2.0 Kleinprojekte 10.000,00 5.000,00 5.000,00 5.000,00" in text
    assert "WIR 2.0 Gesamt 10.000,00 5.000,00 5.000,00 5.000,00" in text
    own = "städtische Eigenmittel"
    assert f"{own} Quartiersfonds Nord 6.000,00 2.000,00 2.000,00 4.000,00" in text
    assert f"{own} Gesamt 6.000,00 2.000,00 2.000,00 4.000,00" in text
    # applications by status of the small-projects fund, then its projects
    assert "Entwurf 0 eingereicht 1" in text and "bewilligt 2 abgelehnt 1" in text
    assert "Projekte nach Handlungsfeld Gruppe Projekte Bewilligt (EUR) Sprache 2 5.000,00" in text
    assert "Projekte nach Stadtteil Gruppe Projekte Bewilligt (EUR) stadtweit 2 5.000,00" in text
    assert "kein Handlungsfeld angegeben 1 2.500,00" in text and "Nord 1 2.500,00" in text
    assert "Seite 1 von" in text
    # every amount of the page is in the PDF and no other: the same figures
    main = page[page.index("<main") : page.index("</main>")]
    assert sorted(AMOUNT.findall(main)) == sorted(AMOUNT.findall(text))
    assert "Ayşe Demir" not in text and "Kulturverein" not in text
    SCREENS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENS / "proofs-yearly-pdf-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(prefix)],
        input=response.content,
        check=True,
    )
    assert prefix.with_suffix(".png").stat().st_size > 0


def test_pdf_is_refused_as_the_xlsx_is(users_by_role: dict[str, object]) -> None:
    """Every role and anonymous get the same answer from the PDF as from the XLSX."""
    year = "?jahr=2024"  # an empty year: the document says so
    clients = {"anonymous": Client()} | {
        role: signed_in_client(user)  # type: ignore[arg-type]
        for role, user in users_by_role.items()
    }
    allowed = set()
    for role, client in clients.items():
        xlsx = client.get(reverse("proofs:yearly_xlsx") + year)
        pdf = client.get(reverse("proofs:yearly_pdf") + year)
        # the login's next= names the document asked for; otherwise the same
        where = str(xlsx.get("Location", "")).replace(".xlsx", ".pdf")
        assert (pdf.status_code, pdf.get("Location", "")) == (xlsx.status_code, where), role
        if pdf.status_code == 200:
            allowed.add(role)
            assert pdf["Content-Type"] == "application/pdf"
            assert pdf.content.startswith(b"%PDF")
            assert "In diesem Jahr wurde nichts gefördert." in _text(pdf.content)
    assert allowed == {Role.INTEGRATION_COORDINATOR.value, Role.TEAM_LEAD.value}
