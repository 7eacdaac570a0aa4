"""`qlm import` on documents that are broken, foreign or hostile: the output always parses, nothing is
decoded into silent garbage, nothing runs for minutes."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix import Role
from qlmatrix.cli import main
from qlmatrix.importer import DocumentError, import_file, import_lines, import_text, limits, outline
from qlmatrix.importer.guard import guard
from qlmatrix.importer.reading import Line, text_lines
from qlmatrix.parser import read_text

#: Traditional Chinese that Big5, Shift-JIS, EUC-KR and GB18030 can all encode.
SAMPLE = ("關於加快基層治理的實施方案\n"
          "一、總體要求\n"
          "（一）加大組織領導力度。建立健全工作機制，明確責任分工，確保各項任務落實到位。（責任單位：市委、市政府）\n"
          "（二）完善工作制度。定期開展監督工作，及時發現和解決問題。（責任單位：市紀委、市審計局）\n"
          "二、主要任務\n"
          "（一）推進數據共享。打通部門之間的信息壁壘，提高服務效率。（責任單位：市財政局、市公安局）\n")
SIMPLIFIED = "一、总体要求\n（一）加强组织领导。建立健全工作机制，确保各项任务落实到位。（责任单位：市委办、市政府办）\n"


def errors(text: str) -> list[str]:
    return [d.code for d in read_text(text).diagnostics if d.is_error]


def assert_parses(result: qlmatrix.importer.ImportResult) -> None:
    read = read_text(result.text)
    assert [d.code for d in read.diagnostics if d.is_error] == []
    assert read.plan == result.plan


def leads(result: qlmatrix.importer.ImportResult) -> dict[str, tuple[list[str], list[str]]]:
    """task id -> (leads, supporting units) as the task states them."""
    return {t.id: (list(map(str, t.task.units_in(Role.LEAD))), sorted(map(str, t.task.units_in(Role.SUPPORT))))
            for t in qlmatrix.resolve(result.plan).tasks}


# Tables: the GFM rule row and 序号 cells that are not numbers


@pytest.mark.parametrize("rule", ["|-|-|-|", "|---|---|---|", "| :-: | :--- | ---: |", "|:-|-:|-|", "-|-|-"])
def test_every_gfm_rule_row_is_skipped(rule):
    result = import_text(f"一、任务\n| 序号 | 重点任务 | 牵头单位 |\n{rule}\n| 1 | 加强领导 | 市委 |\n")
    assert_parses(result)
    assert [t.id for t in qlmatrix.resolve(result.plan).tasks] == ["一1"]
    assert result.problems == ()


@pytest.mark.parametrize("cell, number, title", [
    ("1:", "1", "加强领导"), ("２．", "2", "加强领导"), ("（三）", "(三)", "加强领导"), ("①", "(1)", "加强领导"),
    ("单位 纪委", None, "单位 纪委 加强领导"), ("-", None, "- 加强领导"), ("1.5", None, "1.5 加强领导"),
    ("计划", None, "计划 加强领导"),
])
def test_a_number_cell_that_is_not_a_number_stays_in_the_title(cell, number, title):
    result = import_text(f"一、任务\n| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| {cell} | 加强领导 | 市委 |\n")
    assert_parses(result)
    (task,) = result.plan.tasks()
    assert (task.number, task.title) == (number, title)
    assert [u.name for u in result.plan.units] == ["市委"]


# The final guard


def test_a_statement_that_does_not_parse_becomes_a_comment_with_the_original_text():
    written = ["# 由 qlm import 导入：x", "", "单位 市委", "",
               "章 一、任务 {  # 原文第1行",
               "  (一)加强领导 (责任单位:市委)  # 原文第2行",
               "  1:加强领导 (责任单位:市委)  # 原文第3行",
               "  单位 纪委加强领导 (责任单位:市委)  # 原文第4行",
               "  (二)完善机制 {  # 原文第5行", "    正文: 建立台账", "  }",
               "}", ""]
    originals = {1: "一、任务", 2: "（一）加强领导（牵头单位：市委）", 3: "| 1: | 加强领导 | 市委 |",
                 4: "| 单位 纪委 | 加强领导 | 市委 |", 5: "（二）完善机制。建立台账"}
    guarded = guard(written, originals, lambda line: f"原文第{line}行")
    text = "\n".join(guarded.lines)
    assert errors(text) == []
    assert [p.line for p in guarded.problems] == [3, 4]
    assert "  # 未能写成.qlm(原文第4行),原文: | 单位 纪委 | 加强领导 | 市委 |" in guarded.lines
    assert "  # 单位 纪委加强领导 (责任单位:市委)  # 原文第4行" in guarded.lines
    plan = read_text(text).plan
    assert [t.title for t in plan.tasks()] == ["加强领导", "完善机制"]  # the rest is untouched


def test_statements_that_fail_only_together_are_found_by_their_errors():
    guarded = guard(["计划 甲", "", "计划 乙", "单位 市委", ""], {}, lambda line: f"原文第{line}行")  # E012
    assert errors("\n".join(guarded.lines)) == [] and guarded.lines[3] == "# 计划 乙"
    assert [p.excerpt for p in guarded.problems] == ["计划 乙"]


def test_import_lists_what_the_guard_commented_out(monkeypatch):
    """Whatever the writer gets wrong, the import's output parses and says what it left out."""
    from qlmatrix import importer

    real = importer.write_imported

    def broken(*args, **kwargs):
        return real(*args, **kwargs).replace("(二)完善机制", "单位 (二)完善机制:")

    monkeypatch.setattr(importer, "write_imported", broken)
    result = import_text("一、任务\n（一）加强领导。（责任单位：市委、市政府）\n（二）完善机制。（责任单位：市纪委）\n")
    assert_parses(result)
    assert [p.line for p in result.problems] == [3]
    assert "# 未能识别的分工 1 处" in result.text and "# 未能写成.qlm(原文第3行),原文: （二）完善机制。（责任单位：市纪委）" \
        in result.text
    assert [d.code for d in result.diagnostics] == ["I010"]
    (task,) = qlmatrix.resolve(result.plan).tasks
    assert task.lead == "市委" and task.span.line == 2  # spans point at the document again


