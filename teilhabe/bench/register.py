"""The register-import benchmark (docs/performance.md, "Register import").

    python -m teilhabe.bench.register [--rows 1000000]

Generates a register extract (deterministic, vectorised with Polars) over a city of
12 districts × 8 planning areas, imports it end to end with the real `teilhabe import
register` in a subprocess (wall time and that process's peak memory; with
`--skip-checks`: Django's system checks, about a second, are the same for every
command and are not the import), and times a floor in the same run, also in its own
process: DuckDB reading the same file, classifying by the same rules and counting per
area, age group, sex and category. Writes var/bench/register-<rows>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
DISTRICTS = 12
PLANNING_AREAS = 8
TARGET_SECONDS_PER_MILLION = 10.0
TARGET_RATIO = 2.0
TARGET_MIB = 2048
COUNTRIES = ["TR", "SY", "PL", "RU", "UA", "RO", "IT", "KZ", "IQ", "AF", "GR", "XX"]


def leaves() -> list[str]:
    return [f"B{d:02d}-{p}" for d in range(1, DISTRICTS + 1) for p in range(1, PLANNING_AREAS + 1)]


def areas_csv(path: Path) -> Path:
    lines = ["code;name;uebergeordnet", "BS;Benchstadt;"]
    lines += [f"B{d:02d};Bezirk {d};BS" for d in range(1, DISTRICTS + 1)]
    lines += [f"{code};Planungsraum {code};{code[:3]}" for code in leaves()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def generate(rows: int, path: Path) -> Path:
    """Households of four: two adults, then two children whose `eltern` name them."""
    if path.exists():
        return path
    i = pl.int_range(0, rows, dtype=pl.Int64)
    h = i.hash(7)
    role = i % 4  # 0, 1: adults; 2, 3: children of the two rows before
    areas = pl.Series(leaves())
    countries = pl.Series(COUNTRIES)

    def pick(series: pl.Series, salt: int) -> pl.Expr:
        return pl.lit(series).gather((i // 4).hash(salt) % len(series))

    foreign = (i // 4).hash(3) % 100 < 25
    frame = pl.select(
        ("p" + i.cast(pl.String)).alias("id"),
        pl.when(role < 2)
        .then(1930 + h % 75)
        .otherwise(2007 + h % 18)
        .cast(pl.String)
        .alias("geburtsjahr"),
        (1 + (h // 7) % 12).cast(pl.String).alias("geburtsmonat"),
        pl.when(h % 100 < 49)
        .then(pl.lit("w"))
        .when(h % 100 < 98)
        .then(pl.lit("m"))
        .when(h % 100 < 99)
        .then(pl.lit("d"))
        .otherwise(pl.lit("x"))
        .alias("geschlecht"),
        pick(areas, 11).alias("gebiet"),
        pl.when(foreign).then(pick(countries, 5)).otherwise(pl.lit("DE")).alias("sta1"),
        pl.when(~foreign & (h % 100 >= 10) & (h % 100 < 16))
        .then(pick(countries, 9))
        .otherwise(pl.lit(""))
        .str.replace("XX", "")
        .alias("sta2"),
        pl.when((role < 2) & (foreign | (h % 100 < 15)))
        .then(pick(countries, 5))
        .otherwise(pl.lit(""))
        .str.replace("XX", "")
        .alias("geburtsland"),
        pl.when((role < 2) & (h % 100 < 30))
        .then(pick(countries, 13))
        .otherwise(pl.lit(""))
        .str.replace("XX", "")
        .alias("zuzug_land"),
        pl.when(~foreign & (h % 100 < 10))
        .then(pl.lit("1"))
        .otherwise(pl.lit(""))
        .alias("einbuergerung"),
        pl.when(~foreign & (h % 1000 < 20))
        .then(pl.lit("1"))
        .otherwise(pl.lit(""))
        .alias("aussiedler"),
        pl.lit("").alias("option"),
        pl.when((role >= 2) & (i - role >= 0))
        .then("p" + (i - role).cast(pl.String) + "|p" + (i - role + 1).cast(pl.String))
        .otherwise(pl.lit(""))
        .alias("eltern"),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path, separator=";")
    return path


# The floor computes what the import stores: per area, sex and age group the residents
# by category (rules 1–7, the parents' join included) and immigration history, and the
# residents with a migration background by reference country (their own, or for rule 7
# the first parent's in `eltern`). Both counts read one classified table, as the
# import's two counts share one classification.
FLOOR_CLASSIFY = """
CREATE TEMP TABLE classified AS
WITH x AS (SELECT * FROM read_csv(?, delim=';', header=true, all_varchar=true)),
own AS (
  SELECT id, gebiet, geschlecht, eltern,
    2024 - CAST(geburtsjahr AS INTEGER)
      - CASE WHEN CAST(COALESCE(NULLIF(geburtsmonat, ''), '6') AS INTEGER) > 12 THEN 1 ELSE 0 END
      AS age,
    CASE
      WHEN COALESCE(sta1, '') <> 'DE' AND COALESCE(sta2, '') <> 'DE' THEN 'auslaender'
      WHEN einbuergerung = '1' THEN 'eingebuergert'
      WHEN aussiedler = '1' OR (COALESCE(geburtsland, '') NOT IN ('', 'DE')
        AND zuzug_land IN ('RU','KZ','UA','BY','KG','UZ','TJ','TM','AZ','AM','GE','MD',
                           'EE','LV','LT','PL','RO')) THEN 'aussiedler'
      WHEN option = '1' THEN 'optionsdeutsch'
      WHEN (sta1 = 'DE' AND COALESCE(sta2, '') NOT IN ('', 'DE', 'XX'))
        OR (sta2 = 'DE' AND sta1 NOT IN ('DE', 'XX')) THEN 'deutsch_zweite_sta'
      WHEN COALESCE(geburtsland, '') NOT IN ('', 'DE') THEN 'deutsch_geboren_ausland'
    END AS own,
    COALESCE(geburtsland, '') NOT IN ('', 'DE') AS abroad,
    COALESCE(
      CASE WHEN COALESCE(sta1, '') NOT IN ('', 'DE', 'XX') THEN sta1 END,
      CASE WHEN COALESCE(sta2, '') NOT IN ('', 'DE', 'XX') THEN sta2 END,
      CASE WHEN COALESCE(geburtsland, '') NOT IN ('', 'DE', 'XX') THEN geburtsland END,
      CASE WHEN COALESCE(zuzug_land, '') NOT IN ('', 'DE', 'XX') THEN zuzug_land END
    ) AS own_country
  FROM x
),
links AS (
  SELECT id, unnest(string_split(eltern, '|')) AS parent,
    generate_subscripts(string_split(eltern, '|'), 1) AS position
  FROM own WHERE COALESCE(eltern, '') <> ''
),
parents AS (
  SELECT l.id,
    bool_or(p.own IS NOT NULL) AS mh,
    arg_min(p.own_country, l.position)
      FILTER (WHERE p.own IS NOT NULL AND p.own_country IS NOT NULL) AS parent_country,
    count(*) >= 2 AS two_parents,
    bool_and(p.abroad) AS parents_abroad
  FROM links l JOIN own p ON p.id = l.parent
  GROUP BY l.id
)
SELECT gebiet, geschlecht,
  CASE WHEN age < 7 THEN 0 WHEN age < 18 THEN 7 WHEN age < 25 THEN 18 WHEN age < 45 THEN 25
       WHEN age < 65 THEN 45 WHEN age < 80 THEN 65 ELSE 80 END AS age_from,
  CASE WHEN own IS NOT NULL THEN own WHEN age < 18 AND mh THEN 'familiaer' ELSE 'ohne_mh' END
    AS category,
  CASE WHEN own IS NOT NULL THEN own_country WHEN age < 18 AND mh THEN parent_country END
    AS country,
  CASE WHEN abroad THEN 'eingewandert'
       WHEN COALESCE(two_parents, false) AND COALESCE(parents_abroad, false) THEN 'nachkomme'
       ELSE 'ohne' END AS history
