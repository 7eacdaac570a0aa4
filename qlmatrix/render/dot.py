"""Writing DOT text: quoting, attributes, and a small builder. No binary needed.

Every id is synthetic ASCII (`u1`, `b2`, `cluster_legend`), and so is every
port (`t3`, `h1`): in DOT a node id with `:` is read as a port, and ids never
need escaping. Chinese text goes only into labels, and every text a plan holds
goes through `label` (double-quoted labels) or `html_text` (HTML-like labels,
the responsibility diagram's section tables). Both first make it what every
document may hold (`safe.document`: `<U+XXXX>` for a control character,
U+FFFE or U+FFFF, which would make the SVG not well-formed XML or make dot
fail; CR as a line break), then escape what Graphviz reads in it:

- a backslash, doubled in both kinds of label: Graphviz expands `\\N`, `\\G`,
  `\\E`, `\\T`, `\\H` and `\\L` (and breaks lines at `\\n`, `\\l`, `\\r`)
  in HTML-like labels too, where an entity (`&#92;`) does not stop it;
- `&`, written `&amp;` in both: Graphviz decodes entities in quoted labels
  as well, so `&nbsp;` would become a space and `&#1;` a control character in
  the SVG;
- `"` in a quoted label (`\\"`), `< > "` in an HTML-like one (entities);
- newlines, as `\\n` in a quoted label and `<BR/>` in an HTML-like one.

Braces and `<>` mean something only in record shapes, which are not used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

from .linebreak import wrap
from .safe import document

#: Set explicitly on graph, nodes and edges: fonts-noto-cjk used as a fallback
#: draws Japanese glyph shapes (门, 直, 骨) unless the Simplified Chinese face is named.
FONT = "Noto Sans CJK SC"

#: Attribute values as given: each is written with `str()`, and None leaves the attribute out.
Attributes: TypeAlias = Mapping[str, str | int | None]


def quote(text: str) -> str:
    """A DOT double-quoted string holding `text` (newlines become line breaks), for any attribute."""
    escaped = document(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def label(text: str, width: int = 20, keep: Iterable[str] = ()) -> str:
    """`text` wrapped at `width` display cells (never inside a phrase of `keep`; see `linebreak`),
    quoted for DOT, shown literally: no `\\N` expanded, no `&…;` entity decoded."""
    lines = wrap(document(text), width, keep)
    return quote("\n".join(lines).replace("&", "&amp;"))


def html_text(text: str) -> str:
    """`text` as literal character data of an HTML-like label: `&`, `<`, `>`, `"` as entities,
    backslashes doubled (Graphviz expands `\\N` and `\\G` there too), and what XML cannot hold as
    `<U+XXXX>` (Graphviz parses these labels as XML)."""
    return _html_escaped(document(text))


def _html_escaped(text: str) -> str:
    """`html_text` of a text `document` has already made safe."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\\", "\\\\"))


def html_lines(text: str, width: int = 20, keep: Iterable[str] = ()) -> str:
    """`text` wrapped at `width` display cells as `label` wraps it, escaped, lines joined by `<BR/>`."""
    # Escaped once for all lines: `document` leaves no newline inside a line and escaping adds none,
    # and the lines of a `document`ed text need no second `document`.
    return _html_escaped("\n".join(wrap(document(text), width, keep))).replace("\n", "<BR/>")


def html_attributes(values: Attributes) -> str:
    """` A="1" B="x"` for an HTML-like label tag; None values left out."""
    return "".join(f' {key}="{html_text(str(value))}"' for key, value in values.items() if value is not None)


def attributes(values: Attributes) -> str:
    """`[a="1", b="x"]` with every value quoted; None values left out; keys in the given order."""
    parts = [f"{key}={value if _is_quoted(value) else quote(str(value))}" for key, value in values.items() if value is not None]
    return f" [{', '.join(parts)}]" if parts else ""


class Raw(str):
    """An already-quoted value (from `label`, or an HTML-like `<…>` label) that `attributes` must not quote again."""


def _is_quoted(value: object) -> bool:
    return isinstance(value, Raw)


#: Graphviz's own default of each edge attribute the diagrams use: declaring one with it changes nothing.
EDGE_DEFAULTS = {"arrowhead": "normal", "arrowsize": "1", "color": "black", "constraint": "true",
                 "fontcolor": "black", "fontname": "Times-Roman", "fontsize": "14", "headport": "", "label": "",
                 "penwidth": "1", "style": "", "tailport": ""}


class Builder:
    """Lines of a digraph, indented by nesting; `text()` gives the DOT source.

    The edge defaults declare every edge attribute the graph uses, in the order of their names.
    Graphviz 2.43 (Debian's and Ubuntu's) draws the edges between two neighbours of one rank, when
    one has ports, in an auxiliary graph whose attributes it declares in name order, and reads them
    there by their place in the main graph: declared in another order, an oversight edge's arrowhead
    read the font's name ("Arrow type \"Noto Sans CJK SC\" unknown") and was not drawn, and a report
    line between two such units lost its arrowhead too.
    """

    def __init__(self, name: str = "G") -> None:
        self.lines = [f"digraph {name} {{"]
        self.depth = 1
        self._edge_defaults: tuple[int, dict[str, str | int | None]] | None = None
        self._edge_names: set[str] = set()

    def add(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def defaults(self, kind: str, values: Attributes) -> None:
        if kind == "edge":  # written in full by `text()`, once every edge's attributes are known
            self._edge_defaults = (len(self.lines), dict(values))
        self.add(f"{kind}{attributes(values)};")

    def node(self, node_id: str, values: Attributes) -> None:
        self.add(f"{node_id}{attributes(values)};")

    def edge(self, tail: str, head: str, values: Attributes) -> None:
        self._edge_names.update(key for key, value in values.items() if value is not None)
        self.add(f"{tail} -> {head}{attributes(values)};")

    def edge_attributes(self, names: Iterable[str]) -> None:
        """Declare attributes of edges written with `add` (already formatted), as `edge` does its own."""
        self._edge_names.update(names)

    def open(self, header: str) -> None:
        self.add(header + " {")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.add("}")

    def text(self) -> str:
        lines = list(self.lines)
        if self._edge_defaults is not None:
            where, given = self._edge_defaults
            names = sorted(self._edge_names | {key for key, value in given.items() if value is not None})
            declared = {name: given[name] if given.get(name) is not None else EDGE_DEFAULTS[name] for name in names}
            lines[where] = lines[where][: len(lines[where]) - len(lines[where].lstrip())] + f"edge{attributes(declared)};"
        return "\n".join(lines) + "\n}\n"


def font_defaults(builder: Builder, graph: Attributes, node: Attributes, edge: Attributes) -> None:
    """Graph, node and edge defaults, each naming the CJK font."""
    builder.defaults("graph", {"fontname": FONT, "charset": "UTF-8", **graph})
    builder.defaults("node", {"fontname": FONT, **node})
    builder.defaults("edge", {"fontname": FONT, **edge})
