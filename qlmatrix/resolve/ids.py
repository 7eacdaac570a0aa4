"""Task and section ids, derived in one place from the numbering and the position.

A section's id is its enclosing section's id followed by its number (or its
title when it has none): `二`, `二(一)`. A task's id is its section's id
followed by its number, `二(一)`; an unnumbered task counts within its
section, `二#1`, `二#2`. An explicit `编号:` (the model's `id` field) wins.
Included files continue the section they are included in.
"""

from __future__ import annotations


def section_id(explicit: str, prefix: str, number: str | None, title: str) -> str:
    return explicit or prefix + (number or title)


def task_id(explicit: str, prefix: str, number: str | None, ordinal: int) -> str:
    """`ordinal`: this task's place among the unnumbered, unlabelled tasks of its section, from 1."""
    if explicit:
        return explicit
    if number:
        return prefix + number
    return f"{prefix}#{ordinal}" if prefix else f"#{ordinal}"


def counts_as_unnumbered(explicit: str, number: str | None) -> bool:
    """Whether a task takes the next `#N` of its section."""
    return not explicit and not number
