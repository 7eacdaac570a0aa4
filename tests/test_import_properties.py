"""Property: a document generated in the corpus conventions, imported, gives back its assignments."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix import Role, resolve
from qlmatrix.fmt import format_text
from qlmatrix.importer import import_text
from qlmatrix.importer.columns import cell_kind

# Characters that cannot form a role word (负责, 牵头, 配合, 等, 由, 要 ...) with their neighbours.
NAME_CHARS = "财政审计发展改革教育科技卫生健康民农业水利交通商务文旅自然资源城乡住房"
SUFFIXES = ["局", "委", "办", "部", "厅", "中心"]
PREFIXES = ["市", "区", "省", ""]
CN = "一二三四五六七八九十"
TITLES = ["加强组织领导", "完善工作机制", "推进数据共享", "强化监督检查", "优化政务服务", "健全制度体系"]
BODIES = ["建立健全工作台账，逐项推进落实。", "完善相关制度，提升工作质效。", ""]

unit_names = st.builds(lambda p, core, s: p + core + s, st.sampled_from(PREFIXES),
                       st.text(NAME_CHARS, min_size=2, max_size=5), st.sampled_from(SUFFIXES))


def write_note(style: str, lead: str, supports: list[str], wide: bool) -> tuple[str, list[str]]:
    """The task's assignment in one convention: (text after the body, label lines)."""
    o, c, colon, sep, semi = ("（", "）", "：", "，", "；") if wide else ("(", ")", ":", ",", ";")
    everyone = "、".join([lead, *supports])
    rest = "、".join(supports)
    if style == "responsible":
        return f"{o}责任单位{colon}{everyone}{c}", []
    if style == "lead-support" and supports:
        return f"{o}牵头单位{colon}{lead}{semi}配合单位{colon}{rest}{c}", []
    if style == "lead-comma" and supports:
        return f"{o}牵头单位{colon}{lead}{sep}配合单位{colon}{rest}{c}", []
    if style == "verb":
        return f"{o}{everyone}{'等' * bool(supports)}负责{c}", []
    if style == "brackets":
        return f"【责任单位{colon}{everyone}】", []
    if style == "hexagonal":
        return f"〔责任单位{colon}{everyone}〕", []
    if style == "running":
        tail = f"{sep}{rest}配合" if supports else ""
        return f"{lead}牵头{tail}{sep}确保任务落实。", []
    if style == "running-official":  # the official in charge opens the list: a leader, not a unit
        tail = f"{sep}{rest}配合" if supports else ""
        return f"由周某副县长负责{sep}{lead}牵头{tail}{sep}确保任务落实。", []
    if style == "running-by":  # the item's opening words, then a list opened by 由 (`…整治，由X负责，Y配合。`)
        tail = f"{sep}{rest}配合" if supports else ""
        return f"专项整治{sep}由{lead}负责{tail}。", []
    if style == "lines":
        return "", [f"牵头单位{colon}{lead}"] + ([f"责任单位{colon}{rest}"] if supports else [])
    if style == "spaced" and supports:  # labels apart by spaces only
        return f"{o}牵头单位{colon}{lead}  配合单位{colon}{rest}{c}", []
    if style == "division":  # a leader line, then a line of role verbs
        tail = f"{sep}{rest}配合" if supports else ""
        return "", [f"分管市领导{colon}周某", f"部门分工{colon}{lead}牵头{tail}。"]
    if style.startswith("each:") and supports:  # every unit leads its own part: 分别牵头 in the plan
        return f"{o}{everyone}{style[len('each:'):]}{c}", []
    return f"{o}责任单位{colon}{everyone}{c}", []


#: How documents say that every unit listed leads its own part.
EACH_VERBS = ["分别负责", "分别牵头", "分别牵头负责", "分别负责落实", "分別負責"]


@st.composite
def documents(draw):
    pool = draw(st.lists(unit_names, min_size=3, max_size=8, unique=True))
    sections = draw(st.integers(1, 3))
    wide = draw(st.booleans())
    crlf = draw(st.booleans())
    lines, expected, separately = ["某市某项工作实施方案", ""], {}, set()
    for s in range(sections):
        lines.append(f"{CN[s]}、{draw(st.sampled_from(TITLES))}")
        for t in range(draw(st.integers(1, 4))):
            chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
            style = draw(st.sampled_from(["responsible", "lead-support", "lead-comma", "verb", "brackets",
                                          "hexagonal", "running", "running-official", "running-by", "lines", "spaced",
                                          "division", "each"]))
            if style == "each":
                style = f"each:{draw(st.sampled_from(EACH_VERBS))}"
            note, label_lines = write_note(style, chosen[0], chosen[1:], wide)
            number = f"（{CN[t]}）" if wide else f"({CN[t]})"
            indent = "\u3000\u3000" if draw(st.booleans()) else ""
            body = draw(st.sampled_from(BODIES))
            lines.append(f"{indent}{number}{draw(st.sampled_from(TITLES))}。{body}{note}")
            lines += label_lines
            if draw(st.booleans()):
                lines.append("")
            if style.startswith("each:") and len(chosen) > 1:
                expected[f"{CN[s]}({CN[t]})"] = (tuple(chosen), frozenset())
                separately.add(f"{CN[s]}({CN[t]})")
            else:
                expected[f"{CN[s]}({CN[t]})"] = ((chosen[0],), frozenset(chosen[1:]))
    text = ("\r\n" if crlf else "\n").join(lines) + "\n"
    return text, expected, separately


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_give_back_their_assignments(document):
    text, expected, separately = document
    result = import_text(text.encode("gb18030") if len(text) % 2 else text)
    resolved = resolve(result.plan)
    got = {t.id: (tuple(map(str, t.task.units_in(Role.LEAD))), frozenset(map(str, t.task.units_in(Role.SUPPORT))))
           for t in resolved.tasks}
    assert got == expected
    assert {t.id for t in resolved.tasks if t.leads_separately} == separately  # written 分别牵头, E301 silent
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan
    assert format_text(result.text).formatted == result.text


# Unit names of any ending, with and without nested parentheses, in every annotation convention: units are
# recognised by the annotation's structure, not by a list of endings. (Running text, where nothing marks a
# list of units, still needs a name that ends like an organ: see the test above.)

#: Characters that cannot start or form a role word, a verb phrase or a date with their neighbours.
ANY_CHARS = "甲乙丙丁戊己庚辛壬癸侨残联团红十字会网信冬奥组委青妇工科协档案保密史志气象烟草邮政电力港航税务海关金融信访"
ENDINGS = list("联团会委办局部厅司处科队所站馆社院校组室台心区县市乙甲") + ["红十字会", "冬奥组委", "网信办", "侨联", "残联"]
#: One level of parentheses, as real names have it (市交通委（市道运局）); .qlm names hold no deeper nesting.
PARENTHESISED = st.sampled_from(["", "", "(甲办)", "（乙局）", "(丙丁委)"])

#: Role words of documents (协办 = supports, 主办 = leads, ...): `科协` + `办` would spell one, and a
#: name holding a role word is ambiguous in any document (市协办: a unit, or 市 supporting?).
ROLE_WORDS = ("协办", "主办", "牵头", "配合", "负责", "协助", "会同")
any_names = st.builds(lambda p, core, end, paren: p + core + end + paren, st.sampled_from(["市", "区", "团", "北岭", ""]),
                      st.text(ANY_CHARS, min_size=1, max_size=4), st.sampled_from(ENDINGS),
                      PARENTHESISED).filter(lambda name: not any(word in name for word in ROLE_WORDS))
#: A word in quotation marks inside a name, curly or straight (`市“两新”组织党工委`, `区"双创"办`): still one unit.
_QUOTED = st.builds(lambda left_right, word: left_right[0] + word + left_right[1],
                    st.sampled_from([("“", "”"), ('"', '"')]), st.text("两新三农双创五进青年之家最多跑一次", min_size=2, max_size=4))
any_names = st.one_of(any_names, any_names, st.builds(
    lambda name, quoted, at: name[:at % (len(name) + 1)] + quoted + name[at % (len(name) + 1):], any_names, _QUOTED,
    st.integers(0, 6)).filter(lambda name: not any(word in name for word in ROLE_WORDS)))
collectives = st.sampled_from(["各县(市、区)人民政府", "各乡镇人民政府", "各有关部门", "市直各有关单位", "相关市、县政府",
                               "各有关区县人民政府", "有關市、縣政府", "相关县(市、区)人民政府", "各有关区、县人民政府"])


