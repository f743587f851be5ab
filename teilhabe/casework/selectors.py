"""Read paths of casework: finding clients, the case list, the case timeline."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from rapidfuzz import fuzz, process

from teilhabe.casework.access import (
    organisations_of,
    visibility_of_persons,
    visible_cases,
    visible_persons,
)
from teilhabe.casework.models import Case, NameKey, Person
from teilhabe.casework.search_keys import (
    name_words,
    phonetic_key,
    plain_key,
    prefix_end,
    word_code,
)
from teilhabe.organisations.models import Service

FUZZY_CUTOFF = 75
FUZZY_CANDIDATES = 2000
FUZZY_PREFIX = 3
CANDIDATES_PER_RESULT = 8  # name candidates read per result shown


def search_clients(
    user: Any, query: str = "", birth_year: int | None = None, limit: int = 50
) -> list[Person]:
    """Name (transliterated, sound-alike, misspelled), person or case number, birth year.

    Names are found through the name index (models.NameKey): every query word must
    begin a word of the name or sound alike. Candidates come from the user's
    organisations; visibility is then checked for those few, which is far cheaper than
    filtering all persons by visibility first.
    """
    query = query.strip()
    if not query:
        persons = visible_persons(user)
        if birth_year:
            persons = persons.filter(birth_year=birth_year)
        return list(persons.order_by("last_name", "first_name")[:limit])
    organisations = list(organisations_of(user))
    candidates = Person.objects.filter(organisation_id__in=organisations)
    if birth_year:
        candidates = candidates.filter(birth_year=birth_year)
    words = name_words(query)
    target = plain_key(query)
    found: list[tuple[int, str]] = []
    if any(character.isdigit() for character in query):
        numbered = Case.objects.filter(organisation_id__in=organisations, external_id=query).values(
            "client_id"
        )
        numbered_persons = candidates.filter(Q(external_id=query) | Q(pk__in=numbered))
        found = _visible_ranked(user, numbered_persons, target, limit)
    if words and not found:
        found = _by_name(user, candidates, organisations, words, target, limit)
    chosen = [pk for pk, _name in found]
    by_pk = Person.objects.in_bulk(chosen)
    return [by_pk[pk] for pk in chosen if pk in by_pk]  # merged away meanwhile: skipped


def with_name_words(
    candidates: QuerySet[Person], keys: QuerySet[NameKey], words: list[str]
) -> QuerySet[Person]:
    """Those of `candidates` with, for every query word, a name word of `keys` that
    begins with it or sounds like it."""
    for word in words:
        alike = Q(word__gte=word, word__lt=prefix_end(word))
        if code := word_code(word):
            alike |= Q(code=code)
        candidates = candidates.filter(pk__in=keys.filter(alike).values("person_id"))
    return candidates


def _by_name(
    user: Any,
    candidates: QuerySet[Person],
    organisations: list[int],
    words: list[str],
    target: str,
    limit: int,
) -> list[tuple[int, str]]:
    keys = NameKey.objects.filter(organisation_id__in=organisations)
    found = _visible_ranked(user, with_name_words(candidates, keys, words), target, limit)
    if found:
        return found
    # Misspellings the sound-alike code does not catch ("Kovalneko"): the indexed words
    # that share the first letters of a query word, ranked by similarity.
    for word in words:
        start = word[:FUZZY_PREFIX]
        near = keys.filter(word__gte=start, word__lt=prefix_end(start))
        spellings = set(near.values_list("word", flat=True).distinct()[:FUZZY_CANDIDATES])
        similar = [
            spelling
            for spelling, _score, _index in process.extract(
                word, spellings, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF
            )
        ]
        by_name = candidates.filter(pk__in=keys.filter(word__in=similar).values("person_id"))
        candidates = by_name
    return _visible_ranked(user, candidates, target, limit)


def _visible_ranked(
    user: Any, persons: QuerySet[Person], target: str, limit: int
) -> list[tuple[int, str]]:
    """(pk, plain name) of up to `limit` of `persons` the user may see, the most similar
    to `target` first. Reads the two columns of the first CANDIDATES_PER_RESULT × limit
    candidates by primary key (the same on every engine and every run), ranks them, and
    checks visibility in that order a batch at a time: a team lead, who sees them all,
    needs one batch; a counsellor who sees few reads on. Whole rows are read only for
    the persons shown."""
    rows = list(
        persons.order_by("pk").values_list("pk", "name_plain")[: limit * CANDIDATES_PER_RESULT]
    )
    rows.sort(key=lambda row: (-fuzz.WRatio(target, row[1]), row[1], row[0]))
    visible = visibility_of_persons(user)
    shown: list[tuple[int, str]] = []
    batch = limit * 2
    for start in range(0, len(rows), batch):
        part = rows[start : start + batch]
        allowed = visible([pk for pk, _name in part])
        shown += [row for row in part if row[0] in allowed]
        if len(shown) >= limit:
            break
    return shown[:limit]


def case_list(
    user: Any, *, service: str = "", status: str = "", mine: bool = False
) -> QuerySet[Case]:
    cases = visible_cases(user).select_related("client", "service", "responsible")
    if service:
        # by id (equality, no join), so the index serves the count and the ordering
        service_id = Service.objects.filter(code=service).values_list("pk", flat=True).first()
        cases = cases.filter(service_id=service_id or 0)
    if status == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if mine:
        cases = cases.filter(responsible=user)
    return cases.order_by("-opened_on", "-pk")


@dataclass
class Event:
    date: datetime.date
    kind: str
    title: str
    detail: str = ""
    note: str = ""  # what the counsellor wrote about a session
    correct_url: str = ""  # set when the reader may correct the record
    corrected: bool = False
    cancelled: bool = False  # a cancelled session: shown marked, counted nowhere
    cancel_reason: str = ""
    cancel_url: str = ""  # set when the reader may cancel the session


def _corrected_sessions(case: Case) -> set[int]:
    """Sessions of the case changed after they were recorded (an UPDATE in the audit
    log, which keeps the earlier values). Only a change of a field a correction changes
    counts: the persons present are logged as an UPDATE right after the creation, and a
    cancellation is no correction."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from teilhabe.casework.corrections import SESSION_FIELDS
    from teilhabe.casework.models import Session

    ids = [str(pk) for pk in case.sessions.values_list("pk", flat=True)]
    updates = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Session),
        object_pk__in=ids,
        action=LogEntry.Action.UPDATE,
        changes__has_any_keys=list(SESSION_FIELDS),
    )
    return {int(pk) for pk in updates.values_list("object_pk", flat=True)}


