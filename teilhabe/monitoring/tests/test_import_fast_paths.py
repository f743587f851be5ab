"""The register import's shortcuts (docs/performance.md, "Register import") give exactly
what the plain way gives: few-valued columns held as categoricals and checked by their
distinct values, trimmed and recased only where needed; parents matched by hash."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from teilhabe.core.tabular import TableError
from teilhabe.monitoring import classify, extract
from teilhabe.monitoring.tests.helpers import STICHTAG, write

AREAS = {"P1a", "P1b"}
CLEAN = [
    "a1;1980;;m;P1a;TR;;TR;TR;;;;",
    "a2;1982;;w;P1a;DE;;KZ;KZ;;1;;",
    "k1;2015;4;w;P1a;DE;;;;;;;a1|a2",
    "a3;1970;;d;P1b;DE;PL;;;;;;",
    "k2;2012;;x;P1b;DE;;;;;;;a3",
    "a4;1960;;m;P1b;XX;;SY;;;;;",
]
# The same residents with spaces around values and other letter cases.
UNTIDY = [
    "a1 ; 1980;;M;P1a ; tr;;Tr; TR;;;;",
    "a2;1982;;W; P1a;de;;kz;kz;;1 ;;",
    " k1;2015; 4;w;P1a;De;;;;;;; a1 | a2 ",
    "a3;1970;;D;P1b;DE;pl ;;;;;;",
    "k2;2012;;X;P1b; DE;;;;;;;a3",
    "a4;1960;;m;P1b;xx;;sy;;;;;",
]


def counted(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    frame = extract.read(path)
    links = extract.check(frame, path.name, STICHTAG, AREAS)
    categories, countries = classify.count(classify.classify_lazy(frame, STICHTAG, links=links))
    return sorted(categories.rows()), sorted(countries.rows())


def test_spaces_and_letter_case_count_as_the_clean_extract(tmp_path: Path) -> None:
    clean = counted(write(tmp_path / "clean.csv", CLEAN))
    assert counted(write(tmp_path / "untidy.csv", UNTIDY)) == clean
    # the counts are keyed by strings (the categoricals end in the classification)
    categories, countries = clean
    assert ("P1a", 7, "w", "familiaer", "nachkomme", 1) in categories
    assert ("P1a", 7, "w", "TR", 1) in countries


def test_few_valued_columns_are_categoricals_and_ids_strings(tmp_path: Path) -> None:
    frame = extract.read(write(tmp_path / "e.csv", UNTIDY))
    assert frame.schema["gebiet"] == pl.Categorical
    assert frame.schema["sta1"] == pl.Categorical
    assert frame.schema["id"] == pl.String
    assert frame.get_column("gebiet").cast(pl.String).to_list()[:2] == ["P1a", "P1a"]


def test_a_bad_value_is_named_as_written_after_trimming(tmp_path: Path) -> None:
    path = write(tmp_path / "e.csv", [*CLEAN, "b1;1980;;m;P1b; zz ;;;;;;;"])
    with pytest.raises(TableError) as caught:
        extract.check(extract.read(path), path.name, STICHTAG, AREAS)
    (problem,) = caught.value.problems
    assert str(problem).startswith("e.csv:8:sta1: ")
    assert str(problem).endswith(" ('zz')")


def test_a_parent_whose_hash_names_another_row_is_not_in_the_extract(tmp_path: Path) -> None:
    """Two ids with one hash cannot be written down; given hashes that say the parent
    `ghost` is row 0 (`a1`), the strings are compared and `ghost` is not found."""
    frame = extract.read(write(tmp_path / "e.csv", ["a1;1980;;m;P1a;DE;;;;;;;", *CLEAN[3:5]]))
    frame = frame.with_columns(pl.col("eltern").replace("a3", "ghost"))
    ids = frame.get_column("id")
    hashes = ids.hash().scatter(0, pl.Series(["ghost"]).hash()[0])
    by_hash = extract.parent_links(frame, hashes)
    assert by_hash.get_column("parent_row").to_list() == [None]
    assert by_hash.equals(extract.parent_links(frame))


def test_links_by_hash_and_by_string_agree(tmp_path: Path) -> None:
    frame = extract.read(write(tmp_path / "e.csv", [*CLEAN, "k3;2016;;m;P1a;DE;;;;;;;a4|x|a1"]))
    by_hash = extract.parent_links(frame, frame.get_column("id").hash())
    assert by_hash.equals(extract.parent_links(frame))
    assert by_hash.get_column("parent_row").to_list() == [0, 1, 3, 5, None, 0]
    assert by_hash.get_column("_line").to_list() == [4, 4, 6, 8, 8, 8]