def write_any(style: str, lead: str, supports: list[str], collective: str | None) -> tuple[list[str], str, list[str]]:
    """(label lines or table cells before, note after the body, label lines after) for one task."""
    listed = "、".join(supports)
    everyone = "、".join([lead, *supports])
    tail = f"，{collective}" if collective else ""
    if style == "responsible":
        return [], f"（责任单位：{everyone}{tail}）", []
    if style == "square":
        return [], f"[牵头单位:{lead};责任单位:{listed}{tail}]" if supports or collective else f"[牵头单位:{lead}]", []
    if style == "hexagonal":
        return [], f"〔责任单位：{everyone}{tail}按职责分工负责〕", []
    if style == "verb":
        joined = f"{everyone}等和{collective}" if collective else everyone
        return [], f"（{joined}负责）", []
    if style == "lead-verb":
        rest = "、".join(supports + ([collective] if collective else []))
        return [], f"（{lead}牵头，{rest}配合）" if rest else f"（{lead}牵头）", []
    if style == "leader-lines":
        rest = "、".join(supports) + (("等，" if supports else "") + collective if collective else "")
        return [], "", ["牵头负责领导：王某。", f"牵头责任单位：{lead}。"] + ([f"协同责任单位：{rest}。"] if rest else [])
    if style == "action":  # a role verb followed by what is done: 牵头实施, 配合推进
        rest = "、".join(supports + ([collective] if collective else []))
        return [], f"（由{lead}牵头实施，{rest}配合推进）" if rest else f"（由{lead}牵头实施）", []
    if style == "rule-line":  # the lead rule after the list, then a 时限要求 line
        return [], "", [f"责任单位：{everyone}{tail}（第一责任单位为牵头单位，下同）", "时限要求：持续推进"]
    if style.startswith("words:"):  # label lines of any role word + organ word (牵头科室 / 协办部门 / 其他责任单位)
        lead_word, support_word = style.split(":")[1:]
        rest = "、".join(supports + ([collective] if collective else []))
        return [], "", [f"{lead_word}：{lead}"] + ([f"{support_word}：{rest}"] if rest else [])
    if style == "rule-clause":  # the lead rule as a clause of the label's value
        return [], f"（责任单位：{everyone}{tail}，排在首位的为牵头单位，下同）", []
    if style == "sentence":  # a sentence that does nothing but assign, at the end of the item
        return [], f"由{everyone}{tail}负责落实。", []
    if style == "sentence-line":  # the same sentence on a line of its own, with the roles named
        rest = "、".join(supports + ([collective] if collective else []))
        return [], "", [f"由{lead}牵头负责，{rest}配合。" if rest else f"由{lead}牵头负责。"]
    if style == "star" and supports:  # the lead marked by a star before its name, listed anywhere
        return [], f"（责任单位：{supports[0]}、*{'、'.join([lead, *supports[1:]])}{tail}）", []
    if style == "chain":  # 负责 before the verb that says the role: `A牵头负责；B负责配合落实`
        rest = "、".join(supports + ([collective] if collective else []))
        return [], f"（{lead}牵头负责；{rest}负责配合落实）" if rest else f"（{lead}负责牵头）", []
    if style == "gloss" and collective:  # what the collective covers, after its name: no part of it
        return [], f"（责任单位：{everyone}，{collective}〈含开发区、新区管委会,下同〉）", []
    if style.startswith("cited:"):  # the note opens with the document number it cites: the task's source
        joined = f"{everyone}等和{collective}" if collective else everyone
        return [], f"（{style[len('cited:'):]}，{joined}负责）", []
    if style.startswith("manner:"):  # how they do it between the units and the verb: `B按照职责分工参加`
        manner, verb = style.split(":")[1:]
        rest = "、".join(supports + ([collective] if collective else []))
        return [], f"（{lead}牵头，{rest}{manner}{verb}）" if rest else f"（{lead}{manner}负责）", []
    if style.startswith("due-first:"):  # the deadline first, then labels with a word between role and organ
        due, lead_label, support_label = style.split(":")[1:]
        rest = "、".join(supports + ([collective] if collective else []))
        return [], f"（{due}，{lead_label}：{lead}" + (f"，{support_label}：{rest}）" if rest else "）"), []
    return [], f"（责任单位：{everyone}{tail}）", []


STYLES_ANY = ["responsible", "square", "hexagonal", "verb", "lead-verb", "leader-lines", "action", "rule-line",
              "sentence", "sentence-line", "rule-clause", "words", "star", "chain", "gloss", "manner", "due-first", "cited"]
#: How the units do their part, between them and the role verb (`按职责分工配合`, `等按照职责分工负责`), and the verbs.
MANNERS = st.sampled_from(["按职责分工", "按照职责分工", "按照职责", "依职责", "根据职责", "按各自职责", ""])
MANNER_VERBS = st.sampled_from(["配合", "参加", "参与", "协助", "负责"])
#: A note that starts with its deadline, and labels with a word between the role word and the organ word.
DUES_FIRST = st.sampled_from(["6月底完成", "年底前完成", "持续推进", "9月底取得阶段性成效并持续推进"])
QUALIFIED_LEADS = st.builds(lambda role, word: f"牵头{word}{role}", st.sampled_from(["单位", "部门"]),
                            st.sampled_from(["考核", "实施", "督办", "", "组织实施", "督促落实"]))  # up to four
QUALIFIED_SUPPORTS = st.builds(lambda role, word: f"配合{word}{role}", st.sampled_from(["单位", "部门"]),
                               st.sampled_from(["落实", "实施", ""]))
#: Document numbers a note may cite before its units, as copies write them (one lost its 〕 and 年).
CITED = st.sampled_from(["青发〔2024〕3号", "青政办[2023]15号", "青政〔20237號", "国办发〔2019〕39号", "青发〔2024〕3",
                         "青政办[2023]15", "依据青发〔2024〕7号文件"])  # without its 号, with an opening word
#: How an item's number is closed: `1.`, `1．`, and the small full stop `1﹒` of some copies.
NUMBER_MARKS = st.sampled_from([".", "．", "﹒"])
ORGAN_WORDS = st.sampled_from(["单位", "部门", "处室", "科室", "股室", "机构"])
LEAD_WORDS = st.builds(str.__add__, st.sampled_from(["牵头", "主办", "主责", "主要责任", "牵头责任"]), ORGAN_WORDS)
SUPPORT_WORDS = st.builds(str.__add__, st.sampled_from(["配合", "协办", "协助", "参与", "协同", "其他责任"]), ORGAN_WORDS)


@st.composite
def documents_any_names(draw):
    pool = draw(st.lists(any_names, min_size=3, max_size=8, unique=True))
    lines, expected = ["某县某项工作实施方案", ""], {}
    mark = draw(NUMBER_MARKS)
    for s in range(draw(st.integers(1, 2))):
        # A part may carry the note for all its items (`一、…（X牵头）`): items without a note of their own
        # inherit it, items with one keep theirs.
        part_lead = draw(st.one_of(st.none(), st.sampled_from(pool)))
        part_note = f"（{part_lead}牵头）" if part_lead else ""
        # a part number set apart by blanks alone (`一   标题`) is a heading as `一、` is
        mark_after = "   " if not part_lead and draw(st.booleans()) else "、"
        lines.append(f"{CN[s]}{mark_after}{draw(st.sampled_from(TITLES))}{part_note}")
        for t in range(draw(st.integers(1, 4))):
            if part_lead and draw(st.booleans()):
                lines.append(f"{t + 1}{mark}{draw(st.sampled_from(TITLES))}。{draw(st.sampled_from(BODIES))}")
                expected[f"{CN[s]}{t + 1}"] = ((part_lead,), frozenset())
                continue
            chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            collective = draw(st.one_of(st.none(), collectives))
            style = draw(st.sampled_from(STYLES_ANY))
            if style == "words":
                style = f"words:{draw(LEAD_WORDS)}:{draw(SUPPORT_WORDS)}"
            if style == "manner":
                style = f"manner:{draw(MANNERS)}:{draw(MANNER_VERBS)}"
            if style == "cited":
                style = f"cited:{draw(CITED)}"
            if style == "due-first":
                style = f"due-first:{draw(DUES_FIRST)}:{draw(QUALIFIED_LEADS)}:{draw(QUALIFIED_SUPPORTS)}"
            if style == "square" and any("(" in name or "（" in name for name in chosen):
                style = "responsible"  # `[…]` is how documents write a note whose names hold parentheses, not (…)
            _, note, after = write_any(style, chosen[0], chosen[1:], collective)
            lines.append(f"{t + 1}{mark}{draw(st.sampled_from(TITLES))}。{draw(st.sampled_from(BODIES))}{note}")
            lines += after
            supports = [*chosen[1:], *([collective] if collective else [])]
            expected[f"{CN[s]}{t + 1}"] = ((chosen[0],), frozenset(_written(n) for n in supports))
    return "\n".join(lines) + "\n", expected


def _written(name: str) -> str:
    """A name as the plan keeps it: the document's own, a bare 、 and all (`相关市、县政府` is written
    quoted, `"相关市、县政府"`, and read back as it was)."""
    return name


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_any_names())
def test_unit_names_of_any_ending_are_read_from_the_annotation(document):
    text, expected = document
    result = import_text(text)
    # effective roles, as the 任务分工表 shows them: a part's lead is its items' (an item's own lead overrides it)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_any_names(), st.integers(2, 9), st.sampled_from(["@@", "@@@@", "##"]))
def test_marks_a_copying_site_scattered_through_the_text_change_nothing(document, every, mark):
    text, expected = document
    marked = "".join(char + mark if "\u4e00" <= char <= "\u9fff" and index % every == 0 else char
                     for index, char in enumerate(text))
    result = import_text(marked)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, marked
    assert mark not in result.text


