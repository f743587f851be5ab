"""Plausibility of what a counsellor records (issue 10, item 7): checked on the forms,
so the user sees the problem next to the field instead of a stored implausible record.

- A session needs a topic or a duration: without either it counts in no figure of the
  annual report but the number of sessions.
- A session lies between the opening of the case and today (plus
  `TEILHABE_SESSION_DAYS_AHEAD`, default 0: sessions are recorded after they happen),
  and not after the case was closed.
- A goal needs its text (the goal forms require it).
- No entry into a closed year (a frozen annual report of the case's organisation that
  covers its service and kind): a counsellor is refused, the team lead of the service
  may, and is told that the closed report keeps its figures. Casework knows no app above
  it, so the reports app registers the check (`register_closed_year_check`).
- A service's age range (`SERVICE_AGE_RANGES`, JMD 12–27 by default) is a warning, not
  a refusal: the user confirms it with a reason, which goes into the audit entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.casework.access import is_team_lead_of
from teilhabe.core.recorded_dates import latest_day

# (case, year) -> whether that year is closed for the case's organisation and service
ClosedYearCheck = Callable[[Any, int], bool]
_closed_year_checks: list[ClosedYearCheck] = []


def register_closed_year_check(check: ClosedYearCheck) -> None:
    if check not in _closed_year_checks:
        _closed_year_checks.append(check)


def session_problems(
    case: Any, date: datetime.date | None, topics: Any, duration: Any
) -> dict[str, str]:
    """Field name → message, empty when the session is plausible."""
    problems: dict[str, str] = {}
    if not topics and not duration:
        problems["topics"] = _("Choose at least one topic or enter the duration.")
    if date is None:
        return problems
    latest = latest_day()
    if date < case.opened_on:
        problems["date"] = _("The case was opened on %(day)s; a session cannot lie before it.") % {
            "day": formats.date_format(case.opened_on, "d.m.Y")
        }
    elif case.closed_on and date > case.closed_on:
        problems["date"] = _("The case was closed on %(day)s; a session cannot lie after it.") % {
            "day": formats.date_format(case.closed_on, "d.m.Y")
        }
    elif date > latest:
        problems["date"] = _(
            "A session is recorded after it took place; the date lies in the future."
        )
    return problems


@dataclass(frozen=True)
class ClosedYear:
    refused: bool  # True: the user may not record here; False: allowed, with `message`
    message: str


def closed_year(case: Any, day: datetime.date | None, user: Any) -> ClosedYear | None:
    """None when `day` lies in no closed year of the case."""
    if day is None or not any(check(case, day.year) for check in _closed_year_checks):
        return None
    if is_team_lead_of(user, case):
        return ClosedYear(
            False,
            _(
                "The year %(year)s is closed. The entry is saved; the closed annual report "
                "keeps its figures until the year is reopened."
            )
            % {"year": day.year},
        )
    return ClosedYear(
        True,
        _("The year %(year)s is closed for this service; only the team lead can record in it.")
        % {"year": day.year},
    )


def age_ranges() -> dict[str, tuple[int, int]]:
    """Service code -> (youngest, oldest) age of its clients."""
    return dict(settings.SERVICE_AGE_RANGES)


def age_warning(service_code: str, birth_year: int | None, on: datetime.date) -> str:
    """A warning when a client born in `birth_year` is outside the service's age range on
    `on` (the opening of the case); empty when the age fits or is unknown. Only the year
    of birth is stored, so the age is one of two: the warning comes only when neither
    fits."""
    bounds = age_ranges().get(service_code)
    if bounds is None or not birth_year:
        return ""
    youngest, oldest = bounds
    older = on.year - birth_year  # after the birthday in that year
    if older - 1 <= oldest and older >= youngest:
        return ""
    return _(
        "The service %(service)s counsels persons aged %(youngest)s to %(oldest)s; a client "
        "born in %(born)s is %(age)s or %(older)s years old in %(year)s."
    ) % {
        "service": service_code,
        "youngest": youngest,
        "oldest": oldest,
        "born": birth_year,
        "age": older - 1,
        "older": older,
        "year": on.year,
    }


def case_age_warnings(case_service: Any, birth_year: int | None, opened_on: Any) -> list[str]:
    if case_service is None or opened_on is None:
        return []
    warning = age_warning(case_service.code, birth_year, opened_on)
    return [warning] if warning else []


def open_case_age_warnings(person: Any, birth_year: int | None) -> list[str]:
    """The warnings a new year of birth raises for the person's open cases."""
    if person.pk is None:
        return []
    cases = person.cases.filter(closed_on__isnull=True).select_related("service")
    warnings = [age_warning(case.service.code, birth_year, case.opened_on) for case in cases]
    return list(dict.fromkeys(warning for warning in warnings if warning))


def record_confirmation(record: Any, confirmation: dict[str, Any] | None) -> None:
    """Writes a confirmed warning (its text and the user's reason) into the audit entry
    django-auditlog just wrote for `record`."""
    if not confirmation:
        return
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(record).order_by("-pk").first()
    if entry is not None:
        entry.additional_data = {
            **(entry.additional_data or {}),
            "warnung_bestaetigt": confirmation["warnings"],
            "grund": confirmation["reason"],
        }
        entry.save(update_fields=["additional_data"])
