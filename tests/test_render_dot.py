"""The structure of the DOT text: fonts, section tables, edge styles, legend, document order, and a 100-task plan."""

from __future__ import annotations

import html
import re
import subprocess
import time
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix import Assignment, Plan, Role, Section, Task, Unit
from qlmatrix.render import diagram
from qlmatrix.render.roles import PlanIndex
from qlmatrix.render.table import numbered

FIXTURE = Path(__file__).resolve().parent / "golden" / "render" / "fixture.qlm"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def responsibility():
    return diagram(qlmatrix.load(FIXTURE), "responsibility", "dot")


@pytest.fixture(scope="module")
def org():
    return diagram(qlmatrix.load(FIXTURE), "org", "dot")


def edges(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if " -> " in line and not line.strip().startswith("legend")]


@pytest.mark.parametrize("kind", ["graph", "node", "edge"])
def test_font_is_named_on_graph_node_and_edge(responsibility, org, kind):
    for source in (responsibility, org):
        assert re.search(rf'^  {kind} \[[^\n]*fontname="Noto Sans CJK SC"', source, re.M)


def test_each_section_is_one_table_in_document_order(responsibility):
    # One node per top-level section, its label an HTML-like table: heading row, then the tasks as ports.
    tables = re.findall(r"^  (b\d+) \[shape=\"plaintext\", margin=\"0\", label=<(<TABLE.*</TABLE>)>\];$", responsibility, re.M)
    assert [node for node, _ in tables] == ["b1", "b2", "b3"]
    headings = [re.search(r'<FONT POINT-SIZE="14">([^<]+)</FONT>', table).group(1) for _, table in tables]
    assert headings == ["二、建设清廉的政治生态", "清廉机关", "四、强化清廉建设组织保障"]
    assert [re.findall(r'PORT="(t\d+)"', table) for _, table in tables] == [["t1", "t2", "t3"], ["t4", "t5"], ["t6", "t7", "t8", "t9"]]
    # Kept in that order by rank=same and an invisible chain between the plain nodes; no clusters.
    assert "{rank=same; b1; b2; b3;}" in responsibility
    assert 'b1 -> b2 [style="invis"];' in responsibility and 'b2 -> b3 [style="invis"];' in responsibility
    assert "subgraph cluster_s" not in responsibility


def test_edges_end_at_the_task_row(responsibility):
    # Ports go in `headport`, so every statement still starts with plain ASCII ids.
    assert 'u1 -> b1 [color="#C55A11", penwidth="2.6", style="bold", headport="t1:w"];' in responsibility
    for line in edges(responsibility):
        if 'style="invis"' not in line:
            assert re.search(r'headport="[th]\d+:w"', line), line


def test_units_are_ordered_by_the_first_task_they_lead(responsibility):
    units = re.findall(r'^  u\d+ \[label="([^"\\]+)', responsibility, re.M)
    assert units == ["综合办", "党群部", "党工委", "纪监委", "领导小组办公室"]


def test_no_edge_has_a_label(responsibility):
    # A labelled edge makes dot add a rank for labels: every unit -> task edge would then span
    # two ranks and get a virtual node (the legend's labels doubled the 100-task diagram's height).
    assert not [line for line in responsibility.splitlines() if " -> " in line and " label=" in line]


def test_edge_styles_by_role(responsibility):
    lines = edges(responsibility)
    leads = [line for line in lines if 'style="bold"' in line]
    support = [line for line in lines if 'style="dashed"' in line and "#2E75B6" in line]
    oversight = [line for line in lines if 'style="dotted"' in line]
    assert leads and support and oversight
    assert all('constraint="false"' not in line for line in leads)
    assert all('constraint="false"' in line for line in support + oversight)


