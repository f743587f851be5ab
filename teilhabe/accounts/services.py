"""Write paths for users, memberships and second factors."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import Membership, User
from teilhabe.organisations.models import Organisation, Service


@transaction.atomic
def create_user(
    *, username: str, first_name: str, last_name: str, email: str = "", password: str | None = None
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        user.set_password(password)
    else:
        # The user sets a password through a one-time link issued by an administrator.
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def add_membership(
    user: User, organisation: Organisation, role: str, services: list[Service] | None = None
) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    membership.services.set(services or [])
    return membership


def reset_link_path(user: User) -> str:
    """A one-time link to set a new password; it expires after PASSWORD_RESET_TIMEOUT and
    becomes invalid once used, because the token depends on the password hash."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def reset_second_factor(user: User) -> int:
    """Removes every TOTP device; the user sets up a new one at the next login."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def unlock(user: User) -> None:
    axes_reset(username=user.username)


def set_active(user: User, active: bool) -> None:
    user.is_active = active
    user.save(update_fields=["is_active"])
