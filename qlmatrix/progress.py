"""Progress reported on a plan's tasks, kept in a plain-text file beside the plan (docs/ledger.md).

The file (`PLAN.progress.jsonl`) is JSON Lines: a header line naming the
plan, then one line per return (a task, its lead unit, the date it is as of,
the 完成状态 and the four texts of a Chinese progress report). Lines starting
with `#` are comments. Records are kept sorted (date, then task order), so a
collection adds lines and a review reads the change in `git diff`; reading
and writing round-trip exactly.

    log = loads_progress(text)           # ProgressError, with the line, for a bad file
    log.latest()                         # (task, unit) -> its newest record
    text = dumps_progress(log)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from .cadence import Period
from .errors import QlmError
from .resolve import ResolvedTask
from .schedule import due_dates
from .text import Text

FORMAT = "qlm-progress"
VERSION = 1
#: The 完成状态 a return may give, in the order the drop-down offers them.
STATUSES = ("已完成", "序时推进", "滞后", "未启动")
DONE = "已完成"
#: The texts of a return: record field -> the column heading units see.
TEXT_FIELDS = {"progress": "进展情况", "evidence": "佐证材料", "problems": "存在问题", "next_steps": "下步打算"}
HEADER_COMMENT = ("# 进展记录：由 qlm ledger collect 写入，每行一条（一项任务、一个牵头单位、一个日期）。"
                  "格式见 docs/ledger.md。")


class ProgressError(QlmError):
    """A progress file that cannot be read; `line` is where (1-based), 0 for the whole file."""

    def __init__(self, message: Text, line: int = 0):
        super().__init__(message)
        self.line = line


def plan_identity(title: str | None, basis: str | None) -> str:
    """What ties a workbook or progress file to its plan: a digest of the plan's title and basis.

    Not of its tasks: a revised plan is the same plan, and its returns still
    fit where the task ids do (the ids are checked one by one).
    """
    key = f"{title or ''}\x1f{basis or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@attrs.frozen
class ProgressRecord:
    """One unit's return on one task, as of one date."""

    task: str
    unit: str
    as_of: date
    status: str
    progress: str = ""
    evidence: str = ""
    problems: str = ""
    next_steps: str = ""
    #: The workbook it was read from (its file name), for the reviewer.
    source: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.task, self.unit


def _records(values: Iterable[ProgressRecord]) -> tuple[ProgressRecord, ...]:
    return tuple(values)  # a named converter: mypy's attrs plugin cannot type `converter=tuple`


@attrs.frozen
class ProgressLog:
    """Every return recorded for one plan, oldest first."""

    plan: str  # the plan's identity (plan_identity)
    title: str = ""
    records: tuple[ProgressRecord, ...] = attrs.field(default=(), converter=_records)

    def latest(self) -> dict[tuple[str, str], ProgressRecord]:
        """(task, unit) -> the newest record."""
        found: dict[tuple[str, str], ProgressRecord] = {}
        for record in self.records:
            current = found.get(record.key)
            if current is None or record.as_of >= current.as_of:
                found[record.key] = record
        return found

    def latest_by_task(self, until: date | None = None) -> dict[str, ProgressRecord]:
        """Task id -> the newest record of any unit (dated on or before `until`, if given)."""
        found: dict[str, ProgressRecord] = {}
        for record in self.records:
            if until is not None and record.as_of > until:
                continue
            current = found.get(record.task)
            if current is None or record.as_of >= current.as_of:
                found[record.task] = record
        return found

    def last_date(self) -> date | None:
        return max((record.as_of for record in self.records), default=None)

    def by_unit(self, unit: str) -> list[ProgressRecord]:
        return [record for record in self.records if record.unit == unit]


def _sorted(records: Iterable[ProgressRecord], order: dict[str, int]) -> tuple[ProgressRecord, ...]:
    return tuple(sorted(records, key=lambda r: (r.as_of, order.get(r.task, len(order)), r.task, r.unit)))


def merged(log: ProgressLog, new: Iterable[ProgressRecord], task_order: Iterable[str] = ()
           ) -> tuple[ProgressLog, list[tuple[ProgressRecord, ProgressRecord]]]:
    """The log with `new` recorded, and the (new, newer already recorded) pairs refused.

    A return replaces one of the same task, unit and date (a corrected workbook);
    a return older than what is recorded for its task and unit is refused, so
    older progress never overwrites newer. The caller writes nothing if any is refused.
    """
    latest = log.latest()
    refused = []
    incoming = list(new)
    for record in incoming:
        current = latest.get(record.key)
        if current is not None and current.as_of > record.as_of:
            refused.append((record, current))
    replaced = {(r.task, r.unit, r.as_of) for r in incoming}
    kept = [r for r in log.records if (r.task, r.unit, r.as_of) not in replaced]
    order = {task: index for index, task in enumerate(task_order)}
    return attrs.evolve(log, records=_sorted([*kept, *incoming], order)), refused


def dumps_progress(log: ProgressLog) -> str:
    """The file's text: a comment, the header line, one line per record."""
    lines = [HEADER_COMMENT, _line({"format": FORMAT, "version": VERSION, "plan": log.plan, "title": log.title})]
    for record in log.records:
        data: dict[str, object] = {"as_of": record.as_of.isoformat(), "task": record.task, "unit": record.unit,
                                   "status": record.status}
        data.update({name: getattr(record, name) for name in TEXT_FIELDS if getattr(record, name)})
        if record.source:
            data["source"] = record.source
        lines.append(_line(data))
    return "\n".join(lines) + "\n"