def test_roles_named_by_a_section_are_drawn_once_to_its_heading(responsibility):
    # 章 二 { 监督: 纪监委 } covers three tasks: one dotted edge, to the section's heading row.
    oversight = [line for line in edges(responsibility) if 'style="dotted"' in line]
    assert len([line for line in oversight if 'headport="h1:w"' in line]) == 1
    assert 'PORT="h1" ALIGN="LEFT" BALIGN="LEFT" WIDTH="' in responsibility
    # 载体 清廉机关 { 牵头: 党群部 } : one bold edge to the carrier's heading, none to its two tasks.
    carrier = [line for line in edges(responsibility) if line.startswith("u2 -> b2 ")]
    assert [line for line in carrier if "bold" in line] == ['u2 -> b2 [color="#C55A11", penwidth="2.6", style="bold", headport="h2:w"];']


def test_legend_is_one_line_of_the_title_naming_the_roles_drawn(responsibility, org):
    # The legend is a row of the graph's label, not a cluster of sample edges that took a quarter of the height.
    assert "cluster_legend" not in responsibility and "cluster_legend" not in org
    legend = re.search(r"<TR><TD><FONT POINT-SIZE=\"11\">图例：(.*?)</FONT></TD></TR>", responsibility).group(1)
    drawn = {"牵头", "配合", "会同", "报送", "监督"} & {word for word in re.findall(r"</FONT> (\S+?)(?:　|$)", legend)}
    assert drawn == {"牵头", "配合", "会同", "报送", "监督"}
    assert "红框：无牵头单位" in legend  # the fixture has a task without a lead
    assert "上级—下级" in org and "汇报（内容、频次）" in org


def test_org_has_hierarchy_reports_and_oversight(org):
    lines = edges(org)
    assert sum('arrowhead="none"' in line and "#595959" in line for line in lines) == 7  # one per unit with a parent
    reports = [line for line in lines if "#2E75B6" in line]
    assert any('label="工作情况\\n每年 · 年底 · 书面"' in line for line in reports)
    assert any(line.startswith("leads -> ") for line in reports)  # 牵头单位 -> 领导小组办公室
    assert any('style="dotted"' in line for line in lines)


def test_unassigned_tasks_are_marked(responsibility):
    assert re.search(r'<TD PORT="t8"[^>]* BORDER="2" COLOR="#C00000" TOOLTIP="无牵头单位"><FONT COLOR="#C00000">\(三\) 加大宣传力度</FONT></TD>', responsibility)
    assert re.search(r'<TD PORT="t7"[^>]* BORDER="1" COLOR="#595959">\(二\) 严格督查问责<BR/>（常态化）</TD>', responsibility)


def test_nested_sections_are_tables_inside_the_section():
    plan = Plan(
        items=[
            Section(
                title="总",
                id="s",
                number="二",
                items=[
                    Task(title="甲", id="a", number="1", assignments=[Assignment(Role.LEAD, "单位")]),
                    Section(title="分", id="s.1", number="(一)", items=[Task(title="乙", id="b", number="1")]),
                    Task(title="丙", id="c", number="2"),
                ],
            ),
            Task(title="丁", id="d"),
        ]
    )
    source = diagram(plan, "responsibility", "dot")
    first = re.search(r"^  b1 .*$", source, re.M).group(0)
    # The subsection is a table in a row of its section, between the tasks around it, with a bold heading.
    assert re.search(r'PORT="t1".*<TR><TD CELLPADDING="0" WIDTH="\d+"><TABLE [^>]*><TR><TD PORT="h2"[^>]*><B>（一）分</B></TD></TR><TR><TD PORT="t2"[^>]*>(?:<FONT [^>]*>)?1 乙(?:</FONT>)?</TD></TR></TABLE></TD></TR><TR><TD PORT="t3"', first)
    # A task outside every section gets a frameless table of its own, after the section.
    assert re.search(r'^  b2 \[.*<TABLE BORDER="0"[^>]*><TR><TD PORT="t4"[^>]*><FONT COLOR="#C00000">丁</FONT></TD></TR></TABLE>', source, re.M)
    assert 'b1 -> b2 [style="invis"];' in source


