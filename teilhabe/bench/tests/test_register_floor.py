"""The register benchmark's DuckDB floor counts what the import counts: the same rules
on the same generated file give the same residents per area, age group, sex and
category (otherwise the ratio would compare different work)."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import polars as pl

from teilhabe.bench.register import FLOOR_SQL, generate, leaves
from teilhabe.monitoring import classify, extract


def test_floor_and_import_count_the_same(tmp_path: Path) -> None:
    path = generate(4000, tmp_path / "extract.csv")
    stichtag = datetime.date(2024, 12, 31)
    frame = extract.read(path)
    extract.check(frame, path.name, stichtag, leaves())
    categories, _countries = classify.count(classify.classify_lazy(frame, stichtag))
    ours = sorted(
        categories.group_by("gebiet", "sex", "age_from", "category")
        .agg(pl.col("count").sum())
        .iter_rows()
    )
    with duckdb.connect() as con:
        floor = sorted(tuple(row) for row in con.execute(FLOOR_SQL, [str(path)]).fetchall())
    assert ours == floor
    assert {row[3] for row in ours} >= {"auslaender", "familiaer", "ohne_mh", "aussiedler"}