def test_a_docx_paragraph_with_line_breaks_stays_in_its_comments():
    lines = [Line(1, "一、任务"), Line(2, "（一）加强\n领导\u2028。（责任单位：市委\r）"), Line(3, "| a\nb | c |", ("a\nb", "c"))]
    result = import_lines(lines, "plan.docx", "段")
    assert_parses(result)


# Role marks


def test_a_role_mark_is_never_part_of_a_declared_name():
    result = import_text("一、任务\n（一）加强领导。（牵头单位：市(牵头)）\n（二）完善机制。（责任单位：市纪委、市监委（牵头））\n"
                         "（三）强化监督。（配合单位：市审计局(牵头)、市财政局）\n")
    assert_parses(result)
    assert [u.name for u in result.plan.units] == ["市", "市监委", "市纪委", "市审计局", "市财政局"]
    assert leads(result) == {"一(一)": (["市"], []), "一(二)": (["市监委"], ["市纪委"]),
                             "一(三)": (["市审计局"], ["市财政局"])}
    assert qlmatrix.loads(result.text) == result.plan


# Encodings


@pytest.mark.parametrize("encoding", ["big5", "shift_jis", "euc_kr"])
def test_other_cjk_encodings_are_refused_with_the_encoding_suggested(encoding, tmp_path, capsys):
    data = SAMPLE.encode(encoding)
    data.decode("gb18030")  # the trap: GB18030 reads these bytes without an error
    with pytest.raises(DocumentError) as error:
        import_text(data)
    diagnostic = error.value.diagnostic
    assert diagnostic.code == "I001" and diagnostic.help_args == {"suggestion": encoding}
    assert leads(import_text(data, encoding=encoding)) == leads(import_text(SAMPLE))
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    assert main(["--lang", "en", "import", str(path)]) == 2
    assert f"--encoding {encoding}" in capsys.readouterr().err


