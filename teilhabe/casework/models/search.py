"""The name index: one row per word of a person's name, for indexed name search.

Searching `LIKE '%word%'` over every person of a big city reads every row; the index
turns the search into range and equality lookups (see casework/name_index.py for how it
is kept in step, and selectors.search_clients for how it is read).
"""

from __future__ import annotations

from django.db import models

from teilhabe.casework.models.people import Person
from teilhabe.organisations.models import Organisation


class NameKey(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # Copied from the person: every search is limited to the user's organisations.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=100)
    code = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "word"], name="namekey_org_word"),
            models.Index(fields=["organisation", "code"], name="namekey_org_code"),
        ]

    def __str__(self) -> str:
        return self.word
