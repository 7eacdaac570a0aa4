"""The import's own verdict (qlmatrix/importer/coverage.py, I012): how much of a document's assignment-looking text the
built plan explains, measured on the text whatever reader read it.

Both sides are tested: every fixture of tests/data/import is explained and quiet, and copies of the fixtures
damaged as unseen documents come damaged (lines shuffled, all joined into one line, a table's 序号 stripped, the
text cut at another width, two lines run into one) are flagged when their plan is wrong. The damage is made
here from the fixtures, so every fixture added later is checked on both sides too.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from qlmatrix import Assignment, Plan, Role, Section, Task, resolve
from qlmatrix.cli import main
from qlmatrix.importer import Coverage, import_file, import_text
from qlmatrix.importer.coverage import EXPLAINED_AT_LEAST, measure
from qlmatrix.importer.reading import text_lines
from qlmatrix.span import Span

from .test_import_combinations import EXAMPLES, documents

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "import").iterdir())


def _gold(document: Path) -> dict:
    tasks = json.loads((DATA / "import_gold" / f"{document.stem}.json").read_text(encoding="utf-8"))["tasks"]
    return {task: (tuple(roles["lead"]), frozenset(roles["support"])) for task, roles in tasks.items()}


def _exact_share(text: str, gold: dict) -> float:
    found = {task.id: (tuple(task.units(Role.LEAD)), frozenset(task.units(Role.SUPPORT)))
             for task in resolve(import_text(text).plan).tasks}
    return sum(found.get(task) == roles for task, roles in gold.items()) / len(gold)


def shuffled(lines: list[str]) -> list[str]:
    kept = [line for line in lines if line.strip()]
    random.Random(0).shuffle(kept)
    return kept


def joined(lines: list[str]) -> list[str]:
    return ["".join(line.strip() for line in lines)]


def joined_by_blanks(lines: list[str]) -> list[str]:
    return [" ".join(line.strip() for line in lines if line.strip())]


_SERIAL_CELL = re.compile(r"^\s*\d{1,3}\s*\|?\s*$")


def without_serials(lines: list[str]) -> list[str]:
    """The table without its 序号 column: the header cell and every row's number gone."""
    out = []
    for line in lines:
        if _SERIAL_CELL.match(line) or line.strip() in ("序号", "序号 |"):
            continue
        out.append(re.sub(r"^\s*(?:\d{1,3}|序号)\s*\|\s*", "", line))
    return out


def rewrapped(lines: list[str], width: int = 11) -> list[str]:
    text = "".join(line.strip() for line in lines)
    return [text[start:start + width] for start in range(0, len(text), width)]


def paired(lines: list[str]) -> list[str]:
    kept = [line.strip() for line in lines if line.strip()]
    return [" ".join(kept[start:start + 2]) for start in range(0, len(kept), 2)]


DAMAGE = {"shuffled": shuffled, "joined": joined, "joined-by-blanks": joined_by_blanks, "no-serials": without_serials,
          "rewrapped": rewrapped, "paired": paired}


def _damaged(name: str, damage: str) -> str:
    return "\n".join(DAMAGE[damage]((DATA / "import" / name).read_text(encoding="utf-8").split("\n")))


@pytest.mark.parametrize("document", FIXTURES, ids=[document.name for document in FIXTURES])
def test_every_fixture_is_explained_and_the_import_stays_quiet(document):
    result = import_file(document)
    assert not result.coverage.doubtful, result.coverage
    assert result.coverage.share >= EXPLAINED_AT_LEAST
    assert "I012" not in [diagnostic.code for diagnostic in result.diagnostics]
    assert "注意" not in result.text.split("\n\n")[0]


def test_damaged_copies_whose_plan_is_wrong_are_flagged_and_none_whose_plan_is_right():
    flagged_wrong = wrong = flagged_right = 0
    for document in FIXTURES:
        original = document.read_text(encoding="utf-8").split("\n")
        for damage, make in DAMAGE.items():
            text = "\n".join(make(original))
            if damage == "no-serials" and text == "\n".join(original):
                continue  # no table
            doubtful = import_text(text).coverage.doubtful
            if _exact_share(text, _gold(document)) < 0.8:
                wrong += 1
                flagged_wrong += doubtful
            elif damage != "shuffled":  # a shuffled copy read right holds its items out of order: flagged rightly
                flagged_right += doubtful
    assert flagged_right == 0
    # 393 of 550 when the bounds were chosen (the rest: a task lost with its units, or only its id wrong)
    assert flagged_wrong >= 0.55 * wrong, (flagged_wrong, wrong)


@pytest.mark.parametrize(("name", "damage", "reason"), [
    ("cell-continuation.txt", "no-serials", "explained"),  # rows run into each other: cells of units left over
    ("each-leads.txt", "joined", "explained"),  # one task holds the units of five notes
    ("category-column.txt", "rewrapped", "assigned"),  # a table cut at another width: no task has roles
    ("conventions.txt", "shuffled", "order"),
    ("area-labels.txt", "joined", "numbers"),  # `2.推进登记管理改革`: the items were not cut apart
])
def test_a_damaged_copy_is_flagged_for_what_went_wrong(name, damage, reason):
    text = _damaged(name, damage)
    result = import_text(text, source=name)
    assert reason in result.coverage.reasons, result.coverage
    assert _exact_share(text, _gold(DATA / "import" / name)) < 0.8  # and the plan is indeed wrong
    assert result.diagnostics[0].code == "I012"


