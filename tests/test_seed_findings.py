"""The two seed plans give exactly the findings their documents call for, and nothing else.

Each finding is explained in docs/checks.md ("What the seed plans lack").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qlmatrix.cli.check import check_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# 一(一) 指导思想 and 一(二) 主要目标 are written as `说明` (passages that are not tasks): no W201 for them.
XIANNING = [
    ("W304", 37),  # 二(一): 纪监委 supports a task that it oversees (section 二 is under its supervision)
    ("E303", 40),  # 二(四): 纪监委 leads a task that it oversees
    ("E303", 46),  # 三(一): 纪监委 leads a task that it oversees
    ("W304", 47),  # 三(二): 纪监委 supports a task that it oversees
    ("W304", 48),  # 三(三): 纪监委 supports a task that it oversees
    ("W210", 56),  # 四(一) 加强组织领导: section 四 is under nobody's supervision
    ("W210", 61),  # 四(二) 压实主体责任
    ("W205", 67),  # 四(三) 严格督查问责: 常态化, no frequency or date
    ("W210", 67),  # 四(三): nobody oversees the overseer
    ("W201", 71),  # 四(四) 加大宣传力度: no responsible unit
]

XIANGYANG = [
    ("W201", 48),  # 主要目标: a goal with a date (到“十四五”末) but no unit
    ("W201", 58), ("W201", 59), ("W201", 67),  # measures 1, 2, 4: the interview names them only
    ("W201", 72), ("W201", 73),  # measures 5, 6
    ("W201", 78), ("W201", 79), ("W201", 80),  # measures 7, 8, 9
    ("W201", 85), ("W201", 86), ("W201", 87),  # measures 10, 11, 12
    ("W308", 125),  # 各级党委 -> 上一级党委 by 年底 at every level: 县 cannot include 乡's report
    ("W205", 128),  # 牵头单位定期向领导小组办公室报送: 定期
    ("W201", 136),  # 发挥主流媒体、新媒体的作用: no unit
    ("W202", 140),  # 巡察、日常监督: overseers (各级党委、纪检监察机关) but no lead
]


@pytest.fixture(scope="module")
def findings():
    diagnostics, _, _ = check_paths([str(EXAMPLES)])
    found: dict[str, list] = {}
    for d in diagnostics:
        found.setdefault(Path(d.span.file).name, []).append((d.code, d.span.line))
    return found


def test_xianning_gaoxin(findings):
    assert findings["xianning-gaoxin.qlm"] == XIANNING


def test_xiangyang(findings):
    assert findings["xiangyang.qlm"] == XIANGYANG


def test_carrier_files_are_checked_with_their_plan_and_are_clean(findings):
    carriers = {name: codes for name, codes in findings.items() if name not in ("xianning-gaoxin.qlm", "xiangyang.qlm")}
    assert carriers == {}
    diagnostics, _, files = check_paths([str(EXAMPLES / "xiangyang.qlm")])
    assert files == 1 and all(Path(d.span.file).name == "xiangyang.qlm" for d in diagnostics)
