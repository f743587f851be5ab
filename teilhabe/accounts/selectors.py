"""Read paths for users and memberships."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import User


def search_users(query: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related("memberships__organisation")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    return users


def locked_usernames() -> set[str]:
    return set(
        AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
        .distinct()
    )


def users_with_second_factor() -> set[int]:
    return set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
