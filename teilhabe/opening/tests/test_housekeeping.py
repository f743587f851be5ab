"""The deletion periods of intercultural opening, on the world of world.py: the school's
certificate is issued on 15.04.2025 and valid until 14.04.2028; the kita's process is
under way (not certified). Evidence goes 365 days after the certificate ran out, with
its file; an idle contact sign-in is closed only when its institution has nothing
under way and no valid certificate."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from teilhabe.opening import housekeeping
from teilhabe.opening.models_process import Certificate, Evidence, SelfCheck
from teilhabe.opening.tests.world import opening_world

pytestmark = pytest.mark.django_db(transaction=False)

VALID_UNTIL = datetime.date(2028, 4, 14)


@pytest.fixture
def world(django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    return opening_world()


def test_evidence_is_deleted_a_year_after_the_certificate_ran_out(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    assert Certificate.objects.get().valid_until == VALID_UNTIL
    school_item = Evidence.objects.get(pk=world["<opening_school_evidence>"])
    stored = Path(settings.DOCUMENT_ROOT).rglob(school_item.file_id)
    file = next(stored)
    # the last day kept: 365 days after the certificate's last day
    assert housekeeping.delete_old_evidence(VALID_UNTIL + datetime.timedelta(days=365)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        deleted = housekeeping.delete_old_evidence(VALID_UNTIL + datetime.timedelta(days=366))
    assert deleted == 1
    assert not Evidence.objects.filter(pk=school_item.pk).exists()
    assert not file.exists()
    # the kita's evidence (no certificate) stays; the certificate and self-checks stay
    assert Evidence.objects.filter(pk=world["<opening_evidence>"]).exists()
    assert Certificate.objects.count() == 1
    assert SelfCheck.objects.count() == 2


def test_an_idle_contact_sign_in_is_closed_when_nothing_is_under_way(
    world: dict[str, Any],
) -> None:
    kita, school = world["kita_contact"], world["school_contact"]
    long_ago = timezone.now() - datetime.timedelta(days=800)
    for user in (kita, school):
        user.last_login = long_ago
        user.date_joined = long_ago
        user.save()
    today = timezone.localdate()
    # the school's certificate is valid until 2028, the kita's process is under way
    assert housekeeping.close_idle_contacts(min(today, VALID_UNTIL)) == 0
    # after the certificate ran out the school's idle sign-in is closed; not the kita's
    assert housekeeping.close_idle_contacts(VALID_UNTIL + datetime.timedelta(days=1)) == 1
    kita.refresh_from_db()
    school.refresh_from_db()
    assert (kita.is_active, school.is_active) == (True, False)
    # a sign-in used within the period (here: three months before that day) stays open
    school.is_active = True
    school.last_login = datetime.datetime(2028, 1, 15, 9, 0, tzinfo=datetime.UTC)
    school.save()
    assert housekeeping.close_idle_contacts(VALID_UNTIL + datetime.timedelta(days=1)) == 0
