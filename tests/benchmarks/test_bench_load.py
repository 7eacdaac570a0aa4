"""Reading and checking a plan, and the references of docs/performance.md (lark's bare parse, PyYAML)."""

from __future__ import annotations

import lark
import pytest
import yaml

from qlmatrix import dumps
from qlmatrix.checks import run_checks
from qlmatrix.export import plan_to_dict
from qlmatrix.gen import generate
from qlmatrix.parser import read_file
from qlmatrix.parser.grammar import grammar_path


def test_load(benchmark, sample):
    result = benchmark(read_file, sample.path)
    assert result.ok or result.plan is not None


def test_check(benchmark, sample):
    found = benchmark(run_checks, sample.plan)
    assert found  # the generator plants a few problems


def test_load_and_check(benchmark, sample):
    def load_and_check():
        result = read_file(sample.path)
        return run_checks(result.plan)

    assert benchmark(load_and_check)


def test_reference_lark_bare_parse(benchmark, sample):
    """Target 1's yardstick: lark's default LALR parse of the same text, same grammar, no model."""
    parser = lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr")
    tree = benchmark(parser.parse, sample.text)
    assert tree.data == "start"


@pytest.fixture(scope="module")
def yaml_text(sample):
    return yaml.dump(plan_to_dict(sample.plan), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def test_reference_pyyaml_c_loader(benchmark, sample, yaml_text):
    """Target 2's yardstick: what a YAML-based RACI tool does before any checking."""
    data = benchmark(yaml.load, yaml_text, Loader=yaml.CSafeLoader)
    assert len(data["tasks"]) == len(list(sample.plan.tasks()))


def test_generate(benchmark, sample):
    text = benchmark(lambda: dumps(generate(len(list(sample.plan.tasks())), seed=0)))
    assert text == sample.text
