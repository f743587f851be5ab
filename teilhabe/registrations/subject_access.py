"""Registrations for public events in the data-protection officer's search for a
data-subject access request (casework/subject_access_parts.py): the person registered
without an account, so the search finds them by name or e-mail address, in every
organisation; each registration shows all that is stored of it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.subject_access_parts import RecordsOutsideCasework
from teilhabe.core.languages import language_name
from teilhabe.registrations.housekeeping import keep_days
from teilhabe.registrations.models import Registration
from teilhabe.registrations.services import REGISTRATION_FIELDS

# Every stored field of a registration but the cancel link's hash, which says nothing
# about the person (the reminder's time says that a mail was sent to it).
SHOWN = [
    *REGISTRATION_FIELDS,
    "status",
    "created_at",
    "consent_at",
    "moved_up_at",
    "cancelled_at",
    "reminded_at",
    "attended",
]


def _value(registration: Registration, name: str) -> str:
    value = getattr(registration, name)
    if name == "status":
        return registration.get_status_display()
    if name == "interpretation_language" and value:
        return language_name(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    return str(value) if value not in (None, "") else "–"


def rows_of(registration: Registration) -> dict[str, str]:
    event = registration.listing.event
    rows = {
        _("Event"): event.title,
        _("Date"): date_format(event.date, "d.m.Y"),
        _("Organisation"): str(event.organisation),
    }
    for name in SHOWN:
        field = Registration._meta.get_field(name)
        assert isinstance(field, models.Field)  # SHOWN names concrete fields only
        label = capfirst(field.verbose_name)
        rows[str(label)] = _value(registration, name)
    return rows


def _name_words(name: str) -> list[str]:
    return re.split(r"[\s\-]+", name.casefold())


def find(query: str, at_most: int) -> list[tuple[Any, dict[str, str]]]:
    """Registrations under the e-mail address searched for, or whose name has a word
    beginning with each word searched for ("Ali" finds "Ali Haddad", not "Natalie")."""
    words = query.casefold().split()
    if not words:
        return []
    by_name = Q()
    for word in words:
        by_name &= Q(name__icontains=word)  # a wider net in the database, narrowed below
    candidates = (
        Registration.objects.filter(Q(email__iexact=query.strip()) | by_name)
        .select_related("listing__event__organisation")
        .order_by("-listing__event__date", "-pk")
    )
    found = []
    for registration in candidates.iterator():
        names = _name_words(registration.name)
        by_address = registration.email.casefold() == query.strip().casefold()
        if by_address or all(any(n.startswith(w) for n in names) for w in words):
            found.append((registration, rows_of(registration)))
            if len(found) == at_most:
                break
    return found


def kept() -> str:
    return _("Deleted %(days)s days after the event.") % {"days": keep_days()}


PART = RecordsOutsideCasework(
    key="registrations",
    title=gettext_lazy("Registrations for public events"),
    find=find,
    kept=kept,
)
