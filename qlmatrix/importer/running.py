"""Roles written in the task's prose, for tasks that carry no note.

Three shapes, each read only when it is unambiguous:
- a sentence that is nothing but a role list: `市发改委牵头，市财政局、市商务局配合。`;
- `由X(书记)亲自抓/牵头/负责`: X leads;
- a sentence whose subject is a unit: `高新区纪监委要…` leads, `…要…协助党工委…` supports
  the unit it assists (which then leads).
Two different units named as leading the same task is ambiguous: nothing is
assigned and the passage is reported.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from .annotations import parse_note
from .units import depth_split, is_official, looks_like_unit, split_units, strip_verb, tidy

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

_PEOPLE = ("主要负责同志", "主要负责人", "主要领导", "负责同志", "书记", "班子成员", "领导班子", "一把手", "主任", "局长", "部长")
_BY = re.compile(r"由([^，,。；由]{2,24}?)(?:亲自|统一|统筹|具体)?(?:抓|牵头|负责|组织|统筹)")
_SUBJECT = re.compile(r"^([^，,。；“”《》]{2,24}?)(?:要|应当|应|须|必须|负责|牵头)")
_ASSIST = re.compile(r"(?:协助|配合)([^，,。；]{2,20}?)(?:推进|做好|开展|抓好|落实|完成|工作|$)")
_ROLE_WORDS = re.compile(r"牵头|配合|负责|协助")


@attrs.define
class Running:
    lead: list[str] = attrs.field(factory=list)
    support: list[str] = attrs.field(factory=list)
    ambiguous: list[str] = attrs.field(factory=list)  # several leads: nothing assigned
    leaders: list[str] = attrs.field(factory=list)  # `由王某副市长负责，…`: the officials in charge, people
    henceforth: bool = False  # `…负责，不再做分工，下同`: these roles hold for the tasks that follow
    assumed: list[str] = attrs.field(factory=list)  # `公安→公安部门`: readings the report states


def _person_to_unit(name: str) -> str:
    for word in _PEOPLE:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    return name


def _unit(name: str, resolve: Callable[[str], str]) -> str | None:
    name = _person_to_unit(tidy(name))
    name = resolve(name)
    return name if looks_like_unit(name) else None


def sentences(text: str) -> list[str]:
    return [tidy(s) for s in re.split(r"[。！？；;\n]", text) if tidy(s)]


def mentions(text: str) -> list[str]:
    """Unit-like names in subject or 由… position, as written (for learning place prefixes)."""
    found = []
    for sentence in sentences(text):
        for match in _BY.finditer(sentence):
            found.append(_person_to_unit(match.group(1)))
        subject = _SUBJECT.match(sentence)
        if subject:
            found.append(_person_to_unit(subject.group(1)))
    return [name for name in found if looks_like_unit(name)]


def running_roles(text: str, resolve: Callable[[str], str]) -> Running:
    """Roles stated in `text`; `resolve` maps a written name to the plan's name for it."""
    result = Running()
    for sentence in sentences(text):
        if _ROLE_WORDS.search(sentence):
            note = parse_note(_role_clauses(sentence))
            if note is not None and not note.problems:
                result.henceforth |= note.no_division and note.rule_henceforth
                leads, supports, _ = note.roles()
                _add(result.lead, [resolve(n) for n in leads])
                _add(result.support, [resolve(n) for n in supports])
                _add(result.leaders, note.leaders)
                _add(result.assumed, note.assumed)
                continue
        for match in _BY.finditer(sentence):
            unit = _unit(match.group(1), resolve)
            if unit:
                _add(result.lead, [unit])
        subject = _SUBJECT.match(sentence)
        unit = _unit(subject.group(1), resolve) if subject else None
        if unit is None:
            continue
        assisted = _ASSIST.search(sentence)
        other = _unit(assisted.group(1), resolve) if assisted else None
        if other:
            _add(result.lead, [other])
            _add(result.support, [unit])
        else:
            _add(result.lead, [unit])
    result.support = [name for name in result.support if name not in result.lead]
    if len(result.lead) > 1:
        result.ambiguous, result.lead, result.support = result.lead, [], []
    return result


def _role_clauses(sentence: str) -> str:
    """The clauses a sentence starts with that are role lists: `A牵头，B、C配合，建立…` -> `A牵头，B、C配合`."""
    kept: list[str] = []
    clauses = depth_split(sentence, "，,")
    # `道路交通安全专项整治，由公安部门负责，有关部门配合。`: the item's opening words, then a list opened by 由
    opened = next((index for index, clause in enumerate(clauses) if tidy(clause).startswith("由")), None)
    if opened is not None and opened > 0 and not _is_role_clause(clauses[0]):
        clauses = clauses[opened:]
    for clause in clauses:
        if not _is_role_clause(clause):
            break
        kept.append(clause)
    return "，".join(kept)


def _is_role_clause(clause: str) -> bool:
    names, verb = strip_verb(clause)
    if re.search(r"不再|下同", clause):
        return True
    # `由王某副市长负责，市发改委牵头，…`: an official in charge opens the list (the task's leader, not a unit)
    return verb is not None and all(looks_like_unit(n) or is_official(n) for n in split_units(names))


def _add(target: list[str], names: Iterable[str]) -> None:
    for name in names:
        if name not in target:
            target.append(name)
