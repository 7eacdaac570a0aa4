"""`Text`: words a person reads, in English and Chinese, as one value.

Every human-facing text of qlmatrix (a diagnostic's message, help and
labels, an error, a warning, a word inside a message) is a `Text`; it is
put into the reader's language only when it is shown. `str()` gives the
English, for Python callers and logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs


@attrs.frozen
class Text:
    """Words in English and Chinese: `Text("unit not declared", "单位未声明").in_language("zh")`."""

    en: str
    zh: str

    @classmethod
    def of(cls, value: Text | tuple[str, str] | str) -> Text:
        """A Text from a Text, an (English, Chinese) pair, or one string for both."""
        if isinstance(value, Text):
            return value
        if isinstance(value, tuple):
            return cls(*value)
        return cls(value, value)

    def in_language(self, lang: str) -> str:
        """The text for a reader of `lang` (`zh` or `en`)."""
        return self.zh if lang == "zh" else self.en

    def format(self, args: Mapping[str, Any], lang: str, words: Mapping[str, Text] | None = None) -> str:
        """The template in `lang` filled with `args`; an argument that is a Text (or a key of
        `words`) is put in the same language."""
        return self.in_language(lang).format(**{key: localise(value, lang, words) for key, value in args.items()})

    def __str__(self) -> str:
        return self.en


def localise(value: Any, lang: str, words: Mapping[str, Text] | None = None) -> str:
    if isinstance(value, Text):
        return value.in_language(lang)
    text = str(value)
    if words and text in words:
        return words[text].in_language(lang)
    return text
