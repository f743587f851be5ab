"""Disclosure control: primary and secondary suppression, the one place both the city
statistics (reports/statistics.py) and the district monitoring (monitoring/) call.

**Tables** (`suppress`, `suppress_linked`): the grid algorithm below. **Systems of
sums** (`protect`, further down): any published figures tied by equations "total =
sum of parts", checked exactly over the rationals.

The grid algorithm:

A table is a grid of counts (rows × columns). Published with it are its row totals,
its column totals and the grand total, so the grid `extend()` returns has one more
row and one more column. Every position of that extended grid — inner cell or total —
can be suppressed.

- **Primary suppression**: every count from 1 to `threshold - 1` (0 is published: an
  empty cell says nothing about a person).
- **Secondary suppression**: enough further cells that no suppressed cell can be
  recomputed from what is published. Each row and each column (totals included) is one
  equation "the cells add up to the total". Seen as a bipartite graph (rows and
  columns as vertices, suppressed cells as edges), a suppressed cell is uniquely
  determined by these equations exactly when its edge lies on no cycle (a bridge);
  on a cycle its value can be shifted by ±1 around the cycle without changing any
  published figure. So:
  1. every row and column holding one suppressed cell gets a second one: the smallest
     non-zero published cell of that line (if a row has only one other cell, that is
     its total, so the total is suppressed too);
  2. every suppressed cell that is still a bridge gets a cycle: the smallest non-zero
     published cell that connects the two sides of the bridge is suppressed;
  repeated until nothing changes. Zeros are used as complements only when no other
  cell can close the gap (a zero can only be shifted upwards).
- **Linked tables** (`suppress_linked`): tables that publish the same figure (the
  clients of a service are the column total of every client table) hide it in all of
  them or in none, iterated until stable.

The functions are pure: counts in, positions out.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

Cell = tuple[int, int]
Grid = list[list[int]]


def extend(cells: Sequence[Sequence[int]]) -> Grid:
    """The table with its row totals (last column) and column totals (last row)."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[j] for row in rows) for j in range(width)]
    return [*rows, totals]


def lines(height: int, width: int) -> list[list[Cell]]:
    """Every row and every column of an extended grid; in each, the last position is the
    total of the others."""
    rows = [[(i, j) for j in range(width)] for i in range(height)]
    columns = [[(i, j) for i in range(height)] for j in range(width)]
    return rows + columns


def suppress(
    cells: Sequence[Sequence[int]], threshold: int, forced: Iterable[Cell] = ()
) -> frozenset[Cell]:
    """The positions of the extended grid (see `extend`) that must not be published.
    `forced` positions are suppressed in any case (a figure hidden in a linked table)."""
    grid = extend(cells)
    height, width = len(grid), len(grid[0])
    if height < 2 or width < 2:
        return frozenset(forced)  # no rows or no columns: nothing is published but totals of 0
    hidden = {
        (i, j) for i in range(height) for j in range(width) if 0 < grid[i][j] < threshold
    } | set(forced)
    all_lines = lines(height, width)
    while True:
        _complete_lines(grid, all_lines, hidden)
        bridge = _find_bridge(hidden)
        if bridge is None:
            return frozenset(hidden)
        hidden.add(_close_cycle(grid, hidden, bridge))


def _cheapest(grid: Grid, candidates: Iterable[Cell]) -> Cell:
    """The smallest non-zero cell (a zero only when nothing else is left)."""
    return min(
        candidates, key=lambda cell: (grid[cell[0]][cell[1]] == 0, grid[cell[0]][cell[1]], cell)
    )


def _complete_lines(grid: Grid, all_lines: list[list[Cell]], hidden: set[Cell]) -> None:
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            open_cells = [cell for cell in line if cell not in hidden]
            if len(line) - len(open_cells) == 1 and open_cells:
                hidden.add(_cheapest(grid, open_cells))
                changed = True


def _find_bridge(hidden: set[Cell]) -> Cell | None:
    """A suppressed cell whose row and column are connected by no other path of
    suppressed cells (small tables: one search per cell is fast enough)."""
    for cell in sorted(hidden):
        if not _connected(hidden - {cell}, ("r", cell[0]), ("c", cell[1])):
            return cell
    return None


def _component(edges: set[Cell], start: tuple[str, int]) -> set[tuple[str, int]]:
    """The rows ("r", i) and columns ("c", j) reachable from `start` over `edges`."""
    by_vertex: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        by_vertex.setdefault(("r", i), []).append(("c", j))
        by_vertex.setdefault(("c", j), []).append(("r", i))
    seen, todo = {start}, [start]
    while todo:
        for neighbour in by_vertex.get(todo.pop(), []):
            if neighbour not in seen:
                seen.add(neighbour)
                todo.append(neighbour)
    return seen


def _connected(edges: set[Cell], start: tuple[str, int], goal: tuple[str, int]) -> bool:
    return goal in _component(edges, start)


def _close_cycle(grid: Grid, hidden: set[Cell], bridge: Cell) -> Cell:
    """A published cell that joins the two sides of `bridge`, so that it lies on a cycle."""
    rest = hidden - {bridge}
    side_a = _component(rest, ("r", bridge[0]))
    side_b = _component(rest, ("c", bridge[1]))
    rows_a = {i for kind, i in side_a if kind == "r"}
    cols_a = {j for kind, j in side_a if kind == "c"}
    rows_b = {i for kind, i in side_b if kind == "r"}
    cols_b = {j for kind, j in side_b if kind == "c"}
    candidates = [(i, j) for i in rows_a for j in cols_b] + [(i, j) for i in rows_b for j in cols_a]
    return _cheapest(grid, (cell for cell in candidates if cell not in hidden))