FROM own LEFT JOIN parents USING (id)
"""
FLOOR_CATEGORIES = """
SELECT gebiet, geschlecht, age_from, category, history, count(*) FROM classified GROUP BY ALL
"""
FLOOR_COUNTRIES = """
SELECT gebiet, geschlecht, age_from, country, count(*) FROM classified
WHERE country IS NOT NULL GROUP BY ALL
"""


def floor_counts(con: Any, path: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(counts by area, sex, age group, category and history; counts by area, sex, age
    group and reference country)."""
    con.execute(FLOOR_CLASSIFY, [path])
    categories = con.execute(FLOOR_CATEGORIES).fetchall()
    countries = con.execute(FLOOR_COUNTRIES).fetchall()
    return categories, countries


def floor_seconds(path: Path) -> tuple[float, int]:
    """The floor as its own process too, so that both pay for starting Python."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "teilhabe.bench.register", "--floor", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, int(done.stdout.strip())


def floor(path: str) -> None:
    import duckdb

    with duckdb.connect() as con:
        categories, _countries = floor_counts(con, path)
    print(sum(row[-1] for row in categories))


def child() -> None:
    """The import as its own process, reporting its own peak memory on stdout."""
    from teilhabe.cli import main as teilhabe

    teilhabe(["teilhabe", *sys.argv[2:]])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mib": round(peak)}))


def measure(rows: int) -> dict[str, Any]:
    OUT.mkdir(parents=True, exist_ok=True)
    extract = generate(rows, OUT / f"register-{rows}.csv")
    database = OUT / "register.sqlite3"
    for leftover in OUT.glob("register.sqlite3*"):
        leftover.unlink()
    env = {**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{database}"}
    python = [sys.executable, "-m", "teilhabe.cli"]
    subprocess.run([*python, "migrate", "-v", "0"], check=True, env=env)
    areas = areas_csv(OUT / "register-areas.csv")
    subprocess.run([*python, "import", "areas", str(areas)], check=True, env=env)
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "teilhabe.bench.register",
            "--child",
            "import",
            "register",
            str(extract),
            "--stichtag",
            "31.12.2024",
            "--skip-checks",
        ],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak = json.loads(done.stdout.strip().splitlines()[-1])["peak_mib"]
    floor, counted = floor_seconds(extract)
    return {
        "rows": rows,
        "import_seconds": round(seconds, 2),
        "import_peak_mib": peak,
        "floor_seconds": round(floor, 2),
        "floor_rows": counted,
        "ratio": round(seconds / floor, 2) if floor else None,
    }


def summary(result: dict[str, Any]) -> str:
    target = TARGET_SECONDS_PER_MILLION * result["rows"] / 1_000_000
    return "\n".join(
        [
            f"### Register import ({result['rows']:,} rows)",
            "",
            "| | measured | target |",
            "|---|---|---|",
            f"| import, wall time | {result['import_seconds']} s | < {target:g} s |",
            f"| DuckDB floor | {result['floor_seconds']} s | |",
            f"| import ÷ floor | {result['ratio']} | ≤ {TARGET_RATIO:g} |",
            f"| import, peak memory | {result['import_peak_mib']} MiB | < {TARGET_MIB} MiB |",
        ]
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--floor":
        floor(sys.argv[2])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    result = measure(args.rows)
    (OUT / f"register-{args.rows}.json").write_text(json.dumps(result, indent=2))
    print(summary(result))


if __name__ == "__main__":
    main()
