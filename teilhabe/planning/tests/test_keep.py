"""Keeping the plan on pages: the coordinator's forms for concepts, fields, goals,
measures and indicators; providers' progress entries on the measures they lead; what
another organisation's provider meets; hostile ids and parameters."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Area
from teilhabe.organisations.services import create_organisation
from teilhabe.planning.figures import plan_report
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry
from teilhabe.planning.tests.plan_files import make_areas, write_plan


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Client:
    return signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])


@pytest.fixture
def plan(tmp_path: Path, users_by_role: dict[str, Any]) -> Concept:
    """The plan of plan_files.py; M1 is led by the provider "diakonie" of users_by_role,
    with the Volkshochschule as a partner; M2 is led by the Volkshochschule."""
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    return Concept.objects.get(slug="wir2")


def test_the_coordinator_builds_a_plan_with_a_district_goal(
    coordinator: Client, users_by_role: dict[str, Any]
) -> None:
    areas = make_areas()
    response = coordinator.post(
        reverse("planning:concept_create"),
        {"slug": "wir3", "title": "WIR 3.0", "adopted_on": "2026-09-01"},
    )
    assert response.status_code == 302
    concept = Concept.objects.get(slug="wir3")
    assert concept.adopted_on == datetime.date(2026, 9, 1)

    coordinator.post(
        reverse("planning:field_create", kwargs={"slug": "wir3"}), {"code": "HF1", "title": "B"}
    )
    field = FieldOfAction.objects.get(concept=concept, code="HF1")
    goal_url = reverse("planning:goal_create", kwargs={"slug": "wir3"})
    coordinator.post(goal_url, {"code": "Z1", "title": "Sprache", "field": field.pk})
    city_goal = Goal.objects.get(concept=concept, code="Z1")
    response = coordinator.post(
        goal_url,
        {"code": "Z1.N", "title": "Sprachcafés", "parent": city_goal.pk, "area": areas["D11"].pk},
    )
    assert response.status_code == 302
    district_goal = Goal.objects.get(concept=concept, code="Z1.N")
    assert (district_goal.parent, district_goal.area, district_goal.field) == (
        city_goal,
        areas["D11"],
        None,
    )

    lead = actor_for_organisation(
        users_by_role[Role.TEAM_LEAD.value].memberships.get().organisation
    )
    partner = Actor.objects.create(name="Volkshochschule", kind_id=lead.kind_id)
    programme = FundingProgramme.objects.create(code="P9", title="Bund")
    response = coordinator.post(
        reverse("planning:measure_create", kwargs={"slug": "wir3"}),
        {
            "code": "M1",
            "title": "Sprachcafé",
            "goals": [district_goal.pk],
            "lead": lead.pk,
            "partners": [partner.pk],
            "areas": [areas["D11"].pk, areas["D12"].pk],
            "starts_on": "2026-10-01",
            "planned_end": "2027-09-30",
            "planned_cost": "12345,67",
            "funding": programme.pk,
            "target_groups": "Eltern\nKinder",
        },
    )
    assert response.status_code == 302, response.content.decode()
    measure = Measure.objects.get(concept=concept, code="M1")
    assert list(measure.goals.all()) == [district_goal]
    assert list(measure.partners.all()) == [partner]
    assert {a.code for a in measure.areas.all()} == {"D11", "D12"}
    assert (measure.lead, measure.funding, measure.planned_cost) == (
        lead,
        programme,
        Decimal("12345.67"),
    )
    response = coordinator.post(
        reverse("planning:indicator_create", kwargs={"pk": measure.pk}),
        {
            "name": "Teilnehmende",
            "unit": "Personen",
            "baseline": "10",
            "target": "40,5",
            "year": 2027,
        },
    )
    assert response.status_code == 302
    indicator = measure.indicators.get()
    assert (indicator.baseline, indicator.target, indicator.year) == (
        Decimal(10),
        Decimal("40.5"),
        2027,
    )
    # The measure serves the district goal, and so the city goal above it.
    report = plan_report(concept, datetime.date(2026, 12, 1))
    assert report["ziele"]["Z1"]["massnahmen"] == 1
    assert report["handlungsfelder"]["HF1"]["kosten"] == 12345.67
    # Every change is in the audit log.
    assert LogEntry.objects.get_for_object(measure).exists()


def test_a_goal_cannot_become_its_own_ancestor(coordinator: Client, plan: Concept) -> None:
    top = Goal.objects.get(concept=plan, code="Z1")
    below = Goal.objects.get(concept=plan, code="Z1.1.N")
    response = coordinator.post(
        reverse("planning:goal_edit", kwargs={"pk": top.pk}),
        {
            "code": "Z1",
            "title": "Sprache",
            "field": top.field_id,
            "parent": below.pk,
            "version": top.version,
        },
    )
    assert response.status_code == 400
    assert "A goal cannot serve itself" in response.content.decode() or "sich selbst" in (
        response.content.decode()
    )
    top.refresh_from_db()
    assert top.parent_id is None


def test_a_stale_edit_is_refused(coordinator: Client, plan: Concept) -> None:
    measure = Measure.objects.get(concept=plan, code="M3")
    url = reverse("planning:measure_edit", kwargs={"pk": measure.pk})
    data = {
        "code": "M3",
        "title": "Elterncafé neu",
        "goals": [g.pk for g in measure.goals.all()],
        "version": measure.version,
    }
    assert coordinator.post(url, data).status_code == 302
    data["title"] = "Elterncafé überschrieben"  # the same, stale version once more
    assert coordinator.post(url, data).status_code == 400
    measure.refresh_from_db()
    assert measure.title == "Elterncafé neu"


def test_a_reserved_short_name_is_refused(coordinator: Client) -> None:
    response = coordinator.post(reverse("planning:concept_create"), {"slug": "neu", "title": "X"})
    assert response.status_code == 400
    assert not Concept.objects.filter(slug="neu").exists()


def test_the_lead_provider_adds_progress(plan: Concept, users_by_role: dict[str, Any]) -> None:
    lead = users_by_role[Role.PROGRAMME_COORDINATOR.value]
    client = signed_in_client(lead)
    m1 = Measure.objects.get(concept=plan, code="M1")
    mine = client.get(reverse("planning:my_measures")).content.decode()
    assert "M1 Sprachkurse Nord" in mine and "M2 " not in mine
    before = ProgressEntry.objects.filter(measure=m1).count()
    response = client.post(
        reverse("planning:progress_create", kwargs={"pk": m1.pk}),
        {"date": "2025-03-01", "status": "laufend", "stand": "70", "remark": "Kurs 3 läuft"},
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.filter(measure=m1).latest("id")
    assert (entry.date, entry.status, entry.stand, entry.recorded_by) == (
        datetime.date(2025, 3, 1),
        "laufend",
        70,
        lead,
    )
    assert ProgressEntry.objects.filter(measure=m1).count() == before + 1
    # Counted from its date on, not before: the plan of earlier dates stays as it was.
    assert plan_report(plan, datetime.date(2025, 3, 1))["ziele"]["Z1.1"]["stand_mittel"] == 60.0
    assert plan_report(plan, datetime.date(2025, 2, 28))["ziele"]["Z1.1"]["stand_mittel"] == 55.0


def test_an_empty_or_impossible_entry_is_refused(
    plan: Concept, users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    url = reverse("planning:progress_create", kwargs={"pk": Measure.objects.get(code="M1").pk})
    count = ProgressEntry.objects.count()
    assert client.post(url, {"date": "2025-03-01"}).status_code == 400
    assert client.post(url, {"date": "2025-03-01", "stand": "101"}).status_code == 400
    assert client.post(url, {"date": "2099-01-01", "stand": "10"}).status_code == 400
    assert ProgressEntry.objects.count() == count


def test_another_organisations_provider_cannot_add_progress(
    plan: Concept, users_by_role: dict[str, Any]
) -> None:
    other = create_organisation("caritas", "Caritas", ["MBE"])
    stranger = signed_in_client(make_user("fremd", other, Role.TEAM_LEAD.value))
    m1 = Measure.objects.get(concept=plan, code="M1")
    count = ProgressEntry.objects.count()
    post = {"date": "2025-03-01", "stand": "99"}
    assert stranger.get(reverse("planning:measure_detail", kwargs={"pk": m1.pk})).status_code == 404
    url = reverse("planning:progress_create", kwargs={"pk": m1.pk})
    assert stranger.post(url, post).status_code == 404
    assert ProgressEntry.objects.count() == count
    assert "Sprachkurse Nord" not in stranger.get(reverse("planning:my_measures")).content.decode()


def test_a_partner_sees_the_measure_but_does_not_record(
    plan: Concept, users_by_role: dict[str, Any]
) -> None:
    """The provider is a partner of a measure the Volkshochschule leads."""
    provider = users_by_role[Role.TEAM_LEAD.value].memberships.get().organisation
    m2 = Measure.objects.get(concept=plan, code="M2")
    m2.partners.add(actor_for_organisation(provider))
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    page = client.get(reverse("planning:measure_detail", kwargs={"pk": m2.pk}))
    assert page.status_code == 200
    assert reverse("planning:progress_create", kwargs={"pk": m2.pk}) not in page.content.decode()
    url = reverse("planning:progress_create", kwargs={"pk": m2.pk})
    assert client.post(url, {"date": "2025-03-01", "stand": "99"}).status_code == 403
    assert not ProgressEntry.objects.filter(measure=m2, stand=99).exists()


def test_statistics_reads_but_does_not_keep(plan: Concept, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.STATISTICS.value])
    m1 = Measure.objects.get(concept=plan, code="M1")
    assert client.get(reverse("planning:measure_detail", kwargs={"pk": m1.pk})).status_code == 200
    response = client.post(
        reverse("planning:measure_edit", kwargs={"pk": m1.pk}),
        {"code": "M1", "title": "weg", "goals": [], "version": m1.version},
    )
    assert response.status_code == 403
    url = reverse("planning:progress_create", kwargs={"pk": m1.pk})
    assert client.post(url, {"date": "2025-03-01", "stand": "1"}).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/planung/massnahmen/0/",
        "/planung/massnahmen/99999999/",
        "/planung/massnahmen/99999999999999999999999/",
        "/planung/ziele/99999999/",
        "/planung/ziele/-1/",
        "/planung/indikatoren/99999999/bearbeiten/",
        "/planung/handlungsfelder/99999999/bearbeiten/",
        "/planung/massnahmen/99999999/fortschritt/",
        "/planung/wir2/gebiete/99999999/",
        "/planung/gibt-es-nicht/",
    ],
)
def test_hostile_ids_are_not_found(path: str, coordinator: Client, plan: Concept) -> None:
    assert coordinator.get(path).status_code == 404


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("planning:goal_detail", {"stichtag": "31.02.2024"}),
        ("planning:measure_detail", {"stichtag": "gestern"}),
        ("planning:district_plan", {"stichtag": "2024-13-01"}),
        ("planning:goal_create", {"uebergeordnet": "1 OR 1=1"}),
    ],
)
def test_hostile_parameters_are_bad_requests(
    name: str, query: dict[str, str], coordinator: Client, plan: Concept
) -> None:
    goal = Goal.objects.get(concept=plan, code="Z1")
    kwargs: dict[str, Any] = {
        "planning:goal_detail": {"pk": goal.pk},
        "planning:measure_detail": {"pk": Measure.objects.get(code="M1").pk},
        "planning:district_plan": {"slug": "wir2", "pk": Area.objects.get(code="B1").pk},
        "planning:goal_create": {"slug": "wir2"},
    }[name]
    assert coordinator.get(reverse(name, kwargs=kwargs), query).status_code == 400


PDF = b"%PDF-1.4\n% Zwischenbericht\n"


def test_a_progress_entry_carries_an_attachment(
    plan: Concept,
    users_by_role: dict[str, Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    m1 = Measure.objects.get(concept=plan, code="M1")
    url = reverse("planning:progress_create", kwargs={"pk": m1.pk})
    upload = SimpleUploadedFile("Bericht März.pdf", PDF, content_type="text/html")
    response = client.post(url, {"date": "2025-03-01", "remark": "Bericht", "attachment": upload})
    assert response.status_code == 302
    entry = ProgressEntry.objects.filter(measure=m1).latest("id")
    assert (entry.attachment_type, entry.attachment_size, entry.attachment_name) == (
        "application/pdf",
        len(PDF),
        "Bericht März.pdf",
    )
    download = reverse("planning:progress_attachment", kwargs={"pk": entry.pk})
    page = client.get(reverse("planning:measure_detail", kwargs={"pk": m1.pk}))
    assert download in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=utf-8''Bericht_M%C3%A4rz.pdf" in response["Content-Disposition"]
    # The coordinator reads it too; another organisation's provider meets a 404.
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    assert coordinator.get(download).status_code == 200
    other = create_organisation("caritas", "Caritas", ["MBE"])
    stranger = signed_in_client(make_user("fremd", other, Role.TEAM_LEAD.value))
    assert stranger.get(download).status_code == 404
    # Deleting the measure takes the file with it.
    file_path = Path(settings.DOCUMENT_ROOT) / entry.attachment_id[:2] / entry.attachment_id
    assert file_path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        m1.delete()
    assert not file_path.exists()
    assert coordinator.get(download).status_code == 404


def test_a_file_that_is_no_pdf_or_image_is_refused(
    plan: Concept, users_by_role: dict[str, Any], settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    m1 = Measure.objects.get(concept=plan, code="M1")
    url = reverse("planning:progress_create", kwargs={"pk": m1.pk})
    count = ProgressEntry.objects.count()
    for name, content in (
        ("bericht.pdf", b"MZ\x90\x00 not a pdf"),  # an executable named .pdf
        ("bild.png", b"\x89PNG\r\n\x1a\n broken image"),
    ):
        upload = SimpleUploadedFile(name, content, content_type="application/pdf")
        response = client.post(url, {"date": "2025-03-01", "stand": "70", "attachment": upload})
        assert response.status_code == 400
    settings.DOCUMENT_MAX_UPLOAD = 10
    upload = SimpleUploadedFile("gross.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(url, {"date": "2025-03-01", "stand": "70", "attachment": upload}).status_code
        == 400
    )
    assert ProgressEntry.objects.count() == count
    # Nothing is left in the private folder.
    assert not [p for p in Path(settings.DOCUMENT_ROOT).rglob("*") if p.is_file()]


def test_the_import_refuses_a_reserved_short_name(tmp_path: Path, db: None) -> None:
    from teilhabe.core.tabular import TableError

    make_areas()
    with pytest.raises(TableError):
        import_plan(write_plan(tmp_path / "plan"), "massnahmen", title="X")
    assert not Concept.objects.exists()
