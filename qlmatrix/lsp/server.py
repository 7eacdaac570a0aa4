"""The language server: its documents and diagnostics, over standard input and output (the requests it
answers are in features.py).

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
from .analysis import Analysis, Documents, real
from .diagnostics import to_lsp
from .positions import UTF16, Lines

DEBOUNCE_SECONDS = 0.03
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
        self.said: set[str] = set()  # warnings already shown

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
        error = self.documents.config_problems.get(os.path.dirname(analysis.root))
        problem = error.in_language(self.lang) if error is not None else None
        if problem is not None and problem not in self.said:
            # The settings file cannot be used: said once, and the plan is checked with the defaults meanwhile.
            self.said.add(problem)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"qlm: {problem}"))
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


def main() -> None:
    """Serve over standard input and output until the client says exit."""
    from . import features  # noqa: F401  (registers the requests the server answers)

    server.start_io()
