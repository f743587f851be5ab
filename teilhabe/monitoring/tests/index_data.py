"""Six areas for the index tests, figures chosen to be computed by hand.

Level 1 under the city S; residents 1,000 each except E (200, left out):

| area | foreigners 2024 | 2023 | supplied "quote" 2024 | 2023 |
|------|-----------------|------|-----------------------|------|
| A    | 100 (10 %)      | 10 % | 40/100 (40 %)         | 40 % |
| B    | 200 (20 %)      | 10 % | 10/100 (10 %)         | 20 % |
| C    | 200 (20 %)      | 20 % | 30/100 (30 %)         | 30 % |
| D    | 300 (30 %)      | 20 % | 20/100 (20 %)         | 30 % |
| E    | 50 of 200       | –    | 5/10                  | –    |
| F    | 100 (10 %)      | 10 % | no value              | –    |
"""

from __future__ import annotations

import datetime

from teilhabe.monitoring.models import (
    CategoryCount,
    ReferenceDate,
    SuppliedIndicator,
    SuppliedValue,
)
from teilhabe.organisations.area_import import update_levels
from teilhabe.organisations.models import Area

NOW = datetime.date(2024, 12, 31)
THEN = datetime.date(2023, 12, 31)
RESIDENTS = {"A": 1000, "B": 1000, "C": 1000, "D": 1000, "E": 200, "F": 1000}
FOREIGNERS = {
    NOW: {"A": 100, "B": 200, "C": 200, "D": 300, "E": 50, "F": 100},
    THEN: {"A": 100, "B": 100, "C": 200, "D": 200, "E": 50, "F": 100},
}
QUOTE = {
    NOW: {"A": (40, 100), "B": (10, 100), "C": (30, 100), "D": (20, 100), "E": (5, 10)},
    THEN: {"A": (40, 100), "B": (20, 100), "C": (30, 100), "D": (30, 100)},
}


def square(x: float) -> dict[str, object]:
    ring = [[x, 52], [x + 1, 52], [x + 1, 53], [x, 53], [x, 52]]
    return {"type": "Polygon", "coordinates": [ring]}


def index_world() -> dict[str, Area]:
    city = Area.objects.create(code="S", name="Teststadt")
    areas = {"S": city}
    for i, code in enumerate(RESIDENTS):
        areas[code] = Area.objects.create(
            code=code, name=f"Gebiet {code}", parent=city, geometry=square(10 + i)
        )
    update_levels()
    quote = SuppliedIndicator.objects.create(code="quote", title="Quote", factor=100)
    for day in (NOW, THEN):
        stored = ReferenceDate.objects.create(stichtag=day, residents=sum(RESIDENTS.values()))
        for code, residents in RESIDENTS.items():
            foreign = FOREIGNERS[day][code]
            for area in (areas[code], city):
                for category, n in (("auslaender", foreign), ("ohne_mh", residents - foreign)):
                    row, _new = CategoryCount.objects.get_or_create(
                        reference_date=stored,
                        area=area,
                        age_from=25,
                        sex="w",
                        category=category,
                        defaults={"count": 0},
                    )
                    row.count += n
                    row.save()
        for code, (num, den) in QUOTE[day].items():
            SuppliedValue.objects.create(
                indicator=quote, area=areas[code], stichtag=day, numerator=num, denominator=den
            )
    return areas
