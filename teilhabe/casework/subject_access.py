"""What is stored about one person, for a data-subject access request (GDPR Art. 15).

An export never shows more than its reader may open (`casework/access.py`): a counsellor
or team lead gets the cases, household members, consents and access-log entries they
may see, and the export says when it is therefore not complete. The complete export is
the data-protection officer's (`views_subject_access.py`), or a team lead's when every
service concerned is theirs; each export is recorded in the audit log by the view.

Cases in which the person was co-counselled appear with their service, dates and the
dates the person was present, not with the other client's notes (Art. 15(4) GDPR: the
rights of others).
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from teilhabe.casework.access import open_to, visible_cases, visible_consents
from teilhabe.casework.models import Case, Consent, NameKey, Person, Session
from teilhabe.casework.search_keys import name_words
from teilhabe.casework.selectors import with_name_words
from teilhabe.casework.subject_access_parts import collect_parts

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


def _cases_of(person: Person, user: Any, full: bool) -> tuple[QuerySet[Case], bool]:
    """The person's cases (as client or co-counselled) the export shows, and whether
    these are all of them."""
    involved = Case.objects.filter(Q(client=person) | Q(co_counselled=person)).values("pk")
    every = Case.objects.filter(pk__in=involved)
    if full:
        return every, True
    shown = visible_cases(user).filter(pk__in=involved)
    return shown, shown.count() == every.count()


def _consents(person: Person, user: Any, full: bool) -> QuerySet[Consent]:
    if full:
        return person.consents.select_related("recipient", "recipient_service")
    return visible_consents(user, person)


def _household(person: Person, user: Any, full: bool) -> list[str]:
    if not person.household:
        return []
    members = person.household.members.exclude(pk=person.pk).order_by("pk")
    return [str(member) for member in (members if full else open_to(user, members))]


def _client_case(case: Case, named: set[int] | None) -> dict[str, Any]:
    """`named`: the other persons the reader may see named (None: everybody)."""

    def names(persons: Any) -> list[str]:
        return [str(p) for p in persons if named is None or p.pk in named]

    return _plain(model_to_dict(case, exclude=["shared_with", "co_counselled"])) | {
        "service": case.service.name,
        "organisation": str(case.organisation),
        "responsible": str(case.responsible or ""),
        "co_counselled": names(case.co_counselled.all()),
        # cancelled sessions too, marked: they count nowhere, but they are stored
        "sessions": [
            _plain(model_to_dict(s, exclude=["present", "author"]))
            | {
                "present": names(s.present.all()),
                "cancelled": s.is_cancelled,
                "cancelled_at": s.cancelled_at.isoformat() if s.cancelled_at else None,
            }
            for s in case.sessions.all()
        ],
        "goals": [
            _plain(model_to_dict(g))
            | {
                "history": [
                    _plain(model_to_dict(h, exclude=["recorded_by"])) for h in g.history.all()
                ]
            }
            for g in case.goals.all()
        ],
    }


def _named(user: Any, cases: QuerySet[Case]) -> set[int]:
    """The persons named in these cases (co-counselled, present) whom the user may see
    or who are in nobody's casework (access.open_to)."""
    ids = set(
        Case.co_counselled.through.objects.filter(case__in=cases).values_list(
            "person_id", flat=True
        )
    )
    ids |= set(
        Session.present.through.objects.filter(session__case__in=cases).values_list(
            "person_id", flat=True
        )
    )
    return set(open_to(user, Person.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def _co_counselled_case(case: Case, person: Person) -> dict[str, Any]:
    return {
        "service": case.service.name,
        "organisation": str(case.organisation),
        "opened_on": case.opened_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "present_on": [
            session.date.isoformat() for session in case.sessions.filter(present=person)
        ],
    }


def collect(person: Person, user: Any, *, full: bool = False) -> dict[str, Any]:
    """Everything about `person` that `user` may open; with `full` (only for a reader
    entitled to all of it) everything stored."""
    cases, complete = _cases_of(person, user, full)
    cases = (
        cases.select_related("service", "organisation", "responsible")
        .prefetch_related("co_counselled", "sessions__present", "goals__history")
        .order_by("opened_on", "pk")
    )
    named = None if full else _named(user, cases)
    consents = _consents(person, user, full)
    complete = complete and consents.count() == person.consents.count()
    person_type = ContentType.objects.get_for_model(Person)
    case_type = ContentType.objects.get_for_model(Case)
    case_ids = [str(case.pk) for case in cases]
    log = LogEntry.objects.filter(
        content_type=person_type, object_pk=str(person.pk)
    ) | LogEntry.objects.filter(content_type=case_type, object_pk__in=case_ids)
    return {
        "scope": {
            "complete": complete,
            "note": ""
            if complete
            else _(
                "This information contains only the records you may open. The complete "
                "information is given by the data-protection officer."
            ),
        },
        "person": _plain(model_to_dict(person)) | {"organisation": str(person.organisation)},
        "household": _household(person, user, full),
        "cases": [_client_case(case, named) for case in cases if case.client_id == person.pk],
        "co_counselled_in": [
            _co_counselled_case(case, person) for case in cases if case.client_id != person.pk
        ],
        "consents": [
            _plain(model_to_dict(c, exclude=["recorded_by"]))
            | {"recipient": str(c.recipient), "recipient_service": c.recipient_service.name}
            for c in consents
        ],
        # appointments, reminders, documents ...: from the apps that keep them
        "further": collect_parts(person, list(cases), full),
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


def find_persons(query: str, birth_year: int | None, limit: int = 50) -> list[Person]:
    """Persons of every organisation whose name words begin with (or sound like) the
    query's words, or whose person or case number it is: the data-protection officer
    looks for everything stored about somebody who asked."""
    persons = Person.objects.all()
    if birth_year:
        persons = persons.filter(birth_year=birth_year)
    query = query.strip()
    numbered = Case.objects.filter(external_id=query).values("client_id")
    by_number = persons.filter(Q(external_id=query) | Q(pk__in=numbered)) if query else None
    words = name_words(query)
    if not words and by_number is None:
        return []
    found = with_name_words(persons, NameKey.objects.all(), words) if words else persons.none()
    if by_number is not None:
        found = found | by_number
    return list(
        found.distinct()
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")[:limit]
    )
