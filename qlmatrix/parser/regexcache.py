"""Compiled lexer regexes kept between runs, next to lark's cached tables.

lark compiles, per lexer state, one alternation of every terminal the state
accepts; `re` compiles in Python, and the states a short plan reaches cost
about 12 ms of a 100 ms `qlm check`, every run (lark pays the same on its
first parse; `re` keeps compiled patterns only within a process). What
`re.compile` produces from a pattern is a list of opcodes handed to `_sre`,
a pure function of the pattern, the flags and the `re` engine; this module
keeps those lists in a file and hands them to `_sre` again.

The file is keyed by Python's version and `_sre.MAGIC` (the opcode set), and
each entry by its full pattern and flags, so a stale entry cannot be used.
Anything unexpected (another Python, a missing or unreadable file, an
internal that moved) falls back to `re.compile`: the shortcut may go, the
result never changes.
"""

from __future__ import annotations

import array
import marshal
import os
import re
import sys
from typing import TypeAlias

__all__ = ["CachingRe"]

#: An array type code as wide as `_sre`'s opcodes (SRE_CODE: 4 bytes), checked in `_engine_key`.
_OPCODE = "I"

#: What `_sre.compile` takes after the pattern: (flags, opcodes as bytes, groups, groupindex, indexgroup).
_Entry: TypeAlias = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def _engine_key() -> str | None:
    try:
        import _sre  # type: ignore[import-not-found]  # CPython's regex engine: typeshed has no stub for it
    except ImportError:
        return None
    tag = sys.implementation.cache_tag
    if array.array(_OPCODE).itemsize != _sre.CODESIZE:
        return None
    return f"{tag}-{sys.hexversion:x}-{_sre.MAGIC}" if tag else None


class CachingRe:
    """Stands in for the `re` module where lark compiles its lexer (`compile`, `match`, `error`)."""

    error = re.error

    def __init__(self, path: str | None) -> None:
        key = _engine_key()
        self.path = f"{path}.{key}.regex" if path and key and sys.implementation.name == "cpython" else None
        self.entries: dict[tuple[str, int], _Entry] = {}
        self.added = False
        self.compiled: dict[tuple[str, int], re.Pattern[str]] = {}
        if self.path is not None:
            try:
                with open(self.path, "rb") as stream:
                    loaded = marshal.load(stream)
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, EOFError, ValueError, TypeError):
                pass

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        found = self.compiled.get((pattern, flags))
        if found is None:
            found = self.compiled[(pattern, flags)] = self._build(pattern, flags)
        return found

    def match(self, pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).match(string)

    def _build(self, pattern: str, flags: int) -> re.Pattern[str]:
        if self.path is None or not isinstance(pattern, str) or not isinstance(flags, int):
            return re.compile(pattern, flags)
        entry = self.entries.get((pattern, flags))
        if entry is not None:
            compiled: re.Pattern[str] | None
            try:
                import _sre

                flags_out, code, groups, groupindex, indexgroup = entry
                opcodes = array.array(_OPCODE)
                opcodes.frombytes(code)
                compiled = _sre.compile(pattern, flags_out, opcodes.tolist(), groups, groupindex, indexgroup)
            except Exception:
                compiled = None
            if compiled is not None and compiled.pattern == pattern:
                return compiled
        compiled = re.compile(pattern, flags)
        entry = _entry(pattern, flags)
        if entry is not None:
            self.entries[(pattern, flags)] = entry
            self.added = True
        return compiled

    def save(self) -> None:
        """Write the entries back if this run compiled new ones (atomically: readers never see half a file)."""
        if not self.added or self.path is None:
            return
        self.added = False
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as stream:
                marshal.dump(self.entries, stream)
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _entry(pattern: str, flags: int) -> _Entry | None:
    """What `re._compiler.compile` hands `_sre.compile` after the pattern, or None if it cannot be had."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]  # private: typeshed has no stubs for them

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # The opcodes as an array's bytes: marshal reads those at once, a list of ints one by one.
        opcodes = array.array(_OPCODE, code)
        entry = (int(flags | parsed.state.flags), opcodes.tobytes(), int(parsed.state.groups - 1),
                 {str(name): int(index) for name, index in groupindex.items()}, tuple(indexgroup))
        import _sre

        check = _sre.compile(pattern, entry[0], opcodes.tolist(), *entry[2:])  # as re._compiler.compile calls it
        reference = re.compile(pattern, flags)
        if (check.flags, check.groups, check.groupindex) != (reference.flags, reference.groups, reference.groupindex):
            return None
        return entry
    except Exception:
        return None
