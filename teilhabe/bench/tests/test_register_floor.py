"""The register benchmark's DuckDB floor counts what the import counts: the same rules
on the same generated file give the same residents per area, age group, sex, category
and immigration history, and per reference country (otherwise the ratio would compare
different work)."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb

from teilhabe.bench.register import floor_counts, generate, leaves
from teilhabe.monitoring import classify, extract


def test_floor_and_import_count_the_same(tmp_path: Path) -> None:
    path = generate(4000, tmp_path / "extract.csv")
    stichtag = datetime.date(2024, 12, 31)
    frame = extract.read(path)
    extract.check(frame, path.name, stichtag, leaves())
    categories, countries = classify.count(classify.classify_lazy(frame, stichtag))
    ours = sorted(
        (*row, count)
        for row, count in zip(
            categories.select("gebiet", "sex", "age_from", "category", "history").rows(),
            categories.get_column("count"),
            strict=True,
        )
    )
    by_country = sorted(countries.select("gebiet", "sex", "age_from", "country", "count").rows())
    with duckdb.connect() as con:
        floor_categories, floor_countries = floor_counts(con, str(path))
    assert ours == sorted(tuple(row) for row in floor_categories)
    assert by_country == sorted(tuple(row) for row in floor_countries)
    assert {row[3] for row in ours} >= {"auslaender", "familiaer", "ohne_mh", "aussiedler"}
    assert {row[4] for row in ours} == {"eingewandert", "nachkomme", "ohne"}
    assert len(by_country) > 100
