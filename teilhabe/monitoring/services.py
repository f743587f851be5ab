"""The register import: read, check, classify, count, and store the counts of every
area of the hierarchy for one reference date, replacing that date all or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection, transaction

from teilhabe.monitoring import classify, extract
from teilhabe.monitoring.models import CategoryCount, CountryCount, ReferenceDate
from teilhabe.organisations.models import Area

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RegisterResult:
    stichtag: datetime.date
    residents: int
    areas: int
    replaced: bool


def areas_on(stichtag: datetime.date) -> dict[str, list[int]]:
    """Each area valid on the date → its id and the ids of all areas above it."""
    rows = {
        pk: (code, parent, Area(valid_from=start, valid_to=end).is_valid_on(stichtag))
        for pk, code, parent, start, end in Area.objects.values_list(
            "pk", "code", "parent_id", "valid_from", "valid_to"
        )
    }
    chains: dict[str, list[int]] = {}
    for pk, (code, _parent, valid) in rows.items():
        if not valid:
            continue
        chain, current = [], pk
        while current is not None and current not in chain:
            chain.append(current)
            current = rows[current][1]
        chains[code] = chain
    return chains


def import_register(
    path: Path,
    stichtag: datetime.date,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RegisterResult:
    """Raises core.tabular.TableError with every problem (nothing stored), or stores."""
    say = progress or (lambda _step: None)
    chains = areas_on(stichtag)
    say("read")
    frame = extract.read(path)
    say("check")
    links = extract.check(frame, path.name, stichtag, chains)
    say("classify")
    origins = getattr(settings, "MONITORING_REPATRIATE_ORIGINS", classify.REPATRIATE_ORIGINS)
    has_history = "geburtsland" in frame.columns
    residents = frame.height
    classified = classify.classify_lazy(frame, stichtag, origins, links)
    categories, countries = classify.count(classified)
    del frame, links, classified  # the rows, with their pseudonyms, go no further than here
    ancestors = pl.DataFrame(
        [(code, area) for code, chain in chains.items() for area in chain],
        schema={"gebiet": pl.String, "area": pl.Int64},
        orient="row",
    )
    by_area = _roll_up(categories, ancestors, ["age_from", "sex", "category", "history"])
    by_country = _roll_up(countries, ancestors, ["age_from", "sex", "country"])
    areas = by_area.get_column("area").n_unique()
    replaced = ReferenceDate.objects.filter(stichtag=stichtag).exists()
    if not dry_run:
        say("store")
        _store(stichtag, path.name, residents, has_history, by_area, by_country)
    return RegisterResult(stichtag, residents, areas, replaced)


def _roll_up(counts: pl.DataFrame, ancestors: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """The counts of every area: its own and those of all areas below it."""
    return (
        counts.join(ancestors, on="gebiet", how="inner")
        .group_by("area", *keys)
        .agg(pl.col("count").sum())
        .sort("area", *keys)
    )


@transaction.atomic
def _store(
    stichtag: datetime.date,
    extract_name: str,
    residents: int,
    has_history: bool,
    by_area: pl.DataFrame,
    by_country: pl.DataFrame,
) -> None:
    # Deleting and writing in one transaction: a failure leaves the old figures.
    ReferenceDate.objects.filter(stichtag=stichtag).delete()
    date = ReferenceDate.objects.create(
        stichtag=stichtag,
        extract_name=extract_name[:255],
        residents=residents,
        has_history=has_history,
    )
    # Tens of thousands of counts: written as plain rows, without a model object each.
    _insert(
        CategoryCount, ["area_id", "age_from", "sex", "category", "history", "count"], date, by_area
    )
    _insert(CountryCount, ["area_id", "age_from", "sex", "country", "count"], date, by_country)


def _insert(
    model: type[CategoryCount] | type[CountryCount],
    columns: list[str],
    date: ReferenceDate,
    rows: pl.DataFrame,
) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in ["reference_date_id", *columns])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY of the frame written as CSV by Polars: a hundred thousand counts in a
            # fraction of the time of INSERTs. Every text quoted, so that "" (no
            # immigration history) stays an empty text and only a missing value is NULL.
            data = rows.select(pl.lit(date.pk).alias("reference_date_id"), pl.all()).write_csv(
                include_header=False, quote_style="non_numeric"
            )
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy:
                copy.write(data)
            return
        marks = ", ".join(["%s"] * (len(columns) + 1))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names, not values)
        for batch in rows.iter_slices(10_000):
            cursor.executemany(sql, [(date.pk, *row) for row in batch.iter_rows()])
