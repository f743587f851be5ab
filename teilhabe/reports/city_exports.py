"""CSV and JSON of the city-wide statistics: the published tables only (suppressed
figures are empty, never the count behind them)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from teilhabe.reports.statistics import TOTAL, UNKNOWN, CityStatistics, PublishedTable

NOT_KNOWN = "unbekannt"


def _row_codes(table: PublishedTable) -> list[str]:
    codes = [NOT_KNOWN if code == UNKNOWN else code for code, _label in table.rows]
    return [*codes, TOTAL] if table.has_totals_row else codes


def _table(table: PublishedTable) -> dict[str, Any]:
    shares = table.shares()
    return {
        "titel": table.title,
        "einheit": table.unit,
        "zeilen": _row_codes(table),
        "zeilen_bezeichnung": [label for _code, label in table.rows],
        "spalten": [*table.columns, TOTAL],
        "werte": table.values,
        # each published cell as a share of its published column total, in percent
        "anteile_an_spalte": shares if table.has_totals_row else None,
    }


def as_json(statistics: CityStatistics) -> str:
    document = {
        "jahr": statistics.year,
        "schwelle": statistics.threshold,
        "hinweis": "null = gesperrt (Fallzahl unter der Schwelle oder zu ihrem Schutz)",
        "dienste": statistics.services,
        "tabellen": {
            table.key: _table(table) for table in [statistics.overview, *statistics.tables]
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _number(value: float | None) -> str:
    return "" if value is None else str(value).replace(".", ",")


def as_csv(statistics: CityStatistics) -> str:
    """One line per published cell: semicolons, decimal comma, UTF-8 with BOM (Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["jahr", "tabelle", "zeile", "spalte", "anzahl", "anteil_an_spalte", "gesperrt"]
    )
    for table in [statistics.overview, *statistics.tables]:
        shares = table.shares()
        for i, code in enumerate(_row_codes(table)):
            for j, column in enumerate([*table.columns, TOTAL]):
                value = table.values[i][j]
                writer.writerow(
                    [
                        statistics.year,
                        table.key,
                        code,
                        column,
                        "" if value is None else value,
                        _number(shares[i][j]),
                        "ja" if value is None else "",
                    ]
                )
    return "\ufeff" + buffer.getvalue()
