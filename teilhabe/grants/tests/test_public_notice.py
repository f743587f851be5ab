"""The applicant downloads the grant notice through the application's link: the same
PDF staff file, for that one application only; an unknown token, another application's
token and an application without a notice get a 404."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.documents import storage
from teilhabe.grants import applications
from teilhabe.grants.tests.world import granted_world, stored_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.DOCUMENT_ROOT = tmp_path / "dokumente"
    return granted_world(city)


def _notice_url(token: str) -> str:
    return reverse("grants:public:notice", kwargs={"token": token})


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_no_notice_yet_is_404_and_the_page_shows_no_link(world: dict[str, Any]) -> None:
    client = Client()
    assert client.get(_notice_url(world["token"])).status_code == 404
    page = client.get(reverse("grants:public:draft", kwargs={"token": world["token"]}))
    assert _notice_url(world["token"]) not in page.content.decode()


def test_the_link_owner_gets_the_filed_pdf(world: dict[str, Any]) -> None:
    notice = stored_notice(world["grant"])
    client = Client()
    page = client.get(reverse("grants:public:draft", kwargs={"token": world["token"]}))
    assert f'href="{_notice_url(world["token"])}"' in page.content.decode()
    response = client.get(_notice_url(world["token"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    content = _body(response)
    assert content.startswith(b"%PDF")
    with storage.open_file(notice.file_id) as stream:
        assert content == stream.read()


def test_another_applications_token_does_not_get_this_notice(world: dict[str, Any]) -> None:
    stored_notice(world["grant"])
    _other, token = applications.start(
        world["fund"],
        2025,
        {
            "organisation_name": "Nachbarschaftshilfe Ost e. V.",
            "contact_name": "Jonas Weber",
            "contact_email": "weber@ost.example",
            "title": "Hausaufgabenhilfe",
        },
        [("Honorare", Decimal("800"))],
    )
    assert Client().get(_notice_url(token)).status_code == 404


@pytest.mark.parametrize("token", ["x" * 43, "kurz"])
def test_an_unknown_token_is_404(world: dict[str, Any], token: str) -> None:
    stored_notice(world["grant"])
    assert Client().get(_notice_url(token)).status_code == 404
