"""Small-number protection: an attacker tries to recompute every suppressed cell from
the published cells and totals, and fails.

The attackers know only what is published (the extended grid with None where a cell is
hidden) and that every row and column adds up to its total:

- `by_elimination`: row/column subtraction, repeated as long as any line has a single
  unknown left (what a person with a spreadsheet would do);
- `determined_by_algebra`: the whole linear system solved exactly over the rationals —
  a cell is determined when its unit vector lies in the row space of the equations;
- `other_solution`: for every hidden cell, another table with non-negative counts that
  publishes exactly the same figures but differs in that cell (so not even knowing
  that counts are non-negative integers pins it down).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.reports.suppression import (
    Cell,
    extend,
    lines,
    published,
    share,
    suppress,
    suppress_linked,
)

Published = list[list[int | None]]


def equations(height: int, width: int) -> list[dict[Cell, int]]:
    """Each line: the cells add up to the last one (coefficient +1 ... -1)."""
    return [{cell: -1 if cell == line[-1] else 1 for cell in line} for line in lines(height, width)]


def by_elimination(table: Published) -> dict[Cell, int]:
    height, width = len(table), len(table[0])
    known = {
        (i, j): value
        for i, row in enumerate(table)
        for j, value in enumerate(row)
        if value is not None
    }
    recovered: dict[Cell, int] = {}
    progress = True
    while progress:
        progress = False
        for equation in equations(height, width):
            unknown = [cell for cell in equation if cell not in known]
            if len(unknown) == 1:
                (cell,) = unknown
                rest = sum(
                    coefficient * known[c] for c, coefficient in equation.items() if c != cell
                )
                known[cell] = recovered[cell] = -rest // equation[cell]
                progress = True
    return recovered


def _rref(matrix: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    rows = [row[:] for row in matrix]
    pivots: list[int] = []
    rank = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        rows[rank] = [value / rows[rank][column] for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
        rank += 1
    return rows[:rank], pivots


def null_space(system: list[dict[Cell, int]], unknown: list[Cell]) -> list[dict[Cell, Fraction]]:
    """A basis of the changes to the hidden cells that leave every equation true."""
    matrix = [[Fraction(eq.get(cell, 0)) for cell in unknown] for eq in system]
    matrix = [row for row in matrix if any(row)]
    reduced, pivots = _rref(matrix) if matrix else ([], [])
    basis = []
    for free in (k for k in range(len(unknown)) if k not in pivots):
        vector = {unknown[free]: Fraction(1)}
        for row, pivot in zip(reduced, pivots, strict=True):
            if row[free]:
                vector[unknown[pivot]] = -row[free]
        basis.append(vector)
    return basis


def determined_by_algebra(system: list[dict[Cell, int]], unknown: list[Cell]) -> set[Cell]:
    """Hidden cells that every solution of the system agrees on."""
    movable = {cell for vector in null_space(system, unknown) for cell in vector}
    return set(unknown) - movable


def other_solution(grid: list[list[int]], hidden: frozenset[Cell], cell: Cell) -> Any:
    """Another extended grid, non-negative, equal in every published cell, different in
    `cell` — or None."""
    height, width = len(grid), len(grid[0])
    for vector in null_space(equations(height, width), sorted(hidden)):
        if not vector.get(cell):
            continue
        for sign in (1, -1):
            candidate: list[list[Fraction]] = [[Fraction(v) for v in row] for row in grid]
            for (i, j), change in vector.items():
                candidate[i][j] += sign * change
            values = [value for row in candidate for value in row]
            if all(value >= 0 and value.denominator == 1 for value in values):
                return [[int(value) for value in row] for row in candidate]
    return None


def is_consistent(grid: list[list[Any]]) -> bool:
    inner = [row[:-1] for row in grid[:-1]]
    return extend(inner) == grid


tables = st.integers(1, 6).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 4), st.integers(0, 40)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(cells=tables, threshold=st.integers(2, 5))
def test_no_suppressed_cell_can_be_recomputed(cells: list[list[int]], threshold: int) -> None:
    hidden = suppress(cells, threshold)
    grid = extend(cells)
    table = published(cells, hidden)
    height, width = len(grid), len(grid[0])

    # every small count is hidden, zeros and everything else is shown as it is
    for i in range(height):
        for j in range(width):
            if 0 < grid[i][j] < threshold:
                assert (i, j) in hidden
            if (i, j) not in hidden:
                assert table[i][j] == grid[i][j]

    assert by_elimination(table) == {}
    assert determined_by_algebra(equations(height, width), sorted(hidden)) == set()
    for cell in hidden:
        other = other_solution(grid, hidden, cell)
        assert other is not None, f"{cell} of {grid} is pinned down"
        assert is_consistent(other)
        assert other[cell[0]][cell[1]] != grid[cell[0]][cell[1]]
        assert all(
            other[i][j] == grid[i][j]
            for i in range(height)
            for j in range(width)
            if (i, j) not in hidden
        )


def test_a_hand_made_table() -> None:
    #           MBE  JMD  KIM | total
    cells = [
        [12, 1, 8],  # Nord     21
        [5, 9, 0],  # Süd       14
        [7, 6, 4],  # West      17
    ]  #       24  16  12 | 52
    hidden = suppress(cells, 3)
    # the 1 in JMD/Nord; the 8 beside it (the smallest in its row); the 6 under it (the
    # smallest in its column); the 4 that completes the KIM column and the West row
    assert hidden == {(0, 1), (0, 2), (2, 1), (2, 2)}
    table = published(cells, hidden)
    assert table == [
        [12, None, None, 21],
        [5, 9, 0, 14],
        [7, None, None, 17],
        [24, 16, 12, 52],
    ]
    # Subtraction only gives sums of two hidden cells: Nord 21 - 12 = 9 = JMD + KIM.
    assert by_elimination(table) == {}
    assert determined_by_algebra(equations(4, 4), sorted(hidden)) == set()


def test_a_row_with_a_single_cell_hides_its_total_too() -> None:
    cells = [[2], [10], [7]]  # one service: every row total equals its cell
    hidden = suppress(cells, 3)
    assert hidden == {(0, 0), (0, 1), (2, 0), (2, 1)}
    assert by_elimination(published(cells, hidden)) == {}


def test_zero_is_published_and_small_totals_are_hidden() -> None:
    cells = [[0, 1], [0, 1], [5, 20]]
    hidden = suppress(cells, 3)
    table = published(cells, hidden)
    assert table[0][0] == 0 and table[1][0] == 0
    # the two 1s and their row totals (2 rows x 2 columns: they protect each other)
    assert hidden == {(0, 1), (0, 2), (1, 1), (1, 2)}
    # 22 - 20 = 2 is the sum of the two hidden cells, not either of them (1+1, 2+0, 0+2)
    assert table[3][1] == 22
    assert by_elimination(table) == {}


def test_threshold_zero_or_one_suppresses_nothing() -> None:
    assert suppress([[1, 2], [0, 5]], 1) == frozenset()
    assert suppress([[1, 2], [0, 5]], 0) == frozenset()


def test_a_bridge_between_two_protected_blocks_is_closed() -> None:
    # Two blocks of hidden cells joined by one hidden cell: every row and column holds two
    # hidden cells, yet the joining cell would follow from the equations.
    cells = [
        [1, 1, 9, 30, 30],
        [1, 1, 30, 30, 30],
        [30, 30, 30, 1, 1],
        [30, 30, 30, 1, 1],
    ]
    hidden = suppress(cells, 2)
    grid = extend(cells)
    assert determined_by_algebra(equations(len(grid), len(grid[0])), sorted(hidden)) == set()


def test_shares_only_from_published_figures() -> None:
    assert share(5, 20) == 25.0
    assert share(None, 20) is None  # the count is hidden
    assert share(5, None) is None  # 5 / share would give the hidden total
    assert share(0, 0) is None


def _split(data: st.DataObject, totals: list[int], rows: int) -> list[list[int]]:
    """A table of `rows` rows whose columns add up to `totals`."""
    columns = []
    for total in totals:
        parts, left = [], total
        for _ in range(rows - 1):
            part = data.draw(st.integers(0, left))
            parts.append(part)
            left -= part
        columns.append([*parts, left])
    return [[column[i] for column in columns] for i in range(rows)]


@settings(max_examples=150, deadline=None)
@given(first=tables, data=st.data(), threshold=st.integers(2, 4))
def test_linked_tables_hide_shared_totals_alike(
    first: list[list[int]], data: st.DataObject, threshold: int
) -> None:
    """Two tables of the same clients by different characteristics share their column
    totals and the grand total; together they give nothing away either."""
    totals = extend(first)[-1][:-1]
    second = _split(data, totals, data.draw(st.integers(1, 5)))
    height_a, height_b = len(first) + 1, len(second) + 1
    width = len(totals) + 1
    shared_a = {(height_a - 1, j): ("total", j) for j in range(width)}
    shared_b = {(height_b - 1, j): ("total", j) for j in range(width)}
    hidden_a, hidden_b = suppress_linked([first, second], [shared_a, shared_b], threshold)
    for j in range(width):
        assert ((height_a - 1, j) in hidden_a) == ((height_b - 1, j) in hidden_b)

    # one system over both tables: a shared total is one unknown
    def rename(table: str, height: int) -> Any:
        return lambda cell: ("total", cell[1]) if cell[0] == height - 1 else (table, cell)

    name_a, name_b = rename("a", height_a), rename("b", height_b)
    system = [{name_a(c): k for c, k in eq.items()} for eq in equations(height_a, width)]
    system += [{name_b(c): k for c, k in eq.items()} for eq in equations(height_b, width)]
    unknown = sorted({name_a(c) for c in hidden_a} | {name_b(c) for c in hidden_b}, key=repr)
    assert determined_by_algebra(system, unknown) == set()


def test_the_attackers_succeed_against_weaker_protection() -> None:
    """The attackers are not toothless: primary suppression alone, and a pattern with two
    hidden cells in every line but a bridge between two blocks, both give a cell away."""
    cells = [[12, 1, 8], [5, 9, 0], [7, 6, 4]]
    primary_only = frozenset({(0, 1)})
    assert by_elimination(published(cells, primary_only)) == {(0, 1): 1}

    bridged = frozenset({(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)})
    grid = extend([[1, 1, 9, 30], [1, 1, 30, 30], [30, 30, 1, 1], [30, 30, 1, 1]])
    assert by_elimination(published([row[:-1] for row in grid[:-1]], bridged)) == {}
    assert determined_by_algebra(equations(5, 5), sorted(bridged)) == {(0, 2)}
