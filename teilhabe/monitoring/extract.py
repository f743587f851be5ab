"""Reading and checking a register extract (shared/formats/register-extract.md).

The extract is read whole into a Polars frame (column-wise, in native code) and checked
with column expressions: no Python loop runs over its rows. Every problem is reported
as `file:line:column: message`; a problem never quotes an id (pseudonyms are not
echoed, neither to the terminal nor to a job's stored result).
"""

from __future__ import annotations

import codecs
import datetime
import tempfile
from collections.abc import Collection
from pathlib import Path

import polars as pl
import pycountry
from django.utils.translation import gettext as _

from teilhabe.core.countries import EXTRA_COUNTRIES
from teilhabe.core.tabular import Budget, Problem, ProblemList, TableError, _scan

REQUIRED = ("id", "geburtsjahr", "geschlecht", "gebiet", "sta1")
OPTIONAL = (
    "geburtsmonat",
    "sta2",
    "geburtsland",
    "zuzug_land",
    "einbuergerung",
    "aussiedler",
    "option",
    "eltern",
)
COUNTRY_COLUMNS = ("sta1", "sta2", "geburtsland", "zuzug_land")
FLAG_COLUMNS = ("einbuergerung", "aussiedler", "option")
SEXES = ("w", "m", "d", "x")
LINE = "_line"


def country_codes() -> list[str]:
    return sorted({country.alpha_2 for country in pycountry.countries} | set(EXTRA_COUNTRIES))


def read(path: Path) -> pl.DataFrame:
    """The extract as strings (trimmed, "" for empty) of the columns of the format, with
    its file line in `_line`; raises TableError for a file that is not a readable table."""
    name = path.name
    try:
        if path.suffix.lower() == ".parquet":
            lazy = pl.scan_parquet(path).with_row_index(LINE, offset=2)  # 1: as a header
            frame = _tidy(lazy.with_columns(pl.all().exclude(LINE).cast(pl.String))).collect()
        else:
            frame = _read_csv(path, name)
    except pl.exceptions.PolarsError as error:
        raise TableError([Problem(name, 1, "", _("The file is not a readable table."))]) from error
    # Rows left empty (as Excel leaves them at the end) are no residents.
    columns = [c for c in frame.columns if c != LINE]
    if columns:
        frame = frame.filter(pl.any_horizontal(pl.col(c) != "" for c in columns))
    return frame


def _tidy(lazy: pl.LazyFrame) -> pl.LazyFrame:
    """The columns of the format under their lower-case names, trimmed, "" for empty:
    one pass, fused with the reading, so the raw table is never held beside it."""
    names = [c for c in lazy.collect_schema().names() if c != LINE]
    known = [c for c in names if c.strip().lower() in REQUIRED + OPTIONAL]
    return lazy.select(
        pl.col(LINE).cast(pl.Int64),
        *(pl.col(c).fill_null("").str.strip_chars().alias(c.strip().lower()) for c in known),
    )


def _read_csv(path: Path, name: str) -> pl.DataFrame:
    encoding, _bom = _scan(lambda: path.open("rb"), name, Budget())
    with path.open("rb") as stream:
        first = stream.readline().decode(encoding, errors="replace")
    separator = ";" if first.count(";") >= first.count(",") else ","
    if encoding == "utf-8":
        return _lines(path, path, separator)
    # Polars reads UTF-8 only: the Windows-1252 file is recoded in chunks.
    with tempfile.NamedTemporaryFile(suffix=".csv") as recoded:
        decoder = codecs.getincrementaldecoder(encoding)()
        with path.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                recoded.write(decoder.decode(chunk).encode("utf-8"))
        recoded.write(decoder.decode(b"", final=True).encode("utf-8"))
        recoded.flush()
        return _lines(path, Path(recoded.name), separator)


def _lines(original: Path, utf8: Path, separator: str) -> pl.DataFrame:
    """The tidy table with each row's file line: its position, plus the line breaks
    inside quoted values above it. Counting the file's line breaks (in C) tells whether
    there are any; only then is the file read again to count them row by row."""
    frame = _tidy(_scan_csv(utf8, separator)).collect()
    line_breaks = 0
    with original.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            line_breaks += chunk.count(b"\n")
    if line_breaks <= frame.height + 1:
        return frame.with_columns((pl.col(LINE) + 2).alias(LINE))
    raw = _scan_csv(utf8, separator)
    values = [c for c in raw.collect_schema().names() if c != LINE]
    breaks = pl.sum_horizontal(pl.col(c).fill_null("").str.count_matches("\n") for c in values)
    lines = raw.select(breaks.cum_sum().shift(1, fill_value=0).alias("_breaks")).collect()
    return frame.with_columns((pl.col(LINE) + 2 + lines.get_column("_breaks")).alias(LINE))


