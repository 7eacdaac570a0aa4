"""Diagrams that print on A4: measured shapes, the split option, and labels that cannot be misread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.cli import main
from qlmatrix.render import a4, diagram_parts
from qlmatrix.render.a4 import LEGIBLE_SCALE, MAX_ASPECT, a4_scale
from qlmatrix.render.engine import run_dot
from qlmatrix.render.linebreak import CLOSING, OPENING

ROOT = Path(__file__).resolve().parent.parent
XIANNING, XIANGYANG = ROOT / "examples" / "xianning-gaoxin.qlm", ROOT / "examples" / "xiangyang.qlm"
#: (plan, diagram, split): what each example prints as. 襄阳's responsibility diagram is a
#: strip of 13 sections and carriers, so it prints one part per section.
PRINTED = [(XIANNING, "org", "none"), (XIANNING, "responsibility", "none"),
           (XIANGYANG, "org", "none"), (XIANGYANG, "responsibility", "section")]


def svg_size(source: str) -> tuple[float, float]:
    return a4.svg_size(run_dot(source, "svg")[0].decode())


@pytest.mark.graphviz
@pytest.mark.parametrize("path,view,split", PRINTED, ids=[f"{p.stem}-{v}-{s}" for p, v, s in PRINTED])
def test_each_diagram_prints_legibly_on_one_a4_page(path, view, split):
    parts = diagram_parts(qlmatrix.load(path), view, split=split)
    for name, source in parts:
        width, height = svg_size(source)
        aspect = max(width, height) / min(width, height)
        scale = a4_scale(width, height)
        assert scale >= LEGIBLE_SCALE, (name, width, height, scale)
        # Shape: near A4 either way up, unless it is small enough to print as it is (a short section).
        assert aspect <= MAX_ASPECT or scale == 1.0, (name, width, height, aspect)


@pytest.mark.graphviz
def test_xiangyang_in_one_piece_would_not_be_legible():
    # Why 襄阳 splits: measured 481 x 2689 pt in one piece (5.6 : 1), a scale of 0.28 on A4.
    (_, source), = diagram_parts(qlmatrix.load(XIANGYANG), "responsibility")
    assert a4_scale(*svg_size(source)) < LEGIBLE_SCALE


def test_split_gives_a_part_per_section_or_carrier():
    parts = diagram_parts(qlmatrix.load(XIANGYANG), "responsibility", split="section")
    names = [name for name, _ in parts]
    assert names[3:10] == ["清廉机关", "清廉企业", "清廉学校", "清廉医院", "清廉村居", "清廉家庭", "清廉文化"]
    assert names[2] == "二、树立正确的选人用人导向至四、持续优化发展环境"  # neighbours with no unit, together
    # Each part draws only its own units: 清廉企业's lead, its supporters and 会同.
    企业 = dict(parts)["清廉企业"]
    assert "市国资委党委" in 企业 and "市委直属机关工委" not in 企业
    assert "责任分工图：清廉企业" in 企业
    with pytest.raises(ValueError, match="only the responsibility diagram"):
        diagram_parts(qlmatrix.load(XIANGYANG), "org", split="section")


def test_qlm_diagram_split_writes_numbered_files(tmp_path, capsys):
    out = tmp_path / "resp.dot"
    assert main(["diagram", str(XIANGYANG), "--split", "section", "-o", str(out), "--allow-errors"]) == 0
    written = sorted(tmp_path.glob("resp-*.dot"), key=lambda path: int(path.stem.split("-")[1]))
    assert [path.name for path in written] == [f"resp-{n}.dot" for n in range(1, 12)]
    assert "清廉机关" in written[3].read_text(encoding="utf-8")
    assert not out.exists()
    assert main(["diagram", str(XIANGYANG), "--split", "section", "--format", "svg", "--allow-errors"]) == 2
    assert "-o" in capsys.readouterr().err


def org_source(path: Path) -> str:
    return diagram_parts(qlmatrix.load(path), "org")[0][1]


def test_self_oversight_is_a_mark_on_the_unit_not_a_loop():
    source = org_source(XIANNING)
    assert not re.search(r"^\s*(u\d+) -> \1 ", source, re.M)  # no self-loop whose label lands elsewhere
    assert re.search(r'u\d+ \[label="纪监委\\n高新区纪监委\\n※监督自身", [^]]*peripheries="2"', source)
    assert '<FONT COLOR="#C00000">※</FONT> 监督自身（监督者即牵头单位）' in source  # and the legend says so


def test_the_responsibility_diagram_marks_self_oversight_too():
    (_, source), = diagram_parts(qlmatrix.load(XIANNING), "responsibility")
    assert re.search(r'u\d+ \[label="纪监委\\n高新区纪监委\\n※监督自身", [^]]*peripheries="2"', source)
    assert "监督自身（监督者即牵头单位）" in source


def test_a_report_from_a_role_reference_starts_beside_its_recipient():
    source = org_source(XIANGYANG)
    assert re.search(r"\{rank=same; leads; u\d+;\}", source)
    leads = [line for line in source.splitlines() if "leads" in line and "->" in line]
    assert len(leads) == 1 and leads[0].strip().startswith("leads -> ")  # no line to each lead unit


def test_collectives_with_no_relation_are_named_not_floating():
    source = org_source(XIANGYANG)
    assert "未画出（与图中单位无上下级、汇报或监督关系）：纪检监察机关、其他责任单位、相关配合单位" in source.replace("<BR/>", "")
    assert 'label="其他责任单位"' not in source


def test_a_single_level_is_no_stray_line():
    source = org_source(XIANGYANG)
    assert 'label="市纪委监委派驻机构\\n市纪委监委相关派驻机构"' in source
    assert 'label="各级党委\\n各级党委(党组)\\n市·县·乡·村"' in source  # several levels still shown


def label_lines(source: str) -> list[str]:
    lines = []
    for text in re.findall(r'label="((?:[^"\\]|\\.)*)"', source):
        lines += text.split("\\n")
    for text in re.findall(r"<FONT[^>]*>([^<]*(?:<BR/>[^<]*)*)</FONT>", source):
        lines += text.split("<BR/>")
    for text in re.findall(r'<TD PORT="t\d+"[^>]*>(.*?)</TD>', source):
        lines += re.sub(r"</?FONT[^>]*>", "", text).split("<BR/>")
    return [line for line in lines if line]


@pytest.mark.parametrize("path", [XIANNING, XIANGYANG], ids=["xianning-gaoxin", "xiangyang"])
def test_labels_keep_the_line_breaking_rules(path):
    plan = qlmatrix.load(path)
    sources = [org_source(path)] + [source for _, source in diagram_parts(plan, "responsibility", split="section")]
    for source in sources:
        for line in label_lines(source):
            assert line[0] not in CLOSING and line[-1] not in OPENING, line
        titles = re.findall(r'<FONT POINT-SIZE="18">([^<]*)</FONT>', source)
        assert titles and all(len(title) > 2 for title in titles), titles  # no 图 alone on a line
    carrier = dict(diagram_parts(plan, "responsibility", split="section")).get("清廉企业", "")
    assert "特别是<BR/>“一把手”" in carrier or path is XIANNING


@pytest.mark.graphviz
def test_qlm_render_also_writes_the_parts_of_a_diagram_too_big_for_a4(tmp_path, capsys):
    assert main(["render", str(XIANGYANG), "-o", str(tmp_path / "xy"), "--allow-errors"]) == 0
    parts = sorted((tmp_path / "xy").glob("responsibility-*.svg"), key=lambda path: int(path.stem.split("-")[1]))
    assert [path.name for path in parts] == [f"responsibility-{n}.svg" for n in range(1, 12)]
    assert (tmp_path / "xy" / "responsibility.svg").exists()  # the one piece stays, for the screen
    assert all(a4.legible_on_a4(path.read_text(encoding="utf-8")) for path in parts)
    assert {f"responsibility-{n}.{fmt}" for n in range(1, 12) for fmt in ("dot", "png")} <= {
        path.name for path in (tmp_path / "xy").iterdir()}
    # 咸宁's fits one page: no parts.
    assert main(["render", str(XIANNING), "-o", str(tmp_path / "xn"), "--allow-errors"]) == 0
    assert not list((tmp_path / "xn").glob("responsibility-*"))


@pytest.mark.graphviz
def test_qlm_render_writes_a_diagram_too_big_for_dot_in_parts_only(tmp_path, capsys, monkeypatch):
    """Above `ONE_PIECE_TASKS` (2,000: a 10,000-task plan ran into dot's 300 s and ended with an error,
    no parts written) the one piece is written as DOT alone, said so, and the parts are drawn."""
    from qlmatrix.cli import render

    monkeypatch.setattr(render, "ONE_PIECE_TASKS", 5)  # 襄阳 has more: it stands for a plan of 10,000
    capsys.readouterr()
    assert main(["--lang", "en", "render", str(XIANGYANG), "-o", str(tmp_path / "xy"), "--allow-errors"]) == 0
    written = {path.name for path in (tmp_path / "xy").iterdir()}
    assert "responsibility.dot" in written and "org.svg" in written
    assert not {"responsibility.svg", "responsibility.png"} & written
    assert {f"responsibility-{n}.{fmt}" for n in range(1, 12) for fmt in ("dot", "svg", "png")} <= written
    err = capsys.readouterr().err
    assert "too big for one picture" in err and "written in 11 parts" in err
    assert main(["--lang", "zh", "render", str(XIANGYANG), "-o", str(tmp_path / "zh"), "--allow-errors"]) == 0
    assert "一张图画不下" in capsys.readouterr().err


def test_qlm_diagram_refuses_a_whole_picture_too_big_for_dot_at_once(tmp_path, capsys, monkeypatch):
    """`qlm diagram` of a 10,000-task plan as SVG waited 300 s for dot and then failed. Above
    `ONE_PIECE_TASKS` it now says at once why and what to do, and writes nothing; the DOT text is
    still written, and the org chart drawn."""
    from qlmatrix.cli import render

    # The one limit `qlm render` decides by as well (`fits_one_piece`). 襄阳 has more: it stands for 10,000.
    monkeypatch.setattr(render, "ONE_PIECE_TASKS", 5)
    out = tmp_path / "whole.svg"
    capsys.readouterr()
    assert main(["--lang", "en", "diagram", str(XIANGYANG), "-o", str(out), "--allow-errors"]) == 2
    err = capsys.readouterr().err
    assert "too big for one picture" in err and "--split section" in err and "--format dot" in err
    assert not out.exists()
    assert main(["--lang", "zh", "diagram", str(XIANGYANG), "-o", str(out), "--allow-errors"]) == 2
    assert "一张图画不下" in capsys.readouterr().err
    assert main(["diagram", str(XIANGYANG), "-o", str(tmp_path / "whole.dot"), "--allow-errors"]) == 0
    assert (tmp_path / "whole.dot").read_text(encoding="utf-8").startswith("digraph")
    # The org chart is not the responsibility diagram: drawn as before.
    assert main(["diagram", str(XIANGYANG), "--view", "org", "-o", str(tmp_path / "org.dot"), "--allow-errors"]) == 0
