"""The language server: pygls wired to the features, over standard input and output.

Diagnostics are published a short while after the last edit (`debounce`,
initialization option `debounceMs`), for every file of the plan the edited
file belongs to. Features answer from `Documents.analyse` (the seam in
analysis.py); while the text does not parse, hover, completion and
navigation use the last analysis that did.

Initialization options: `lang` (`zh` or `en`; default from the locale),
`debounceMs` (default 30), `rulesBaseUrl` (where the rule pages are; default
the local docs/rules when present).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..diagnostics import Diagnostic
from ..text import Text
from . import actions, completion, hover, navigation
from .analysis import Analysis, Documents, real
from .diagnostics import to_lsp
from .index import occurrences
from .positions import UTF16, Lines
from .tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_tokens

DEBOUNCE_SECONDS = 0.03
_SYMBOL_KINDS = {"unit": types.SymbolKind.Class, "collective": types.SymbolKind.Struct,
                 "section": types.SymbolKind.Namespace, "carrier": types.SymbolKind.Package,
                 "task": types.SymbolKind.Event, "report": types.SymbolKind.Interface,
                 "include": types.SymbolKind.File}
_ENCODINGS = {types.PositionEncodingKind.Utf8: "utf-8", types.PositionEncodingKind.Utf16: "utf-16",
              types.PositionEncodingKind.Utf32: "utf-32"}


def locale_language(environ: dict[str, str] | None = None) -> str:
    """`zh` when the locale is Chinese (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, first set wins), else `en`."""
    environ = dict(os.environ) if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class QlmServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("qlm", __version__)
        self.documents = Documents()
        self.lang = locale_language()
        self.debounce = DEBOUNCE_SECONDS
        self.rules_base: str | None = None
        self.uris: dict[str, str] = {}  # real path -> the URI the client uses for it
        self.published: dict[str, set[str]] = {}  # plan root -> URIs given diagnostics
        self.pending: dict[str, asyncio.Task[None]] = {}

    # Paths and positions.

    def path(self, uri: str) -> str:
        path = to_fs_path(uri)
        if path is None:
            raise JsonRpcInvalidParams(f"not a file URI: {uri}")
        found = real(path)
        self.uris.setdefault(found, uri)
        return found

    def uri(self, path: str) -> str:
        return self.uris.get(path) or from_fs_path(path) or path

    @property
    def encoding(self) -> str:
        chosen = self.server_capabilities.position_encoding if self.server_capabilities else None
        return next((name for kind, name in _ENCODINGS.items() if kind == chosen), UTF16)

    def lines(self, path: str, analysis: Analysis | None = None) -> Lines:
        text = analysis.sources.get(path) if analysis is not None else None
        if text is None:
            text = self.documents.text(path) or ""
        return Lines(text, self.encoding)

    def say(self, text: Text) -> str:
        return text.in_language(self.lang)

    # Diagnostics.

    def schedule(self, path: str) -> None:
        root = self.documents.root_of(path)
        waiting = self.pending.pop(root, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[root] = asyncio.ensure_future(self._publish_later(path))

    async def _publish_later(self, path: str) -> None:
        await asyncio.sleep(self.debounce)
        try:
            self.publish(path)
        except Exception as error:  # a bug must not stop the diagnostics of the next edit: it is logged
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error,
                                                           message=f"qlm lsp: checking {path} failed: {error!r}"))

    def publish(self, path: str) -> None:
        analysis = self.documents.analyse(path)
        uris: set[str] = set()
        lines_of = {file: self.lines(file, analysis) for file in analysis.files()}
        uri_of = {file: self.uri(file) for file in lines_of}
        for file, found in analysis.diagnostics.items():
            lines = lines_of.get(file) or self.lines(file)
            uri = self.uri(file)
            uris.add(uri)
            converted = [to_lsp(d, lines, lines_of, uri_of, self.lang, self.rules_base) for d in found]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=converted))
        for stale in self.published.get(analysis.root, set()) - uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=stale, diagnostics=[]))
        self.published[analysis.root] = uris

    def diagnostics_in(self, analysis: Analysis, path: str, where: types.Range) -> Iterable[Diagnostic]:
        lines = self.lines(path, analysis)
        for diagnostic in analysis.diagnostics.get(path, []):
            if diagnostic.span is None:
                continue
            found = lines.range(diagnostic.span)
            if _overlaps(found, where):
                yield diagnostic


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


server = QlmServer()


@server.feature(types.INITIALIZE)
def initialize(ls: QlmServer, params: types.InitializeParams) -> None:
    folder = None
    if params.workspace_folders:
        folder = to_fs_path(params.workspace_folders[0].uri)
    elif params.root_uri:
        folder = to_fs_path(params.root_uri)
    ls.documents = Documents(folder)
    options: Any = params.initialization_options or {}
    if isinstance(options, dict):
        if options.get("lang") in ("zh", "en"):
            ls.lang = options["lang"]
        if isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)
        if isinstance(options.get("rulesBaseUrl"), str):
            ls.rules_base = options["rulesBaseUrl"]


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: QlmServer, params: types.DidOpenTextDocumentParams) -> None:
    path = ls.path(params.text_document.uri)
    ls.documents.set(path, params.text_document.text)
    ls.publish(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: QlmServer, params: types.DidChangeTextDocumentParams) -> None:
    path = ls.path(params.text_document.uri)
    ls.documents.set(path, ls.workspace.get_text_document(params.text_document.uri).source)
    ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: QlmServer, params: types.DidSaveTextDocumentParams) -> None:
    path = ls.path(params.text_document.uri)
    ls.documents.saved()
    ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: QlmServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.documents.close(ls.path(params.text_document.uri))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: QlmServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.documents.saved()
    for path in list(ls.documents.open):
        ls.schedule(path)


def _here(ls: QlmServer, uri: str, position: types.Position) -> tuple[str, Analysis, Lines, int, int]:
    """The file, the analysis to answer from, its lines, and the 1-based line and code-point column."""
    path = ls.path(uri)
    analysis = ls.documents.usable(path)
    lines = Lines(ls.documents.text(path) or "", ls.encoding)
    return path, analysis, lines, position.line + 1, lines.column(position) + 1


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: QlmServer, params: types.HoverParams) -> types.Hover | None:
    path, analysis, lines, line, column = _here(ls, params.text_document.uri, params.position)
    found = hover.hover(analysis, path, line, column, "\n".join(lines.lines), ls.lang)
    if found is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=found))


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[":", "：", "、", "，", ",", "(", "（", " "],
                                        resolve_provider=True))
def on_completion(ls: QlmServer, params: types.CompletionParams) -> types.CompletionList:
    path, analysis, lines, line, column = _here(ls, params.text_document.uri, params.position)
    text = lines.line(line - 1)
    expected = completion.context(text, column - 1)
    start = completion.word_start(text, column - 1)
    replace = types.Range(start=lines.position(line, start + 1), end=params.position)
    items: list[types.CompletionItem] = []
    if expected == "unit" and analysis.resolved is not None:
        for rank, (name, unit, detail) in enumerate(completion.unit_candidates(analysis.resolved)):
            initials = completion.initials(name)
            items.append(types.CompletionItem(
                label=name, kind=types.CompletionItemKind.Class, detail=detail or None,
                filter_text=f"{name} {initials}" if initials else name, sort_text=f"{rank:05d}",
                text_edit=types.TextEdit(range=replace, new_text=name),
                data={"unit": unit, "uri": params.text_document.uri}))  # documented on resolve: it counts roles
    elif expected == "keyword":
        for rank, (insert, word, kind) in enumerate(completion.keyword_candidates("\n".join(lines.lines))):
            items.append(types.CompletionItem(
                label=word, sort_text=f"{rank:05d}",
                kind=types.CompletionItemKind.Keyword if kind == "keyword" else types.CompletionItemKind.Property,
                text_edit=types.TextEdit(range=replace, new_text=insert)))
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.COMPLETION_ITEM_RESOLVE)
def on_completion_resolve(ls: QlmServer, item: types.CompletionItem) -> types.CompletionItem:
    """A unit's hover text as the documentation of its completion, worked out for the item shown only."""
    data = item.data if isinstance(item.data, dict) else {}
    if isinstance(data.get("unit"), str) and isinstance(data.get("uri"), str):
        analysis = ls.documents.usable(ls.path(data["uri"]))
        item.documentation = _unit_documentation(analysis, data["unit"], ls.lang)
    return item


