"""The one "did you mean" function: the known word closest to a word that is not known.

Used for unit names (with a scorer that knows how Chinese unit names are
abbreviated), property keywords, settings keys and command-line choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def ratio(typed: str, known: str) -> float:
    """difflib's similarity of two strings, 0..1."""
    import difflib  # only for a misspelt word: not worth importing at every start

    return difflib.SequenceMatcher(None, typed, known).ratio()


def closest(word: str, candidates: Iterable[str], *, score: Callable[[str, str], float] = ratio,
            cutoff: float = 0.5, prefer_same_start: bool = True) -> str | None:
    """The candidate scoring highest against `word` (at least `cutoff`), or None.

    Ties go to a candidate sharing `word`'s first character (全名 -> 全称) when
    `prefer_same_start`, then to the first in `candidates` order, so the answer
    is deterministic.
    """
    best, best_key = None, None
    for candidate in dict.fromkeys(candidates):
        value = score(word, candidate)
        if value < cutoff:
            continue
        key = (value, prefer_same_start and candidate[:1] == word[:1])
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best
