"""`qlm fmt`: one canonical layout (qlmatrix.writer's), comments kept, meaning never changed.

A file is parsed on its own (included files are formatted as files of their
own), written with the writer and its comments re-attached
(qlmatrix.parser.comments), and parsed again: the two plans must be equal,
every comment must still be there and `qlm check` must report the same
findings (every rule; what each is about, suppressions applied), or nothing
is written and the difference is reported (F001). Line endings (LF or CRLF,
as most lines of the file have them) and a byte-order mark are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from .checks import run_checks
from .diagnostics import Diagnostic
from .diagnostics.messages import register
from .model import Include, Item, Note, Plan, Report, Section, SectionKind, Task
from .parser import read_text
from .parser.comments import Attached, Comment, Scan, attach, is_directive, nodes, scan
from .source import BOM, read_source
from .text import Text
from .writer import Comments, UnwritableError, write_plan

register({
    "F001": ("fmt-would-change-meaning", "formatting would change the plan ({difference}); the file is left as it is",
             "格式化会改变计划内容（{difference}），文件未改动"),
    "F002": ("fmt-unwritable", "the plan cannot be written in canonical form: {reason}",
             "无法以标准格式写出该计划：{reason}"),
}, {
    "fmt-report-bug": ("this is a bug in qlm fmt: please report it with the file",
                       "这是qlm fmt的缺陷，请附上该文件报告"),
}, docs={
    "F001": ("`qlm fmt` parses the plan before and after formatting, and checks it both times: if the plans, "
             "their comments or the findings of `qlm check` (suppressions included) differ, it writes nothing and "
             "the file is unchanged. The message names the first difference.\n\nFix: usually none on your side "
             "(please report the file). A suppression comment on a line holding only `;` silences nothing there "
             "(W901); formatting removes that line and moves the comment to the end of its block or file, where it "
             "still silences nothing: move it to the line of the finding, or delete it.",
             "`qlm fmt`在格式化前后各解析并检查一次：若计划、注释或`qlm check`的结果（含屏蔽）不同，就不写入，文件保持原样。"
             "消息会指出第一处不同。\n\n修改：通常无需处理（请报告该文件）。只含`;`的行上的屏蔽注释在该行不屏蔽任何问题"
             "（W901）；格式化删除该行，并把注释移到所在块或文件的末尾，在那里它同样不屏蔽任何问题：请把它移到问题所在行，或删除它。"),
    "F002": ("The plan holds a value the canonical layout cannot write (e.g. a name with `;`), so the file "
             "was left as it is.\n\nFix: rename the value as the message says.",
             "计划中有规范格式无法写出的值（如含`;`的名称），文件保持原样。\n\n修改：按消息提示修改该值。"),
})

#: Diagnostics about included files: fmt formats each file on its own.
_INCLUDE_CODES = ("E007", "E008")
_KEYWORD = re.compile(r"^[ \t\u3000]*(?:(计划|单位|集合|章|载体|任务|汇报|引入)|(plan|unit|collective|section|carrier|task|report|include))"
                      r"(?=[ \t\u3000{(（\"]|$)", re.M)
#: `_KEYWORD` after a line break: a pattern starting with a literal character is searched for that
#: character first, several times faster than trying `^` at every position (the language server asks at
#: every keystroke, over a 1k-task plan's 126,000 characters).
_KEYWORD_AFTER_BREAK = re.compile("\n" + _KEYWORD.pattern[1:], re.M)


@attrs.frozen
class FormatResult:
    path: str
    original: str
    formatted: str | None  # None when the file cannot be formatted; see diagnostics
    diagnostics: tuple[Diagnostic, ...] = ()
    sources: dict[str, str] = attrs.field(factory=dict)  # file name -> text, for showing diagnostics

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


class _Hook(Comments):
    def __init__(self, attached: Attached) -> None:
        self.attached = attached

    def leading(self, node: object) -> list[str]:
        return self.attached.leading.get(id(node), [])

    def trailing(self, node: object) -> str | None:
        return self.attached.trailing.get(id(node))

    def closing(self, node: object) -> list[str]:
        return self.attached.closing.get(id(node), [])

    def after(self, node: object) -> str | None:
        return self.attached.after.get(id(node))

    def entries(self, node: object) -> Mapping[str, tuple[Sequence[str], str | None]]:
        return self.attached.entries.get(id(node), {})

    def joins(self, node: object) -> bool | None:
        return self.attached.joins.get(id(node))

    def remaining(self) -> list[str]:
        return self.attached.remaining


def keyword_language(text: str) -> str:
    """`en` when most statements of `text` start with English keywords, else `zh`."""
    return language_of(*keyword_counts(text))


def keyword_counts(text: str) -> tuple[int, int]:
    """How many lines of `text` start a statement with a Chinese keyword, and with an English one. Each
    line counts on its own (a caller may count the lines an edit changed and keep the rest)."""
    zh = en = 0
    for match in _KEYWORD_AFTER_BREAK.finditer("\n" + text):
        zh += bool(match.group(1))
        en += bool(match.group(2))
    return zh, en


def language_of(zh: int, en: int) -> str:
    """The keyword language of a text with these `keyword_counts`."""
    return "en" if en > zh else "zh"


def line_ending(text: str) -> str:
    """The line ending most lines of `text` have: `\r\n` or `\n` (also for a text of one line)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def _parse(text: str, filename: str) -> tuple[Plan | None, tuple[Diagnostic, ...], dict[str, str]]:
    result = read_text(text, filename)
    own = tuple(d for d in result.diagnostics if d.code not in _INCLUDE_CODES
                and (d.span is None or d.span.file == filename))
    return result.plan, own, result.sources


