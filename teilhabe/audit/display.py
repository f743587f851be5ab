"""The audit log as people read it: "Feld: alt → neu" with the fields' labels and the
values as the pages show them, the kinds of record by their German names.

django-auditlog stores the changes as program values (`{"participants": ["None",
"9"]}`, choice codes, ISO dates, record ids, JSON lists); its own display shows them as
a Python dict. Here each changed field becomes one line: the field's verbose name, the
old and the new value with choices by their labels, dates as TT.MM.JJJJ, yes/no, "–"
for empty, related records by their name, languages and countries by name. The page
and the CSV export both use `details`.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.display import EMPTY, Labels, field_label, is_empty, model_field, value_text

ARROW = " → "

# Models of other packages whose names are English or technical.
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): gettext_lazy("second factor (authenticator app)"),
}


def model_name(content_type: ContentType) -> str:
    """The kind of record in the reader's language ("Person", "Zweiter Faktor ...")."""
    key = (content_type.app_label, content_type.model)
    if key in MODEL_NAMES:
        return capfirst(str(MODEL_NAMES[key]))
    model = content_type.model_class()
    if model is None:  # a model removed since: its stored name
        return capfirst(content_type.model)
    return capfirst(str(model._meta.verbose_name))


def _list_labels() -> Labels:
    """The codes of JSON lists: a session's topics (casework's catalogue, read when a
    log is shown; casework does not import the audit app)."""
    from teilhabe.casework.models.codes import Topic

    return {"topics": dict(Topic.choices)}


def _reverse(field: Any) -> bool:
    """A relation seen from the other side (a person's consents): django-auditlog
    writes it as "casework.Consent.None", which says nothing; the other record's own
    entries tell what changed."""
    return field is not None and not isinstance(field, models.Field)


def change_lines(entry: LogEntry, names: dict[Any, str] | None = None) -> list[str]:
    """One "Feld: alt → neu" per changed field (created records: "Feld: neu")."""
    names = {} if names is None else names
    labels = _list_labels()
    model = entry.content_type.model_class()
    lines = []
    for name, values in (entry.changes_dict or {}).items():
        field = model_field(model, name)
        if _reverse(field) or name in TECHNICAL_FIELDS:
            continue
        label = field_label(field, name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            objects = ", ".join(str(item) for item in values.get("objects", [])) or EMPTY
            change = _("added") if values.get("operation") == "add" else _("removed")
            lines.append(f"{label}: {change} {objects}")
            continue
        old, new = [*values, None, None][:2]
        if entry.action == LogEntry.Action.CREATE and is_empty(old):
            if not is_empty(new):
                lines.append(f"{label}: {value_text(field, name, new, names, labels)}")
            continue
        before = value_text(field, name, old, names, labels)
        after = value_text(field, name, new, names, labels)
        lines.append(f"{label}: {before}{ARROW}{after}")
    return lines


# Counters of the program, no information for a reader (core/versioning.py).
TECHNICAL_FIELDS = {"version"}

# Where a record was read (`core.audit_trail.log_read`'s `what`); others (a page's
# address, a module's own word) are shown as they are.
READ_PLACES = {
    "client-list": gettext_lazy("client list"),
    "case-list": gettext_lazy("case list"),
    "work-list": gettext_lazy("work list"),
    "search": gettext_lazy("search"),
    "household-search": gettext_lazy("search"),
    "programme-family-search": gettext_lazy("search"),
    "subject-access-search": gettext_lazy("search"),
    "edit": gettext_lazy("edit form"),
    "new-case": gettext_lazy("new case"),
    "duplicate-check": gettext_lazy("duplicate check"),
    "merge": gettext_lazy("merging of duplicates"),
    "household": gettext_lazy("household"),
    "household-member": gettext_lazy("household"),
    "handover": gettext_lazy("hand-over"),
    "handover-inbox": gettext_lazy("hand-overs received"),
    "plan": gettext_lazy("support plan"),
    "session-correction": gettext_lazy("correction of a session"),
    "session-cancellation": gettext_lazy("cancellation of a session"),
    "goal-correction": gettext_lazy("correction of a goal"),
    "document:download": gettext_lazy("download of a document"),
    "export:json": gettext_lazy("information on stored data (JSON)"),
    "export:pdf": gettext_lazy("information on stored data (PDF)"),
    "export:json:full": gettext_lazy("information on stored data (JSON)"),
    "export:pdf:full": gettext_lazy("information on stored data (PDF)"),
}


def _read_place(what: Any) -> str:
    text = str(what)
    if text in READ_PLACES:
        return str(READ_PLACES[text])
    if text.startswith("api:"):
        return _("interface (API)")
    return text


def _extra_lines(data: Any) -> list[str]:
    """What the application added to an entry (a read, a cancellation, an import)."""
    if not isinstance(data, dict):  # written by other code as a plain value: as it is
        return [str(data)]
    lines = []
    for key, value in data.items():
        if key == "read":
            lines.append(_read_place(value))
        elif key == "storniert":
            lines.append(_("Cancelled, reason: %(reason)s") % {"reason": value})
        elif key == "casework_import":
            lines.append(_("Import of %(file)s") % {"file": value})
        elif key == "merged_record":
            lines.append(_("Merged with %(record)s") % {"record": value})
        elif key == "loeschlauf":
            lines.append(_("Deletion run %(run)s") % {"run": value})
        elif key == "scope":
            complete = value == "complete"
            lines.append(
                _("complete information") if complete else _("limited to what the reader may open")
            )
        elif key not in ("merged_from", "summary", "grund"):
            lines.append(f"{key}: {value}")
    return lines


def details(entry: LogEntry, names: dict[Any, str] | None = None) -> list[str]:
    """Everything the Details column shows, one line each."""
    return _extra_lines(entry.additional_data or {}) + change_lines(entry, names)
