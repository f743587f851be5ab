"""The public list of grants (`transparency.py`): page, CSV and JSON, without an account.
CSV and JSON follow 360Giving (comma, decimal point, ISO dates), so the standard's tools
read them; the page writes amounts and dates the German way."""

from __future__ import annotations

import csv
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core import params
from teilhabe.core.access import public
from teilhabe.core.spreadsheet_safety import spreadsheet_row
from teilhabe.proofs import transparency


def _year(request: HttpRequest) -> int | None:
    return params.year(request.GET, default=None)


@public
def grant_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    context = {"grants": transparency.rows(year), "year": year}
    return render(request, "proofs/transparency.html", context)


@public
def grant_list_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zuschuesse-360giving.csv"'
    writer = csv.writer(response)
    writer.writerow(transparency.FIELDS)
    for grant in transparency.rows(_year(request)):
        row = grant.as_360()
        writer.writerow(spreadsheet_row([row[field] for field in transparency.FIELDS]))
    return response


@public
def grant_list_json(request: HttpRequest) -> HttpResponse:
    grants = [grant.as_360() for grant in transparency.rows(_year(request))]
    body = json.dumps({"grants": grants}, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
