"""A synthetic but realistic plan, for trying the tool at scale (`qlm gen`).

The plan is shaped like the documents in `seeds/`: a city plan rolled down to
its counties, townships and villages (市县乡村四级联动), numbered sections
一、 → (一) → 1. → (1), tasks in the document's annotation `(责任单位:A、B)` or
in block form with every role, cadences (some vague), reporting lines up to
the leadership group's office, carriers with their closed loop, and a few
deliberate gaps and conflicts (about one in five hundred tasks) for the
checks to find. The same seed always gives the same plan; only
`random.Random(seed)` is used, never the global generator.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from . import limits
from .model import (
    LEAD_REFERENCE,
    Assignment,
    Item,
    LoopStage,
    Plan,
    Report,
    Role,
    Section,
    SectionKind,
    Task,
    Unit,
    UnitKind,
)
from .numbering import normalise_number

__all__ = ["generate"]

_CITY = "江城市"
_COUNTY_SYLLABLES = ("东", "西", "南", "北", "清", "安", "宁", "江", "河", "山", "平", "阳", "兴", "华", "新", "丰",
                     "远", "和", "泰", "云", "松", "桂", "石", "林", "湖", "川", "乐", "昌", "永", "文")
_CITY_DEPARTMENTS = (
    ("市委办公室", UnitKind.OFFICE), ("市委组织部", UnitKind.DEPARTMENT), ("市委宣传部", UnitKind.DEPARTMENT),
    ("市委政法委", UnitKind.DEPARTMENT), ("市委直属机关工委", UnitKind.PARTY_COMMITTEE),
    ("市政府办公室", UnitKind.OFFICE), ("市发改委", UnitKind.GOVERNMENT), ("市财政局", UnitKind.GOVERNMENT),
    ("市审计局", UnitKind.GOVERNMENT), ("市教育局党组", UnitKind.PARTY_COMMITTEE),
    ("市卫健委党组", UnitKind.PARTY_COMMITTEE), ("市国资委党委", UnitKind.PARTY_COMMITTEE),
    ("市农业农村局党组", UnitKind.PARTY_COMMITTEE), ("市住建局", UnitKind.GOVERNMENT),
    ("市司法局", UnitKind.GOVERNMENT), ("市政务服务局", UnitKind.GOVERNMENT), ("市妇联党组", UnitKind.MASS_ORGANIZATION),
)
_COUNTY_DEPARTMENTS = ("组织部", "宣传部", "财政局", "审计局", "教育局", "卫健局", "政务服务局")
_COLLECTIVES = (
    ("各级党委", "各级党委(党组)", ("市", "县", "乡", "村")),
    ("各县(市、区)", None, ("县",)),
    ("纪检监察机关", "各级纪检监察机关", ("市", "县", "乡")),
    ("上一级党委", "上一级党委(党组)", ()),
    ("相关配合单位", None, ()),
)
_AREAS = ("政治生态", "选人用人导向", "干部作风", "发展环境", "清廉机关", "清廉企业", "清廉学校", "清廉医院",
          "清廉村居", "清廉家庭", "清廉文化", "基层监督", "政务服务", "公共资金", "公共资源交易", "组织保障")
_VERBS = ("全面强化", "坚决落实", "持续深化", "扎实推进", "着力加强", "严格规范", "健全完善", "大力推动", "不断优化",
          "切实压实", "深入开展", "统筹推进")
_OBJECTS = ("政治建设", "主体责任", "纪律建设", "作风建设", "权力运行监督", "选人用人监督", "政务服务效能",
            "预算管理", "招标投标监管", "廉政教育", "巡察整改", "监督执纪", "容错纠错机制", "清廉文化阵地",
            "村级小微权力清单", "基层公权力监督", "营商环境", "公共资金管理", "干部队伍建设", "制度建设")
_CLAUSES = ("把全面从严治党要求落实到每个支部、每名党员", "坚持严的主基调不动摇", "一体推进不敢腐、不能腐、不想腐",
            "围绕群众反映强烈的问题开展专项整治", "严肃查处违反中央八项规定精神的问题", "建立健全工作台账和问题清单",
            "推动监督向基层延伸", "形成有目标、有举措、有考核、有反馈的工作闭环", "做到真容错敢纠错、讲政策给出路",
            "严格执行党内法规和国家法律法规", "深入分析研判政治生态", "及时督促整改，严肃问责",
            "营造崇廉尚廉促廉的良好氛围", "确保各项任务落地见效", "做好跟踪问效和总结推广")
_CADENCES = ("每年", "每年底", "每半年至少一次", "每季度", "每月", "每年至少两次", "每半年")
_VAGUE = ("定期", "常态化", "长期坚持", "持续推进")
_DUES = ("2025年6月底前", "2025年12月底前", "2026年6月底前", "每年12月10日前", "年底前", "到“十五五”末")
_DELIVERABLES = ("工作方案", "问题清单", "整改报告", "专题报告", "制度文件", "工作台账")
_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 305 -> 三百零五 (up to 999, as documents number their parts)."""
    if not 0 < n < 1000:
        raise ValueError(f"cannot number {n} in Chinese numerals here")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _CHINESE_DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _CHINESE_DIGITS[ones]
    return text