def _scan_csv(path: Path, separator: str) -> pl.LazyFrame:
    return pl.scan_csv(
        path,
        separator=separator,
        infer_schema=False,
        row_index_name=LINE,
        truncate_ragged_lines=False,
    )


def check(
    frame: pl.DataFrame,
    name: str,
    stichtag: datetime.date,
    area_codes: Collection[str],
) -> None:
    """Raises TableError with every problem of the extract (format section "errors")."""
    problems = ProblemList()
    missing = [column for column in REQUIRED if column not in frame.columns]
    for column in missing:
        problems.append(Problem(name, 1, column, _("The required column is missing.")))
    if missing:
        raise TableError(problems)
    codes = country_codes()
    checks: list[tuple[str, pl.Expr, str, bool]] = []  # column, bad rows, message, show value
    for column in REQUIRED:
        checks.append((column, pl.col(column) == "", _("A value is required."), False))
    checks.append(
        (
            "id",
            (pl.col("id") != "") & ~pl.col("id").is_first_distinct(),
            _("The id appears more than once in the extract."),
            False,
        )
    )
    year = pl.col("geburtsjahr").cast(pl.Int32, strict=False)
    checks.append(
        (
            "geburtsjahr",
            (pl.col("geburtsjahr") != "")
            & (
                ~pl.col("geburtsjahr").str.contains(r"^\d{4}$")
                | (year < 1890)
                | (year > stichtag.year)
            ),
            _("The year of birth must have four digits, from 1890 to the reference year."),
            True,
        )
    )
    if "geburtsmonat" in frame.columns:
        month = pl.col("geburtsmonat").cast(pl.Int32, strict=False)
        checks.append(
            (
                "geburtsmonat",
                (pl.col("geburtsmonat") != "") & (month.is_null() | (month < 1) | (month > 12)),
                _("The month of birth must be a number from 1 to 12."),
                True,
            )
        )
    checks.append(
        (
            "geschlecht",
            (pl.col("geschlecht") != "") & ~pl.col("geschlecht").str.to_lowercase().is_in(SEXES),
            _("The sex must be w, m, d or x."),
            True,
        )
    )
    checks.append(
        (
            "gebiet",
            (pl.col("gebiet") != "") & ~pl.col("gebiet").is_in(list(area_codes)),
            _("The area is not an area of this installation on the reference date."),
            True,
        )
    )
    for column in COUNTRY_COLUMNS:
        if column not in frame.columns:
            continue
        allowed = codes if column in ("sta1", "sta2") else [c for c in codes if c != "XX"]
        checks.append(
            (
                column,
                (pl.col(column) != "") & ~pl.col(column).str.to_uppercase().is_in(allowed),
                _("Unknown country code (ISO 3166-1 alpha-2 expected)."),
                True,
            )
        )
    for column in FLAG_COLUMNS:
        if column in frame.columns:
            checks.append(
                (
                    column,
                    ~pl.col(column).is_in(["", "0", "1"]),
                    _("Expected 1 or an empty cell."),
                    True,
                )
            )
    # One pass: every check as a column of one select, which Polars runs in parallel;
    # only the checks that found something are looked at row by row.
    masks = frame.select(bad.alias(str(n)) for n, (_c, bad, _m, _s) in enumerate(checks))
    found = masks.select(pl.all().any()).row(0)
    for (column, _bad, message, show), mask, hit in zip(
        checks, masks.iter_columns(), found, strict=True
    ):
        if not hit:
            continue
        rows = frame.filter(mask).select(LINE, column).head(problems.limit + 1)
        for line, value in rows.iter_rows():
            problems.append(Problem(name, line, column, message, value if show else ""))
    if "eltern" in frame.columns:
        parents = (
            frame.filter(pl.col("eltern") != "")
            .select(LINE, pl.col("eltern").str.split("|").alias("parent"))
            .explode("parent")
            .with_columns(pl.col("parent").str.strip_chars())
            # an anti-join: the parents with no row of that id (a hash join, faster
            # than a membership test against a million ids)
            .join(frame.select(pl.col("id").alias("parent")), on="parent", how="anti")
            .select(LINE)
            .unique(maintain_order=True)
            .head(problems.limit + 1)
        )
        for (line,) in parents.iter_rows():
            message = _("A parent id is not in the extract.")
            problems.append(Problem(name, line, "eltern", message))
    if problems or problems.more:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise TableError(problems)
