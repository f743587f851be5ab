"""Two team leads close the same year at the same moment: one closed year, not two.

Each closing runs in its own thread with its own database connection. Both are held
after their check "is the year closed already?" until both have made it (PostgreSQL),
so both go on to insert: the unique constraint on open closed years lets one through
and `close_year` turns the other's IntegrityError into a refusal.

PostgreSQL only: on SQLite the race cannot happen (`close_year` is one IMMEDIATE
transaction, so the second closing waits for the first's write lock before its check),
and the test database is a shared in-memory one whose table locks fail at once instead
of waiting, unlike the database file of an installation.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user
from teilhabe.organisations.catalogue import install_service_catalogue
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.tests.city_world import YEAR, build


# A marker, not pytest.skip() in the body: a transaction=True test that skips inside
# leaves its serialized rollback undone, and a later demo load fails on SQLite.
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="SQLite serialises closings by its write lock (see the module)",
)
@pytest.mark.django_db(transaction=True)
def test_two_closings_at_the_same_moment_store_one_closed_year(monkeypatch: Any) -> None:
    # an earlier test with transaction=True may have emptied the tables, the catalogue too
    install_service_catalogue()
    organisation = build()["organisations"]["diakonie"]
    leads = [make_user(f"leitung{n}", organisation, Role.TEAM_LEAD) for n in (1, 2)]
    scope = Scope((organisation.pk,), ("JMD", "MBE"))
    # generous: on a busy machine (the other test process drives Chromium) a thread may
    # take seconds to reach its check
    both_checked = threading.Barrier(2, timeout=60)
    compute = freeze.annual_figures

    def after_the_check(*args: Any, **kwargs: Any) -> Any:
        both_checked.wait()  # both closings have found the year open
        return compute(*args, **kwargs)

    monkeypatch.setattr(freeze, "annual_figures", after_the_check)
    outcomes: list[str] = []

    def close(lead: Any) -> None:
        try:
            freeze.close_year(scope, YEAR, lead)
            outcomes.append("closed")
        except freeze.ClosingRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(lead,)) for lead in leads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["closed", "refused"]
    assert FrozenReport.objects.filter(year=YEAR, reopened_at__isnull=True).count() == 1