def suppress_linked(
    tables: Sequence[Sequence[Sequence[int]]],
    links: Sequence[Mapping[Cell, Hashable]],
    threshold: int,
) -> list[frozenset[Cell]]:
    """Suppression for tables that share figures. `links[n]` names the shared positions
    of table n (position → key); a key hidden in one table is hidden in every table."""
    if len(links) != len(tables):
        raise ValueError("one link mapping per table")
    hidden_keys: set[Hashable] = set()
    while True:
        results = [
            suppress(table, threshold, {cell for cell, key in link.items() if key in hidden_keys})
            for table, link in zip(tables, links, strict=True)
        ]
        found = {
            link[cell]
            for link, hidden in zip(links, results, strict=True)
            for cell in hidden
            if cell in link
        }
        if found <= hidden_keys:
            return results
        hidden_keys |= found


def published(cells: Sequence[Sequence[int]], hidden: frozenset[Cell]) -> list[list[int | None]]:
    """The extended grid as published: None where a cell is suppressed."""
    return [
        [None if (i, j) in hidden else value for j, value in enumerate(row)]
        for i, row in enumerate(extend(cells))
    ]


def share(part: int | None, whole: int | None) -> float | None:
    """A percentage with two decimals, only from published figures: a share over a
    hidden count (or a hidden total) would give the count away, so it is hidden too."""
    if part is None or whole is None or whole == 0:
        return None
    return round(100 * part / whole, 2)


# --- Systems of sums ---------------------------------------------------------------
#
# Figures that are not one table but a web of sums: an area's residents are the sum of
# its categories, and each of an area's figures is the sum of the same figure of the
# areas directly below it. `protect` takes the figures and the equations an attacker
# knows, and hides figures until no hidden one can be computed from the published ones
# by any combination of the equations (exact linear algebra over the rationals, not a
# search for single subtractions).

K = TypeVar("K", bound=Hashable)
Equation = tuple[K, Sequence[K]]  # (total, parts): total = sum of the parts


def determined(hidden: set[K], equations: Sequence[Equation[K]]) -> set[K]:
    """The hidden figures that the equations pin down, given every other figure.

    Each equation, with the published figures moved to the constant side, is a row
    over the hidden figures. A hidden figure x is determined exactly when its unit
    vector lies in the row space; in reduced row echelon form that is when x is a
    pivot whose row has no other entry."""
    pivots: dict[K, dict[K, Fraction]] = {}
    holders: dict[K, set[K]] = {}  # variable -> pivots whose row mentions it
    for total, parts in equations:
        row: dict[K, Fraction] = {}
        for key, sign in [(total, -1), *((part, 1) for part in parts)]:
            if key in hidden:
                row[key] = row.get(key, Fraction(0)) + sign
        row = {key: value for key, value in row.items() if value}
        for pivot in [key for key in row if key in pivots]:
            factor = row.get(pivot)
            if factor:
                _subtract(row, pivots[pivot], factor)
        if not row:
            continue
        pivot = next(iter(row))
        scale = row[pivot]
        row = {key: value / scale for key, value in row.items()}
        for other in list(holders.get(pivot, ())):
            other_row = pivots[other]
            for key in _subtract(other_row, row, other_row[pivot]):
                if key in other_row:
                    holders.setdefault(key, set()).add(other)
                else:
                    holders[key].discard(other)
        pivots[pivot] = row
        for key in row:
            holders.setdefault(key, set()).add(pivot)
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[K, Fraction], other: Mapping[K, Fraction], factor: Fraction) -> list[K]:
    """row -= factor * other; returns the keys whose entry changed."""
    for key, value in other.items():
        new = row.get(key, Fraction(0)) - factor * value
        if new:
            row[key] = new
        else:
            row.pop(key, None)
    return list(other)


def protect(
    values: Mapping[K, int],
    equations: Sequence[Equation[K]],
    threshold: int = 3,
    keep: Iterable[K] = (),
) -> frozenset[K]:
    """The figures that must not be published.

    Primary: every count from 1 to threshold - 1. Secondary: while an equation has a
    single hidden figure, or the whole system pins a hidden figure down, the smallest
    non-zero published figure of an equation holding it is hidden as well (a zero only
    when nothing else is left). `keep` figures are always published (the whole city's
    residents); should a hidden figure be pinned down by kept figures alone, nothing
    can help it and the loop ends."""
    kept = set(keep)
    order = {key: index for index, key in enumerate(values)}
    hidden = {key for key, value in values.items() if 0 < value < threshold} - kept
    members: dict[K, list[int]] = {}
    for index, (total, parts) in enumerate(equations):
        for key in (total, *parts):
            members.setdefault(key, []).append(index)

    def cheapest(candidates: Iterable[K]) -> K | None:
        open_ = [key for key in candidates if key not in hidden and key not in kept]
        if not open_:
            return None
        return min(open_, key=lambda key: (values[key] == 0, values[key], order[key]))

    while True:
        changed = True
        while changed:  # the quick part: equations with a single hidden figure
            changed = False
            for total, parts in equations:
                line = (total, *parts)
                if sum(key in hidden for key in line) == 1:
                    choice = cheapest(line)
                    if choice is not None:
                        hidden.add(choice)
                        changed = True
        found = determined(hidden, equations)
        touched: set[int] = set()
        added = False
        for key in sorted(found, key=order.__getitem__):
            if touched & set(members.get(key, ())):
                continue
            choice = cheapest(k for i in members.get(key, ()) for k in _line(equations[i]))
            if choice is None:
                continue
            hidden.add(choice)
            touched |= set(members.get(choice, ()))
            added = True
        if not added:
            return frozenset(hidden)


def _line(equation: Equation[K]) -> tuple[K, ...]:
    total, parts = equation
    return (total, *parts)
