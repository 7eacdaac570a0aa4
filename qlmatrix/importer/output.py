"""The imported plan as .qlm text: canonical layout plus provenance and the report as comments."""

from __future__ import annotations

from ..diagnostics.messages import render_message
from ..model import Note, Plan, Section, Task
from ..writer import Comments, write_plan
from .build import Built
from .coverage import Coverage, coverage_diagnostic
from .guard import one_line

#: Generated Chinese text uses full-width punctuation (，：；（）), as every message of qlmatrix does.
_HOW = {"running": "分工据正文推断，请核对", "labels": "分工见原文标注行",
        "groups": "原文此项有多处分工括注，按括注拆为多项任务", "section": "本部分的分工，其下各项沿用",
        "parent": "此项有自己的分工，其下各项另有分工"}


class ImportComments(Comments):
    def __init__(self, built: Built, source_name: str, unit_word: str, coverage: Coverage | None = None):
        self.built = built
        self.source_name = source_name
        self.unit_word = unit_word  # 行 for text, 段 for Word paragraphs
        self.coverage = coverage

    def where(self, line: int) -> str:
        return f"原文第{line}{self.unit_word}"

    def leading(self, node: object) -> list[str]:
        if isinstance(node, Plan):
            return self.header()
        if isinstance(node, Section) and node.span is not None:
            intro = self.built.section_intros.get((node.span.line, node.title), [])
            return [f"# 引言: {text}" for text in intro]
        return []

    def trailing(self, node: object) -> str | None:
        if not isinstance(node, (Task, Section, Note)) or node.span is None:
            return None
        line = node.span.line
        how = self.built.notes.get((line, node.title), "")
        if how.startswith("inherited:"):
            extra = f"；分工沿用{self.where(int(how.split(':')[1]))}“下同”"
        else:
            extra = f"；{_HOW[how]}" if how in _HOW else ""
        return f"# {self.where(line)}{extra}"

    def header(self) -> list[str]:
        built = self.built
        lines = [f"# 由 qlm import 导入：{self.source_name}", *self.doubt()]
        if built.doc_number:
            lines.append(f"# 原文文号：{built.doc_number}")
        if built.rule_line:
            line, note = built.rule_line
            lines.append(f"# 牵头规则：{self.where(line)}“{note}”")
        else:
            lines.append("# 牵头规则：原文未说明，按惯例以列第一位的单位为牵头单位")
        lines.append("# 各项后的“原文第N行”为其在原文中的位置。")
        if built.problems:
            lines += ["#", f"# 未能识别的分工 {len(built.problems)} 处，请对照原文补全："]
            for problem in built.problems:
                lines.append(f"# - {self.where(problem.line)}：{problem.excerpt}（{problem.reason.zh}）")
        return [one_line(line) for line in lines] + [""]


    def doubt(self) -> list[str]:
        """The verdict at the top, when the reading is in doubt (I012): its figures and the first lines not explained."""
        coverage = self.coverage
        if coverage is None or not coverage.doubtful:
            return []
        message = render_message(coverage_diagnostic(coverage, self.source_name), "zh")
        lines = ["#", f"# 注意：{message}。请对照原文逐项核对。"]
        if coverage.unexplained:
            lines.append("# 未对应到任务的分工表述（前几处）：")
            lines += [f"# - {self.where(line)}：{excerpt}" for line, excerpt in coverage.unexplained]
        return [*lines, "#"]


def write_imported(built: Built, comments: ImportComments, keywords: str = "zh") -> str:
    return write_plan(built.plan, keywords, comments)
