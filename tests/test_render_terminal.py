"""The terminal table fits its width (COLUMNS, the terminal, or 100), never overflows, and never breaks a name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.cli import main
from qlmatrix.gen import generate
from qlmatrix.render import build_table, table
from qlmatrix.render.text import DEFAULT_WIDTH, to_terminal
from qlmatrix.span import display_width

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "xianning-gaoxin.qlm", ROOT / "examples" / "xiangyang.qlm"]
FIXTURE = ROOT / "tests" / "golden" / "render" / "fixture.qlm"
WIDTHS = [40, 60, 80, 100, 132]
ANSI = re.compile(r"\x1b\[[0-9;]*m")

LONG_NAMES = """单位 市住房城乡建设管理委 { 类型: 部门 }
单位 市交通委（市道运局） { 类型: 部门 }
单位 市委直属机关工委 { 类型: 党委 }
单位 市纪委监委派驻机构 { 类型: 纪检监察 }
章 一、重点任务 {
  任务 (一) 统筹推进城市更新和老旧小区改造，完善住房保障体系，规范物业服务管理并建立长效机制 {
    牵头: 市住房城乡建设管理委; 配合: 市交通委（市道运局）、市委直属机关工委、市纪委监委派驻机构
    频次: 每半年至少一次
  }
  任务 (二) 优化公共交通线网 { 牵头: 市交通委（市道运局）; 会同: 市住房城乡建设管理委; 时限: 到“十四五”末 }
}
"""


def plans() -> list[tuple[str, qlmatrix.Plan]]:
    found = [(path.stem, qlmatrix.load(path)) for path in EXAMPLES]
    found.append(("long-names", qlmatrix.loads(LONG_NAMES)))
    found.append(("generated", generate(100, seed=3)))
    return found


PLANS = plans()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", ["tasks", "raci", "units"])
@pytest.mark.parametrize("name,plan", PLANS, ids=[name for name, _ in PLANS])
def test_no_line_is_wider_than_the_width(name, plan, view, width):
    text = table(plan, view, "term", width=width, color=True)
    for line in ANSI.sub("", str(text)).splitlines():
        assert display_width(line) <= width, (width, line)


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize("name,plan", PLANS, ids=[name for name, _ in PLANS])
def test_unit_names_in_the_task_table_stay_whole(name, plan, width):
    built = build_table(plan, "tasks")
    text = to_terminal(built, width=width)
    # Rows side by side: every name of a lead or support cell is whole on one line.
    names = {part.removesuffix("（会同）") for row in built.rows for cell in row[2:4] for part in cell.text.split("、") if part}
    for unit in sorted(names):
        assert unit in text, (width, unit)


def test_long_names_at_80_columns():
    text = str(table(qlmatrix.loads(LONG_NAMES), "tasks", "term", width=80))
    for whole in ("市住房城乡建设管理委", "市交通委（市道运局）", "市委直属机关工委", "每半年至少一次", "到“十四五”末", "序号"):
        assert whole in text, whole
    assert "市住房城乡建设管\n" not in text and "市交通委（\n" not in text


def test_a_matrix_too_wide_comes_in_panels_repeating_the_task():
    plan = generate(100, seed=3)
    text = str(table(plan, "raci", "term", width=80))
    assert "（第 2 部分，共" in text
    first_task = build_table(plan, "raci").rows[0][1].text[:4]
    assert text.count(first_task) >= 2


def test_conflicts_are_marked_beyond_colour():
    # 纪监委 supports 二(一) and oversees all of 二: R/I, a conflict the checks report.
    text = str(table(qlmatrix.load(FIXTURE), "raci", "term"))
    assert "R/I!" in text and "冲突" in text
    markdown = str(table(qlmatrix.load(FIXTURE), "raci", "md"))
    assert "| R/I! | A |" in markdown and "| ! | 冲突 |" in markdown


def test_columns_sets_the_width_of_qlm_table(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["table", str(EXAMPLES[1]), "--allow-errors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= 60
    assert max(display_width(line) for line in lines) > 50  # it uses the width it has


def test_without_columns_or_a_terminal_the_default_width_applies(monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["table", str(EXAMPLES[1]), "--view", "raci", "--allow-errors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= DEFAULT_WIDTH


# ---- the column allocator: the title's room first ----

DASHES = re.compile(r"-+")


def drawn_widths(text: str) -> list[list[int]]:
    """Each panel's column widths, read from the rule under its header (`----  ------ ...`)."""
    return [[len(run) for run in DASHES.findall(line)] for line in text.splitlines()
            if line and set(line) <= {"-", " "}]


def content_widths(built, col: int) -> int:
    """The widest line of a column, its header's widest part included (what it never exceeds)."""
    from qlmatrix.render.linebreak import list_items

    lines = [line for row in built.rows for line in row[col].text.split("\n")]
    return max([display_width(part) for part in list_items(built.columns[col].title)]
               + [display_width(line) for line in lines])


def calendars():
    from datetime import date

    from qlmatrix.calendar import build_calendar, calendar_table

    return [(path.stem, calendar_table(build_calendar(qlmatrix.load(path), date(2026, 1, 1), date(2026, 12, 31))))
            for path in EXAMPLES]


CALENDARS = calendars()


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize("name,built", CALENDARS, ids=[name for name, _ in CALENDARS])
def test_the_calendars_task_titles_get_their_share(name, built, width):
    from qlmatrix.render.termcolumns import TITLE_SHARE

    text = to_terminal(built, width=width)
    assert all(display_width(line) <= width for line in text.splitlines())
    widest_title = content_widths(built, 0)
    for widths in drawn_widths(text):
        # The title as wide as its text, or at least its share of the line (the months go into panels).
        assert widths[0] >= min(widest_title, int(width * TITLE_SHARE)), (width, widths)
        # Cadence and months never wider than what they hold, so the title has the rest.
        assert widths[1] <= content_widths(built, 1)
        assert all(w <= max(content_widths(built, col) for col in range(2, len(built.columns))) for w in widths[2:])
    for unit in {group.heading for group in built.groups} - {None, "无具体日期（不生成日程）"}:
        assert f"【{unit}】" in text or unit in text  # a unit's name never breaks


