"""The ledger's fill-in workbooks, written by `render.sheetml`: what a reader sees in them.

tests/data/ledger/template-reference.json is what openpyxl read from the
workbooks xlsxwriter wrote, before sheetml replaced it (the 8 templates of
the revised 咸宁 plan, and one of an untitled plan): every cell's value and
whether it is locked, each column's width, whether it is hidden and
whether its blank cells are open, the drop-down list, the protection, the
merged title, the frozen panes and the document properties. The workbooks
now written must read the same. LibreOffice must read them too: it
converts one to PDF (the text is all there) and back to XLSX (the drop-down
list and the protection survive, so it understood them).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from qlmatrix.cli import main
from qlmatrix.ledger import templates
from qlmatrix.parser import read_file, read_text
from qlmatrix.progress import loads_progress
from qlmatrix.render.sheetforms import ListValidation, Protection
from qlmatrix.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
REVISED = ROOT / "tests" / "data" / "revision" / "xianning-gaoxin-revised.qlm"
REFERENCE = ROOT / "tests" / "data" / "ledger" / "template-reference.json"
UNTITLED = "单位 甲局\n单位 乙局\n任务 (一) 某项 { 牵头: 甲局; 配合: 乙局; 时限: 2022年6月底前 }\n"
PROTECTION = ("sheet", "objects", "scenarios", "formatCells", "formatColumns", "formatRows", "insertColumns",
              "insertRows", "insertHyperlinks", "deleteColumns", "deleteRows", "selectLockedCells",
              "selectUnlockedCells", "sort", "autoFilter", "pivotTables", "password")
VALIDATION = ("type", "formula1", "allow_blank", "showInputMessage", "showErrorMessage", "errorTitle", "error",
              "promptTitle", "prompt")


def signature(data: bytes) -> dict:
    """What openpyxl reads of a fill-in workbook (the shape of the reference file)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["进展填报"]
    columns = {}
    for dimension in sheet.column_dimensions.values():  # a dimension may span several columns
        for col in range(dimension.min, dimension.max + 1):
            columns[col] = [round(dimension.width, 4), dimension.hidden, dimension.protection.locked]
    return {
        "protection": {name: getattr(sheet.protection, name) for name in PROTECTION},
        "validations": [{name: getattr(v, name) for name in VALIDATION} | {"sqref": str(v.sqref)}
                        for v in sheet.data_validations.dataValidation],
        "cells": [[[cell.value, cell.protection.locked] for cell in row] for row in sheet.iter_rows()],
        "columns": [columns[col] for col in sorted(columns)],
        "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "freeze": sheet.freeze_panes,
        "title": book.properties.title,
        "subject": book.properties.subject,
    }


def written() -> dict[str, bytes]:
    made = {t.filename: t.data for t in templates(resolve(read_file(REVISED).plan))}
    made.update({"untitled/" + t.filename: t.data for t in templates(resolve(read_text(UNTITLED).plan))})
    return made


def test_the_workbooks_read_as_the_ones_xlsxwriter_wrote():
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    made = written()
    assert sorted(made) == sorted(reference)
    for name, data in made.items():
        found = json.loads(json.dumps(signature(data), ensure_ascii=False))  # tuples as lists, as the file has them
        for part, expected in reference[name].items():
            assert found[part] == expected, (name, part)


def test_the_reference_is_not_vacuous():
    sheet = json.loads(REFERENCE.read_text(encoding="utf-8"))["纪监委.xlsx"]
    assert sheet["protection"]["sheet"] and not sheet["protection"]["formatColumns"]
    assert sheet["validations"][0]["sqref"] == "G4:G6"
    assert [locked for _, locked in sheet["cells"][3]] == [True] * 5 + [False] * 5 + [True] * 2
    assert [hidden for _, hidden, _ in sheet["columns"]] == [False] * 10 + [True] * 2


def test_writing_them_needs_no_xlsxwriter(monkeypatch):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # `import xlsxwriter` now fails
    assert len(templates(resolve(read_text(UNTITLED).plan))) == 1


