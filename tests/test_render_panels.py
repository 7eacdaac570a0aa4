"""One rule shares a run of unit columns between the parts of a DOCX and the panels of the HTML and the
terminal (`split.shared_evenly`): as few parts as fit, as even as they can be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qlmatrix.gen import generate
from qlmatrix.render import build_table
from qlmatrix.render.html import column_panels
from qlmatrix.render.split import shared_evenly
from qlmatrix.render.termcolumns import panels as terminal_panels


@pytest.mark.parametrize(("count", "most", "sizes"), [(40, 15, [14, 13, 13]), (12, 9, [6, 6]), (5, 5, [5]), (10, 4, [4, 3, 3]),
                                                      (7, 1, [1] * 7), (3, 0, [1, 1, 1]), (0, 4, [])])
def test_a_run_is_shared_evenly_between_as_few_parts_as_fit(count, most, sizes):
    parts = shared_evenly(list(range(count)), most)
    assert [len(part) for part in parts] == sizes
    assert [col for part in parts for col in part] == list(range(count))


@given(st.integers(0, 300), st.integers(1, 60))
def test_no_part_is_too_wide_or_more_than_one_wider_than_another(count, most):
    parts = shared_evenly(list(range(count)), most)
    assert [col for part in parts for col in part] == list(range(count))
    assert all(0 < len(part) <= most for part in parts)
    assert len(parts) == -(-count // most)
    assert not parts or max(map(len, parts)) - min(map(len, parts)) <= 1


def _unit_counts(panels: list[list[int]], table) -> list[int]:
    return [sum(1 for col in panel if table.columns[col].letters) for panel in panels]


def test_the_html_and_the_terminal_share_a_wide_matrix_evenly():
    built = build_table(generate(200, seed=5), "raci")
    html = _unit_counts(column_panels(built), built)
    terminal = _unit_counts([columns for columns, _ in terminal_panels(built, 120)], built)
    for counts in (html, terminal):
        assert len(counts) > 1 and sum(counts) == sum(1 for column in built.columns if column.letters)
        assert max(counts) - min(counts) <= 1, counts


_ROLES = ("牵头", "配合", "监督")


@st.composite
def _plans(draw):
    """A plan of 1–12 units and 1–20 tasks in 1–3 sections, each task holding any roles (none too)."""
    units = [f"单位{n}" for n in range(draw(st.integers(1, 12)))]
    lines = [f"单位 {'、'.join(units)}"]
    for section in range(draw(st.integers(1, 3))):
        lines.append(f"章 第{section + 1}章 {{")
        for task in range(draw(st.integers(1, 7))):
            lines.append(f"  任务 ({task + 1}) 任务{section}-{task} {{")
            held = draw(st.lists(st.sampled_from(units), unique=True, max_size=4))
            for role in _ROLES:
                named = [unit for unit in held if draw(st.sampled_from(_ROLES)) == role]
                if named:
                    lines.append(f"    {role}: {'、'.join(named)}")
            lines.append("  }")
        lines.append("}")
    return "\n".join(lines) + "\n"


@given(_plans(), st.integers(1, 5), st.sampled_from(["units", "sections"]))
def test_the_parts_hold_the_rows_in_part_says(text, per_part, split):
    """`split.parts` picks each part's rows in one pass; they are the rows `in_part` (the panels'
    rule) puts in the part, in order: a row with a role in its units, or one with none in the first."""
    import qlmatrix
    from qlmatrix.render.split import in_part, parts
    from qlmatrix.render.table import filled

    built = build_table(qlmatrix.loads(text), "raci")
    letters = frozenset(col for col, column in enumerate(built.columns) if column.letters)
    titles = {column.title: col for col, column in enumerate(built.columns)}
    for part in parts(built, split, per_part):
        shown = frozenset(titles[column.title] for column in part.table.columns if column.letters)
        heading, _, count = part.caption.rpartition("（") if "）单位：" in part.caption else (part.caption, "", "1/")
        heading = heading.rstrip("　")
        rows = [row for group in built.groups for row in group.rows
                if split == "units" or not part.caption or (group.heading or "").split(" / ")[0] == heading]
        wanted = [row[1].text for row in rows
                  if in_part({col for col, _ in filled(row)}, shown, letters, count.startswith("1/"))]
        assert [row[1].text for row in part.table.rows] == wanted
