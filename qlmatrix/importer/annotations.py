"""Reading the document's assignment notes into roles.

Handles every form in docs/importing.md: `(责任单位:A、B)`, `(牵头单位:X;配合单位:Y、Z)`,
`（牵头单位：X，配合单位：Y，各区、县级市）`, `（A、B等负责）`, `A、B牵头，C按职责分工负责`,
`A会同B负责`, separate `牵头单位:`/`责任单位:` lines (joined by the caller with `；`),
and rules stated inside a note (`列第一位者为牵头单位，下同`).
"""

from __future__ import annotations

import re

import attrs

from .units import depth_split, looks_like_unit, split_marked, split_units, strip_verb, tidy

LEAD_LABELS = ("牵头单位", "牵头部门", "牽頭單位", "牽頭部門", "主办单位", "主责单位", "牵头")
SUPPORT_LABELS = ("配合单位", "配合部门", "配合單位", "協助單位", "协助单位", "参与单位", "协办单位", "配合")
RESPONSIBLE_LABELS = ("责任单位", "责任部门", "責任單位", "責任部門", "责任主体", "责任处室", "实施单位", "承办单位")
DUE_LABELS = ("完成时限", "完成时间", "完成期限", "时间节点", "时间安排", "时限")
CADENCE_LABELS = ("工作频次", "频次")
_LABEL_ROLES = {**{label: "lead" for label in LEAD_LABELS}, **{label: "support" for label in SUPPORT_LABELS},
                **{label: "responsible" for label in RESPONSIBLE_LABELS}, **{label: "due" for label in DUE_LABELS},
                **{label: "cadence" for label in CADENCE_LABELS}}
_LABEL_WORDS = "|".join(sorted(map(re.escape, _LABEL_ROLES), key=len, reverse=True))
LABEL = re.compile(rf"^[ \t\u3000]*[【\[]?({_LABEL_WORDS})[】\]]?[ \t\u3000]*[:：]")
_NEXT_LABEL = re.compile(rf"[，,][ \t\u3000]*(?=[【\[]?({_LABEL_WORDS})[】\]]?[ \t\u3000]*[:：])")
RULE_FIRST = re.compile(r"[列排](?:在|于)?(?:第一位|首位)|排名第一|第一位的?(?:单位|部门)?为牵头|排在前面的为牵头")
RULE_NONE = re.compile(r"(?:排名)?不分先后")
HENCEFORTH = re.compile(r"下同|以下同|后同")
NO_DIVISION = re.compile(r"不再(?:做|作|进行|逐一|一一|单独)?(?:具体)?(?:分工|列出|列明)")
#: A bracket or line that talks about roles: when it is not understood, it is reported.
HINT = re.compile(r"责任单位|责任部门|牵头|责任主体|配合单位|負責|牽頭|负责[)）\]】〕]?$")


@attrs.define
class Found:
    """What one note says; `responsible` units are split into lead and support by the lead rule."""

    lead: list[str] = attrs.field(factory=list)
    support: list[str] = attrs.field(factory=list)
    consult: list[str] = attrs.field(factory=list)
    responsible: list[str] = attrs.field(factory=list)
    due: list[str] = attrs.field(factory=list)
    cadence: list[str] = attrs.field(factory=list)
    rule: str | None = None  # "first" (列第一位者为牵头单位) or "none" (不分先后)
    rule_henceforth: bool = False
    no_division: bool = False  # 不再做分工: the note's units stand for what follows
    problems: list[str] = attrs.field(factory=list)  # pieces that are not unit names

    @property
    def units(self) -> list[str]:
        return self.lead + self.support + self.consult + self.responsible

    def roles(self, rule: str = "first") -> tuple[list[str], list[str], list[str]]:
        """(leads, supports, consulted), each unit once, in written order."""
        rule = self.rule or rule
        leads = list(self.lead)
        supports = list(self.support)
        responsible = list(self.responsible)
        if responsible:
            if leads or rule == "none":
                supports = responsible + supports
            else:
                leads = responsible[:1]
                supports = responsible[1:] + supports
        seen: set[str] = set()
        out = []
        for group in (leads, supports, list(self.consult)):
            kept = []
            for name in group:
                if name not in seen:
                    seen.add(name)
                    kept.append(name)
            out.append(kept)
        return out[0], out[1], out[2]


def parse_note(text: str, labelled_only: bool = False) -> Found | None:
    """Roles in a note's inner text; None when the note does not assign anything."""
    found = Found()
    any_role = False
    for sentence in depth_split(text, "。"):
        for group in depth_split(sentence, "；;"):
            group = tidy(group)
            if not group:
                continue
            if LABEL.match(group):
                for part in _labelled_parts(group):
                    any_role |= _labelled(part, found)
            elif labelled_only:
                return None
            else:
                for clause in depth_split(group, "，,"):
                    any_role |= _clause(tidy(clause), found)
    if not any_role or not found.units:
        return None
    return found


def _labelled_parts(group: str) -> list[str]:
    parts, cursor = [], 0
    for match in _NEXT_LABEL.finditer(group):
        parts.append(group[cursor:match.start()])
        cursor = match.end()
    parts.append(group[cursor:])
    return [part for part in parts if part.strip()]


def _labelled(part: str, found: Found) -> bool:
    match = LABEL.match(part)
    if not match:  # text after a labelled part with no label of its own
        return _clause(tidy(part), found)
    role = _LABEL_ROLES[match.group(1)]
    value = tidy(part[match.end():])
    if role in ("due", "cadence"):
        getattr(found, role).append(value)
        return False
    names = split_marked(strip_verb(value)[0])
    for name, mark in names:  # a mark (`X(牵头)`) says the role itself, as the parser reads it
        if looks_like_unit(name):
            getattr(found, mark or role).append(name)
        else:
            found.problems.append(name)
    return bool(names)


def _clause(clause: str, found: Found) -> bool:
    """One comma-separated clause of an unlabelled note: `A、B牵头`, `C按职责分工负责`, a rule."""
    if not clause:
        return False
    if RULE_FIRST.search(clause) or RULE_NONE.search(clause):
        found.rule = "first" if RULE_FIRST.search(clause) else "none"
        found.rule_henceforth = bool(HENCEFORTH.search(clause))
        return False
    if NO_DIVISION.search(clause):
        found.no_division = True
        return False
    if HENCEFORTH.fullmatch(clause.rstrip("。")):
        found.rule_henceforth = True
        return False
    body, verb = strip_verb(clause)
    consulted: list[str] = []
    if "会同" in body:
        body, _, other = body.partition("会同")
        consulted = split_units(other)
        verb = verb or "responsible"
    marked = split_marked(body)
    names = [name for name, _ in marked]
    if not names or not all(looks_like_unit(name) for name in names + consulted):
        if names:
            found.problems.append(clause)
        return False
    role = verb or "responsible"
    for name, mark in marked:
        getattr(found, mark or role).append(name)
    found.consult.extend(consulted)
    # A bare list (`（A、B）`) is not an assignment by itself; one with a role mark (`（A(牵头)、B）`) is.
    return verb is not None or any(mark for _, mark in marked)
