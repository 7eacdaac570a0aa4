"""Writing DOT text: quoting, attributes, and a small builder. No binary needed.

Every id is synthetic ASCII (`u1`, `t3`, `cluster_s2`): in DOT a node id
with `:` is read as a port, and ids never need escaping. Chinese text goes
only into labels, which are always double-quoted strings: inside those
only `"` and `\\` are special (`\\n`, `\\l` … are escapes), so doubling the
backslash and escaping the quote lets no name break the file. Braces and
`<>` mean something only in record shapes and HTML labels, which are not
used.
"""

from __future__ import annotations

from ..span import display_width
from .table import wrap

#: Set explicitly on graph, nodes and edges: fonts-noto-cjk used as a fallback
#: draws Japanese glyph shapes (门, 直, 骨) unless the Simplified Chinese face is named.
FONT = "Noto Sans CJK SC"


def quote(text: str) -> str:
    """A DOT double-quoted string holding `text` literally (newlines become line breaks)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def label(text: str, width: int = 20) -> str:
    """`text` wrapped at `width` display cells, quoted for DOT."""
    lines = []
    for line in text.split("\n"):
        lines += wrap(line, width) if display_width(line) > width else [line]
    return quote("\n".join(lines))


def attributes(values: dict) -> str:
    """`[a="1", b="x"]` with every value quoted; None values left out; keys in the given order."""
    parts = [f"{key}={value if _is_quoted(value) else quote(str(value))}" for key, value in values.items() if value is not None]
    return f" [{', '.join(parts)}]" if parts else ""


class Raw(str):
    """An already-quoted value (from `label`) that `attributes` must not quote again."""


def _is_quoted(value) -> bool:
    return isinstance(value, Raw)


class Builder:
    """Lines of a digraph, indented by nesting; `text()` gives the DOT source."""

    def __init__(self, name: str = "G"):
        self.lines = [f"digraph {name} {{"]
        self.depth = 1

    def add(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def defaults(self, kind: str, values: dict) -> None:
        self.add(f"{kind}{attributes(values)};")

    def node(self, node_id: str, values: dict) -> None:
        self.add(f"{node_id}{attributes(values)};")

    def edge(self, tail: str, head: str, values: dict) -> None:
        self.add(f"{tail} -> {head}{attributes(values)};")

    def open(self, header: str) -> None:
        self.add(header + " {")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.add("}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n}\n"


def font_defaults(builder: Builder, graph: dict, node: dict, edge: dict) -> None:
    """Graph, node and edge defaults, each naming the CJK font."""
    builder.defaults("graph", {"fontname": FONT, "charset": "UTF-8", **graph})
    builder.defaults("node", {"fontname": FONT, **node})
    builder.defaults("edge", {"fontname": FONT, **edge})
