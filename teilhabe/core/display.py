"""Stored values as people read them: a field's label and its value with choices by
their labels, dates as TT.MM.JJJJ, yes/no, "–" for empty, related records by name,
languages and countries by their German names.

The audit log (`audit/display.py`) shows django-auditlog's stored strings with it, the
data-subject information (`record_rows`) the values of a record as the JSON export
holds them (ISO dates, codes, lists, ids).
"""

from __future__ import annotations

import ast
import datetime
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from teilhabe.core.countries import country_name
from teilhabe.core.languages import language_name

EMPTY = "–"
# Fields that hold codes of a list kept outside the model (ISO codes).
LANGUAGE_FIELDS = {"languages", "language", "explained_language", "mediator_language"}
COUNTRY_FIELDS = {"nationalities", "country_of_origin", "country_of_birth"}
Labels = Mapping[str, Mapping[str, Any]]  # field name → {code: label} for JSON lists


def is_empty(value: Any) -> bool:
    return value is None or value in ("", "None", "[]", "{}", "null", [], {})


def _date(text: str, with_time: bool) -> str:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if not with_time:
        return moment.strftime("%d.%m.%Y")
    if timezone.is_naive(moment):  # django-auditlog stores UTC without the offset
        moment = moment.replace(tzinfo=datetime.UTC)
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _codes(value: Any) -> list[str]:
    """A list as stored: a Python list, its JSON text (django-auditlog) or its Python
    text (the import's audit entries: "['UA']")."""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    try:
        loaded = json.loads(str(value))
    except (TypeError, ValueError):
        try:
            loaded = ast.literal_eval(str(value))  # literals only, never code
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return [str(value)]
    return [str(item) for item in loaded] if isinstance(loaded, list) else [str(loaded)]


def _related(field: models.Field[Any, Any], text: str, names: dict[Any, str]) -> str:
    """The related record by its name (as it is named now), "#id" when it is gone."""
    model = field.related_model
    if not isinstance(model, type) or not text.isdigit():
        return text
    key = (model, text)
    if key not in names:
        record = model._default_manager.filter(pk=text).first()
        names[key] = str(record) if record is not None else f"#{text}"
    return names[key]


def _typed(text: str) -> Any:
    """Choices keyed by numbers are stored as their text."""
    return int(text) if text.lstrip("-").isdigit() else text


def value_text(
    field: models.Field[Any, Any] | None,
    name: str,
    value: Any,
    names: dict[Any, str],
    labels: Labels | None = None,
) -> str:
    """One stored value as the pages show it. `names` keeps the related records' names
    for one page or export (one query per record, not per value); `labels` names the
    codes of JSON lists (a session's topics)."""
    if is_empty(value):
        return EMPTY
    try:
        return _shown(field, name, value, names, labels or {})
    except (TypeError, ValueError, LookupError):  # a value of another shape: as stored
        return str(value)


def _shown(
    field: models.Field[Any, Any] | None,
    name: str,
    value: Any,
    names: dict[Any, str],
    labels: Labels,
) -> str:
    if name in LANGUAGE_FIELDS:
        return ", ".join(language_name(code) for code in _codes(value)) or EMPTY
    if name in COUNTRY_FIELDS:
        return ", ".join(country_name(code) for code in _codes(value)) or EMPTY
    if isinstance(value, list | tuple) and not isinstance(field, models.JSONField):
        return ", ".join(str(item) for item in value) or EMPTY  # names of related records
    text = str(value)
    if field is None:
        return text
    choices = dict(field.flatchoices) if field.choices else {}
    if choices:
        return str(choices.get(text, choices.get(_typed(text), text)))
    if isinstance(field, models.BooleanField):
        return {"True": _("yes"), "False": _("no")}.get(text, text)
    if isinstance(field, models.DateTimeField):
        return _date(text, with_time=True)
    if isinstance(field, models.DateField):
        return _date(text, with_time=False)
    if isinstance(field, models.ForeignKey):
        return _related(field, text, names)
    if isinstance(field, models.JSONField):
        known = labels.get(name, {})
        return ", ".join(str(known.get(code, code)) for code in _codes(value)) or EMPTY
    return text


def model_field(model: type[models.Model] | None, name: str) -> Any:
    """The model's field of that name; None for a name it does not have (any more)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(field: Any, name: str) -> str:
    return capfirst(str(getattr(field, "verbose_name", name)))


def record_rows(model: type[models.Model], data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value as people read it) for a record's stored values, e.g. the person
    of the data-subject information; keys the model lacks keep their name."""
    names: dict[Any, str] = {}
    rows = []
    for name, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            continue  # nested records (a case's sessions) have tables of their own
        field = model_field(model, name)
        if field is not None and not isinstance(field, models.Field):
            continue  # a relation from the other side (a case's goals): listed apart
        rows.append((field_label(field, name), value_text(field, name, value, names)))
    return rows
