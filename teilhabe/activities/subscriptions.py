"""Calendar subscriptions: create, find by token, revoke.

The token is shown once, when the subscription is made; only its SHA-256 is stored.
A subscription stops working when it is revoked, and also when its owner is
deactivated or no longer holds a calendar role at the organisation.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.utils import timezone

from teilhabe.activities.access import CALENDAR_ROLES
from teilhabe.activities.models import CalendarSubscription
from teilhabe.organisations.models import Organisation

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_subscription(
    owner: Any, organisation: Organisation, label: str = ""
) -> tuple[CalendarSubscription, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    subscription = CalendarSubscription.objects.create(
        owner=owner, organisation=organisation, label=label, token_hash=_digest(token)
    )
    return subscription, token


def subscription_for_token(token: str) -> CalendarSubscription | None:
    """The live subscription of `token`, or None (unknown, revoked, owner without access)."""
    if not token or len(token) > 128:
        return None
    digest = _digest(token)
    subscription = (
        CalendarSubscription.objects.select_related("owner", "organisation")
        .filter(token_hash=digest, revoked_at__isnull=True)
        .first()
    )
    # The lookup is by a hash of the token, so its timing tells nothing about the
    # token; the comparison below keeps the check explicit and constant-time.
    if subscription is None or not hmac.compare_digest(subscription.token_hash, digest):
        return None
    owner = subscription.owner
    still_member = owner.memberships.filter(
        organisation=subscription.organisation, role__in=CALENDAR_ROLES
    ).exists()
    if not owner.is_active or not still_member or not subscription.organisation.is_active:
        return None
    return subscription


def mark_used(subscription: CalendarSubscription) -> None:
    CalendarSubscription.objects.filter(pk=subscription.pk).update(last_used_at=timezone.now())


def revoke(subscription: CalendarSubscription) -> None:
    if subscription.revoked_at is None:
        subscription.revoked_at = timezone.now()
        subscription.save(update_fields=["revoked_at"])
