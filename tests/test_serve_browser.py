"""The workbench in a real browser: Debian's headless Chromium, driven by Playwright (no browser download).

One planner's session, step by step, a screenshot at each (in /tmp/serve-shots; with QLM_DOCS_SHOTS=1
also in docs/images/workbench/ for docs/workbench.md): open a plan, mistype a unit and see the E101
underline and problem appear, fix it and see them go, see the 任务分工表 change, drop a document and get
a plan, download the workbook and open it, and have a conflicting save refused.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect, sync_playwright

import qlmatrix
from qlmatrix.render import build_table
from qlmatrix.render.html import to_html_fragment

from .serve_helpers import running, write_plans

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("QLM_SHOTS", "/tmp/serve-shots"))
DOCS_SHOTS = Path(__file__).resolve().parent.parent / "docs" / "images" / "workbench"
DOCUMENT = "关于加强作风建设的实施方案\n一、主要任务\n（一）开展专项整治。（责任单位：纪监委、组织部）\n（二）加强学习教育。\n"


#: The steps docs/workbench.md shows (tests/test_workbench_doc.py checks that each is there).
DOCS_STEPS = ("01-open", "02-mistyped-unit", "04-table-follows", "06-conflict-compare", "07-imported", "10-quick-fix",
              "15-rule-page")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    if os.environ.get("QLM_DOCS_SHOTS") and name in DOCS_STEPS:
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SHOTS / f"{name}.png"))


def pane_is_what_qlm_table_writes(page, folder: Path) -> None:
    """The pane holds `qlm table --format html`'s fragment of the editor's text, as the browser parses it whole
    (the page patches the rows of changed blocks in place: the result must be the same)."""
    typed = page.evaluate("() => window.qlmWorkbench.editor.state.doc.toString()")
    expected = to_html_fragment(build_table(qlmatrix.loads(typed, str(folder / "plan.qlm")), "tasks"))
    parsed = page.evaluate("(html) => { const box = document.createElement('div'); box.innerHTML = html; return box.innerHTML; }",
                           expected)
    assert page.locator("#pane").inner_html() == parsed


def go_to_line_end(page, line: int) -> None:
    page.evaluate("""(line) => {
        const editor = window.qlmWorkbench.editor;
        editor.focus();
        editor.dispatch({selection: {anchor: editor.state.doc.line(line).to}});
    }""", line)


@pytest.fixture
def browser_page(tmp_path):
    folder = write_plans(tmp_path / "plans")
    with running(folder) as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 860}, accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        try:
            yield server, page, folder
        finally:
            browser.close()
        assert errors == []


@pytest.mark.chromium
def test_a_planners_session_in_the_browser(browser_page):
    server, page, folder = browser_page
    problems = page.locator("#problems li.problem")

    # Open: the master plan is opened first, its include beneath it in the file list.
    expect(page.locator(".cm-content")).to_contain_text("严格督查问责")
    expect(page.locator("#tree a.open")).to_have_text("plan.qlm")
    expect(page.locator("#tree ul a")).to_have_text("carrier.qlm")
    expect(page.locator("#pane")).to_contain_text("开展廉洁教育")
    expect(page.locator("#problems li.none")).to_have_text("没有问题")
    shoot(page, "01-open")

    # A mistyped unit: the E101 underline and the problem appear as the planner types.
    go_to_line_end(page, 8)  # `    配合: 组织部`
    page.keyboard.press("Backspace")
    page.keyboard.type("布")
    expect(page.locator(".cm-lintRange-error")).to_have_count(1, timeout=15000)
    mistyped = problems.filter(has_text="E101")
    expect(mistyped).to_have_count(1)
    expect(mistyped).to_contain_text("plan.qlm:8:9")
    expect(mistyped).to_contain_text("组织布")
    expect(mistyped.locator("a")).to_have_attribute("href", "/rule/E101?lang=zh")
    expect(problems.filter(has_text="W203")).to_contain_text("plan.qlm:2:4")  # in line order: W203 first
    assert problems.first.get_attribute("data-code") == "W203"
    expect(page.locator("#dirty")).to_be_visible()
    shoot(page, "02-mistyped-unit")

    # Fixed: both go.
    page.keyboard.press("Backspace")
    page.keyboard.type("部")
    expect(page.locator(".cm-lintRange-error")).to_have_count(0, timeout=15000)
    expect(problems).to_have_count(0)
    shoot(page, "03-fixed")

    # The 任务分工表 follows the edit: a task renamed in the text is renamed in the table.
    go_to_line_end(page, 6)  # `  任务 (一) 严格督查问责 {`
    for _ in range(2):
        page.keyboard.press("ArrowLeft")
    page.keyboard.type("并公开通报")
    expect(page.locator("#pane")).to_contain_text("严格督查问责并公开通报", timeout=15000)
    pane_is_what_qlm_table_writes(page, folder)
    shoot(page, "04-table-follows")

    # A character replaced (the columns keep their widths): only that group's rows are replaced in the pane.
    counts = "() => [window.qlmWorkbench.pane.rendered, window.qlmWorkbench.pane.patched]"
    rendered, patched = page.evaluate(counts)
    page.keyboard.press("Backspace")
    page.keyboard.type("告")
    expect(page.locator("#pane")).to_contain_text("严格督查问责并公开通告", timeout=15000)
    assert page.evaluate(counts) == [rendered, patched + 1]
    pane_is_what_qlm_table_writes(page, folder)
    page.keyboard.press("Backspace")
    page.keyboard.type("报")
    expect(page.locator("#pane")).to_contain_text("严格督查问责并公开通报", timeout=15000)

    # Save, then download the workbook: it opens in openpyxl and holds the edit.
    page.click("#save")
    expect(page.locator("#dirty")).to_be_hidden()
    assert "并公开通报" in (folder / "plan.qlm").read_text(encoding="utf-8")
    with page.expect_download() as downloading:
        page.click("#download-all")
    download = downloading.value
    assert download.suggested_filename == "plan-all.xlsx"
    saved = SHOTS / "plan-all.xlsx"
    SHOTS.mkdir(parents=True, exist_ok=True)
    download.save_as(saved)
    book = openpyxl.load_workbook(saved)
    cells = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert "严格督查问责并公开通报" in cells
    expect(page.locator("#status")).to_contain_text("plan-all.xlsx")
    shoot(page, "05-downloaded")

    # A conflicting save: another editor changed the file; the page says so, never overwrites.
    (folder / "plan.qlm").write_text((folder / "plan.qlm").read_text(encoding="utf-8") + "# 另一个编辑器的修改\n",
                                     encoding="utf-8")
    go_to_line_end(page, 3)
    page.keyboard.type("部")
    page.click("#save")
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#conflict-text")).to_contain_text("已在磁盘上被修改")
    assert (folder / "plan.qlm").read_text(encoding="utf-8").endswith("# 另一个编辑器的修改\n")
    page.click("#compare")
    # A line diff (difflib): the line typed on the page is changed, the other editor's line is only on disk,
    # the lines equal on both sides are neither.
    diff = page.locator("#compare-table")
    expect(diff.locator("tr.delete td.line.disk")).to_have_text("# 另一个编辑器的修改")
    expect(diff.locator("tr.delete td.mark.disk")).to_have_text("−")
    expect(diff.locator("tr.replace td.line.disk")).to_have_text("单位 宣传部")
    expect(diff.locator("tr.replace td.line.mine")).to_have_text("单位 宣传部部")
    expect(diff.locator("tr.equal").first.locator("td.line.mine")).to_have_text("单位 纪监委")
    assert diff.locator("tr.replace, tr.delete, tr.insert").count() == 2
    expect(page.locator("#compare-summary")).to_contain_text("2 行不同")
    shoot(page, "06-conflict-compare")
    page.click("#compare-close")
    page.click("#reload")
    expect(page.locator("#conflict")).to_be_hidden()
    expect(page.locator(".cm-content")).to_contain_text("另一个编辑器的修改")

    # Drop a document: a new plan next to the others, opened, with the importer's report.
    page.evaluate("""(text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "作风建设方案.txt", {type: "text/plain"}));
        document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", DOCUMENT)
    expect(page.locator("#import-report")).to_be_visible(timeout=15000)
    expect(page.locator("#tree a.open")).to_have_text("作风建设方案.qlm")
    expect(page.locator(".cm-content")).to_contain_text("开展专项整治")
    expect(page.locator("#import-summary")).to_contain_text("已导入 2 项任务")
    assert (folder / "作风建设方案.qlm").is_file()
    expect(page.locator("#pane")).to_contain_text("开展专项整治", timeout=15000)
    shoot(page, "07-imported")

    # English by the switch: the page's words and the checks' messages.
    page.click("#lang")
    expect(page.locator("#save")).to_have_text("Save")
    expect(page.locator(".tab.active")).to_have_text("Task table")
    expect(page.locator("#import-summary")).to_have_text("作风建设方案.qlm: imported 2 tasks (1 assigned) and 2 units; "
                                                         "0 passages not understood")
    shoot(page, "08-english")


