"""The vocabulary of the language in Chinese and English, in one place.

The grammar knows the statement keywords; property names, unit kinds and
closed-loop stages are words the parser looks up here, so the writer
(qlmatrix.writer) and the docs use the very same tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from .model import LoopStage, Role, UnitKind

#: Statement keywords: canonical name -> (Chinese, English).
STATEMENTS = {
    "plan": ("计划", "plan"),
    "unit": ("单位", "unit"),
    "collective": ("集合", "collective"),
    "section": ("章", "section"),
    "carrier": ("载体", "carrier"),
    "task": ("任务", "task"),
    "report": ("汇报", "report"),
    "include": ("引入", "include"),
    "note": ("说明", "note"),
}

#: Property names: canonical name -> (Chinese forms..., English forms...); the first of each is written.
PROPERTIES = {
    "basis": (("依据", "依据文件", "文号"), ("basis",)),
    "issuer": (("发文", "发文单位"), ("issuer",)),
    "date": (("发文日期", "印发日期"), ("date",)),
    "full": (("全称",), ("full",)),
    "aliases": (("别名", "简称"), ("aliases", "alias")),
    "parent": (("上级",), ("parent",)),
    "level": (("层级", "级别"), ("level", "levels")),
    "kind": (("类型",), ("kind",)),
    "lead": (("牵头", "牵头单位", "牵头部门"), ("lead",)),
    # Several leads, each of its own part of the work (`（A、B分别负责）`): leads all the same (Role.LEAD,
    # `Assignment.each`), so E301 does not take them for rival leads.
    "lead-each": (("分别牵头", "分别负责"), ("lead-each",)),
    "support": (("配合", "配合单位", "配合部门", "协助", "协助单位"), ("support",)),
    "consult": (("会同",), ("consult",)),
    "inform": (("报送", "知会"), ("inform",)),
    "oversee": (("监督", "监督单位"), ("oversee",)),
    "responsible": (("责任单位", "责任部门"), ("responsible",)),
    # People, not units: the official in charge of a task (a 分工方案's 责任领导 column).
    "leader": (("责任领导", "牵头领导", "牵头负责领导"), ("leader", "leaders")),
    "cadence": (("频次", "频率"), ("cadence",)),
    "due": (("时限", "完成时限"), ("due",)),
    "deliverable": (("成果",), ("deliverable",)),
    "body": (("正文", "内容要求"), ("body",)),
    "id": (("编号",), ("id",)),
    "content": (("内容",), ("content",)),
    "form": (("形式",), ("form",)),
    "loop": (("闭环",), ("loop",)),
}

#: Which properties each statement accepts.
ALLOWED = {
    "plan": ("basis", "issuer", "date"),
    "unit": ("full", "aliases", "parent", "level", "kind"),
    "collective": ("full", "aliases", "parent", "level", "kind"),
    "section": ("id", "lead", "lead-each", "support", "consult", "inform", "oversee", "leader", "loop"),
    "carrier": ("id", "lead", "lead-each", "support", "consult", "inform", "oversee", "leader", "loop"),
    "task": ("id", "lead", "lead-each", "support", "consult", "inform", "oversee", "responsible", "leader",
             "cadence", "due", "deliverable", "body"),
    "note": ("body",),
    "report": ("content", "cadence", "due", "form"),
}

#: Properties that assign a role: canonical name -> role. `lead-each` is a lead too, flagged each.
ROLE_PROPERTIES = {
    "lead": Role.LEAD,
    "lead-each": Role.LEAD,
    "support": Role.SUPPORT,
    "consult": Role.CONSULT,
    "inform": Role.INFORM,
    "oversee": Role.OVERSEE,
}

#: The role property whose units each lead their own part (`Assignment.each`).
EACH_LEAD_PROPERTY = "lead-each"

UNIT_KINDS = {
    UnitKind.PARTY_COMMITTEE: ("党委", "party-committee"),
    UnitKind.PARTY_GROUP: ("党组", "party-group"),
    UnitKind.LEADING_GROUP: ("领导小组", "leading-group"),
    UnitKind.OFFICE: ("办公室", "office"),
    UnitKind.DEPARTMENT: ("部门", "department"),
    UnitKind.DISCIPLINE: ("纪检监察", "discipline"),
    UnitKind.GOVERNMENT: ("政府", "government"),
    UnitKind.MASS_ORGANIZATION: ("群团", "mass-organization"),
    UnitKind.OTHER: ("其他", "other"),
}

LOOP_STAGES = {
    LoopStage.GOAL: ("目标", "goal"),
    LoopStage.MEASURE: ("举措", "measure"),
    LoopStage.ASSESSMENT: ("考核", "assessment"),
    LoopStage.FEEDBACK: ("反馈", "feedback"),
}

#: Labels of the document's annotation `(责任单位:A、B)`: label -> role, or None for 责任单位,
#: whose first unit leads unless another is marked 牵头.
ANNOTATION_LABELS = {
    "责任单位": None,
    "责任部门": None,
    "responsible": None,
    "牵头单位": Role.LEAD,
    "牵头部门": Role.LEAD,
    "lead": Role.LEAD,
    "配合单位": Role.SUPPORT,
    "配合部门": Role.SUPPORT,
    "协助单位": Role.SUPPORT,
    "support": Role.SUPPORT,
}

#: Where an annotation starts: an opening bracket, a label and a colon (`(责任单位:`, `【牵头单位：`).
#: grammar/qlm.lark spells the same alternation out in its ANNOTATION and TEXT terminals.
@functools.cache  # compiled when first needed: `qlm check` of a plan that parses never needs it
def annotation_start() -> re.Pattern[str]:
    return re.compile(
        r"[(（\[【〔][ \t\u3000]*(" + "|".join(map(re.escape, ANNOTATION_LABELS)) + r")[ \t\u3000]*[:：]")

#: Role marks written after a name inside an annotation: 纪监委(牵头).
ROLE_MARKS = {"牵头": Role.LEAD, "lead": Role.LEAD, "配合": Role.SUPPORT, "support": Role.SUPPORT}


def _index(table: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, (zh_forms, en_forms) in table.items():
        for form in (*zh_forms, *en_forms):
            index[form] = canonical
    return index


PROPERTY_BY_WORD = _index(PROPERTIES)
UNIT_KIND_BY_WORD = {word: kind for kind, words in UNIT_KINDS.items() for word in words}
LOOP_STAGE_BY_WORD = {word: stage for stage, words in LOOP_STAGES.items() for word in words}
STATEMENT_BY_WORD = {word: name for name, words in STATEMENTS.items() for word in words}


def word(table_entry: tuple[str, str] | tuple[tuple[str, ...], tuple[str, ...]], language: str) -> str:
    """The written form of a vocabulary entry in `language` ('zh' or 'en'): a statement's
    (Chinese, English) pair, or a property's forms, whose first is written."""
    forms = table_entry[0] if language == "zh" else table_entry[1]
    return forms if isinstance(forms, str) else forms[0]


#: A comma, then a property name and its colon (`牵头：A，配合：B`): where `；` was meant. The parser
#: reads it as two properties (E014), so the writer quotes a value holding it.
@functools.cache  # compiled when first needed (a value with a comma in it): start-up is part of every check
def comma_before_property() -> re.Pattern[str]:
    return re.compile(
        r"[，,][ \t\u3000]*(" + "|".join(sorted(map(re.escape, PROPERTY_BY_WORD), key=len, reverse=True))
        + r")[ \t\u3000]*[:：]")
