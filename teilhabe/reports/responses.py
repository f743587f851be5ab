"""The download of a report file, the same for every report: recorded in the audit log
as a read of the organisation, served as an attachment."""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from teilhabe.core.audit_trail import log_read

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def report_download(
    request: HttpRequest, organisation: Model, content: bytes, fmt: str, stem: str, what: str
) -> HttpResponse:
    """`content` in format `fmt` as the file `stem.fmt`; `what` goes into the audit log."""
    log_read(request, organisation, what)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
