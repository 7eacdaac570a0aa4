"""The requests the language server answers: hover, completion, navigation, rename, formatting, quick fixes,
semantic tokens and symbols, each from the analysis of the plan the document belongs to (server.py keeps
the documents and publishes diagnostics)."""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from . import actions, completion, hover, navigation
from .analysis import Analysis, real
from .diagnostics import to_lsp
from .index import at, occurrences
from .positions import Lines
from .server import QlmServer, server
from .tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_tokens

_SYMBOL_KINDS = {"unit": types.SymbolKind.Class, "collective": types.SymbolKind.Struct,
                 "section": types.SymbolKind.Namespace, "carrier": types.SymbolKind.Package,
                 "task": types.SymbolKind.Event, "report": types.SymbolKind.Interface,
                 "include": types.SymbolKind.File}


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
                text_edit=types.TextEdit(range=replace, new_text=completion.spelt(name)),
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
                              new_text=navigation.spelling(occurrence, params.new_name.strip()))
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
