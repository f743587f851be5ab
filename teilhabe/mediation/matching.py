"""Which mediators fit a request, best first, and why: a pure function of plain values.

Who is left out (cannot do the assignment at all):
- no language of the request's family: neither the requested code nor a variety of the
  same macrolanguage (ISO 639-3: `rmn` and `rmy` are both Romani, `rom`);
- a required gender the mediator does not have;
- a modality the mediator does not offer.

Who is ranked, by points (each criterion one reason the coordinator reads):
- language: the exact code 100, another variety of the same macrolanguage 60 (a Vlax
  speaker for a Balkan-Romani family understands, but less well);
- free at that time: an overlapping assignment costs 200, more than every other
  criterion together, so a busy mediator is always below every free one but is still
  shown (the coordinator may know the other assignment moves);
- the same family before (by the body's family reference number): 30;
- the subject area is one of the mediator's: 20;
- fair share: 20 minus 4 per assignment this month, at least 0, so that the work is
  spread and nobody is booked for everything;
- travel: for an appointment in person, 10 when the mediator is based in the district
  of the place; phone and video need no travel and give no points to anybody.
Equal points: fewer assignments this month first, then by name.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.core.languages import language_name

EXACT_LANGUAGE = 100
RELATED_LANGUAGE = 60
BUSY = -200
SAME_FAMILY = 30
SUBJECT = 20
FAIR_SHARE_MAX = 20
FAIR_SHARE_STEP = 4
SAME_DISTRICT = 10
IN_PERSON = "vor_ort"

# ISO 639-3 macrolanguages and the individual languages (varieties) of them that
# mediation meets: a request for one is served, less well, by another of the group.
MACROLANGUAGES: dict[str, frozenset[str]] = {
    "rom": frozenset({"rom", "rmn", "rmy", "rmc", "rmf", "rml", "rmo", "rmw", "rmg", "rmu"}),
    "ara": frozenset(
        {"ara", "arb", "acm", "aeb", "afb", "apc", "apd", "arq", "ary", "arz", "ayl", "ajp"}
    ),
    "fas": frozenset({"fas", "pes", "prs", "tgk"}),
    "kur": frozenset({"kur", "kmr", "ckb", "sdh"}),
    "sqi": frozenset({"sqi", "als", "aln", "aae", "aat"}),
    "zho": frozenset({"zho", "cmn", "yue"}),
}
_FAMILY = {code: macro for macro, codes in MACROLANGUAGES.items() for code in codes}


def language_family(code: str) -> str:
    return _FAMILY.get(code, code)


@dataclass(frozen=True)
class Need:
    language: str
    starts: datetime.datetime
    ends: datetime.datetime
    modality: str
    subject: str
    gender_wish: str = ""
    family_reference: str = ""
    district_id: int | None = None


@dataclass(frozen=True)
class Candidate:
    mediator_id: int
    name: str
    languages: tuple[str, ...]
    modalities: tuple[str, ...]
    subjects: tuple[str, ...] = ()
    gender: str = ""
    district_id: int | None = None
    busy: tuple[tuple[datetime.datetime, datetime.datetime], ...] = ()
    families: frozenset[str] = frozenset()
    assignments_this_month: int = 0


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def points(self) -> int:
        return sum(reason.points for reason in self.reasons)

    @property
    def free(self) -> bool:
        return all(reason.points != BUSY for reason in self.reasons)


def _language(need: Need, candidate: Candidate) -> Reason | None:
    if need.language in candidate.languages:
        return Reason(
            _("speaks %(language)s") % {"language": language_name(need.language)},
            EXACT_LANGUAGE,
        )
    family = language_family(need.language)
    related = [code for code in candidate.languages if language_family(code) == family]
    if related:
        names = ", ".join(language_name(code) for code in related)
        return Reason(
            _("speaks a related variety: %(languages)s") % {"languages": names},
            RELATED_LANGUAGE,
        )
    return None


def _overlaps(need: Need, busy: Iterable[tuple[datetime.datetime, datetime.datetime]]) -> bool:
    return any(start < need.ends and need.starts < end for start, end in busy)


def _fair_share(count: int) -> Reason:
    points = max(0, FAIR_SHARE_MAX - FAIR_SHARE_STEP * count)
    return Reason(_("%(count)s assignments this month") % {"count": count}, points)


def reasons_for(need: Need, candidate: Candidate) -> tuple[Reason, ...] | None:
    """The reasons with their points; None when the mediator cannot take the request."""
    language = _language(need, candidate)
    if language is None:
        return None
    if need.gender_wish and candidate.gender != need.gender_wish:
        return None
    if need.modality not in candidate.modalities:
        return None
    reasons = [language]
    if _overlaps(need, candidate.busy):
        reasons.append(Reason(_("has another assignment at that time"), BUSY))
    else:
        reasons.append(Reason(_("free at that time"), 0))
    if need.family_reference and need.family_reference in candidate.families:
        reasons.append(Reason(_("knows the family from an earlier assignment"), SAME_FAMILY))
    if need.subject in candidate.subjects:
        reasons.append(Reason(_("works in this subject area"), SUBJECT))
    reasons.append(_fair_share(candidate.assignments_this_month))
    if need.modality == IN_PERSON and need.district_id is not None:
        if candidate.district_id == need.district_id:
            reasons.append(Reason(_("based in the district of the appointment"), SAME_DISTRICT))
        else:
            reasons.append(Reason(_("based in another district"), 0))
    return tuple(reasons)


def rank(need: Need, candidates: Sequence[Candidate]) -> list[Ranked]:
    """The candidates who can take the request, best first."""
    ranked = []
    for candidate in candidates:
        reasons = reasons_for(need, candidate)
        if reasons is not None:
            ranked.append(Ranked(candidate, reasons))
    ranked.sort(
        key=lambda item: (
            -item.points,
            item.candidate.assignments_this_month,
            item.candidate.name,
            item.candidate.mediator_id,
        )
    )
    return ranked
