"""Reading the document's assignment notes into roles.

Handles every form in docs/importing.md: `(责任单位:A、B)`, `(牵头单位:X;配合单位:Y、Z)`,
`（牵头单位：X，配合单位：Y，各区、县级市）`, `（A、B等负责）`, `A、B牵头，C按职责分工负责`,
`A会同B负责`, separate `牵头单位:`/`责任单位:` lines (joined by the caller with `；`),
and rules stated inside a note (`列第一位者为牵头单位，下同`).
"""

from __future__ import annotations

import re

import attrs

from ..cadence import Cadence
from .units import (
    CLOSE,
    OPEN,
    could_be_unit,
    depth_split,
    glued_role_word,
    is_official,
    looks_like_unit,
    split_mark,
    split_marked,
    split_units,
    strip_verb,
    tidy,
)

#: A label is a role word and a word for an organ (牵头 + 单位, 协办 + 部门, 责任 + 科室): built from the two, so that
#: 配合处室, 协办单位, 主要责任单位, 其他责任单位 and 参与部门 are read alike, not found one by one.
_ORGAN_WORDS = ("单位", "部门", "处室", "科室", "股室", "机构", "單位", "部門", "處室", "機構")
_LEAD_ROLE_WORDS = ("牵头", "主办", "主责", "牵头责任", "牵头负责", "主要责任", "首要责任", "主要负责", "牽頭", "主辦", "主責",
                    "牽頭責任", "牽頭負責", "主要責任", "主要負責")
_SUPPORT_ROLE_WORDS = ("配合", "协办", "协助", "参与", "参加", "协同", "协作", "协同责任", "配合责任", "其他责任", "相关责任", "協辦", "協助",
                       "參與", "參加", "協同", "協作", "協同責任", "其他責任", "相關責任")
_RESPONSIBLE_ROLE_WORDS = ("责任", "实施", "承办", "负责", "落实", "責任", "實施", "承辦", "負責", "落實")
#: Further words that say a role inside a label read by its structure (`参加单位`, `主体责任单位`, `区级协作部门`):
#: they are not built into the fixed label lists, which table headers also use.
_LEAD_INSIDE = ("主要", "首要", "总牵头", "總牽頭")
_SUPPORT_INSIDE = ("参加", "參加", "辅助", "輔助")


