"""What the worker process does for the page: the language service, the views, downloads, imports.

Each job takes a JSON-like request and gives a JSON-like answer (bytes for a
download). The plan is read through the language server's seam
(`qlmatrix.lsp.analysis.Documents`): the page's text stands for its file, the
master plan that includes it and the other includes come from disk, confined
to the folder. Diagnostics, hover, completion and quick fixes are the
language server's own functions; tables and diagrams are qlmatrix.render's,
called as `qlm table` and `qlm diagram` call them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from ..checks import RULES
from ..checks.docs import rule_markdown
from ..diagnostics import Diagnostic
from ..diagnostics.messages import render_help, render_message
from ..errors import QlmError
from ..lsp import actions, completion
from ..lsp.analysis import Analysis, Documents
from ..lsp.hover import hover
from ..render import DIAGRAM_FORMATS, DIAGRAMS, TABLE_FORMATS, VIEWS, RenderError, diagram, table, workbook
from ..text import Text
from .compare import side_by_side
from .pane import Pane
from .texts import Stale, Texts
from .worker import Then

Job = Callable[[dict[str, Any]], Any]


#: The last plan read, kept while its text and the files it read from disk are unchanged: the page asks
#: for the checks, then the views, of the same text, and both come from one reading and one resolution.
_last: dict[str, Any] = {}


def _disk_state(analysis: Analysis, path: str) -> tuple[tuple[str, int], ...]:
    found = []
    for file in analysis.files():
        if file != path:
            try:
                found.append((file, os.stat(file).st_mtime_ns))
            except OSError:
                found.append((file, -1))
    return tuple(found)


#: folder -> the language service's documents, kept across jobs so that its incremental reader
#: (qlmatrix.workspace) parses again only what an edit changed.
_documents: dict[str, Documents] = {}


#: The texts last given, by revision: the page sends the edit to one of them, or asks for its views.
_texts = Texts()


def _analysis(request: dict[str, Any]) -> tuple[str, Analysis]:
    path, text = request["path"], request.get("text")
    if text is None and isinstance(request.get("base"), str) and isinstance(request.get("edit"), dict):
        text = request["text"] = _texts.edited(path, request["base"], request["edit"])
    if text is None and isinstance(request.get("revision"), str):
        if _last.get("revision") != request["revision"] or _disk_state(_last["analysis"], path) != _last["disk"]:
            raise Stale
        return path, _last["analysis"]
    key = (request["folder"], path, text)
    if _last.get("key") == key and _disk_state(_last["analysis"], path) == _last["disk"]:
        return path, _last["analysis"]
    documents = _documents.get(request["folder"])
    if documents is None:
        documents = _documents[request["folder"]] = Documents(request["folder"])
    elif _last.get("path") == path and _disk_state(_last["analysis"], path) != _last["disk"]:
        documents.saved()  # another file of the plan changed on disk: read it again
    for other in [other for other in documents.open if other != os.path.realpath(path) or not isinstance(text, str)]:
        documents.close(other)  # the page has one file open: the others count as on disk
    if isinstance(text, str):
        documents.set(path, text)
    analysis = documents.analyse(path)
    _last.update(key=key, path=path, analysis=analysis, disk=_disk_state(analysis, path),
                 revision=_texts.keep(path, text) if isinstance(text, str) else None)
    return path, analysis


def _relative(request: dict[str, Any], path: str) -> str:
    return _relative_to(path, request["folder"])


@functools.lru_cache(maxsize=4096)
def _relative_to(path: str, folder: str) -> str:
    # Asked for every finding and its fixes (a 1k-task plan has dozens): both are absolute, so the
    # answer depends on the two strings only.
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _diagnostic(request: dict[str, Any], analysis: Analysis, diagnostic: Diagnostic, file: str) -> dict[str, Any]:
    lang = request.get("lang", "zh")
    span = diagnostic.span
    found: dict[str, Any] = {
        "file": _relative(request, file), "code": diagnostic.code, "severity": diagnostic.severity.value,
        "message": render_message(diagnostic, lang), "help": render_help(diagnostic, lang),
        "rule": f"/rule/{diagnostic.code}" if diagnostic.code in RULES else None,
        "line": span.line if span else 1, "column": span.column if span else 1,
        "end_line": span.end_line if span else 1, "end_column": span.end_column if span else 1,
        "fixes": [],
    }
    for fix in actions.fixes(analysis, diagnostic):
        edit = fix.edit
        found["fixes"].append({"title": fix.title.in_language(lang), "preferred": fix.preferred,
                               "file": _relative(request, edit.file), "line": edit.line, "column": edit.column,
                               "end_line": edit.end_line, "end_column": edit.end_column, "text": edit.text})
    return found


def analyse(request: dict[str, Any]) -> dict[str, Any] | Then:
    """Every finding of the plan the file belongs to, in file and line order, each with its quick fixes.
    The text comes whole (`text`) or as an edit (`edit`) of the text of an earlier revision (`base`);
    `pane` names the table the page will ask for next (view, filters, `have`), made after answering."""
    try:
        path, analysis = _analysis(request)
    except Stale:
        return {"stale": True, "problems": []}  # the page sends its whole text
    problems = []
    for file in analysis.files():
        for diagnostic in analysis.diagnostics.get(file, []):
            problems.append(_diagnostic(request, analysis, diagnostic, file))
    for file in analysis.diagnostics:
        if file not in analysis.sources and file != analysis.root:
            for diagnostic in analysis.diagnostics[file]:
                problems.append(_diagnostic(request, analysis, diagnostic, file))
    problems.sort(key=lambda p: (p["file"] != _relative(request, path), p["file"], p["line"], p["column"]))
    answer = {"root": _relative(request, analysis.root), "readable": analysis.plan is not None, "problems": problems,
              "revision": _last.get("revision")}
    pane = request.get("pane")
    if isinstance(pane, dict) and pane.get("view") in VIEWS and answer["revision"] is not None:
        # The page asks for this pane next: it is made while the findings travel to the page.
        ahead = dict(pane, path=request["path"], folder=request["folder"], revision=answer["revision"],
                     lang=request.get("lang", "zh"))
        return Then(answer, functools.partial(_make_ahead, ahead))
    return answer


#: The pane made after the last checks, for the views request the page sends next (see `analyse`).
_ahead: dict[str, Any] = {}


def _pane_key(request: dict[str, Any]) -> tuple[Any, ...]:
    have = tuple(key for key in request.get("have") or () if isinstance(key, str))
    return (request.get("revision"), request.get("view"), *_filters(request).values(), have, request.get("lang", "zh"))


def _make_ahead(request: dict[str, Any]) -> None:
    _ahead.clear()
    answer = views(request)
    _ahead.update(key=_pane_key(request), analysis=_last.get("analysis"), answer=answer)


def hover_at(request: dict[str, Any]) -> dict[str, Any]:
    """Markdown for what is under the 1-based line and code-point column, as `qlm lsp` shows on hover."""
    path, analysis = _analysis(request)
    found = hover(analysis, path, int(request["line"]), int(request["column"]), request.get("text") or "",
                  request.get("lang", "zh"))
    return {"markdown": found}


def complete(request: dict[str, Any]) -> dict[str, Any]:
    """Unit names where a unit is expected, keywords at a statement's start (as `qlm lsp` offers them)."""
    path, analysis = _analysis(request)
    text: str = request.get("text") or ""
    lines = text.split("\n")
    line_number, column = int(request["line"]), int(request["column"])
    line = lines[line_number - 1] if 0 < line_number <= len(lines) else ""
    expected = completion.context(line, column - 1)
    start = completion.word_start(line, column - 1) + 1
    items: list[dict[str, str]] = []
    if expected == "unit" and analysis.resolved is not None:
        for name, _unit, detail in completion.unit_candidates(analysis.resolved):
            items.append({"label": name, "insert": completion.spelt(name), "detail": detail, "kind": "unit",
                          "initials": completion.initials(name)})
    elif expected == "keyword":
        for insert, word, kind in completion.keyword_candidates(text):
            items.append({"label": word, "insert": insert, "detail": "", "kind": kind, "initials": ""})
    return {"from_column": start, "items": items}