def svg_rows(svg: str) -> list[tuple[float, str, bool]]:
    """(y, text, is_heading) of every text element dot drew, y growing downwards.

    Headings are the 14 pt (section) or bold (subsection) lines; task rows are 11 pt.
    """
    rows = []
    for attributes, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        y = float(re.search(r'\by="(-?[\d.]+)"', attributes).group(1))
        heading = 'font-size="11.00"' not in attributes or 'font-weight="bold"' in attributes
        rows.append((y, html.unescape(text), heading))
    return rows


def drawn_order(plan: Plan, svg: str) -> list[tuple[str, float]]:
    """Each section heading and task in document order, with the y of its (first) line in the picture."""
    texts = svg_rows(svg)
    wanted: list[tuple[str, bool]] = []
    seen: set[int] = set()
    for entry in PlanIndex(plan).tasks:
        for section in entry.sections:
            if id(section) not in seen:
                seen.add(id(section))
                wanted.append((numbered(section.number, section.title), True))
        wanted.append((f"{entry.task.number} {entry.task.title}" if entry.task.number else entry.task.title, False))
    found = []
    for full, heading in wanted:
        # A label wraps: its first line is the text element that starts it.
        ys = [y for y, text, is_heading in texts if is_heading == heading and len(text) >= 4 and full.startswith(text)]
        assert len(ys) == 1, (full, ys)
        found.append((full, ys[0]))
    return found


@pytest.mark.graphviz
@pytest.mark.parametrize("example", ["xianning-gaoxin.qlm", "xiangyang.qlm"])
def test_sections_and_tasks_are_drawn_in_document_order(example):
    """Top to bottom as the document reads: 一, 二, 三, 四 and (一), (二), … in each (dot reordered both before)."""
    plan = qlmatrix.load(EXAMPLES / example)
    order = drawn_order(plan, diagram(plan, "responsibility", "svg"))
    ys = [y for _, y in order]
    assert ys == sorted(ys) and len(set(ys)) == len(ys), [text for text, _ in sorted(order, key=lambda item: item[1])]
    if example == "xianning-gaoxin.qlm":
        headings = [text for text, _ in order if "、" in text]
        # 一 holds only 说明 (指导思想, 主要目标), no task: it has nothing to draw
        assert headings == ["二、建设清廉的政治生态", "三、打造清廉高新区发展环境", "四、强化清廉建设组织保障"]


@pytest.mark.graphviz
def test_hostile_section_and_task_titles_survive_the_html_labels():
    from tests.test_render_escaping import EVIL, FORMULA, evil_plan

    plan = evil_plan()
    source = diagram(plan, "responsibility", "dot")
    assert '章&quot;节{x}&lt;y&gt;\\' in source  # entities in the table; the backslash is literal there
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    drawn = "".join(text for _, text, _ in svg_rows(done.stdout.decode()))
    assert '一、章"节{x}<y>\\' in drawn
    assert FORMULA in drawn and all(name in drawn for name in EVIL)


def test_filters_narrow_the_diagram():
    plan = qlmatrix.load(FIXTURE)
    only = diagram(plan, "responsibility", "dot", section="清廉机关")
    assert "严格机关党员日常管理" in only and "加强组织领导" not in only
    with pytest.raises(ValueError, match="did you mean `纪监委`"):
        diagram(plan, "responsibility", "dot", unit="纪检委")


def big_plan(tasks: int = 100, units: int = 30) -> Plan:
    names = [f"单位{n}" for n in range(units)]
    sections = []
    for s in range(10):
        items = []
        for t in range(tasks // 10):
            n = s * 10 + t
            roles = [Assignment(Role.LEAD, names[n % units])] + [Assignment(Role.SUPPORT, names[(n * 7 + k) % units]) for k in (1, 2, 3)]
            items.append(Task(title=f"第{n}项重点任务的标题文字", id=f"{s}.{t}", number=f"({t + 1})", assignments=roles))
        sections.append(Section(title=f"第{s}方面", id=str(s), number="一二三四五六七八九十"[s], items=items, assignments=[Assignment(Role.OVERSEE, names[0])]))
    return Plan(title="大计划", units=[Unit(name) for name in names], items=sections)


@pytest.mark.graphviz
def test_a_hundred_tasks_render(tmp_path):
    plan = big_plan()
    source = diagram(plan, "responsibility", "dot")
    assert source.count('constraint="false"') >= 300
    started = time.monotonic()
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=60)
    assert time.monotonic() - started < 10  # about 0.2 s here
    assert done.returncode == 0, done.stderr.decode()
    svg = done.stdout.decode()
    assert svg.count('class="node"') == 30 + 10  # units, one table per section (the legend is in the graph's label)
    ys = [y for _, y in drawn_order(plan, svg)]
    assert ys == sorted(ys)
    # The units stay beside the tasks instead of trailing far below them.
    units = [float(y) for y in re.findall(r'<title>u\d+</title>\s*<polygon [^>]*points="[^,]+,(-?[\d.]+)', svg)]
    assert len(units) == 30 and max(units) < max(ys) + 200


