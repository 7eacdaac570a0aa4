"""The 公文 layout of DOCX and XLSX, the widths from content, the split of a wide RACI matrix,
and the table JSON's shape, read from the files' XML (no private attribute of any library)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest

import qlmatrix
from qlmatrix.gen import generate
from qlmatrix.render import SPLITS, VIEWS, build_table, table, workbook
from qlmatrix.render.layout import Measure, share
from qlmatrix.render.linebreak import wrap
from qlmatrix.render.split import parts
from qlmatrix.render.table import filled

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "xianning-gaoxin.qlm", ROOT / "examples" / "xiangyang.qlm",
            ROOT / "tests" / "golden" / "render" / "fixture.qlm"]
SCHEMA = json.loads((ROOT / "qlmatrix" / "schema" / "table.schema.json").read_text(encoding="utf-8"))


def member(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def wide():
    """A plan whose RACI matrix has far more units than a page holds."""
    return qlmatrix.loads(qlmatrix.dumps(generate(120, units=60, seed=5)))


# Layout: columns as wide as their widest unit (`linebreak`'s), lines that break only between units.

NAMES = frozenset({"纪监委", "市委直属机关工委", "党群部", "每半年至少一次"})


def test_a_unit_list_breaks_only_after_its_separators():
    assert wrap("纪监委、市委直属机关工委、党群部", 20, NAMES) == ["纪监委、", "市委直属机关工委、", "党群部"]
    assert wrap("纪监委、党群部", 20, NAMES) == ["纪监委、党群部"]
    assert wrap("每半年至少一次 / 2025年底前", 17, NAMES) == ["每半年至少一次 / ", "2025年底前"]


def test_a_column_is_as_wide_as_its_widest_name_and_prose_may_break():
    fit = Measure(NAMES).column("配合单位", ["纪监委、市委直属机关工委", "党群部"])
    assert (fit.least, fit.natural, fit.prose) == (16, 24, False)
    long = "研究制定清廉机关建设具体推进方案并组织实施，以创建模范机关为抓手"
    prose = Measure(NAMES).column("重点任务", [long, "短"])
    assert prose.prose and prose.least == 24 and prose.natural > 60


def test_widths_fill_the_page_and_keep_each_least():
    assert share([4, 10], [4, 30], 30) == [4, 26]
    assert sum(share([5, 5, 5], [10, 20, 5], 40)) == 40
    assert share([20, 20], [20, 20], 30) is None


# Splitting a RACI matrix too wide for the page.

@pytest.mark.parametrize("split", ["units", "sections"])
def test_every_role_cell_is_in_exactly_one_part(wide, split):
    matrix = build_table(wide, "raci")
    letters = [column.title for column in matrix.columns if column.letters]
    found = parts(matrix, split, 12)
    assert len(found) > 1
    seen: list[tuple[str, str, str]] = []
    for part in found:
        assert sum(column.letters for column in part.table.columns) <= 12
        assert [column.title for column in part.table.columns[:2]] == ["序号", "任务"]
        for row in part.table.rows:
            seen += [(row[0].text + row[1].text, part.table.columns[col].title, cell.text)
                     for col, cell in filled(row) if part.table.columns[col].letters]
    expected = [(row[0].text + row[1].text, matrix.columns[col].title, cell.text)
                for row in matrix.rows for col, cell in filled(row) if matrix.columns[col].letters]
    assert sorted(seen) == sorted(expected)
    assert set(letters) == {title for _, title, _ in seen}


def test_no_split_keeps_one_table(wide):
    matrix = build_table(wide, "raci")
    assert [part.table for part in parts(matrix, "none", 12)] == [matrix]
    with pytest.raises(ValueError):
        table(wide, "raci", "docx", split="diagonal")
    assert SPLITS == ("units", "sections", "none")


def test_a_wide_docx_matrix_comes_in_captioned_parts_of_a_page_each(wide):
    document = member(table(wide, "raci", "docx"), "word/document.xml")
    assert document.count("<w:tbl>") > 1
    assert document.count('<w:br w:type="page"/>') == document.count("<w:tbl>") - 1
    assert "（1/" in document and "单位：" in document
    whole = member(table(wide, "raci", "docx", split="none"), "word/document.xml")
    assert whole.count("<w:tbl>") == 1


# DOCX: GB/T 9704-2012.

@pytest.mark.parametrize("view", VIEWS)
def test_docx_is_a4_with_the_gongwen_margins_and_fonts(view):
    data = table(qlmatrix.load(EXAMPLES[0]), view, "docx")
    document = member(data, "word/document.xml")
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document).groups()
    margins = dict(re.findall(r'w:(top|bottom|left|right)="(\d+)"', re.search(r"<w:pgMar[^>]*>", document).group()))
    if int(size[0]) < int(size[1]):  # portrait: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm
        assert size == ("11906", "16838") and margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    else:
        assert size == ("16838", "11906") and margins == {"top": "1587", "bottom": "1474", "left": "1984", "right": "2098"}
    assert 'w:eastAsia="方正小标宋简体"' in document and 'w:eastAsia="黑体"' in document
    assert 'w:eastAsia="仿宋_GB2312"' in member(data, "word/styles.xml")
    assert "<w:tblHeader/>" in document.split("</w:tr>")[0]  # the header row repeats on every page
    fonts = member(data, "word/fontTable.xml")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    odd, even = member(data, "word/footer1.xml"), member(data, "word/footer2.xml")
    assert 'w:jc w:val="right"' in odd and 'w:jc w:val="left"' in even and "PAGE" in odd and "— " in odd
    assert "<w:evenAndOddHeaders/>" in member(data, "word/settings.xml")


def test_docx_turns_landscape_only_when_the_table_needs_it():
    narrow = qlmatrix.loads("单位 甲\n任务 一项任务 (责任单位:甲)")
    assert 'w:orient="landscape"' not in member(table(narrow, "tasks", "docx"), "word/document.xml")
    names = [f"市某某某某某某某某某某某某单位{n}" for n in range(3)]  # 16 characters: two can no longer sit side by side
    units = "\n".join(f"单位 {name}" for name in names)
    plan = qlmatrix.loads(f"{units}\n任务 一项任务 (牵头单位:{names[0]}；配合单位:{'、'.join(names[1:])})")
    assert 'w:orient="landscape"' in member(table(plan, "tasks", "docx"), "word/document.xml")


def test_docx_breaks_unit_lists_between_units_only():
    units = [f"市第{n}某某局" for n in range(8)]
    plan = qlmatrix.loads("\n".join(f"单位 {u}" for u in units)
                          + f"\n任务 一项任务 (牵头单位:{units[0]}；配合单位:{'、'.join(units[1:])})")
    document = member(table(plan, "tasks", "docx"), "word/document.xml")
    cell = re.search(r"<w:tc>(?:(?!</w:tc>).)*市第1某某局(?:(?!</w:tc>).)*</w:tc>", document).group()
    shown = "".join("\n" if part == "<w:br/>" else part for part in re.findall(r"<w:br/>|(?<=>)[^<]+(?=</w:t>)", cell))
    assert "\n" in shown and all(line.rstrip("、") in units for text in shown.split("\n") for line in text.split("、") if line)


# XLSX: the 任务分工表 first, print settings, Chinese legend.

def test_workbook_opens_on_the_task_table_and_prints_as_a_gongwen_attachment():
    import openpyxl

    data = workbook(qlmatrix.load(EXAMPLES[1]))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["任务分工表", "RACI 矩阵", "责任清单", "图例"]
    for sheet in book.worksheets[:3]:
        assert sheet.page_setup.paperSize == 9 and sheet.print_title_rows == "$3:$3"
        assert "&P" in sheet.oddFooter.right.text and "&P" in sheet.evenFooter.left.text
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert {cell.font.name for row in book["任务分工表"].iter_rows(min_row=4) for cell in row if cell.value} <= {"仿宋", "黑体"}
    legend = [[cell.value for cell in row] for row in book["图例"].iter_rows()]
    assert legend[0] == ["字母", "角色", "含义"] and not any(re.search("[a-z]{4}", str(v)) for r in legend for v in r)


def test_english_output_gets_an_english_legend():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook(qlmatrix.load(EXAMPLES[0]), lang="en")))
    assert book.sheetnames[-1] == "Legend"
    assert [cell.value for cell in book["Legend"][1]] == ["letter", "role", "meaning"]


def test_a_table_without_letters_has_no_legend_sheet():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(table(qlmatrix.load(EXAMPLES[0]), "tasks", "xlsx")))
    assert book.sheetnames == ["任务分工表"]


def test_a_sheet_wider_than_a_page_prints_across_pages_repeating_its_key_columns(wide):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(table(wide, "raci", "xlsx")))
    sheet = book.worksheets[0]
    assert sheet.print_title_cols == "$A:$B" and not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.cell(3, 3).alignment.textRotation == 255  # unit names stacked down narrow columns


def test_strings_never_become_formulas_and_escapes_stay_literal():
    import openpyxl

    from qlmatrix.render.table import Cell, Column, Group, Table
    from qlmatrix.render.xlsx import to_xlsx

    built = Table("tasks", "t", [Column("a"), Column("b")], [Group(None, [(Cell("=1+1"), Cell("a_x0041_b"))])])
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([built])))
    values = {cell.value for row in book.worksheets[0].iter_rows() for cell in row}
    assert "=1+1" in values and "a_x0041_b" in values


# JSON: the shape, and its size grows with the assignments.

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("view", VIEWS)
def test_table_json_follows_its_schema_and_holds_every_filled_cell(path, view):
    plan = qlmatrix.load(path)
    data = json.loads(table(plan, view, "json"))
    jsonschema.validate(data, SCHEMA)
    built = build_table(plan, view)
    cells = [(cell["col"], cell["text"]) for group in data["groups"] for row in group["rows"] for cell in row]
    assert cells == [(col, cell.text) for row in built.rows for col, cell in filled(row)]


def test_raci_json_grows_with_assignments_not_with_units():
    few = qlmatrix.loads(qlmatrix.dumps(generate(400, units=40, seed=1)))
    many = qlmatrix.loads(qlmatrix.dumps(generate(400, units=400, seed=1)))
    assignments = [sum(len(entry.holdings) for entry in qlmatrix.resolve(plan).tasks) for plan in (few, many)]
    sizes = [len(table(plan, "raci", "json")) for plan in (few, many)]
    columns = [len(build_table(plan, "raci").columns) for plan in (few, many)]
    assert columns[1] > 4 * columns[0]
    # Per assignment, the two files are about the same size (the column titles aside).
    per = [(size - 40 * column) / count for size, column, count in zip(sizes, columns, assignments)]
    assert per[1] < 1.3 * per[0]


# Conflicts (a unit holding several roles on one task) as the terminal, Markdown and HTML show them:
# red and bold, and marked `!`, which survives black-and-white printing.

CONFLICT_PLAN = ROOT / "tests" / "golden" / "render" / "fixture.qlm"


def test_a_docx_conflict_cell_is_red_bold_and_marked():
    document = member(table(qlmatrix.load(CONFLICT_PLAN), "raci", "docx"), "word/document.xml")
    cell = re.search(r"<w:tc>(?:(?!</w:tc>).)*>R/I!</w:t>(?:(?!</w:tc>).)*</w:tc>", document)
    assert cell and 'w:fill="FF9999"' in cell.group() and "<w:b/>" in cell.group()
    assert ">R/I<" not in document  # no conflict left unmarked
    assert "冲突（红底加粗）：同一单位在同一任务中兼有多个角色" in document and "（如 A/I!）" in document


def test_an_xlsx_conflict_cell_is_red_bold_and_marked_and_the_legend_explains_it():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook(qlmatrix.load(CONFLICT_PLAN))))
    cells = [cell for row in book["RACI 矩阵"].iter_rows() for cell in row if cell.value in ("R/I", "R/I!")]
    assert cells and all(cell.value == "R/I!" and cell.font.bold and cell.fill.fgColor.rgb == "FFFF9999" for cell in cells)
    legend = [[cell.value for cell in row] for row in book["图例"].iter_rows()]
    assert ["A/I!", "冲突"] == legend[6][:2] and "应予调整" in legend[6][2]
    english = openpyxl.load_workbook(io.BytesIO(workbook(qlmatrix.load(CONFLICT_PLAN), lang="en")))
    assert [cell.value for cell in english["Legend"][7]][:2] == ["A/I!", "conflict"]
