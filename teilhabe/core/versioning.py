"""Optimistic locking: a record carries a version; a save from a stale copy is refused.

Two counsellors editing one record at once must never overwrite each other silently.
A form carries the version it was loaded with; `save_versioned` stores only when the
row still has that version and raises `EditConflict` otherwise.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Somebody else saved this record while you were editing it. Your entries are kept "
    "below; reload the page to see the other changes, then enter yours again."
)


class EditConflict(Exception):
    """Somebody else saved the record after this copy was loaded."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: VersionedModel, expected_version: int) -> None:
    """Saves `instance` only if the stored row still has `expected_version`.

    The row is locked for the check (on SQLite the IMMEDIATE transaction locks the
    database), and the save goes through `Model.save` so that the audit log sees it.
    """
    model = type(instance)
    with transaction.atomic():
        current = (
            model._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != expected_version:
            raise EditConflict
        instance.version = expected_version + 1
        instance.save()