#: Short pieces a role word that ends like an organ (协办, 主办) can be glued to: `市协办` is one unit, or 市 + 协办.
GLUED = st.builds(lambda place, word: place + word, st.sampled_from(["市", "区", "县", "省", "镇"]),
                  st.sampled_from(["协办", "主办"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=1, max_size=3, unique=True), GLUED, st.booleans())
def test_a_name_holding_a_role_word_is_reported_as_ambiguous(names, glued, labelled):
    """Read either way, such a name is never passed over silently: the report names it as ambiguous."""
    listed = "、".join([*names, glued])
    note = f"（责任单位：{listed}）" if labelled else f"（{names[0]}牵头，{glued}）"
    result = import_text(f"一、任务\n1.加强组织领导。{note}\n")
    assert any(glued in problem.excerpt and "歧义" in problem.reason.zh for problem in result.problems), note


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "(" not in n and "（" not in n), min_size=2, max_size=6, unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=5), st.booleans())
def test_a_table_whose_cells_are_apart_by_spaces_gives_back_its_rows(pool, picks, spaced_header):
    """`序号 工 作 任 务 牵头负责部门 配合部门`, then one row a line: the task's cell takes what the others leave."""
    header = "序号 任 务 内 容 牵头负责部门 配合部门" if spaced_header else "序号 工作任务 牵头单位 配合单位"
    lines, expected = ["某市年度指标任务分工", "", header], {}
    for row, (lead, support) in enumerate(picks, start=1):
        lead, support = pool[lead % len(pool)], pool[support % len(pool)]
        if lead == support:
            support = pool[(pool.index(lead) + 1) % len(pool)]
        lines.append(f"{row} {draw_title(row)} {lead} {support}")
        expected[str(row)] = ((lead,), frozenset([support]))
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)


#: How a spaced table's header stands: on its own line, or run on at the end of the notice's one paragraph.
NOTICE_RUN_ON = ("某市人民政府办公室关于分解落实年度工作任务的通知 各镇人民政府,市各委办局: 现将任务下达给你们,请认真组织实施. "
                 "附件:某市年度工作任务分解表 某市人民政府办公室 2031年2月10日 某市年度工作任务分解表 ")


@settings(max_examples=int(os.environ.get("QLM_TABLE_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "(" not in n and "（" not in n and "、" not in n), min_size=4, max_size=8,
                unique=True),
       st.lists(st.tuples(st.integers(1, 2), st.integers(1, 2), st.booleans()), min_size=1, max_size=5),
       st.booleans(), st.sampled_from([None, "名称", "备注"]), st.booleans())
def test_a_spaced_table_run_on_with_empty_columns_and_wrapped_unit_cells_gives_back_its_rows(
        pool, rows, run_on, empty, parts):
    """A spaced table as web copies leave it: its header run on at the end of the notice (`…分解表 序号 工作任务
    主要责任单位 协同配合单位`), a column no row fills (`名称` before the task, `备注` after the units), part headings
    between rows, and rows whose unit cells go on a paragraph a line below the row (`… 区甲局` / `区乙局` /
    `区丙局、区丁局`): every row's leads and supporting units come back."""
    columns = ["序号", "工作任务", "主要责任单位", "协同配合单位"]
    if empty == "名称":
        columns.insert(1, empty)
    elif empty == "备注":
        columns.append(empty)
    header = " ".join(columns)
    lines = [NOTICE_RUN_ON + header] if run_on else ["某市年度工作任务分解表", "", header]
    expected: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    cursor = 0
    for row, (leads, supports, wrapped) in enumerate(rows, start=1):
        if parts and row in (1, 3):
            lines.append("一、主要预期目标" if row == 1 else "二、重点工作任务")
        lead = [pool[(cursor + k) % len(pool)] for k in range(leads)]
        support = [pool[(cursor + leads + k) % len(pool)] for k in range(supports)]
        cursor += 1
        title = f"{TITLES[row % len(TITLES)]}{row}0项。"
        if wrapped:
            lines += [f"{row} {title} {lead[0]}", *lead[1:], "、".join(support) + "。"]
        else:
            lines.append(f"{row} {title} {'、'.join(lead)} {'、'.join(support)}")
        part = ("一" if row < 3 else "二") if parts else ""
        expected[f"{part}{row}"] = (tuple(lead), frozenset(support))
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


@settings(max_examples=int(os.environ.get("QLM_TABLE_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "|" not in n and cell_kind(n) != "person"), min_size=4, max_size=8,
                unique=True),
       st.lists(st.tuples(st.integers(1, 3), st.integers(0, 2), st.booleans()), min_size=3, max_size=6),
       st.sampled_from(["lone", "closed"]), st.sampled_from([1, 21]), st.booleans(),
       st.sets(st.sampled_from(["person", "date", "phone"])))
def test_a_table_copied_without_its_header_gives_back_every_row(pool, rows, style, start, parts, beside):
    """A department's share of a 分工表 with its header lost, one cell a line, each closed by a `|` (on its own
    line after the cell, or ending the cell's last line): part headings written once in the row that opens their
    part, a cell of units of several paragraphs (the first leads), a second cell of supporting units, a leader,
    a date, a telephone number. The rows come back by their 序号, each with its units. (With no header, a name
    that reads as a person's, `团丁心`, cannot be told from a leader's cell: such names are not drawn here.)"""
    cells: list[list[str]] = []
    expected: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    for k, (leads, supports, split) in enumerate(rows):
        number = start + k
        at = 2 * k
        lead = [pool[(at + j) % len(pool)] for j in range(leads)]
        support = [name for name in (pool[(at + leads + j) % len(pool)] for j in range(supports)) if name not in lead]
        part = (CN[0] if k < 2 else CN[1]) if parts else ""
        row = [[str(number)]]
        if parts and k in (0, 2):
            row.append([f"{part}、第{part}方面工作"])
        row.append([f"{TITLES[k % len(TITLES)]}，{BODIES[0]}"])
        row.append(lead if split else ["、".join(lead)])  # a cell of several paragraphs, or of one line
        row.append(["、".join(support)] if support else [])  # an empty cell where a row names no supporting unit
        if "person" in beside:
            row.append(["柳青禾"] if k % 2 else [])  # a leader's cell, sometimes empty
        if "date" in beside:
            row.append(["2033年底前"])
        if "phone" in beside:
            row.append([f"66120{k:02d}"])
        cells += row
        expected[f"{part}{number}"] = ((lead[0],), frozenset([*lead[1:], *support]))
    lines = ["某局承担的年度重点工作任务（摘录）", ""]
    for cell in cells:
        if style == "lone":
            lines += [*cell, "|"]
        else:
            lines += [*cell[:-1], cell[-1] + " |"] if cell else ["|"]
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert any("no header" in p.reason.en for p in result.problems)


#: Names a copy with no separator between cells can be cut at: they open with a level word and end like organs
#: (`市甲乙局`); a name of any ending run into the next cell (`甲会` + `乙所`) cannot be told from one name.
WRAPPED_NAMES = st.one_of(
    st.builds(lambda level, core, end: level + core + end, st.sampled_from(["市", "区", "县"]),
              st.text("甲乙丙丁戊己庚辛壬癸青岚东岸北湾", min_size=1, max_size=4),
              st.sampled_from(["局", "委", "办", "中心", "集团", "管委会", "服务中心"])),
    # a name with no level word, of four characters or more (`青岚海关`, `东岸港集团`)
    st.builds(lambda core, end: core + end, st.text("青岚东岸北湾", min_size=2, max_size=3),
              st.sampled_from(["海关", "港集团", "电力公司", "银保监局"])))


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


@settings(max_examples=int(os.environ.get("QLM_TABLE_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WRAPPED_NAMES, min_size=4, max_size=9, unique=True),
       st.lists(st.tuples(st.integers(1, 2), st.integers(0, 3), st.booleans()), min_size=3, max_size=6),
       st.tuples(st.integers(13, 16), st.integers(5, 8), st.integers(8, 9)), st.booleans(), st.integers(-1, 5))
def test_a_table_whose_cells_a_pdf_wrapped_gives_back_every_row(pool, rows, widths, grouped, page_in):
    """`序号` / `重点任务` / `主要内容` / `牵头部门` / `责任单位`, then each row's cells a line per printed line with
    nothing between them, at the width of each column: a group cell written once (`1.提升…`), the task, a lead
    cell of one or two names, a supporting cell (`—` when empty); a page marker and the repeated header inside a
    row, its cells going on after them. Every row's lead and supporting units come back under its 序号."""
    task_width, lead_width, support_width = widths
    header = ["序号", "重点任务", "主要内容", "牵头部门", "责任单位"] if grouped else ["序号", "主要内容", "牵头部门", "责任单位"]
    lines = ["某市年度优化营商环境责任清单", *header]
    expected: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    for k, (leads, supports, short) in enumerate(rows):
        number = str(k + 1)
        lead = [pool[(2 * k + j) % len(pool)] for j in range(leads)]
        support = [name for name in (pool[(2 * k + leads + j) % len(pool)] for j in range(supports)) if name not in lead]
        task = f"{TITLES[k % len(TITLES)]}。" if short else f"{TITLES[k % len(TITLES)]}，{BODIES[0]}{BODIES[1]}"
        task_lines, lead_lines = _wrap(task, task_width), _wrap("、".join(lead), lead_width)
        support_lines = _wrap("、".join(support), support_width) if support else ["—"]
        lines.append(number)
        if grouped and k % 2 == 0:
            lines += _wrap(f"{k // 2 + 1}.第{CN[k // 2]}组任务", max(3, lead_width))
        if k == page_in and len(task_lines) > 1 and len(support_lines) > 1:
            lines += [*task_lines[:-1], *lead_lines, *support_lines[:-1], "", "# Page 9:", *header,
                      task_lines[-1], support_lines[-1]]
        else:
            lines += [*task_lines, *lead_lines, *support_lines]
        expected[number] = ((lead[0], *lead[1:]), frozenset(support))
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


def draw_title(row: int) -> str:
    """Task text with spaces and digits in it, as real rows have (`新增就业1000万人 以上`)."""
    return TITLES[row % len(TITLES)] + (f" 完成{row}0项" if row % 2 else "")


def _hard_wrap(line: str, width: int) -> list[str]:
    return [line[i:i + width] for i in range(0, len(line), width)] or [""]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "(" not in n and "（" not in n), min_size=4, max_size=8, unique=True),
       st.lists(st.integers(1, 4), min_size=1, max_size=4), st.integers(24, 34))
def test_a_document_hard_wrapped_at_its_own_width_gives_back_its_assignments(pool, sizes, width):
    """A PDF copy wraps every line at the page width (24 characters or more), headings and label lines too (`协办单位:…、园区党工` /
    `委、…`): the importer learns the width and joins them back."""
    lines, expected = ["某区某项工作任务分解方案", ""], {}
    lines += _hard_wrap("一、提高基层治理工作水平，加强党对社区治理工作的全面领导", width)
    for number, size in enumerate(sizes, start=1):
        chosen = [pool[(number + k) % len(pool)] for k in range(min(size + 1, len(pool)))]
        lines += _hard_wrap(f"{number}.{TITLES[number % len(TITLES)]}，{BODIES[0] * 2}", width)
        lines += _hard_wrap(f"牵头单位：{chosen[0]}", width)
        lines += _hard_wrap(f"协办单位：{'、'.join(chosen[1:])}", width)
        expected[f"一{number}"] = ((chosen[0],), frozenset(chosen[1:]))
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)


#: Columns a flattened table may add that assign nothing, and how each row fills them.
EXTRA_COLUMNS = {"进展情况": "已完成年度目标的六成，正在推进。", "完成时限": "2031年底前", "分管领导": "林 默"}
#: The task column's header as documents write it; a header may go over two lines (`目标` / `任务`).
TASK_HEADERS = [["工作任务"], ["目标与任务"], ["内容与要求"], ["目标", "任务"], ["重点", "工作"]]


def _flatten(cells: list[str], style: str) -> list[str]:
    """One cell a line, as HTML and PDF copies leave a table: ending ` |`, with blank lines between, or bare."""
    if style == "pipes":
        return [f"{cell} |" for cell in cells]
    if style == "blank":  # an empty cell is one more blank line
        return [line for cell in cells for line in ((cell, "") if cell else ("",))]
    return list(cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "(" not in n and "（" not in n), min_size=3, max_size=6, unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=4),
       st.sampled_from(["pipes", "blank", "bare"]), st.sampled_from([1, 37]), st.sampled_from(TASK_HEADERS),
       st.one_of(st.none(), st.sampled_from(sorted(EXTRA_COLUMNS))), st.booleans())