def _line(data: dict[str, object]) -> str:
    # ensure_ascii=False keeps Chinese readable in a review; json escapes line breaks, so one record
    # stays one line. (Characters a reader could trip on are escaped by json_text in the writers
    # above this layer; this text only ever holds what the workbooks held.)
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def loads_progress(text: str) -> ProgressLog:
    """Read a progress file; ProgressError (with the line) for anything it does not hold as documented."""
    header: dict[str, object] | None = None
    records: list[ProgressRecord] = []
    # Split at line feeds only: str.splitlines would also split inside a value at U+2028 or U+0085.
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise ProgressError(Text("not a JSON line", "不是一行 JSON"), number) from None
        if not isinstance(data, dict):
            raise ProgressError(Text("a line must be a JSON object", "每行应为一个 JSON 对象"), number)
        if header is None:
            if data.get("format") != FORMAT or data.get("version") != VERSION or not isinstance(data.get("plan"), str):
                raise ProgressError(Text(f"the first line must be the header {{\"format\": \"{FORMAT}\", \"version\": {VERSION}, ...}}",
                                         f"第一行应为文件头 {{\"format\": \"{FORMAT}\", \"version\": {VERSION}, ...}}"), number)
            header = data
            continue
        records.append(_record(data, number))
    if header is None:
        raise ProgressError(Text("no header line: not a progress file", "没有文件头：不是进展记录文件"))
    title = header.get("title")
    return ProgressLog(str(header["plan"]), title if isinstance(title, str) else "", tuple(records))


def _record(data: dict[str, object], number: int) -> ProgressRecord:
    def text(name: str, required: bool = False) -> str:
        value = data.get(name, "")
        if not isinstance(value, str) or (required and not value):
            raise ProgressError(Text(f"`{name}` must be a non-empty string" if required else f"`{name}` must be a string",
                                     f"`{name}` 应为{'非空' if required else ''}字符串"), number)
        return value

    try:
        as_of = date.fromisoformat(text("as_of", True))
    except ValueError:
        raise ProgressError(Text("`as_of` must be a date such as 2022-06-30", "`as_of` 应为日期，如 2022-06-30"),
                            number) from None
    status = text("status", True)
    if status not in STATUSES:
        raise ProgressError(Text(f"status `{status}` is not one of {'/'.join(STATUSES)}",
                                 f"完成状态`{status}`不在 {'/'.join(STATUSES)} 之中"), number)
    return ProgressRecord(text("task", True), text("unit", True), as_of, status, progress=text("progress"),
                          evidence=text("evidence"), problems=text("problems"), next_steps=text("next_steps"),
                          source=text("source"))


# ---- where a task stands on a date ----


@attrs.frozen
class Standing:
    """Where a task stands as of a date, as the 督办台账 shows it and the progress checks judge it."""

    #: The date that matters now: the one-off due date; for a recurring task the deadline missed,
    #: else the next one. None when the task has no date.
    due: date | None
    overdue: bool
    #: What the office should do or know (督办提示); empty when nothing.
    note: Text
    recurring: bool = False


_NOTHING = Text("", "")


def standing(task: ResolvedTask, latest: ProgressRecord | None, as_of: date, issued: date | None = None) -> Standing:
    """Where `task` stands on `as_of`, given its newest return (None if it has none).

    A one-off task is overdue once its due date is past and it is not 已完成.
    A recurring task is overdue when a deadline has passed with no return
    that covers it (see `covers`).
    """
    given = [c for c in (task.cadence, task.due) if c is not None]
    recurring = any(c.period not in (None, Period.ONCE) for c in given)
    status = latest.status if latest is not None else None
    if not recurring:
        timing = due_dates(task.cadence, task.due, date(1900, 1, 1), date(2999, 12, 31), issued)
        if not timing.dated or not timing.dates:
            return Standing(None, False, _status_note(status))
        due = timing.dates[0]
        if due < as_of and status != DONE:
            return Standing(due, True, Text(f"overdue since {due.isoformat()}", f"已逾期（应于 {due.isoformat()} 前完成）"))
        return Standing(due, False, _status_note(status))
    start = issued or date(as_of.year - 1, 1, 1)
    dates = due_dates(task.cadence, task.due, start, as_of + timedelta(days=366), issued).dates
    passed = [day for day in dates if day < as_of]
    upcoming = [day for day in dates if day >= as_of]
    if passed:
        before = passed[-2] if len(passed) > 1 else None
        if latest is None or not covers(latest.as_of, before, passed[-1]):
            return Standing(passed[-1], True, Text(f"no return since the deadline {passed[-1].isoformat()}",
                                                  f"{passed[-1].isoformat()} 到期后未报送进展"), True)
    return Standing(upcoming[0] if upcoming else None, False, _status_note(status), True)


def covers(returned: date, before: date | None, deadline: date) -> bool:
    """Whether a return as of `returned` answers the deadline `deadline` (`before`: the deadline before it).

    Returns are collected around a deadline, a little before or after it: a
    return answers the deadline nearest to it, so it must be dated after the
    middle of the period between the two deadlines. (A return of 5 July
    answers the 30 June deadline, not the 30 September one.) In the first
    period, any return answers it.
    """
    if before is None:
        return True
    return returned > before + (deadline - before) / 2


def _status_note(status: str | None) -> Text:
    if status == "滞后":
        return Text("behind schedule: to be chased", "进展滞后，需督办")
    if status == "未启动":
        return Text("not started", "尚未启动")
    return _NOTHING