def format_text(text: str, filename: str = "<string>", keywords: str | None = None) -> FormatResult:
    """`text` in the canonical layout, its comments, line endings and byte-order mark kept.

    Never raises for text that parses: when the result would not mean the same (another plan, a
    comment lost, other findings of `qlm check`), nothing is formatted and F001 says why.
    """
    bom = BOM if text.startswith(BOM) else ""
    source = text[len(bom):]  # as the parser reads it (it drops one mark)
    plan, diagnostics, sources = _parse(text, filename)
    errors = tuple(d for d in diagnostics if d.is_error)
    if plan is None or errors:
        return FormatResult(filename, text, None, errors, sources)
    language = keywords or keyword_language(source)
    try:
        found = scan(source)
        formatted = write_plan(plan, language, _Hook(attach(found, plan)))
    except UnwritableError as error:
        return FormatResult(filename, text, None, (Diagnostic("F002", None, args={"reason": str(error)}),), sources)
    except ValueError as error:  # the comments could not be read (comments.scan)
        return FormatResult(filename, text, None, (_refused(str(error)),), sources)
    newline = line_ending(source)
    if newline != "\n":
        formatted = formatted.replace("\n", newline)
    if formatted == source:
        # Already in canonical form: nothing would be written, so there is nothing to guard. This is
        # `qlm fmt --check` in a pre-commit hook on every file a planner did not touch: half the work.
        return FormatResult(filename, text, text, (), sources)
    difference = _changes(plan, found, formatted, filename)
    stranded = _stranded(source, found) if difference is not None else []
    if stranded:
        # A suppression of a `;`-only line silences nothing; before the next statement it would
        # silence that one. At the end of its block (or of the file) it silences nothing again.
        attached = attach(found, plan)
        _move_to_block_end(attached, found, plan, stranded)
        formatted = write_plan(plan, language, _Hook(attached))
        if newline != "\n":
            formatted = formatted.replace("\n", newline)
        difference = _changes(plan, found, formatted, filename)
    if difference is not None:
        return FormatResult(filename, text, None, (_refused(difference),), sources)
    return FormatResult(filename, text, bom + formatted, (), sources)


_SEMICOLONS = re.compile(r"[;；\s]+")


def _stranded(source: str, found: Scan) -> list[Comment]:
    """The line suppressions that apply to a line holding nothing but `;` (written at its end, or on
    lines of their own just above it): that line goes when the file is formatted."""
    lines = source.split("\n")
    starts = {comment.line: comment.column for comment in found.comments}

    def code(line: int) -> str:
        return lines[line - 1][:starts.get(line, len(lines[line - 1]))].strip()

    stranded = []
    for comment in found.comments:
        if not is_directive(comment.text):
            continue
        target: int | None = comment.line
        if not comment.trailing:  # it applies to the next line holding code
            target = next((line for line in range(comment.line + 1, len(lines) + 1) if code(line)), None)
        if target is not None and _SEMICOLONS.fullmatch(code(target)):
            stranded.append(comment)
    return stranded


def _move_to_block_end(attached: Attached, found: Scan, plan: Plan, comments: list[Comment]) -> None:
    """Each comment (on a line of its own once formatted) moved to the end of the block holding it."""
    owners = nodes(found, plan)
    for comment in comments:
        for lines in (*attached.leading.values(), *attached.closing.values(), attached.remaining,
                      *(before for entries in attached.entries.values() for before, _ in entries.values())):
            if comment.text in lines:
                lines.remove(comment.text)
                break
        index = found.statement_at(comment.line, comment.column + 1)
        if index is not None and owners[index]:
            attached.closing.setdefault(id(owners[index][0]), []).append(comment.text)
        else:
            attached.remaining.append(comment.text)


def _refused(difference: str | Text) -> Diagnostic:
    return Diagnostic("F001", None, args={"difference": difference}, help="fmt-report-bug")


def _changes(plan: Plan, found: Scan, formatted: str, filename: str) -> str | Text | None:
    """What formatting would change, in words; None when the formatted text means the same."""
    after, after_diagnostics, _ = _parse(formatted, filename)
    if after is None or any(d.is_error for d in after_diagnostics):
        return "the result does not parse"
    difference = _difference(plan, after)
    if difference is not None:
        return difference
    try:
        found_after = scan(formatted)
    except ValueError:
        return "the result does not parse"
    if sorted(c.text for c in found_after.comments) != sorted(c.text for c in found.comments):
        return "comments"
    return _findings_difference(_findings(plan, found, filename), _findings(after, found_after, filename))


