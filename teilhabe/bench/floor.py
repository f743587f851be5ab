"""The floor of the annual-report benchmark: the same figures as
`teilhabe.reports.figures.annual_figures`, computed by DuckDB from the tables the report
reads, exported to Parquet (docs/performance.md, "Annual report").

The floor does the same work as the engine: it selects the active cases of the scope
from all cases of the database, joins persons, sessions, link tables and goal histories,
and counts; only the few dozen counts become percentages in Python, with the engine's
own `shares`, so that a rounding difference can never make the two disagree. The export
is not part of the floor: it stands for a database that already keeps its data in
columns.
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from teilhabe.casework.models import Case, Goal, GoalStatusChange, Person, Session
from teilhabe.casework.models.codes import FINAL_GOAL_STATUSES, GoalStatus
from teilhabe.organisations.models import Area, Service
from teilhabe.reports.country_groups import region_of
from teilhabe.reports.figures import AGE_GROUPS, CLIENT_SHARE_KEYS, shares

TEXT, DAY, NUMBER, CODES = pl.Utf8, pl.Date, pl.Int64, pl.List(pl.Utf8)
MOMENT = pl.Datetime("us", "UTC")

# Table -> (queryset of the rows, {column: type}); the columns the report reads.
EXPORTS: dict[str, tuple[Any, dict[str, Any]]] = {
    "services": (Service.objects, {"id": NUMBER, "code": TEXT}),
    "areas": (Area.objects, {"id": NUMBER, "name": TEXT}),
    "cases": (
        Case.objects,
        {
            "id": NUMBER,
            "organisation_id": NUMBER,
            "service_id": NUMBER,
            "client_id": NUMBER,
            "kind": TEXT,
            "opened_on": DAY,
            "closed_on": DAY,
            "access_route": TEXT,
        },
    ),
    "persons": (
        Person.objects,
        {
            "id": NUMBER,
            "gender": TEXT,
            "birth_year": NUMBER,
            "nationalities": CODES,
            "country_of_origin": TEXT,
            "country_of_birth": TEXT,
            "legal_status": TEXT,
            "district_id": NUMBER,
            "arrival_date": DAY,
            "school_qualification": TEXT,
        },
    ),
    "sessions": (
        Session.objects,
        {
            "id": NUMBER,
            "case_id": NUMBER,
            "date": DAY,
            "duration_minutes": NUMBER,
            "topics": CODES,
            "cancelled_at": MOMENT,
        },
    ),
    "session_present": (
        Session.present.through.objects,
        {"session_id": NUMBER, "person_id": NUMBER},
    ),
    "case_co_counselled": (
        Case.co_counselled.through.objects,
        {"case_id": NUMBER, "person_id": NUMBER},
    ),
    "goals": (Goal.objects, {"id": NUMBER, "case_id": NUMBER, "area": TEXT, "agreed_on": DAY}),
    "goal_status_changes": (
        GoalStatusChange.objects,
        {"id": NUMBER, "goal_id": NUMBER, "set_on": DAY, "status": TEXT},
    ),
}


def export(folder: Path) -> dict[str, int]:
    """Writes every table of EXPORTS to `folder/<table>.parquet`; returns the row counts."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, (rows, schema) in EXPORTS.items():
        columns: dict[str, list[Any]] = {name: [] for name in schema}
        appenders = [columns[name].append for name in schema]
        for row in rows.order_by().values_list(*schema).iterator(chunk_size=20_000):
            for append, value in zip(appenders, row, strict=True):
                append(value)
        pl.DataFrame(columns, schema=schema).write_parquet(folder / f"{table}.parquet")
        counts[table] = len(columns["id" if "id" in schema else next(iter(schema))])
    return counts


def _age_group_sql() -> str:
    whens = " ".join(
        f"WHEN $year - p.birth_year BETWEEN {low} AND {high} THEN '{name}'"
        for low, high, name in AGE_GROUPS
    )
    return f"CASE WHEN p.birth_year <> 0 THEN CASE {whens} END END"