def test_a_flattened_table_gives_back_every_row(pool, picks, style, start, task_header, extra, support_first):
    """Every flattening style, a task header of any wording (on one line or two), a column that assigns nothing
    (进展情况, 完成时限, a leader), the role columns in either order, rows numbered from where the page starts."""
    roles = ["配合单位", "牵头单位"] if support_first else ["牵头单位", "配合单位"]
    header = ["序号", *task_header, *([extra] if extra else []), *roles]
    lines, expected = ["某区年度重点工作任务分解表", ""], {}
    cells = list(header)
    for row, (lead, support) in enumerate(picks, start=start):
        lead, support = pool[lead % len(pool)], pool[support % len(pool)]
        if lead == support:
            support = pool[(pool.index(lead) + 1) % len(pool)]
        units = {"牵头单位": lead, "配合单位": support}
        cells += [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *([EXTRA_COLUMNS[extra]] if extra else []),
                  *(units[role] for role in roles)]
        expected[str(row)] = ((lead,), frozenset([support]))
    lines += _flatten(cells, style)
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: "(" not in n and "（" not in n), min_size=3, max_size=6, unique=True),
       st.lists(st.tuples(st.integers(0, 2), st.integers(0, 5)), min_size=2, max_size=5),
       st.sampled_from(["pipes", "bare", "blank", "blank-absent"]))
def test_a_lead_cell_spanning_rows_is_carried_down_and_reported(pool, picks, style):
    """A merged 牵头单位 cell is written once, in its first row; the rows under it lack that cell (one cell a
    line; or blank lines between cells with no blank line for the merged cell) or have it empty (blank lines
    between cells, where an empty cell is one more blank line)."""
    lines, expected, cells = ["某区民生实事任务分工", ""], {}, ["序号", "工作任务", "牵头单位", "配合单位"]
    previous, spanned = None, 0
    for row, (lead, support) in enumerate(picks, start=1):
        lead, support = pool[lead], pool[support % len(pool)]
        if lead == support:
            support = pool[(pool.index(lead) + 1) % len(pool)]
        written = [lead] if lead != previous else [""] if style == "blank" else []
        if style == "blank-absent" and row == len(picks) and lead == previous:
            written = [""]  # the last row: nothing after it shows a cell missing, so the copy marks it empty
        cells += [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *written, support]
        spanned += lead == previous
        expected[str(row)] = ((lead,), frozenset([support]))
        previous = lead
    lines += _flatten(cells, "blank" if style == "blank-absent" else style)
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)
    assert sum("merged" in p.reason.en or "spanning" in p.reason.en for p in result.problems) == spanned


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=3, max_size=6, unique=True),
       st.lists(st.lists(st.tuples(st.integers(0, 5), st.integers(-1, 5)), min_size=1, max_size=3), min_size=1, max_size=3),
       st.booleans())
def test_label_lines_in_groups_split_the_item_into_one_task_a_group(pool, items, blank):
    """`1.…` / sentences / `牵头单位:X` / more sentences / `牵头单位:Y` / `配合单位:Z`: one task per group of label
    lines (ids `-1`, `-2`), each group assigning the sentences before it; a single group assigns the item."""
    lines, expected = ["某县工作要点任务分解", "", "一、深化政务公开"], {}
    for number, groups in enumerate(items, start=1):
        lines.append(f"{number}.{TITLES[number % len(TITLES)]}。")
        for at, (lead, support) in enumerate(groups, start=1):
            lead_name = pool[lead % len(pool)]
            support_name = pool[support % len(pool)] if support >= 0 and pool[support % len(pool)] != lead_name else None
            lines.append(f"{BODIES[at % 2]}")
            lines.append(f"牵头单位：{lead_name}")
            if support_name:
                lines.append(f"配合单位：{support_name}")
            if blank:
                lines.append("")
            key = f"一{number}" if len(groups) == 1 else f"一{number}-{at}"
            expected[key] = ((lead_name,), frozenset([support_name] if support_name else []))
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks
           if t.units(Role.LEAD)}
    assert got == expected, "\n".join(lines)
    assert qlmatrix.loads(result.text) == result.plan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=3, max_size=6, unique=True), collectives,
       st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=3), min_size=2, max_size=5), st.booleans(),
       st.integers(0, 2))
def test_units_named_before_no_longer_listed_take_part_in_every_later_task(pool, collective, items, labelled, form):
    """`（A、B负责，列第一位的为牵头单位，下同。X按职责落实，以下不再列出）` in the first item, or
    `（A牵头，B配合，列第一位的为牵头单位，下同；X均为责任单位，不再列出）`: X supports that item and every later one,
    and the lead rule holds for them all."""
    lines, expected = ["某市若干措施", "", "一、主要措施"], {}
    for number, picks in enumerate(items, start=1):
        chosen = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
        listed = "、".join(chosen)
        if number == 1 and form == 1:  # the roles named, the rule and the collective-for-all in one bracket
            rest = "、".join(chosen[1:])
            roles = f"{chosen[0]}牵头，{rest}配合" if rest else f"{chosen[0]}牵头"
            note = f"（{roles}，列第一位的为牵头单位，下同；{collective}均为责任单位，不再列出）"
        elif number == 1 and form == 2:  # `X为配合单位，不再一一列出` after a labelled list
            note = f"（责任单位：{listed}，列第一位的为牵头单位，下同；{collective}为配合单位，不再一一列出）"
        elif number == 1:
            head = f"责任单位：{listed}" if labelled else f"{listed}负责，列第一位的为牵头单位，下同"
            note = f"（{head}。{collective}按职责落实，以下不再列出）"
        else:
            note = f"（{listed}负责）"
        lines.append(f"{number}.{TITLES[number % len(TITLES)]}。{BODIES[0]}{note}")
        expected[f"一{number}"] = ((chosen[0],), frozenset([*chosen[1:], _written(collective)]))
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


