"""Property: whole plan documents drawn from every convention at once, each axis independently, import back
to the assignments written into them.

The other property tests each cover one convention with a generator of its own. Real documents fail where
conventions meet: a known convention in a variant (another label word, another character for the same number
mark, a half-width colon), or two conventions in one document. This module draws each axis on its own:

- numbering: the part's (`一、`, `一﹑`, `一．`, `一。`, none) and the items' (`（一）`, `(一)`, `1.`, `1．`, `1、`, `1﹒`,
  `１．`, `（1）`, `⑴`, `①`, `1。`);
- the form of each item's assignment: a verb note `（A、B负责）` (the lead rule stated once in the first or not),
  labels in a bracket of any kind, label lines under the item (blank lines between or not, each ending `。`
  or not), a sentence `由X牵头，A、B配合。`, 主办/协办, a star or a `（牵头）` mark on the lead; an item of several
  notes each closing its sentences (a note perhaps wrapped to the next line's start); a title naming the lead
  (`X牵头的工作`) over its text and a line of supporting units;
- the label words (lead, support, responsible, the leader in charge), with qualifiers (`牵头考核单位`, `责任地区`,
  `牵头单位（部门）`);
- separators and the width of `,:;()`, and a second label run on after the lead with nothing between;
- unit names of any ending (the pools of tests/test_import_properties.py), collectives holding separators;
- a deadline inside the note or on a line after it; a site's text before and after the passage, page numbers;
- the layout: as written, indented, wrapped at a page width of 24-40 characters, or a whole document on one line
  with its paragraphs apart by a space, a U+3000 or two blanks (a copy that lost its line breaks).

The gold is written as the document is. `QLM_COMBINATIONS_EXAMPLES` sets how many documents one run draws
(the suite's default run is short; a heavy run is `QLM_COMBINATIONS_EXAMPLES=2000 HYPOTHESIS_PROFILE=explore`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix import Role, resolve
from qlmatrix.importer import import_text
from qlmatrix.importer.units import looks_like_unit

from .test_import_properties import BODIES, TITLES, any_names

EXAMPLES = int(os.environ.get("QLM_COMBINATIONS_EXAMPLES", "120"))

CN = "一二三四五六七八九十"
FULL_DIGITS = "０１２３４５６７８９"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
PARENTHESISED_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽"

#: How a part is numbered: the mark after 一 (None: the items stand without parts).
PART_MARKS = [None, "、", "﹑", "．", "、", "。"]
#: How an item is numbered: (its number as written, its number in the task's id).
ITEM_SCHEMES = {
    "cn-wide": (lambda n: f"（{CN[n - 1]}）", lambda n: f"({CN[n - 1]})"),
    "cn-narrow": (lambda n: f"({CN[n - 1]})", lambda n: f"({CN[n - 1]})"),
    "dot": (lambda n: f"{n}.", str),
    "wide-dot": (lambda n: f"{n}．", str),
    "comma": (lambda n: f"{n}、", str),
    "small-dot": (lambda n: f"{n}﹒", str),
    "full-digits": (lambda n: f"{FULL_DIGITS[n]}．", str),
    "paren-wide": (lambda n: f"（{n}）", lambda n: f"({n})"),
    "paren-narrow": (lambda n: f"({n})", lambda n: f"({n})"),
    "parenthesised": (lambda n: PARENTHESISED_DIGITS[n - 1], lambda n: f"({n})"),
    "circled": (lambda n: CIRCLED[n - 1], lambda n: f"({n})"),
    "ideographic-stop": (lambda n: f"{n}。", str),  # `1。`: a copy whose full-width conversion reached the dot
}

#: Label words for the lead, the supporting units, the units responsible (the first listed leads, or, beside
#: a lead label, they support) and the leader in charge (a person).
LEAD_LABELS = ["牵头单位", "牵头部门", "牵头责任单位", "牵头考核单位", "主责单位", "主办单位", "牵头实施单位", "主要责任单位",
               "牵头单位（部门）", "牵头单位(部门)", "牵头处室", "主办处室", "牽頭單位", "区级牵头单位", "牵头落实单位"]
SUPPORT_LABELS = ["配合单位", "配合部门", "协同责任单位", "协同单位", "参与单位", "协办单位", "协作单位", "配合责任单位",
                  "其他责任单位", "配合处室", "協辦單位", "参加单位", "协助单位", "配合落实单位"]
RESPONSIBLE_LABELS = ["责任单位", "责任部门", "落实单位", "责任主体", "实施单位", "承办单位", "责任单位（部门）", "责任科室",
                      "責任單位", "主体责任单位", "落实部门", "负责单位", "责任地区", "责任区域"]
#: Label words a copy may run on after the last unit of the label before (`…X配合单位:Y`): the plain ones, a role word
#: and an organ word, not those read by their structure (which may open with any word).
RUN_ON_LABELS = ["配合单位", "配合部门", "协同单位", "参与单位", "协办单位", "配合处室", "协助单位", "责任单位", "责任部门",
                 "落实单位", "实施单位", "責任單位", "责任单位（部门）"]
LEADER_LABELS = ["责任领导", "牵头领导", "分管领导", "牵头负责领导", "联系领导", "分管市领导", "包保领导", "市级责任领导"]
LEADERS = ["王某", "李明", "张某某"]

#: Brackets a note may be written in.
BRACKETS = [("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")]
#: Collectives, holding separators of their own.
COLLECTIVES = ["各县(市、区)人民政府", "各区、县级市", "各乡镇人民政府", "相关市、县政府", "各有关单位", "市直各有关单位"]
#: Deadlines a note or a line may carry: not units.
DUES = ["6月底完成", "2031年底前完成", "年底前完成", "持续推进", "长期坚持", "每季度报送一次进展", "2031年6月底前"]
#: A site's text around the passage, as a copy of a web page keeps it.
SITE_BEFORE = [["首页 > 政务公开 > 通知公告", "发布时间：2031-03-15 来源：市政府办公室 浏览次数：128", "【字体：大 中 小】"],
               ["当前位置：首页>>政策文件", "索引号：11000-2031-00012  发布日期：2031年3月15日"]]
SITE_AFTER = [["【打印本页】 【关闭窗口】", "上一篇：关于开展安全生产检查的通知"],
              ["扫一扫在手机打开当前页", "主办：某市人民政府办公室  网站标识码：1100000001"]]

#: Item schemes under which sub-items `（1）…` may stand (a rank above theirs).
SUB_ITEM_SCHEMES = ("cn-wide", "cn-narrow", "dot", "wide-dot", "comma", "small-dot", "full-digits")
#: Marks a label line's last character so the next item's number is written straight after it.
RUN_IN = "\x00"
FORMS = ["verb", "labels", "lines", "sentence", "host", "star", "mark", "verbs", "closed", "spaced", "leader-note",
         "groups", "titled"]
#: Sentences of an item that holds several notes, each closing the sentences before it (`…。（A负责）…。（B负责）`).
GROUP_SENTENCES = ["能耗强度下降13%。", "用水总量控制在1.8亿立方米以内。", "森林覆盖率达到46%。", "新增就业2.5万人以上。"]
#: How the document's lines are laid out: as written, indented, wrapped at a page width, run together on one line
#: (`QLM_COMBINATIONS_LAYOUTS=wrap,spaces` draws only those named, to look at one layout in a heavy run).
LAYOUTS = [name for name in os.environ.get("QLM_COMBINATIONS_LAYOUTS", "").split(",")
           if name in ("plain", "indent", "wrap", "spaces")] or ["plain", "plain", "indent", "wrap", "spaces"]
#: What a copy that lost its line breaks leaves between paragraphs: a space, a U+3000 (an indent), two spaces.
BLANKS = [" ", " ", "\u3000", "  ", " \u3000\u3000", "\u2003\u2003", "\u00a0"]
#: The blanks a line is indented with: U+3000, spaces, and the typographic blanks a copy may use instead
#: (em spaces, no-break spaces: importer/blanks.py).
INDENTS = ["\u3000\u3000", "  ", "    ", "\u2003\u2003", "\u2002\u2002", "\u00a0\u00a0", "\u00a0\u00a0\u00a0\u00a0"]
#: Page numbers a PDF copy leaves between the items.
PAGE_NUMBERS = ["- 2 -", "—3—", "第2页 共5页", "4"]


def _note(draw, form: str, lead: str, supports: list[str], collective: str | None, first: bool,
          rule_said: list[bool]) -> tuple[str, list[str], tuple[tuple[str, ...], list[str]]]:
    """(text after the item's sentence, lines after the item, (leads, supports)) for one task."""
    wide = draw(st.booleans())
    colon = "：" if draw(st.booleans()) else ":"
    comma = draw(st.sampled_from(["，", ","])) if draw(st.integers(0, 3)) == 0 else "，" if wide else ","
    semi = draw(st.sampled_from(["；", ";", "，", ","]))
    o, c = draw(st.sampled_from(BRACKETS))
    if form in ("verb", "host", "verbs") and o in "[【":
        o, c = "（", "）"  # a verb note is written in parentheses
    if any("(" in name or "（" in name for name in [lead, *supports]) and o in "(（":
        o, c = "[", "]"  # documents write a note whose names hold parentheses in square brackets
    rest = list(supports) + ([collective] if collective else [])
    everyone = [lead, *rest]
    due = draw(st.one_of(st.none(), st.sampled_from(DUES)))
    due_in = f"{comma}{due}" if due and form not in ("lines", "sentence") else ""
    gold = ((lead,), rest)
    if form == "verb":
        rule = ""
        if first and draw(st.booleans()):
            rule = comma + draw(st.sampled_from(["列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门，下同",
                                                 f"排名第一的为牵头单位{comma}下同", f"首位单位为牵头单位{comma}下同"]))
            rule_said.append(True)
        listed = "、".join([lead, *supports]) + ("等" if supports and draw(st.booleans()) else "")
        if collective:
            listed += comma + collective
        verb = draw(st.sampled_from(["负责", "按职责分工负责", "負責", "按照职责分工负责", "共同负责"]))
        return f"{o}{listed}{verb}{rule}{due_in}{c}", [], gold
    if form == "labels":
        if rest and draw(st.booleans()):
            support_label = draw(st.sampled_from(SUPPORT_LABELS + RESPONSIBLE_LABELS))
            # `(牵头单位:X;责任单位:A,B,C)`: with `;` between the roles, `,` may stand between the units
            joiner = draw(st.sampled_from(["、", comma])) if semi in "；;" and not collective else "、"
            trailing = draw(st.sampled_from(["", "等", "等有关单位"])) if not collective and joiner == "、" else ""
            if support_label in RUN_ON_LABELS and draw(st.integers(0, 3)) == 0:
                semi = ""  # `(牵头单位:X配合单位:Y)`: the second label run on after the lead, nothing between
            text = (f"{draw(st.sampled_from(LEAD_LABELS))}{colon}{lead}{semi}{support_label}{colon}{joiner.join(rest)}"
                    f"{trailing}")
        else:
            text = f"{draw(st.sampled_from(RESPONSIBLE_LABELS))}{colon}{'、'.join(everyone)}"
        return f"{o}{text}{due_in}{c}", [], gold
    if form == "lines":
        stop = "。" if draw(st.booleans()) else ""
        lines = []
        if draw(st.booleans()):
            lines.append(f"{draw(st.sampled_from(LEADER_LABELS))}{colon}{draw(st.sampled_from(LEADERS))}{stop}")
        if rest and draw(st.booleans()):
            lines.append(f"{draw(st.sampled_from(LEAD_LABELS))}{colon}{lead}{stop}")
            lines.append(f"{draw(st.sampled_from(SUPPORT_LABELS + RESPONSIBLE_LABELS))}{colon}{'、'.join(rest)}{stop}")
        else:
            lines.append(f"{draw(st.sampled_from(RESPONSIBLE_LABELS))}{colon}{'、'.join(everyone)}{stop}")
        if due:
            lines.append(f"完成时限{colon}2031年{draw(st.integers(3, 12))}月底前{stop}")
        return "", lines, gold
    if form == "sentence":
        tail = f"{comma}{'、'.join(rest)}配合" if rest else ""
        line = f"由{lead}牵头负责{tail}。"
        return ("", [line], gold) if draw(st.booleans()) else (line, [], gold)
    if form == "closed":  # labels closed by brackets, no colon: `【牵头单位】X【配合单位】Y`
        if rest:
            return f"【{draw(st.sampled_from(LEAD_LABELS[:8]))}】{lead}【{draw(st.sampled_from(SUPPORT_LABELS))}】{'、'.join(rest)}", [], gold
        return f"【{draw(st.sampled_from(RESPONSIBLE_LABELS[:6]))}】{lead}", [], gold
    if form == "spaced" and rest:  # labels apart by spaces only
        return (f"{o}{draw(st.sampled_from(LEAD_LABELS))}{colon}{lead}  {draw(st.sampled_from(SUPPORT_LABELS))}{colon}"
                f"{'、'.join(rest)}{c}"), [], gold
    if form in ("leader-note", "spaced"):  # the leader in charge first, inside the note
        leader = f"{draw(st.sampled_from(LEADER_LABELS))}{colon}{draw(st.sampled_from(LEADERS))}{semi}"
        support = f"{semi}{draw(st.sampled_from(SUPPORT_LABELS))}{colon}{'、'.join(rest)}" if rest else ""
        return f"{o}{leader}{draw(st.sampled_from(LEAD_LABELS))}{colon}{lead}{support}{due_in}{c}", [], gold
    if form == "host":
        tail = f"{comma}{'、'.join(rest)}协办" if rest else ""
        return f"{o}{lead}主办{tail}{due_in}{c}", [], gold
    if form == "verbs":
        verb = draw(st.sampled_from(["配合", "协助", "参与", "按职责分工配合", "配合落实"]))
        tail = f"{comma}{'、'.join(rest)}{verb}" if rest else ""
        by = "由" if draw(st.booleans()) else ""
        return f"{o}{by}{lead}{draw(st.sampled_from(['牵头', '牵头负责']))}{tail}{due_in}{c}", [], gold
    # star / mark: the lead is marked wherever it is listed
    order = list(supports)
    at = draw(st.integers(0, len(order)))
    star = draw(st.sampled_from(["★", "*", "＊"]))
    if form == "star":
        marked = f"{star}{lead}" if draw(st.booleans()) else f"{lead}{star}"
    else:
        marked = lead + draw(st.sampled_from(["（牵头）", "(牵头)"]))
    order.insert(at, marked)
    listed = "、".join(order) + (f"{comma}{collective}" if collective else "")
    return f"{o}{draw(st.sampled_from(RESPONSIBLE_LABELS))}{colon}{listed}{due_in}{c}", [], gold


def _groups(draw, number: str, task: str, pool: list[str], running: list[str]):
    """An item of several notes, each closing the sentences before it (a note perhaps wrapped to the start of the
    next line): one task a group, `task-1`, `task-2`."""
    lines = [f"{number}{draw(st.sampled_from(TITLES))}。"]
    expected = {}
    sentences = draw(st.permutations(GROUP_SENTENCES))  # each group says something else
    for group in range(1, draw(st.integers(2, 3)) + 1):
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        o, c = ("[", "]") if any("(" in name or "（" in name for name in chosen) else draw(st.sampled_from(BRACKETS[:2]))
        if len(chosen) > 1 and draw(st.booleans()):
            note = f"{o}{chosen[0]}牵头，{'、'.join(chosen[1:])}配合{c}"
        else:
            note = f"{o}{'、'.join(chosen)}{draw(st.sampled_from(['负责', '按职责分工负责']))}{c}"
        lines[-1] += sentences[group - 1]
        if draw(st.booleans()):
            lines.append(note)  # the note wrapped to the next line's start
        else:
            lines[-1] += note
        expected[f"{task}-{group}"] = ((chosen[0],), frozenset(chosen[1:]))
    return lines, expected


def _titled(draw, number: str, task: str, pool: list[str], running: list[str]):
    """`（二）X牵头的工作` / its text / `协同单位：A、B。`: the title names the lead, a label line the supporting units."""
    lead = draw(st.sampled_from(running))
    supports = draw(st.lists(st.sampled_from([name for name in pool if name != lead]), max_size=3, unique=True))
    lines = [f"{number}{lead}{draw(st.sampled_from(['牵头的工作', '负责的工作', '牵头工作']))}"]
    if body := draw(st.sampled_from(BODIES)):
        lines.append(body)
    if supports:
        # (beside the title's lead a 责任单位 line supports, as beside a 牵头单位 line)
        lines.append(f"{draw(st.sampled_from(SUPPORT_LABELS + RESPONSIBLE_LABELS))}{draw(st.sampled_from(['：', ':']))}"
                     f"{'、'.join(supports)}"
                     f"{draw(st.sampled_from(['。', '']))}")
    return lines, {task: ((lead,), frozenset(supports))}


@st.composite
def documents(draw):
    pool = draw(st.lists(any_names, min_size=3, max_size=8, unique=True))
    running = [name for name in pool if looks_like_unit(name)]
    part_mark = draw(st.sampled_from(PART_MARKS))
    scheme = draw(st.sampled_from(sorted(ITEM_SCHEMES)))
    written, in_id = ITEM_SCHEMES[scheme]
    blank_between = draw(st.booleans())
    lines: list[str] = []
    if draw(st.booleans()):
        lines += draw(st.sampled_from(SITE_BEFORE))
    lines += ["某市2031年重点工作任务分工方案", "", "为抓好各项重点工作落实，现将任务分工如下。"]
    expected: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    rule_said: list[bool] = []
    first = True
    axes = [f"part:{part_mark}", f"items:{scheme}"]
    for part in range(draw(st.integers(1, 3)) if part_mark else 1):
        prefix = ""
        if part_mark:
            lines.append(f"{CN[part]}{part_mark}{draw(st.sampled_from(TITLES))}")
            prefix = CN[part]
        for number in range(1, draw(st.integers(1, 4)) + 1):
            form = draw(st.sampled_from(FORMS))
            if form in ("sentence", "verbs", "host") and len(running) < 1:
                form = "labels"
            names = running if form in ("sentence",) else pool
            chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
            collective = draw(st.one_of(st.none(), st.none(), st.sampled_from(COLLECTIVES)))
            if form in ("star", "mark") and len(chosen) < 2:
                form = "labels"
            axes.append(f"form:{form}")
            if form in ("groups", "titled"):
                if form == "titled" and not running:
                    form = "groups"
                item_lines, item_expected = (_groups if form == "groups" else _titled)(
                    draw, written(number), prefix + in_id(number), pool, running)
                lines += item_lines
                expected.update(item_expected)
                if blank_between:
                    lines.append("")
                continue
            note, after, (leads, supports) = _note(draw, form, chosen[0], chosen[1:], collective, first, rule_said)
            first = False
            body = draw(st.sampled_from(BODIES))
            # (two sub-items at least: the one sub-item under an item keeps a note on the next line, docs/importing.md)
            subs = draw(st.sampled_from([0, 0, 2, 3])) if scheme in SUB_ITEM_SCHEMES and note and not after \
                and note[0] in "(（[【〔" and form != "closed" else 0  # the note a bracket on its own line
            if subs:  # sub-items on lines of their own, then the note on its own line: the note is the item's
                axes.append("sub-items")
                lines.append(f"{written(number)}{draw(st.sampled_from(TITLES))}")
                lines += [f"（{k}）{draw(st.sampled_from(TITLES))}，{BODIES[0]}" for k in range(1, subs + 1)]
                lines.append(note)
            else:
                lines.append(f"{written(number)}{draw(st.sampled_from(TITLES))}。{body}{note}")
            if after and blank_between and draw(st.booleans()):
                after = [line for label in after for line in ("", label)]
            # (`…县乙办2。…`, `…县乙办三。…`: `1。` is read after a note's bracket or at a line's start only, `一。` at a
            # line's start only, since `…统一。` ends sentences; docs/importing.md)
            if form == "lines" and not blank_between and part_mark != "。" and scheme != "ideographic-stop" \
                    and draw(st.integers(0, 4)) == 0:
                axes.append("label-runs-in")  # the last label line runs into the next item's number
                after = [*after[:-1], after[-1].rstrip("。") + RUN_IN]
            lines += after
            if blank_between:
                lines.append("")
            if draw(st.integers(0, 5)) == 0:
                axes.append("page-number")
                lines.append(draw(st.sampled_from(PAGE_NUMBERS)))
            expected[prefix + in_id(number)] = (leads, frozenset(supports))
    if draw(st.booleans()):
        lines += [""] + draw(st.sampled_from(SITE_AFTER))
    # a label line running into the next item: the line break before the number is lost
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].endswith(RUN_IN) and line not in PAGE_NUMBERS:
            joined[-1] = joined[-1][: -len(RUN_IN)] + line
        else:
            joined.append(line)
    lines = [line.replace(RUN_IN, "") for line in joined]
    layout = draw(st.sampled_from(LAYOUTS))
    axes.append(f"layout:{layout}")
    if layout == "indent":  # in any blank a copy indents with: U+3000, spaces, em spaces, no-break spaces
        lines = [draw(st.sampled_from(INDENTS)) + line if line else line for line in lines]
    elif layout == "wrap":  # a PDF's page width (公文 28 characters a line), or a web copy's narrower or wider one
        width = draw(st.integers(24, 40))
        page_break = draw(st.booleans())  # a blank line where a note was cut (a page break inside it)
        axes.append(f"page-break:{page_break}")
        lines = [piece for line in lines for piece in _wrap(line, width, page_break)]
    elif layout == "spaces":  # a copy that lost its line breaks: paragraphs apart by a blank of any kind
        blanks = [draw(st.sampled_from(BLANKS)) for line in lines if line]
        return "".join(blank + line for blank, line in zip(blanks, [line for line in lines if line])).lstrip(
            "".join(BLANKS)) + "\n", expected, axes
    return "\n".join(lines) + "\n", expected, axes