# Full years from arrival to the earliest active case, as figures._full_years counts them.
_YEARS = (
    "year(f.first_case) - year(p.arrival_date) - CASE WHEN month(f.first_case) * 100 "
    "+ day(f.first_case) < month(p.arrival_date) * 100 + day(p.arrival_date) THEN 1 ELSE 0 END"
)
# The engine's client shares but the regions, which the floor derives from the countries.
CLIENT_KEYS = tuple(key for key in CLIENT_SHARE_KEYS if key != "herkunftsregionen")
STEPS = [
    """CREATE OR REPLACE TEMP TABLE active AS
    SELECT c.id, c.client_id, c.kind, c.opened_on, c.closed_on, c.access_route
    FROM cases c JOIN services s ON s.id = c.service_id
    WHERE list_contains($organisations, c.organisation_id) AND list_contains($services, s.code)
      AND c.opened_on <= $last AND (c.closed_on IS NULL OR c.closed_on >= $first)""",
    f"""CREATE OR REPLACE TEMP TABLE clients AS
    SELECT p.id, p.nationalities,
      nullif(p.country_of_origin, '') AS herkunftslaender,
      CASE WHEN p.legal_status NOT IN ('', 'unbekannt') THEN p.legal_status END
        AS rechtsstatus,
      nullif(p.gender, '') AS geschlecht,
      a.name AS stadtteile,
      {_age_group_sql()} AS altersgruppen,
      CASE WHEN p.country_of_birth = 'DE' THEN 'in_deutschland_geboren'
        WHEN p.arrival_date IS NULL THEN NULL
        WHEN {_YEARS} < 2 THEN 'unter_2' WHEN {_YEARS} < 5 THEN '2_bis_5' ELSE 'ab_5' END
        AS aufenthaltsdauer,
      CASE WHEN p.school_qualification NOT IN ('', 'unbekannt') THEN p.school_qualification
        END AS schulabschluss
    FROM (SELECT client_id, min(opened_on) AS first_case FROM active GROUP BY client_id) f
    JOIN persons p ON p.id = f.client_id LEFT JOIN areas a ON a.id = p.district_id""",  # noqa: S608 (constants)
    """CREATE OR REPLACE TEMP TABLE year_sessions AS
    SELECT s.id, s.duration_minutes, s.topics FROM sessions s JOIN active a ON a.id = s.case_id
    WHERE s.date BETWEEN $first AND $last AND s.cancelled_at IS NULL""",
]
QUERIES = {
    "cases": """SELECT count(*), count(*) FILTER (WHERE opened_on >= $first),
      count(*) FILTER (WHERE closed_on <= $last),
      count(*) FILTER (WHERE closed_on IS NULL OR closed_on > $last),
      count(*) FILTER (WHERE kind = 'case_management') FROM active""",
    "routes": "SELECT nullif(access_route, ''), count(*) FROM active GROUP BY ALL",
    "clients": " UNION ALL ".join(
        f"SELECT '{key}', {key}, count(*) FROM clients GROUP BY {key}"  # noqa: S608
        for key in CLIENT_KEYS
    ),
    "nationalities": "SELECT count(DISTINCT code) FROM (SELECT unnest(nationalities) AS code "
    "FROM clients)",
    "sessions": "SELECT count(*), coalesce(sum(duration_minutes), 0) FROM year_sessions",
    "topics": "SELECT topic, count(*) FROM (SELECT unnest(topics) AS topic FROM year_sessions) "
    "GROUP BY topic",
    "reached": """SELECT count(*) FROM (
      SELECT client_id FROM active
      UNION SELECT l.person_id FROM case_co_counselled l JOIN active a ON a.id = l.case_id
      UNION SELECT l.person_id FROM session_present l JOIN year_sessions s ON s.id = l.session_id
    )""",
    # A goal's status on a day is the last one set on or before it, by (date, id).
    "goals": """WITH year_goals AS (
        SELECT g.id, g.area FROM goals g JOIN active a ON a.id = g.case_id
        WHERE g.agreed_on <= $last),
      status AS (
        SELECT h.goal_id,
          arg_max(h.status, {'d': h.set_on, 'i': h.id}) FILTER (WHERE h.set_on < $first)
            AS before,
          arg_max(h.status, {'d': h.set_on, 'i': h.id}) FILTER (WHERE h.set_on <= $last)
            AS at_end
        FROM goal_status_changes h JOIN year_goals g ON g.id = h.goal_id GROUP BY h.goal_id)
    SELECT g.area, coalesce(s.at_end, $in_progress), count(*)
    FROM year_goals g LEFT JOIN status s ON s.goal_id = g.id
    WHERE s.before IS NULL OR NOT list_contains($final, s.before)
    GROUP BY ALL""",
}