def _labels(roles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{role}{organ}" for role in roles for organ in _ORGAN_WORDS)


LEAD_LABELS = (*_labels(_LEAD_ROLE_WORDS), "牵头")
SUPPORT_LABELS = (*_labels(_SUPPORT_ROLE_WORDS), "配合")
#: The officials in charge: people, never units (`责任领导：张明`, `牵头负责领导:金力。`).
_LEADER_KINDS = ("牵头负责", "牵头", "责任", "分管", "包抓", "联系", "负责", "牽頭負責", "牽頭", "責任", "聯繫", "負責")
_LEADER_LEVELS = ("省", "市", "州", "县", "区", "镇", "縣", "區", "鎮")
_LEADER_BEFORE = _LEADER_LEVELS + ("省政府", "市政府", "县政府", "区政府", "县级", "市级", "区级", "縣政府", "區政府", "縣級",
                                   "市級", "區級")
#: The officials in charge: people, never units (`责任领导：张明`, `牵头负责领导:金力。`, `分管省领导：林某`,
#: `市政府分管领导`).
LEADER_LABELS = tuple(dict.fromkeys(
    [f"{kind}{word}" for kind in _LEADER_KINDS for word in ("领导", "領導")]
    + [f"{kind}{level}{word}" for kind in _LEADER_KINDS for level in _LEADER_LEVELS for word in ("领导", "領導")]
    + [f"{before}{kind}{word}" for before in _LEADER_BEFORE for kind in _LEADER_KINDS for word in ("领导", "領導")]))
RESPONSIBLE_LABELS = (*_labels(_RESPONSIBLE_ROLE_WORDS), "责任主体", "責任主體")
DUE_LABELS = ("完成时限", "完成时间", "完成期限", "时间节点", "时间安排", "时限", "时限要求", "时间要求", "完成时限要求",
              "进度安排", "进度要求", "完成時限", "完成時間", "時限", "時限要求")
CADENCE_LABELS = ("工作频次", "频次")
#: Labels whose value is running text with role verbs (`部门分工：省发展改革委牵头，各地、各部门配合。`).
CLAUSE_LABELS = ("部门分工", "责任分工", "任务分工", "分工", "部門分工", "責任分工", "任務分工")
_LABEL_ROLES = {**{label: "lead" for label in LEAD_LABELS}, **{label: "support" for label in SUPPORT_LABELS},
                **{label: "responsible" for label in RESPONSIBLE_LABELS}, **{label: "due" for label in DUE_LABELS},
                **{label: "cadence" for label in CADENCE_LABELS}, **{label: "leader" for label in LEADER_LABELS},
                **{label: "clauses" for label in CLAUSE_LABELS}}
#: A role word and an organ word with a short word between them that says what the unit does in that role:
#: `牵头考核单位`, `配合落实部门`, `责任实施单位`. The role word gives the role, as in the plain labels; the
#: words are tried after the plain labels, so `主要责任单位` is still read as the whole word it is.
_ROLE_WORDS_BY_LENGTH = sorted({*_LEAD_ROLE_WORDS, *_SUPPORT_ROLE_WORDS, *_RESPONSIBLE_ROLE_WORDS, *_LEAD_INSIDE,
                                *_SUPPORT_INSIDE}, key=len, reverse=True)
#: A label read by its structure, not found in a list: a level or word it may open with (`区级`, `市直`, `主体`), a
#: role word, a few words that say more (`考核`, `落实`), and a word for an organ or for the one who answers (`主体`): `牵头考核单位`,
#: `区级配合部门`, `协同落实单位`, `实施主体`. Its role comes from the role words in it (`label_role`).
#: The word inside holds no organ or leader word: `责任领导责任单位` is two header cells, not one label.
_NOT_INSIDE = "|".join(map(re.escape, (*_ORGAN_WORDS, "领导", "領導")))
_LABEL_LEVEL = r"(?:[省市县区州镇乡縣區鄉鎮](?:级|直|級)?|(?![各有相其])[\u4e00-\u9fff]{1,2}?)?"
#: Words for the places that answer, closing a label as an organ word does: `责任地区:各区市县政府`, `配合区域:`.
_AREA_WORDS = ("地区", "地區", "区域", "區域")
_QUALIFIED_LABEL = (rf"{_LABEL_LEVEL}(?:{'|'.join(map(re.escape, _ROLE_WORDS_BY_LENGTH))})"
                    rf"(?:(?!{_NOT_INSIDE})[\u4e00-\u9fff]){{0,4}}?"
                    rf"(?:{'|'.join(map(re.escape, (*_ORGAN_WORDS, '主体', '主體', *_AREA_WORDS)))})")
#: The leader in charge named by structure: a word of office kind and 领导 (`包保领导`, `挂点市领导`, `督办县领导`).
_LEADER_KIND_WORDS = (*_LEADER_KINDS, "包保", "挂点", "挂钩", "督办", "督导", "协调", "掛點", "掛鉤", "督辦", "協調")
_STRUCTURAL_LEADER = (rf"(?:{'|'.join(map(re.escape, _LEADER_BEFORE))})?(?:{'|'.join(map(re.escape, _LEADER_KIND_WORDS))})"
                      rf"(?:{'|'.join(map(re.escape, _LEADER_LEVELS))})?(?:领导|領導)")
_LABEL_WORDS = ("|".join(sorted(map(re.escape, _LABEL_ROLES), key=len, reverse=True)) + "|" + _QUALIFIED_LABEL + "|"
                + _STRUCTURAL_LEADER)


def label_role(word: str) -> str:
    """The role a label says: `牵头单位` -> "lead"; one read by its structure by the role words in it: `牵头考核单位`,
    `主要责任单位` -> "lead", `协同责任单位`, `区级参加单位` -> "support", `落实单位`, `实施主体` -> "responsible",
    `包保领导` -> "leader". A lead word anywhere wins over a support word, and both over a word of responsibility
    (`牵头责任单位` leads, `其他责任单位` supports)."""
    if word in _LABEL_ROLES:
        return _LABEL_ROLES[word]
    if word.endswith(("领导", "領導")):
        return "leader"
    if any(role in word for role in (*_LEAD_ROLE_WORDS, *_LEAD_INSIDE)):
        return "lead"
    if any(role in word for role in (*_SUPPORT_ROLE_WORDS, *_SUPPORT_INSIDE)):
        return "support"
    return "responsible"


#: A table's column header is held to the narrower form (a role word first, a word of up to four inside, an
#: organ word): header cells are tried joined with their neighbours (`区本级` `任务数`), and the note's wider
#: form would read `主要内容` + `责任单位` or `事项` + `责任单位` as one label.
_HEADER_ROLE_WORDS = sorted({*_LEAD_ROLE_WORDS, *_SUPPORT_ROLE_WORDS, *_RESPONSIBLE_ROLE_WORDS}, key=len, reverse=True)
_QUALIFIED = re.compile(rf"(?:{'|'.join(map(re.escape, _HEADER_ROLE_WORDS))})(?:(?!{_NOT_INSIDE})[\u4e00-\u9fff]){{1,4}}?"
                        rf"(?:{'|'.join(map(re.escape, _ORGAN_WORDS))})")


def role_label(word: str) -> str | None:
    """The role of a word that is a label of units, plain or qualified (`协同配合单位`, `牵头考核单位`, as a table's
    column header): "lead", "support" or "responsible"; None for any other word."""
    if word in _LABEL_ROLES:
        role = _LABEL_ROLES[word]
        return role if role in ("lead", "support", "responsible") else None
    return label_role(word) if _QUALIFIED.fullmatch(word) else None


#: `牵头单位：`, `[牵头单位]:`, and `【牵头单位】` alone: a label closed by its brackets needs no colon.
#: A label may say more in parentheses before its colon: `牵头单位(部门):`, `责任单位（牵头）：` is not one (a mark).
_LABEL_ASIDE = r"(?:[(（](?:部门|单位|部門|單位|处室|科室|處室)[)）])?"
#: A `[` before the label closes before its colon (`[牵头单位]:`): `[负责单位:X]` is a bracketed note, not a label.
LABEL = re.compile(rf"^[ \t\u3000]*(?:【({_LABEL_WORDS})】[ \t\u3000]*[:：]?|(?:\[({_LABEL_WORDS})\]|({_LABEL_WORDS}))"
                   rf"{_LABEL_ASIDE}[ \t\u3000]*[:：])")
#: The next label in a group: after a comma, or after a run of spaces (`牵头单位:X  责任单位:Y`).
_NEXT_LABEL = re.compile(rf"[，,][ \t\u3000]*(?=[【\[]?({_LABEL_WORDS})[】\]]?{_LABEL_ASIDE}[ \t\u3000]*[:：])|(?=【(?:{_LABEL_WORDS})】)")
#: A label after the item's sentence on the same line: `(一)进一步加大投资力度。责任单位:省发改委牵头,…`.
#: (A bracketed note, `。[牵头单位:…]`, is a note, read as one.)
INLINE_LABEL = re.compile(rf"(?<=。)[ \t\u3000]*(?=(?:{_LABEL_WORDS}){_LABEL_ASIDE}[ \t\u3000]*[:：]|【(?:{_LABEL_WORDS})】)")


def inline_label(text: str) -> int | None:
    """Where a label after the item's sentence starts (outside any bracket), or None."""
    for match in INLINE_LABEL.finditer(text):
        before = text[: match.start()]
        if sum(before.count(c) for c in OPEN) == sum(before.count(c) for c in CLOSE):
            return match.start()
    return None
#: Spaces before a label separate it from the one before (`牵头单位:X  责任单位:Y`), as a comma would.
_SPACED_LABEL = re.compile(rf"(?<=[^ \t\u3000，,；;])[ \t\u3000]+(?=[【\[]?({_LABEL_WORDS})[】\]]?{_LABEL_ASIDE}[ \t\u3000]*[:：])")
#: A lead rule says that the first unit named leads, in many wordings: 列第一位者为牵头单位, 排在第一位的部门为牵头部门,
#: 首位单位为牵头单位, 第一责任单位为牵头单位, 列第一位的为工作牵头单位或汇总单位, 排名第一的單位為牽頭單位. Read by its
#: structure (a word for "first", then 为/是, then 牵头), not by a list of phrasings.
RULE_FIRST = re.compile(r"[列排](?:在|于)?(?:第一位|首位)|排名第一|排在前面的为牵头"
                        r"|(?:第一|首)(?:位|个|個)?[^，,。；;()（）]{0,8}?(?:为|為|爲|是)[^，,。；;()（）]{0,4}?(?:牵头|牽頭)")
RULE_NONE = re.compile(r"(?:排名)?不分先后")
#: A rule that a note naming no lead leaves every unit it lists answering for its own part: `未明确牵头单位的，由所列
#: 负责单位按职责分工负责，下同`, `没有标明牵头部门的，由列出的单位分别负责`, `未注明牵头单位的均为共同牵头单位` (as 分别负责).
RULE_EACH = re.compile(r"(?:未|没有|沒有|无|無|不)(?:明确|明確|标明|標明|注明|註明|列明|写明|寫明|指明|标注|標註|确定|確定)?"
                       r"(?:牵头|牽頭)(?:单位|部门|單位|部門|处室|科室)?的?")
#: The clause of such a rule that names the units it speaks of: `由所列负责单位按职责分工负责`, `列出的单位分别负责`.
_RULE_UNITS = re.compile(r"^(?:由|则由|則由|均由)?(?:(?:所列|上述|以上|前述|列出|列明|所列出|所列明)的?(?:各)?|各)(?:负责|責任|责任|負責|相关|相關)?"
                         r"(?:单位|部门|單位|部門)[\u4e00-\u9fff]{0,10}$")
HENCEFORTH = re.compile(r"下同|以下同|后同")
NO_DIVISION = re.compile(r"不再(?:做|作|进行|逐一|一一|单独)?(?:具体)?(?:分工|列出|列明)")
#: The kind of 不再… that speaks of later tasks: a name not listed again (`以下不再列出`), not `不再做分工`.
_NOT_LISTED_AGAIN = re.compile(r"不再(?:逐一|一一|单独)?(?:列出|列明)")
#: A bracket or line that talks about roles: when it is not understood, it is reported.
HINT = re.compile(r"责任单位|责任部门|牵头|责任主体|配合单位|負責|牽頭|负责[)）\]】〕]?$")
#: `具体任务均涉及相关市(州)人民政府`: units added to this task (and, with 下同, to every later one).
INVOLVES = re.compile(r"^(?P<ahead>以下|下列|后续)?(?:各项)?(?:具体任务|各项任务|以上任务|上述任务|具體任務|各項任務|政策措施|政策|措施|任务|工作"
                      r"|(?:责任|牵头|配合)(?:单位|部门)中?)?"  # `以下责任单位中均包含X，不再列出`: X is in every later list
                      r"(?:均|都)?(?:涉及|涉及到|需要|需|由|包含|包括)(.+?)(?:参与|配合|落实|落實|负责|負責)?$")
#: A piece that says when, not who (`6月底完成`, `年内持续推进`): the task's due date, not a unit.
DUE_PIECE = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:底|末|上旬|中旬|下旬|\d{1,2}日)?|年底|年内|年內|全年|长期|長期|\d{4}年底)"
                       r"(?:前|以前)?(?:完成|落实|落實|持续推进|持續推進|坚持|堅持)?$|^长期坚持$|^長期堅持$|^持续推进$|^持續推進$")