#: Punctuation a typeset line never starts with (it hangs at the end of the line before).
_NO_LINE_START = "，。、；：？！,.;:?!)）]】〕》”’．﹒﹑"
#: Punctuation a typeset line never ends with (it goes down to the next line).
_NO_LINE_END = "(（[【〔《“‘"


def _wrap(line: str, width: int, page_break: bool = False) -> list[str]:
    """`line` broken at the page width, as a PDF copy breaks it, closing punctuation kept at a line's end; with
    `page_break`, a blank line before the piece that closes a bracket an earlier piece opened (`…（牵头部` / `` /
    `门：X）`)."""
    pieces, cursor = [], 0
    while len(line) - cursor > width:
        end = cursor + width
        while end < len(line) and line[end] in _NO_LINE_START:
            end += 1
        while end - 1 > cursor and line[end - 1] in _NO_LINE_END:
            end -= 1
        pieces.append(line[cursor:end])
        cursor = end
    pieces = [*pieces, line[cursor:]] if cursor < len(line) or not pieces else pieces
    if not page_break:
        return pieces
    out, depth = [], 0
    for index, piece in enumerate(pieces):
        out.append(piece)
        depth += _bracket_depth(piece)
        if depth > 0 and index + 1 < len(pieces) and _bracket_depth(pieces[index + 1]) < 0 and "" not in out:
            out.append("")
    return out


