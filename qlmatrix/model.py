"""The plan as attrs value types.

Everything is frozen and compares by content: source positions live in
`span` fields kept out of equality, so a plan read from a file equals the
same plan written in another layout or built in Python. Collections are
tuples (any iterable is converted) and keep declaration order, which every output
relies on for determinism.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import itemgetter
from typing import TypeAlias, cast, overload

import attrs

from .cadence import Cadence, to_cadence
from .numbering import normalise_number
from .span import Place, Span, as_span


class Role(enum.Enum):
    """The plan's own roles; see qlmatrix.raci for their RACI letters."""

    LEAD = "lead"  # 牵头
    SUPPORT = "support"  # 配合
    CONSULT = "consult"  # 会同
    INFORM = "inform"  # 报送 (kept informed)
    OVERSEE = "oversee"  # 监督

    # Members are singletons that compare by identity, so they hash by identity too: in C,
    # where Enum's own `__hash__` (a Python function hashing the name) ran some twenty times per
    # task (roles key the sorts and the sets of resolving and checking; docs/performance.md).
    __hash__ = object.__hash__


class UnitKind(enum.Enum):
    """What kind of body a unit is (`类型:`): it colours the diagrams and tells the checks
    which unit is the leading group (领导小组) its leads report to."""

    PARTY_COMMITTEE = "party-committee"  # 党委
    PARTY_GROUP = "party-group"  # 党组
    LEADING_GROUP = "leading-group"  # 领导小组
    OFFICE = "office"  # 办公室
    DEPARTMENT = "department"  # 部门
    DISCIPLINE = "discipline"  # 纪检监察
    GOVERNMENT = "government"  # 政府
    MASS_ORGANIZATION = "mass-organization"  # 群团
    OTHER = "other"  # 其他


class SectionKind(enum.Enum):
    """A numbered part of the document (`章`) or a carrier of a "1+7" layout (`载体`)."""

    SECTION = "section"  # 章: a numbered part of the document
    CARRIER = "carrier"  # 载体: a 清廉 carrier of a "1+7" layout, with its own lead and closed loop


class LoopStage(enum.Enum):
    """The closed loop every carrier should show each year."""

    GOAL = "goal"  # 目标
    MEASURE = "measure"  # 举措
    ASSESSMENT = "assessment"  # 考核
    FEEDBACK = "feedback"  # 反馈


#: The role reference a report may start from: "each task's lead unit".
LEAD_REFERENCE = "牵头单位"


@attrs.frozen
class Ref:
    """A unit named somewhere in the plan. Equal by name; the span says where."""

    name: str
    _at: Span | Place | None = attrs.field(default=None, eq=False, alias="span", repr=False)

    @property
    def span(self) -> Span | None:
        return as_span(self._at)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return _repr(self)


def _repr(value: Ref | Assignment | Task | Section) -> str:
    """attrs' repr, with the span and the assignments shown by their public names (kept as `_at`,
    see `Place`, and as `_rows`, see `AssignmentRow`)."""
    shown = ", ".join(f"{field.alias}={getattr(value, field.alias)!r}" for field in attrs.fields(type(value))
                      if field.repr or field.alias in _SHOWN_BY_ALIAS)
    return f"{type(value).__name__}({shown})"


def optional_text(value: str | None) -> str | None:
    """Optional text: an empty string means "not given", as it does in a .qlm file."""
    return value if value else None


def optional_number(value: str | None) -> str | None:
    """A document number in its normal form, so `（一）` and `(一)`, `一、` and `一` are one number."""
    return normalise_number(value) or None if value else None


@overload
def to_ref(value: Ref | str) -> Ref: ...
@overload
def to_ref(value: None) -> None: ...
def to_ref(value: Ref | str | None) -> Ref | None:
    if value is None or isinstance(value, Ref):
        return value
    return Ref(value)


def _refs(values: Iterable[Ref | str]) -> tuple[Ref, ...]:
    return tuple(to_ref(value) for value in values)