@pytest.mark.chromium
def test_quick_fix_hover_completion_and_full_width_brackets(browser_page):
    _, page, _ = browser_page
    content = page.locator(".cm-content")
    expect(content).to_contain_text("严格督查问责")
    expect(page.locator("#problems li.none")).to_be_visible()

    # Completion where a unit is expected, by pinyin initials: `zz` offers 组织部.
    go_to_line_end(page, 8)
    for _ in range(3):
        page.keyboard.press("Backspace")
    page.keyboard.type("zz")
    expect(page.locator(".cm-tooltip-autocomplete")).to_contain_text("组织部", timeout=15000)
    shoot(page, "09-completion")
    page.keyboard.press("Enter")
    expect(page.locator(".cm-line").nth(7)).to_have_text("    配合: 组织部")

    # A quick fix: the E101 underline's "did you mean" puts the declared name in.
    page.keyboard.press("Backspace")
    page.keyboard.type("布")
    expect(page.locator("#problems li.problem").filter(has_text="E101")).to_contain_text("组织布", timeout=15000)
    expect(page.locator(".cm-lintRange-error")).to_have_count(1)
    page.locator(".cm-lintRange-error").hover()
    action = page.locator(".cm-tooltip-lint .cm-diagnosticAction").first
    expect(action).to_contain_text("组织部", timeout=15000)
    shoot(page, "10-quick-fix")
    action.click()
    expect(page.locator(".cm-line").nth(7)).to_have_text("    配合: 组织部")
    expect(page.locator(".cm-lintRange-error")).to_have_count(0, timeout=15000)

    # Hover on a unit: what the language server says of it.
    page.mouse.move(0, 0)
    box = page.evaluate("""() => {
        const editor = window.qlmWorkbench.editor;
        const at = editor.state.doc.toString().indexOf("纪监委") + 1;
        const coords = editor.coordsAtPos(at);
        return {x: coords.left + 2, y: (coords.top + coords.bottom) / 2};
    }""")
    page.mouse.move(box["x"], box["y"])
    expect(page.locator(".qlm-hover")).to_contain_text("纪监委", timeout=15000)
    shoot(page, "11-hover")

    # Full-width brackets match as ASCII ones do.
    page.evaluate("""() => {
        const editor = window.qlmWorkbench.editor;
        const end = editor.state.doc.length;
        editor.dispatch({changes: {from: end, insert: "单位 测试办 ｛ 别名: 测办 ｝\\n"}});
        const line = editor.state.doc.line(editor.state.doc.lines - 1);
        editor.focus();
        editor.dispatch({selection: {anchor: line.from + line.text.indexOf("｛") + 1}});
    }""")
    expect(page.locator(".cm-matchingBracket")).to_have_count(2)
    expect(page.locator(".cm-matchingBracket").first).to_have_text("｛")

    # Unsaved changes are not thrown away by opening another file without asking.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#tree a[data-path='carrier.qlm']")
    expect(page.locator("#tree a.open")).to_have_text("plan.qlm")
    assert asked and "未保存" in asked[0]

    # A rule's page from the problems list: the rule's documentation rendered, in the reader's language.
    go_to_line_end(page, 8)
    page.keyboard.press("Backspace")
    page.keyboard.type("布")
    mistyped = page.locator("#problems li.problem").filter(has_text="E101")
    expect(mistyped).to_have_count(1, timeout=15000)
    with page.context.expect_page() as opening:
        mistyped.locator("a").click()
    rule = opening.value
    rule.wait_for_load_state()
    expect(rule.locator("main.rule h1")).to_have_text("E101 undeclared-unit")
    expect(rule.locator("main.rule h2").first).to_have_text("作用")
    expect(rule.locator("main.rule pre code").first).to_contain_text("单位 纪监委")
    expect(rule.locator("main.rule p code").first).to_have_text("{name}")
    assert "```" not in rule.content() and "## " not in rule.inner_text("body")
    shoot(rule, "15-rule-page")
    rule.click("text=English")
    expect(rule.locator("main.rule h2").nth(1)).to_have_text("Why it matters")
    shoot(rule, "16-rule-page-english")
    rule.close()
    go_to_line_end(page, 8)
    page.keyboard.press("Backspace")
    page.keyboard.type("部")
    expect(mistyped).to_have_count(0, timeout=15000)

    # The panes: a section filter as `qlm table --section`, and a diagram as SVG.
    page.fill("#f-section", "二、载体")
    page.press("#f-section", "Enter")
    page.locator("#f-section").blur()
    expect(page.locator("#pane")).not_to_contain_text("严格督查问责", timeout=15000)
    expect(page.locator("#pane")).to_contain_text("开展廉洁教育")
    page.click(".tab[data-view=responsibility]")
    expect(page.locator("#pane svg")).to_be_visible(timeout=15000)
    expect(page.locator("#pane svg")).to_contain_text("宣传部")
    shoot(page, "13-diagram-filtered")

    # English: the page's words and the checks' messages.
    page.click("#lang")  # the switch checks the plan again, in the reader's language
    expect(page.locator("#problems li.problem").first).to_contain_text("declared", timeout=15000)
    shoot(page, "12-english-problems")


