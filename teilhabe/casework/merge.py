"""Merging two records of the same person (a duplicate) into one, keeping every case
and the whole audit trail."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case, Consent, Person, Session

# Fields copied from the duplicate where the kept record has no value.
FILLED = (
    "first_name",
    "last_name",
    "gender",
    "birth_year",
    "birth_date",
    "country_of_origin",
    "country_of_birth",
    "legal_status",
    "district_id",
    "arrival_date",
    "school_qualification",
    "vocational_qualification",
    "household_id",
    "phone",
    "email",
    "address",
)


class MergeRefused(Exception):
    pass


# Sent with `keep` and `duplicate` before the duplicate is deleted, inside the merge's
# transaction: apps above casework (documents) move what they hang on a person.
client_merged = Signal()


@transaction.atomic
def merge_clients(keep: Person, duplicate: Person, *, user: Any) -> Person:
    if keep.pk == duplicate.pk or keep.organisation_id != duplicate.organisation_id:
        raise MergeRefused(_("Only two different records of the same organisation can be merged."))
    for name in FILLED:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
    keep.nationalities = list(dict.fromkeys([*keep.nationalities, *duplicate.nationalities]))
    keep.languages = list(dict.fromkeys([*keep.languages, *duplicate.languages]))
    keep.version += 1
    keep.save()
    for case in Case.objects.filter(client=duplicate):
        case.client = keep
        case.save(update_fields=["client"])  # each move is in the audit log
    for case in Case.objects.filter(co_counselled=duplicate):
        case.co_counselled.remove(duplicate)
        if case.client_id != keep.pk:
            case.co_counselled.add(keep)
    for session in Session.objects.filter(present=duplicate):
        session.present.remove(duplicate)
        session.present.add(keep)
    Consent.objects.filter(person=duplicate).update(person=keep)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk=str(keep.pk),
        object_id=keep.pk,
        object_repr=str(keep)[:255],
        action=LogEntry.Action.UPDATE,
        actor=user,
        additional_data={"merged_from": duplicate.pk, "merged_record": str(duplicate)},
    )
    client_merged.send(sender=Person, keep=keep, duplicate=duplicate)
    # The duplicate's own log entries stay under its number; its deletion is logged too.
    duplicate.delete()
    return keep
