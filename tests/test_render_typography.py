"""Generated Chinese uses full-width punctuation: no half-width `:` `,` `(` between Chinese characters,
in every view and format: terminal, Markdown, HTML, CSV, JSON, diagrams, and the text of the DOCX and XLSX (their
XML unzipped and read: the document, its footers, the workbook's strings and the footers' text).

Text copied from the plan stays as the plan wrote it (the 咸宁 plan writes `(一)` and
`(责任单位:…)`), so every string the plan holds is blanked out first; what is left is what
qlmatrix wrote: legends, headings, footers and phrases such as `依据：` and `（会同）`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html import unescape
from pathlib import Path

import attrs
import pytest

import qlmatrix
from qlmatrix.render import build_table, diagram_parts, table, workbook
from qlmatrix.render.text import to_terminal

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "xianning-gaoxin.qlm", ROOT / "examples" / "xiangyang.qlm"]
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"
HALF_WIDTH = re.compile(rf"{CJK}[:,(]|[:,(]{CJK}")


def plan_strings(value: object, found: set[str]) -> set[str]:
    """Every string inside the plan's model (titles, names, numbers, cadences, ...)."""
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            plan_strings(item, found)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            plan_strings(getattr(value, field.name), found)
        if hasattr(value, "period"):  # a cadence is shown as its str()
            found.add(str(value))
    return found


def generated(text: str, plan: qlmatrix.Plan) -> str:
    for copied in sorted(plan_strings(plan, set()), key=len, reverse=True):
        if len(copied) > 1:
            text = text.replace(copied, "□")
    return text


def outputs(plan: qlmatrix.Plan) -> dict[str, str]:
    found = {}
    for view in ("tasks", "raci", "units"):
        # Wide enough that no cell wraps: a plan's text cut over two lines would not be blanked out.
        built = build_table(plan, view)
        unbounded = attrs.evolve(built, columns=[attrs.evolve(column, max_width=100000) for column in built.columns])
        found[f"{view}.txt"] = to_terminal(unbounded, width=10**6)
        found[f"{view}.md"] = str(table(plan, view, "md"))
        page = re.sub(r"<style>.*?</style>", "", str(table(plan, view, "html")), flags=re.S)  # CSS is no text
        found[f"{view}.html"] = unescape(re.sub(r"<[^>]+>", "", page))
        found[f"{view}.docx"] = docx_text(table(plan, view, "docx"))
        # CSV and JSON: their cells and strings, not the commas and colons of the format itself.
        found[f"{view}.csv"] = "\n".join(cell for row in csv.reader(io.StringIO(str(table(plan, view, "csv")))) for cell in row)
        found[f"{view}.json"] = "\n".join(json_strings(json.loads(str(table(plan, view, "json")))))
    found["tables.xlsx"] = xlsx_text(workbook(plan))
    for view, split in (("org", "none"), ("responsibility", "none"), ("responsibility", "section")):
        for number, (_, source) in enumerate(diagram_parts(plan, view, split=split), start=1):
            # The labels' lines joined again (a wrapped name is whole again), markup dropped.
            joined = source.replace("\\n", "").replace("<BR/>", "")
            found[f"{view}-{split}-{number}.dot"] = unescape(re.sub(r"<[^>]+>", "", joined))
    return found


def json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in json_strings(item)]


def xml_text(xml: str, paragraph: str, broken: str) -> str:
    """The characters of an OOXML part: each paragraph (cell, string) on a line of its own, and
    the lines the emitter broke a text into joined again, so a plan's text is whole to blank out."""
    xml = re.sub(broken, "", xml)
    xml = re.sub(paragraph, "\n", xml)
    return unescape(re.sub(r"<[^>]+>", "", xml))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [name for name in archive.namelist() if re.fullmatch(r"word/(document|footer\d*|header\d*)\.xml", name)]
        assert "word/document.xml" in parts
        return "\n".join(xml_text(archive.read(name).decode("utf-8"), r"</w:p>|</w:tc>", r"<w:br/>") for name in parts)


def xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = xml_text(archive.read("xl/sharedStrings.xml").decode("utf-8"), r"</si>", r"\n")
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        # A footer's text, its codes (`&"宋体,常规"` names a font, `&14` a size, `&P` the page) dropped.
        footers = [re.sub(r'&"[^"]*"|&\d+|&[A-Z]', "", unescape(footer)) for name in sheets
                   for footer in re.findall(r"<(?:odd|even)Footer>(.*?)</", archive.read(name).decode("utf-8"))]
        names = re.findall(r'<sheet name="([^"]+)"', archive.read("xl/workbook.xml").decode("utf-8"))
        return "\n".join([strings, *footers, *names])


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_generated_chinese_uses_full_width_punctuation(path):
    plan = qlmatrix.load(path)
    for name, text in outputs(plan).items():
        left = generated(text, plan)
        bad = [left[max(0, m.start() - 8):m.end() + 8] for m in HALF_WIDTH.finditer(left)]
        assert not bad, (name, bad)


def test_the_scan_finds_what_it_looks_for():
    plan = qlmatrix.load(EXAMPLES[0])
    assert HALF_WIDTH.search(generated("依据:咸发", plan)) and HALF_WIDTH.search("牵头单位,对任务负总责")
    assert not HALF_WIDTH.search(generated("依据：咸发〔2021〕12号", plan))


def test_the_office_text_is_read_whole():
    plan = qlmatrix.load(EXAMPLES[1])
    texts = outputs(plan)
    # What is scanned holds the table's texts (the legend, a unit list broken over lines joined again).
    assert "图例：" in texts["raci.docx"] and "市纪委监委派驻机构、其他责任单位（会同）" in texts["tasks.docx"]
    assert "发文：市委" in texts["tasks.json"] and "牵头单位" in texts["tasks.csv"].split("\n")
    assert "冲突" in texts["tables.xlsx"] and "任务分工表" in texts["tables.xlsx"] and "—  —" in texts["tables.xlsx"]
