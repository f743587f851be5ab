"""Security review (attack as another role/organisation): the upload and letter pages
name the client, so opening them is a read of the case; hostile uploads (SVG, HTML,
an executable named .pdf) are refused; another organisation's case is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.documents import templates_service
from teilhabe.documents.models import Document, LetterTemplate
from teilhabe.documents.tests.world import uploaded
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _reads(case: Case, what: str) -> int:
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(case.pk), additional_data__read=what
    ).count()


def test_opening_the_upload_page_of_a_case_is_a_logged_read(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    response = client.get(reverse("documents:case_upload", kwargs={"pk": case.pk}))
    assert response.status_code == 200
    assert "Kovalenko" in response.content.decode()
    assert _reads(case, "document:upload-form") == 1


def test_opening_the_upload_page_of_a_client_is_a_logged_read(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    response = client.get(reverse("documents:client_upload", kwargs={"pk": case.client_id}))
    assert response.status_code == 200
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(case.client_id),
        additional_data__read="document:upload-form",
    ).exists()


def test_opening_the_letter_form_is_a_logged_read(case: Case, counsellor: Any) -> None:
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.filter(organisation_id=case.organisation_id).first()
    assert template is not None
    client = signed_in_client(counsellor)
    url = reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": template.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert "Kovalenko" in response.content.decode()
    assert _reads(case, f"letter-form:{template.pk}") == 1


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (SVG, "scan.svg", "image/svg+xml"),
        (SVG, "scan.pdf", "application/pdf"),
        (HTML, "brief.pdf", "application/pdf"),
        (MZ, "bescheid.pdf", "application/pdf"),
    ],
)
def test_hostile_uploads_are_refused(
    case: Case, counsellor: Any, content: bytes, name: str, kind: str
) -> None:
    client = signed_in_client(counsellor)
    data = {
        "upload": uploaded(content, name, kind),
        "kind": "einwilligung",
        "title": "Einwilligung",
        "document_date": "2024-03-01",
    }
    response = client.post(reverse("documents:case_upload", kwargs={"pk": case.pk}), data)
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_another_organisation_cannot_open_the_upload_or_letter_page(
    case: Case, city: Organisation
) -> None:
    outsider = make_user("fremdberatung", city, Role.TEAM_LEAD.value)
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.filter(organisation_id=case.organisation_id).first()
    assert template is not None
    client = signed_in_client(outsider)
    urls = [
        reverse("documents:case_upload", kwargs={"pk": case.pk}),
        reverse("documents:client_upload", kwargs={"pk": case.client_id}),
        reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": template.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert _reads(case, "document:upload-form") == 0
