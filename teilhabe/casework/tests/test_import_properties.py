"""Property tests of the parsers of the casework import and the area import (issue 9,
item 10): arbitrary cells, damaged ZIP and XLSX files and arbitrary area files end in
problems of the file, never in another exception."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from teilhabe.casework.importer.cells import Cells
from teilhabe.casework.importer.sources import open_tables
from teilhabe.core.tabular import Limits, Problem, Row, TableError
from teilhabe.organisations.area_import import _parse

fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each example of these writes and opens a file: fewer of them.
files = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "ja", "NEIN", "31.02.2024", "2024-13-01", "²", "1e9", "UA|RU", "|||"]),
)


@fast
@given(cell)
def test_every_cell_parser_answers_a_value_or_a_problem(value: str) -> None:
    problems: list[Problem] = []
    cells = Cells("x.csv", Row(2, {"c": value}), problems)
    cells.text("c", required=True)
    cells.code("c", {"a", "b"}, required=True)
    cells.codes("c", {"a", "b"})
    day = cells.date("c", required=True)
    number = cells.integer("c", 0, 600)
    cells.country("c")
    cells.countries("c")
    cells.language("c")
    cells.languages("c")
    cells.ids("c")
    cells.yes_no("c")
    assert day is None or 1900 <= day.year <= 2100
    assert number is None or 0 <= number <= 600
    assert all(p.file == "x.csv" and p.line == 2 and p.column == "c" for p in problems)


def valid_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personen.csv", "person_id;geschlecht\n" + "P1;w\n" * 200)
        archive.writestr("faelle.csv", "fall_id;person_id;dienst;art;beginn\n")
    return buffer.getvalue()


def valid_xlsx() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in ("personen", "faelle"):
        sheet = workbook.create_sheet(name)
        sheet.append(["person_id", "fall_id"])
        for number in range(50):
            sheet.append([f"P{number}", f"F{number}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ZIP, XLSX = valid_zip(), valid_xlsx()


def mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """The file with a few bytes changed or cut off: damaged members, bad headers."""

    def apply(changes: list[tuple[int, int]], cut: int | None) -> bytes:
        data = bytearray(original)
        for position, value in changes:
            data[position % len(data)] = value
        return bytes(data[:cut] if cut else data)

    return st.builds(
        apply,
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
        st.none() | st.integers(1, len(original)),
    )


def read_all(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            for table in open_tables(path, Limits(unpacked=10**6, rows=1000, columns=50)).values():
                for row in table.rows:
                    assert row.line >= 2
        except TableError as error:
            assert error.problems


@files
@given(mutated(ZIP))
def test_damaged_zip_is_a_problem_of_the_file(data: bytes) -> None:
    read_all(data, ".zip")


@files
@given(mutated(XLSX))
def test_damaged_xlsx_is_a_problem_of_the_file(data: bytes) -> None:
    read_all(data, ".xlsx")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
geojson = st.builds(
    lambda features: json.dumps({"type": "FeatureCollection", "features": features}).encode(),
    st.lists(
        json_values | st.builds(lambda p: {"type": "Feature", "properties": p}, json_values),
        max_size=4,
    ),
)


@pytest.mark.django_db
@fast
@given(
    st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode), geojson),
    st.sampled_from([".csv", ".geojson"]),
)
def test_area_file_parser_answers_rows_or_problems(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"gebiete{suffix}"
        path.write_bytes(data)
        try:
            areas, _problems = _parse(path)
        except TableError as error:
            assert error.problems
            return
        assert all(area.code for area in areas)
