"""The grant notice: a real PDF from the fund's (or the installation's) template with
the amount in German form and the due date of the proof of use, placeholders substituted
once and never by the template engine, stored in the private folder, the download
audited and closed to everyone but the coordinator."""

from __future__ import annotations

import datetime
import subprocess
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.documents import storage
from teilhabe.grants import notice_text, notices
from teilhabe.grants.grant_models import GrantNotice
from teilhabe.grants.tests.world import granted_world

pytestmark = pytest.mark.django_db

TERMS = {
    "purpose": "Wöchentliches Sprachcafé für neu zugewanderte Familien",
    "starts_on": datetime.date(2025, 4, 1),
    "ends_on": datetime.date(2025, 12, 31),
    "proof_due_on": datetime.date(2026, 3, 31),
    "conditions": "Öffentlichkeitsarbeit nennt den Fonds.",
}


@pytest.fixture
def world(city: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.DOCUMENT_ROOT = tmp_path / "dokumente"
    return granted_world(city)


def _text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def test_the_notice_is_a_pdf_with_amount_due_date_and_anbest_p(world: dict[str, Any]) -> None:
    notice = notices.issue(world["grant"], None, TERMS, datetime.date(2025, 3, 10))
    with storage.open_file(notice.file_id) as stream:
        content = stream.read()
    assert content.startswith(b"%PDF-")
    text = _text(content)
    assert "4.500,00 €" in text  # recommended 4.500 of 5.000 requested, German form
    assert "31.03.2026" in text  # proof of use due
    assert "01.04.2025 bis 31.12.2025" in text
    assert "ANBest-P" in text
    assert "Kulturverein Brücke e. V." in text and "Vergabebeirat Welt" in text
    assert "04.03.2025" in text  # the board's meeting
    assert notices.proof_due_on(world["grant"]) == datetime.date(2026, 3, 31)


def test_the_funds_template_wins_and_values_are_not_substituted_twice(
    world: dict[str, Any],
) -> None:
    notices.save_template(None, "Installation {{ grant.amount }}")
    notices.save_template(world["fund"], "Fonds {{ grant.amount }} für {{ project.purpose }}")
    terms = {**TERMS, "purpose": "{{ grant.amount }} {% load x %}"}
    pdf = notices.render(world["grant"], terms, datetime.date(2025, 3, 10))
    text = _text(pdf)
    assert "Fonds 4.500,00 € für {{ grant.amount }} {% load x %}" in text
    assert "Installation" not in text


def test_a_template_with_engine_syntax_is_refused(world: dict[str, Any]) -> None:
    for body in ["{{ grant.__class__ }}", "{% load static %}", "{{ unknown }}", "  "]:
        with pytest.raises(ValidationError):
            notices.save_template(world["fund"], body)
    assert notice_text.problems(notices.default_text()) == []


def test_terms_that_do_not_fit_are_refused(world: dict[str, Any]) -> None:
    late = {**TERMS, "proof_due_on": datetime.date(2025, 6, 30)}
    with pytest.raises(ValidationError):
        notices.issue(world["grant"], None, late, datetime.date(2025, 3, 10))
    assert not GrantNotice.objects.exists()


def test_the_download_is_audited_and_only_for_the_coordinator(
    world: dict[str, Any], users_by_role: Any
) -> None:
    notice = notices.issue(world["grant"], None, TERMS, datetime.date(2025, 3, 10))
    url = reverse("grants:notice_download", kwargs={"pk": notice.pk})
    response = signed_in_client(users_by_role["integration_coordinator"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert LogEntry.objects.filter(
        object_pk=str(notice.pk), additional_data__read="grant notice:download"
    ).exists()
    assert signed_in_client(users_by_role["team_lead"]).get(url).status_code == 403


def test_staff_issue_the_notice_on_the_grant_page(
    world: dict[str, Any], users_by_role: Any
) -> None:
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:grant_detail", kwargs={"pk": world["grant"].pk})
    response = client.post(
        url,
        {
            "action": "notice",
            "purpose": TERMS["purpose"],
            "starts_on": "2025-04-01",
            "ends_on": "2025-12-31",
            "proof_due_on": "2026-03-31",
            "conditions": "",
        },
    )
    assert response.status_code == 302
    notice = GrantNotice.objects.get()
    assert notice.proof_due_on == datetime.date(2026, 3, 31)
    page = client.get(url).content.decode()
    assert reverse("grants:notice_download", kwargs={"pk": notice.pk}) in page


def test_the_template_page_refuses_engine_syntax_and_keeps_the_text(
    world: dict[str, Any], users_by_role: Any
) -> None:
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:notice_template") + f"?topf={world['fund'].pk}"
    # without a template of its own the fund shows the German default
    assert "ANBest-P" in client.get(url).content.decode()
    response = client.post(url, {"body": "Betrag {{ grant.amount.__class__ }}"})
    assert response.status_code == 400
    assert "grant.amount.__class__" in response.content.decode()
    assert notices.template_for(world["fund"]) == notices.default_text()
    assert client.post(url, {"body": "Betrag {{ grant.amount }}"}).status_code == 302
    assert notices.template_for(world["fund"]) == "Betrag {{ grant.amount }}"
    assert notices.template_for(None) == notices.default_text()  # other funds unchanged
