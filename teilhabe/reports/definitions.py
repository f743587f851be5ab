"""What each figure of shared/formats/annual-report.md means, in the user's language,
and how the report groups them: the key figures, and the tables of each section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str | Promise  # heading and caption: "Legal status of the clients"
    short: str | Promise  # XLSX sheet name (at most 31 characters)
    unit: Literal["percent", "count"]
    chart: Literal["donut", "bars"]
    over_cases: bool = False  # shares over active cases rather than clients


KEY_FIGURES = (
    ("faelle", _("Cases")),
    ("faelle_neu", _("New cases")),
    ("faelle_beendet", _("Cases closed")),
    ("faelle_laufend_jahresende", _("Cases open at the end of the year")),
    ("case_management_faelle", _("Case-management cases")),
    ("ratsuchende", _("Clients")),
    ("personen_erreicht", _("Persons reached")),
    ("beratungssitzungen", _("Counselling sessions")),
    ("beratungsminuten", _("Minutes of counselling")),
    ("staatsangehoerigkeiten_anzahl", _("Nationalities")),
    ("ziele", _("Goals")),
    ("ziele_in_bearbeitung_anteil", _("Goals in progress at the end of the year")),
)


def _spec(
    key: str,
    title: str | Promise,
    short: str | Promise,
    unit: Literal["percent", "count"] = "percent",
    chart: Literal["donut", "bars"] = "bars",
    over_cases: bool = False,
) -> TableSpec:
    return TableSpec(key, title, short, unit, chart, over_cases)


TABLES: tuple[tuple[str | Promise, tuple[TableSpec, ...]], ...] = (
    (
        _("Clients"),
        (
            _spec(
                "rechtsstatus", _("Legal status of the clients"), _("Legal status"), chart="donut"
            ),
            _spec("geschlecht", _("Gender of the clients"), _("Gender"), chart="donut"),
            _spec("altersgruppen", _("Age groups of the clients"), _("Age groups")),
            _spec(
                "herkunftslaender",
                _("Countries of origin of the clients"),
                _("Countries of origin"),
            ),
            _spec(
                "herkunftsregionen", _("Regions of origin of the clients"), _("Regions of origin")
            ),
            _spec("stadtteile", _("Districts where the clients live"), _("Districts")),
            _spec(
                "aufenthaltsdauer",
                _("Time in Germany before the first contact"),
                _("Time in Germany"),
                chart="donut",
            ),
            _spec(
                "schulabschluss",
                _("School qualification of the clients"),
                _("School qualification"),
                chart="donut",
            ),
        ),
    ),
    (
        _("Access and counselling"),
        (
            _spec(
                "zugangswege",
                _("How the clients found the service"),
                _("Access routes"),
                chart="donut",
                over_cases=True,
            ),
            _spec("themen", _("Topics of the counselling sessions"), _("Topics"), unit="count"),
        ),
    ),
    (
        _("Goals of the integration support plans"),
        (
            _spec("ziele_nach_bereich", _("Goals by area"), _("Goals by area"), unit="count"),
            _spec(
                "ziele_status_jahresende",
                _("Goals by status at the end of the year"),
                _("Goal status at year end"),
                unit="count",
                chart="donut",
            ),
        ),
    ),
)

DEFINITIONS: dict[str, str | Promise] = {
    "faelle": _(
        "Active cases: cases of the chosen services that began on or before 31 December "
        "of the year and were still open on 1 January or later."
    ),
    "faelle_neu": _("Active cases that began in the year."),
    "faelle_beendet": _("Active cases closed in the year."),
    "faelle_laufend_jahresende": _("Active cases still open on 31 December."),
    "case_management_faelle": _("Active cases conducted as case management."),
    "ratsuchende": _(
        "Clients: the persons whose cases were active; a person with several active cases "
        "counts once."
    ),
    "personen_erreicht": _(
        "Persons reached: the clients, the persons co-counselled in an active case and the "
        "persons present at a session of the year; each person once."
    ),
    "beratungssitzungen": _("Counselling sessions of active cases dated in the year."),
    "beratungsminuten": _("The summed duration of the counselling sessions of the year."),
    "staatsangehoerigkeiten_anzahl": _("Number of distinct nationalities among the clients."),
    "ziele": _(
        "Goals of the year: goals of active cases agreed on or before 31 December, except "
        "goals already finished (reached, partly reached, not reached, abandoned) before "
        "1 January."
    ),
    "ziele_in_bearbeitung_anteil": _(
        "Share of the goals of the year whose status on 31 December was still "
        "'in progress', in percent."
    ),
    "rechtsstatus": _("Share of the clients by legal status."),
    "geschlecht": _("Share of the clients by gender."),
    "altersgruppen": _(
        "Share of the clients by age group; the age is the reporting year minus the year of birth."
    ),
    "herkunftslaender": _("Share of the clients by country of origin."),
    "herkunftsregionen": _(
        "Share of the clients by region of origin: the countries of origin in the country "
        "groups of this installation."
    ),
    "stadtteile": _("Share of the clients by district of residence."),
    "aufenthaltsdauer": _(
        "Born in Germany where the country of birth is Germany; otherwise the full years "
        "from the arrival in Germany to the beginning of the client's earliest active case."
    ),
    "schulabschluss": _("Share of the clients by school qualification."),
    "zugangswege": _(
        "Share of the active cases (not the clients) by the route on which the client "
        "came to the service."
    ),
    "themen": _(
        "Number of counselling sessions of the year on each topic; a session can have "
        "several topics."
    ),
    "ziele_nach_bereich": _("Number of goals of the year by area."),
    "ziele_status_jahresende": _(
        "Number of goals of the year by their status on 31 December, the last status set "
        "on or before that day."
    ),
}