def _filters(request: dict[str, Any]) -> dict[str, Any]:
    return {name: request.get(name) or None for name in ("section", "unit", "role")}


#: The table views' memos, kept across keystrokes: a pane is rebuilt from the rows of the tasks an edit touched.
_pane = Pane()


def views(request: dict[str, Any]) -> dict[str, Any]:
    """The views asked for (`view`, else all): tables as the blocks of their HTML fragment (`pane`; the
    page holds the blocks listed in `have` and gets only the others), diagrams as SVG, filtered as the
    CLI filters. The page asks for the one it shows: the responsibility diagram of a 1k-task plan takes
    Graphviz over a second, a table a few milliseconds after an edit."""
    try:
        _, analysis = _analysis(request)
    except Stale:
        return {"stale": True, "readable": False, "views": {}}  # the page sends its text again
    if _ahead and request.get("text") is None and _ahead["key"] == _pane_key(request) \
            and _ahead["analysis"] is analysis:
        made: dict[str, Any] = _ahead["answer"]
        _ahead.clear()
        return made  # made after the checks, of this very analysis (the disk unchanged since)
    if analysis.plan is None:
        return {"readable": False, "views": {}}
    wanted = request.get("view")
    names = [wanted] if wanted in (*VIEWS, *DIAGRAMS) else [*VIEWS, *DIAGRAMS]
    found: dict[str, dict[str, str]] = {}
    filters = _filters(request)
    have = [key for key in request.get("have") or () if isinstance(key, str)]
    resolved = analysis.resolved
    for name in names:
        try:
            if name in VIEWS:
                found[name] = _pane.table(resolved if resolved is not None else analysis.plan, name, filters, have)
            else:
                svg = diagram(analysis.plan, name, "svg", **filters)
                found[name] = {"svg": svg if isinstance(svg, str) else svg.decode("utf-8")}
        except (ValueError, RenderError) as error:
            found[name] = {"error": _say(error, request)}
    return {"readable": True, "views": found}