def format_file(path: str, keywords: str | None = None) -> FormatResult:
    """The file formatted (see format_text); a byte-order mark and CRLF line ends stay."""
    text, problem = read_source(path)
    if problem is not None:
        return FormatResult(path, "", None, (problem,))
    assert text is not None  # read_source gives the text when it gives no problem
    return format_text(text, path, keywords)


def _difference(before: Plan, after: Plan) -> str | None:
    """Where two plans first differ, in words; None when they are equal."""
    if before == after:
        return None
    for field in ("title", "basis", "issuer"):
        if getattr(before, field) != getattr(after, field):
            return f"plan {field}"
    for what, old, new in (("unit", before.units, after.units), ("item", before.items, after.items)):
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return f"{what} {index + 1}: {getattr(a, 'name', None) or getattr(a, 'id', '')}"
        if len(old) != len(new):
            return f"number of {what}s"
    return "plan"


# What `qlm check` reports, independent of where the statements are written: each finding as its code,
# what it is about (the kind of statement and which one; a suppression comment by its text) and its
# arguments. Two texts of one plan must give the same findings.

#: (code, kind, which, description, arguments); `description` is for messages and left out of comparisons.
_Finding = tuple[str, str, str, str, tuple[tuple[str, str], ...]]
_KINDS = {Section: "section", Task: "task", Report: "report", Include: "include", Note: "note"}
_KINDS_ZH = {"section": "章", "carrier": "载体", "task": "任务", "report": "汇报", "include": "引入", "note": "说明", "unit": "单位",
             "plan": "计划", "suppression": "屏蔽注释", "file": "文件"}


def _findings(plan: Plan, found: Scan, filename: str) -> Counter[_Finding]:
    """The findings of `qlmatrix.check(plan)` (every rule, suppressions applied), by what they are about."""
    owners = nodes(found, plan)
    about = _statements(plan)
    comments = {(c.line, c.column + 1): c.text for c in found.comments}
    findings: Counter[_Finding] = Counter()
    for diagnostic in run_checks(plan):
        args = tuple(sorted((key, str(value)) for key, value in diagnostic.args.items()))
        kind, which, description = "file", "", ""
        span = diagnostic.span
        if span is not None and span.file != filename:
            which = description = f"{span.file}:{span.line}:{span.column}"  # another file: not formatted here
        elif span is not None and (span.line, span.column) in comments and diagnostic.code in _ABOUT_COMMENTS:
            kind, which = "suppression", comments[(span.line, span.column)]
            description = which
        elif span is not None:
            index = found.statement_at(span.line, span.column)
            if index is not None and owners[index]:
                kind, which, description = about[id(owners[index][0])]
        findings[(diagnostic.code, kind, which, description, args)] += 1
    return findings


#: Findings about a suppression comment itself (checks/suppression.py): placed at the comment.
_ABOUT_COMMENTS = ("W901", "W902")


def _statements(plan: Plan) -> dict[int, tuple[str, str, str]]:
    """id(statement) -> (kind, which, description): items by their place in the plan (the plans compared
    are equal, so places match), units by kind only (findings about a unit name it in their arguments)."""
    found: dict[int, tuple[str, str, str]] = {id(plan): ("plan", "", "")}
    for unit in plan.units:
        found[id(unit)] = ("unit", "", unit.name)

    def walk(items: tuple[Item, ...], prefix: str) -> None:
        for index, item in enumerate(items, start=1):
            place = f"{prefix}{index}"
            kind = _KINDS[type(item)]
            if isinstance(item, Section):
                kind = item.kind.value if item.kind is SectionKind.CARRIER else kind
                walk(item.items, place + ".")
            found[id(item)] = (kind, place, _describe(item))

    walk(plan.items, "")
    return found


def _describe(item: Item) -> str:
    if isinstance(item, Note):
        return " ".join(part for part in (item.number, item.title) if part)
    if isinstance(item, (Section, Task)):
        return " ".join(part for part in (item.number, item.title) if part) or item.id
    if isinstance(item, Report):
        return f"{item.source} -> {item.target}" if item.target is not None else str(item.source)
    return item.path


def _findings_difference(before: Counter[_Finding], after: Counter[_Finding]) -> Text | None:
    """The first finding that formatting would take away or add, in words; None when there is none."""
    key = _comparable
    old, new = Counter({key(f): n for f, n in before.items()}), Counter({key(f): n for f, n in after.items()})
    if old == new:
        return None
    for findings, other, en_verb, zh_verb in ((before, new, "would no longer be reported", "将不再报告"),
                                              (after, old, "would be reported", "将被报告")):
        for finding in sorted(findings):
            if findings[finding] > other[key(finding)]:
                code, kind, _, description, _ = finding
                what = f"{kind} {description}".strip()
                what_zh = f"{_KINDS_ZH.get(kind, kind)} {description}".strip()
                return Text(f"`{code}` about {what} {en_verb} by qlm check",
                            f"qlm check 关于{what_zh}的`{code}`{zh_verb}")
    return Text("the findings of qlm check", "qlm check 的检查结果")


def _comparable(finding: _Finding) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    code, kind, which, _, args = finding
    return code, kind, which, args
