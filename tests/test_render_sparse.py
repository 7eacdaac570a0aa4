"""The RACI matrix is tasks × units but mostly blank: rows keep only their filled cells (SparseRow),
and the XLSX emitter writes only those. Same content as the dense matrix, cell for cell."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.gen import generate
from qlmatrix.raci import letters
from qlmatrix.render import build_table, table, workbook
from qlmatrix.render.roles import PlanIndex
from qlmatrix.render.table import BLANK, Cell, Group, SparseRow, Table, filled
from qlmatrix.render.xlsx import to_xlsx

FIXTURE = Path(__file__).resolve().parent / "golden" / "render" / "fixture.qlm"


@pytest.fixture(scope="module", params=["fixture", "generated"])
def plan(request):
    if request.param == "fixture":
        return qlmatrix.load(FIXTURE)
    return qlmatrix.loads(qlmatrix.dumps(generate(300, seed=3)))


def test_a_sparse_row_reads_as_the_tuple_of_its_cells():
    a, r = Cell("A", ()), Cell("R", ())
    row = SparseRow((Cell("1"), Cell("任务")), {3: a, 5: r}, 7)
    dense = (Cell("1"), Cell("任务"), BLANK, a, BLANK, r, BLANK)
    assert len(row) == 7 and tuple(row) == dense and row == dense and dense == row
    assert row[3] is a and row[2] == BLANK and row[-2] is r and row[-1] == BLANK and row[1:4] == dense[1:4]
    assert hash(row) == hash(dense)
    with pytest.raises(IndexError):
        row[7]
    assert filled(row) == [(0, Cell("1")), (1, Cell("任务")), (3, a), (5, r)]


def test_raci_rows_equal_the_dense_matrix(plan):
    """Each cell as the matrix defines it: the letters of the roles the unit holds on the task."""
    built = build_table(plan, "raci")
    entries = PlanIndex(plan).tasks
    units = [column.title for column in built.columns[2:]]
    assert len(built.rows) == len(entries)
    for row, entry in zip(built.rows, entries):
        assert isinstance(row, SparseRow)
        expected = [Cell(letters(entry.roles_of(unit)), entry.roles_of(unit)) for unit in units]
        assert list(row)[2:] == expected
        assert row[1].text == entry.task.title


def test_the_workbook_holds_each_view_as_its_own_table_would(plan):
    """A sheet's content does not depend on the other sheets of the workbook."""
    from tests.test_render_golden import xlsx_content

    def sheets(data: bytes) -> list[str]:
        return xlsx_content(data).split("# sheet ")[1:]

    together = sheets(workbook(plan))
    for index, view in enumerate(("tasks", "raci", "units")):
        alone = sheets(to_xlsx([build_table(plan, view)]))
        assert together[index] == alone[0]


def test_a_sparse_row_is_written_as_its_dense_tuple_would_be(plan):
    """The emitter reads a SparseRow's filled cells only; the dense tuple of the same cells gives the same file."""
    built = build_table(plan, "raci")
    dense = Table(built.view, built.title, built.columns,
                  [Group(group.heading, [tuple(row) for row in group.rows]) for group in built.groups],
                  built.scheme, notes=built.notes)
    assert to_xlsx([built]) == to_xlsx([dense])


def test_blank_cells_are_not_written_but_keep_their_border(plan):
    data = table(plan, "raci", "xlsx")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    built = build_table(plan, "raci")
    written = sum(len(filled(row)) for row in built.rows) + len(built.columns) + 2
    written += sum(2 for group in built.groups if group.heading)  # a heading and its last, padded cell
    assert sheet.count("<c ") == written
    assert 'type="containsBlanks"' in sheet
