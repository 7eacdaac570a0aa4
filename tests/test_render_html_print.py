"""The HTML 任务分工表 as a 公文 attachment: names never break, A4 with page numbers, header on every page.

Checked in the markup and, printed by headless Chromium to PDF, with `pdftotext -layout`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.render import build_table, table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {path.stem: path for path in [ROOT / "examples" / "xianning-gaoxin.qlm", ROOT / "examples" / "xiangyang.qlm"]}
FIXTURE = ROOT / "tests" / "golden" / "render" / "fixture.qlm"


def test_every_unit_is_an_unbreakable_span_and_breaks_fall_between_units():
    page = str(table(qlmatrix.load(EXAMPLES["xiangyang"]), "tasks", "html"))
    assert '<span class="u">市纪委监委派驻机构、</span><wbr><span class="u">其他责任单位（会同）</span>' in page
    assert '<span class="u">市委直属机关工委</span>' in page
    assert '<span class="u">到“十四五”末</span>' in page and '<span class="u">每半年至少一次</span>' in page
    assert '<th scope="col"><span class="u">完成时限/频次</span></th>' in page
    assert '<th scope="col"><span class="u">序号</span></th>' in page
    assert ".qlm-table .u { white-space: nowrap; }" in page and "word-break: keep-all" in page


def test_widths_come_from_the_content():
    page = str(table(qlmatrix.load(EXAMPLES["xianning-gaoxin"]), "tasks", "html"))
    cols = re.search(r"<colgroup>(.*?)</colgroup>", page).group(1)
    widths = re.findall(r'<col(?: style="width: ([\d.]+)em")?>', cols)
    assert widths[1] == ""  # 重点任务 takes the rest of the page
    serial, lead = float(widths[0]), float(widths[2])
    assert 3 <= serial < 5 and lead >= len("高新区党工委") / 2  # 序号 fits `（一）`, not a fifth of the page


def test_the_page_is_a4_with_gbt_9704_margins_and_page_numbers():
    page = str(table(qlmatrix.load(EXAMPLES["xiangyang"]), "tasks", "html"))
    assert "@page { size: A4 landscape; margin: 28mm 37mm 26mm 35mm; }" in page
    assert '@page :right { @bottom-right { content: "— " counter(page) " —";' in page
    assert "thead { display: table-header-group; }" in page
    assert '"仿宋_GB2312"' in page and '"黑体"' in page and '"方正小标宋简体"' in page
    narrow = str(table(qlmatrix.loads("单位 纪监委\n章 一、总则 { 任务 (一) 严格督查问责 { 牵头: 纪监委 } }"), "tasks", "html"))
    assert "@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }" in narrow


def test_the_task_table_has_no_letter_legend_and_the_matrix_legend_is_chinese():
    plan = qlmatrix.load(FIXTURE)
    tasks = str(table(plan, "tasks", "html"))
    assert "图例" not in tasks and 'class="legend"' not in tasks
    raci = str(table(plan, "raci", "html"))
    legend = re.search(r'<table class="legend">.*?</table>', raci, re.S).group(0)
    assert "牵头单位，对任务负总责" in legend
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", legend))  # no English lines


def test_a_conflict_cell_is_marked_in_colour_and_in_black_and_white():
    raci = str(table(qlmatrix.load(FIXTURE), "raci", "html"))
    assert re.search(r'<td class="letter short conflict" title="冲突：[^"]*"><span class="u">R/I!</span></td>', raci)
    assert ".qlm-table td.conflict { background: #FF9999;" in raci


def pdf_text(html: str, tmp_path: Path, name: str) -> tuple[str, int]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is not installed (the set-up installs it)"
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'chromium-profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    return text, int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.chromium
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_printed_to_a4_no_name_breaks_and_every_page_has_its_header_and_number(name, tmp_path):
    plan = qlmatrix.load(EXAMPLES[name])
    built = build_table(plan, "tasks")
    text, pages = pdf_text(str(table(plan, "tasks", "html")), tmp_path, name)
    lines = text.splitlines()
    units = {part.removesuffix("（会同）") for row in built.rows for cell in row[2:4] for part in cell.text.split("、") if part}
    for unit in sorted(units):  # pdftotext puts a wrapped cell's lines apart: a split name is not found whole
        assert any(unit in line for line in lines), unit
    timings = {row[4].text for row in built.rows if row[4].text}
    for timing in sorted(timings):
        assert any(timing in line for line in lines), timing
    assert 1 <= pages <= max(2, len(built.rows) // 5)
    assert text.count("序号") == pages and text.count("完成时限/频次") == pages  # the header repeats
    for number in range(1, pages + 1):
        assert re.search(rf"—\s*{number}\s*—", text), number


def test_a_matrix_wider_than_the_page_prints_in_panels_repeating_the_task():
    from qlmatrix.gen import generate
    from qlmatrix.render.html import column_panels

    built = build_table(generate(100, seed=3), "raci")
    panels = column_panels(built)
    assert len(panels) > 1 and all(panel[:2] == [0, 1] for panel in panels)
    assert sorted({col for panel in panels for col in panel}) == list(range(len(built.columns)))
    page = str(table(generate(100, seed=3), "raci", "html"))
    assert page.count('<table class="main">') == len(panels) and "size: A4 landscape" in page
    assert f"（第 2 部分，共 {len(panels)} 部分）" in page
    assert len(column_panels(build_table(qlmatrix.load(EXAMPLES["xianning-gaoxin"]), "raci"))) == 1


def test_a_panel_holds_the_rows_with_a_role_in_its_units_and_every_letter_prints_once():
    """As a DOCX part does: a row shows in the panels of the units it names (and a row naming nobody in
    the first), so the HTML grows with the assignments, not with tasks × units."""
    from lxml import html as lxml_html

    from qlmatrix.gen import generate
    from qlmatrix.render.html import column_panels

    plan = generate(100, seed=3)
    built = build_table(plan, "raci")
    panels = column_panels(built)
    tree = lxml_html.fromstring(str(table(plan, "raci", "html")))
    printed = tree.xpath('//table[@class="main"]')
    assert len(printed) == len(panels) > 1
    letters_wanted = sum(1 for row in built.rows for col in range(2, len(built.columns)) if row[col].text)
    letters_printed = 0
    for panel, element in zip(panels, printed):
        names = [th.text_content() for th in element.xpath("./thead//th")][2:]
        assert names == [built.columns[col].title for col in panel[2:]]
        for tr in element.xpath("./tbody/tr[not(@class)]"):
            cells = [td.text_content() for td in tr.xpath("./td")][2:]
            assert len(cells) == len(panel) - 2
            letters_printed += sum(1 for text in cells if text)
            assert any(cells) or panel is panels[0], "a row in a later panel names a unit of it"
    assert letters_printed == letters_wanted
    assert len(printed[-1].xpath("./tbody/tr[not(@class)]")) < len(built.rows)
