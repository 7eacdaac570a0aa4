"""Reading .qlm text into a Plan. lark lives only in this package.

`read_text` and `read_file` never raise for a bad plan: they return what
they could build and the diagnostics. Included files are read relative to
the including file; a cycle of includes is reported, not followed.
"""

from __future__ import annotations

import os
import re
import stat
from typing import NamedTuple

import attrs
import lark

from .. import limits
from ..diagnostics import Diagnostic
from ..model import Include, Item, Plan, Section
from ..source import os_reason, read_source
from ..span import Span
from ..text import Text
from . import fast
from .build import Builder, Tok
from .grammar import get_parser
from .recovery import nesting_error, syntax_errors
from .suppressions import scan


@attrs.frozen
class ReadResult:
    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, str]  # file name -> text, for showing source lines in diagnostics

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(d.is_error for d in self.diagnostics)


def normalise_text(text: str) -> str:
    """Drop a byte-order mark; keep everything else, so positions match the editor's."""
    return text[1:] if text.startswith("\ufeff") else text


class IncludeSession:
    """One read of a plan and the files it includes: where includes may come from, what was read.

    Includes are confined to `root` (the folder of the plan being read, unless the caller widens it):
    a plan from anyone must not make qlm read, or echo, a file outside it. Each file is read once per
    session however often it is included, and depth, count and total size are bounded (qlmatrix.limits).
    """

    def __init__(self, root: str | None):
        self.root = os.path.realpath(root) if root is not None else None
        self.read: dict[str, ReadResult] = {}  # real path -> its result
        self.bytes = 0

    def inside(self, real: str) -> bool:
        return self.root is None or real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)

    def source(self, real: str) -> tuple[str | None, Diagnostic | None]:
        """An included file's text, or why it cannot be read (an editor's session gives its own buffers)."""
        return read_source(real)

    def parse(self, text: str, filename: str) -> Parsed:
        """One file's text read into a plan, its includes not yet resolved (a session may reuse earlier work)."""
        return parse_text(text, filename)


class Parsed(NamedTuple):
    """What one file's text says by itself: its plan (None if it does not parse) and the diagnostics."""

    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]


def read_text(text: str, filename: str = "<string>", base_dir: str | None = None,
              include_root: str | None = None, *, _session: IncludeSession | None = None,
              _stack: tuple[str, ...] = ()) -> ReadResult:
    """Read .qlm text: the plan (None if it does not parse), every diagnostic, and the sources read.

    Includes resolve against `base_dir` (default: `filename`'s folder) and must lie inside
    `include_root` (default: that same folder).
    """
    text = normalise_text(text)
    sources = {filename: text}
    base = base_dir if base_dir is not None else (os.path.dirname(filename) if filename != "<string>" else ".")
    session = _session or IncludeSession(include_root if include_root is not None else base)
    parsed = session.parse(text, filename)
    if parsed.plan is None:
        return ReadResult(None, parsed.diagnostics, sources)
    plan, diagnostics = parsed.plan, list(parsed.diagnostics)
    here = os.path.realpath(filename) if filename != "<string>" else "<string>"
    plan, included = _resolve_includes(plan, base, (*_stack, here), session)
    for result in included:
        diagnostics.extend(result.diagnostics)
        sources.update(result.sources)
    return ReadResult(plan, tuple(diagnostics), sources)


def parse_text(text: str, filename: str) -> Parsed:
    """Read one file's text (a byte-order mark already dropped): a pure function of the two."""
    too_deep = nesting_error(text, filename) or _lone_carriage_return(text, filename)
    if too_deep is not None:
        return Parsed(None, (too_deep,))
    builder = Builder(filename)
    plan = _parse_fast(text, builder)
    if plan is None:  # a syntax error (or a grammar the fast path cannot run): lark parses and explains
        try:
            tree = get_parser().parse(text)
        except lark.exceptions.LarkError as error:
            return Parsed(None, tuple(syntax_errors(text, filename, error)))
        builder = Builder(filename)
        plan = builder.transform(tree)
    return finish(plan, builder.diagnostics, text, filename)


_LONE_CR = re.compile("\r(?!\n)")
#: Quoted text (a CR in it is part of a name or title, as any character is), a comment, or other code.
_QUOTED_OR_NOT = re.compile(r'"(?:[^"\\\n]|\\.)*+"?|[#\uff03][^\n]*|[^"#\uff03]+')


def _lone_carriage_return(text: str, filename: str) -> Diagnostic | None:
    """E021 at the first CR that no LF follows, outside quotes: the lexer reads LF and CRLF only, so a
    file of CR line ends is one line, and one that opens with a comment was read as an empty plan with
    no finding (a comment ending in a lone CR hides the line after it too)."""
    if "\r" not in text or _LONE_CR.search(text) is None:
        return None
    at = None
    for piece in _QUOTED_OR_NOT.finditer(text):
        # One character past the piece, so that a CR ending it is seen to be followed by its LF.
        found = _LONE_CR.search(text, piece.start(), piece.end() + 1) if piece.group()[:1] != '"' else None
        if found is not None and found.start() < piece.end():
            at = found.start()
            break
    if at is None:
        return None
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Diagnostic("E021", Span(filename, line, column, line, column + 1), help="line-ends")