@pytest.mark.parametrize("filters", [{}, {"role": Role.LEAD}, {"role": Role.SUPPORT}, {"unit": "a supporting unit"}])
@pytest.mark.parametrize("source", ["fixture", "xiangyang", "generated"])
def test_the_diagrams_edges_are_the_resolved_holdings(source, filters):
    """The diagram draws `(role, unit, source section)` read from `pairs()` and `origin(role)`, and the
    tables read `(role, unit)` from `pairs()`, neither making the resolution's `Holding`s: all three must
    say the same for every task and filter, inherited roles too."""
    from qlmatrix.gen import generate
    from qlmatrix.render.responsibility import _selected as diagram_selected
    from qlmatrix.render.views import Filters
    from qlmatrix.render.views import _selected as table_selected

    plan = {"fixture": lambda: qlmatrix.load(FIXTURE), "xiangyang": lambda: qlmatrix.load(EXAMPLES / "xiangyang.qlm"),
            "generated": lambda: generate(120, seed=3)}[source]()
    index = PlanIndex(plan)
    if "unit" in filters:
        filters = {"unit": next(unit for entry in index.tasks for unit in entry.support)}
    chosen = Filters(**filters)
    drawn = diagram_selected(index, chosen)
    shown = table_selected(index, chosen)
    held = [(entry, kept) for entry in index.tasks
            if (kept := [holding for holding in entry.holdings if chosen.keeps(holding)]) or not chosen.narrows_holders]
    assert drawn
    assert [entry for entry, _ in drawn] == [entry for entry, _ in held] == [entry for entry, _ in shown]
    assert [[(edge.role, edge.unit, edge.source) for edge in edges] for _, edges in drawn] == \
        [[(holding.role, holding.unit, holding.source) for holding in holdings] for _, holdings in held]
    assert [list(pairs) for _, pairs in shown] == \
        [[(holding.role, holding.unit) for holding in holdings] for _, holdings in held]
    if not filters:
        assert any(edge.source is not None for _, edges in drawn for edge in edges)  # inheritance is exercised


def test_the_org_charts_section_filter_narrows_oversight():
    """Oversight edges of a section filter come from that section's tasks only: the filter once kept
    the section's name without its resolved scope, so every section's oversight was drawn."""
    from qlmatrix.render import diagram_source

    plan = qlmatrix.loads(
        "单位 督查室、甲、乙、丙\n"
        "章 一、第一章 {\n  监督: 督查室\n  (一)甲的事。(责任单位:甲)\n}\n"
        "章 二、第二章 {\n  监督: 督查室\n  (一)乙的事。(责任单位:乙)\n}\n"
        "章 三、第三章 {\n  (一)丙的事。(责任单位:丙)\n}\n")

    def oversight(section):
        source = diagram_source(plan, "org", section=section)
        names = dict(re.findall(r'^\s*(u\d+) \[label="([^"]+)"', source, re.M))
        return {names[head] for tail, head in re.findall(r"^\s*(u\d+) -> (u\d+) \[[^\n]*dotted", source, re.M)
                if names[tail] == "督查室"}

    assert oversight(None) == {"甲", "乙"}
    assert oversight("一") == {"甲"}
    assert oversight("二、第二章") == {"乙"}
    assert oversight("三") == set()


