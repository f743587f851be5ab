"""The dashboard, the health check and the error pages."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from teilhabe.core.access import public, signed_in
from teilhabe.core.dashboard import panels_for
from teilhabe.core.models import WorkerHeartbeat
from teilhabe.core.params import InvalidParameter


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": panels_for(request.user)})


@public
def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: is the database reachable, when did the job worker last report."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "unavailable"
    beat = WorkerHeartbeat.objects.order_by("-seen_at").first() if database == "ok" else None
    worker: dict[str, Any] = {"last_seen": None, "seconds_ago": None}
    if beat:
        worker = {
            "last_seen": beat.seen_at.isoformat(),
            "seconds_ago": int((timezone.now() - beat.seen_at).total_seconds()),
        }
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database, "worker": worker},
        status=status,
    )


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Only our own message names what was wrong; other refusals (e.g. a forged host)
    # say nothing about why.
    detail = str(exception) if isinstance(exception, InvalidParameter) else ""
    return render(request, "400.html", {"detail": detail}, status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
