"""The daily work on registrations: reminders the day before, and the deletion of
registrations `REGISTRATION_KEEP_DAYS` (30) days after the event's last day.

The deletion keeps the counts: before the rows go, the persons by status (and those
present) are added to the listing's `kept_*` fields in the same transaction, so
`selectors.figures` gives the same numbers before and after (docs/privacy.md).
"""

from __future__ import annotations

import datetime

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.registrations import mails
from teilhabe.registrations.models import Listing, Registration, Status


def keep_days() -> int:
    return int(getattr(settings, "REGISTRATION_KEEP_DAYS", 30))


def due_for_deletion(day: datetime.date) -> list[int]:
    """Listings with registrations whose event ended more than the period before `day`."""
    last = day - datetime.timedelta(days=keep_days())
    return list(
        Listing.objects.filter(registrations__isnull=False)
        .filter(Q(event__end_date__isnull=True, event__date__lt=last) | Q(event__end_date__lt=last))
        .values_list("pk", flat=True)
        .distinct()
    )


def delete_registrations(day: datetime.date) -> int:
    """Deletes the registrations due on `day`, listing by listing; returns how many."""
    deleted = 0
    for listing_id in due_for_deletion(day):
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=listing_id)
            rows = listing.registrations.all()
            sums = rows.aggregate(
                confirmed=Sum("persons", filter=Q(status=Status.CONFIRMED), default=0),
                waiting=Sum("persons", filter=Q(status=Status.WAITING), default=0),
                cancelled=Sum("persons", filter=Q(status=Status.CANCELLED), default=0),
                attended=Sum("persons", filter=Q(attended=True), default=0),
            )
            listing.kept_confirmed += sums["confirmed"]
            listing.kept_waiting += sums["waiting"]
            listing.kept_cancelled += sums["cancelled"]
            listing.kept_attended += sums["attended"]
            listing.registrations_deleted_on = day
            listing.save(
                update_fields=[
                    "kept_confirmed",
                    "kept_waiting",
                    "kept_cancelled",
                    "kept_attended",
                    "registrations_deleted_on",
                ]
            )
            ids = list(rows.values_list("pk", flat=True))
            # Without auditlog: it would write every deleted row with its values, the very
            # data being deleted; the earlier entries keep who did what, without values.
            with disable_auditlog():
                count, _by_model = rows.delete()
            _empty_audit_values(ids)
            deleted += count
    return deleted


def _empty_audit_values(ids: list[int]) -> None:
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_pk__in=[str(pk) for pk in ids],
    ).update(changes=None, changes_text="", serialized_data=None, object_repr=_("registration"))


def send_reminders(day: datetime.date) -> int:
    """Mails the confirmed registrations of events on the day after `day`, once each
    (`reminded_at`): a second run the same day mails nobody twice."""
    tomorrow = day + datetime.timedelta(days=1)
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        listing__event__date=tomorrow,
        listing__event__cancelled=False,
    ).select_related("listing__event")
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True, status=Status.CONFIRMED
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue  # cancelled or reminded meanwhile
            # Inside the transaction: a failed mail leaves it unreminded for the next run.
            mails.reminder(registration)
        sent += 1
    return sent