def _split_word(word: str, how: int) -> list[str]:
    """A header word as a copy may break it over lines: whole, in two-character pieces, or a character a line."""
    if how == 0 or len(word) < 2:
        return [word]
    size = 2 if how == 1 else 1
    return [word[i:i + size] for i in range(0, len(word), size)]


#: Names a table cell reads as units: a cell of two or three characters that does not end like an organ reads
#: as a person's name (a 责任领导), which no generated name should be here.
table_names = any_names.filter(lambda n: "(" not in n and "（" not in n and cell_kind(n) in ("unit", "name"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(table_names, min_size=4, max_size=8, unique=True),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from(["full", "dropped", "sub", "more"])),
                min_size=1, max_size=5),
       st.sampled_from(["pipes", "bare", "blank"]), st.integers(0, 2),
       st.sampled_from(["工作任务", "重点工作", "目标任务"]), st.booleans(),
       st.sampled_from(["某区年度重点工作任务分解表", "某区分工", "任务分解", "白溪区"]))
def test_a_flattened_table_with_a_broken_header_sub_rows_and_dropped_cells_gives_back_every_row(
        pool, picks, style, how, task_word, leader, title):
    """A header one piece a line (`序` / `号`, `牵头` / `单位`), rows with further rows of unit cells under a
    merged task cell or one more unit a cell after them, rows whose empty 配合单位 the copy dropped (the 完成时限
    then stands where it was): every assignment comes back, and every row that needed an assumption is in the
    report."""
    header = ["序号", task_word, *(["责任领导"] if leader else []), "牵头单位", "配合单位", "完成时限"]
    # a copy that drops empty cells shows it in its first row (a row no merged cell above can explain)
    if any(kind == "dropped" for _, _, kind in picks):
        picks = [(picks[0][0], picks[0][1], "dropped"), *picks[1:]]
    # a header cell broken over lines keeps its pieces together (no blank line between them in any style)
    if style == "blank":
        cells = ["\n".join(_split_word(word, how)) for word in header]
    else:
        cells = [piece for word in header for piece in _split_word(word, how)]
    expected, assumed = {}, 0
    for row, (lead, support, kind) in enumerate(picks, start=1):
        lead, support = pool[lead % len(pool)], pool[support % len(pool)]
        if lead == support:
            support = pool[(pool.index(lead) + 1) % len(pool)]
        cells += [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *(["林 默"] if leader else []), lead]
        if kind == "dropped":
            cells.append(f"2031年{row}月底")
            expected[str(row)] = ((lead,), frozenset())
        else:
            cells += [support, f"2031年{row}月底"]
            expected[str(row)] = ((lead,), frozenset([support]))
        if kind == "sub":  # a further row of the same task: its own lead and supporting unit
            lead2, support2 = (pool[(pool.index(lead) + k) % len(pool)] for k in (2, 3))
            if len({lead, support, lead2, support2}) == 4:
                cells += [lead2, support2]
                expected[str(row)] = ((lead, lead2), frozenset([support, support2]))
                assumed += 1
        if kind == "more":  # one more supporting unit a cell after the row: the 配合单位 cell went on
            more = pool[(pool.index(lead) + 2) % len(pool)]
            if more not in (lead, support):
                cells.append(more)
                expected[str(row)] = ((lead,), frozenset([support, more]))
                assumed += 1
        assumed += kind == "dropped"
    lines = [title, "", *_flatten(cells, style)]
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)
    assert len({p.line for p in result.problems}) == assumed, [p.excerpt for p in result.problems]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=3, max_size=8, unique=True),
       st.lists(st.tuples(st.booleans(), st.lists(st.booleans(), min_size=1, max_size=4)), min_size=1, max_size=4),
       st.integers(1, 2), st.booleans())
def test_items_numbered_straight_through_their_parts_keep_the_documents_ids(pool, parts, chapters, wide):
    """（一）…（X牵头）/ 1. / 2. / （二）… / 3. …: items numbered 1, 2, … through the parts (whatever the nesting:
    under 一、 or not) take the ids section + number, and the roles of their own note or of their part's."""
    lines, expected, number = ["某市某项工作要点", ""], {}, 0
    o, c = ("（", "）") if wide else ("(", ")")
    per_chapter = max(1, len(parts) // chapters)
    for index, (annotated, items) in enumerate(parts):
        chapter = index // per_chapter if chapters > 1 else None
        if chapter is not None and index % per_chapter == 0:
            lines.append(f"{CN[chapter]}、{TITLES[chapter]}")
        part = index % per_chapter if chapter is not None else index
        part_lead = pool[index % len(pool)] if annotated else None
        lines.append(f"{o}{CN[part]}{c}{TITLES[part % len(TITLES)]}" + (f"{o}{part_lead}牵头{c}" if part_lead else ""))
        prefix = (CN[chapter] if chapter is not None else "") + f"({CN[part]})"
        for own in items:
            number += 1
            chosen = [pool[(number + k) % len(pool)] for k in range(2)]
            if own or not part_lead:
                lines.append(f"{number}.{TITLES[number % len(TITLES)]}。{o}{chosen[0]}牵头，{chosen[1]}配合{c}")
                expected[f"{prefix}{number}"] = ((chosen[0],), frozenset([chosen[1]]))
            else:
                lines.append(f"{number}.{TITLES[number % len(TITLES)]}。{BODIES[0]}")
                expected[f"{prefix}{number}"] = ((part_lead,), frozenset())
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(table_names, min_size=3, max_size=6, unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.booleans()), min_size=1, max_size=5),
       st.booleans(), st.booleans())
def test_rows_of_pipe_cells_under_a_header_over_two_rows_give_back_every_row(pool, picks, split, leader):
    """`序号 | 重点 | 牵头 | 配合 | 完成` / ` | 工作 | 单位 | 单位 | 时限`, then a row a line; a row whose empty 配合单位
    the copy dropped (`2 | … | 区城管局 | 2031年2月底`) keeps its 时限 in its column and its unit as the lead."""
    header = ["序号", "重点工作", *(["责任领导"] if leader else []), "牵头单位", "配合单位", "完成时限"]
    if split:
        lines = [" | ".join(word[:2] for word in header), " | ".join(word[2:] for word in header)]
    else:
        lines = [" | ".join(header)]
    # a copy that drops empty cells shows it in its first row
    if any(dropped for _, _, dropped in picks):
        picks = [(picks[0][0], picks[0][1], True), *picks[1:]]
    expected = {}
    for row, (lead, support, dropped) in enumerate(picks, start=1):
        lead, support = pool[lead % len(pool)], pool[support % len(pool)]
        if lead == support:
            support = pool[(pool.index(lead) + 1) % len(pool)]
        cells = [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *(["林 默"] if leader else []), lead,
                 *([] if dropped else [support]), f"2031年{row}月底"]
        lines.append(" | ".join(cells))
        expected[str(row)] = ((lead,), frozenset() if dropped else frozenset([support]))
    text = "某区年度重点工作任务分解表\n" + "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert len({p.line for p in result.problems}) == sum(dropped for _, _, dropped in picks)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=4, max_size=8,
                unique=True),
       st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["pipes", "bare", "blank"]))
def test_a_table_of_one_unit_column_gives_back_every_unit_written_a_cell_or_a_line(pool, rows, style):
    """序号 / 实事项目 / 责任单位 / 完成时限, each unit of a row in a cell of its own (one cell a line) or on a line of
    its own in the cell (blank lines between cells): the first listed leads, the others support."""
    cells, expected = ["序号", "实事项目", "责任单位", "完成时限"], {}
    for row, picks in enumerate(rows, start=1):
        units = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
        listed = ["\n".join(units)] if style == "blank" else units
        cells += [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *listed, f"2031年{row}月底"]
        expected[str(row)] = ((units[0],), frozenset(units[1:]))
    text = "某县为民办实事分解表\n\n" + "\n".join(_flatten(cells, style)) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda n: not n[-1:].isdigit()), min_size=3, max_size=6, unique=True),
       st.lists(st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=3), min_size=1, max_size=3),
                min_size=1, max_size=3),
       st.booleans(), st.booleans(), st.booleans())
