"""MigraPro classification and counting, as column expressions over a checked extract.

The rules of shared/formats/register-extract.md, "Classification", in their order:
the first that applies gives a person's category. Rule 7 (`familiaer`) looks at the
parents' categories of rules 1–6, found by joining the extract with itself on `eltern`.
The result is counts only: per smallest area, age group, sex, category and immigration
history; and per smallest area, age group, sex and reference country.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

import polars as pl

from teilhabe.monitoring.models import AGE_GROUPS

# The installation's repatriate-origin countries (setting MONITORING_REPATRIATE_ORIGINS).
REPATRIATE_ORIGINS = (
    "RU KZ UA BY KG UZ TJ TM AZ AM GE MD EE LV LT PL RO".split()  # noqa: SIM905
)
NOT_A_COUNTRY = ("", "DE", "XX")


def _column(columns: Collection[str], name: str) -> pl.Expr:
    """An optional column, or empty strings where the extract has none."""
    if name in columns:
        return pl.col(name)
    return pl.lit("")


def _own(lazy: pl.LazyFrame, columns: list[str], origins: Collection[str]) -> pl.LazyFrame:
    """id, gebiet, age, sex, eltern and the person's own category of rules 1–6 (null
    where none applies), own reference country and whether born abroad."""
    sta1 = pl.col("sta1").str.to_uppercase()
    sta2 = _column(columns, "sta2").str.to_uppercase()
    birth = _column(columns, "geburtsland").str.to_uppercase()
    moved = _column(columns, "zuzug_land").str.to_uppercase()
    german = (sta1 == "DE") | (sta2 == "DE")
    abroad = ~birth.is_in(["", "DE"])
    second = ((sta1 == "DE") & ~sta2.is_in(NOT_A_COUNTRY)) | (
        (sta2 == "DE") & ~sta1.is_in(NOT_A_COUNTRY)
    )
    category = (
        pl.when(~german)
        .then(pl.lit("auslaender"))
        .when(_column(columns, "einbuergerung") == "1")
        .then(pl.lit("eingebuergert"))
        .when((_column(columns, "aussiedler") == "1") | (abroad & moved.is_in(list(origins))))
        .then(pl.lit("aussiedler"))
        .when(_column(columns, "option") == "1")
        .then(pl.lit("optionsdeutsch"))
        .when(second)
        .then(pl.lit("deutsch_zweite_sta"))
        .when(abroad)
        .then(pl.lit("deutsch_geboren_ausland"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    country = pl.coalesce(
        pl.when(~code.is_in(NOT_A_COUNTRY)).then(code) for code in (sta1, sta2, birth, moved)
    )
    year = pl.col("geburtsjahr").cast(pl.Int32)
    month = _column(columns, "geburtsmonat").cast(pl.Int32, strict=False).fill_null(6)
    return lazy.select(
        pl.col("id"),
        pl.col("gebiet"),
        pl.col("geschlecht").str.to_lowercase().alias("sex"),
        _column(columns, "eltern").alias("eltern"),
        (
            pl.col("_stichtag_year") - year - (month > pl.col("_stichtag_month")).cast(pl.Int32)
        ).alias("age"),
        category.alias("own"),
        country.alias("own_country"),
        abroad.alias("abroad"),
    )


def classify(
    frame: pl.DataFrame,
    stichtag: datetime.date,
    origins: Collection[str] = REPATRIATE_ORIGINS,
) -> pl.DataFrame:
    """One row per resident (see `classify_lazy`)."""
    return classify_lazy(frame, stichtag, origins).collect()


def classify_lazy(
    frame: pl.DataFrame,
    stichtag: datetime.date,
    origins: Collection[str] = REPATRIATE_ORIGINS,
) -> pl.LazyFrame:
    """One row per resident: gebiet, age_from, sex, category, country (null where the
    person has no migration background or the reference country is unknown), history."""
    lazy = frame.lazy().with_columns(
        pl.lit(stichtag.year, dtype=pl.Int32).alias("_stichtag_year"),
        pl.lit(stichtag.month, dtype=pl.Int32).alias("_stichtag_month"),
    )
    people = _own(lazy, frame.columns, origins)
    parents = people.select(
        pl.col("id").alias("parent"),
        pl.col("own").alias("parent_own"),
        pl.col("own_country").alias("parent_country"),
        pl.col("abroad").alias("parent_abroad"),
    )
    # Only people with parents listed need the join (children, mostly). Each child's
    # parents stay in the order of `eltern` (explode and a left join keeping the left
    # order; a group keeps the order of its rows), so `first` is the first parent.
    people = people.with_row_index("_row")
    links = (
        people.filter(pl.col("eltern") != "")
        .select("_row", pl.col("eltern").str.split("|").alias("parent"))
        .explode("parent")
        .with_columns(pl.col("parent").str.strip_chars())
        .join(parents, on="parent", how="left", maintain_order="left")
    )
    by_child = links.group_by("_row").agg(
        pl.col("parent_own").is_not_null().any().alias("parent_mh"),
        pl.col("parent_country")
        .filter(pl.col("parent_own").is_not_null() & pl.col("parent_country").is_not_null())
        .first()
        .alias("parent_country"),
        (pl.len() >= 2).alias("two_parents"),
        pl.col("parent_abroad").fill_null(False).all().alias("parents_abroad"),
    )
    people = people.join(by_child, on="_row", how="left", maintain_order="left")
    familiaer = (
        pl.col("own").is_null() & (pl.col("age") < 18) & pl.col("parent_mh").fill_null(False)
    )
    category = (
        pl.when(pl.col("own").is_not_null())
        .then(pl.col("own"))
        .when(familiaer)
        .then(pl.lit("familiaer"))
        .otherwise(pl.lit("ohne_mh"))
    )
    country = (
        pl.when(pl.col("own").is_not_null())
        .then(pl.col("own_country"))
        .when(familiaer)
        .then(pl.col("parent_country"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    if "geburtsland" in frame.columns:
        history = (
            pl.when(pl.col("abroad"))
            .then(pl.lit("eingewandert"))
            .when(
                pl.col("two_parents").fill_null(False) & pl.col("parents_abroad").fill_null(False)
            )
            .then(pl.lit("nachkomme"))
            .otherwise(pl.lit("ohne"))
        )
    else:
        history = pl.lit("")
    age_from = pl.lit(0, dtype=pl.Int32)
    for bound in AGE_GROUPS[1:]:
        age_from = (
            pl.when(pl.col("age") >= bound).then(pl.lit(bound, dtype=pl.Int32)).otherwise(age_from)
        )
    return people.select(
        "id",  # for the tests; count() drops it, nothing stores it
        "gebiet",
        age_from.alias("age_from"),
        "sex",
        category.alias("category"),
        country.alias("country"),
        history.alias("history"),
    )


def count(classified: pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(counts by gebiet, age_from, sex, category, history;
    counts by gebiet, age_from, sex, country for the known reference countries)."""
    categories = classified.group_by("gebiet", "age_from", "sex", "category", "history").len(
        "count"
    )
    countries = (
        classified.filter(pl.col("country").is_not_null())
        .group_by("gebiet", "age_from", "sex", "country")
        .len("count")
    )
    # Both counts in one run: the classification they share is computed once.
    categories_frame, countries_frame = pl.collect_all([categories, countries])
    return categories_frame, countries_frame
