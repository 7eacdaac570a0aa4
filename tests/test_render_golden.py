"""Golden files for every table view × format and both diagrams' DOT.

On tests/golden/render/fixture.qlm (every role and edge case) and on both
bundled examples (goldens under tests/golden/render/examples/NAME/).

Text formats are compared byte for byte. XLSX and DOCX are compared by
content (cells, fills, merges, widths, fonts), dumped to text, since their
bytes depend on the library version; on one machine they are also checked
to be byte-identical across runs. Rewrite with `pytest --update-goldens`.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.render import VIEWS, diagram, table, workbook

HERE = Path(__file__).resolve().parent / "golden" / "render"
TEXT_FORMATS = {"term": "txt", "md": "md", "html": "html", "csv": "csv", "json": "json"}


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: plan name -> (its .qlm file, the folder of its golden files)
PLANS = {
    "fixture": (HERE / "fixture.qlm", HERE),
    "xianning-gaoxin": (EXAMPLES / "xianning-gaoxin.qlm", HERE / "examples" / "xianning-gaoxin"),
    "xiangyang": (EXAMPLES / "xiangyang.qlm", HERE / "examples" / "xiangyang"),
}


@pytest.fixture(scope="module", params=list(PLANS))
def named_plan(request):
    source, folder = PLANS[request.param]
    folder.mkdir(parents=True, exist_ok=True)
    return qlmatrix.load(source), folder


@pytest.fixture(scope="module")
def plan():
    return qlmatrix.load(HERE / "fixture.qlm")


@pytest.fixture
def golden_bytes(request):
    update = request.config.getoption("--update-goldens")

    def compare(path: Path, actual: bytes) -> None:
        if update:
            path.write_bytes(actual)
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing: run pytest --update-goldens and review it")
        assert actual == path.read_bytes(), f"output differs from {path} (pytest --update-goldens rewrites it)"

    return compare


def xlsx_content(data: bytes) -> str:
    """Every sheet's cells (type, value, fill), merges, frozen panes and column widths, as text."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for sheet in book.worksheets:
        out.append(f"# sheet {sheet.title} freeze={sheet.freeze_panes} merged={sorted(str(r) for r in sheet.merged_cells.ranges)}")
        widths = {key: dim.width for key, dim in sorted(sheet.column_dimensions.items()) if dim.width}
        out.append(f"widths={widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
                bold = " bold" if cell.font and cell.font.b else ""
                out.append(f"{cell.coordinate} {cell.data_type} {cell.value!r} fill={fill} font={cell.font.name}{bold}")
    return "\n".join(out) + "\n"


def docx_content(data: bytes) -> str:
    """Page set-up, default fonts, paragraphs, and each table's grid and rows (cells with their
    width and shading, header rows marked), read from the document's XML as text."""
    import zipfile
    from xml.etree import ElementTree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{w}body")
        styles = ElementTree.fromstring(archive.read("word/styles.xml"))
    fonts = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}rFonts")
    size = body.find(f"{w}sectPr/{w}pgSz")
    out = [
        f"page {size.get(f'{w}w')}x{size.get(f'{w}h')} twips orientation={size.get(f'{w}orient') or 'portrait'}",
        f"normal font ascii={fonts.get(f'{w}ascii')} eastAsia={fonts.get(f'{w}eastAsia')}",
    ]

    def text(element) -> str:
        return "".join("\n" if node.tag == f"{w}br" else (node.text or "") for node in element.iter()
                       if node.tag in (f"{w}t", f"{w}br"))

    for child in body:
        if child.tag == f"{w}p":
            out.append(f"p {text(child)!r}")
        elif child.tag == f"{w}tbl":
            out.append("grid " + " ".join(col.get(f"{w}w") for col in child.iter(f"{w}gridCol")))
            for row in child.iter(f"{w}tr"):
                cells = []
                for cell in row.iter(f"{w}tc"):
                    shade = cell.find(f"{w}tcPr/{w}shd")
                    fill = f"[{shade.get(f'{w}fill')}]" if shade is not None else ""
                    cells.append(text(cell).replace("\n", "⏎") + fill)
                header = " (header)" if row.find(f"{w}trPr/{w}tblHeader") is not None else ""
                out.append("| " + " | ".join(cells) + " |" + header)
    return "\n".join(out) + "\n"


def docx_widths_agree(data: bytes) -> None:
    """Every row's cells are as wide as the grid's columns they span (LibreOffice draws the grid)."""
    import zipfile
    from xml.etree import ElementTree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{w}body")
    for grid_table in body.iter(f"{w}tbl"):
        grid = [int(col.get(f"{w}w")) for col in grid_table.iter(f"{w}gridCol")]
        for row in grid_table.iter(f"{w}tr"):
            col = 0
            for cell in row.iter(f"{w}tc"):
                span = cell.find(f"{w}tcPr/{w}gridSpan")
                count = int(span.get(f"{w}val")) if span is not None else 1
                assert int(cell.find(f"{w}tcPr/{w}tcW").get(f"{w}w")) == sum(grid[col:col + count])
                col += count
            assert col == len(grid)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats(named_plan, golden_bytes, view, fmt):
    plan, folder = named_plan
    text = table(plan, view, fmt)
    golden_bytes(folder / f"{view}.{TEXT_FORMATS[fmt]}", text.encode("utf-8"))


@pytest.mark.parametrize("view", VIEWS)
def test_xlsx_content(named_plan, golden, view):
    plan, folder = named_plan
    golden(folder / f"{view}.xlsx.txt", xlsx_content(table(plan, view, "xlsx")))


def test_workbook_has_a_sheet_per_view_and_a_legend(plan, golden):
    data = workbook(plan)
    golden(HERE / "workbook.xlsx.txt", xlsx_content(data))
    assert [line.split()[2] for line in xlsx_content(data).splitlines() if line.startswith("# sheet")] == [
        "任务分工表",
        "RACI",
        "责任清单",
        "图例",
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_docx_content(named_plan, golden, view):
    plan, folder = named_plan
    data = table(plan, view, "docx")
    golden(folder / f"{view}.docx.txt", docx_content(data))
    docx_widths_agree(data)


@pytest.mark.parametrize("view", ("org", "responsibility"))
def test_dot(named_plan, golden, view):
    plan, folder = named_plan
    golden(folder / f"{view}.dot", diagram(plan, view, "dot"))


@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "xlsx", "docx"])
def test_same_plan_same_bytes(plan, fmt):
    """Deterministic output: re-rendering (and re-reading) the plan gives identical bytes."""
    again = qlmatrix.load(HERE / "fixture.qlm")
    for view in VIEWS:
        assert table(plan, view, fmt) == table(again, view, fmt)


def test_examples_render_in_every_format():
    """The bundled examples (the "1+7" one with includes too) render in every view and format."""
    root = Path(__file__).resolve().parent.parent / "examples"
    for path in sorted(root.glob("*.qlm")):
        example = qlmatrix.load(path)
        for view in VIEWS:
            for fmt in [*TEXT_FORMATS, "xlsx", "docx"]:
                assert table(example, view, fmt)
        for view in ("org", "responsibility"):
            assert "digraph" in diagram(example, view, "dot")