#: A piece that says how often, not who (`每季度报送一次进展`, `每月底前报送`, `定期通报`): the task's cadence, not a unit.
CADENCE_PIECE = re.compile(r"^(?:每(?:个)?(?:年度?|半年|季度?|月|周|旬)|定期|常态化|常態化)")
#: A rule written as a parenthesis after the first unit: `县发改局(首位单位为牵头单位,下同)`.
_RULE_AFTER_NAME = re.compile(r"[(（]([^()（）]*(?:牵头|牽頭)[^()（）]*)[)）]")


#: The roles of `Found` that hold units, in the order `Found.units` lists them.
_UNIT_FIELDS = ("lead", "each", "support", "consult", "responsible", "also")


@attrs.define
class Found:
    """What one note says; `responsible` units are split into lead and support by the lead rule."""

    lead: list[str] = attrs.field(factory=list)
    support: list[str] = attrs.field(factory=list)
    consult: list[str] = attrs.field(factory=list)
    responsible: list[str] = attrs.field(factory=list)
    due: list[str] = attrs.field(factory=list)
    cadence: list[str] = attrs.field(factory=list)
    leaders: list[str] = attrs.field(factory=list)  # people (责任领导), never units
    leaders_unsure: list[str] = attrs.field(factory=list)  # `林默周岚`: one name or several run together (reported)
    each: list[str] = attrs.field(factory=list)  # 分别负责: every one leads its own part
    also: list[str] = attrs.field(factory=list)  # 具体任务均涉及X: supporting units added by a rule
    also_henceforth: bool = False
    rule: str | None = None  # "first" (列第一位者为牵头单位) or "none" (不分先后)
    rule_henceforth: bool = False
    no_division: bool = False  # 不再做分工: the note's units stand for what follows
    problems: list[str] = attrs.field(factory=list)  # pieces that are not unit names
    assumed: list[str] = attrs.field(factory=list)  # readings the import report states (`黄埔区→黄埔区政府`)
    ambiguous: list[str] = attrs.field(factory=list)  # `市协办`: a unit, or 市 + the role word 协办? (reported)
    named_lead: list[str] = attrs.field(factory=list)  # `A、B(B牵头)`, `其中B为牵头单位`: the listed units that lead
    sources: list[str] = attrs.field(factory=list)  # `皖发〔2021〕9号`: the document a note cites, never a unit
    glosses: dict[str, str] = attrs.field(factory=dict)  # `各区人民政府〈含开发区…〉`: unit -> what it is said to cover

    @property
    def units(self) -> list[str]:
        return self.lead + self.each + self.support + self.consult + self.responsible + self.also

    def has_units(self) -> bool:
        """`bool(self.units)` without building the list: asked once per clause of a note."""
        return any(getattr(self, field) for field in _UNIT_FIELDS)

    def sizes(self) -> tuple[int, ...]:
        """How many units each role holds now, for `added_since`."""
        return tuple(len(getattr(self, field)) for field in _UNIT_FIELDS)

    def added_since(self, sizes: tuple[int, ...]) -> list[str]:
        """The units listed since `sizes` was taken, whichever role they went to (a clause may add a
        lead after supports were named, so they are not simply the end of `units`)."""
        return [name for field, size in zip(_UNIT_FIELDS, sizes) for name in getattr(self, field)[size:]]

    def roles(self, rule: str = "first") -> tuple[list[str], list[str], list[str]]:
        """(leads, supports, consulted), each unit once, in written order."""
        rule = self.rule or rule
        leads = list(self.lead) + list(self.each)
        supports = list(self.support)
        responsible = list(self.responsible)
        if self.named_lead:  # the note names which of its units lead: they do, the others support
            everyone = leads + responsible + supports
            leads = list(self.named_lead)
            supports = [name for name in everyone if name not in leads]
            responsible = []
        if responsible:
            if rule == "each" and not leads:  # no lead named: every listed unit answers for its part
                leads, responsible = responsible, []
            elif leads or rule == "none":
                supports = responsible + supports
            else:
                leads = responsible[:1]
                supports = responsible[1:] + supports
        # `各市、县（市、区）人民政府，以下政策均需市、县（市、区）人民政府落实`: the governments the note lists, named
        # again without their 各 for the later tasks, are listed once here
        listed = set(leads + supports + responsible)
        supports += [name for name in self.also if "各" + name not in listed]
        seen: set[str] = set()
        out = []
        for group in (leads, supports, list(self.consult)):
            kept = []
            for name in group:
                if name not in seen:
                    seen.add(name)
                    kept.append(name)
            out.append(kept)
        return out[0], out[1], out[2]


