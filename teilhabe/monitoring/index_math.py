"""The arithmetic of the status and dynamics index, as pure functions (issue 13, item 7).

- z-score of an indicator over the areas in the index: (value − mean) / standard
  deviation, the population standard deviation (divided by n, not n − 1: the areas are
  all the areas of the level, not a sample). An indicator with the same value in every
  area distinguishes nothing: its z-scores are 0.
- index of an area: the weighted mean of direction × z over the chosen indicators,
  Σ (weight × direction × z) / Σ weight; direction +1 where a higher value means more
  need, −1 where it means less. A high index therefore means more need.
- classes: ascending limits cut the line into len(limits) + 1 classes; a value equal to
  a limit belongs to the class nearer the mean (0): with limits −1 and 1 the classes
  are z < −1, −1 ≤ z ≤ 1 and z > 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Standardised:
    mean: float
    sd: float
    z: dict[str, float]


def standardise(values: Mapping[str, float]) -> Standardised:
    """Mean, population standard deviation and z-score of each area's value."""
    if not values:
        return Standardised(0.0, 0.0, {})
    n = len(values)
    mean = math.fsum(values.values()) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values.values()) / n)
    z = {area: (v - mean) / sd if sd else 0.0 for area, v in values.items()}
    return Standardised(mean, sd, z)


def combine(
    zs: Sequence[Mapping[str, float]], directions: Sequence[int], weights: Sequence[float]
) -> dict[str, float]:
    """The weighted mean of direction × z for every area that has all z-scores."""
    if not zs:
        return {}
    total = math.fsum(weights)
    areas = set(zs[0]).intersection(*zs[1:])
    return {
        area: math.fsum(w * d * z[area] for z, d, w in zip(zs, directions, weights, strict=True))
        / total
        for area in areas
    }


def class_of(value: float, limits: Sequence[float]) -> int:
    """0 .. len(limits); a value on a limit goes to the class nearer 0."""
    index = 0
    for limit in limits:
        if value > limit or (value == limit and limit < 0):
            index += 1
    return index