def test_items_run_together_on_one_line_give_back_their_assignments(pool, parts, straight, labelled, wide):
    """A copy that lost every line break and space: `…措施。一、甲部分1.甲事项。…责任单位：A、B2.乙事项。…`. The
    items are cut where the numbering expects the next one (after a label's units, a note, a heading), whether
    the items are numbered straight through the parts or again from 1 under each."""
    colon = "：" if wide else ":"
    text, expected, number = "各有关单位：现将若干措施印发给你们，请认真贯彻落实。某县若干措施为推动工作，制定如下措施。", {}, 0
    for index, items in enumerate(parts):
        text += f"{CN[index]}、{TITLES[index % len(TITLES)]}"
        number = number if straight else 0
        for picks in items:
            number += 1
            chosen = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
            listed = "、".join(chosen)
            note = f"责任单位{colon}{listed}" if labelled else f"（责任单位{colon}{listed}）"
            text += f"{number}.{TITLES[number % len(TITLES)]}。{BODIES[number % 2]}{note}"
            expected[f"{CN[index]}{number}"] = ((chosen[0],), frozenset(chosen[1:]))
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert qlmatrix.loads(result.text) == result.plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=4, max_size=8, unique=True),
       st.lists(st.tuples(st.lists(st.integers(0, 7), min_size=1, max_size=3),
                          st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=3), min_size=1, max_size=4),
                          st.sampled_from(["", "same", "line"])),
                min_size=1, max_size=3),
       st.booleans())
def test_a_parent_with_its_own_note_and_annotated_sub_measures_is_a_task_of_its_own(pool, parents, one_line):
    """`（一）…。（A、B负责）具体措施：` / `1．…。（C牵头，D按职责分工负责）` / `2．…`: the parent is a task (一(一)) with
    its own units, every sub-measure a task (一(一)1 …) with its own, none inheriting the parent's."""
    lines, expected = ["某部门重点任务分工方案", "", "为抓好重点任务落实，制定如下分工方案。", "一、重点任务"], {}
    for index, (own, measures, lead_in) in enumerate(parents):
        chosen = list(dict.fromkeys(pool[p % len(pool)] for p in own))
        head = f"（{CN[index]}）{TITLES[index % len(TITLES)]}，{BODIES[0]}（{'、'.join(chosen)}按职责分工负责）"
        lines.append(head + ("具体措施：" if lead_in == "same" else ""))
        if lead_in == "line":
            lines.append("具体措施：")
        expected[f"一({CN[index]})"] = ((chosen[0],), frozenset(chosen[1:]))
        for number, picks in enumerate(measures, start=1):
            units = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
            rest = f"，{'、'.join(units[1:])}按职责分工负责" if units[1:] else ""
            lines.append(f"{number}．{TITLES[number % len(TITLES)]}。{BODIES[1]}（{units[0]}牵头{rest}）")
            expected[f"一({CN[index]}){number}"] = ((units[0],), frozenset(units[1:]))
    text = "".join(lines) if one_line else "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert qlmatrix.loads(result.text) == result.plan
    assert not [d for d in qlmatrix.check(result.plan) if d.is_error and d.code != "E301"]


#: Bare place names (no level, no organ ending): `甲城、乙港、丙河市政府` is three 市政府.
BARE_PLACES = st.text("甲乙丙丁戊己庚辛壬癸东西南北城港河山川原岭湖", min_size=1, max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names.filter(lambda name: not name.endswith(("区", "县", "市"))), min_size=1, max_size=3, unique=True),
       st.lists(BARE_PLACES, min_size=1, max_size=3, unique=True),
       BARE_PLACES, st.sampled_from(["市", "区", "县", "縣"]), st.sampled_from(["人民政府", "政府", "管委会"]),
       st.sampled_from(["label", "verb", "traditional"]))
def test_bare_places_before_one_organ_word_share_it(heads, places, last, level, organ, style):
    """`A、甲城、乙港、丙河市政府`: the bare places take the last name's level and organ word, the report lists each
    expansion, and the names before them (units of any ending) are left as they are."""
    places = [place for place in places if place != last]
    listed = "、".join([*heads, *places, last + level + organ])
    note = {"label": f"（责任单位：{listed}）", "verb": f"（{listed}负责）", "traditional": f"（{listed}負責）"}[style]
    result = import_text(f"某省若干措施\n\n一、主要措施\n1.推进口岸建设。完善设施。{note}\n")
    [task] = resolve(result.plan).tasks
    shared = [place + level + organ for place in [*places, last]]
    assert (task.units(Role.LEAD), task.units(Role.SUPPORT)) == ((heads[0],), (*heads[1:], *shared)), note
    if places:
        [report] = [p.excerpt for p in result.problems]
        assert report == "、".join(f"{place}→{place + level + organ}" for place in places)
    assert qlmatrix.loads(result.text) == result.plan


#: Deadlines in a table's own words, which a further row of one number carries for its own text.
FREE_DEADLINES = ["12月底前", "9月投入使用", "5月底前动工", "年底前", "10月底前建成"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=4, max_size=8,
                unique=True),
       st.lists(st.tuples(st.lists(st.integers(0, 7), min_size=1, max_size=3), st.booleans(),
                          st.sampled_from(FREE_DEADLINES)), min_size=1, max_size=5),
       st.sampled_from([["序号", "事项", "责任单位", "完成时限"], ["序号", "民生实事", "责任单位", "完成时限"]]))
def test_rows_going_on_without_a_number_stay_with_their_number(pool, rows, header):
    """One cell a line and no separators: `1` / task / a unit a line / a deadline in words, and a further row of
    the same number (its own text and deadline, the number and units merged): one task a number, its units
    those of the row."""
    cells, expected = list(header), {}
    for row, (picks, going_on, deadline) in enumerate(rows, start=1):
        units = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
        cells += [str(row), f"{TITLES[row % len(TITLES)]}，{BODIES[0]}", *units, deadline]
        if going_on:
            cells += [f"扩建第{row}期配套设施，新增服务面积{row}00平方米。", FREE_DEADLINES[row % len(FREE_DEADLINES)]]
        expected[str(row)] = ((units[0],), frozenset(units[1:]))
    text = "某县2031年民生实事项目\n" + "\n".join(cells) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    further = [t for t in resolve(result.plan).tasks if "扩建第" in (t.task.body or "") + t.task.title]
    assert len(further) == sum(going_on for _, going_on, _ in rows)  # the further text is kept in its task
    assert qlmatrix.loads(result.text) == result.plan


#: Columns of figures a progress table has besides its one unit column, and a cell each row gives them.
FIGURE_COLUMNS = {"目标任务": "1300人", "1-6月完成": "702人", "完成率": "54%", "年度目标": "12个", "完成数": "3所"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=3, max_size=6,
                unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=3, max_size=6),
       st.lists(st.sampled_from(sorted(FIGURE_COLUMNS)), min_size=2, max_size=4, unique=True),
       st.sampled_from(["项目名称", "实事项目", "項目名稱"]), st.sampled_from(["责任单位", "責任單位"]),
       st.sampled_from(["备注", "備註"]))
def test_a_piped_table_of_figure_columns_gives_back_every_row(pool, rows, figures, task, unit, remark):
    """A cell a line ending ` |`, a header of six to eight columns (序号, the task, figures, one unit column, 备注)
    in either script, figures (`1300人`, `54%`) that are no units, prose in the remarks; a row after the first
    whose unit cell is left out (a merged cell in the copy: the cell above spans it)."""
    header = ["序號" if task == "項目名稱" else "序号", task, *figures, unit, remark]
    cells, expected, above, before = list(header), {}, None, False
    for row, (pick, merged) in enumerate(rows, start=1):
        name = pool[pick % len(pool)]
        # most rows are whole (the header's width is read from them: docs/importing.md, what is not settled)
        merged = merged and above is not None and row < len(rows) and not before
        before = merged
        cells += [str(row), TITLES[row % len(TITLES)], *(FIGURE_COLUMNS[f] for f in figures)]
        cells += [] if merged else [name]
        cells += ["按序时进度推进，下半年加大工作力度。" if row % 2 else ""]
        expected[str(row)] = ((above if merged else name,), frozenset())
        above = above if merged else name
    text = "某区民生实事项目推进情况表\n" + "\n".join(_flatten(cells, "pipes")) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


#: Labels a line of an item may carry besides the role labels: people and progress, which assign nothing.
OTHER_LABELS = [("项目责任人", "郑立"), ("实际完成情况", "已完成年度目标任务的60%,项目按计划推进。"), ("联系人", "许平")]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=3, max_size=6,
                unique=True),
       st.lists(st.tuples(st.integers(0, 5), st.lists(st.integers(0, 5), max_size=2), st.booleans(),
                          st.lists(st.sampled_from(OTHER_LABELS), max_size=2)), min_size=3, max_size=5))