def timeline(case: Case, may_correct: Callable[[int | None], bool] | None = None) -> list[Event]:
    """The case's history, newest first. `may_correct(author id)` says whether the reader
    may correct a session of that author (then the event links to the correction)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    route = case.get_access_route_display()
    events = [
        Event(
            case.opened_on,
            "opened",
            _("Case opened"),
            _("Access route: %s") % route if route else "",
        )
    ]
    corrected = _corrected_sessions(case)
    for session in case.sessions.prefetch_related("present"):
        topics = ", ".join(str(_topic_label(t)) for t in session.topics)
        minutes = _("%s min") % session.duration_minutes if session.duration_minutes else ""
        detail = " · ".join(part for part in (session.get_form_display(), minutes, topics) if part)
        url = cancel_url = ""
        # a cancelled session is neither corrected nor cancelled again
        if may_correct is not None and may_correct(session.author_id) and not session.is_cancelled:
            ids = {"pk": case.pk, "session_pk": session.pk}
            url = reverse("casework:session_correct", kwargs=ids)
            cancel_url = reverse("casework:session_cancel", kwargs=ids)
        events.append(
            Event(
                session.date,
                "session",
                _("Counselling session"),
                detail,
                note=session.notes,
                correct_url=url,
                corrected=session.pk in corrected,
                cancelled=session.is_cancelled,
                cancel_reason=session.cancel_reason,
                cancel_url=cancel_url,
            )
        )
    for goal in case.goals.prefetch_related("history"):
        for change in goal.history.all():
            events.append(
                Event(
                    change.set_on,
                    "goal",
                    f"{goal.get_area_display()}: {change.get_status_display()}",
                    goal.text,
                )
            )
    for referral in case.referrals_out.select_related("consent__recipient"):
        events.append(
            Event(
                timezone.localdate(referral.created_at),  # the day in Germany, not UTC
                "referral",
                referral.get_kind_display(),
                f"{referral.consent.recipient} – {referral.get_status_display()}",
            )
        )
    if case.closed_on:
        events.append(
            Event(case.closed_on, "closed", _("Case closed"), case.get_closing_reason_display())
        )
    # Newest first; on one day, what happens later in a case's life comes first.
    rank = {"opened": 0, "session": 1, "goal": 2, "referral": 3, "closed": 4}
    return sorted(events, key=lambda event: (event.date, rank[event.kind]), reverse=True)


def _topic_label(code: str) -> str:
    from teilhabe.casework.models.codes import Topic

    return str(dict(Topic.choices).get(code, code))


def similar_clients(
    organisation_id: int, first_name: str, last_name: str, birth_year: int | None
) -> list[Person]:
    """Possible duplicates of a new client within the organisation."""
    key = phonetic_key(f"{first_name} {last_name}")
    if not key:
        return []
    candidates = Person.objects.filter(organisation_id=organisation_id, name_phonetic=key)
    if birth_year:
        candidates = candidates.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
    return list(candidates[:10])