#: A gloss after a unit's name saying what it covers: `各区人民政府〈含开发区、长江新区管委会,下同〉`,
#: `各县（包括功能区）`, `各区政府（不含开发区）`. It says the scope of the unit (and, with 下同, of the name wherever it comes again), so it
#: is no part of the name and its 下同 is no rule for the notes.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff）)])[〈<(（](?P<gloss>(?:含|包括|包含|不含|不包括)[^〈〉<>()（）]{1,60}?)"
                    r"(?:[，,]?(?:下同|以下同))?[〉>)）]")
_BEFORE_NAME = "、，,：:；;。〈〉<>"


def _take_glosses(text: str, found: Found) -> str:
    """`text` without the glosses after unit names; each is kept in `found.glosses` under its name (the name
    back to the separator before it, its own parentheses included: `各县(市、区)人民政府〈含…〉`)."""
    def take(match: re.Match[str]) -> str:
        start, depth = match.start(), 0
        while start > 0 and match.start() - start < 30:
            char = text[start - 1]
            depth += (char in CLOSE) - (char in OPEN)
            if depth < 0 or (depth == 0 and char in _BEFORE_NAME):
                break
            start -= 1
        name = split_mark(tidy(text[start:match.start()]))[0]
        if name:
            found.glosses.setdefault(name, match.group("gloss"))
        return ""
    return _GLOSS.sub(take, text) if "含" in text or "包括" in text else text