def test_labels_run_together_on_one_line_give_back_their_units(pool, items):
    """A document on one line: `1.… 牵头领导:X 责任单位:A 项目责任人:Y 配合单位:B、C 实际完成情况:…`, labels of any
    name between the role labels, and sometimes a table of figures run in after the units (`东城 西城 合计 2 3 5`):
    every item's lead and supporters, and what follows the units is reported."""
    # (a line is read as a document run together when it is long: a preamble such copies have makes it so)
    parts, expected = ["2031年市政府民生实事项目共有若干项任务,内容涉及交通出行、养老服务、教育卫生等方面,各责任单位高度重视,"
                       "现将1—6月份进展情况予以公示,接受社会监督。"], {}
    for number, (lead, picks, figures, others) in enumerate(items, start=1):
        lead_name = pool[lead % len(pool)]
        supports = [name for name in dict.fromkeys(pool[p % len(pool)] for p in picks) if name != lead_name]
        labels = ["牵头领导:韩松", f"责任单位:{lead_name}", *(f"{label}:{value}" for label, value in others)]
        if supports:
            labels.append("配合单位:" + "、".join(supports) + (" 东城 西城 北岭 合计 2 3 1 6" if figures else ""))
        parts += [f"{number}.{TITLES[number % len(TITLES)]}。", *labels]
        expected[str(number)] = ((lead_name,), frozenset(supports))
    text = " ".join(parts) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text
    if any(figures and supports for supports, figures in _runs_in(pool, items)):
        assert any("2 3 1 6" in p.excerpt for p in result.problems)  # the run-in figures are reported


def _runs_in(pool: list[str], items: list) -> list[tuple[list[str], bool]]:
    """(supporting units, whether figures run in after them) of each generated item."""
    out = []
    for lead, picks, figures, _ in items:
        lead_name = pool[lead % len(pool)]
        out.append(([n for n in dict.fromkeys(pool[p % len(pool)] for p in picks) if n != lead_name], figures))
    return out


#: A header of two role words joined: its units stand as the first word says (support, beside a 牵头单位).
JOINED_HEADERS = ["责任主体与协同单位", "责任单位和配合单位", "配合单位与参与单位"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=4, max_size=8,
                unique=True),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), min_size=2, max_size=5),
       st.sampled_from(JOINED_HEADERS), st.booleans(), st.sampled_from([1, 24]))
def test_a_row_that_dropped_a_cell_inside_and_ends_empty_gives_back_its_units(pool, rows, joined, spaced, start):
    """`序号 | 主要任务 | 全年目标任务 | 分管 领导 | 牵头 单位 | 责任主体与协同单位 | 1-9月推进情况 | 说明`, every row
    without its 全年目标任务 cell and ending with an empty 说明 (`|` or `||`): the cells are placed by what they
    hold, the joined header's units support."""
    header = ["序号", "主要任务", "全年目标任务", "分管 领导" if spaced else "分管领导", "牵头 单位" if spaced else "牵头单位",
              joined, "1-9月推进情况", "说明"]
    lines, expected = ["2031年区政府民生实事项目推进情况"] + [f"{cell} |" for cell in header], {}
    for number, (lead, support) in enumerate(rows, start=start):
        lead_name, support_name = pool[lead % len(pool)], pool[support % len(pool)]
        if lead_name == support_name:
            support_name = pool[(pool.index(lead_name) + 1) % len(pool)]
        cells = [str(number), f"{TITLES[number % len(TITLES)]}。", "林默", lead_name, support_name, "已进场施工,完成45%。"]
        lines += [f"{cell} |" for cell in cells] + ["||" if number % 2 else "|"]
        expected[str(number)] = ((lead_name,), frozenset([support_name]))
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit_names, min_size=3, max_size=6, unique=True),
       st.lists(st.tuples(st.lists(st.integers(0, 5), min_size=1, max_size=2, unique=True),
                          st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=3),
                          st.sampled_from(["", "(3项)", "（共2项）"]), st.sampled_from(["牵头", "负责"])),
                min_size=1, max_size=3))
def test_a_heading_that_names_its_lead_units_assigns_the_items_under_it(pool, parts):
    """`一、县示范区管委会牵头工作(8项)` / `1.…` / `2.…(X负责)`: the units the heading names lead its items (all of
    them under 牵头; under 负责 the first listed, the others support), an item with a note of its own keeps that."""
    lines, expected = ["附件1", "某县重点工作任务清单"], {}
    for index, (leads, items, count, verb) in enumerate(parts):
        heading_units = list(dict.fromkeys(pool[p % len(pool)] for p in leads))
        lines.append(f"{CN[index]}、{'、'.join(heading_units)}{verb}工作{count}")
        for number, own in enumerate(items, start=1):
            note = f"({pool[own % len(pool)]}负责)" if own is not None else ""
            lines.append(f"{number}.{TITLES[number % len(TITLES)]}。{note}")
            leads = heading_units if verb == "牵头" else heading_units[:1]
            # an item's own note gives its lead; what it inherits besides is the resolver's business, not asked here
            expected[f"{CN[index]}{number}"] = ((pool[own % len(pool)],), None) if own is not None else (
                tuple(leads), frozenset(heading_units) - set(leads))
    text = "\n".join(lines) + "\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT)) if expected[t.id][1] is not None else None)
           for t in resolve(result.plan).tasks}
    assert got == expected, text
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan


#: Role headers a table may use, plain or with a word inside (`协同配合单位`, `牵头考核单位`): (lead, support).
ROLE_HEADERS = [("牵头单位", "配合单位"), ("主要责任单位", "协同配合单位"), ("牵头考核单位", "配合落实部门"),
                ("牵头组织实施单位", "参加单位"), ("牽頭單位", "協同配合單位")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=3, max_size=6,
                unique=True),
       st.lists(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=3), min_size=1, max_size=4).filter(
           lambda parts: any(parts)),
       st.sampled_from(["pipes", "blank", "bare", "markdown", "rows"]), st.sampled_from(ROLE_HEADERS), st.booleans(),
       st.booleans(), st.integers(1, 60), st.booleans())
def test_an_extract_of_a_longer_table_with_part_headings_gives_back_every_row(pool, parts, style, roles, numbered,
                                                                               spaced, start, headed):
    """A table copied in part: part headings (一、…) between its rows, some parts with no rows, the rows' own
    numbers jumping from one part to the next (3, then 41), role headers with a word inside, a spaced-out task
    header; or no 序号 column, each task cell opening with its number (`1. `) counted straight through. Without
    the headings the numbers jump all the same (5, 9, 17: the rows one bureau carries)."""
    lead_header, support_header = roles
    task_header = "主 要 工 作 任 务" if spaced else "重点工作任务"
    header = [task_header, lead_header, support_header] if numbered else ["序号", task_header, lead_header,
                                                                           support_header]
    table, expected, row = [header], {}, start if not numbered else 1
    for at, part in enumerate(parts):
        if headed:
            table.append([f"{CN[at]}、{TITLES[at % len(TITLES)]}"])
        for lead, support in part:
            lead, support = pool[lead % len(pool)], pool[support % len(pool)]
            if lead == support:
                support = pool[(pool.index(lead) + 1) % len(pool)]
            task = f"{TITLES[row % len(TITLES)]}，{BODIES[0]}"
            table.append([f"{row}. {task}", lead, support] if numbered else [str(row), task, lead, support])
            expected[f"{CN[at] if headed else ''}{row}"] = ((lead,), frozenset([support]))
            row += 1
        if not numbered:
            row += 7 * at + 3  # the extract leaves out the rows in between
    if style == "markdown":  # a row a line; a heading row's other cells empty
        rows = [row_cells + [""] * (len(header) - len(row_cells)) for row_cells in table]
        body = [f"| {' | '.join(row_cells)} |" for row_cells in rows]
    elif style == "rows":  # a row a line, `|` between cells only; a heading on a line of its own
        body = [" | ".join(row_cells) for row_cells in table]
    else:
        body = _flatten([cell for row_cells in table for cell in row_cells], style)
    lines = ["某区部门重点工作任务分解表（摘录）", "", *body]
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks
           if t.units(Role.LEAD) or t.units(Role.SUPPORT)}  # a part with no rows in the extract assigns nothing
    assert got == expected, "\n".join(lines)


#: A rule that a note naming no lead leaves each listed unit its part, in the words documents use.
EACH_RULES = ["未明确牵头单位的，由所列负责单位按职责分工负责，下同", "未标明牵头单位的，由上述单位分别负责，下同",
              "没有明确牵头部门的，由列出的单位按职责分工负责，下同", "未注明牵头单位的由所列单位分别负责，下同",
              "未明确牵头单位的任务，由各责任单位分别负责，下同", "未列明牵头单位的，所列单位均为牵头单位，下同"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_names, min_size=4, max_size=8, unique=True), st.sampled_from(EACH_RULES),
       st.lists(st.tuples(st.booleans(), st.lists(st.integers(0, 7), min_size=1, max_size=3, unique=True)),
                min_size=1, max_size=5),
       st.sampled_from([" ", "\u3000", "，", "；"]), st.booleans(), st.booleans())
