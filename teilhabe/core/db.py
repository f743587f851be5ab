"""Database upkeep that both engines need."""

from __future__ import annotations

from django.db import connection


def refresh_statistics() -> None:
    """Lets the query planner see the tables as they are now.

    After a bulk import the planner otherwise knows nothing of the new rows: SQLite then
    picks the first index on the organisation instead of the one on the client, and a
    client page takes 300 ms instead of 30. The SQLite analysis is bounded
    (analysis_limit), so this takes well under a second on a big city's data.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql" and connection.in_atomic_block:
            cursor.execute("ANALYZE")  # VACUUM cannot run in a transaction (the tests')
        elif connection.vendor == "postgresql":
            # VACUUM as well: after a bulk import autovacuum would otherwise work through
            # the new rows for minutes, competing with the first users for two cores.
            cursor.execute("VACUUM (ANALYZE)")