def number_at(depth: int, n: int) -> str:
    """The document's numbering style at each depth: 一、 (一) 1. (1)."""
    if depth == 0:
        return chinese_number(n) + "、"
    if depth == 1:
        return f"({chinese_number(n)})"
    if depth == 2:
        return f"{n}."
    return f"({n})"


class _Generator:
    def __init__(self, tasks: int, units: int, rng: random.Random, progress: Callable[[int], None] | None):
        self.rng = rng
        self.task_target = tasks
        self.unit_target = units
        self.progress = progress
        self.made = 0
        self.units: list[Unit] = []
        self.leaders: list[str] = []  # units that may lead: every declared non-collective unit but the top three
        self.county_heads: list[str] = []
        self.last_id = ""
        self.no_target_due = False
        # One deliberate problem about every 500 tasks, spread evenly, at least one of each kind.
        kinds = ("no-unit", "typo", "two-leads", "lead-and-support", "oversees-own", "duplicate-id",
                 "report-no-target")
        count = min(tasks, max(len(kinds), tasks // 500))
        step = tasks / count
        self.fault_at = {int(index * step + step / 2): kinds[index % len(kinds)] for index in range(count)}

    # Units

    def unit(self, name: str, *, kind: UnitKind, level: str, parent: str | None = None,
             full_name: str | None = None, aliases: tuple[str, ...] = ()) -> None:
        self.units.append(Unit(name, full_name=full_name, aliases=aliases, parent=parent, level=level, kind=kind))

    def declare_units(self) -> None:
        self.unit("市委", full_name=f"中共{_CITY}委", kind=UnitKind.PARTY_COMMITTEE, level="市")
        self.unit("清廉建设领导小组", aliases=("领导小组",), parent="市委", kind=UnitKind.LEADING_GROUP, level="市")
        self.unit("领导小组办公室", parent="清廉建设领导小组", kind=UnitKind.OFFICE, level="市")
        self.unit("市纪委监委", aliases=("纪委监委",), parent="市委", kind=UnitKind.DISCIPLINE, level="市")
        for name, kind in _CITY_DEPARTMENTS:
            self.unit(name, parent="市委", kind=kind, level="市")
        for name, full, levels in _COLLECTIVES:
            self.units.append(Unit(name, full_name=full, collective=True, levels=levels))
        # Counties, then townships and villages under them, until there are enough units.
        used: set[str] = set()
        counties = max(1, min(60, (self.unit_target - len(self.units)) // 40))
        for _ in range(counties):
            if len(self.units) >= self.unit_target:
                break
            place = self.place_name(used, 2)
            suffix = self.rng.choice("县区")
            head = f"{place}{suffix}委"
            self.unit(head, full_name=f"中共{place}{suffix}委", parent="市委", kind=UnitKind.PARTY_COMMITTEE, level="县")
            self.county_heads.append(head)
            self.unit(f"{place}{suffix}纪委监委", parent=head, kind=UnitKind.DISCIPLINE, level="县")
            for department in self.rng.sample(_COUNTY_DEPARTMENTS, self.rng.randint(2, len(_COUNTY_DEPARTMENTS))):
                self.unit(f"{place}{suffix}{department}", parent=head, kind=UnitKind.DEPARTMENT, level="县")
        county_count = len(self.county_heads)
        while len(self.units) < self.unit_target:
            county = self.county_heads[len(self.units) % county_count]
            town = f"{self.place_name(used, 2)}{self.rng.choice('镇乡')}党委"
            self.unit(town, parent=county, kind=UnitKind.PARTY_COMMITTEE, level="乡")
            for _ in range(self.rng.randint(1, 4)):
                if len(self.units) >= self.unit_target:
                    break
                self.unit(f"{self.place_name(used, 2)}村党支部", parent=town, kind=UnitKind.PARTY_COMMITTEE, level="村")
        self.leaders = [unit.name for unit in self.units[3:] if not unit.collective]

    def place_name(self, used: set[str], length: int) -> str:
        while True:
            name = "".join(self.rng.choice(_COUNTY_SYLLABLES) for _ in range(length))
            if name not in used:
                used.add(name)
                return name
            length += len(used) > len(_COUNTY_SYLLABLES) ** length // 2

    # Sections and tasks

    def title(self) -> str:
        return self.rng.choice(_VERBS) + self.rng.choice(_OBJECTS)

    def body(self) -> str:
        clauses = self.rng.sample(_CLAUSES, self.rng.randint(2, 5))
        return "，".join(clauses) + "。"

    def items(self, count: int, depth: int, prefix: str, levels: int) -> list[Item]:
        """`count` tasks under a section with id `prefix`, split into `levels` more levels of sections."""
        if levels == 0:
            return [self.task(number_at(depth, n + 1), prefix) for n in range(count)]
        fanout = max(1, min(count, round(count ** (1 / (levels + 1)))))
        sizes = _split(count, fanout, self.rng)
        items: list[Item] = []
        for index, size in enumerate(sizes):
            number = number_at(depth, index + 1)
            ident = prefix + number.rstrip("、.")
            carrier = depth == 0 and index % 5 == 4
            members = self.items(size, depth + 1, ident, levels - 1)
            if depth == 0:
                members.append(self.report(carrier))
            items.append(Section(
                title=(_AREAS[index % len(_AREAS)] if carrier else self.title()),
                number=number.rstrip("、.") if depth != 2 else number.rstrip("."),
                kind=SectionKind.CARRIER if carrier else SectionKind.SECTION,
                assignments=self.carrier_roles() if carrier else self.section_roles(depth),
                loop=self.loop() if carrier else (),
                items=members,
            ))
        return items

    def section_roles(self, depth: int) -> list[Assignment]:
        # The discipline commission oversees every area (四(三) of the 咸宁 plan); its tasks inside are
        # then self-oversight, which the checks flag.
        return [Assignment(Role.OVERSEE, "市纪委监委")] if depth == 0 else []

    def carrier_roles(self) -> list[Assignment]:
        lead = self.rng.choice(_CITY_DEPARTMENTS)[0]
        return [Assignment(Role.LEAD, lead), Assignment(Role.SUPPORT, "纪检监察机关"),
                Assignment(Role.CONSULT, "相关配合单位"), Assignment(Role.OVERSEE, "市纪委监委")]

    def loop(self) -> tuple[LoopStage, ...]:
        stages = list(LoopStage)
        if self.rng.random() < 0.3:  # a gap: the closed loop lacks 考核 or 反馈
            stages.remove(self.rng.choice((LoopStage.ASSESSMENT, LoopStage.FEEDBACK)))
        return tuple(stages)

    def task(self, number: str, prefix: str) -> Task:
        rng = self.rng
        fault = self.fault_at.get(self.made)
        self.made += 1
        if self.progress is not None and self.made % 1000 == 0:
            self.progress(self.made)
        number = number.rstrip("、.") if not number[0].isdigit() else number.rstrip(".")
        lead = rng.choice(self.leaders) if rng.random() < 0.9 else rng.choice(("各级党委", "各县(市、区)"))
        others = [name for name in rng.sample(self.leaders, rng.randint(0, 3)) if name != lead]
        assignments = [Assignment(Role.LEAD, lead)] + [Assignment(Role.SUPPORT, name) for name in others]
        if rng.random() < 0.25:  # block form: roles beyond lead and support
            role = rng.choice((Role.CONSULT, Role.INFORM, Role.OVERSEE))
            assignments.append(Assignment(role, "市纪委监委" if role is Role.OVERSEE else "领导小组办公室"))
        cadence = due = deliverable = None
        if rng.random() < 0.4:
            cadence = rng.choice(_VAGUE) if rng.random() < 0.05 else rng.choice(_CADENCES)
        if rng.random() < 0.3:
            due = rng.choice(_DUES)
        if rng.random() < 0.2:
            deliverable = rng.choice(_DELIVERABLES)
        if fault == "no-unit":
            assignments = []
        elif fault == "typo":
            assignments[0] = Assignment(Role.LEAD, "市纪检委")  # did you mean 市纪委监委
        elif fault == "two-leads":
            assignments.append(Assignment(Role.LEAD, rng.choice(self.leaders)))
        elif fault == "lead-and-support":
            assignments.append(Assignment(Role.SUPPORT, lead))
        elif fault == "oversees-own":
            assignments = [Assignment(Role.LEAD, "市纪委监委"), Assignment(Role.OVERSEE, "市纪委监委")]
        elif fault == "report-no-target":
            self.no_target_due = True
        ident = explicit = ""
        if fault == "duplicate-id" and self.last_id:  # a conflict: the previous task's id, given explicitly
            ident = explicit = self.last_id
        self.last_id = ident or prefix + normalise_number(number)
        return Task(title=self.title(), id=explicit, number=number, body=self.body(), assignments=assignments,
                    cadence=cadence, due=due, deliverable=deliverable)

    def report(self, carrier: bool) -> Report:
        if carrier:
            return Report(LEAD_REFERENCE, "领导小组办公室", content="工作情况", cadence="每季度")
        if self.no_target_due:  # a gap: a report with no recipient
            self.no_target_due = False
            return Report(self.rng.choice(self.leaders), None, content="工作情况", cadence="每半年")
        source = self.rng.choice(self.county_heads or self.leaders)
        return Report(source, "市委", content="清廉建设推进情况", cadence="每年", due="年底", form="书面")


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` positive sizes that vary around the mean."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    index = 0
    while sum(sizes) != total:
        step = 1 if sum(sizes) < total else -1
        if sizes[index % parts] + step >= 1:
            sizes[index % parts] += step
        index += 1
    return sizes


def default_units(tasks: int) -> int:
    return max(40, min(5000, tasks // 10))


def generate(tasks: int, units: int | None = None, seed: int = 0,
             progress: Callable[[int], None] | None = None) -> Plan:
    """A plan of `tasks` tasks and about `units` declared units, the same for the same seed.

    `progress`, if given, is called with the number of tasks made so far every thousand tasks.
    """
    if tasks < 1:
        raise ValueError("a generated plan needs at least one task")
    if tasks > limits.MAX_GENERATED_TASKS:
        # Ten times the largest plan the benchmarks use; more only runs out of memory.
        raise ValueError(f"a generated plan has at most {limits.MAX_GENERATED_TASKS:,} tasks")
    units = default_units(tasks) if units is None else units
    if units < 30:
        raise ValueError("a generated plan needs at least 30 units (the city's own)")
    maker = _Generator(tasks, units, random.Random(seed), progress)
    maker.declare_units()
    # Leaf sections hold about eight tasks; deeper plans need more levels (at most 一、 (一) 1. then (1) tasks).
    levels = max(1, min(3, math.ceil(math.log(max(tasks, 2) / 8, 12))))
    items = maker.items(tasks, 0, "", levels)
    items.insert(0, Section(title="组织领导", items=[
        Report(LEAD_REFERENCE, "领导小组办公室", content="工作情况", cadence="定期"),
        Report("领导小组办公室", "清廉建设领导小组", content="全市清廉建设推进情况", cadence="每半年至少一次"),
        Report("各级党委", "上一级党委", content="清廉建设推进情况", cadence="每年", due="年底", form="书面"),
        Report("清廉建设领导小组", "市委", content="年度工作总结", due="每年12月10日前", form="书面"),
    ]))
    return Plan(title=f"{_CITY}推进清廉建设实施方案（生成）", basis="江发〔2024〕1号", issuer="市委",
                units=maker.units, items=items)
