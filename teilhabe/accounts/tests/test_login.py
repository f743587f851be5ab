"""Login: lock-out, second factor, demo mode, session timeout, Argon2."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.roles import Role
from teilhabe.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def current_code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(6)


def unthrottle(device: TOTPDevice) -> None:
    """django-otp delays the next try after a wrong code (2^n seconds); the test does
    not wait for it."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def test_five_wrong_passwords_lock_the_account(users_by_role: dict[str, Any]) -> None:
    client = Client()
    for _attempt in range(5):
        response = login(client, "counsellor", "falsch")
    assert response.status_code == 429
    # Even the right password is refused while the lock lasts ...
    response = login(Client(), "counsellor", PASSWORD)
    assert response.status_code == 429
    assert b"locked" in response.content or "gesperrt" in response.content.decode()
    # ... and another user is not affected.
    assert login(Client(), "team_lead", PASSWORD).status_code == 302


def test_four_wrong_passwords_do_not_lock(users_by_role: dict[str, Any]) -> None:
    client = Client()
    for _attempt in range(4):
        assert login(client, "counsellor", "falsch").status_code == 200
    assert login(client, "counsellor", PASSWORD).status_code == 302


def test_counsellor_cannot_work_without_second_factor(users_by_role: dict[str, Any]) -> None:
    assert settings.REQUIRE_SECOND_FACTOR
    client = Client()
    assert login(client, "counsellor", PASSWORD).status_code == 302
    # The password alone reaches no page with data: every page sends to the TOTP step.
    for name in ("core:dashboard", "organisations:list", "accounts:profile"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("accounts:second_factor")
    # Without a device, the TOTP step is the set-up.
    assert client.get(reverse("accounts:second_factor")).url == reverse(
        "accounts:second_factor_setup"
    )


def test_second_factor_set_up_and_used(users_by_role: dict[str, Any]) -> None:
    client = Client()
    login(client, "counsellor", PASSWORD)
    page = client.get(reverse("accounts:second_factor_setup"))
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content  # the QR code is made here, no outside service
    device = TOTPDevice.objects.get(user__username="counsellor", confirmed=False)
    wrong = client.post(reverse("accounts:second_factor_setup"), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    unthrottle(device)
    response = client.post(reverse("accounts:second_factor_setup"), {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200

    # Next login: password, then the code from the app.
    second = Client()
    login(second, "counsellor", PASSWORD)
    assert second.get(reverse("core:dashboard")).url == reverse("accounts:second_factor")
    # A confirmed device cannot be replaced with the password alone.
    assert second.get(reverse("accounts:second_factor_setup")).url == reverse(
        "accounts:second_factor"
    )
    assert second.post(reverse("accounts:second_factor"), {"token": "123456"}).status_code == 200
    assert second.get(reverse("core:dashboard")).status_code == 302
    unthrottle(device)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the set-up used this code
    device.refresh_from_db()
    response = second.post(reverse("accounts:second_factor"), {"token": current_code(device)})
    assert response.status_code == 302
    assert second.get(reverse("core:dashboard")).status_code == 200


def test_statistics_role_needs_no_second_factor(users_by_role: dict[str, Any]) -> None:
    client = Client()
    login(client, Role.STATISTICS.value, PASSWORD)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_demo_mode_makes_second_factor_optional(
    users_by_role: dict[str, Any], settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    settings.DEMO_MODE = True
    client = Client()
    login(client, "counsellor", PASSWORD)
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 200
    assert b"demo-banner" in page.content


def test_session_expires_after_idle_time() -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 <= 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_production_hashing_is_argon2(settings: Any) -> None:
    from teilhabe import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password("x")
    assert encoded.startswith("argon2$argon2id$")


def test_logout_needs_post(users_by_role: dict[str, Any]) -> None:
    client = Client()
    login(client, Role.STATISTICS.value, PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_one_address_trying_many_user_names_is_slowed(
    users_by_role: dict[str, Any], settings: Any
) -> None:
    """django-axes counts failures per account; one address going through many user
    names is limited by the count of its failed sign-ins."""
    settings.ACCOUNT_RATE = {"login": (3, 600)}
    user = users_by_role[Role.COUNSELLOR.value]
    # successful sign-ins (an office behind one address at 8 o'clock) do not count
    assert [login(Client(), user.username, PASSWORD).status_code for _ in range(5)] == [302] * 5
    client = Client()
    statuses = [login(client, f"name{n}", "wrong").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = login(client, user.username, PASSWORD)  # now refused before it is checked
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Zu viele Anfragen" in refused.content.decode()
    assert client.get(reverse("accounts:login")).status_code == 200  # the page itself


def test_the_reset_form_mails_a_limited_number_of_addresses(
    users_by_role: dict[str, Any], settings: Any
) -> None:
    from django.core import mail

    settings.ACCOUNT_RATE = {"password-reset": (2, 3600)}
    subject = users_by_role[Role.COUNSELLOR.value]
    subject.email = "b@example.org"
    subject.save()
    url = reverse("accounts:password_reset")
    client = Client()
    statuses = [client.post(url, {"email": "b@example.org"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
