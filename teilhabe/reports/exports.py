"""Exports of the annual figures: JSON (the keys of annual-report.md) and CSV; PDF and
XLSX in export_pdf.py and export_xlsx.py."""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def as_json(figures: dict[str, Any]) -> str:
    return json.dumps(figures, ensure_ascii=False, indent=2)


def rows(figures: dict[str, Any], year_label: str = "") -> list[list[Any]]:
    """Flat rows `key; value; share or count` for one year (nested keys as `key.value`)."""
    out: list[list[Any]] = []
    for key, value in figures.items():
        if key == "vorjahr":
            continue
        if isinstance(value, dict):
            for sub, number in value.items():
                out.append([year_label, key, sub, number])
        else:
            out.append([year_label, key, "", value])
    return out


def as_csv(figures: dict[str, Any]) -> str:
    """Semicolon-separated with a decimal comma, as German Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["jahr", "kennzahl", "auspraegung", "wert"])
    years = [figures, *([figures["vorjahr"]] if "vorjahr" in figures else [])]
    for year in years:
        for row in rows(year, str(year["jahr"])):
            row[3] = str(row[3]).replace(".", ",") if isinstance(row[3], float) else row[3]
            writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def export(report: Any, fmt: str) -> bytes:
    """An AnnualReport (presentation.py) as a PDF, XLSX, CSV or JSON file."""
    if fmt == "pdf":
        from teilhabe.reports.export_pdf import as_pdf

        return as_pdf(report)
    if fmt == "xlsx":
        from teilhabe.reports.export_xlsx import as_xlsx

        return as_xlsx(report)
    text = as_csv(report.figures) if fmt == "csv" else as_json(report.figures)
    return text.encode("utf-8")
