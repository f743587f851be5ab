"""Stored languages from ISO 639-1 to ISO 639-3 (`ar` → `ara`, `fa` → `fas`).

The conversion follows ISO's own correspondence of the two code sets (from pycountry,
not from the application's list, so that this migration stays as it is when the list
changes): a two-letter code for a macrolanguage becomes the macrolanguage (`fa` →
`fas` Persian, `ku` → `kur` Kurdish), since the stored value does not say whether the
client speaks Dari or Farsi, Kurmanji or Sorani. A value that is already three letters,
or no ISO 639-1 code, stays as it is. Going back turns the codes that have a two-letter
form into it again; the others (Dari `prs`, entered after this migration) stay, and
a consent explained in such a language keeps PostgreSQL from narrowing its column
again (going back stops with an error rather than cutting the code).

The consent's "explained in language" becomes three characters wide like the session's.
"""

from __future__ import annotations

from typing import Any

import pycountry
from django.db import migrations, models

TO_THREE = {
    language.alpha_2: language.alpha_3
    for language in pycountry.languages
    if hasattr(language, "alpha_2")
}
TO_TWO = {three: two for two, three in TO_THREE.items()}


def _convert(apps: Any, table: dict[str, str]) -> None:
    person = apps.get_model("casework", "Person")
    changed = []
    for row in person.objects.exclude(languages=[]).only("pk", "languages").iterator(2000):
        if not isinstance(row.languages, list):
            continue  # nothing the forms or the import write; left for a person to look at
        codes: list[Any] = []
        for code in row.languages:
            new = table.get(code, code) if isinstance(code, str) else code
            if new not in codes:  # "ar" and "ara" in one list are one language
                codes.append(new)
        if codes != row.languages:
            row.languages = codes
            changed.append(row)
    person.objects.bulk_update(changed, ["languages"], batch_size=1000)
    for model, field in (
        ("Session", "language"),
        ("AnonymousContact", "language"),
        ("Consent", "explained_language"),
    ):
        manager = apps.get_model("casework", model).objects
        stored = manager.exclude(**{field: ""}).values_list(field, flat=True).distinct()
        for old in list(stored):
            if old in table:
                manager.filter(**{field: old}).update(**{field: table[old]})


def forwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, TO_THREE)


def backwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, TO_TWO)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_household_relation_session_cancel"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consent",
            name="explained_language",
            field=models.CharField(max_length=3, verbose_name="explained in language"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
