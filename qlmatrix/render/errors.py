"""Errors renderers raise; the CLI turns them into one clear line and an exit code."""

from __future__ import annotations


class RenderError(Exception):
    """A rendering that cannot be done: a tool or library missing, or `dot` failing."""


class MissingDependency(RenderError):
    pass


def missing(package: str, extra: str, what: str) -> MissingDependency:
    return MissingDependency(
        f"{what} need the `{package}` package, which is not installed; "
        f"install it with: pip install 'qlmatrix[{extra}]'  (or: pip install {package})"
    )