def parse_note(text: str, labelled_only: bool = False) -> Found | None:
    """Roles in a note's inner text; None when the note does not assign anything."""
    found = Found()
    text = _UNCLOSED_YEAR.sub(r"\1〕", text)
    text = _take_glosses(text, found)
    any_role = False
    clauses_units: list[list[str]] = []  # the units each unlabelled clause named, in order
    for sentence in depth_split(text, "。"):
        for group in depth_split(sentence, "；;"):
            group = _SPACED_LABEL.sub("，", group)
            if LABEL.match(group):
                group = _cut_values(group, found)
            group = tidy(group)
            if not group:
                continue
            if LABEL.match(group):
                sizes = found.sizes()
                for part in _labelled_parts(group):
                    any_role |= _labelled(part, found)
                if found.sizes() != sizes:
                    clauses_units.append(found.added_since(sizes))
            elif labelled_only:
                return None
            elif (labelled := _labels_after_lead(group)) is not None:
                # `（5月底完成，牵头考核单位：X）`: the labels after a first clause are read as labels, and that
                # clause (what it says is when) is read after them, as a deadline once the note has units
                lead_clauses, rest = labelled
                when = [clause for clause in lead_clauses if _SAYS_WHEN.search(clause)]
                for clause in lead_clauses:  # `（X牵头，配合单位：Y）`: clauses of units keep their order
                    if clause not in when:
                        any_role |= _clause(clause, found)
                for part in _labelled_parts(rest):
                    any_role |= _labelled(part, found)
                found.due += when  # prose that says when (`5月底取得阶段性成效并持续推进`) is the 时限's text
            else:
                for clause in depth_split(group, "，,"):
                    clause = tidy(clause)
                    sizes = found.sizes()
                    if NO_DIVISION.search(clause) and _carry_ahead(found, clauses_units, clause):
                        continue
                    any_role |= _clause(clause, found)
                    if found.sizes() != sizes:
                        clauses_units.append(found.added_since(sizes))
    if not any_role or not (found.has_units() or found.leaders):
        return None
    return found


#: A clause that says when (`5月底完成`, `年底前取得阶段性成效`, `持续优化`): before a note's labels, its 时限.
_SAYS_WHEN = re.compile(r"\d{1,4}(?:年|月|日)|年底|年内|年內|全年|长期|長期|持续|持續|常态|常態|定期|底前|前完成")


def _labels_after_lead(group: str) -> tuple[list[str], str] | None:
    """(the clauses before, the rest from the first label on) when a label starts a later clause of `group`."""
    clauses = depth_split(group, "，,")
    for index, clause in enumerate(clauses[1:], start=1):
        if LABEL.match(clause):
            return [tidy(c) for c in clauses[:index] if tidy(c)], group[len("，".join(clauses[:index])) + 1:]
    return None


def _carry_ahead(found: Found, clauses_units: list[list[str]], clause: str) -> bool:
    """`（A、B负责，列第一位的为牵头单位，下同。各县区人民政府按职责落实，以下不再列出）`: a 不再列出 after a clause of
    units that is not the note's first says those units (the 各县区人民政府) take part in this task and every
    later one, as `以下…均需X落实，不再单独列出` does; the note's first units keep their roles. When the units before
    it are the note's only ones, `不再做分工` keeps its meaning (they stand for what follows)."""
    if len(clauses_units) < 2:
        return False
    ahead = clauses_units[-1]
    if found.also:
        # `…负责，各项政策措施均需X落实，以下不再列出`: the clause before already added X to this task; not listing
        # it again says it holds for every later task as well (`不再做分工` says nothing of later tasks)
        if _NOT_LISTED_AGAIN.search(clause) and all(name in found.also for name in ahead):
            found.also_henceforth = True
            return True
        return False
    for field in ("lead", "support", "responsible", "each", "consult"):
        setattr(found, field, [name for name in getattr(found, field) if name not in ahead])
    found.also += ahead
    found.also_henceforth = True
    return True


def _labelled_parts(group: str) -> list[str]:
    parts, cursor = [], 0
    for match in _NEXT_LABEL.finditer(group):
        parts.append(group[cursor:match.start()])
        cursor = match.end()
    parts.append(group[cursor:])
    return [piece for part in parts if part.strip() for piece in _glued_apart(part)]


#: A label run on after the last unit of the label before, nothing between them (`牵头部门:A、B责任部门:C`): a listed
#: label word and its colon right after a character a name ends with. Only the listed words: a label read by its
#: structure may open with any word (`务办责任部门`) and would cut into the unit before it.
_GLUED_LABEL = re.compile(rf"(?<=[\u4e00-\u9fff)）])(?=({'|'.join(sorted(map(re.escape, _LABEL_ROLES), key=len, reverse=True))})"
                          rf"{_LABEL_ASIDE}[ \t\u3000]*[:：])")


def _glued_apart(part: str) -> list[str]:
    """`part` cut before each label run on in its value (the value starts after the part's own label)."""
    label = LABEL.match(part)
    if label is None:
        return [part]
    pieces, start, cursor = [], 0, label.end()
    while (glued := _GLUED_LABEL.search(part, cursor)) is not None:
        pieces.append(part[start:glued.start()])
        start = glued.start()
        cursor = glued.start() + len(glued.group(1))  # past the label word: a shorter word inside it is no label
    pieces.append(part[start:])
    return pieces


