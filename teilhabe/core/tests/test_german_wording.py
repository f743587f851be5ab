"""German wording the review of issue 10 stumbled over: a failed login says that it
failed, empty choices read "–" instead of "---------", the hand-over recipient is not
labelled "Bis"."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.forms import LoginForm
from teilhabe.accounts.roles import Role
from teilhabe.audit.forms import AuditFilterForm
from teilhabe.casework.forms import PersonForm

pytestmark = pytest.mark.django_db


def test_a_wrong_password_says_the_login_failed(users_by_role: dict[str, Any]) -> None:
    user = users_by_role[Role.COUNSELLOR.value]
    response = Client().post(
        reverse("accounts:login"), {"username": user.username, "password": "falsch"}
    )
    html = response.content.decode()
    assert "und Passwort eingeben" not in html  # Django's "Bitte ... und Passwort eingeben"
    with translation.override("de"):
        assert str(LoginForm.error_messages["invalid_login"]) in html


def test_empty_choices_read_as_a_dash() -> None:
    with translation.override("de"):
        person = PersonForm()
        audit = AuditFilterForm()
    for html in (str(person["gender"]), str(person["district"]), str(person["legal_status"])):
        assert "---------" not in html and '<option value="" selected>–</option>' in html
    assert "---------" not in str(audit["content_type"]) + str(audit["actor"])


def test_the_hand_over_recipient_is_not_labelled_bis() -> None:
    from teilhabe.casework.forms import HandoverForm

    with translation.override("en"):
        assert str(HandoverForm.base_fields["recipient"].label) == "Hand over to"
