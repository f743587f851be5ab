"""Small-number protection for published tables: primary and secondary cell suppression.

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
