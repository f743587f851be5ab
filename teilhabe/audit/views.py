"""The audit log for the data-protection officer: filter, page, export as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.audit.display import details, model_name
from teilhabe.audit.forms import AuditFilterForm
from teilhabe.audit.labels import action_label
from teilhabe.audit.selectors import filter_entries
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.spreadsheet_safety import spreadsheet_row


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filter_entries(**{k: v for k, v in filters.items() if v not in (None, "")})


@requires("audit.view_log")
def log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(params.page(request.GET))
    query = request.GET.copy()
    query.pop("seite", None)
    names: dict[Any, str] = {}
    rows = [
        {"entry": entry, "kind": model_name(entry.content_type), "details": details(entry, names)}
        for entry in page
    ]
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "audit/log.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@requires("audit.view_log")
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, entries = _filtered(request)
    writer = csv.writer(_Echo(), delimiter=";")
    header = [_("Time"), _("User"), _("Action"), _("Kind of record"), _("Record"), _("Details")]

    names: dict[Any, str] = {}  # the related records' names, read once per export

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens UTF-8 with umlauts
        for entry in entries.iterator(chunk_size=2000):
            # names and details are typed by users: never let a spreadsheet run them
            yield writer.writerow(
                spreadsheet_row(
                    [
                        timezone.localtime(entry.timestamp).strftime("%d.%m.%Y %H:%M:%S"),
                        entry.actor.username if entry.actor else "",
                        action_label(entry),
                        model_name(entry.content_type),
                        entry.object_repr,
                        "; ".join(details(entry, names)),
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="protokoll-{stamp}.csv"'
    return response
