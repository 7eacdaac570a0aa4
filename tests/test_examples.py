"""The bundled examples express their source documents completely and correctly.

The expected values below are written out from the documents themselves
(seeds/004 for 咸宁高新区, seeds/000 for 清廉襄阳), not from parser output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import qlmatrix
from qlmatrix import LoopStage, Period, Role, SectionKind, UnitKind

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
XIANNING = EXAMPLES / "xianning-gaoxin.qlm"
XIANGYANG = EXAMPLES / "xiangyang.qlm"


@pytest.fixture(scope="module")
def xianning():
    return qlmatrix.load(XIANNING)


@pytest.fixture(scope="module")
def xiangyang():
    return qlmatrix.load(XIANGYANG)


def names(refs):
    return tuple(str(ref) for ref in refs)  # a Ref as written, or a resolved canonical name


def unit_index(plan):
    """Every name a unit answers to (name, full name, aliases) -> the unit."""
    index = {}
    for unit in plan.all_units():
        for name in unit.names:
            assert name not in index, f"name {name} declared twice"
            index[name] = unit
    return index


def all_refs(plan):
    for task in plan.tasks():
        yield from (a.unit for a in task.assignments)
    for section in plan.sections():
        yield from (a.unit for a in section.assignments)
    for unit in plan.all_units():
        if unit.parent is not None:
            yield unit.parent
    for report in plan.reports():
        if report.source.name != "牵头单位":  # the role reference: each carrier's lead
            yield report.source
        if report.target is not None:
            yield report.target


# ---------------------------------------------------------------- 咸宁高新区

# (id, title, lead, supports) for every item of the document, in document order.
# Sections 二 and 三: the document's own (责任单位:…), first listed leads.
# Section 四: assigned from the text (no annotations there); 四(四): nobody. Section 一 holds two
# passages that are not tasks (指导思想, 主要目标), kept as `说明`.
XIANNING_TASKS = [
    ("二(一)", "全面强化政治建设", "综合办", ("纪监委",)),
    ("二(二)", "坚决落实“两个维护”", "综合办", ("党群部",)),
    ("二(三)", "筑牢清廉思想根基", "党群部", ()),
    ("二(四)", "全面加强纪律建设", "纪监委", ()),
    ("三(一)", "全面打造清风干部队伍", "纪监委", ("党群部",)),
    ("三(二)", "全面开展清风助企行动", "政务局", ("纪监委",)),
    ("三(三)", "加强公共资金规范管理", "财政局", ("纪监委",)),
    ("三(四)", "推动公共资源阳光交易", "执法局", ("财政局",)),
    ("四(一)", "加强组织领导", "党工委", ("纪监委",)),
    ("四(二)", "压实主体责任", "各单位", ()),
    ("四(三)", "严格督查问责", "纪监委", ()),
    ("四(四)", "加大宣传力度", None, ()),
]

XIANNING_ANNOTATIONS = [
    "(责任单位:综合办、纪监委)",
    "(责任单位:综合办、党群部)",
    "(责任单位:党群部)",
    "(责任单位:纪监委)",
    "(责任单位:纪监委、党群部)",
    "(责任单位:政务局、纪监委)",
    "(责任单位:财政局、纪监委)",
    "(责任单位:执法局、财政局)",
]


def test_xianning_header(xianning):
    assert xianning.basis == "咸发〔2021〕12号"
    assert xianning.issuer == "高新区党工委"
    assert xianning.title == "清廉高新区建设实施意见"


def test_xianning_principles_are_notes_not_tasks(xianning):
    notes = [(note.number, note.title, bool(note.body)) for note in xianning.notes()]
    assert notes == [("(一)", "指导思想", True), ("(二)", "主要目标", True)]


def test_xianning_every_item_with_its_units(xianning):
    found = [(t.id, t.title, t.lead, names(t.support)) for t in qlmatrix.resolve(xianning).tasks]
    assert found == XIANNING_TASKS


def test_xianning_annotations_are_pasted_verbatim():
    lines = XIANNING.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    positions = [text.find(annotation) for annotation in XIANNING_ANNOTATIONS]
    assert all(position > 0 for position in positions)
    assert positions == sorted(positions)  # in document order
    assert text.count("(责任单位:") == len(XIANNING_ANNOTATIONS)


def test_xianning_sections(xianning):
    sections = list(qlmatrix.resolve(xianning).sections)
    assert [(s.id, s.title) for s in sections] == [
        ("一", "清廉高新区建设要求"),
        ("二", "建设清廉的政治生态"),
        ("三", "打造清廉高新区发展环境"),
        ("四", "强化清廉建设组织保障"),
    ]
    assert [len(s.tasks) for s in sections] == [0, 4, 4, 4]  # 一 holds two 说明, no task
    assert all(s.section.kind is SectionKind.SECTION for s in sections)


def test_xianning_unassigned_items(xianning):
    tasks = {t.id: t for t in qlmatrix.resolve(xianning).tasks}
    assert tasks["四(四)"].own == () and tasks["四(四)"].holdings == ()
    assert "一(一)" not in tasks and "一(二)" not in tasks  # 说明, not tasks
    assert "# 原文未明确责任单位" in next(
        line for line in XIANNING.read_text(encoding="utf-8").splitlines() if "(四)加大宣传力度" in line
    )


def test_xianning_bodies_kept(xianning):
    tasks = {t.id: t for t in qlmatrix.resolve(xianning).tasks}
    assert all(t.body for t in tasks.values())
    assert tasks["二(一)"].body.startswith("把党的政治建设作为党的根本性建设")
    assert tasks["二(一)"].body.endswith("不折不扣地落到实处。")
    assert tasks["三(一)"].body.endswith("促进干部从“有错”到“有为”。")
    assert tasks["四(四)"].body.startswith("加强清廉高新区建设研究,推动成果转化。")
    assert "(责任单位" not in "".join(t.body for t in tasks.values())


def test_xianning_section_four_duties(xianning):
    tasks = {t.id: t for t in qlmatrix.resolve(xianning).tasks}
    supervise = tasks["四(三)"]
    assert supervise.cadence.text == "常态化"
    assert supervise.cadence.vague and supervise.cadence.period is None
    assert tasks["四(二)"].deliverable == "具体实施方案"
    assert tasks["四(一)"].oversee == ()


def test_xianning_oversight_on_sections(xianning):
    sections = {s.id: s for s in qlmatrix.resolve(xianning).sections}
    assert sections["二"].oversee == ("纪监委",)
    assert sections["三"].oversee == ("纪监委",)
    assert sections["一"].own == () and sections["四"].own == ()


def test_xianning_units(xianning):
    units = unit_index(xianning)
    assert [u.name for u in xianning.all_units()] == [
        "市委", "党工委", "纪监委", "综合办", "党群部", "政务局", "财政局", "执法局", "各单位",
    ]
    assert units["党工委"].full_name == "咸宁高新区党工委"
    assert units["纪监委"].full_name == "高新区纪监委"
    assert units["纪监委"].kind is UnitKind.DISCIPLINE
    assert units["纪监委"].parent.name == "党工委"
    for name in ("综合办", "党群部", "政务局", "财政局", "执法局"):
        assert units[name].parent.name == "党工委"
        assert not units[name].collective
    assert units["各单位"].collective and units["各单位"].full_name == "高新区各单位"
    assert units["党工委"].parent.name == "市委"


def test_xianning_every_name_is_declared(xianning):
    declared = unit_index(xianning)
    missing = {ref.name for ref in all_refs(xianning)} - set(declared)
    assert not missing


# ---------------------------------------------------------------- 清廉襄阳

MEASURES = {
    ("一", "构建清明的政治生态"): ["强化党的政治建设", "严肃党内政治生活", "压紧压实主体责任", "持之以恒惩贪治腐"],
    ("二", "树立正确的选人用人导向"): ["选用清廉有为干部", "强化选人用人监督"],
    ("三", "大力弘扬严实作风"): ["持续整治享乐主义、奢靡之风", "纠治形式主义、官僚主义", "激励和保护干部担当作为"],
    ("四", "持续优化发展环境"): ["优化政务服务环境", "规范执法司法行为", "构建亲清新型政商关系"],
}

# Carrier -> lead. The interview lists the leads in one sentence and the carriers in
# another; this pairing is inferred (see examples/README.md).
CARRIER_LEADS = {
    "清廉机关": "市委直属机关工委",
    "清廉企业": "市国资委党委",
    "清廉学校": "市教育局党组",
    "清廉医院": "市卫健委党组",
    "清廉村居": "市农业农村局党组",
    "清廉家庭": "市妇联党组",
    "清廉文化": "市委宣传部",
}


def test_xiangyang_header(xiangyang):
    assert xiangyang.title == "中共襄阳市委关于推进清廉襄阳建设的实施意见"
    assert xiangyang.issuer == "市委"
    assert xiangyang.basis is None  # the interview gives no document number


def test_xiangyang_twelve_measures_in_four_areas(xiangyang):
    areas = [s for s in xiangyang.sections() if s.number]
    assert {(s.number, s.title): [t.title for t in s.items] for s in areas} == MEASURES
    measures = [t for s in areas for t in s.items]
    assert len(measures) == 12
    assert [t.number for t in measures] == [str(n) for n in range(1, 13)]


def test_xiangyang_only_measure_three_is_assigned(xiangyang):
    measures = {t.number: t for s in xiangyang.sections() if s.number for t in s.items}
    three = measures["3"]
    assert names(three.units_in(Role.LEAD)) == ("各级党委",)
    assert three.units_in(Role.SUPPORT) == ()
    assert three.cadence.period is Period.HALF_YEAR
    assert three.cadence.min_count == 1
    assert not three.cadence.vague
    assert "每半年至少专题研究一次全面从严治党工作" in three.body
    for number, task in measures.items():
        if number != "3":
            assert task.assignments == (), number


def test_xiangyang_goal_due(xiangyang):
    goal = next(t for t in xiangyang.tasks() if t.title == "主要目标")
    assert goal.due.due == "十四五-end"
    assert goal.assignments == ()


def test_xiangyang_seven_carriers(xiangyang):
    carriers = [s for s in xiangyang.sections() if s.kind is SectionKind.CARRIER]
    for carrier in carriers:
        assert names(carrier.units_in(Role.LEAD)) == (CARRIER_LEADS[carrier.title],)
        assert names(carrier.units_in(Role.SUPPORT)) == ("市纪委监委派驻机构",)
        assert names(carrier.units_in(Role.CONSULT)) == ("其他责任单位",)
        assert set(carrier.loop) == set(LoopStage) and len(carrier.loop) == 4
        plan_task = carrier.items[0]
        assert plan_task.title == f"研究制定{carrier.title}建设具体推进方案并组织实施"
        assert plan_task.cadence.period is Period.YEAR
        assert len(carrier.items) >= 5  # the plan task and at least four measures from the interview
        assert all(isinstance(item, qlmatrix.Task) for item in carrier.items)


def test_xiangyang_carriers_come_from_their_files(xiangyang):
    includes = list(xiangyang.includes())
    assert [i.path for i in includes] == [f"xiangyang/{name}.qlm" for name in CARRIER_LEADS]
    for include in includes:
        assert include.plan is not None
        (carrier,) = include.plan.items
        assert carrier.kind is SectionKind.CARRIER
        assert include.path == f"xiangyang/{carrier.title}.qlm"
        assert Path(carrier.span.file).name == f"{carrier.title}.qlm"


def test_xiangyang_carrier_measures_verbatim(xiangyang):
    carriers = {s.title: s for s in xiangyang.sections() if s.kind is SectionKind.CARRIER}
    titles = [t.title for t in carriers["清廉企业"].items[1:]]
    assert titles == [
        "坚持党的领导和完善公司治理相统一",
        "建立国企党委前置研究讨论重大经营管理事项清单",
        "强化对国企领导人员特别是“一把手”的监督制约",
        "构建纪检监察、审计、国资综合监管体系",
        "要严肃查处靠企吃企、设租寻租、违规担保等",
    ]
    assert carriers["清廉医院"].items[-1].title == "要加强医德医风,重点打击收取“红包”等"


def test_xiangyang_reports(xiangyang):
    reports = {(r.source.name, r.target.name): r for r in xiangyang.reports()}
    assert set(reports) == {("各级党委", "上一级党委"), ("牵头单位", "领导小组办公室")}

    yearly = reports["各级党委", "上一级党委"]
    assert yearly.content == "清廉建设推进情况"
    assert yearly.cadence.period is Period.YEAR
    assert yearly.due.due == "year-end"
    assert yearly.form == "书面"

    regular = reports["牵头单位", "领导小组办公室"]
    assert regular.content == "工作情况"
    assert regular.cadence.text == "定期"
    assert regular.cadence.vague
    assert regular.cadence.period is None
    assert regular.due is None


def test_xiangyang_organisation_duties(xiangyang):
    section = next(s for s in xiangyang.sections() if s.title == "组织保障")
    tasks = {t.title: t for t in section.items if isinstance(t, qlmatrix.Task)}

    assert names(tasks["坚决扛起清廉襄阳建设的主体责任"].units_in(Role.LEAD)) == ("各级党委",)

    annual = tasks["制定年度具体工作方案"]
    assert names(annual.units_in(Role.LEAD)) == ("相关配合单位",)
    assert annual.cadence.period is Period.YEAR

    assert tasks["发挥主流媒体、新媒体的作用"].assignments == ()

    oversight = tasks["把推进清廉襄阳建设情况作为巡察、日常监督的重要内容"]
    assert names(oversight.units_in(Role.OVERSEE)) == ("各级党委", "纪检监察机关")
    assert oversight.units_in(Role.LEAD) == ()
    assert "督促整改,严肃问责" in oversight.body


def test_xiangyang_units(xiangyang):
    units = unit_index(xiangyang)
    group = units["清廉襄阳建设领导小组"]
    assert units["领导小组"] is group
    assert group.kind is UnitKind.LEADING_GROUP and group.parent.name == "市委"
    office = units["领导小组办公室"]
    assert office.kind is UnitKind.OFFICE and office.parent.name == "清廉襄阳建设领导小组"
    assert units["纪委监委"] is units["市纪委监委"]
    assert units["市纪委监委"].kind is UnitKind.DISCIPLINE
    stations = units["市纪委监委派驻机构"]
    assert stations.collective and stations.full_name == "市纪委监委相关派驻机构"
    assert stations.parent.name == "市纪委监委"

    committees = units["各级党委"]
    assert committees.collective and committees.full_name == "各级党委(党组)"
    assert committees.levels == ("市", "县", "乡", "村")
    assert units["纪检监察机关"].levels == ("市", "县", "乡")
    for name in ("上一级党委", "其他责任单位", "相关配合单位"):
        assert units[name].collective

    for lead in CARRIER_LEADS.values():
        assert not units[lead].collective and units[lead].level == "市"
        assert units[lead].parent.name == "市委"


def test_xiangyang_every_name_is_declared(xiangyang):
    declared = unit_index(xiangyang)
    missing = {ref.name for ref in all_refs(xiangyang)} - set(declared)
    assert not missing


def test_xiangyang_task_count(xiangyang):
    tasks = list(qlmatrix.resolve(xiangyang).tasks)
    carrier_tasks = [t for s in xiangyang.sections() if s.kind is SectionKind.CARRIER for t in s.items]
    # 1 goal + 12 measures + 4 organisation duties + the carriers' tasks
    assert len(tasks) == 1 + 12 + 4 + len(carrier_tasks)
    assert len(carrier_tasks) == 7 + 4 + 5 + 4 + 5 + 5 + 4 + 5
    assert len({t.id for t in tasks}) == len(tasks)  # ids are unique


def test_xiangyang_carrier_tasks_inherit_the_carrier_roles(xiangyang):
    resolved = qlmatrix.resolve(xiangyang)
    carriers = [s for s in resolved.sections if s.section.kind is SectionKind.CARRIER]
    assert {c.title: c.lead for c in carriers} == CARRIER_LEADS
    for carrier in carriers:
        for task in carrier.tasks:
            assert task.lead == CARRIER_LEADS[carrier.title], task.id
            assert task.origin(Role.LEAD) is carrier.section
            assert task.support == ("市纪委监委派驻机构",)
            assert task.consult == ("其他责任单位",)
