"""`qlm export --format json`: the documented schema, and values that mean what they say."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import qlmatrix

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "qlmatrix" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", ["xianning-gaoxin.qlm", "xiangyang.qlm"])
def test_examples_export_validates_against_the_schema(example):
    data = json.loads(qlmatrix.to_json(qlmatrix.load(ROOT / "examples" / example)))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["units"] and data["tasks"]


def test_schema_rejects_a_wrong_shape():
    data = json.loads(qlmatrix.to_json(qlmatrix.loads("单位 A\n任务 x (责任单位:A)")))
    data["tasks"][0]["lead"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_export_values():
    plan = qlmatrix.loads(
        "计划 P { 依据: 咸发〔2021〕12号 }\n单位 党工委\n单位 纪监委 { 全称: 高新区纪监委; 上级: 党工委 }\n"
        "章 二、政治生态 {\n  任务 (一) 政治建设 (责任单位:党工委、纪监委) { 频次: 每半年至少一次 }\n}\n"
        "汇报 纪监委 -> 党工委 { 频次: 每年; 时限: 年底 }\n", "p.qlm")
    data = json.loads(qlmatrix.to_json(plan))
    assert data["basis"] == "咸发〔2021〕12号"
    assert data["units"][1] == {
        "name": "纪监委", "full_name": "高新区纪监委", "aliases": [], "parent": "党工委", "level": None,
        "levels": [], "kind": None, "collective": False, "where": {"file": "p.qlm", "line": 3, "column": 4},
    }
    task = data["tasks"][0]
    assert (task["id"], task["lead"], task["support"], task["section"]) == ("二(一)", "党工委", ["纪监委"], "二")
    assert task["cadence"] == {"text": "每半年至少一次", "period": "half-year", "min_count": 1, "due": None, "vague": False}
    assert data["reports"][0]["due"]["due"] == "year-end"


def test_json_keeps_chinese_readable():
    assert "纪监委" in qlmatrix.to_json(qlmatrix.loads("单位 纪监委"))


def _schema_fields(node, found):
    if isinstance(node, dict):
        for key in node.get("properties", {}):
            found.add(key)
        for value in node.values():
            _schema_fields(value, found)
    return found


def test_every_schema_field_is_documented():
    doc = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    missing = sorted(field for field in _schema_fields(SCHEMA, set()) if f"`{field}`" not in doc)
    assert missing == []
