"""User administration: roles per organisation, one-time reset links, second factor."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import Membership, User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users_by_role: dict[str, Any]) -> Client:
    return signed_in_client(users_by_role[Role.ADMINISTRATOR.value])


def test_create_user_and_give_roles_at_two_organisations(
    admin: Client, provider: Any, city: Any, services: Any
) -> None:
    response = admin.post(
        reverse("accounts:user_create"),
        {"username": "neu", "first_name": "Nora", "last_name": "Neu", "email": ""},
    )
    user = User.objects.get(username="neu")
    assert response.url == reverse("accounts:user_detail", kwargs={"pk": user.pk})
    assert not user.has_usable_password()
    url = reverse("accounts:user_detail", kwargs={"pk": user.pk})
    admin.post(
        url,
        {"organisation": provider.pk, "role": Role.COUNSELLOR, "services": [services["MBE"].pk]},
    )
    admin.post(url, {"organisation": city.pk, "role": Role.STATISTICS})
    assert set(user.memberships.values_list("organisation__slug", "role")) == {
        ("diakonie", "counsellor"),
        ("stadt", "statistics"),
    }


def test_service_not_offered_by_the_organisation_is_refused(
    admin: Client, city: Any, services: Any
) -> None:
    user = User.objects.create(username="neu")
    url = reverse("accounts:user_detail", kwargs={"pk": user.pk})
    response = admin.post(
        url, {"organisation": city.pk, "role": Role.COUNSELLOR, "services": [services["MBE"].pk]}
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=user).exists()


def test_one_time_reset_link_works_once(admin: Client, users_by_role: dict[str, Any]) -> None:
    subject = users_by_role[Role.COUNSELLOR.value]
    admin.post(reverse("accounts:user_action", kwargs={"pk": subject.pk, "action": "reset-link"}))
    page = admin.get(reverse("accounts:user_detail", kwargs={"pk": subject.pk}))
    link = page.context["reset_link"]
    assert "/passwort/neu/" in link
    path = link.split("testserver", 1)[1]

    anonymous = Client()
    form_page = anonymous.get(path, follow=True)
    assert form_page.context["validlink"]
    new = "Ein-neues-sicheres-Passwort-7"
    anonymous.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    subject.refresh_from_db()
    assert subject.check_password(new)
    again = Client().get(path, follow=True)
    assert not again.context["validlink"]
    # The link is shown once: a reload of the page does not show it again.
    assert (
        admin.get(reverse("accounts:user_detail", kwargs={"pk": subject.pk})).context["reset_link"]
        is None
    )


def test_password_reset_by_mail_when_configured(
    users_by_role: dict[str, Any], settings: Any
) -> None:
    subject = users_by_role[Role.COUNSELLOR.value]
    subject.email = "b@example.org"
    subject.save()
    Client().post(reverse("accounts:password_reset"), {"email": "b@example.org"})
    assert len(mail.outbox) == 1
    assert "/passwort/neu/" in mail.outbox[0].body


def test_reset_second_factor_and_unlock(admin: Client, users_by_role: dict[str, Any]) -> None:
    subject = users_by_role[Role.COUNSELLOR.value]
    TOTPDevice.objects.create(user=subject, name="phone", confirmed=True)
    admin.post(
        reverse("accounts:user_action", kwargs={"pk": subject.pk, "action": "reset-second-factor"})
    )
    assert not TOTPDevice.objects.filter(user=subject).exists()

    for _attempt in range(5):
        Client().post(
            reverse("accounts:login"), {"username": subject.username, "password": "falsch"}
        )
    page = admin.get(reverse("accounts:user_detail", kwargs={"pk": subject.pk}))
    assert page.context["is_locked"]
    admin.post(reverse("accounts:user_action", kwargs={"pk": subject.pk, "action": "unlock"}))
    assert not admin.get(reverse("accounts:user_detail", kwargs={"pk": subject.pk})).context[
        "is_locked"
    ]


def test_deactivated_user_cannot_log_in(admin: Client, users_by_role: dict[str, Any]) -> None:
    subject = users_by_role[Role.STATISTICS.value]
    admin.post(reverse("accounts:user_action", kwargs={"pk": subject.pk, "action": "deactivate"}))
    from teilhabe.conftest import PASSWORD

    response = Client().post(
        reverse("accounts:login"), {"username": subject.username, "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, with an error
