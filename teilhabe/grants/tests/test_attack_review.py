"""Security review of the public application form: the POST cannot set status, fund,
token or year; a submitted application takes no more changes or files; the public
pages keep CSRF protection; an SVG/HTML upload is refused; one link opens one
application only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants.application_models import Application, Status
from teilhabe.grants.tests.test_public_form import _post, _start
from teilhabe.planning.models import Concept, FieldOfAction

pytestmark = pytest.mark.django_db
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<html><script>alert(1)</script></html>"


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    fund = Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    concept = Concept.objects.create(slug="wir", title="WIR")
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    return {"fund": fund, "field": field}


def test_the_draft_post_cannot_set_status_fund_token_or_year(world: dict[str, Any]) -> None:
    client = Client()
    url = _start(client, world)
    before = Application.objects.get()
    other_fund = Fund.objects.create(name="Anderer Topf", kind=FundKind.SMALL_PROJECTS)
    hostile = {
        **_post(world),
        "action": "save",
        "status": Status.APPROVED,
        "fund": str(other_fund.pk),
        "token_hash": "0" * 64,
        "year": "1999",
        "applicant_actor": "1",
    }
    assert client.post(url, hostile).status_code == 302
    after = Application.objects.get()
    assert (after.status, after.fund_id, after.token_hash, after.year) == (
        Status.DRAFT,
        before.fund_id,
        before.token_hash,
        before.year,
    )
    assert after.applicant_actor_id is None


def test_a_submitted_application_takes_no_changes_or_files(world: dict[str, Any]) -> None:
    client = Client()
    url = _start(client, world)
    assert client.post(url, {**_post(world), "action": "submit"}).status_code == 302
    assert Application.objects.get().status == Status.SUBMITTED
    client.post(url, {**_post(world, title="Geändert"), "action": "save"})
    pdf = SimpleUploadedFile("Satzung.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(url, {"action": "upload", "document": pdf})
    application = Application.objects.get()
    assert application.title == "Sprachcafé im Quartier"
    assert not application.documents.exists()


@pytest.mark.parametrize("content", [SVG, HTML])
def test_svg_or_html_named_pdf_is_refused(world: dict[str, Any], content: bytes) -> None:
    client = Client()
    url = _start(client, world)
    upload = SimpleUploadedFile("Satzung.pdf", content, content_type="application/pdf")
    assert client.post(url, {"action": "upload", "document": upload}).status_code == 400
    assert not Application.objects.get().documents.exists()


def test_public_pages_keep_csrf_protection(world: dict[str, Any]) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("grants:public:start"), _post(world))
    assert response.status_code == 403
    assert not Application.objects.exists()
    url = _start(Client(), world)
    response = strict.post(url, {**_post(world, title="Fremd"), "action": "save"})
    assert response.status_code == 403
    assert Application.objects.get().title == "Sprachcafé im Quartier"


def test_one_link_opens_one_application(world: dict[str, Any]) -> None:
    first, second = Client(), Client()
    url_a = _start(first, world)
    mail.outbox.clear()
    url_b = _start(second, world)
    assert url_a != url_b
    second.post(url_b, {**_post(world, title="Zweites Projekt"), "action": "save"})
    page_a = first.get(url_a).content.decode()
    assert "Zweites Projekt" not in page_a
    staff_list = first.get(reverse("grants:application_list"))
    assert staff_list.status_code in (302, 403)  # no account: no list of applications
