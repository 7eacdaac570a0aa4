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
from pathlib import Path

import lark

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def grammar_path() -> Path:
    """The grammar file: inside the installed package, else the source tree's."""
    for candidate in (_PACKAGE_DIR / "grammar" / "qlm.lark", _PACKAGE_DIR.parent / "grammar" / "qlm.lark"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("grammar/qlm.lark is missing from this installation of qlmatrix")


def _cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "qlmatrix"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


@functools.lru_cache(maxsize=None)
def get_parser() -> lark.Lark:
    text = grammar_path().read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)
    folder = _cache_dir()
    if folder is not None:
        digest = hashlib.sha256(f"{lark.__version__}\0{text}".encode()).hexdigest()[:16]
        options["cache"] = str(folder / f"qlm-{digest}.lark-cache")
    return lark.Lark(text, **options)