def _unit_documentation(analysis: Analysis, name: str, lang: str) -> types.MarkupContent | None:
    unit = analysis.resolved.units.get(name) if analysis.resolved is not None else None
    if unit is None or analysis.resolved is None:
        return None
    return types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover.unit_hover(analysis.resolved, unit, lang))


def _location(ls: QlmServer, analysis: Analysis, file: str, span: Any) -> types.Location:
    return types.Location(uri=ls.uri(file), range=ls.lines(file, analysis).range(span))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: QlmServer, params: types.DefinitionParams) -> types.Location | None:
    path, analysis, _, line, column = _here(ls, params.text_document.uri, params.position)
    found = navigation.definition(analysis, path, line, column)
    return _location(ls, analysis, found.file, found.span) if found is not None else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: QlmServer, params: types.ReferenceParams) -> list[types.Location]:
    path, analysis, _, line, column = _here(ls, params.text_document.uri, params.position)
    found = navigation.references(analysis, path, line, column, params.context.include_declaration)
    return [_location(ls, analysis, o.file, o.span) for o in found]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def on_prepare_rename(ls: QlmServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    path, analysis, lines, line, column = _here(ls, params.text_document.uri, params.position)
    from .index import at

    found = at(occurrences(analysis), path, line, column)
    if found is None:
        return None
    return types.PrepareRenamePlaceholder(range=lines.range(found.span), placeholder=found.written)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def on_rename(ls: QlmServer, params: types.RenameParams) -> types.WorkspaceEdit:
    path = ls.path(params.text_document.uri)
    analysis = ls.documents.analyse(path)  # edits must match the text as it is now
    lines = Lines(ls.documents.text(path) or "", ls.encoding)
    line, column = params.position.line + 1, lines.column(params.position) + 1
    try:
        found = navigation.rename(analysis, path, line, column, params.new_name.strip())
    except navigation.RenameRefused as refused:
        raise JsonRpcInvalidParams(ls.say(refused.text)) from refused
    changes: dict[str, list[types.TextEdit]] = {}
    for occurrence in found:
        edit = types.TextEdit(range=ls.lines(occurrence.file, analysis).range(occurrence.span),
                              new_text=params.new_name.strip())
        changes.setdefault(ls.uri(occurrence.file), []).append(edit)
    return types.WorkspaceEdit(changes=changes)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def on_formatting(ls: QlmServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    from ..diagnostics.messages import render_message
    from ..fmt import format_text

    path = ls.path(params.text_document.uri)
    text = ls.documents.text(path) or ""
    result = format_text(text, path)
    if result.formatted is None:
        # Never a changed meaning: what fmt refused is said, and the text is left as it is.
        why = "; ".join(render_message(d, ls.lang) for d in result.diagnostics[:1])
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                       message=f"qlm fmt: {why}"))
        return None
    if result.formatted == text:
        return []
    lines = Lines(text, ls.encoding)
    whole = types.Range(start=types.Position(line=0, character=0), end=lines.end())
    return [types.TextEdit(range=whole, new_text=result.formatted)]


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def on_code_action(ls: QlmServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    path = ls.path(params.text_document.uri)
    analysis = ls.documents.analyse(path)
    found: list[types.CodeAction] = []
    lines_of = {file: ls.lines(file, analysis) for file in analysis.files()}
    uri_of = {file: ls.uri(file) for file in lines_of}
    for diagnostic in ls.diagnostics_in(analysis, path, params.range):
        for fix in actions.fixes(analysis, diagnostic):
            edit = fix.edit
            lines = lines_of.get(edit.file) or ls.lines(edit.file)
            where = types.Range(start=lines.position(edit.line, edit.column),
                                end=lines.position(edit.end_line, edit.end_column))
            found.append(types.CodeAction(
                title=ls.say(fix.title), kind=types.CodeActionKind.QuickFix, is_preferred=fix.preferred,
                diagnostics=[to_lsp(diagnostic, lines_of.get(path) or ls.lines(path), lines_of, uri_of, ls.lang,
                                    ls.rules_base)],
                edit=types.WorkspaceEdit(changes={ls.uri(edit.file): [types.TextEdit(range=where,
                                                                                    new_text=edit.text)]})))
    return found


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS))
def on_semantic_tokens(ls: QlmServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    path = ls.path(params.text_document.uri)
    text = ls.documents.text(path) or ""
    analysis = ls.documents.usable(path)
    declared = [o.span for o in occurrences(analysis) if o.declaration and o.file == path]
    return types.SemanticTokens(data=semantic_tokens(text, declared, ls.encoding))


def _document_symbol(ls: QlmServer, analysis: Analysis, symbol: navigation.Symbol) -> types.DocumentSymbol:
    lines = ls.lines(real(symbol.span.file), analysis)
    return types.DocumentSymbol(
        name=symbol.name or "·", detail=symbol.detail or None, kind=_SYMBOL_KINDS[symbol.kind],
        range=lines.range(symbol.extent()), selection_range=lines.range(symbol.span),
        children=[_document_symbol(ls, analysis, child) for child in symbol.children] or None)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_document_symbol(ls: QlmServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    path = ls.path(params.text_document.uri)
    analysis = ls.documents.usable(path)
    if analysis.plan is None:
        return []
    symbols = navigation.document_symbols(analysis.plan, analysis.root, path)
    return [_document_symbol(ls, analysis, symbol) for symbol in symbols]


@server.feature(types.WORKSPACE_SYMBOL)
def on_workspace_symbol(ls: QlmServer, params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol]:
    found = []
    analyses = list(ls.documents.analyses())
    by_file = {file: analysis for analysis in analyses for file in analysis.files()}
    for symbol in navigation.workspace_symbols(analyses, params.query):
        file = real(symbol.span.file)
        location = _location(ls, by_file.get(file, analyses[0]), file, symbol.span)
        found.append(types.WorkspaceSymbol(name=symbol.name, kind=_SYMBOL_KINDS[symbol.kind], location=location,
                                           container_name=symbol.detail or None))
    return found


def main() -> None:
    """Serve over standard input and output until the client says exit."""
    server.start_io()
