"""Fuzz targets: each takes bytes and must end normally or with a QlmError, in bounded time.

They run two ways:
- coverage-guided, with atheris, for minutes: `scripts/fuzz.py --minutes 10` (see docs/security.md);
- on the committed corpus (fuzz/corpus/<target>/), in the ordinary test run: tests/test_fuzz_corpus.py.
Any other exception is a bug; a crashing input goes into the corpus once fixed.
"""

from __future__ import annotations

from collections.abc import Callable

import qlmatrix
from qlmatrix import QlmError


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def read_plan(data: bytes) -> None:
    """Read, resolve, check, write back and read again: the text a planner might type or paste."""
    try:
        plan = qlmatrix.loads(_text(data), "fuzz.qlm")
    except QlmError:
        return
    qlmatrix.resolve(plan)
    qlmatrix.check(plan)
    qlmatrix.to_json(plan)
    try:
        written = qlmatrix.dumps(plan)
    except QlmError:
        return  # a name the language cannot spell (UnwritableError)
    again = qlmatrix.loads(written, "fuzz.qlm")
    assert again == plan, "loads(dumps(plan)) != plan"


def format_plan(data: bytes) -> None:
    """`qlm fmt`: formats or refuses; formatting what it formatted changes nothing."""
    try:
        once = qlmatrix.format_text(_text(data))
    except QlmError:
        return
    assert qlmatrix.format_text(once) == once, "fmt is not idempotent"


def read_settings(data: bytes) -> None:
    """A settings file: read as TOML and validated, or a ConfigError."""
    import tomllib

    from qlmatrix.config import ConfigError, parse_config

    try:
        table = tomllib.loads(_text(data))
    except tomllib.TOMLDecodeError:
        return
    try:
        parse_config(table.get("tool", {}).get("qlmatrix", table) if isinstance(table.get("tool"), dict) else table)
    except ConfigError:
        return


def import_document(data: bytes) -> None:
    """`qlm import` of a text document: a DocumentError, or a plan whose text parses."""
    from qlmatrix.parser import read_text

    try:
        result = qlmatrix.import_text(data)
    except QlmError:
        return
    problems = [d for d in read_text(result.text, "imported.qlm").diagnostics if d.is_error]
    assert not problems, f"the imported plan does not parse: {problems[0]}"


TARGETS: dict[str, Callable[[bytes], None]] = {"loads": read_plan, "format": format_plan, "config": read_settings,
                                              "import": import_document}
