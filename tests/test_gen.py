"""`qlm gen`: a synthetic plan that is realistic, deterministic, and a fair test of the fast parser."""

from __future__ import annotations

import random
import subprocess
import sys

import attrs
import pytest

import qlmatrix
from qlmatrix import Role, SectionKind
from qlmatrix.cli import main
from qlmatrix.gen import chinese_number, generate
from qlmatrix.parser import fast, read_text


@pytest.fixture(scope="module")
def plan():
    return generate(1200, seed=7)


def test_the_same_seed_gives_the_same_text_and_another_seed_another():
    first = qlmatrix.dumps(generate(300, seed=1))
    assert qlmatrix.dumps(generate(300, seed=1)) == first
    assert qlmatrix.dumps(generate(300, seed=2)) != first


def test_sizes_are_as_asked(plan):
    assert sum(1 for _ in plan.tasks()) == 1200
    assert len(generate(50, units=90, seed=3).units) == 90


def test_the_text_reads_back_as_the_same_plan(plan):
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan


def test_the_plan_has_what_real_plans_have(plan):
    numbers = {section.number[:1] for section in plan.sections() if section.number}
    assert {"一", "("} <= numbers  # 一、 and (一) sections
    assert {task.number[:1] for task in plan.tasks()} >= {"("}  # (1) items under 1. sections
    levels = {unit.level for unit in plan.units if not unit.collective}
    assert levels == {"市", "县", "乡", "村"}
    assert any(unit.collective for unit in plan.units)
    assert all(unit.parent is not None for unit in plan.units[1:] if not unit.collective)
    roles = {a.role for item in (*plan.tasks(), *plan.sections()) for a in item.assignments}
    assert roles == set(Role)
    assert any(section.kind is SectionKind.CARRIER for section in plan.sections())
    cadences = [task.cadence for task in plan.tasks() if task.cadence is not None]
    assert any(c.vague for c in cadences) and any(not c.vague for c in cadences)
    assert any(report.target is None for report in plan.reports())  # a deliberate gap
    text = qlmatrix.dumps(plan)
    assert "(责任单位:" in text and "  牵头: " in text  # both the annotation and the block form


def test_the_deliberate_problems_are_found(plan):
    found = qlmatrix.check(plan)
    typo = [d for d in found if d.code == "E101"]
    assert typo and typo[0].help_args == {"suggestion": "市纪委监委"}
    assert any(d.code == "E103" for d in found)  # a duplicate task id
    tasks = list(plan.tasks())
    assert any(not task.assignments for task in tasks)
    assert any(len(task.units_in(Role.LEAD)) > 1 for task in tasks)
    assert any(set(task.units_in(Role.LEAD)) & set(task.units_in(Role.OVERSEE)) for task in tasks)


def test_a_few_problems_not_thousands(plan):
    assert len(qlmatrix.check(plan)) < len(list(plan.tasks())) // 10


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 10, 12, 20, 105, 110, 999)] == [
        "一", "十", "十二", "二十", "一百零五", "一百一十", "九百九十九"]


def test_cli_writes_the_file_and_says_nothing_off_a_terminal(tmp_path, capsys):
    out = tmp_path / "plan.qlm"
    assert main(["gen", "--tasks", "40", "--seed", "5", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert out.read_text(encoding="utf-8") == qlmatrix.dumps(generate(40, seed=5))
    assert main(["gen", "--tasks", "40", "--seed", "5"]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_cli_refuses_too_few_units(capsys):
    assert main(["gen", "--tasks", "10", "--units", "5"]) == 2
    assert "at least 30" in capsys.readouterr().err


def test_cli_rejects_a_non_number():
    with pytest.raises(SystemExit) as raised:
        main(["gen", "--tasks", "many"])
    assert raised.value.code == 2


def test_qlm_gen_runs_as_a_command(tmp_path):
    out = tmp_path / "p.qlm"
    done = subprocess.run([sys.executable, "-m", "qlmatrix", "gen", "--tasks", "20", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
    assert qlmatrix.load(out) == generate(20)


# The fast parse path (qlmatrix/parser/fast.py) must be indistinguishable from lark's: same plan,
# same positions, same diagnostics, on generated plans and on copies of them with damage.

def _both_ways(text: str):
    quick = read_text(text, "t.qlm")
    engine = fast.engine
    fast.engine = lambda: None  # lark's own parse and a Transformer, as before the fast path
    try:
        slow = read_text(text, "t.qlm")
    finally:
        fast.engine = engine
    return quick, slow


def _damaged(text: str, rng: random.Random) -> str:
    chars = list(text)
    alphabet = list("{}｛｝;；:：、，,()（）\"#＃ \n\t→->一二1.责任单位任务章单位牵头汇报")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars) + 1)
        if rng.random() < 0.4 and chars:
            del chars[min(at, len(chars) - 1)]
        else:
            chars.insert(at, rng.choice(alphabet))
    return "".join(chars)


def test_the_fast_parse_agrees_with_lark():
    assert fast.engine() is not None, "the fast path is off: check lark's version"
    rng = random.Random(0)
    texts = [qlmatrix.dumps(generate(25, seed=seed), keywords) for seed, keywords in ((1, "zh"), (2, "en"))]
    cases = texts + [_damaged(rng.choice(texts), rng) for _ in range(150)]
    for text in cases:
        quick, slow = _both_ways(text)
        assert quick.diagnostics == slow.diagnostics
        assert [d.span for d in quick.diagnostics] == [d.span for d in slow.diagnostics]
        assert (quick.plan is None) == (slow.plan is None)
        if quick.plan is not None:
            assert attrs.asdict(quick.plan) == attrs.asdict(slow.plan)  # spans included