def _labelled(part: str, found: Found) -> bool:
    match = LABEL.match(part)
    if not match:  # text after a labelled part with no label of its own
        return _clause(tidy(part), found)
    role = label_role(match.group(1) or match.group(2) or match.group(3))
    value = tidy(part[match.end():]).rstrip("。.；;，, ")
    if role in ("due", "cadence"):
        getattr(found, role).append(value)
        return False
    if role == "clauses":  # running text: `X牵头，A、B配合`
        understood = False
        for clause in depth_split(value, "，,"):
            understood |= _clause(tidy(clause), found)
        return understood
    if role == "leader":
        for name in (tidy(piece) for piece in depth_split(value, "、，,")):
            if name:
                found.leaders.append(name)
                if len(name) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name) and not is_official(name):
                    found.leaders_unsure.append(name)  # one name, or several run together (`林默周岚`)?
        return True
    value = _ahead_in_value(value, found)
    value = _rules_after_names(value, found)
    # `责任单位:A、B,排在首位的为牵头单位,下同`: a rule (or 下同, 不再分工) written as a clause of the value
    kept = []
    for clause in (tidy(clause) for clause in depth_split(value, "，,")):
        if RULE_FIRST.search(clause) or RULE_NONE.search(clause) or RULE_EACH.search(clause) \
                or (_RULE_UNITS.match(clause) and RULE_EACH.search(value)) or NO_DIVISION.search(clause) \
                or HENCEFORTH.fullmatch(clause.rstrip("。")):
            _clause(clause, found)
        elif clause.startswith("其中") and _named_lead(clause, value, found):
            continue  # `其中市财政局为牵头单位`
        else:
            kept.append(clause)
    value = _VERB_THEN_LIST.sub("，", "，".join(kept))
    clauses = [tidy(clause) for clause in depth_split(value, "，,")]
    if len(clauses) > 1 and any(strip_verb(clause)[1] in ("lead", "support", "each") for clause in clauses):
        # `责任单位:省发改委牵头,省交通厅、省水利厅配合`: the label's value says the roles itself
        understood = False
        for clause in clauses:
            understood |= _clause(clause, found)
        return understood
    body, verb = strip_verb(value)
    if verb is not None and (glued := glued_role_word(value)):
        found.ambiguous.append(glued)
    names = split_marked(body)
    if verb == "each":
        names = _each_names(names)
    _shared_organ_readings(body, [name for name, _ in names], found)
    for name, mark in names:  # a mark (`X(牵头)`) says the role itself, as the parser reads it
        if DUE_PIECE.match(name):
            found.due.append(name)
        elif DOCUMENT_NUMBER.match(name):  # `责任单位：青政办〔2031〕12、…`: the source, no unit
            found.sources.append(name)
        elif CADENCE_PIECE.match(name) and found.has_units():
            found.cadence.append(name)
        elif is_official(name):  # `责任单位：…、分管副县长`: a person, the task's leader
            found.leaders.append(name)
        elif could_be_unit(name, labelled=True):
            getattr(found, mark or ("each" if verb == "each" else role)).append(name)
        else:
            found.problems.append(name)
    return bool(names)


_GAP = re.compile(r"[ \t\u3000]+")


#: Where a label's value goes on with the units of every later task: `…，以下均需X、Y落实，不再列出`.
_AHEAD_START = re.compile(r"[，,。][ \t\u3000]*(?=(?:以下|下列|后续)[^，,。]{0,8}?(?:均|都)?(?:涉及|需要|需|由|包含|包括))")
_AHEAD_END = re.compile(r"[，,。]?[ \t\u3000]*" + NO_DIVISION.pattern + r"[。]?$")


def _ahead_in_value(value: str, found: Found) -> str:
    """`责任单位：A、B，各市政府，以下均需各市、县（区）人民政府，C落实，不再列出`: the units after 以下均需 (the clause
    may hold a comma of its own) take part in this task and every later one, as the unlabelled note's
    `以下…均需X落实，不再列出` says; the value is what comes before it. The value as it is when the clause names
    anything but units."""
    start = _AHEAD_START.search(value)
    end = _AHEAD_END.search(value, start.end()) if start else None
    if start is None or end is None:
        return value
    involves = INVOLVES.match(value[start.end():end.start()])
    names = split_units(strip_verb(involves.group(2))[0]) if involves else []
    if not names or not all(could_be_unit(name) for name in names):
        return value
    found.also += [name for name in names if name not in found.also]
    found.also_henceforth = True
    return value[:start.start()]


def _cut_values(group: str, found: Found) -> str:
    """The labelled parts of a group, each value cut where its list of units ends (`_value_and_rest`); what is cut
    off is reported as not understood."""
    parts = []
    for part in _labelled_parts(group):
        match = LABEL.match(part)
        if match is None:
            parts.append(part)
            continue
        value, rest = _value_and_rest(part[match.end():])
        if rest:
            found.problems.append(rest)  # `各区政府 鄞州 海曙 … 2 5 1 2 10`: a table run into the line, no units
        parts.append(part[: match.end()] + value)
    return "，".join(parts)


def _value_and_rest(value: str) -> tuple[str, str]:
    """A label's value up to where its list of units ends, and what follows it on the line. A run of spaces after
    a whole name (`各区政府 鄞州 海曙、江东 … 2 5 1 2 10`, a table run into the line) ends the list, unless every
    piece after it is a unit too (units apart by spaces); a space inside a name that a line wrap left
    (`人力 资源社会保障局`, `市 住建局`) does not: the piece before it is no whole name (three characters at least,
    ending like an organ or a place)."""
    for gap in _GAP.finditer(value.strip(" \t\u3000")):
        stripped = value.strip(" \t\u3000")
        before, after = stripped[: gap.start()], stripped[gap.end():]
        last = re.split(r"[、，,；;]", before)[-1]
        if not after or after[0] in "、，,；;)）]】〕" or len(last) < 3 or not looks_like_unit(last):
            continue
        if all(looks_like_unit(piece) for piece in _GAP.split(after) if piece):
            continue
        return before, tidy(after)
    return value, ""