def test_a_filled_template_is_collected(tmp_path, capsys):
    """Template -> filled in as a person would (openpyxl edits the open cells) -> `qlm ledger collect`."""
    shutil.copy(REVISED, tmp_path / "plan.qlm")
    assert main(["ledger", "template", str(tmp_path / "plan.qlm"), "--by-unit", "-o", str(tmp_path / "out"),
                 "--allow-errors"]) == 0
    source = tmp_path / "out" / "纪监委.xlsx"
    book = openpyxl.load_workbook(source)
    sheet = book["进展填报"]
    sheet.cell(4, 6).value = "立案审查违纪违法案件2件"
    sheet.cell(4, 7).value = "序时推进"
    sheet.cell(6, 6).value = "已开展专项督查一次"
    sheet.cell(6, 7).value = "已完成"
    book.save(tmp_path / "纪监委.xlsx")
    assert main(["ledger", "collect", str(tmp_path / "plan.qlm"), str(tmp_path / "纪监委.xlsx"),
                 "--as-of", "2022-07-05", "--allow-errors", "--lang", "en"]) == 0
    log = loads_progress((tmp_path / "plan.progress.jsonl").read_text(encoding="utf-8"))
    assert [(r.task, r.unit, r.status, r.progress) for r in log.records] == [
        ("二(四)", "纪监委", "序时推进", "立案审查违纪违法案件2件"), ("四(三)", "纪监委", "已完成", "已开展专项督查一次")]
    assert "recorded 2 returns of 1 unit as of 2022-07-05" in capsys.readouterr().err


@pytest.fixture(scope="module")
def through_libreoffice(tmp_path_factory) -> tuple[str, bytes]:
    """纪监委's workbook as LibreOffice reads it: the text of its PDF, and the XLSX it writes back."""
    soffice = shutil.which("soffice")
    assert soffice and shutil.which("pdftotext"), "LibreOffice and poppler are needed: run scripts/setup.sh"
    folder = tmp_path_factory.mktemp("ledger-office")
    (folder / "纪监委.xlsx").write_bytes(written()["纪监委.xlsx"])
    profile = tmp_path_factory.mktemp("ledger-office-profile")
    for target, out in (("pdf", "pdf"), ("xlsx:Calc MS Excel 2007 XML", "back")):
        (folder / out).mkdir()
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                        "--outdir", str(folder / out), str(folder / "纪监委.xlsx")],
                       capture_output=True, check=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(folder / "pdf" / "纪监委.pdf"), "-"], capture_output=True,
                          check=True, timeout=60).stdout.decode("utf-8")
    return text, (folder / "back" / "纪监委.xlsx").read_bytes()


def test_libreoffice_prints_the_workbook(through_libreoffice):
    text, _ = through_libreoffice
    for shown in ("清廉高新区建设实施意见 进展情况填报表", "填报单位：纪监委", "重点任务", "完成状态", "二(四)",
                  "全面加强纪律建设"):
        assert shown in text, shown


def test_libreoffice_keeps_the_drop_down_list_and_the_protection(through_libreoffice):
    _, back = through_libreoffice
    sheet = openpyxl.load_workbook(io.BytesIO(back))["进展填报"]
    assert sheet.protection.sheet
    [validation] = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref)) == (
        "list", '"已完成,序时推进,滞后,未启动"', "G4:G6")
    assert not sheet.protection.formatColumns and not sheet.protection.formatRows  # resizing stays allowed
    # LibreOffice leaves out the open blank cells, which take their column's format: open.
    assert sheet.cell(4, 2).protection.locked
    open_columns = {col for d in sheet.column_dimensions.values() if not d.protection.locked
                    for col in range(d.min, d.max + 1)}  # LibreOffice writes I:J as one
    assert open_columns == {6, 7, 8, 9, 10}
    assert sheet.column_dimensions["K"].hidden


def test_a_drop_down_list_refuses_choices_excel_cannot_list():
    with pytest.raises(ValueError, match="comma"):
        ListValidation("A1:A2", ("甲,乙",))
    with pytest.raises(ValueError, match="255"):
        ListValidation("A1:A2", ("甲" * 200, "乙" * 60))
    assert '<formula1>"甲,&lt;乙&gt;"</formula1>' in ListValidation("A1:A2", ("甲", "<乙>")).xml()


def test_protection_allows_only_what_it_is_asked_to():
    assert Protection().xml() == '<sheetProtection sheet="1" objects="1" scenarios="1"/>'
    assert 'formatColumns="0" formatRows="0"' in Protection(format_columns=True, format_rows=True).xml()


def test_a_template_prints_landscape_on_the_page_width_with_its_heading_on_every_page():
    sheet = openpyxl.load_workbook(io.BytesIO(written()["纪监委.xlsx"]))["进展填报"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize in (9, "9")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (1, "1")
    assert sheet.print_title_rows == "$3:$3"
