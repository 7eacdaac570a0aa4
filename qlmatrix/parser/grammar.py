"""Finding the grammar and building the lark parser once, with cached tables.

The grammar is `grammar/qlm.lark` at the top of the source tree; the wheel
ships it as `qlmatrix/grammar/qlm.lark`. Building LALR tables costs far more
than a small parse, so they are cached per user, keyed by the grammar's hash
and lark's version, never in a shared temporary folder.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import TYPE_CHECKING

import lark

if TYPE_CHECKING:
    from pathlib import Path

# os.path rather than pathlib here: every `qlm check` comes through, and pathlib costs an import.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def grammar_path() -> Path:
    """The grammar file: inside the installed package, else the source tree's."""
    from pathlib import Path

    return Path(_grammar_file())


def _grammar_file() -> str:
    for candidate in (os.path.join(_PACKAGE_DIR, "grammar", "qlm.lark"),
                      os.path.join(os.path.dirname(_PACKAGE_DIR), "grammar", "qlm.lark")):
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError("grammar/qlm.lark is missing from this installation of qlmatrix")


def _cache_dir() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "qlmatrix")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


@functools.cache
def _grammar_and_cache() -> tuple[str, str | None]:
    with open(_grammar_file(), encoding="utf-8") as stream:
        text = stream.read()
    folder = _cache_dir()
    if folder is None:
        return text, None
    digest = hashlib.sha256(f"{lark.__version__}\0{text}".encode()).hexdigest()[:16]
    return text, os.path.join(folder, f"qlm-{digest}.lark-cache")


def grammar_text() -> str:
    """The grammar's source text (read once)."""
    return _grammar_and_cache()[0]


def cache_file() -> str | None:
    """Where the parser's tables are cached (other caches of this grammar sit next to it), or None."""
    return _grammar_and_cache()[1]


@functools.cache
def get_parser() -> lark.Lark:
    text, cache = _grammar_and_cache()
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)
    if cache is not None:
        options["cache"] = cache
    return lark.Lark(text, **options)