def _say(error: Exception, request: dict[str, Any]) -> str:
    return error.in_language(request.get("lang", "zh")) if isinstance(error, QlmError) else str(error)


TABLE_DOWNLOADS = tuple(fmt for fmt in TABLE_FORMATS if fmt != "term")
DIAGRAM_DOWNLOADS = tuple(fmt for fmt in DIAGRAM_FORMATS)


def download(request: dict[str, Any]) -> dict[str, Any]:
    """The bytes `qlm table` or `qlm diagram` writes for this view and format, with a file name."""
    _, analysis = _analysis(request)
    if analysis.plan is None:
        raise QlmError(Text("the plan does not read: fix its syntax errors first", "计划无法读取：请先改正语法错误"))
    view, fmt, filters = request["view"], request["format"], _filters(request)
    data: str | bytes
    if view in DIAGRAMS:
        if fmt not in DIAGRAM_DOWNLOADS:
            raise QlmError(Text(f"a diagram is written as {', '.join(DIAGRAM_DOWNLOADS)}, not `{fmt}`",
                                f"图只能下载为 {'、'.join(DIAGRAM_DOWNLOADS)}，不能是`{fmt}`"))
        data = diagram(analysis.plan, view, fmt, **filters)
    elif view == "all" and fmt == "xlsx":
        data = workbook(analysis.plan, **filters)
    elif view in VIEWS and fmt in TABLE_DOWNLOADS:
        data = table(analysis.plan, view, fmt, **filters)
    else:
        raise QlmError(Text(f"no download of view `{view}` as `{fmt}`", f"视图`{view}`不能下载为`{fmt}`"))
    stem = os.path.splitext(os.path.basename(request["path"]))[0]
    return {"name": f"{stem}-{view}.{fmt}", "data": data.encode("utf-8") if isinstance(data, str) else data}


def import_document(request: dict[str, Any]) -> dict[str, Any]:
    """A dropped document turned into a plan's text, with what the importer did not understand."""
    from ..importer import import_lines, import_text
    from ..importer.docx import docx_lines
    from ..resolve import resolve

    name, data = request["name"], request["data"]
    if name.lower().endswith(".docx"):
        result = import_lines(docx_lines(data, name), name, "段")
    else:
        result = import_text(data, name)
    tasks = resolve(result.plan).tasks
    return {"text": result.text, "tasks": len(tasks), "assigned": sum(1 for task in tasks if task.has_holdings),
            "units": len(result.plan.units),
            "problems": [{"line": p.line, "reason": {"en": p.reason.en, "zh": p.reason.zh}, "excerpt": p.excerpt}
                         for p in result.problems]}


def rule_page(request: dict[str, Any]) -> dict[str, Any]:
    rule = RULES.get(request["code"])
    return {"markdown": rule_markdown(rule, lang=request.get("lang", "zh")) if rule is not None else None}


def compare(request: dict[str, Any]) -> list[dict[str, Any]]:
    """The disk's text and the page's side by side, line by line (`compare.side_by_side`)."""
    return side_by_side(request["disk"], request["mine"])


JOBS: dict[str, Job] = {"analyse": analyse, "hover": hover_at, "complete": complete, "views": views,
                        "download": download, "import": import_document, "rule": rule_page, "compare": compare}


def run(name: str, request: dict[str, Any]) -> Any:
    return JOBS[name](request)