MUTUAL = ("单位 党委\n单位 甲局、乙局、丙局 { 上级: 党委 }\n"
          "任务 (一) 甲的事 { 牵头: 甲局; 监督: 乙局 }\n任务 (二) 乙的事 { 牵头: 乙局; 监督: 甲局 }\n"
          "任务 (三) 丙的事 { 牵头: 丙局; 监督: 甲局 }\n"
          "汇报 甲局 -> 乙局 { 内容: 情况; 频次: 每季度 }\n汇报 乙局 -> 甲局 { 内容: 反馈; 频次: 每季度 }\n")


@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_the_edge_defaults_declare_every_edge_attribute_in_name_order(view):
    """Graphviz 2.43 lays out the edges of two neighbours of one rank, when one has ports, in an auxiliary
    graph whose attributes it declares in name order, and reads them by their place in the main graph:
    the bundled example's oversight edge to 综合办 read the font's name as its arrowhead and lost it."""
    from qlmatrix.render import diagram_source

    source = diagram_source(qlmatrix.loads(MUTUAL), view)
    declared = re.findall(r"(\w+)=", re.search(r"^  edge \[(.*)\];$", source, re.M).group(1))
    used = {name for line in source.splitlines() if " -> " in line for name in re.findall(r"(\w+)=", line)}
    assert declared == sorted(declared) and used <= set(declared) and "fontname" in declared
    if view == "org":
        assert re.search(r'tailport="[es]", headport="[es]"', source)  # siblings still arc round the far side


@pytest.mark.graphviz
def test_dot_draws_the_org_chart_of_reporting_siblings_without_warnings():
    from qlmatrix.render import diagram_source
    from qlmatrix.render.engine import run_dot

    svg, warnings = run_dot(diagram_source(qlmatrix.loads(MUTUAL), "org"), "svg")
    assert warnings == []
    assert svg.count(b'<polygon fill="#2e75b6"') == 2  # both reports have their arrowheads (there were none)
    example = qlmatrix.load(Path(__file__).resolve().parent.parent / "examples" / "xianning-gaoxin.qlm")
    svg, warnings = run_dot(diagram_source(example, "org"), "svg")
    assert warnings == [] and svg.count(b'<polygon fill="#7030a0"') == 5  # five oversight edges (four drawn)


def test_the_views_and_the_workbook_never_make_holdings(monkeypatch):
    """Every table view and the workbook read (role, unit) from the resolution's rows (`pairs()`): a
    `Holding` (with the `Assignment` and `Ref` it rests on) made per task and view was a fifth of a
    10k-task workbook's time (docs/performance.md, round eight). Filters and inherited roles included."""
    from qlmatrix.gen import generate
    from qlmatrix.render import TABLE_FORMATS, VIEWS, table, workbook
    from qlmatrix.resolve import plan as resolved

    plan = generate(60, seed=5)
    index = PlanIndex(plan)
    assert any(entry.origin(role) is not None for entry in index.tasks for role, _ in entry.pairs())
    unit = next(unit for entry in index.tasks for unit in entry.support)
    expected = {(view, fmt): table(plan, view, fmt) for view in VIEWS for fmt in TABLE_FORMATS}
    filtered = {view: table(plan, view, "md", unit=unit) for view in VIEWS}
    book = workbook(plan, role="support")

    def refused(self):
        raise AssertionError("a view made the Holdings")

    monkeypatch.setattr(resolved._Roles, "holdings", property(refused))
    monkeypatch.setattr(resolved._Roles, "holdings_in", refused)
    monkeypatch.setattr(resolved._Roles, "_made", refused)
    assert {(view, fmt): table(plan, view, fmt) for view in VIEWS for fmt in TABLE_FORMATS} == expected
    assert {view: table(plan, view, "md", unit=unit) for view in VIEWS} == filtered
    assert workbook(plan, role="support") == book
    with pytest.raises(AssertionError, match="made the Holdings"):
        assert not PlanIndex(plan).tasks[0].holdings