@pytest.mark.chromium
def test_a_quick_fix_in_another_file_declares_the_unit_in_the_master(browser_page):
    _, page, folder = browser_page
    expect(page.locator("#tree a.open")).to_have_text("plan.qlm")
    page.click("#tree a[data-path='carrier.qlm']")
    expect(page.locator("#current")).to_have_text("carrier.qlm")
    go_to_line_end(page, 3)  # `    牵头: 宣传部`
    page.keyboard.type("、网信办")
    expect(page.locator("#problems li.problem").filter(has_text="E101")).to_contain_text("网信办", timeout=15000)
    page.locator(".cm-lintRange-error").hover()
    declare = page.locator(".cm-tooltip-lint .cm-diagnosticAction").filter(has_text="plan.qlm")
    expect(declare).to_contain_text("网信办", timeout=15000)
    shoot(page, "14-fix-in-master")
    declare.click()
    expect(page.locator("#status")).to_contain_text("plan.qlm", timeout=15000)
    expect(page.locator("#problems li.problem").filter(has_text="E101")).to_have_count(0, timeout=15000)
    assert "单位 网信办\n" in (folder / "plan.qlm").read_text(encoding="utf-8")
    assert "网信办" not in (folder / "carrier.qlm").read_text(encoding="utf-8")  # the carrier is not saved by it