def test_korean_and_japanese_text_are_refused():
    korean = "대한민국 정부는 국민의 생명과 안전을 보호하기 위하여 최선을 다하여야 한다. 각 기관은 매년 말까지 실적을 제출한다.\n"
    japanese = "各省庁は、毎年度末までに実施状況を報告するものとする。政府の行為によつて再び戦争の惨禍が起ることのないやうにする。\n"
    for data, suggestion in ((korean.encode("euc_kr"), "euc_kr"), (japanese.encode("shift_jis"), "shift_jis"),
                             (japanese.encode("euc_jp"), "euc_jp")):
        with pytest.raises(DocumentError) as error:
            import_text(data)
        assert error.value.diagnostic.help_args == {"suggestion": suggestion}


@pytest.mark.parametrize("text", [SAMPLE, SIMPLIFIED])
def test_chinese_gb18030_is_read_simplified_or_traditional(text):
    assert leads(import_text(text.encode("gb18030"))) == leads(import_text(text))


@pytest.mark.parametrize("data", [
    SIMPLIFIED.encode("utf-32"), b"\x00\x00\xfe\xff" + SIMPLIFIED.encode("utf-32-be"),
    SIMPLIFIED.encode("utf-16"), b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED.encode("utf-8-sig"),
    b"\x84\x31\x95\x33" + SIMPLIFIED.encode("gb18030"),
], ids=["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be", "utf-8", "gb18030"])
def test_a_byte_order_mark_decides(data):
    assert leads(import_text(data)) == {"一(一)": (["市委办"], ["市政府办"])}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_mark_is_refused_with_its_width_and_byte_order(encoding):
    with pytest.raises(DocumentError) as error:
        import_text(SIMPLIFIED.encode(encoding))
    assert error.value.diagnostic.help_args == {"suggestion": encoding}


def test_a_mark_is_not_overruled():
    with pytest.raises(DocumentError) as error:
        import_text(b"\xef\xbb\xbf" + SIMPLIFIED.encode("gb18030"))  # says UTF-8, is not
    # 一 is D2 BB in GB18030, which UTF-8 reads as one character: the first byte it cannot read is 、(A1 A2)
    assert error.value.diagnostic.code == "I001" and error.value.diagnostic.args["offset"] == "5"


@pytest.mark.parametrize("encoding", ["base64", "rot13", "no-such-codec"])
def test_an_encoding_that_is_no_text_encoding_is_unknown(encoding):
    with pytest.raises(DocumentError) as error:
        import_text(b"abc", encoding=encoding)
    assert error.value.diagnostic.code == "I003"


# Joining wrapped lines is linear


def test_joining_wrapped_lines_is_linear(monkeypatch):
    """Characters written into paragraphs, counted: adding each wrapped line to its paragraph's text copies the
    paragraph every time (16,000 lines of 1,000 characters took 47 s); joining once per paragraph does not."""
    copied = [0]
    slot = outline.Para.text  # the attrs slot that holds a paragraph's text

    class Counting(outline.Para):
        @property
        def text(self) -> str:
            return slot.__get__(self)

        @text.setter
        def text(self, value: str) -> None:
            copied[0] += len(value)
            slot.__set__(self, value)

    monkeypatch.setattr(outline, "Para", Counting)
    line = "推进工作落实加强组织领导完善工作机制" * 10  # no final punctuation: every line wraps into the next

    def measure(count: int) -> tuple[int, float]:
        lines = text_lines("一、总体要求\n（一）加强领导。" + "\n".join(line for _ in range(count)) + "\n")
        copied[0] = 0
        start = time.perf_counter()
        built = outline.build_outline(lines)
        assert len(built.items[-1].paragraphs[0].text) == len("加强领导。") + len(line) * count
        return copied[0], time.perf_counter() - start

    small, large = measure(4_000), measure(16_000)
    assert large[0] < 8 * small[0]  # linear: 4 times; quadratic: 16 times
    assert large[0] < 3 * 16_000 * len(line)
    assert large[1] < 2.0