def test_the_calendar_at_100_columns_is_not_cut_into_short_pieces():
    _, built = CALENDARS[0]  # 咸宁: titles like 【综合办】二(一) 全面强化政治建设
    text = to_terminal(built, width=100)
    assert "【综合办】二(一) 全面强化政治建设" in text  # whole on one line
    assert "（第 2 部分，共 2 部分）" in text  # the months in two half-years
    headers = [line for line in text.splitlines() if line.startswith("事项")]
    assert "1月" in headers[0] and "6月" in headers[0] and "7月" in headers[1] and "12月" in headers[1]


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize("name,plan", PLANS, ids=[name for name, _ in PLANS])
def test_the_task_title_takes_the_room_the_other_columns_leave(name, plan, width):
    built = build_table(plan, "tasks")
    text = to_terminal(built, width=width)
    [widths] = drawn_widths(text)
    others = [content_widths(built, col) for col in range(len(built.columns)) if col != 1]
    room = width - sum(min(w, c) for w, c in zip(widths[:1] + widths[2:], others)) - 2 * (len(widths) - 1)
    # Every other column at most as wide as what it holds; the title wraps only where the line ends.
    assert widths[1] >= min(content_widths(built, 1), room), (width, widths)
    assert sum(widths) + 2 * (len(widths) - 1) <= width


def test_other_columns_give_way_before_the_title():
    from qlmatrix.render.table import Cell, Column, Group, Table

    title = "统筹推进城市更新和老旧小区改造完善住房保障体系"  # 46 cells
    note = "建立长效机制并按季度报送工作进展情况和存在问题"  # 46 cells
    built = Table("tasks", "表", [Column("任务", 30, main=True), Column("说明", 30)],
                  [Group(None, [(Cell(title), Cell(note))])])
    [widths] = drawn_widths(to_terminal(built, width=50))
    assert widths == [30, 18]  # 说明 narrows, the title keeps its 30
    [widths] = drawn_widths(to_terminal(built, width=40))
    assert widths == [30, 8]  # 说明 down to its header before the title gives a cell
    [widths] = drawn_widths(to_terminal(built, width=30))
    assert widths[0] < 30 and widths[1] == 4 and sum(widths) + 2 <= 30
    [widths] = drawn_widths(to_terminal(built, width=120))
    assert widths == [46, 30]  # room to spare: the title grows past its max_width to its whole text


def test_empty_columns_set_their_heads_on_two_lines_before_the_title_wraps():
    """A 督办台账 with nothing reported yet: six fill-in columns hold only their heads. At 100 columns
    their heads go on two balanced lines (`进展`/`情况`, `应完成`/`日期`) and the title keeps its line."""
    from qlmatrix.render.table import Cell, Column, Group, Table

    heads = ["应完成日期", "完成状态", "进展情况", "存在问题", "报送日期", "督办提示"]
    title = "全面开展清风助企行动建立长效机制"  # 32 cells: its max_width 30 wraps it only by choice
    built = Table("ledger", "台账", [Column("编号", 8), Column("重点任务", 32, main=True), Column("牵头单位", 12),
                                      *[Column(head, 12) for head in heads]],
                  [Group(None, [(Cell("三(二)"), Cell(title), Cell("政务局"), *[Cell("") for _ in heads])])])
    drawn = to_terminal(built, width=100)
    assert any(title in line for line in drawn.splitlines() if line.startswith("三(二)"))
    header = [line for line in drawn.splitlines()[2:5] if not line.startswith("-")]
    assert header[0].split()[-6:] == ["应完成", "完成", "进展", "存在", "报送", "督办"]
    assert header[1].split()[-6:] == ["日期", "状态", "情况", "问题", "日期", "提示"]
    assert all(display_width(line) <= 100 for line in drawn.splitlines())
    narrow = Table("ledger", "台账", [Column("说明", 30), Column("重点任务", 30, main=True)],
                   [Group(None, [(Cell("统筹推进城市更新和老旧小区改造"), Cell(title))])])
    assert "说明" in to_terminal(narrow, width=24)  # a head of two characters is never set one character a line


def test_a_matrix_in_panels_shows_in_each_the_rows_with_a_role_in_its_units():
    """A later panel leaves out the rows that name none of its units (a row naming nobody stays in the
    first), so the text grows with the assignments, not with tasks × units."""
    units = [f"单位{number:02d}局" for number in range(1, 31)]
    text = "\n".join([f"单位 {'、'.join(units)}", f"任务 1. 甲项工作 (责任单位:{'、'.join(units[:15])})",
                      f"任务 2. 乙项工作 (责任单位:{'、'.join(units[15:][::-1])})", "任务 3. 丙项工作"]) + "\n"
    printed = to_terminal(build_table(qlmatrix.loads(text), "raci"), width=80)
    panels = printed.split("（第 ")[1:]
    assert len(panels) > 1
    assert "甲项工作" in panels[0] and "丙项工作" in panels[0] and "乙项工作" not in panels[0]
    assert "乙项工作" in panels[-1] and "甲项工作" not in panels[-1] and "丙项工作" not in panels[-1]
    assert len(panels) == 3 and "丙项工作" not in panels[1] and "甲项工作" in panels[1] and "乙项工作" in panels[1]
