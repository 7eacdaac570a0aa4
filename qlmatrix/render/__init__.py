"""Tables and diagrams of a plan: the Python API behind `qlm table`, `qlm diagram` and `qlm render`.

    >>> from qlmatrix import loads
    >>> from qlmatrix.render import table, diagram
    >>> plan = loads("单位 纪监委\\n章 一、总则 { 任务 (一) 严格督查问责 { 牵头: 纪监委 } }")
    >>> print(table(plan, "raci", "md").splitlines()[6])
    | （一） | 严格督查问责 | A |

Text formats come back as `str`, binary ones (xlsx, docx, png, pdf) as
`bytes`. Renderers read only the model; XLSX and DOCX are written by
qlmatrix's own small OOXML writers (sheetml.py, wordml.py: no dependency),
and SVG/PNG/PDF run Graphviz's `dot` (see engine.py). The one mapping from plan roles to RACI letters is
`qlmatrix.raci`. Any text a plan can hold gives well-formed output in every
format: what a format cannot carry is shown as `<U+XXXX>` (see safe.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Plan, Role
from ..raci import Scheme, parse_role
from .errors import MissingDependency, RenderError
from .split import SPLITS
from .table import Table
from .views import VIEWS, Filters

if TYPE_CHECKING:
    from ..resolve import ResolvedPlan
    from ..text import Text
    from .views import ViewMemo

__all__ = [
    "DIAGRAM_FORMATS",
    "DIAGRAMS",
    "Diagram",
    "MissingDependency",
    "RenderError",
    "SPLITS",
    "ATTACHMENT_FORMATS",
    "TABLE_FORMATS",
    "VIEWS",
    "Table",
    "build_table",
    "cjk_font_warning",
    "diagram",
    "diagram_parts",
    "diagram_source",
    "emit_table",
    "repr_html",
    "View",
    "table",
    "workbook",
    "WORKBOOK_VIEWS",
]

TABLE_FORMATS = ("term", "md", "html", "csv", "xlsx", "docx", "json")
DIAGRAMS = ("org", "responsibility")
DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")
BINARY_FORMATS = ("xlsx", "docx", "png", "pdf")
#: The formats that print as a 公文 attachment and can carry its label (`附件1`).
ATTACHMENT_FORMATS = ("docx", "xlsx")


def _filters(section: str | None, unit: str | None, role: Role | str | None) -> Filters:
    if isinstance(role, str):
        role = parse_role(role)
    return Filters(section, unit, role)


def build_table(plan: Plan | ResolvedPlan, view: str = "tasks", *, section: str | None = None,
                unit: str | None = None, role: Role | str | None = None, rasci: bool = False,
                memo: ViewMemo | None = None) -> Table:
    """The view as a `Table` (columns, groups of rows, legend), before any format. Given the plan's
    `ResolvedPlan` (which a caller such as the language service holds already), it is not resolved again.
    `memo` (a `qlmatrix.render.memo.Memo` kept for this view) reuses the rows of tasks the resolution of
    an edited plan reused: see `views.build`."""
    from .views import build

    return build(plan, view, _filters(section, unit, role), Scheme.RASCI if rasci else Scheme.RACI, memo=memo)


def table(plan: Plan | ResolvedPlan, view: str = "tasks", fmt: str = "md", *, section: str | None = None,
          unit: str | None = None,
          role: Role | str | None = None, rasci: bool = False, color: bool = False, split: str = "units",
          lang: str = "zh", width: int | None = None, attachment: str | None = None) -> str | bytes:
    """View `raci`, `tasks` or `units` in format `term`, `md`, `html`, `csv`, `xlsx`, `docx` or `json`.

    Every function here takes the plan or its `ResolvedPlan`: a caller writing several views of one
    plan (`qlm render`) resolves it once.

    `split` cuts a RACI matrix too wide for the page into parts in DOCX: `units`, `sections` or
    `none` (see `qlmatrix.render.split`); `lang` is the language of the XLSX legend (`zh`, `en`);
    `width` is the terminal table's line width in display cells (`term` only; default 100);
    `attachment` is the label set above the title of a DOCX or XLSX attachment (`附件`, `附件1`;
    `render.gongwen.attachment_label(N)` makes it).
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split `{split}`; choose one of {', '.join(SPLITS)}")
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format `{fmt}`; choose one of {', '.join(TABLE_FORMATS)}")
    built = build_table(plan, view, section=section, unit=unit, role=role, rasci=rasci)
    return emit_table(built, fmt, color=color, split=split, lang=lang, width=width, attachment=attachment)


