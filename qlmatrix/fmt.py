"""`qlm fmt`: one canonical layout (qlmatrix.writer's), comments kept, meaning never changed.

A file is parsed on its own (included files are formatted as files of their
own), written with the writer and its comments re-attached
(qlmatrix.parser.comments), and parsed again: the two plans must be equal
and every comment must still be there, or nothing is written and the
difference is reported (F001).
"""

from __future__ import annotations

import re

import attrs

from .diagnostics import Diagnostic
from .diagnostics.messages import register
from .model import Plan
from .parser import read_text
from .parser.comments import Attached, attach, scan
from .source import BOM, read_source
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
    "F001": ("`qlm fmt` parses the plan before and after formatting and found that they differ, so it wrote "
             "nothing. The file is unchanged.\n\nFix: none needed on your side; please report the file.",
             "`qlm fmt`在格式化前后各解析一次，发现两者不同，因此没有写入，文件保持原样。\n\n修改：无需处理；请报告该文件。"),
    "F002": ("The plan holds a value the canonical layout cannot write (e.g. a name with `;`), so the file "
             "was left as it is.\n\nFix: rename the value as the message says.",
             "计划中有规范格式无法写出的值（如含`;`的名称），文件保持原样。\n\n修改：按消息提示修改该值。"),
})

#: Diagnostics about included files: fmt formats each file on its own.
_INCLUDE_CODES = ("E007", "E008")
_KEYWORD = re.compile(r"^[ \t\u3000]*(?:(计划|单位|集合|章|载体|任务|汇报|引入)|(plan|unit|collective|section|carrier|task|report|include))"
                      r"(?=[ \t\u3000{(（\"]|$)", re.M)


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

    def remaining(self) -> list[str]:
        return self.attached.remaining


def keyword_language(text: str) -> str:
    """`en` when most statements of `text` start with English keywords, else `zh`."""
    zh = en = 0
    for match in _KEYWORD.finditer(text):
        zh += bool(match.group(1))
        en += bool(match.group(2))
    return "en" if en > zh else "zh"


def _parse(text: str, filename: str) -> tuple[Plan | None, tuple[Diagnostic, ...], dict[str, str]]:
    result = read_text(text, filename)
    own = tuple(d for d in result.diagnostics if d.code not in _INCLUDE_CODES
                and (d.span is None or d.span.file == filename))
    return result.plan, own, result.sources


def format_text(text: str, filename: str = "<string>", keywords: str | None = None) -> FormatResult:
    plan, diagnostics, sources = _parse(text, filename)
    errors = tuple(d for d in diagnostics if d.is_error)
    if plan is None or errors:
        return FormatResult(filename, text, None, errors, sources)
    language = keywords or keyword_language(text)
    source = text[1:] if text.startswith("\ufeff") else text
    found = scan(source)
    try:
        formatted = write_plan(plan, language, _Hook(attach(found, plan)))
    except UnwritableError as error:
        return FormatResult(filename, text, None, (Diagnostic("F002", None, args={"reason": str(error)}),), sources)
    after, after_diagnostics, _ = _parse(formatted, filename)
    difference = _difference(plan, after) if after is not None and not any(d.is_error for d in after_diagnostics) \
        else "the result does not parse"
    if difference is None and sorted(c.text for c in scan(formatted).comments) != sorted(c.text for c in found.comments):
        difference = "comments"
    if difference is not None:
        diagnostic = Diagnostic("F001", None, args={"difference": difference}, help="fmt-report-bug")
        return FormatResult(filename, text, None, (diagnostic,), sources)
    return FormatResult(filename, text, formatted, (), sources)


def format_file(path: str, keywords: str | None = None) -> FormatResult:
    text, problem = read_source(path)
    if problem is not None:
        return FormatResult(path, "", None, (problem,))
    assert text is not None  # read_source gives the text when it gives no problem
    bom = text.startswith(BOM)
    result = format_text(text[1:] if bom else text, path, keywords)
    if bom and result.formatted is not None:
        result = attrs.evolve(result, original=text)  # the mark goes, so the file counts as changed
    return result


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
