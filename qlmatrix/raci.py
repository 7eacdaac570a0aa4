"""The one mapping from the plan's roles to RACI and RASCI letters.

The plan speaks of 牵头 / 配合 / 会同 / 报送 / 监督 and the model keeps those
(`qlmatrix.model.Role`). Readers outside the plan know RACI, so every table
and diagram that shows letters takes them from here, and the legend printed
next to them is built from the same table.

| role (plan word)  | RACI | RASCI | why                                                        |
|-------------------|------|-------|------------------------------------------------------------|
| LEAD (牵头)       | A    | A     | the one unit answerable for the task, which also does it   |
| SUPPORT (配合)    | R    | S     | does part of the work; RASCI calls that support            |
| CONSULT (会同)    | C    | C     | works with the lead, is asked before decisions             |
| INFORM (报送)     | I    | I     | receives reports on the task                               |
| OVERSEE (监督)    | I    | I     | supervises: RACI has no oversight letter; it is told, and  |
|                   |      |       | checks, so it shows as I and keeps its own colour          |

A unit holding several roles on one task (a conflict the checks report)
shows every letter, joined by "/", so the conflict stays visible.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from .model import Role


class Scheme(enum.Enum):
    RACI = "raci"
    RASCI = "rasci"


#: The plan's own word for each role, as the documents write it.
ROLE_WORDS: dict[Role, str] = {
    Role.LEAD: "牵头",
    Role.SUPPORT: "配合",
    Role.CONSULT: "会同",
    Role.INFORM: "报送",
    Role.OVERSEE: "监督",
}

#: The role as the holder's own 责任清单 names it: the unit named in `报送:` receives the reports.
DUTY_WORDS: dict[Role, str] = {**ROLE_WORDS, Role.INFORM: "接收报送"}

#: Leads written `分别牵头:` (each leads its own part of the task), in Chinese and English: the word a
#: 责任清单 gives their duty, and the mark after the leads of a 任务分工表 (`市发改委、市财政局（分别牵头）`).
#: Their RACI letter is the lead's: each is answerable for its part.
EACH_LEAD_WORDS = ("分别牵头", "each leads its part")
EACH_LEAD_MARKS = ("（分别牵头）", " (each leads its part)")

_LETTERS: dict[Scheme, dict[Role, str]] = {
    Scheme.RACI: {
        Role.LEAD: "A",
        Role.SUPPORT: "R",
        Role.CONSULT: "C",
        Role.INFORM: "I",
        Role.OVERSEE: "I",
    },
    Scheme.RASCI: {
        Role.LEAD: "A",
        Role.SUPPORT: "S",
        Role.CONSULT: "C",
        Role.INFORM: "I",
        Role.OVERSEE: "I",
    },
}

#: What each role means, for legends (Chinese, then English).
ROLE_MEANINGS: dict[Role, tuple[str, str]] = {
    Role.LEAD: ("牵头单位，对任务负总责并组织实施", "lead: answers for the task and carries it out"),
    Role.SUPPORT: ("配合单位，承担分工内的工作", "support: does its share of the work"),
    Role.CONSULT: ("会同单位，共同研究、事前商议", "consulted: works with the lead, asked before decisions"),
    Role.INFORM: ("接收报送，了解进展", "informed: receives reports on the task"),
    Role.OVERSEE: ("监督单位，督促检查、问责", "oversees: supervises, inspects and holds to account"),
}


def letter(role: Role, scheme: Scheme = Scheme.RACI) -> str:
    return _LETTERS[scheme][role]


def letters(roles: Iterable[Role], scheme: Scheme = Scheme.RACI) -> str:
    """The cell text for a unit holding `roles` on one task: `A`, or `A/I` for a conflict."""
    seen: list[str] = []
    for role in sorted(set(roles), key=list(Role).index):
        mark = letter(role, scheme)
        if mark not in seen:
            seen.append(mark)
    return "/".join(seen)


def legend(scheme: Scheme = Scheme.RACI) -> tuple[tuple[str, Role, str, str], ...]:
    """(letter, role, Chinese meaning, English meaning) for every role, in role order."""
    return tuple((letter(role, scheme), role, *ROLE_MEANINGS[role]) for role in Role)


def parse_role(text: str) -> Role:
    """`lead`, `牵头`, `LEAD` -> Role.LEAD. Raises ValueError for anything else."""
    wanted = text.strip()
    for role in Role:
        if wanted.lower() in (role.value, role.name.lower()) or wanted == ROLE_WORDS[role]:
            return role
    choices = ", ".join(f"{role.value} ({ROLE_WORDS[role]})" for role in Role)
    raise ValueError(f"unknown role `{text}`; choose one of {choices}")