def emit_table(built: Table, fmt: str, *, color: bool = False, split: str = "units", lang: str = "zh",
               width: int | None = None, attachment: str | None = None) -> str | bytes:
    """A built `Table` in format `fmt` (one of TABLE_FORMATS): the one dispatch every table of qlmatrix
    goes through, the plan's views and the calendar, the 督办台账 and the 修改对照表 alike.
    Options as for `table`."""
    if attachment and fmt not in ATTACHMENT_FORMATS:
        raise ValueError(f"an attachment label is set in {' and '.join(ATTACHMENT_FORMATS)} only, not in {fmt}")
    if fmt == "term":
        from .text import to_terminal

        return to_terminal(built, color, width)
    if fmt == "md":
        from .text import to_markdown

        return to_markdown(built)
    if fmt == "html":
        from .html import to_html

        return to_html(built)
    if fmt == "csv":
        from .data import to_csv

        return to_csv(built)
    if fmt == "json":
        from .data import to_json

        return to_json(built)
    if fmt == "xlsx":
        from .xlsx import to_xlsx

        return to_xlsx([built], lang=lang, attachment=attachment)
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(built, split, attachment)
    raise ValueError(f"unknown table format `{fmt}`; choose one of {', '.join(TABLE_FORMATS)}")


#: The workbook's sheets: the 任务分工表 a planner opens first, then the matrix and the 责任清单.
WORKBOOK_VIEWS = ("tasks", "raci", "units")


def workbook(plan: Plan | ResolvedPlan, views: Iterable[str] = WORKBOOK_VIEWS, *, section: str | None = None,
             unit: str | None = None,
             role: Role | str | None = None, rasci: bool = False, lang: str = "zh",
             attachment: str | None = None) -> bytes:
    """One XLSX workbook with a sheet per view (the 任务分工表 first) and a legend sheet in `lang`;
    `attachment` (`附件1`) heads each view's sheet."""
    from .roles import PlanIndex
    from .views import build
    from .xlsx import to_xlsx

    index = PlanIndex(plan)  # resolved once for every sheet
    filters, scheme = _filters(section, unit, role), Scheme.RASCI if rasci else Scheme.RACI
    return to_xlsx([build(plan, view, filters, scheme, index) for view in views], lang=lang, attachment=attachment)


def diagram_source(plan: Plan | ResolvedPlan, view: str = "org", *, section: str | None = None, unit: str | None = None,
                   role: Role | str | None = None) -> str:
    """The DOT text of diagram `org` or `responsibility` (no Graphviz needed)."""
    from .diagrams import build

    return build(plan, view, _filters(section, unit, role))


def diagram_parts(plan: Plan | ResolvedPlan, view: str = "responsibility", *, section: str | None = None,
                  unit: str | None = None,
                  role: Role | str | None = None, split: str = "none") -> list[tuple[str, str]]:
    """The diagram as (part name, DOT text) pairs: one, named "", or with `split="section"` one
    per top-level section or carrier of the responsibility diagram."""
    from .diagrams import build_parts

    return build_parts(plan, view, _filters(section, unit, role), split)


def diagram(plan: Plan | ResolvedPlan, view: str = "org", fmt: str = "dot", *, section: str | None = None,
            unit: str | None = None,
            role: Role | str | None = None) -> str | bytes:
    """Diagram `org` or `responsibility` as `dot` text, or `svg` text, `png`/`pdf` bytes via Graphviz."""
    if fmt not in DIAGRAM_FORMATS:
        raise ValueError(f"unknown diagram format `{fmt}`; choose one of {', '.join(DIAGRAM_FORMATS)}")
    source = diagram_source(plan, view, section=section, unit=unit, role=role)
    if fmt == "dot":
        return source
    from .engine import run_dot

    data, _ = run_dot(source, fmt)
    return data.decode("utf-8") if fmt == "svg" else data


def cjk_font_warning() -> Text | None:
    """None when the diagram font is installed, else a warning with the command that installs it."""
    from .engine import cjk_font_warning as check

    return check()


def repr_html(plan: Plan, view: str = "tasks") -> str:
    """An HTML fragment of a table view (what `View` shows in Jupyter)."""
    from .html import to_html_fragment

    return to_html_fragment(build_table(plan, view))


class View:
    """A table view that shows itself: as HTML in Jupyter, as the terminal table in `print`.

        View(plan)                      # the 任务分工表
        View(plan, "raci", unit="纪监委")

    The model never imports rendering, so a Plan does not display itself; this does.
    """

    def __init__(self, plan: Plan, view: str = "tasks", *, section: str | None = None, unit: str | None = None,
                 role: Role | str | None = None, rasci: bool = False) -> None:
        self.table = build_table(plan, view, section=section, unit=unit, role=role, rasci=rasci)

    def _repr_html_(self) -> str:
        from .html import to_html_fragment

        return to_html_fragment(self.table)

    def __str__(self) -> str:
        from .text import to_terminal

        return to_terminal(self.table, color=False)


class Diagram:
    """A diagram that shows itself as SVG in Jupyter: `Diagram(plan, "org")`."""

    def __init__(self, plan: Plan, view: str = "org", *, section: str | None = None, unit: str | None = None,
                 role: Role | str | None = None) -> None:
        self.source = diagram_source(plan, view, section=section, unit=unit, role=role)

    def _repr_svg_(self) -> str:
        from .engine import run_dot

        return run_dot(self.source, "svg")[0].decode("utf-8")

    def __str__(self) -> str:
        return self.source
