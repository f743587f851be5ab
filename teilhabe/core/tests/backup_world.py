"""Helpers for the backup and restore test, run inside `teilhabe shell` subprocesses
(test_backup_restore.py): they use the installation's own database.

`populate` adds what the demo city lacks to a backup worth testing: a closed year and a
reopened one (through the closing form), and reads in the audit log (through the pages
and downloads). `fingerprint` writes everything a restore must reproduce: the annual
report JSON of every organisation, service and year, the organisation reports, the city
statistics, the whole audit log and the number of rows of every table.
`write_after_restore` then writes new rows into every kind of table a counsellor writes to.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.casework import services
from teilhabe.casework.models import Case
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.organisations.models import Organisation
from teilhabe.programmes.models import Programme
from teilhabe.reports import city_exports, export_organisation, freeze
from teilhabe.reports.exports import export
from teilhabe.reports.organisation import organisation_report
from teilhabe.reports.presentation import annual_report
from teilhabe.reports.statistics import city_statistics

# Rebuilt by `migrate` or left out of a backup on purpose (see backup.EXCLUDED).
NOT_RESTORED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "django_q.ormq"}


def _client(username: str) -> Client:
    # Run with TEILHABE_REQUIRE_2FA=0 and TEILHABE_HTTPS=0 (the demo city's settings).
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.7")
    client.force_login(User.objects.get(username=username))
    return client


def _ok(response: Any) -> None:
    if response.status_code not in (200, 302):
        raise AssertionError(f"{response.status_code} for {response.request['PATH_INFO']}")


def populate() -> None:
    year = timezone.localdate().year - 1
    lead = _client("teamleitung")
    closing = reverse("statistics:close")
    for services_ in (["MBE", "IKB"], ["JMD"]):
        data = {"organisation": "diakonie", "dienst": services_, "art": "", "jahr": year}
        _ok(lead.post(closing, data))
    jmd = freeze.FrozenReport.objects.get(services="JMD", year=year)
    _ok(lead.post(reverse("statistics:reopen"), {"bericht": jmd.pk, "grund": "Korrektur"}))
    if freeze.FrozenReport.objects.filter(reopened_at__isnull=True).count() != 1:
        raise AssertionError("the closing form did not close and reopen as expected")
    # Reads: a case page, a client page and report downloads land in the audit log.
    counsellor = _client("berater")
    case = Case.objects.filter(responsible__username="berater").order_by("pk").first()
    assert case is not None
    _ok(counsellor.get(reverse("casework:case_detail", args=[case.pk])))
    _ok(counsellor.get(reverse("casework:client_detail", args=[case.client_id])))
    query: dict[str, Any] = {
        "organisation": "diakonie",
        "dienst": ["MBE", "IKB"],
        "jahr": year,
        "art": "alle",
    }
    _ok(lead.get(reverse("reports:annual_export", args=["json"]), query))
    _ok(lead.get(reverse("reports:annual_export", args=["pdf"]), query))
    if not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists():
        raise AssertionError("no read was recorded")


def _audit_entry(entry: LogEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "content_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
        "object_pk": entry.object_pk,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "serialized_data": entry.serialized_data,
        "action": entry.action,
        "changes_text": entry.changes_text,
        "changes": entry.changes,
        "actor": entry.actor.username if entry.actor else None,
        "actor_email": entry.actor_email,
        "cid": entry.cid,
        "remote_addr": entry.remote_addr,
        "remote_port": entry.remote_port,
        "timestamp": entry.timestamp.isoformat(),
        "additional_data": entry.additional_data,
    }


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label not in NOT_RESTORED:
            counts[label] = model._default_manager.count()
    return counts


def fingerprint() -> dict[str, Any]:
    today = timezone.localdate()
    years = [today.year - 2, today.year - 1, today.year]
    annual: dict[str, Any] = {}
    organisation: dict[str, Any] = {}
    for org in Organisation.objects.order_by("slug"):
        chosen = list(org.services.filter(code__in=CASE_SERVICES).order_by("code"))
        programmes = Programme.objects.filter(organisation=org)
        for year in years:
            for service in chosen:
                report = annual_report([org], [service], year)
                annual[f"{org.slug}/{service.code}/{year}"] = json.loads(export(report, "json"))
            if len(chosen) > 1:
                report = annual_report([org], chosen, year)
                annual[f"{org.slug}/all/{year}"] = json.loads(export(report, "json"))
            joined = organisation_report(org, chosen, year, programmes)
            organisation[f"{org.slug}/{year}"] = json.loads(export_organisation.as_json(joined))
    city = {str(year): json.loads(city_exports.as_json(city_statistics(year))) for year in years}
    entries = LogEntry.objects.select_related("content_type", "actor").order_by("pk")
    return {
        "annual": annual,
        "organisation": organisation,
        "city": city,
        "audit": [_audit_entry(entry) for entry in entries],
        "rows": _row_counts(),
    }


def write_fingerprint(path: str) -> None:
    Path(path).write_text(json.dumps(fingerprint(), ensure_ascii=False, indent=1, default=str))


def _created(instance: Model) -> dict[str, Any]:
    return {"model": instance._meta.label_lower, "pk": instance.pk}


def write_after_restore(path: str) -> None:
    """New rows after a restore: a client with a case, a session with persons present
    (a many-to-many table), a shared case, a membership's services, an audit entry."""
    counsellor = User.objects.get(username="berater")
    model = Case.objects.filter(responsible=counsellor).order_by("pk").first()
    assert model is not None
    case = services.create_client(
        organisation_id=model.organisation_id,
        data={"first_name": "Neu", "last_name": "Nach-Wiederherstellung"},
        first_case={
            "service_id": model.service_id,
            "kind": model.kind,
            "opened_on": timezone.localdate(),
            "access_route": model.access_route,
        },
        user=counsellor,
    )
    session = services.record_session(
        case,
        author=counsellor,
        present=[case.client],
        date=timezone.localdate(),
        duration_minutes=30,
    )
    colleague = User.objects.get(username="teamleitung")
    services.set_case_team(case, responsible=counsellor, shared_with=[colleague], co_counselled=[])
    membership = colleague.memberships.first()
    assert membership is not None
    membership.services.add(*case.organisation.services.all())
    created = [_created(case.client), _created(case), _created(session)]
    newest = LogEntry.objects.order_by("-pk").first()
    assert newest is not None
    report = {
        "created": created,
        "newest_audit": {"pk": newest.pk, "object_repr": newest.object_repr},
        "today": datetime.date.today().isoformat(),
    }
    Path(path).write_text(json.dumps(report))