def _bracket_depth(text: str) -> int:
    return sum(map(text.count, "(（[【〔")) - sum(map(text.count, ")）]】〕"))


def _roles(text: str) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    result = import_text(text)
    assert qlmatrix.loads(result.text) == result.plan
    return {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}


#: Failure classes the generator found, each fixed by a general mechanism (docs/importing.md, the combinatorial
#: generator): written out so that every run keeps them.
FOUND = [
    # a label word outside the fixed lists, read by its structure (落实 + 单位, 区级 + 协作 + 部门, 实施 + 主体)
    ("某县分工方案\n一、重点任务\n1.完善工作机制。（落实单位：县甲局、县乙办）\n2.优化政务服务。（牵头单位：县丙委；区级协作部门：县丁所）\n"
     "3.强化监督检查。\n包保领导：王某\n实施主体：县戊站、县甲局\n",
     {"一1": (("县甲局",), frozenset({"县乙办"})), "一2": (("县丙委",), frozenset({"县丁所"})),
      "一3": (("县戊站",), frozenset({"县甲局"}))}, []),
    # `⑴`, `⒉`: a number written as one character is the same number as `(1)`, `2.`
    ("某县分工方案\n一、重点任务\n⑴完善工作机制。（县甲局负责）\n⑵优化政务服务。（县乙办负责）\n二、保障措施\n⒈加强组织领导。（县丙委负责）\n",
     {"一(1)": (("县甲局",), frozenset()), "一(2)": (("县乙办",), frozenset()), "二1": (("县丙委",), frozenset())}, []),
    # a label with an aside after a comma (`,责任单位（部门）:`) starts a label of its own
    ("某县分工方案\n一、重点任务\n1.完善工作机制。[牵头部门:县甲局,责任单位（部门）:县乙办、县丙委,年底前完成]\n",
     {"一1": (("县甲局",), frozenset({"县乙办", "县丙委"}))}, []),
    # a label opened by a word before its role word (`主体责任单位`), read by its structure
    ("某县分工方案\n一、重点任务\n1.完善工作机制。\n主体责任单位：县甲局、县乙办。\n",
     {"一1": (("县甲局",), frozenset({"县乙办"}))}, []),
    # a clause that says how often (`每季度报送一次进展`) is the task's cadence, never a unit
    ("某县分工方案\n一、重点任务\n1.完善工作机制。（县甲局牵头，县乙办配合，每季度报送一次进展）\n"
     "2.优化政务服务。[责任单位：县丙委、县甲局,每月报送进展]\n",
     {"一1": (("县甲局",), frozenset({"县乙办"})), "一2": (("县丙委",), frozenset({"县甲局"}))}, []),
    # a bracketed note on its own line after sub-items (`[负责单位:X]`) is a note, not a label line, and belongs to
    # the item above them; a site's lines after the passage (`【打印本页】`, `扫一扫…`) are not the last item's text
    ("首页 > 政务公开 > 通知公告\n某县分工方案\n一、重点任务\n1.完善工作机制\n（1）建立台账，逐项推进。\n（2）完善制度，提升质效。\n"
     "[负责单位:县甲局(牵头)、县乙办]\n【打印本页】 【关闭窗口】\n扫一扫在手机打开当前页\n",
     {"一1": (("县甲局",), frozenset({"县乙办"}))}, []),
    # `- 2 -` is a page number, not a Markdown list mark before `2 -` that a wrapped line goes on with
    ("某县2031年重点工作任务分工方案\n为抓好各项重点工作落实，现将任务分工如下。\n①加强组织领导。建立健全工作台账，逐项推进落实。"
     "[县甲局(丙丁委)负责]\n- 2 -\n",
     {"(1)": (("县甲局(丙丁委)",), frozenset())}, []),
    # a label's units running into the next part numbered `二．` (a part closed by a full stop, inside a line)
    ("某县分工方案\n一．重点任务\n1、完善工作机制。\n牵头单位：县甲局\n配合单位：县乙办、县直各有关单位二．保障措施\n"
     "1、加强组织领导。（县丙委负责）\n",
     {"一1": (("县甲局",), frozenset({"县乙办", "县直各有关单位"})), "二1": (("县丙委",), frozenset())}, []),
    # lines wrapped at a page width inside a note: a bracket opened and not closed goes on (`【主` / `责单位】`,
    # a line ending `配合单位：` inside `[…`, a line starting with a label word inside the bracket), a closed label
    # at a line's end (`【实施单位】` / `X`), a label after the sentence that the wrap cut
    ("某县2031年重点工作任务分工方案\n\n为抓好各项重点工作落实，现将任务分工如下。\n一、重点任务\n"
     "1.完善工作机制。建立健全工作台账，逐项推进落实。【主\n责单位】县甲局(丙丁委)【协办单位】县乙办\n"
     "(丙丁委)、县丙委\n2.优化政务服务。完善相关制度，提升工作质效。[区级牵\n头单位：县乙办(丙丁委)，配合单位：\n"
     "县丙委]\n3.强化监督检查。完善相关制度，提升工作质效。（主要\n责任单位:县丙委  参加单位:县甲局(丙丁委)）\n"
     "4.推进数据共享。完善相关制度，提升工作质效。【实施单位】\n县甲局(丙丁委)\n",
     {"一1": (("县甲局(丙丁委)",), frozenset({"县乙办(丙丁委)", "县丙委"})),
      "一2": (("县乙办(丙丁委)",), frozenset({"县丙委"})), "一3": (("县丙委",), frozenset({"县甲局(丙丁委)"})),
      "一4": (("县甲局(丙丁委)",), frozenset())}, []),
    # an item of several notes whose last note stands on a line of its own after a sibling with a note of its own
    # (`（责任部门：X）`: a label, no verb): the note is the item's last group, not one note for the part above
    ("某县分工方案\n一、重点任务\n①完善工作机制。建立健全工作台账。（责任部门:县甲局）\n②优化政务服务。能耗强度下降13%。"
     "（县乙办负责）用水总量控制在1.8亿立方米以内。\n（县丙委(丁所)负责）\n",
     {"一(1)": (("县甲局",), frozenset()), "一(2)-1": (("县乙办",), frozenset()),
      "一(2)-2": (("县丙委(丁所)",), frozenset())}, []),
    # a title naming its lead over its text (a name holding a bracket, a quoted word), with or without a label line
    # of supporting units; items numbered `1。`, one after a note's bracket in a line run together
    ("某县分工方案\n一、重点任务\n1。县甲局(丁所)牵头的工作\n建立健全工作台账，逐项推进落实。\n协同单位：县乙办、县丙委。\n"
     "2。“一一”县丙委负责的工作\n完善相关制度。\n3。加强组织领导。（县乙办负责）4。强化监督检查。（县丙委牵头，县甲局(丁所)配合）\n",
     {"一1": (("县甲局(丁所)",), frozenset({"县乙办", "县丙委"})), "一2": (("“一一”县丙委",), frozenset()),
      "一3": (("县乙办",), frozenset()), "一4": (("县丙委",), frozenset({"县甲局(丁所)"}))}, []),
    # round eight, one line: paragraphs apart by blanks of any kind cut before `①`/`(1)` as before `1.`, never inside
    # a bracket whose labels spaces part; page numbers between them taken out; a label's units running into `（2）`
    ("某县分工方案 一、重点任务\u3000①完善工作机制。（县甲局负责） - 2 -  ②优化政务服务。[牵头单位：县乙办  配合单位：县丙委] "
     "二、保障措施 （1）加强组织领导。责任单位：县丙委、县甲局（2）强化督查。（县乙办负责） 4\n",
     {"一(1)": (("县甲局",), frozenset()), "一(2)": (("县乙办",), frozenset({"县丙委"})),
      "二(1)": (("县丙委",), frozenset({"县甲局"})), "二(2)": (("县乙办",), frozenset())}, []),
    # round eight, wrapped: a note the wrap put on a line of its own after items that assign themselves is the last
    # item's; a full line ending in a closing quote or a name's brackets goes on; a blank at the break parts labels
    ("某县2031年重点工作任务分工方案\n为抓好各项重点工作落实，现将任务分工如下。\n一、重点任务\n"
     "1.完善工作机制。建立健全工作台账，逐项推进落实。\n[县甲局主办，县乙办协办]\n"
     "2.优化政务服务。完善相关制度，提升工作质效。\n[责任部门：县丙委]\n"
     "3.强化监督检查。由县乙办牵头负责，县甲局、县“三农”\n服务中心配合。\n"
     "4.推进数据共享。由县丙委牵头负责，县乙办、县丁所(甲办)\n配合。\n"
     "5.加强组织领导。[牵头单位：县甲局(丙丁委)  \n配合单位：县乙办]\n",
     {"一1": (("县甲局",), frozenset({"县乙办"})), "一2": (("县丙委",), frozenset()),
      "一3": (("县乙办",), frozenset({"县甲局", "县“三农”服务中心"})),
      "一4": (("县丙委",), frozenset({"县乙办", "县丁所(甲办)"})),
      "一5": (("县甲局(丙丁委)",), frozenset({"县乙办"}))}, []),
    # round nine: a page break (a blank line) inside a note cut by the wrap, in a verb note, in a label closed by
    # brackets after the item's sentence (`【配合单` / `` / `位】Y`), and items indented with em spaces
    ("某市2031年重点工作任务分工方案\n为抓好各项重点工作落实，现将任务分工如下。\n一、加强组织领导\n"
     "\u2003\u2003(一)加强组织领导。建立健全工作台账，逐项推进落\n实。（市丁丁\n\n联负责）\n"
     "\u2003\u2003(二)加强组织领导。【牵头单位】市丁丁联【配合单\n\n位】市丁联\n- 2 -\n"
     "\u00a0\u00a0(三)加强组织领导。（牵头单位：市丙委\u00a0\u00a0配合单位：市丁联）\n",
     {"一(一)": (("市丁丁联",), frozenset()), "一(二)": (("市丁丁联",), frozenset({"市丁联"})),
      "一(三)": (("市丙委",), frozenset({"市丁联"}))}, []),
    # round nine: labels apart by the blanks at the end of the line before the page break (`X  ` / `` / `配合单位：Y`)
    ("某县分工方案\n一、重点任务\n1、加强组织领导。（牵头单位:“一一”县丁联  \n\n配合单位:县丁联）\n- 2 -\n"
     "2、加强组织领导。（责任领导:王某；牵头单位:县丁联；配合单位:县\n\n冬联）\n",
     {"一1": (("“一一”县丁联",), frozenset({"县丁联"})), "一2": (("县丁联",), frozenset({"县冬联"}))}, []),
    # round nine: a figure that a wrap put at a line's start (`…控制在` / `1.8亿立方米…`) is no first item 1. under (二)
    ("某市2031年重点工作任务分工方案\n\n为抓好各项重点工作落实，现将任务分工如下。\n一、加强组织领导\n(一)市丁联牵头的工作\n"
     "建立健全工作台账，逐项推进落实。\n(二)加强组织领导。新增就业2.5万人以上。[市\n丁联、市丁联(甲办)、市丙联负责]用水总量控制在\n"
     "1.8亿立方米以内。（市丁联负责）\n",
     {"一(一)": (("市丁联",), frozenset()), "一(二)-1": (("市丁联",), frozenset({"市丁联(甲办)", "市丙联"})),
      "一(二)-2": (("市丁联",), frozenset())}, []),
    # round nine: a note on a line of its own between items (further items after it, one titled by its lead
    # before it) is the item's before it, never the part's above them all; PDF page numbers between the items
    ("某市2031年重点工作任务分工方案\n\n为抓好各项重点工作落实，现将任务分工如下。\n一、加强组织领导\n(一)市丁联牵头的工作\n"
     "建立健全工作台账，逐项推进落实。\n(二)加强组织领导。完善相关制度，提升工作质效。\n（责任单位:市丁联）\n- 2 -\n"
     "(三)加强组织领导。建立健全工作台账，逐项推进落\n实。（市丁联负责）\n- 2 -\n二、加强组织领导\n"
     "(一)加强组织领导。建立健全工作台账，逐项推进落\n实。（市丁联负责）\n",
     {"一(一)": (("市丁联",), frozenset()), "一(二)": (("市丁联",), frozenset()), "一(三)": (("市丁联",), frozenset()),
      "二(一)": (("市丁联",), frozenset())}, []),
    # round nine: a sub-item titled by its lead assigns itself, so the note on a line of its own after the last
    # sub-item is that one's, not the part's
    ("某市2031年重点工作任务分工方案\n\n为抓好各项重点工作落实，现将任务分工如下。\n一、加强组织领导\n①市丁联牵头的工作\n"
     "建立健全工作台账，逐项推进落实。\n②加强组织领导。建立健全工作台账，逐项推进落实。\n（市丁联负责）\n- 2 -\n二、加强组织领导\n"
     "①加强组织领导。建立健全工作台账，逐项推进落实。\n（市丁联负责）\n",
     {"一(1)": (("市丁联",), frozenset()), "一(2)": (("市丁联",), frozenset()), "二(1)": (("市丁联",), frozenset())}, []),
    # round nine: a figure a wrap put at a line's start (`…控制在` / `1.8亿立方米以内`) is no item `1.`
    ("某市2031年重点工作任务分工方案\n"
     "\n"
     "为抓好各项重点工作落实，现将任务分工如下。\n"
     "一、加强组织领导\n"
     "①“一一一一”市丁联牵头的工作\n"
     "建立健全工作台账，逐项推进落实。\n"
     "②加强组织领导。建立健全工作台账，逐项推进落实。\n"
     "（“一一一一”市丁联负责）\n"
     "二、加强组织领导\n"
     "①加强组织领导。建立健全工作台账，逐项推进落实。\n"
     "（“一一一一”市丁联负责）\n"
     "- 2 -\n"
     "②加强组织领导。建立健全工作台账，逐项推进落实。\n"
     "（“一一一一”市丁联负责）\n"
     "- 2 -\n"
     "③加强组织领导。建立健全工作台账，逐项推进落实。\n"
     "（“一一一一”市丁联负责）\n"
     "④加强组织领导。能耗强度下降13%。（“一一一一”\n"
     "市丁联负责）森林覆盖率达到46%。\n"
     "（“一一一一”市丁联按职责分工负责）用水总量控制在\n"
     "1.8亿立方米以内。（“一一一一”市丁联负责）\n",
     {task: (("“一一一一”市丁联",), frozenset())
      for task in ("一(1)", "一(2)", "二(1)", "二(2)", "二(3)", "二(4)-1", "二(4)-2", "二(4)-3")}, []),
]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
@example(FOUND[0])
@example(FOUND[1])
@example(FOUND[2])
@example(FOUND[3])
@example(FOUND[4])
@example(FOUND[5])
@example(FOUND[6])
@example(FOUND[7])
@example(FOUND[8])
@example(FOUND[9])
@example(FOUND[10])
@example(FOUND[11])
@example(FOUND[12])
@example(FOUND[13])
@example(FOUND[14])
@example(FOUND[15])
def test_documents_of_every_convention_combined_give_back_their_assignments(document):
    text, expected, _ = document
    assert _roles(text) == expected, text