#: `A和B分别牵头、C`: a role verb closes its clause even when the list goes on after 、 (C is another clause).
_VERB_THEN_LIST = re.compile(r"(?<=牵头|牽頭|负责|負責|配合|协办|協辦|主办|主辦|落实|落實)、")
#: `A和B分别牵头`: with 分别 the list has several units, so 和/及 after a name ending like an organ joins two.
_EACH_JOIN = re.compile(r"(?:和|及|与|與)")


def _each_names(marked: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    out = []
    for name, mark in marked:
        parts = [tidy(part) for part in _EACH_JOIN.split(name)]
        # the names before 和 must end like an organ (国家发展和改革委员会 is one name); the last may end in anything
        if len(parts) > 1 and all(looks_like_unit(part) for part in parts[:-1]) and could_be_unit(parts[-1], True):
            out += [(part, mark) for part in parts]
        else:
            out.append((name, mark))
    return out


#: Two-character names spaced to the width of three (`林 默`): a cell of several such is several people.
_SPACED_NAMES = re.compile(r"(?:[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]){2,}")
_SPACED_NAME = re.compile(r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]")


def leader_cell(cell: str) -> str:
    """A table's leader cell with its people apart: `林 默周 岚` -> `林默、周岚` (names spaced to one width and run
    together); any other cell as it is."""
    cell = cell.strip(" \u3000")
    if _SPACED_NAMES.fullmatch(cell):
        return "、".join(name.replace(" ", "").replace("\u3000", "") for name in _SPACED_NAME.findall(cell))
    return cell


def _shared_organ_readings(body: str, names: list[str], found: Found) -> None:
    """`荔湾区、黄埔区政府` read as 荔湾区政府 and 黄埔区政府, `甲城、丙河市政府` as 甲城市政府 and 丙河市政府: a
    reading, not what is written, so the report says so (the list could also name the places themselves)."""
    for name in names:
        if re.search(rf"(?:^|[、，,由]){re.escape(name)}(?:$|[、，,]|等)", body):
            continue  # written so (a trailing 等 closes the list after it: `…，各市、县〔区〕人民政府等负责`)
        for end in range(len(name) - 1, 0, -1):  # the longest written place the name was made from
            place = name[:end]
            if re.search(rf"(?:^|[、，,由]){re.escape(place)}、", body) and name[end:] in body:
                found.assumed.append(f"{place}→{name}")
                break


#: A statement of which listed units lead: `(市财政局牵头)`, `其中市财政局为牵头单位`, `市财政局为牵头部门`.
_NAMED_LEAD = re.compile(r"^(?:其中)?(?P<names>[^，,。；;]{2,60}?)(?:为|為|爲|是)?(?:牵头|牽頭)(?:单位|部门|單位|部門)?(?:负责|負責)?$")


def _named_lead(text: str, listed: str, found: Found) -> bool:
    """Is `text` a statement naming which of the units in `listed` lead? If so, they are recorded."""
    match = _NAMED_LEAD.match(tidy(text))
    if match is None:
        return False
    names = split_units(match.group("names"))
    # the units named are listed (`A、B(B牵头)`), or are units of their own that lead the listed ones (`A、B(C牵头)`)
    if not names or not all(name in listed or could_be_unit(name) for name in names):
        return False
    found.named_lead += [name for name in names if name not in found.named_lead]
    return True


def _rules_after_names(value: str, found: Found) -> str:
    """`县发改局(首位单位为牵头单位,下同)、县财政局`: the rule is read and taken out of the unit's name;
    `A、B(B牵头)`: the units named lead."""
    for match in list(_RULE_AFTER_NAME.finditer(value)):
        inner = match.group(1)
        if RULE_FIRST.search(inner) or RULE_NONE.search(inner) or RULE_EACH.search(inner):
            found.rule = "first" if RULE_FIRST.search(inner) else "none" if RULE_NONE.search(inner) else "each"
            found.rule_henceforth = bool(HENCEFORTH.search(inner))
            value = value.replace(match.group(0), "", 1)
        elif _named_lead(inner, value.replace(match.group(0), ""), found):
            value = value.replace(match.group(0), "", 1)
    return value


def _clause(clause: str, found: Found) -> bool:
    """One comma-separated clause of an unlabelled note: `A、B牵头`, `C按职责分工负责`, a rule."""
    if not clause:
        return False
    if RULE_FIRST.search(clause) or RULE_NONE.search(clause) or RULE_EACH.search(clause):
        found.rule = "first" if RULE_FIRST.search(clause) else "none" if RULE_NONE.search(clause) else "each"
        found.rule_henceforth = bool(HENCEFORTH.search(clause))
        return False
    if found.rule == "each" and _RULE_UNITS.match(clause):
        return False  # `由所列负责单位按职责分工负责`: the rule's own words, no unit
    if NO_DIVISION.search(clause):
        found.no_division = True
        return False
    if HENCEFORTH.fullmatch(clause.rstrip("。")):
        found.rule_henceforth = True
        found.also_henceforth = found.also_henceforth or bool(found.also)
        return False
    if DOCUMENT_NUMBER.match(clause):
        found.sources.append(clause)
        return False
    if DUE_PIECE.match(clause) or (found.has_units() and _understood_due(clause)):
        found.due.append(clause)
        return False
    if found.has_units() and CADENCE_PIECE.match(clause):
        found.cadence.append(clause)
        return False
    involves = INVOLVES.match(clause)
    if involves and found.has_units():
        # `以下均需各片区配合落实`: the verb after the units (配合落实) is no part of their names
        names = split_units(strip_verb(involves.group(2))[0])
        if names and all(could_be_unit(name) for name in names):
            found.also += names
            # `以下政策措施均需X落实`: X for every later task as well (`下同` says the same after the fact)
            found.also_henceforth = found.also_henceforth or bool(involves.group("ahead"))
            return False
    stated = _ROLE_STATED.match(clause)
    if stated and (verb_word := _STATED_ROLES.get(stated.group("role"))):
        clause = stated.group("names") + verb_word  # `各县(市、区)政府均为责任单位`: the units and their role
    body, verb = strip_verb(clause)
    glued = glued_role_word(clause) if verb is not None else None
    if glued:
        found.ambiguous.append(glued)
    consulted: list[str] = []
    body = body.replace("會同", "会同")
    if "会同" in body:
        body, _, other = body.partition("会同")
        consulted = split_units(other)
        verb = verb or "responsible"
    assisting = _assisting(body) if verb is not None else None
    if assisting is not None:  # `省人事厅配合省委有关部门落实`: the units after 配合 answer for it, the ones before assist
        body, helpers = assisting
        found.support.extend(helpers)
        verb = "lead" if verb == "lead" else "responsible"  # `A配合B、C牵头`: both lead, as `B、C牵头` says
    marked = split_marked(body)
    if verb == "each":
        marked = _each_names(marked)
    names = [name for name, _ in marked]
    _shared_organ_readings(body, names, found)
    numbers = [name for name in names if DOCUMENT_NUMBER.match(name)]
    if numbers and len(numbers) < len(names):  # `青政办〔2031〕12、省科技厅牵头`: the number is the source, no unit
        found.sources.extend(numbers)
        marked = [(name, mark) for name, mark in marked if name not in numbers]
        names = [name for name in names if name not in numbers]
    if not names or not all(could_be_unit(name) for name in names + consulted):
        if names and not glued:  # a glued role word is reported as ambiguous already
            found.problems.append(clause)
        return False
    role = verb or "responsible"
    for name, mark in marked:
        if is_official(name):  # `（分管副省长、协管副秘书长负责，…）`: officials in charge, not units
            found.leaders.append(name)
        else:
            getattr(found, mark or role).append(name)
    found.consult.extend(consulted)
    # A bare list (`（A、B）`) is not an assignment by itself; one with a role mark (`（A(牵头)、B）`) is.
    return verb is not None or any(mark for _, mark in marked)


#: A role verb between two lists of units: `A配合B落实`, `A、B协助C做好`.
_ASSISTS = re.compile(r"配合|协助|協助")


def _assisting(body: str) -> tuple[str, list[str]] | None:
    """(the units assisted, the units that assist them) when `body` is `A配合B`: both sides lists of units, as
    running text reads `X要…协助Y…`; None when 配合 ends the clause or what follows it is no unit (`配合做好`)."""
    for match in _ASSISTS.finditer(body):
        helpers, assisted = split_units(body[:match.start()]), body[match.end():]
        names = split_units(assisted)
        if helpers and names and all(could_be_unit(name) for name in helpers + names):
            return assisted, helpers
    return None


#: A document number a note cites as the task's source: `皖发〔2021〕9号`, `国发[2020]6号`, `皖發〔20229號` (a copy
#: that lost the `〕` and the 年): an issuer's short name, a year, a serial number, 号.
DOCUMENT_NUMBER = re.compile(r"^(?:(?:依据|根据|按照|落实|依據|根據|落實)《?)?(?:[\u4e00-\u9fff]{1,10}[〔\[［(（]?\d{4}[〕\]］)）年]?\d{1,4}[号號]"
                             r"|[\u4e00-\u9fff]{1,10}[〔\[［]\d{4}[〕\]］]\d{1,4})(?:文件|精神|要求|文|规定|規定)?$")
#: `（青发〔2031〕3，…）`: without its 号 a number is still one when its year stands in brackets (`〔2031〕`); with
#: an opening word and what is cited (`依据青发〔2031〕7号文件`) too.


#: A document number's year whose `〕` the copy lost (`皖發〔20229號`): closed again, so that the bracket does not
#: swallow the units after it when the note is split into clauses.
_UNCLOSED_YEAR = re.compile(r"([〔\[［]\d{4})(?![\d]*[〕\]］])")


#: A clause that states its units' role in words: `各县（市、区）政府均为责任单位`, `A、B为配合单位`.
_ROLE_STATED = re.compile(r"^(?P<names>.+?)(?:均|都|也|亦)?(?:为|為|爲|是|作为|作為)(?P<role>牵头|牽頭|配合|协办|協辦|责任|責任)"
                          r"(?:单位|部门|單位|部門)$")
_STATED_ROLES = {"牵头": "牵头", "牽頭": "牵头", "配合": "配合", "协办": "配合", "協辦": "配合", "责任": "负责", "責任": "负责"}


def _understood_due(clause: str) -> bool:
    """A clause after the units that qlmatrix.cadence reads as a date (`年内持续推进` is not one)."""
    return len(clause) <= 16 and Cadence.parse(clause).understood and bool(re.search(r"\d|年|月|底", clause))
