"""`__in` on integer columns with numbers beyond the column's range.

Django (since 5.0) answers `pk=<a number too large for the column>` with nothing found,
but `pk__in=[...]` still sends the number to the database: SQLite raises OverflowError,
PostgreSQL an out-of-range error, and the page a 500. Every ModelMultipleChoiceField
checks a form's ids with `pk__in`, so one posted id like 99999999999999999999 broke
every form with checkboxes of records (issue 9). This lookup leaves such numbers out:
they cannot name a row, so the result is the same, without the error.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):  # type: ignore[type-arg]
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
