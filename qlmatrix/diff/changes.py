"""What one difference is, and how a 修改对照表's 说明 column says it, in English and Chinese."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import attrs

from ..model import Role
from ..text import Text


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"  # to another section (its id usually changes with it)
    RENUMBERED = "renumbered"  # same section, another id
    TITLE = "title"
    BODY = "body"
    LEAD = "lead"
    ROLE_ADDED = "role-added"  # a unit gains a role other than lead (配合, 会同, 报送, 监督)
    ROLE_REMOVED = "role-removed"
    CADENCE = "cadence"
    DUE = "due"
    DELIVERABLE = "deliverable"
    SECTION_ADDED = "section-added"
    SECTION_REMOVED = "section-removed"
    SECTION_RENAMED = "section-renamed"
    SECTION_RENUMBERED = "section-renumbered"
    REPORT_ADDED = "report-added"
    REPORT_REMOVED = "report-removed"
    RECIPIENT = "recipient"
    CONTENT = "content"
    FORM = "form"
    SENDER = "sender"


#: The roles beside the lead, with their words (the lead has a kind of its own: it is *changed*).
ROLE_WORDS: dict[Role, Text] = {
    Role.SUPPORT: Text("supporting", "配合"),
    Role.CONSULT: Text("consulted", "会同"),
    Role.INFORM: Text("informed", "报送"),
    Role.OVERSEE: Text("overseeing", "监督"),
}
OTHER_ROLES = tuple(ROLE_WORDS)

@attrs.frozen
class Change:
    """One difference of one task (or section): `before` and `after` as the plan writes them."""

    kind: ChangeKind
    before: str | None = None
    after: str | None = None
    #: ROLE_ADDED / ROLE_REMOVED: which role, and the units gaining or losing it.
    role: Role | None = None
    units: tuple[str, ...] = ()

    def describe(self) -> Text:
        """What changed, in words, as the 说明 column of a 修改对照表 says it."""
        return _DESCRIBE[self.kind](self)


def units_text(units: Iterable[str]) -> str:
    return "、".join(units)


def _was(change: Change) -> str:
    return change.before or ""


def _now(change: Change) -> str:
    return change.after or ""


def _role_added(change: Change) -> Text:
    word = ROLE_WORDS[change.role] if change.role else Text("", "")
    return Text(f"{word.en} unit added: {units_text(change.units)}", f"增加{word.zh}单位：{units_text(change.units)}")


def _role_removed(change: Change) -> Text:
    word = ROLE_WORDS[change.role] if change.role else Text("", "")
    return Text(f"{word.en} unit removed: {units_text(change.units)}", f"删去{word.zh}单位：{units_text(change.units)}")


def _changed(en: str, zh: str) -> Callable[[Change], Text]:
    """`WHAT changed: A -> B` / `WHAT由“A”改为“B”`, with 无 for a value that was or is not given."""

    def describe(change: Change) -> Text:
        before, after = change.before, change.after
        return Text(f"{en}: {before or '(none)'} -> {after or '(none)'}",
                    f"{zh}由{_quoted(before)}改为{_quoted(after)}")

    return describe


def _quoted(value: str | None) -> str:
    return f"“{value}”" if value else "（无）"


_DESCRIBE: dict[ChangeKind, Callable[[Change], Text]] = {
    ChangeKind.ADDED: lambda c: Text(f"task added as {_now(c)}", f"新增任务 {_now(c)}"),
    ChangeKind.REMOVED: lambda c: Text(f"task {_was(c)} removed", f"删去任务 {_was(c)}"),
    ChangeKind.MOVED: lambda c: Text(f"moved: {_was(c)} -> {_now(c)}", f"位置调整：由 {_was(c)} 移至 {_now(c)}"),
    ChangeKind.RENUMBERED: lambda c: Text(f"renumbered: {_was(c)} -> {_now(c)}", f"序号调整：{_was(c)} 改为 {_now(c)}"),
    ChangeKind.TITLE: _changed("title", "标题"),
    ChangeKind.BODY: lambda c: Text("text revised", "正文有修改"),
    ChangeKind.LEAD: _changed("lead", "牵头单位"),
    ChangeKind.ROLE_ADDED: _role_added,
    ChangeKind.ROLE_REMOVED: _role_removed,
    ChangeKind.CADENCE: _changed("cadence", "频次"),
    ChangeKind.DUE: _changed("due", "时限"),
    ChangeKind.DELIVERABLE: _changed("deliverable", "成果"),
    ChangeKind.SECTION_ADDED: lambda c: Text(f"section added: {_now(c)}", f"新增章节：{_now(c)}"),
    ChangeKind.SECTION_REMOVED: lambda c: Text(f"section removed: {_was(c)}", f"删去章节：{_was(c)}"),
    ChangeKind.SECTION_RENAMED: _changed("section title", "章节标题"),
    ChangeKind.SECTION_RENUMBERED: lambda c: Text(f"section renumbered: {_was(c)} -> {_now(c)}",
                                                  f"章节序号调整：{_was(c)} 改为 {_now(c)}"),
    ChangeKind.REPORT_ADDED: lambda c: Text(f"report added: {_now(c)}", f"新增汇报：{_now(c)}"),
    ChangeKind.REPORT_REMOVED: lambda c: Text(f"report removed: {_was(c)}", f"删去汇报：{_was(c)}"),
    ChangeKind.RECIPIENT: _changed("recipient", "报送对象"),
    ChangeKind.CONTENT: _changed("content", "汇报内容"),
    ChangeKind.FORM: _changed("form", "报送形式"),
    ChangeKind.SENDER: _changed("sender", "报送单位"),
}
