"""A table set as a 公文 attachment: `附件` or `附件1` above the title, in 3号黑体, flush left (GB/T 9704).

`qlm table --attachment [N]` and `qlm render --attachment [N]` set the label
on the DOCX and XLSX (the formats that print as an attachment); LibreOffice
prints it on the first line, left of and above the centred title.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.shared import Pt

import qlmatrix
from qlmatrix.cli import main
from qlmatrix.render import build_table, emit_table, table, workbook
from qlmatrix.render.gongwen import attachment_label

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "xianning-gaoxin.qlm"
PLAN = qlmatrix.load(EXAMPLE)
TITLE = "清廉高新区建设实施意见 · 任务分工表"


def test_the_label_is_the_word_and_its_number():
    assert (attachment_label(), attachment_label(1), attachment_label(12)) == ("附件", "附件1", "附件12")
    with pytest.raises(ValueError):
        attachment_label(0)


def test_docx_sets_the_label_above_the_title_in_3hao_heiti():
    data = table(PLAN, "tasks", "docx", attachment="附件1")
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    label, title = paragraphs[0], paragraphs[1]
    assert label.text == "附件1" and title.text == TITLE
    (run,) = label.runs
    assert run.font.size == Pt(16) and run.font.name == "黑体"  # the digit in 黑体 too
    first = re.search(r"<w:p>.*?</w:p>", zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()).group()
    assert 'w:eastAsia="黑体"' in first and "附件1" in first
    assert label.alignment is None or label.alignment == 0  # left (flush with the 版心)
    assert title.alignment == 1  # centred
    plain = docx.Document(io.BytesIO(table(PLAN, "tasks", "docx"))).paragraphs
    assert plain[0].text == TITLE  # no label unless asked


def test_xlsx_sets_the_label_on_the_first_row_and_moves_the_table_down():
    sheet = openpyxl.load_workbook(io.BytesIO(table(PLAN, "tasks", "xlsx", attachment="附件"))).worksheets[0]
    assert sheet["A1"].value == "附件" and sheet["A1"].font.name == "黑体" and sheet["A1"].font.sz == 16
    assert sheet["A1"].alignment.horizontal == "left"
    assert sheet["A2"].value == TITLE and sheet["A4"].value == "序号"
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"  # the header row repeats on every printed page
    plain = openpyxl.load_workbook(io.BytesIO(table(PLAN, "tasks", "xlsx"))).worksheets[0]
    assert plain["A1"].value == TITLE and plain["A3"].value == "序号" and plain.freeze_panes == "A4"


def test_a_workbook_labels_every_view_and_not_the_legend():
    book = openpyxl.load_workbook(io.BytesIO(workbook(PLAN, attachment="附件2")))
    assert [sheet["A1"].value for sheet in book.worksheets] == ["附件2", "附件2", "附件2", "字母"]


@pytest.mark.parametrize("fmt", ["term", "md", "html", "csv", "json"])
def test_other_formats_refuse_a_label(fmt):
    with pytest.raises(ValueError, match="DOCX|docx"):
        emit_table(build_table(PLAN, "tasks"), fmt, attachment="附件")


def test_qlm_table_attachment(tmp_path, capsys):
    out = tmp_path / "分工表.docx"
    assert main(["table", str(EXAMPLE), "--attachment", "3", "-o", str(out), "--allow-errors"]) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "附件3"
    assert main(["table", str(EXAMPLE), "--attachment", "-o", str(tmp_path / "t.xlsx"), "--allow-errors"]) == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]["A1"].value == "附件"
    capsys.readouterr()
    assert main(["table", str(EXAMPLE), "--attachment", "--allow-errors", "--lang", "en"]) == 2
    assert "--attachment is for DOCX and XLSX, not term" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit:
        main(["table", str(EXAMPLE), "--attachment", "0", "-o", str(tmp_path / "x.docx"), "--lang", "zh"])
    assert exit.value.code == 2 and "附件序号应为从 1 起的整数" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_qlm_render_labels_only_what_prints_as_an_attachment(tmp_path):
    assert main(["render", str(EXAMPLE), "-o", str(tmp_path), "--attachment", "1", "--allow-errors"]) == 0
    assert docx.Document(str(tmp_path / "units.docx")).paragraphs[0].text == "附件1"
    assert openpyxl.load_workbook(tmp_path / "tables.xlsx").worksheets[0]["A1"].value == "附件1"
    for name in ("tasks.md", "tasks.html", "tasks.txt", "tasks.csv", "tasks.json"):
        assert "附件1" not in (tmp_path / name).read_text(encoding="utf-8-sig"), name


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def test_libreoffice_prints_the_label_flush_left_above_the_title(tmp_path):
    soffice = shutil.which("soffice")
    assert soffice and shutil.which("pdftotext"), "LibreOffice and poppler are needed: run scripts/setup.sh"
    (tmp_path / "docx").mkdir()
    (tmp_path / "xlsx").mkdir()
    (tmp_path / "docx" / "t.docx").write_bytes(table(PLAN, "tasks", "docx", attachment="附件1"))
    (tmp_path / "xlsx" / "t.xlsx").write_bytes(table(PLAN, "tasks", "xlsx", attachment="附件1"))
    profile = tmp_path / "profile"
    for kind in ("docx", "xlsx"):
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / kind), str(tmp_path / kind / f"t.{kind}")],
                       capture_output=True, check=True, timeout=300)
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / kind / "t.pdf"), "-"],
                               capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
        words = [(float(x0), float(y0), float(y1), html.unescape(text)) for x0, y0, _, y1, text in WORD.findall(boxes)]
        label = next(word for word in words if word[3].startswith("附件"))
        title = next(word for word in words if word[3].startswith("清廉高新区"))
        assert label == min(words, key=lambda word: word[1]), kind  # the first line of the page
        assert label[2] <= title[1] + 1, kind  # above the title
        assert label[0] < title[0] - 20 or kind == "xlsx", kind  # the DOCX title is centred, the label flush left
        assert label[0] <= min(word[0] for word in words) + 1, kind  # nothing starts further left
        assert "".join(word[3] for word in words if abs(word[1] - label[1]) < 2).replace(" ", "") == "附件1", kind