def test_a_rule_that_notes_naming_no_lead_leave_each_unit_its_part(pool, rule, items, apart, wide, in_notice):
    """The first note (or the notice) states the rule; every later note of 负责单位 alone has all its units lead (each its part),
    and a note naming its lead (`牵头单位：X 参加单位：Y、Z`, the labels apart by a space, a U+3000, a comma or a
    semicolon) keeps its roles."""
    o, c, colon = ("（", "）", "：") if wide else ("(", ")", ":")
    first = pool[:2]
    if in_notice:  # stated once in the notice before the items: every note is read under it
        lines = ["某省部门分工方案", "", f"各有关部门：现将分工印发。{rule.removesuffix('，下同')}。", "", "一、总体任务", "",
                 f"1. {TITLES[0]}，{BODIES[0]}{o}负责单位{colon}{'、'.join(first)}{c}"]
    else:
        lines = ["某省部门分工方案", "", "一、总体任务", "",
                 f"1. {TITLES[0]}，{BODIES[0]}{o}负责单位{colon}{'、'.join(first)}。{rule}{c}"]
    expected = {"一1": (tuple(first), frozenset())}
    for number, (labelled, picks) in enumerate(items, start=2):
        names = list(dict.fromkeys(pool[pick % len(pool)] for pick in picks))
        if labelled and len(names) >= 2:
            note = f"牵头单位{colon}{names[0]}{apart}参加单位{colon}{'、'.join(names[1:])}"
            expected[f"一{number}"] = ((names[0],), frozenset(names[1:]))
        else:
            note = f"负责单位{colon}{'、'.join(names)}"
            expected[f"一{number}"] = (tuple(names), frozenset())
        lines += ["", f"{number}. {TITLES[number % len(TITLES)]}，{BODIES[1]}{o}{note}{c}"]
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(table_names.filter(lambda n: len(n) >= 3 and cell_kind(n) == "unit"), min_size=4, max_size=8,
                unique=True),
       st.lists(st.tuples(st.sampled_from(["note", "sentence", "led", "labels"]),
                          st.lists(st.integers(0, 7), min_size=1, max_size=3, unique=True)), min_size=1, max_size=4),
       st.booleans(), st.booleans())
def test_unnumbered_paragraphs_that_each_assign_give_back_their_assignments(pool, entries, preamble, indent):
    """A document with no numbered items: each paragraph assigns by a note, an assignment sentence with its
    subject and the officials after it (`该项目由A、B负责；A责任人为某副局长。`), or label lines with a phone
    after the units and more units on the lines after (`承办部门：A　咨询电话：…` / `B 5550123`)."""
    pad = "\u3000\u3000" if indent else ""
    lines = ["某市年度民生实事项目", ""] + (["经研究，确定年度民生实事项目如下：", ""] if preamble else [])
    expected = {}
    for number, (how, picks) in enumerate(entries, start=1):
        names = list(dict.fromkeys(pool[pick % len(pool)] for pick in picks))
        text = f"{pad}{TITLES[number % len(TITLES)]}，{BODIES[0]}"
        if how == "note":
            lines += [f"{text}（责任单位：{'、'.join(names)}）", ""]
        elif how == "sentence":
            lines += [f"{text}该项目由{'、'.join(names)}负责；{names[0]}责任人为林某副局长。", ""]
        elif how == "led":
            rest = f"，{'、'.join(names[1:])}配合" if names[1:] else "，责任人为周某副局长"
            lines += [f"{text}此项工作由{names[0]}牵头负责{rest}。", ""]
        else:
            lines += [text, f"承办部门：{names[0]}\u3000咨询电话：0571-555{number:04d}",
                      *(f"{name} 555{number:04d}" for name in names[1:]), ""]
        expected[f"#{number}"] = ((names[0],), frozenset(names[1:]))
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit_names, min_size=1, max_size=3, unique=True),
       st.lists(st.tuples(st.text("丙丁青岚白溪北岭南港", min_size=1, max_size=3), st.sampled_from(["县", "区", "镇", "开发区"]),
                          st.sampled_from([("党委", "政府"), ("党工委", "管委会"), ("党委", "人民政府")])),
                min_size=1, max_size=4),
       st.sampled_from(["、", ",", "，"]))
def test_a_party_committee_and_its_government_named_together_stay_one_unit(heads, joints, sep):
    """`清丰县党委、政府`: the government named by its bare organ word after its place's party committee is one
    unit with it, between any separators."""
    joint = list(dict.fromkeys(f"{place}{level}{party}、{government}" for place, level, (party, government) in joints))
    units = heads + joint
    note = f"（责任单位：{sep.join(units)}）"
    text = f"某市重点民生工程\n一、已完成项目\n(1)建设城区绿道。{note}\n"
    result = import_text(text)
    got = {t.id: (t.units(Role.LEAD), t.units(Role.SUPPORT)) for t in resolve(result.plan).tasks}
    assert got == {"一(1)": ((units[0],), tuple(units[1:]))}, text


#: Columns a 分工表 adds beside the units, and the cell each row gives them: a person, progress prose, a date.
BESIDE_UNITS = {"责任领导": "王某", "落实情况": "已完成年度目标的六成，正在推进。", "完成时限": "2031年底前"}
#: Unit names a table cell keeps whole on a line of its own (a cell of several lines is then a list of them).
whole_names = table_names.filter(lambda n: len(n) >= 3 and " " not in n and cell_kind(n) == "unit")


@settings(max_examples=int(os.environ.get("QLM_TABLE_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(whole_names, min_size=4, max_size=8, unique=True),
       st.sampled_from(["pipes", "lone", "blank", "bare", "rowpipes", "spaced"]),
       st.sampled_from(["serial", "restart", "task", "none"]),
       st.integers(0, 3), st.one_of(st.none(), st.sampled_from(sorted(BESIDE_UNITS))),
       st.sampled_from([None, "★", "*"]), st.lists(st.booleans(), min_size=1, max_size=3), st.integers(0, 99))
def test_a_table_copied_in_any_layout_numbered_any_way_gives_back_every_row(
        pool, style, numbering, parts, beside, mark, split, seed):
    """A 分工表 as a copy leaves it, every axis drawn on its own: cells ending ` |` or closed by a `|` on a line of
    their own, one cell a line with or without
    blank lines between, rows of `|` cells, rows apart by spaces; rows numbered by a 序号 straight through, by a
    序号 starting again at 1 under each part heading, by the number the task cell opens with (no 序号 column), or
    by what the cells hold (no number at all: a task's text, then its units);
    part headings between the rows; a column beside the units (责任领导, 落实情况, 完成时限); one 责任单位 column
    with the lead marked `★` or `*`, or 牵头单位 and 配合单位; a supporting cell of two paragraphs or lines (the
    second a unit of its own). Every row's assignment comes back under the ids the document's numbers give."""
    if numbering == "restart" and not parts:
        numbering = "serial"
    if numbering == "none" and style in ("rowpipes", "spaced"):
        numbering = "task"  # rows with no number at all are told apart by what their cells hold, a cell a line
    if style == "spaced" and numbering in ("task", "none") and mark and beside is None:
        beside = "完成时限"  # two columns apart by spaces are no table the importer looks for
    columns = (["序号"] if numbering in ("serial", "restart") else []) + ["重点任务"] + (["责任单位"] if mark else ["牵头单位", "配合单位"]) \
        + ([beside] if beside else [])
    one_line = style in ("rowpipes", "spaced")  # a row on one line: a cell of two paragraphs is written joined
    rows: list[list[str | list[str]] | str] = []
    expected = {}
    serial = 0
    for part in range(parts or 1):
        if parts:
            rows.append(f"{CN[part]}、第{CN[part]}方面工作")
        for k in range(1, 3):
            serial += 1
            number = k if numbering == "restart" else serial
            at = (seed + 3 * serial) % len(pool)
            lead, support, more = pool[at], pool[(at + 1) % len(pool)], pool[(at + 2) % len(pool)]
            two = split[serial % len(split)] and more not in (lead, support)
            task = f"{TITLES[serial % len(TITLES)]}，{BODIES[0]}"
            cells: list[str | list[str]] = [str(number)] if numbering in ("serial", "restart") else []
            cells.append(f"{number}.{task}" if numbering == "task" else task)
            if mark:
                first = f"{support}、{lead}{mark}"
                cells.append([first, more] if two else first)
            else:
                cells += [lead, [support, more] if two else support]
            if beside:
                cells.append(BESIDE_UNITS[beside])
            rows.append(cells)
            key = f"#{k if parts else serial}" if numbering == "none" else str(number)  # `一#1`: a row without a number
            expected[(CN[part] if parts else "") + key] = ((lead,), frozenset([support, more] if two else [support]))
    lines = ["某区2031年重点工作任务分解表", ""]
    if one_line:
        apart = " | " if style == "rowpipes" else " "
        lines.append(apart.join(columns))
        for row in rows:
            lines.append(row if isinstance(row, str)
                         else apart.join("、".join(c) if isinstance(c, list) else c for c in row))
    else:
        flat = list(columns) + [cell for row in rows for cell in ([row] if isinstance(row, str) else row)]
        for cell in flat:
            pieces = cell if isinstance(cell, list) else [cell]
            if style == "pipes":
                lines += [*pieces[:-1], pieces[-1] + " |"]
            elif style == "lone":  # each cell closed by a `|` on a line of its own
                lines += [*pieces, "|"]
            elif style == "blank":
                lines += [line for piece in pieces for line in (piece, "")]
            else:
                lines += pieces
    result = import_text("\n".join(lines) + "\n")
    got = {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in resolve(result.plan).tasks}
    assert got == expected, "\n".join(lines)
