"""MigraPro classification and counting, as column expressions over a checked extract.

The rules of shared/formats/register-extract.md, "Classification", in their order:
the first that applies gives a person's category. Rule 7 (`familiaer`) looks at the
parents' categories of rules 1–6, found through the parents' rows that
`extract.parent_links` matched to the ids in `eltern`.
The result is counts only: per smallest area, age group, sex, category and immigration
history; and per smallest area, age group, sex and reference country.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

import polars as pl

from teilhabe.monitoring import extract
from teilhabe.monitoring.models import AGE_GROUPS, Category, History

# The installation's repatriate-origin countries (setting MONITORING_REPATRIATE_ORIGINS).
REPATRIATE_ORIGINS = (
    "RU KZ UA BY KG UZ TJ TM AZ AM GE MD EE LV LT PL RO".split()  # noqa: SIM905
)
NOT_A_COUNTRY = ("", "DE", "XX")
# The few-valued columns are categoricals (extract.CATEGORICAL), the category and the
# history enums (a byte a row, not a string); the counts turn them into strings.
_STRINGS = pl.col(pl.Categorical, pl.Enum).cast(pl.String)
CATEGORY = pl.Enum([c.value for c in Category])
HISTORY = pl.Enum([h.value for h in History])


def _category(name: str) -> pl.Expr:
    return pl.lit(name, dtype=CATEGORY)


def _history(name: str) -> pl.Expr:
    return pl.lit(name, dtype=HISTORY)


def _column(columns: Collection[str], name: str) -> pl.Expr:
    """An optional column, or empty strings where the extract has none."""
    if name in columns:
        return pl.col(name)
    return pl.lit("")


def _cased(frame: pl.DataFrame, names: Collection[str], upper: bool) -> dict[str, pl.Expr]:
    """The columns in upper (lower) case: as they are when every distinct value already
    is (no row is touched), else all of them recased as strings (one dtype for all)."""
    present = [n for n in names if n in frame.columns]
    distinct = [pl.col(n).unique().cast(pl.String) for n in present]
    cased = [d.str.to_uppercase() if upper else d.str.to_lowercase() for d in distinct]
    recase = any(frame.select((d != c).any() for d, c in zip(distinct, cased, strict=True)).row(0))
    exprs = {name: _column(frame.columns, name) for name in names}
    if recase:
        for name in present:
            text = pl.col(name).cast(pl.String).str
            exprs[name] = text.to_uppercase() if upper else text.to_lowercase()
    return exprs


def _none_of(code: pl.Expr, values: Collection[str]) -> pl.Expr:
    """Not one of a few values: comparisons, cheaper than a membership test."""
    return pl.all_horizontal(code != value for value in values)


def _own(frame: pl.DataFrame, stichtag: datetime.date, origins: Collection[str]) -> pl.DataFrame:
    """id, gebiet, age, sex, and the person's own category of rules 1–6 (null where none
    applies), own reference country and whether born abroad."""
    columns = frame.columns
    codes = _cased(frame, ("sta1", "sta2", "geburtsland", "zuzug_land"), upper=True)
    sta1, sta2, birth, moved = codes.values()
    german = (sta1 == "DE") | (sta2 == "DE")
    abroad = _none_of(birth, ("", "DE"))
    second = ((sta1 == "DE") & _none_of(sta2, NOT_A_COUNTRY)) | (
        (sta2 == "DE") & _none_of(sta1, NOT_A_COUNTRY)
    )
    category = (
        pl.when(~german)
        .then(_category("auslaender"))
        .when(_column(columns, "einbuergerung") == "1")
        .then(_category("eingebuergert"))
        .when((_column(columns, "aussiedler") == "1") | (abroad & moved.is_in(list(origins))))
        .then(_category("aussiedler"))
        .when(_column(columns, "option") == "1")
        .then(_category("optionsdeutsch"))
        .when(second)
        .then(_category("deutsch_zweite_sta"))
        .when(abroad)
        .then(_category("deutsch_geboren_ausland"))
        .otherwise(pl.lit(None, dtype=CATEGORY))
    )
    # A missing column gives no country (and no string among the categoricals).
    country = pl.coalesce(
        pl.when(_none_of(codes[name], NOT_A_COUNTRY)).then(codes[name])
        for name in codes
        if name in columns
    )
    year = pl.col("geburtsjahr").cast(pl.Int32)
    month = _column(columns, "geburtsmonat").cast(pl.Int32, strict=False).fill_null(6)
    return frame.select(
        pl.col("id"),
        pl.col("gebiet"),
        _cased(frame, ("geschlecht",), upper=False)["geschlecht"].alias("sex"),
        (
            pl.lit(stichtag.year, dtype=pl.Int32)
            - year
            - (month > pl.lit(stichtag.month, dtype=pl.Int32)).cast(pl.Int32)
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
    """One row per resident (see `classify_lazy`), strings for the categoricals."""
    return classify_lazy(frame, stichtag, origins).collect().with_columns(_STRINGS)


def classify_lazy(
    frame: pl.DataFrame,
    stichtag: datetime.date,
    origins: Collection[str] = REPATRIATE_ORIGINS,
    links: pl.DataFrame | None = None,
) -> pl.LazyFrame:
    """One row per resident: gebiet, age_from, sex, category, country (null where the
    person has no migration background or the reference country is unknown), history.
    `links`: the parents' links that `extract.check` returned (else found here)."""
    people = _own(frame, stichtag, origins)
    if links is None:
        links = extract.parent_links(frame)
    # Each child's parents, looked up by their rows. The links are in the order of the
    # rows and of `eltern` (and a group keeps the order of its rows), so `first` is the
    # first parent in `eltern`; told that `_row` is sorted, Polars groups the runs of
    # equal values without hashing (ten times faster).
    if not links.get_column("_row").is_sorted():
        links = links.sort("_row", maintain_order=True)
    rows = links.get_column("parent_row")
    by_child = (
        links.select(
            pl.col("_row").set_sorted(),
            people.get_column("own").gather(rows).alias("parent_own"),
            people.get_column("own_country").gather(rows).alias("parent_country"),
            people.get_column("abroad").gather(rows).alias("parent_abroad"),
        )
        .lazy()
        .group_by("_row")
        .agg(
            pl.col("parent_own").is_not_null().any().alias("parent_mh"),
            pl.col("parent_country")
            .filter(pl.col("parent_own").is_not_null() & pl.col("parent_country").is_not_null())
            .first()
            .alias("parent_country"),
            (pl.len() >= 2).alias("two_parents"),
            pl.col("parent_abroad").fill_null(False).all().alias("parents_abroad"),
        )
    )
    lazy = people.lazy().with_row_index("_row")
    lazy = lazy.join(by_child, on="_row", how="left", maintain_order="left")
    familiaer = (
        pl.col("own").is_null() & (pl.col("age") < 18) & pl.col("parent_mh").fill_null(False)
    )
    category = (
        pl.when(pl.col("own").is_not_null())
        .then(pl.col("own"))
        .when(familiaer)
        .then(_category("familiaer"))
        .otherwise(_category("ohne_mh"))
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
            .then(_history("eingewandert"))
            .when(
                pl.col("two_parents").fill_null(False) & pl.col("parents_abroad").fill_null(False)
            )
            .then(_history("nachkomme"))
            .otherwise(_history("ohne"))
        )
    else:
        history = _history("")
    age_from = pl.lit(0, dtype=pl.Int32)
    for bound in AGE_GROUPS[1:]:
        age_from = (
            pl.when(pl.col("age") >= bound).then(pl.lit(bound, dtype=pl.Int32)).otherwise(age_from)
        )
    return lazy.select(
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
    # Both counts in one run: the classification they share is computed once. The
    # categoricals become strings only now, in the few thousand counts.
    categories_frame, countries_frame = pl.collect_all(
        [categories.with_columns(_STRINGS), countries.with_columns(_STRINGS)]
    )
    return categories_frame, countries_frame