def test_a_note_of_many_clauses_is_read_in_linear_work(monkeypatch):
    """Units listed, counted: asking `Found.units` once per clause rebuilt the whole list each time (a
    200,000-character note of `甲局牵头，乙局配合，` took 135 s); each clause now asks for what it added."""
    from qlmatrix.importer import annotations

    built = [0]
    listed = annotations.Found.units.fget

    def counting(found: annotations.Found) -> list[str]:
        units = listed(found)
        built[0] += len(units)
        return units

    monkeypatch.setattr(annotations.Found, "units", property(counting))

    def measure(count: int) -> int:
        built[0] = 0
        found = annotations.parse_note("".join(f"甲{n}局牵头，乙{n}局配合，" for n in range(count)))
        assert found is not None
        assert found.roles()[:2] == ([f"甲{n}局" for n in range(count)], [f"乙{n}局" for n in range(count)])
        return built[0]

    small, large = measure(1_000), measure(4_000)
    assert large < 8 * max(small, 1)  # linear: 4 times; quadratic: 16 times


# Limits


def _docx(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def no_python_docx(monkeypatch):
    """python-docx must never be asked to open what the archive check refuses."""
    docx = pytest.importorskip("docx")

    def opened(*args, **kwargs):
        raise AssertionError("python-docx opened a document the archive check should have refused")

    monkeypatch.setattr(docx, "Document", opened)


def test_a_zip_bomb_is_refused_before_python_docx_opens_it(tmp_path, no_python_docx, capsys):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (4 * 1024 * 1024)}))
    assert bomb.stat().st_size < 16 * 1024
    start = time.perf_counter()
    with pytest.raises(DocumentError) as error:
        import_file(bomb)
    assert time.perf_counter() - start < 1.0
    diagnostic = error.value.diagnostic
    assert diagnostic.code == "I004" and "word/document.xml" in str(diagnostic.args["reason"])
    assert main(["--lang", "zh", "import", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert "I004" in err and "压缩炸弹" in err


@pytest.mark.parametrize("limit, value, members", [
    ("MAX_DOCX_MEMBERS", 5, {f"word/media/image{i}.png": b"x" for i in range(6)}),
    ("MAX_DOCX_EXPANDED", 1024, {"word/media/a.bin": bytes(range(256)) * 5}),
    ("MAX_DOCX_XML", 1024, {"word/document.xml": b"<w:p/>" * 200}),
])
def test_docx_limits(monkeypatch, tmp_path, no_python_docx, limit, value, members):
    monkeypatch.setattr(limits, limit, value)
    path = tmp_path / "plan.docx"
    path.write_bytes(_docx({"[Content_Types].xml": b"<Types/>", **members}))
    with pytest.raises(DocumentError) as error:
        import_file(path)
    assert error.value.diagnostic.code == "I004"


def test_a_real_docx_is_within_the_limits(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一、主要任务")
    for number in "一二三四五六七八九":
        document.add_paragraph(f"（{number}）加强师德建设。开展师德专题教育。（责任单位：区教育局、区纪委监委）")
    document.add_table(rows=300, cols=6)
    path = tmp_path / "plan.docx"
    document.save(path)
    assert len(list(import_file(path).plan.tasks())) == 9


def test_a_file_that_is_not_a_zip_archive_is_unreadable(tmp_path):
    pytest.importorskip("docx")
    path = tmp_path / "plan.docx"
    path.write_text("一、总则\n", encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        import_file(path)
    assert error.value.diagnostic.code == "I002"


@pytest.mark.parametrize("name, data, kind", [
    ("plan.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "a PDF file"),
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "an old Word"),
    ("plan.xlsx", b"PK\x03\x04\x14\x00" + bytes(40), "a zip archive"),
    ("plan.html", "<!DOCTYPE html>\n<html><body><p>一、总则</p></body></html>".encode(), "an HTML page"),
    ("plan.doc", "\ufeff <html xmlns:w='urn:schemas-microsoft-com:office:word'>（一）".encode(), "an HTML page"),
    ("plan.docx", b"<HTML><BODY>\xd2\xbb</BODY></HTML>", "an HTML page"),  # Word's web page, renamed
])
def test_a_document_in_another_format_is_named_with_how_to_save_it(tmp_path, capsys, name, data, kind):
    """Read as text, a PDF or .doc was an encoding error blaming UTF-16, and an HTML page imported its tags."""
    path = tmp_path / name
    path.write_bytes(data)
    for lang, words in (("en", kind), ("zh", "另存为.docx")):
        assert main(["--lang", lang, "import", str(path)]) == 2
        err = capsys.readouterr().err
        assert "I002" in err and words in err and "Traceback" not in err
    with pytest.raises(DocumentError):
        import_text(data, name)


def test_another_office_document_named_docx_says_what_it_is(tmp_path, capsys):
    """python-docx's own words named a BytesIO object and a content type, in English in a Chinese message."""
    pytest.importorskip("docx")
    import openpyxl

    path = tmp_path / "plan.docx"
    openpyxl.Workbook().save(path)
    assert main(["--lang", "zh", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "它是电子表格（改了扩展名的.xlsx？），不是Word文档" in err and "BytesIO" not in err and "另存为.docx" in err
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "一、总则")
    assert main(["--lang", "en", "import", str(path)]) == 2
    assert "it is a zip archive with no Word document in it" in capsys.readouterr().err


def test_an_empty_document_says_so_without_a_dangling_colon(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"  \n\n")
    assert main(["--lang", "zh", "import", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:1: 文档为空\n" in err
    (tmp_path / "words.txt").write_text("总体要求\n", encoding="utf-8")
    assert main(["--lang", "zh", "import", str(tmp_path / "words.txt")]) == 0
    assert "未找到带编号的条目（一、 (一) 1.）：总体要求\n" in capsys.readouterr().err  # full-width colon in Chinese


def test_size_and_line_limits(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "plan.txt"
    path.write_text(SIMPLIFIED * 3, encoding="utf-8")
    for attempt in (lambda: import_file(path), lambda: import_text(path.read_bytes()), lambda: import_text("一" * 101)):
        with pytest.raises(DocumentError) as error:
            attempt()
        assert error.value.diagnostic.code == "I004"
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 1 << 20)
    monkeypatch.setattr(limits, "MAX_LINES", 3)
    with pytest.raises(DocumentError) as error:
        import_text("一、总则\n\n\n\n")
    assert error.value.diagnostic.code == "I004"
    assert import_text("一、总则\n\n\n").plan is not None


# Anything at all


PLAN_LINES = ["某市清廉机关建设实施方案", "一、总体要求", "二、主要任务", "（一）加强组织领导。", "(二)完善工作机制",
              "1.推进数据共享。", "（1）强化监督检查", "①优化政务服务", "（责任单位：市纪委监委、市委组织部）",
              "(牵头单位:市发改委;配合单位:市财政局、各区、县级市)", "（牵头单位：市(牵头)）", "牵头单位：市教育局",
              "责任单位：", "完成时限：2023年6月底前", "市委办公室要每年报告一次", "由市委书记亲自抓", "列第一位者为牵头单位，下同",
              "咸发〔2021〕12号", "2021年3月1日", "单位 纪委", "计划 ", "章 ", "任务 ", "引入 \"x.qlm\"", "编号: 一"]
TABLE_ROWS = ["| 序号 | 重点任务 | 牵头单位 | 配合单位 |", "|-|-|-|-|", "|---|:-:|---|---|", "| 1 | 加强领导 | 市委 | 市政府 |",
              "| 1: | 任务 | 单位 纪委 | x |", "| 单位 纪委 | 加强领导 | 市委 | 市政府 |", "| - | -- | ： | {} |"]
PIECES = st.sampled_from(PLAN_LINES + TABLE_ROWS + ["1", "1:", "12.", "一、", "（", "）", "(", ")", "【", "】", "〔", "〕",
                                                     "{", "}", "｛", "#", "＃", ":", "：", ";", "；", "、", "，", "。",
                                                     "\"", "\\", "|", "-", "->", "\t", "\u3000", " ", "牵头", "负责", "配合"])
LINE = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=6).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=14), st.booleans())
def test_anything_imports_to_a_plan_that_parses(lines, as_bytes):
    text = "\n".join(lines) + "\n"
    try:
        result = import_text(text.encode("utf-8", "surrogatepass") if as_bytes else text)
    except DocumentError:
        return
    read = read_text(result.text)
    assert [d.code for d in read.diagnostics if d.is_error] == []
    assert read.plan == result.plan
