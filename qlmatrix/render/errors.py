"""Errors renderers raise; the CLI turns them into one clear line and an exit code."""

from __future__ import annotations

from ..errors import QlmError
from ..text import Text


class RenderError(QlmError):
    """A rendering that cannot be done: a tool or library missing, or `dot` failing."""

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(Text(en, zh or en))


class UnknownChoice(RenderError, ValueError):
    """A filter or view that names nothing in the plan (a ValueError for Python callers)."""


class MissingDependency(RenderError):
    pass


def missing(package: str, extra: str, what: str, what_zh: str | None = None) -> MissingDependency:
    install = f"pip install 'qlmatrix[{extra}]'  (or: pip install {package})"
    return MissingDependency(
        f"{what} need the `{package}` package, which is not installed; install it with: {install}",
        f"{what_zh or what}需要`{package}`包，但尚未安装；请用以下命令安装：{install}",
    )
