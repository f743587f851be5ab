"""Cancelling (stornieren) a recorded session instead of deleting it.

A session recorded by mistake, or one that did not take place, is cancelled with a
reason: it stays in the case with everything typed into it, the timeline shows it as
cancelled, the data-subject export shows it marked, and it counts nowhere
(`Session.objects.counted()`). Who may cancel is who may correct (corrections.py): the
author and the team lead of the case's service. A session in a closed year is
cancelled only by the team lead (plausibility.closed_year). The audit log keeps the
session as it was before (django-auditlog writes the old and new value of each changed
field) and names the reason in the entry.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.corrections import may_correct
from teilhabe.casework.models import Session
from teilhabe.casework.plausibility import ClosedYear, closed_year


def may_cancel(user: Any, session: Session) -> bool:
    return not session.is_cancelled and may_correct(user, session.case, session.author_id)


def closed_year_of(session: Session, user: Any) -> ClosedYear | None:
    return closed_year(session.case, session.date, user)


@transaction.atomic
def cancel_session(session: Session, user: Any, reason: str) -> Session:
    """Cancels the session; PermissionDenied for a user who may not, ValidationError
    (for the form) without a reason, for a session already cancelled or in a year
    closed to the user."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the cancellation.")})
    # read again under a lock: two cancellations at once must not both pass the check
    locked = (
        Session.objects.select_for_update(of=("self",))
        .select_related("case__service")
        .get(pk=session.pk)
    )
    if not may_correct(user, locked.case, locked.author_id):
        raise PermissionDenied
    if locked.is_cancelled:
        raise ValidationError(_("This session has already been cancelled."))
    closed = closed_year_of(locked, user)
    if closed is not None and closed.refused:
        raise ValidationError(closed.message)
    locked.cancelled_at = timezone.now()
    locked.cancelled_by = user
    locked.cancel_reason = reason
    locked.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    _name_in_audit_entry(locked, reason)
    return locked


def _name_in_audit_entry(session: Session, reason: str) -> None:
    """Marks the UPDATE entry django-auditlog just wrote as the cancellation."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Session),
            object_pk=str(session.pk),
            action=LogEntry.Action.UPDATE,
        )
        .order_by("-pk")
        .first()
    )
    if entry is not None:
        entry.additional_data = {**(entry.additional_data or {}), "storniert": reason}
        entry.save(update_fields=["additional_data"])
