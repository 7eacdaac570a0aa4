"""The work calendar as a month-by-month table per unit, for the terminal, Markdown, HTML and XLSX.

Built once as a render `Table` (a group per unit: what it leads or reports,
a column per month holding the days things fall due) and written by the
table emitters every other view uses. Duties with no date come last, in a
group of their own, with the reason: a calendar never invents a date.
"""

from __future__ import annotations

from ..render.table import Cell, Column, Group, Table
from .build import Entry, WorkCalendar, months_between

VIEW = "calendar"
NO_DATE_HEADING = "无具体日期（不生成日程）"


def _month_titles(calendar: WorkCalendar) -> list[tuple[tuple[int, int], str]]:
    months = list(months_between(calendar.start, calendar.end))
    one_year = calendar.start.year == calendar.end.year
    return [((year, month), f"{month}月" if one_year else f"{year}年{month}月") for year, month in months]


def _range_text(calendar: WorkCalendar) -> str:
    start, end = calendar.start, calendar.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year}年"
    return f"{start.isoformat()} 至 {end.isoformat()}"


def calendar_table(calendar: WorkCalendar) -> Table:
    """A group per unit (in the order they are first named), a row per duty, a column per month."""
    months = _month_titles(calendar)
    columns = [Column("事项", 30, main=True), Column("频次/时限", 16), *(Column(title, 10, run=True) for _, title in months)]
    index = {key: number for number, (key, _) in enumerate(months)}
    groups = []
    for unit in calendar.units():
        # The whole plan: each duty under the unit(s) owing it; one unit's calendar: what it supports too.
        rows = [_row(entry, index, unit) for entry in calendar.entries
                if entry.dates and (unit in entry.units or (calendar.unit == unit and unit in entry.support))]
        if rows:
            groups.append(Group(unit, rows))
    undated = calendar.undated()
    if undated:
        blank = [Cell("")] * len(months)
        rows = [(Cell(_owner(entry) + entry.label), Cell(_why(entry)), *blank) for entry in undated]
        groups.append(Group(NO_DATE_HEADING, rows))
    title = f"{calendar.title} · 工作日历" if calendar.title else "工作日历"
    notes = [f"范围：{_range_text(calendar)}"]
    notes.append(f"发文日期：{calendar.issued.isoformat()}" if calendar.issued else "发文日期：未给出")
    return Table(VIEW, title, columns, groups, group_label="单位", notes=notes, keep=_kept_whole(calendar))


def _kept_whole(calendar: WorkCalendar) -> set[str]:
    """What a line never breaks inside (as in the plan's own tables): unit names and timing phrases."""
    phrases: set[str] = set()
    for entry in calendar.entries:
        phrases.update(entry.units, entry.support, (entry.recipient,) if entry.recipient else ())
        phrases.update(part for part in entry.timing.split(" · ") if part)
    return phrases


def _row(entry: Entry, index: dict[tuple[int, int], int], unit: str) -> tuple[Cell, ...]:
    days: dict[int, list[str]] = {}
    for day in entry.dates:
        days.setdefault(index[(day.year, day.month)], []).append(str(day.day))
    cells = [Cell("")] * len(index)
    for column, numbers in days.items():
        cells[column] = Cell("、".join(numbers) + "日")
    label = entry.label if unit in entry.units else f"{entry.label}（配合）"
    return (Cell(label), Cell(entry.timing), *cells)


def _owner(entry: Entry) -> str:
    return f"【{'、'.join(entry.units)}】" if entry.units else "【未明确责任单位】"


def _why(entry: Entry) -> str:
    reason = entry.undated.zh if entry.undated else ""
    return f"{entry.timing}（{reason}）" if entry.timing else reason
