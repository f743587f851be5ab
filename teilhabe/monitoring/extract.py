"""Reading and checking a register extract (shared/formats/register-extract.md).

The extract is read whole into a Polars frame (column-wise, in native code) and checked
with column expressions: no Python loop runs over its rows. Every problem is reported
as `file:line:column: message`; a problem never quotes an id (pseudonyms are not
echoed, neither to the terminal nor to a job's stored result).

The columns with few distinct values (sex, area, countries, flags) are held as
categoricals: 4 bytes a cell instead of a 16-byte string view, which keeps a
4,000,000-row extract well under 2 GiB, and their checks look at each distinct value
once instead of at every row.
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
# Held as categoricals (see above); the year and month stay strings, parsed as numbers.
CATEGORICAL = ("geschlecht", "gebiet", *COUNTRY_COLUMNS, *FLAG_COLUMNS)


def country_codes() -> list[str]:
    return sorted({country.alpha_2 for country in pycountry.countries} | set(EXTRA_COUNTRIES))


def read(path: Path) -> pl.DataFrame:
    """The extract as strings (trimmed, "" for empty) of the columns of the format, with
    its file line in `_line`; raises TableError for a file that is not a readable table."""
    name = path.name
    try:
        if path.suffix.lower() == ".parquet":
            lazy = pl.scan_parquet(path).with_row_index(LINE, offset=2)  # 1: as a header
            lazy = lazy.with_columns(pl.all().exclude(LINE).cast(pl.String))
            frame = _tidy(lazy).collect(engine="streaming")
        else:
            frame = _read_csv(path, name)
    except pl.exceptions.PolarsError as error:
        raise TableError([Problem(name, 1, "", _("The file is not a readable table."))]) from error
    # Rows left empty (as Excel leaves them at the end) are no residents. The frame is
    # filtered (copied) only when there are any.
    columns = [c for c in frame.columns if c != LINE]
    if columns:
        filled = frame.select(pl.any_horizontal(pl.col(c) != "" for c in columns)).to_series()
        if not filled.all():
            frame = frame.filter(filled)
    return frame


def _tidy(lazy: pl.LazyFrame) -> pl.LazyFrame:
    """The columns of the format under their lower-case names, "" for empty, the
    few-valued ones as categoricals: one pass, fused with the reading and run by the
    streaming engine chunk by chunk, so the raw table is never held whole. The others
    are trimmed here, the categoricals afterwards by their distinct values (`_trimmed`)."""
    schema = lazy.collect_schema()
    known = [c for c in schema.names() if c != LINE and c.strip().lower() in REQUIRED + OPTIONAL]

    def tidy(column: str) -> pl.Expr:
        name = column.strip().lower()
        value = pl.col(column).fill_null("")
        if schema[column] == pl.Categorical:
            return value.alias(name)
        if name in CATEGORICAL:  # trimmed afterwards, by their few distinct values
            return value.cast(pl.Categorical).alias(name)
        return value.str.strip_chars().alias(name)

    return lazy.select(pl.col(LINE).cast(pl.Int64), *(tidy(c) for c in known))


def _trimmed(frame: pl.DataFrame) -> pl.DataFrame:
    """The categoricals trimmed: their distinct values are looked at, and only a column
    with a value that has spaces around it is trimmed row by row (as strings)."""
    columns = [c for c, dtype in frame.schema.items() if dtype == pl.Categorical]
    if not columns:
        return frame
    distinct = [pl.col(c).unique().cast(pl.String) for c in columns]
    untidy = frame.select((d != d.str.strip_chars()).any() for d in distinct).row(0)
    return frame.with_columns(
        pl.col(c).cast(pl.String).str.strip_chars().cast(pl.Categorical)
        for c, untrimmed in zip(columns, untidy, strict=True)
        if untrimmed
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
    frame = _trimmed(_tidy(_scan_csv(utf8, separator)).collect(engine="streaming"))
    line_breaks = 0
    with original.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            line_breaks += chunk.count(b"\n")
    if line_breaks <= frame.height + 1:
        return frame
    raw = _scan_csv(utf8, separator)
    values = [c for c in raw.collect_schema().names() if c != LINE]
    breaks = pl.sum_horizontal(pl.col(c).fill_null("").str.count_matches("\n") for c in values)
    lines = raw.select(breaks.cum_sum().shift(1, fill_value=0).alias("_breaks")).collect()
    return frame.with_columns((pl.col(LINE) + lines.get_column("_breaks")).alias(LINE))


def _scan_csv(path: Path, separator: str) -> pl.LazyFrame:
    """The CSV as strings. The few-valued columns are cast to categoricals after the
    reader (`_tidy`), not by it: the reader builds categoricals a column at a time, the
    cast runs on all of them at once (0.3 s instead of 0.7 s for 1,000,000 rows,
    docs/performance.md)."""
    return pl.scan_csv(
        path,
        separator=separator,
        infer_schema=False,
        row_index_name=LINE,
        row_index_offset=2,  # the file's line: 1 is the header
        truncate_ragged_lines=False,
    )


def check(
    frame: pl.DataFrame,
    name: str,
    stichtag: datetime.date,
    area_codes: Collection[str],
) -> pl.DataFrame:
    """Raises TableError with every problem of the extract (format section "errors");
    returns the parents' links (`parent_links`), so that the classification matches the
    ids in `eltern` to their rows without doing it again."""
    problems = ProblemList()
    missing = [column for column in REQUIRED if column not in frame.columns]
    for column in missing:
        problems.append(Problem(name, 1, column, _("The required column is missing.")))
    if missing:
        raise TableError(problems)
    codes = country_codes()
    # column, bad values (an expression over the column's values), message, show value;
    # None as the expression: the duplicate ids, found by `_duplicates`.
    checks: list[tuple[str, pl.Expr | None, str, bool]] = []
    for column in REQUIRED:
        checks.append((column, pl.col(column) == "", _("A value is required."), False))
    checks.append(("id", None, _("The id appears more than once in the extract."), False))
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
    hashes = frame.get_column("id").hash()
    unique_hashes = hashes.n_unique() == hashes.len()
    # Every check but the duplicates depends on a cell's value alone: it is tried on
    # each column's distinct values (a few hundred, all columns at once), and only a
    # column with a bad value is searched row by row for the lines.
    columns = sorted({column for column, bad, _m, _s in checks if bad is not None} - {"id"})
    distinct = dict(
        zip(
            columns,
            pl.collect_all(
                frame.lazy().select(pl.col(c).unique().cast(pl.String)) for c in columns
            ),
            strict=True,
        )
    )
    for column, bad, message, show in checks:
        if bad is None:
            mask = _duplicates(frame, unique_hashes)
        elif column == "id":  # a million distinct values: checked row by row
            mask = frame.select(bad).to_series()
        else:
            values = distinct[column].filter(bad).get_column(column).to_list()
            mask = frame.select(pl.col(column).is_in(values)).to_series() if values else None
        if mask is None or not mask.any():
            continue
        rows = frame.filter(mask).select(LINE, column).head(problems.limit + 1)
        for line, value in rows.iter_rows():
            problems.append(Problem(name, line, column, message, value if show else ""))
    links = parent_links(frame, hashes if unique_hashes else None)
    unknown = (
        links.filter(pl.col("parent_row").is_null())
        .select(LINE)
        .unique(maintain_order=True)
        .head(problems.limit + 1)
    )
    for (line,) in unknown.iter_rows():
        problems.append(Problem(name, line, "eltern", _("A parent id is not in the extract.")))
    if problems or problems.more:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise TableError(problems)
    return links


def _duplicates(frame: pl.DataFrame, unique_hashes: bool) -> pl.Series | None:
    """The rows whose id an earlier row has; None when the ids' 64-bit hashes are all
    different (equal ids have equal hashes), so that the strings are compared only
    when some hashes are equal (a duplicate, or rarely two ids with one hash)."""
    if unique_hashes:
        return None
    return frame.select((pl.col("id") != "") & ~pl.col("id").is_first_distinct()).to_series()


def parent_links(frame: pl.DataFrame, hashes: pl.Series | None = None) -> pl.DataFrame:
    """One row per id in `eltern`, in the order of the rows and of `eltern`: the child's
    `_row` (its position in the frame), its `_line`, and `parent_row`, the position of
    the row with that id (null where there is none).

    With `hashes` (the ids' hashes, all different) the ids are matched by hash, faster
    than by string, and each match is confirmed by comparing the strings: as the hash
    of an id names that id's row alone, a parent whose hash matches a row with another
    id is not in the extract. Without, by string."""
    if "eltern" not in frame.columns:
        schema = {"_row": pl.UInt32, LINE: pl.Int64, "parent_row": pl.UInt32}
        return pl.DataFrame(schema=schema)
    wanted = (
        frame.lazy()
        .with_row_index("_row")
        .filter(pl.col("eltern") != "")
        .select("_row", LINE, pl.col("eltern").str.split("|").alias("parent"))
        .explode("parent")
        .with_columns(pl.col("parent").str.strip_chars())
    )
    ids = frame.lazy().select(pl.col("id").alias("parent")).with_row_index("parent_row")
    if hashes is None:
        joined = wanted.join(ids, on="parent", how="left", maintain_order="left").collect()
        return joined.select("_row", LINE, "parent_row")
    by_hash = pl.DataFrame({"_hash": hashes}).with_row_index("parent_row").lazy()
    joined = (
        wanted.with_columns(pl.col("parent").hash().alias("_hash"))
        .join(by_hash, on="_hash", how="left", maintain_order="left")
        .collect()
    )
    found = frame.get_column("id").gather(joined.get_column("parent_row"))
    same = (found == joined.get_column("parent")).fill_null(False)
    return joined.select("_row", LINE, pl.when(same).then(pl.col("parent_row")).alias("parent_row"))
