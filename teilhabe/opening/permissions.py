"""The permissions of intercultural opening, registered with `rules` in OpeningConfig.ready.

They are kept here, not in accounts/rules.py, because two of the predicates read this
app's tables (a contact person of an institution holds no organisation role; a coach is
named on a process), and accounts sits below every app. The role part is the same as
there: the integration coordinator keeps the catalogue, the processes and decides on
certificates. Object by object access.py decides.
"""

from __future__ import annotations

from typing import Any

import rules

from teilhabe.accounts.rules import is_integration_coordinator

KEEP = "opening.keep"
TAKE_PART = "opening.take_part"


def reach(user: Any) -> tuple[bool, bool]:
    """(contact person of an institution, coach named on a process): one query, kept on
    the user object for the request, since the navigation asks on every page."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return (False, False)
    cached: tuple[bool, bool] | None = getattr(user, "_opening_reach", None)
    if cached is None:
        from django.db.models import Exists, OuterRef

        from teilhabe.accounts.models import User
        from teilhabe.opening.models import InstitutionContact, Process

        row = (
            User.objects.filter(pk=user.pk)
            .annotate(
                contact=Exists(InstitutionContact.objects.filter(user=OuterRef("pk"))),
                coach=Exists(Process.objects.filter(coach=OuterRef("pk"))),
            )
            .values_list("contact", "coach")
            .first()
        )
        cached = (bool(row[0]), bool(row[1])) if row else (False, False)
        user._opening_reach = cached
    return cached


@rules.predicate
def is_institution_contact(user: Any) -> bool:
    return reach(user)[0]


@rules.predicate
def is_named_coach(user: Any) -> bool:
    return reach(user)[1]


PERMISSIONS = {
    KEEP: is_integration_coordinator,
    TAKE_PART: is_integration_coordinator | is_named_coach | is_institution_contact,
}


def register() -> None:
    for name, predicate in PERMISSIONS.items():
        if not rules.perm_exists(name):
            rules.add_perm(name, predicate)
