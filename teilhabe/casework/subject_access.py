"""Everything stored about one person, for a data-subject access request (GDPR Art. 15)."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict

from teilhabe.casework.models import Case, Person

HIDDEN = {"name_plain", "name_phonetic"}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if key in HIDDEN:
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, list) and value and hasattr(value[0], "pk"):
            value = [str(item) for item in value]
        out[key] = value
    return out


def collect(person: Person) -> dict[str, Any]:
    cases = Case.objects.filter(client=person).select_related(
        "service", "organisation", "responsible"
    )
    person_type = ContentType.objects.get_for_model(Person)
    case_type = ContentType.objects.get_for_model(Case)
    case_ids = [str(case.pk) for case in cases]
    log = LogEntry.objects.filter(
        content_type=person_type, object_pk=str(person.pk)
    ) | LogEntry.objects.filter(content_type=case_type, object_pk__in=case_ids)
    return {
        "person": _plain(model_to_dict(person)) | {"organisation": str(person.organisation)},
        "household": [str(p) for p in person.household.members.exclude(pk=person.pk)]
        if person.household
        else [],
        "cases": [
            _plain(model_to_dict(case, exclude=["shared_with", "co_counselled"]))
            | {
                "service": case.service.name,
                "organisation": str(case.organisation),
                "responsible": str(case.responsible or ""),
                "co_counselled": [str(p) for p in case.co_counselled.all()],
                "sessions": [
                    _plain(model_to_dict(s, exclude=["present", "author"]))
                    | {"present": [str(p) for p in s.present.all()]}
                    for s in case.sessions.all()
                ],
                "goals": [
                    _plain(model_to_dict(g))
                    | {
                        "history": [
                            _plain(model_to_dict(h, exclude=["recorded_by"]))
                            for h in g.history.all()
                        ]
                    }
                    for g in case.goals.all()
                ],
            }
            for case in cases
        ],
        "consents": [
            _plain(model_to_dict(c, exclude=["recorded_by"]))
            | {"recipient": str(c.recipient), "recipient_service": c.recipient_service.name}
            for c in person.consents.select_related("recipient", "recipient_service")
        ],
        "access_log": [
            {
                "time": e.timestamp.isoformat(),
                "user": e.actor.username if e.actor else "",
                "action": e.action,
                "record": e.object_repr,
            }
            for e in log.select_related("actor").order_by("timestamp")
        ],
    }