def _counted(rows: list[tuple[Any, ...]]) -> tuple[Counter[Any], int]:
    """(value, count) rows -> the known values' counts and the count of the unknown."""
    known = Counter({value: count for value, count in rows if value is not None})
    return known, sum(count for value, count in rows if value is None)


def floor_figures(
    folder: Path,
    organisation_ids: tuple[int, ...],
    services: tuple[str, ...],
    year: int,
    *,
    with_previous: bool = True,
) -> dict[str, Any]:
    """The annual figures of `annual_figures(Scope(organisation_ids, services), year)`."""
    with duckdb.connect() as db:
        for table in EXPORTS:
            path = str(folder / f"{table}.parquet").replace("'", "''")
            # A view takes no parameters; the names are this module's, the folder the bench's.
            db.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")  # noqa: S608
        figures = _year(db, organisation_ids, services, year)
        if with_previous:
            figures["vorjahr"] = _year(db, organisation_ids, services, year - 1)
    return figures


def _year(
    db: duckdb.DuckDBPyConnection,
    organisation_ids: tuple[int, ...],
    services: tuple[str, ...],
    year: int,
) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    values: dict[str, Any] = {
        "organisations": list(organisation_ids),
        "services": list(services),
        "first": first,
        "last": last,
        "year": year,
        "final": sorted(FINAL_GOAL_STATUSES),
        "in_progress": str(GoalStatus.IN_PROGRESS),
    }

    def run(sql: str) -> list[tuple[Any, ...]]:
        # DuckDB refuses parameters a statement does not use: pass only the used ones.
        return db.execute(sql, {k: v for k, v in values.items() if f"${k}" in sql}).fetchall()

    for step in STEPS:
        run(step)
    results = {name: run(sql) for name, sql in QUERIES.items()}
    cases, opened, closed, still_open, case_management = results["cases"][0]
    sessions, minutes = results["sessions"][0]
    figures: dict[str, Any] = {
        "jahr": year,
        "faelle": cases,
        "faelle_neu": opened,
        "faelle_beendet": closed,
        "faelle_laufend_jahresende": still_open,
        "case_management_faelle": case_management,
        "ratsuchende": sum(count for key, _v, count in results["clients"] if key == CLIENT_KEYS[0]),
        "personen_erreicht": results["reached"][0][0],
        "beratungssitzungen": sessions,
        "beratungsminuten": int(minutes),
    }
    unknown: dict[str, int] = {}
    by_key: dict[str, Counter[Any]] = {}
    for key in CLIENT_KEYS:
        by_key[key], unknown[key] = _counted(
            [(value, count) for k, value, count in results["clients"] if k == key]
        )
    # Each client has one country: the regions' counts are sums of the countries' counts.
    regions: Counter[str] = Counter()
    for country, count in by_key["herkunftslaender"].items():
        regions[region_of(country)] += count
    by_key["herkunftsregionen"], unknown["herkunftsregionen"] = (
        regions,
        unknown["herkunftslaender"],
    )
    for key in (*CLIENT_KEYS[:1], "herkunftsregionen", *CLIENT_KEYS[1:]):
        figures[key] = shares(by_key[key], sum(by_key[key].values()))
    routes, unknown["zugangswege"] = _counted(results["routes"])
    areas: Counter[str] = Counter()
    at_year_end: Counter[str] = Counter()
    for area, status, count in results["goals"]:
        areas[area] += count
        at_year_end[status] += count
    goals = sum(areas.values())
    in_progress = at_year_end.get(GoalStatus.IN_PROGRESS, 0)
    figures |= {
        "staatsangehoerigkeiten_anzahl": results["nationalities"][0][0],
        "zugangswege": shares(routes, sum(routes.values())),
        "themen": dict(Counter(dict(results["topics"])).most_common()),
        "ziele": goals,
        "ziele_nach_bereich": dict(areas.most_common()),
        "ziele_status_jahresende": dict(at_year_end.most_common()),
        "ziele_in_bearbeitung_anteil": round(100 * in_progress / goals, 2) if goals else 0.0,
        "unbekannt": unknown,
    }
    return figures