# Converters for the tuple fields, one per element type: with `converter=tuple` mypy's attrs
# support would give the constructors the unsolved parameter type `Iterable[_T_co]`.


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _stages(values: Iterable[LoopStage]) -> tuple[LoopStage, ...]:
    return tuple(values)


def _items(values: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(values)


def _units(values: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(values)


def _suppressions(values: Iterable[Suppression]) -> tuple[Suppression, ...]:
    return tuple(values)


@attrs.frozen
class Unit:
    """An organization (or, with collective=True, a class of them such as 各级党委)."""

    name: str
    full_name: str | None = attrs.field(default=None, converter=optional_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    parent: Ref | None = attrs.field(default=None, converter=to_ref)
    level: str | None = attrs.field(default=None, converter=optional_text)
    kind: UnitKind | None = None
    collective: bool = False
    levels: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this unit answers to."""
        full = (self.full_name,) if self.full_name else ()
        return (self.name, *full, *self.aliases)


@attrs.frozen
class Assignment:
    """One unit in one role, as a task or section states it: `Assignment(Role.LEAD, "纪监委")`.

    `each`: a lead written `分别牵头:` (`Assignment(Role.LEAD, "市财政局", each=True)`), one of several
    units that each lead their own part of the work; it is a lead like any other, and the checks do
    not take several such leads for rivals (E301). Part of equality: `牵头: A、B` is not `分别牵头: A、B`.
    Only a lead carries it."""

    role: Role
    unit: Ref = attrs.field(converter=to_ref)
    _at: Span | Place | None = attrs.field(default=None, eq=False, alias="span", repr=False)
    # No validator: one would run for every assignment of a plan (docs/performance.md); `each` on
    # another role means nothing, and the writer refuses it (UnwritableError).
    each: bool = attrs.field(default=False, kw_only=True)

    @property
    def span(self) -> Span | None:
        return as_span(self._at)

    def __repr__(self) -> str:
        return _repr(self)


_ROLES = tuple(Role)
_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
_SHOWN_BY_ALIAS = ("span", "assignments")

#: An assignment as a task or section keeps it: (the role's index in `Role`, the unit's name as
#: written, the unit's position, the assignment's position), positions as `Span` or `Place`. Plain
#: values, so the garbage collector stops tracking a row, and the tuple of an item's rows, the first
#: time it looks at them, where an `Assignment` and its `Ref` are instances it walks in every full
#: collection for as long as the plan lives (docs/performance.md, sixth round). `assignments` makes
#: the public objects when asked for; code that needs roles and names alone reads `assignment_rows`.
#: A new field of `Assignment` is kept in the row as a plain value (a bool, a string, an int): append
#: it to this type, to `as_row`, to the `Assignment(...)` of `_assignment_of`, to the rows the
#: parser makes (`parser.values.placed`), and to `_roles_and_names` if it is part of equality.
AssignmentRow: TypeAlias = tuple[int, str, "Span | Place | None", "Span | Place | None", bool]
_ROLE_OF = itemgetter(0)


def as_row(assignment: Assignment) -> AssignmentRow:
    """The row an item keeps for `assignment` (see `AssignmentRow`)."""
    return (_ROLE_ORDER[assignment.role], assignment.unit.name, assignment.unit._at, assignment._at, assignment.each)


#: What a task or section keeps of its assignments: its rows laid end to end, `ROW_WIDTH` values
#: each (role, name, unit's position, assignment's position, each). A tuple of rows of positions is
#: three tuples deep, and the collector stops tracking only one level of a tuple nest each time it
#: looks at it, so every item's tuple of rows was still tracked when the collection of the middle
#: generation moved it to the oldest, where it counted towards the next full collection (about one
#: tuple per task: docs/performance.md, seventh round). Laid flat, the tuple holds strings, ints
#: and `Place`s, two deep, and is dropped from the collector's lists in the generation it was made.
FlatRows: TypeAlias = "tuple[int | str | Span | Place | bool | None, ...]"
ROW_WIDTH = 5


def _assignment_rows(values: Iterable[Assignment | AssignmentRow] | FlatRows) -> FlatRows:
    """Assignments (or rows, as the parser makes them) as rows grouped by role (lead, support,
    consult, inform, oversee), each group in written order, laid flat (`FlatRows`); an item's own
    flat rows (`attrs.evolve` passes them) are kept as they are.

    Grouping makes equality mean "same units in the same roles", however the
    roles were spread over annotation and properties.
    """
    if type(values) is tuple and values and type(values[0]) is int:
        return values  # already flat: the rows of an item, given back by attrs.evolve
    given = [value if isinstance(value, tuple) else as_row(value)
             for value in cast("Iterable[Assignment | AssignmentRow]", values)]
    if len(given) == 1:  # most tasks name one unit per role
        return given[0]
    if len(given) > 1:
        given.sort(key=_group_of)
    return tuple(chain.from_iterable(given))


def _group_of(row: AssignmentRow) -> int:
    """A row's place among the role groups: its role's, the leads written `分别牵头` right after the
    plain leads (as the writer writes them: `牵头:` before `分别牵头:`)."""
    return 2 * row[0] + row[4]


def _roles_and_names(rows: FlatRows) -> tuple[tuple[int, str, bool], ...]:
    """What equality and hashing compare of an item's assignments: roles, names and `each`, not positions."""
    return tuple(zip(rows[0::ROW_WIDTH], rows[1::ROW_WIDTH], rows[4::ROW_WIDTH]))  # type: ignore[arg-type]


def _unflattened(rows: FlatRows) -> tuple[AssignmentRow, ...]:
    """The rows of `FlatRows`, one `AssignmentRow` each."""
    if len(rows) == ROW_WIDTH:
        return (cast(AssignmentRow, rows),)
    return cast("tuple[AssignmentRow, ...]", tuple(zip(*[iter(rows)] * ROW_WIDTH)))


def _assignment_of(row: AssignmentRow) -> Assignment:
    """The public `Assignment` of a row: the one place a row becomes one (`assignments`, `assignment_at`)."""
    role, name, unit_at, at, each = row
    return Assignment(_ROLES[role], Ref(name, unit_at), at, each=each)


class _Assigned:
    """What a task or section itself states. Roles inherited from sections, and
    canonical unit names, come from `qlmatrix.resolve(plan)`."""

    _rows: FlatRows

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """The units the item names, each in its role, grouped by role: made anew on every access (a
        caller reading them often keeps the tuple); `assignment_rows` has roles and names alone."""
        return tuple(map(_assignment_of, _unflattened(self._rows)))

    def assignment_at(self, index: int) -> Assignment:
        """The item's `index`-th assignment alone (`assignments[index]` without making the others)."""
        start = index * ROW_WIDTH
        return _assignment_of(cast(AssignmentRow, self._rows[start:start + ROW_WIDTH]))

    def assignment_each(self, index: int) -> bool:
        """Whether the item's `index`-th assignment is a lead written `分别牵头:` (`Assignment.each`),
        read from the flat rows: no row or `Assignment` made."""
        return bool(self._rows[index * ROW_WIDTH + 4])

    @property
    def assignment_rows(self) -> tuple[AssignmentRow, ...]:
        """The assignments as the item keeps them (`AssignmentRow`): role index, name, positions;
        made from the flat rows on each access (`FlatRows`)."""
        return _unflattened(self._rows)

    @property
    def assignment_count(self) -> int:
        """How many assignments the item states (`len(assignments)` without making anything)."""
        return len(self._rows) // ROW_WIDTH

    def assigned_roles(self) -> tuple[int, ...]:
        """The role index (in `Role`) of each of the item's assignments, in the order of `assignments`."""
        return self._rows[0::ROW_WIDTH]  # type: ignore[return-value]

    def assigned_names(self) -> tuple[str, ...]:
        """The unit names of the item's assignments, as written, in the order of `assignments`."""
        return self._rows[1::ROW_WIDTH]  # type: ignore[return-value]

    def units_in(self, role: Role) -> tuple[Ref, ...]:
        """The units this item itself names in `role`, as written."""
        wanted = _ROLE_ORDER[role]
        return tuple(Ref(name, unit_at) for index, name, unit_at, _, _ in _unflattened(self._rows) if index == wanted)


@attrs.frozen
class Layout:
    """How a task was written, so that `qlm fmt` keeps a planner's choices. Never part of equality."""

    keyword: bool = True  # `任务 (一) …` rather than the document's own `(一)…`
    annotation: bool = True  # lead and supports as `(责任单位:A、B)` rather than one property per role
    pasted: bool = True  # the body after the title on the head line (`标题。正文`) rather than `正文:`


@attrs.frozen
class Task(_Assigned):
    """A duty assigned to units: the unit of the 任务分工表."""

    title: str
    #: The id the file states (`编号:`); empty when it comes from the numbering. Every task's
    #: id, derived or stated, is `qlmatrix.resolve(plan).tasks[i].id`.
    id: str = ""
    number: str | None = attrs.field(default=None, converter=optional_number)
    body: str | None = attrs.field(default=None, converter=optional_text)
    _rows: FlatRows = attrs.field(default=(), converter=_assignment_rows, alias="assignments",
                                                   eq=_roles_and_names, repr=False)
    cadence: Cadence | None = attrs.field(default=None, converter=to_cadence)
    due: Cadence | None = attrs.field(default=None, converter=to_cadence)
    deliverable: str | None = attrs.field(default=None, converter=optional_text)
    _at: Span | Place | None = attrs.field(default=None, eq=False, alias="span", repr=False)
    layout: Layout | None = attrs.field(default=None, eq=False, repr=False)
    #: The officials in charge (`责任领导:`): people's names, never looked up as units. Sections pass
    #: theirs on to the tasks that name none (`qlmatrix.resolve(plan).tasks[i].leaders`).
    leaders: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def span(self) -> Span | None:
        return as_span(self._at)

    def __repr__(self) -> str:
        return _repr(self)


@attrs.frozen
class Report:
    """A reporting line: who reports what to whom, how often, by when, in what form."""

    source: Ref = attrs.field(converter=to_ref)
    target: Ref | None = attrs.field(default=None, converter=to_ref)
    content: str | None = attrs.field(default=None, converter=optional_text)
    cadence: Cadence | None = attrs.field(default=None, converter=to_cadence)
    due: Cadence | None = attrs.field(default=None, converter=to_cadence)
    form: str | None = attrs.field(default=None, converter=optional_text)
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Section(_Assigned):
    """A numbered part of the document (章) or a carrier (载体), holding tasks."""

    title: str
    #: The id the file states (`编号:`); empty when it comes from the numbering (see `Task.id`).
    id: str = ""
    number: str | None = attrs.field(default=None, converter=optional_number)
    kind: SectionKind = SectionKind.SECTION
    _rows: FlatRows = attrs.field(default=(), converter=_assignment_rows, alias="assignments",
                                                   eq=_roles_and_names, repr=False)
    loop: tuple[LoopStage, ...] = attrs.field(default=(), converter=_stages)
    items: tuple[Item, ...] = attrs.field(default=(), converter=_items)
    span: Span | None = attrs.field(default=None, eq=False)
    #: Officials in charge of the section's tasks (`责任领导:`), as `Task.leaders`.
    leaders: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __repr__(self) -> str:
        return _repr(self)


@attrs.frozen
class Note:
    """`说明 指导思想 { 正文: … }`: a passage of the document that is not a task (指导思想, 基本原则,
    主要目标), kept as text. No unit holds a role in it: checks and task views pass over it."""

    title: str
    number: str | None = attrs.field(default=None, converter=optional_number)
    body: str | None = attrs.field(default=None, converter=optional_text)
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Include:
    """`引入 "file.qlm"`: another file of the same plan (a carrier of a "1+7" layout)."""

    path: str
    plan: Plan | None = attrs.field(default=None, eq=False, repr=False)
    span: Span | None = attrs.field(default=None, eq=False)


Item = Section | Task | Report | Include | Note


@attrs.frozen
class Suppression:
    """A `# qlm: ignore[...]` comment: which findings it silences on which lines of its file."""

    span: Span  # the directive itself, for findings about it (W901, W902)
    codes: tuple[str, ...] | None  # codes or rule names as written; None: every rule
    first: int  # lines covered, inclusive (a file-wide directive covers them all)
    last: int


@attrs.frozen
class Plan:
    """A whole plan as written: header, units, and items (sections, tasks, reports, includes).

        >>> from qlmatrix import Plan, Section, Task, Unit, dumps, loads
        >>> plan = Plan(units=[Unit("纪监委")],
        ...             items=[Section("建设清廉的政治生态", number="二、",
        ...                            items=[Task("全面加强纪律建设", number="（四）")])])
        >>> loads(dumps(plan)) == plan
        True

    It keeps what the file says; `qlmatrix.resolve(plan)` says what it means
    (ids, effective roles, scopes). Equality ignores positions and layout.
    """

    title: str | None = attrs.field(default=None, converter=optional_text)
    basis: str | None = attrs.field(default=None, converter=optional_text)
    issuer: str | None = attrs.field(default=None, converter=optional_text)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)
    items: tuple[Item, ...] = attrs.field(default=(), converter=_items)
    span: Span | None = attrs.field(default=None, eq=False)
    #: This file's suppression comments (included files carry their own): comments, so
    #: never part of equality, but kept with the plan so every caller of `check` honours them.
    suppressions: tuple[Suppression, ...] = attrs.field(default=(), converter=_suppressions, eq=False, repr=False)
    #: The document's date (`发文日期:`), what relative deadlines such as 明年年底 count from; None when not given.
    date: datetime.date | None = None

    # Walks over the whole plan, included files included, in document order.

    def walk(self) -> Iterator[tuple[Item, tuple[Section, ...]]]:
        """Every item with the chain of sections around it; an included file's items
        are inside the sections its `引入` stands in. For who holds which role, ask
        `qlmatrix.resolve(plan)`."""
        yield from _walk(self.items, ())

    def all_units(self) -> Iterator[Unit]:
        yield from self.units
        for include in self.includes():
            if include.plan is not None:
                yield from include.plan.all_units()

    def all_suppressions(self) -> Iterator[Suppression]:
        yield from self.suppressions
        for include in self.includes():
            if include.plan is not None:
                yield from include.plan.all_suppressions()

    def includes(self) -> Iterator[Include]:
        for item, _ in _walk(self.items, (), into_includes=False):
            if isinstance(item, Include):
                yield item

    def tasks(self) -> Iterator[Task]:
        return (item for item, _ in self.walk() if isinstance(item, Task))

    def reports(self) -> Iterator[Report]:
        return (item for item, _ in self.walk() if isinstance(item, Report))

    def sections(self) -> Iterator[Section]:
        return (item for item, _ in self.walk() if isinstance(item, Section))

    def notes(self) -> Iterator[Note]:
        return (item for item, _ in self.walk() if isinstance(item, Note))


def _walk(items: Iterable[Item], outer: tuple[Section, ...],
          into_includes: bool = True) -> Iterator[tuple[Item, tuple[Section, ...]]]:
    # An explicit stack rather than nested generators: each item passes through one
    # generator, not one per enclosing section, so a walk costs the same at any depth.
    stack: list[tuple[Iterator[Item], tuple[Section, ...]]] = [(iter(items), outer)]
    while stack:
        iterator, outer = stack[-1]
        for item in iterator:
            yield item, outer
            if isinstance(item, Section):
                stack.append((iter(item.items), (*outer, item)))
                break
            if into_includes and isinstance(item, Include) and item.plan is not None:
                stack.append((iter(item.plan.items), outer))  # an included file continues its section
                break
        else:
            stack.pop()
