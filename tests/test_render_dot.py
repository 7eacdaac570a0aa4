"""The structure of the DOT text: fonts, clusters, edge styles, legend, and a 100-task plan."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix import Assignment, Plan, Role, Section, Task, Unit
from qlmatrix.render import diagram

FIXTURE = Path(__file__).resolve().parent / "golden" / "render" / "fixture.qlm"


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
        assert re.search(rf'^  {kind} \[fontname="Noto Sans CJK SC"', source, re.M)


def test_tasks_are_clustered_by_section(responsibility):
    clusters = re.findall(r'subgraph (cluster_s\d+) \{\n\s+graph \[label="([^"]+)"', responsibility)
    assert [label for _, label in clusters] == ["二、建设清廉的政治生态", "清廉机关", "四、强化清廉建设组织保障"]


def test_edge_styles_by_role(responsibility):
    lines = edges(responsibility)
    leads = [line for line in lines if 'style="bold"' in line]
    support = [line for line in lines if 'style="dashed"' in line and "#2E75B6" in line]
    oversight = [line for line in lines if 'style="dotted"' in line]
    assert leads and support and oversight
    assert all('constraint="false"' not in line for line in leads)
    assert all('constraint="false"' in line for line in support + oversight)


def test_roles_named_by_a_section_are_drawn_once_to_its_cluster(responsibility):
    # 章 二 { 监督: 纪监委 } covers three tasks: one dotted edge, into the cluster.
    oversight = [line for line in edges(responsibility) if 'style="dotted"' in line and "lhead" in line]
    assert len([line for line in oversight if 'lhead="cluster_s1"' in line]) == 1
    # 载体 清廉机关 { 牵头: 党群部 } : one bold edge into the carrier's cluster.
    assert len([line for line in edges(responsibility) if 'lhead="cluster_s2"' in line and "bold" in line]) == 1


def test_legend_shows_every_role(responsibility, org):
    assert "cluster_legend" in responsibility and "cluster_legend" in org
    for word in ("牵头", "配合", "会同", "报送", "监督"):
        assert f'label="{word}"' in responsibility


def test_org_has_hierarchy_reports_and_oversight(org):
    lines = edges(org)
    assert sum('arrowhead="none"' in line and "#595959" in line for line in lines) == 7  # one per unit with a parent
    reports = [line for line in lines if "#2E75B6" in line]
    assert any('label="工作情况\\n每年 · 年底 · 书面"' in line for line in reports)
    assert any(line.startswith("leads -> ") for line in reports)  # 牵头单位 -> 领导小组办公室
    assert any('style="dotted"' in line for line in lines)


def test_unassigned_tasks_are_marked(responsibility):
    assert re.search(r'label="\(三\) 加大宣传力度", [^\n]*color="#C00000"', responsibility)


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
    source = diagram(big_plan(), "responsibility", "dot")
    assert source.count('constraint="false"') >= 300
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.count(b'class="node"') >= 130
