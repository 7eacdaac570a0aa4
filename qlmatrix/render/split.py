"""A RACI matrix too wide for a page, cut into parts a person can print.

The matrix has a column per unit: 40 units do not fit across A4, and
shrinking the type until they do makes it unreadable. The choices
(`SPLITS`, `qlm table --split`, `table(..., split=...)`):

- `units` (the default): the unit columns in groups that fit the page, each
  group a part that repeats the 序号 and 任务 columns; a part keeps the rows
  with a role in its units (a task nobody holds stays in the first part, so
  the gap still shows);
- `sections`: a part per top-level section (章) with only the units that
  hold a role in it, each cut by units again if still too wide;
- `none`: one table, however wide.

Key columns (those without role letters, 序号 and 任务) are kept in every
part; the letter columns are what is split, whatever the view's columns are.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

from .table import Cell, Group, SparseRow, Table, filled

SPLITS = ("units", "sections", "none")


@attrs.frozen
class Part:
    """One printable part of a table: what it holds, said in a line above it (empty for a whole table)."""

    caption: str
    table: Table


def shared_evenly(run: Sequence[int], most: int) -> list[list[int]]:
    """`run` (a table's unit columns) cut into as few parts of at most `most` as it takes, their sizes
    apart by one at most: 40 units at most 15 to a part are 14, 13 and 13, not 15, 15 and 10; 12
    months at most 9 to a panel are 6 and 6. The one rule for the parts of a DOCX and the panels of
    the terminal and of the HTML table; each medium says how many columns fit (`most`)."""
    count = -(-len(run) // max(1, most))
    if not count:
        return []
    size, larger = divmod(len(run), count)
    found, start = [], 0
    for number in range(count):
        end = start + size + (number < larger)
        found.append(list(run[start:end]))
        start = end
    return found


def in_part(filled: Collection[int], part: frozenset[int], letters: frozenset[int], first: bool) -> bool:
    """A row whose cells in the columns `filled` are filled shows in the part of the letter columns
    `part` (of all the table's `letters`): when it holds a role there, or, in the `first` part, when
    it holds none at all (so the gap still shows). The rule of `parts`, and of the HTML and terminal
    panels."""
    return not part.isdisjoint(filled) or (first and letters.isdisjoint(filled))


def parts(table: Table, split: str, per_part: int) -> list[Part]:
    """`table` as parts of at most `per_part` letter columns each (see the module's doc)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split `{split}`; choose one of {', '.join(SPLITS)}")
    letters = [col for col, column in enumerate(table.columns) if column.letters]
    if split == "none" or not letters or (split == "units" and len(letters) <= per_part):
        return [Part("", table)]
    if split == "units":
        return _by_units(table, letters, per_part, "")
    found: list[Part] = []
    for heading, groups in _chapters(table):
        chapter = attrs.evolve(table, groups=groups)
        used = sorted({col for group in groups for row in group.rows for col, _ in filled(row) if col in letters})
        if len(used) <= per_part:
            found.append(Part(heading, _select(chapter, [used])[0]))
        else:
            found.extend(_by_units(chapter, used, per_part, heading))
    return found


def _chapters(table: Table) -> list[tuple[str, list[Group]]]:
    """Consecutive groups under one top-level section (the part of a heading before ` / `)."""
    chapters: list[tuple[str, list[Group]]] = []
    for group in table.groups:
        top = (group.heading or "").split(" / ")[0]
        if chapters and chapters[-1][0] == top:
            chapters[-1][1].append(group)
        else:
            chapters.append((top, [group]))
    return chapters


def _by_units(table: Table, letters: Sequence[int], per_part: int, heading: str) -> list[Part]:
    groups = shared_evenly(letters, per_part)
    count = len(groups)
    tables = _select(table, groups)
    found = []
    for number, (chosen, part) in enumerate(zip(groups, tables), start=1):
        first, last = table.columns[chosen[0]].title, table.columns[chosen[-1]].title
        where = f"{heading}　" if heading else ""
        caption = f"{where}（{number}/{count}）单位：{first}至{last}，共 {len(chosen)} 个"
        found.append(Part(caption, part))
    return found


def _select(table: Table, parts: Sequence[Sequence[int]]) -> list[Table]:
    """For each list of letter columns, the table with its key columns and those, and only the rows
    `in_part` puts there (the rows with no role at all go to the first), in one pass over the rows:
    asking `in_part` of every part for every row costs rows × parts, and a matrix of 1,000 units has
    80 parts (tests/test_render_panels.py holds the two to the same answer)."""
    all_letters = {col for col, column in enumerate(table.columns) if column.letters}
    keys = [col for col in range(len(table.columns)) if col not in all_letters]
    where: dict[int, tuple[int, int]] = {}  # letter column -> (part, its column in the part)
    for number, chosen in enumerate(parts):
        for new, old in enumerate(chosen, start=len(keys)):
            where[old] = (number, new)
    widths = [len(keys) + len(chosen) for chosen in parts]
    groups: list[list[Group]] = [[] for _ in parts]
    for group in table.groups:
        rows: list[list[Sequence[Cell]]] = [[] for _ in parts]
        for row in group.rows:
            held: dict[int, dict[int, Cell]] = {}
            any_role = False
            for col, cell in filled(row):
                if col in all_letters:
                    any_role = True
                    found = where.get(col)
                    if found is not None:
                        held.setdefault(found[0], {})[found[1]] = cell
            if not any_role and parts:
                held[0] = {}
            if held:
                head = [row[col] for col in keys]
                for number, cells in held.items():
                    rows[number].append(SparseRow(head, cells, widths[number]))
        for number, kept in enumerate(rows):
            if kept:
                groups[number].append(Group(group.heading, kept))
    return [attrs.evolve(table, columns=[table.columns[col] for col in keys] + [table.columns[col] for col in chosen],
                         groups=kept) for chosen, kept in zip(parts, groups)]
