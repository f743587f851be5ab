"""Property tests of the CSV reader of every import (issue 9, item 10): whatever bytes a
user uploads, the reader answers with rows or with TableError, never another exception."""

from __future__ import annotations

import datetime
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.core.tabular import (
    Budget,
    Limits,
    Problem,
    ProblemList,
    TableError,
    decode,
    iter_csv,
    open_csv,
    parse_date,
)

# Bytes that look like tables often enough to get past the header.
table_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.one_of(
            st.sampled_from(
                [b";", b",", b'"', b"\n", b"\r\n", b"\r", b"\xef\xbb\xbf", b"\xe4", b"\x81"]
            ),
            st.text(max_size=8).map(lambda t: t.encode("utf-8")),
            st.binary(max_size=4),
        ),
        max_size=60,
    ).map(b"".join),
)
fast = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(table_bytes)
def test_arbitrary_bytes_give_rows_or_table_error(data: bytes) -> None:
    limits = Limits(unpacked=10_000, rows=50, columns=20)
    try:
        columns, rows = iter_csv(data, "x.csv")
        table = open_csv(lambda: io.BytesIO(data), "x.csv", Budget(limits))
        lines = [row.line for row in table.rows]
        assert list(rows) is not None
    except TableError as error:
        assert error.problems and all(p.file == "x.csv" and p.line >= 1 for p in error.problems)
        return
    assert lines == sorted(set(lines)), "line numbers grow"
    assert len(table.columns) <= 20 and len(lines) <= 50
    assert len({c for c in columns if c}) == len([c for c in columns if c]), "no column twice"


@fast
@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=200))
def test_text_without_control_characters_decodes_to_itself(text: str) -> None:
    if text.startswith("\ufeff"):
        # a leading U+FEFF is the byte-order mark Excel writes: read as such and dropped
        assert decode(text.encode("utf-8"), "x.csv") == (text[1:], "utf-8-sig")
        return
    assert decode(text.encode("utf-8"), "x.csv") == (text, "utf-8")


@fast
@given(st.text(max_size=30))
def test_parse_date_answers_a_date_or_value_error(value: str) -> None:
    try:
        day = parse_date(value)
    except ValueError:
        return
    assert isinstance(day, datetime.date)


@fast
@given(st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=20))
def test_problem_list_keeps_the_first_and_counts_the_rest(found: int, limit: int) -> None:
    problems = ProblemList(limit)
    for line in range(found):
        problems.append(Problem("x.csv", line + 1, "", "bad"))
    assert len(problems) == min(found, limit) and problems.more == max(found - limit, 0)
    assert TableError(problems).more == problems.more
