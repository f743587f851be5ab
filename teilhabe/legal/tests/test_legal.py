"""Imprint, privacy notice and accessibility statement: reachable by everybody from
every page's footer, edited by the administrator only, recorded, and never a way to put
markup on a page."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.legal.models import LegalPage
from teilhabe.legal.selectors import blocks_of

pytestmark = pytest.mark.django_db
KINDS = ("impressum", "datenschutz", "barrierefreiheit")


def test_every_page_is_public_and_linked_from_the_login_page() -> None:
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="de")
    login = anonymous.get(reverse("accounts:login")).content.decode()
    for kind in KINDS:
        url = reverse("legal:page", kwargs={"kind": kind})
        assert f'href="{url}"' in login
        response = anonymous.get(url)
        assert response.status_code == 200
        assert response.context["page"].is_template  # nothing entered yet
    statement = anonymous.get(reverse("legal:page", kwargs={"kind": "barrierefreiheit"}))
    assert "Schlichtungsverfahren" in statement.content.decode()
    assert anonymous.get("/rechtliches/unbekannt/").status_code == 404


def test_administrator_edits_and_the_change_is_recorded(users_by_role: dict[str, User]) -> None:
    admin = signed_in_client(users_by_role[Role.ADMINISTRATOR.value])
    url = reverse("legal:edit", kwargs={"kind": "impressum"})
    assert "Digitale-Dienste-Gesetz" in admin.get(url).context["form"].initial["body"]
    text = "# Anbieter\n\nStadt Teststadt\nRathausplatz 1\n\n<script>alert(1)</script>"
    assert admin.post(url, {"body": text}).status_code == 302
    page = Client().get(reverse("legal:page", kwargs={"kind": "impressum"}))
    html = page.content.decode()
    assert "Stadt Teststadt<br>Rathausplatz 1" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert not page.context["page"].is_template
    stored = LegalPage.objects.get(kind="impressum")
    assert LogEntry.objects.get_for_object(stored).filter(actor__isnull=False).exists()


def test_nobody_else_edits(users_by_role: dict[str, User]) -> None:
    url = reverse("legal:edit", kwargs={"kind": "datenschutz"})
    for role in Role:
        if role != Role.ADMINISTRATOR:
            response = signed_in_client(users_by_role[role.value]).post(url, {"body": "x"})
            assert response.status_code == 403, role
    assert Client().post(url, {"body": "x"}).status_code == 302  # to the login
    assert not LegalPage.objects.exists()


def test_paragraphs_and_headings() -> None:
    blocks = blocks_of("# Titel\r\n\r\nErster\nAbsatz\n\n\n\n#Zweiter Titel\n")
    assert [(b.heading, b.text) for b in blocks] == [
        (True, "Titel"),
        (False, "Erster\nAbsatz"),
        (True, "Zweiter Titel"),
    ]
