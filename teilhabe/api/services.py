"""Issuing, checking and revoking API keys."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.utils import timezone

from teilhabe.api.models import ApiToken

KEY_PREFIX = "th_"
DEFAULT_VALIDITY = datetime.timedelta(days=365)
# Writing "last used" on every request would turn each read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(
    user: Any, name: str, validity: datetime.timedelta = DEFAULT_VALIDITY
) -> tuple[ApiToken, str]:
    """Creates a key; returns it with the only copy of the secret."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:10],
        key_hash=_hash(key),
        expires_at=timezone.now() + validity,
    )
    return token, key


def user_of_key(key: str) -> Any | None:
    """The active user a usable key belongs to, or None."""
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=_hash(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
