"""Progress for long work: one updating line on a terminal's stderr, nothing otherwise.

Progress goes to stderr so that `--format json > f` stays clean, and only to
a terminal so that logs, pipes and CI stay quiet.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """`检查 3/40 plan.qlm` / `checking 3/40 plan.qlm`, rewritten in place."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, minimum: int = 2) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.total = total
        self.enabled = total >= minimum and self.stream.isatty()
        self.shown = False

    def __call__(self, done: int, detail: str = "") -> None:
        if not self.enabled:
            return
        self.stream.write(f"\r\x1b[K{self.label} {done}/{self.total} {detail}".rstrip())
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