def test_the_header_says_so_at_the_top_with_the_figures_and_the_lines_not_explained():
    result = import_text(_damaged("cell-continuation.txt", "no-serials"), source="copy.txt")
    coverage = result.coverage
    header = result.text.split("\n")
    assert header[0] == "# 由 qlm import 导入：copy.txt"
    assert header[2].startswith(f"# 注意：导入的计划可能与原文不符：原文{coverage.role_words}次提及分工用语，"
                                f"{coverage.passages}处分工表述中{coverage.explained}处对应到了任务")
    quoted = [line for line in header if line.startswith("# - 原文第")][:len(coverage.unexplained)]
    assert quoted == [f"# - 原文第{line}行：{excerpt}" for line, excerpt in coverage.unexplained]
    assert result.diagnostics[0].span.line == coverage.unexplained[0][0]


def test_qlm_import_warns_on_stderr_before_the_passages_not_understood(tmp_path, capsys):
    document = tmp_path / "copy.txt"
    document.write_text(_damaged("cell-continuation.txt", "no-serials"), encoding="utf-8")
    assert main(["--lang", "en", "import", str(document)]) == 0
    err = capsys.readouterr().err.splitlines()
    coverage = import_file(document).coverage
    assert err[0].startswith(f"{document}:{coverage.unexplained[0][0]}: the plan may not follow this document: its text "
                             f"names roles {coverage.role_words} times and holds {coverage.passages} passages")
    assert err[1] == f"{document}:{coverage.unexplained[0][0]}: not attached to a task: {coverage.unexplained[0][1]}"
    assert any(line.startswith("  help: the document may be laid out in a form the import does not read") for line in err)
    assert main(["--lang", "zh", "import", str(DATA / "import" / "cell-continuation.txt")]) == 0
    assert "原文不符" not in capsys.readouterr().err


def test_a_note_broken_over_lines_is_one_passage_and_a_rule_or_a_header_is_none():
    lines = text_lines("一、任务\n（一）甲事项。（甲局牵头，\n乙局配合）\n（二）乙事项。（首位单位为牵头单位，下同）\n"
                       "序号 | 事项 | 牵头单位 | 配合单位\n1 | 丙事项 | 丙局 | 丁局\n")
    plan = Plan(title="t", items=[Section(title="任务", number="一", span=Span("t", 1, 1, 1, 1), items=[
        Task(title="甲事项", number="(一)", span=Span("t", 2, 1, 2, 1),
             assignments=[Assignment(Role.LEAD, "甲局"), Assignment(Role.SUPPORT, "乙局")])])])
    coverage = measure(lines, plan)
    # the broken note (line 2), and the row's cells 丙局 and 丁局 (line 6), which 甲事项 does not hold
    assert (coverage.passages, coverage.explained) == (3, 1)
    assert coverage.unexplained == ((6, "丙局"), (6, "丁局"))


def test_leads_that_read_as_prose_and_numbers_that_go_back_are_counted():
    def task(number: str, lead: str) -> Task:
        return Task(title="事项", number=number, assignments=[Assignment(Role.LEAD, lead)])

    plan = Plan(title="t", items=[task("1.", "市甲局"), task("2.", "推进全市数字政府建设"), task("(一)", "市乙局"),
                                  task("5.", "市丙局"), task("3.", "市丁局"), task("6.", "市戊局做好统筹协调。")])
    coverage = measure(text_lines("无\n"), plan)
    assert (coverage.tasks, coverage.implausible) == (6, 2)
    assert (coverage.numbered, coverage.out_of_order) == (6, 1)  # 3. after 5.; (一) after 2. is another count
    assert coverage.reasons == ("leads",)  # one number in six back is not enough; two leads in six are
    assert coverage.numbers_in_titles == 0


def test_titles_holding_item_numbers_are_counted_not_years_or_figures():
    def task(title: str) -> Task:
        return Task(title=title, assignments=[Assignment(Role.LEAD, "市甲局")])

    titles = ["2.推进登记管理改革", "（3）完善机制", "方案一、推进改革(一)放宽准入", "落实2031.5版标准", "增长3.5%以上",
              "落实第(一)项要求"]
    coverage = measure(text_lines("无\n"), Plan(title="t", items=[task(title) for title in titles]))
    assert (coverage.items, coverage.numbers_in_titles) == (6, 3)


def test_a_document_that_names_roles_with_no_task_assigned_is_in_doubt_and_one_without_any_is_not():
    assert import_text("某市工作方案\n各单位要落实责任，由牵头部门负责统筹。\n").coverage.reasons == ("assigned",)
    assert not import_text("某市工作方案\n一、总体要求\n坚持统筹推进。\n").coverage.doubtful


def test_the_result_carries_the_figures_whether_or_not_in_doubt():
    result = import_text("一、总体要求\n（一）加强组织领导。（责任单位：市委办公室、市纪委监委）\n")
    assert isinstance(result.coverage, Coverage)
    assert (result.coverage.passages, result.coverage.explained, result.coverage.share) == (1, 1, 1.0)
    assert not result.coverage.doubtful and result.coverage.unexplained == ()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_documents_the_generator_draws_and_the_import_reads_stay_quiet(document):
    text, _, _ = document
    assert not import_text(text).coverage.doubtful, text
