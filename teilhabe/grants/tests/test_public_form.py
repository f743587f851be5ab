"""The public application form without an account: the link by e-mail, what users
really send wrong (a dot where no thousands are, a plan that does not balance, a file
too large, a file that is not a PDF) refused in German with nothing typed lost, and
the link opening only its own application."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants.application_models import Application, Status
from teilhabe.planning.models import Concept, FieldOfAction

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    fund = Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    concept = Concept.objects.create(slug="wir", title="WIR")
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    return {"fund": fund, "field": field}


def _post(world: dict[str, Any], **changes: str) -> dict[str, str]:
    data = {
        "fund": str(world["fund"].pk),
        "organisation_name": "Kulturverein Brücke e. V.",
        "contact_name": "Ayşe Demir",
        "contact_email": "demir@bruecke.example",
        "title": "Sprachcafé im Quartier",
        "description": "Wöchentliches Sprachcafé",
        "field_of_action": str(world["field"].pk),
        "own_contribution": "234,50",
        "requested": "1.000",
        "cost_label_1": "Honorare",
        "cost_amount_1": "1.000,00",
        "cost_label_2": "Material",
        "cost_amount_2": "234,50",
    }
    data.update(changes)
    return data


def _start(client: Client, world: dict[str, Any]) -> str:
    response = client.post(reverse("grants:public:start"), _post(world), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://\S+/zuschuesse/antrag/(\S+)/", str(message.body))
    assert link is not None and response.url.endswith(link.group(1) + "/")
    return response.url


def test_apply_without_account_return_by_link_and_submit(world: dict[str, Any]) -> None:
    client = Client()
    url = _start(client, world)
    page = client.get(url).content.decode()
    assert "Sprachcafé im Quartier" in page and 'value="1.000,00"' in page
    response = client.post(url, {**_post(world), "action": "submit"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    assert application.requested == Decimal("1000")
    assert [line.amount for line in application.costs.all()] == [Decimal("1000"), Decimal("234.50")]


def test_a_dot_as_decimal_point_is_refused_and_nothing_is_lost(world: dict[str, Any]) -> None:
    response = Client().post(
        reverse("grants:public:start"),
        _post(world, cost_amount_1="1000.50"),
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "„1000.50“" in page  # the message names what was typed and shows the form
    assert 'value="1000.50"' in page and 'value="Sprachcafé im Quartier"' in page
    assert not Application.objects.exists()


def test_a_plan_that_does_not_balance_cannot_be_submitted(world: dict[str, Any]) -> None:
    client = Client()
    url = _start(client, world)
    response = client.post(url, {**_post(world, requested="900"), "action": "submit"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "1.234,50 €" in page and "1.134,50 €" in page
    assert 'value="900"' in page
    assert Application.objects.get().status == Status.DRAFT


def test_documents_too_large_or_not_pdf_are_refused(world: dict[str, Any], settings: Any) -> None:
    client = Client()
    url = _start(client, world)
    settings.DOCUMENT_MAX_UPLOAD = 1024  # stands in for the 50 MB a user really sends
    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * 4096, content_type="application/pdf")
    response = client.post(url, {"action": "upload", "document": big})
    assert response.status_code == 400
    exe = SimpleUploadedFile("Satzung.pdf", b"MZ\x90\x00" + b"0" * 100)
    response = client.post(url, {"action": "upload", "document": exe})
    assert response.status_code == 400 and "PDF" in response.content.decode()
    good = SimpleUploadedFile("Satzung.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"action": "upload", "document": good}).status_code == 302
    assert [d.name for d in Application.objects.get().documents.all()] == ["Satzung.pdf"]


def test_a_wrong_link_is_a_404(world: dict[str, Any]) -> None:
    client = Client()
    url = _start(client, world)
    token = url.rstrip("/").rsplit("/", 1)[1]
    other = reverse("grants:public:draft", kwargs={"token": token[:-2] + "xx"})
    assert client.get(other).status_code == 404
    assert client.get(reverse("grants:public:draft", kwargs={"token": "kurz"})).status_code == 404


def test_the_applicants_page_shows_no_staff_names_or_notes(
    world: dict[str, Any], users_by_role: Any
) -> None:
    from teilhabe.grants import applications

    client = Client()
    url = _start(client, world)
    client.post(url, {**_post(world), "action": "submit"})
    application = Application.objects.get()
    staff = users_by_role["integration_coordinator"]
    applications.check_completeness(application, staff, complete=False, note="Rückruf Herr Kaya")
    page = client.get(url).content.decode()
    assert "Rückruf Herr Kaya" not in page and staff.username not in page
    assert "documents missing" in page or "Unterlagen fehlen" in page


def test_cost_lines_are_styled_like_the_other_inputs(world: dict[str, Any]) -> None:
    """The cost lines are added after the form styled its fields; without the KERN class
    they render as tiny native inputs."""
    page = Client().get(reverse("grants:public:start")).content.decode()
    for name in ("cost_label_1", "cost_amount_1"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
        assert tag is not None and "kern-form-input__input" in tag.group(0), name


def test_starting_applications_and_guessing_links_are_rate_limited(
    world: dict[str, Any], settings: Any
) -> None:
    """Each started application sends a mail: a script must not make the server mail
    invented addresses, nor try links one after another."""
    settings.GRANTS_PUBLIC_RATE = {"start": (1, 3600), "address": (5, 600)}
    client = Client()
    assert client.post(reverse("grants:public:start"), _post(world)).status_code == 302
    refused = client.post(reverse("grants:public:start"), _post(world))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Zu viele Anfragen" in refused.content.decode()
    assert len(mail.outbox) == 1
    guess = reverse("grants:public:draft", kwargs={"token": "x" * 43})
    statuses = [client.get(guess).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]  # the two starts counted as well