def finish(plan: Plan, diagnostics: list[Diagnostic], text: str, filename: str) -> Parsed:
    """The parse of a whole text with its suppression comments."""
    suppressions = scan(filename, text)
    if suppressions:
        plan = attrs.evolve(plan, suppressions=suppressions)
    return Parsed(plan, tuple(diagnostics))


def _parse_fast(text: str, builder: Builder) -> Plan | None:
    """The plan, built during the parse (see fast.py); None when lark must parse the text itself.

    Any failure of the fast path (a syntax error, or anything unexpected in the engine) means
    lark's own parse: the fast path may make a read faster, never different or broken.
    """
    engine = fast.engine()
    if engine is None:
        return None
    try:
        plan: Plan = engine.parse(text, builder, token=Tok)
    except Exception:
        return None
    return plan


def read_file(path: str | os.PathLike[str], include_root: str | None = None) -> ReadResult:
    """Read a plan file and the files it includes; includes must lie inside `include_root`
    (default: the plan's own folder)."""
    text, problem = read_source(str(path))
    if text is None:
        return ReadResult(None, (problem,) if problem is not None else (), {})
    return read_text(text, str(path), include_root=include_root)


def _resolve_includes(plan: Plan, base: str, stack: tuple[str, ...],
                      session: IncludeSession) -> tuple[Plan, list[ReadResult]]:
    results: list[ReadResult] = []
    if next(plan.includes(), None) is None:
        return plan, results  # nothing to resolve: keep the plan rather than rebuild every section

    def resolve(items: tuple[Item, ...]) -> tuple[Item, ...]:
        resolved: list[Item] = []
        for item in items:
            if isinstance(item, Section):
                item = attrs.evolve(item, items=resolve(item.items))
            elif isinstance(item, Include):
                item = _include(item, base, stack, results, session)
            resolved.append(item)
        return tuple(resolved)

    return attrs.evolve(plan, items=resolve(plan.items)), results


#: The help of each include the reader refuses.
_REFUSAL_HELPS = {"E007": "include-path", "E008": "include-cycle", "E017": "include-inside",
                  "E018": "include-shallower", "E019": "plan-smaller"}


def _include(item: Include, base: str, stack: tuple[str, ...], results: list[ReadResult],
             session: IncludeSession) -> Include:
    def refuse(code: str, **args: str | Text) -> Include:
        diagnostic = Diagnostic(code, item.span, args={"path": item.path, **args}, help=_REFUSAL_HELPS[code])
        results.append(ReadResult(None, (diagnostic,), {}))
        return item

    if "\x00" in item.path:
        return refuse("E007", reason=Text("the path holds a NUL character", "路径中含有NUL字符"))
    real = os.path.realpath(os.path.join(base, item.path))
    if real in stack:
        chain = " -> ".join(os.path.basename(seen) for seen in (*stack[stack.index(real):], real))
        return refuse("E008", chain=chain)
    if not session.inside(real):
        # Never read (nor echo a line of) a file outside the plan's folder: the plan may be anyone's.
        return refuse("E017", root=session.root or "")
    if len(stack) > limits.MAX_INCLUDE_DEPTH:
        return refuse("E018", limit=str(limits.MAX_INCLUDE_DEPTH))
    if real in session.read:  # a diamond: the same file through two includes is read once
        return attrs.evolve(item, plan=session.read[real].plan)
    if len(session.read) >= limits.MAX_INCLUDED_FILES:
        return refuse("E019", limit=Text(f"{limits.MAX_INCLUDED_FILES} files", f"{limits.MAX_INCLUDED_FILES}个文件"))
    try:
        status = os.stat(real)
    except OSError as error:
        return refuse("E007", reason=os_reason(error))
    if not stat.S_ISREG(status.st_mode):
        return refuse("E007", reason=Text("not a regular file", "不是普通文件"))
    if session.bytes + status.st_size > limits.MAX_PLAN_BYTES:
        return refuse("E019", limit=Text(f"{limits.MAX_PLAN_BYTES // 2**20} MB in all", f"共{limits.MAX_PLAN_BYTES // 2**20} MB"))
    session.bytes += status.st_size
    text, problem = session.source(real)
    if text is None or problem is not None:
        assert problem is not None  # read_source gives the text or why not
        if problem.code == "E011":  # said where the include is written, not about a file nobody named
            problem = Diagnostic("E007", item.span, args={"path": item.path, "reason": problem.args["reason"]},
                                 help=_REFUSAL_HELPS["E007"])
        results.append(ReadResult(None, (problem,), {}))
        return item
    result = read_text(text, real, os.path.dirname(real), _session=session, _stack=stack)
    session.read[real] = result
    results.append(result)
    return attrs.evolve(item, plan=result.plan)
