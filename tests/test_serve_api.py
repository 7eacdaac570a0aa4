"""`qlm serve`'s JSON API: the language service, the views, downloads as the CLI writes them, imports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest

import qlmatrix
from qlmatrix.render import build_table
from qlmatrix.render.html import to_html_fragment
from qlmatrix.serve.pane import joined

from .serve_helpers import PLAN, api, request, running, text_change, write_plans


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(write_plans(tmp_path_factory.mktemp("api") / "plans")) as workbench:
        yield workbench


MISTYPED = PLAN.replace("配合: 组织部", "配合: 组织布")


def test_analysis_finds_a_mistyped_unit_with_its_help_rule_and_quick_fixes(server):
    status, answer = api(server, "analyse", {"path": "plan.qlm", "text": MISTYPED, "lang": "zh"})
    assert status == 200
    (found,) = [p for p in answer["problems"] if p["code"] == "E101"]
    assert found["file"] == "plan.qlm" and (found["line"], found["column"]) == (8, 9)
    assert found["end_column"] == 12
    assert "组织布" in found["message"] and found["rule"] == "/rule/E101"
    assert any(fix["text"] == "组织部" for fix in found["fixes"])
    assert api(server, "analyse", {"path": "plan.qlm", "text": PLAN})[1]["problems"] == []


def test_an_included_file_is_checked_with_its_master(server):
    carrier = "章 二、载体 {\n  任务 (二) 开展廉洁教育 {\n    牵头: 宣传不\n  }\n}\n"
    answer = api(server, "analyse", {"path": "carrier.qlm", "text": carrier, "lang": "en"})[1]
    assert answer["root"] == "plan.qlm"
    assert [(p["file"], p["code"], p["line"]) for p in answer["problems"] if p["code"] == "E101"] == \
        [("carrier.qlm", "E101", 3)]


def test_a_rule_page_is_served_rendered_in_the_readers_language(server):
    pages = {}
    for lang in ("en", "zh"):
        status, headers, page = request(server, "GET", f"/rule/E101?lang={lang}", token=False,
                                        headers={"Cookie": f"qlm_token={server.token}"})
        assert status == 200 and headers["content-type"].startswith("text/html")
        pages[lang] = page.decode("utf-8")
    assert "<h1>E101 undeclared-unit</h1>" in pages["en"] and "<h2>Why it matters</h2>" in pages["en"]
    assert "<h2>为什么重要</h2>" in pages["zh"] and '<html lang="zh-CN">' in pages["zh"]
    assert '<pre><code class="language-qlm">单位 纪监委' in pages["zh"]  # the examples as code blocks
    assert "```" not in pages["zh"] and "## " not in pages["zh"]  # no Markdown left as written
    assert 'href="/rule/E101?lang=en"' in pages["zh"]  # the other language, one click away
    missing = request(server, "GET", "/rule/E999", token=False, headers={"Cookie": f"qlm_token={server.token}"})
    assert missing[0] == 404


def test_hover_and_completion_come_from_the_language_service(server):
    found = api(server, "hover", {"path": "plan.qlm", "text": PLAN, "line": 7, "column": 10, "lang": "zh"})[1]
    assert "纪监委" in found["markdown"]
    text = PLAN.replace("配合: 组织部", "配合: zz")
    found = api(server, "complete", {"path": "plan.qlm", "text": text, "line": 8, "column": 11})[1]
    assert found["from_column"] == 9
    labels = {item["label"]: item for item in found["items"]}
    assert {"纪监委", "组织部", "组织部门"} <= set(labels) and labels["组织部"]["initials"] == "zzb"


def test_views_are_html_fragments_and_svg_with_the_clis_filters(server):
    answer = api(server, "views", {"path": "plan.qlm", "text": PLAN})[1]
    views = answer["views"]
    tasks = joined(views["tasks"], {})
    assert "严格督查问责" in tasks and "<html" not in tasks
    assert "开展廉洁教育" in joined(views["raci"], {})
    assert views["org"]["svg"].lstrip().startswith(("<?xml", "<svg", "<!--"))
    assert "纪监委" in views["responsibility"]["svg"]
    filtered = api(server, "views", {"path": "plan.qlm", "text": PLAN, "section": "二、载体"})[1]["views"]
    tasks = joined(filtered["tasks"], {})
    assert "开展廉洁教育" in tasks and "严格督查问责" not in tasks
    unknown = api(server, "views", {"path": "plan.qlm", "text": PLAN, "unit": "不存在"})[1]["views"]
    assert "不存在" in unknown["tasks"]["error"]


def test_the_pane_comes_by_the_checks_revision_and_sends_only_the_blocks_the_page_lacks(server):
    checked = api(server, "analyse", {"path": "plan.qlm", "text": PLAN})[1]
    first = api(server, "views", {"path": "plan.qlm", "revision": checked["revision"], "view": "tasks"})[1]
    pane = first["views"]["tasks"]
    held = dict(pane["texts"])
    assert set(held) == {block["key"] for block in pane["blocks"]}
    edited = PLAN.replace("严格督查问责", "严格督查问责工作")
    checked = api(server, "analyse", {"path": "plan.qlm", "text": edited})[1]
    again = api(server, "views", {"path": "plan.qlm", "revision": checked["revision"], "view": "tasks",
                                  "have": list(held)})[1]["views"]["tasks"]
    # Only the group holding the edited task is sent again (the carrier's group and the table's head are held).
    assert len(again["texts"]) == 1 and "严格督查问责工作" in next(iter(again["texts"].values()))
    plan = qlmatrix.loads(edited, os.path.join(server.plans.root, "plan.qlm"))
    assert joined(again, held) == to_html_fragment(build_table(plan, "tasks"))


def test_a_keystroke_sends_its_edit_of_the_text_checked_last(server):
    first = api(server, "analyse", {"path": "plan.qlm", "text": PLAN})[1]
    assert [p["code"] for p in first["problems"]] == []
    mistyped = PLAN.replace("配合: 组织部", "配合: 组织布")
    edit = text_change(PLAN, mistyped)
    assert edit["insert"] == "布"
    status, answer = api(server, "analyse", {"path": "plan.qlm", "base": first["revision"], "edit": edit})
    assert status == 200 and [p["code"] for p in answer["problems"]] == ["W203", "E101"]
    assert _tasks_pane(server, answer["revision"]) == _tasks_pane(server, None, mistyped)
    # Astral characters count two UTF-16 units, as in the browser.
    wide = PLAN.replace("严格督查问责", "严格𠀋督查问责")
    wider = wide.replace("督查", "督𠀋查")
    base = api(server, "analyse", {"path": "plan.qlm", "text": wide})[1]["revision"]
    again = api(server, "analyse", {"path": "plan.qlm", "base": base, "edit": text_change(wide, wider)})[1]
    assert "严格𠀋督𠀋查问责" in _tasks_pane(server, again["revision"])
    # A revision the worker does not hold: the page is asked for its whole text; an edit that does not fit: 422.
    stale = api(server, "analyse", {"path": "plan.qlm", "base": "0" * 24, "edit": edit})[1]
    assert stale["stale"] is True
    wrong = api(server, "analyse", {"path": "plan.qlm", "base": base, "edit": {"start": 5, "end": 10**6, "insert": ""}})
    assert wrong[0] == 422


def _tasks_pane(server, revision, text=None):
    body = {"path": "plan.qlm", "view": "tasks", **({"revision": revision} if text is None else {"text": text})}
    return joined(api(server, "views", body)[1]["views"]["tasks"], {})


def test_a_revision_the_worker_does_not_hold_asks_the_page_for_its_text(server):
    answer = api(server, "views", {"path": "plan.qlm", "revision": "0" * 24, "view": "tasks"})[1]
    assert answer["stale"] is True and answer["views"] == {}


def test_compare_is_a_line_diff_of_the_disk_and_the_page(server):
    disk = open(os.path.join(server.plans.root, "carrier.qlm"), encoding="utf-8").read()
    mine = disk.replace("开展廉洁教育", "开展廉洁文化教育") + "# 新增一行\n"
    status, answer = api(server, "compare", {"path": "carrier.qlm", "text": mine})
    assert status == 200 and answer["path"] == "carrier.qlm" and answer["version"]
    changed = [(row["kind"], row["disk"], row["mine"]) for row in answer["rows"] if row["kind"] != "equal"]
    assert changed == [("replace", [2, "  任务 (二) 开展廉洁教育 {"], [2, "  任务 (二) 开展廉洁文化教育 {"]),
                       ("insert", None, [7, "# 新增一行"])]
    outside = api(server, "compare", {"path": "../outside.qlm", "text": ""})
    assert outside[0] in (403, 404)


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "qlmatrix", *args], cwd=cwd, capture_output=True, check=True).stdout


@pytest.mark.parametrize(("view", "fmt", "cli"), [
    ("tasks", "md", ["table", "--view", "tasks", "--format", "md"]),
    ("raci", "csv", ["table", "--view", "raci", "--format", "csv"]),
    ("units", "html", ["table", "--view", "units", "--format", "html"]),
    ("org", "dot", ["diagram", "--view", "org", "--format", "dot"]),
    ("responsibility", "svg", ["diagram", "--view", "responsibility", "--format", "svg"]),
])
def test_a_download_is_what_the_cli_writes(server, view, fmt, cli):
    text = open(os.path.join(server.plans.root, "plan.qlm"), encoding="utf-8").read()
    status, headers, data = request(server, "POST", "/api/download",
                                    {"path": "plan.qlm", "text": text, "view": view, "format": fmt})
    assert status == 200
    assert f"plan-{view}.{fmt}" in headers["content-disposition"]
    assert data == _cli(*cli, "plan.qlm", cwd=server.plans.root)


def test_the_workbook_download_opens_in_openpyxl(server):
    status, headers, data = request(server, "POST", "/api/download",
                                    {"path": "plan.qlm", "text": PLAN, "view": "all", "format": "xlsx"})
    assert status == 200 and headers["content-type"].startswith("application/vnd.openxml")
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert "严格督查问责" in cells


def test_a_download_the_cli_cannot_write_is_refused_in_both_languages(server):
    status, answer = api(server, "download", {"path": "plan.qlm", "text": PLAN, "view": "org", "format": "xlsx"})
    assert status == 422 and answer["error"]["en"] != answer["error"]["zh"]


def test_a_dropped_document_becomes_a_plan_next_to_the_others(server):
    document = "关于加强作风建设的实施方案\n一、主要任务\n（一）开展专项整治。（责任单位：纪监委、组织部）\n（二）加强学习。由相关部门负责\n"
    status, _, payload = request(server, "POST", "/api/import?name=%E6%96%B9%E6%A1%88.txt",
                                 document.encode("utf-8"), headers={"Content-Type": "application/octet-stream"})
    answer = json.loads(payload)
    assert status == 200, answer
    assert answer["path"] == "方案.qlm" and answer["tasks"] == 2 and answer["assigned"] >= 1
    assert isinstance(answer["problems"], list) and answer["version"]
    written = open(os.path.join(server.plans.root, "方案.qlm"), encoding="utf-8").read()
    assert "开展专项整治" in written
    again = json.loads(request(server, "POST", "/api/import?name=%E6%96%B9%E6%A1%88.txt",
                               document.encode("utf-8"))[2])
    assert again["path"] == "方案-2.qlm"  # the first import is never replaced
    assert request(server, "POST", "/api/import?name=x.pdf", b"%PDF")[0] == 400
    assert request(server, "POST", "/api/import?name=a.txt&folder=..", b"x")[0] == 403


@pytest.mark.graphviz
@pytest.mark.parametrize(("view", "fmt", "magic"), [("org", "png", b"\x89PNG"), ("responsibility", "pdf", b"%PDF"),
                                                   ("tasks", "docx", b"PK")])
def test_binary_downloads_are_the_formats_they_name(server, view, fmt, magic):
    status, headers, data = request(server, "POST", "/api/download",
                                    {"path": "plan.qlm", "text": PLAN, "view": view, "format": fmt})
    assert status == 200 and data.startswith(magic)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        assert "严格督查问责" in cells
