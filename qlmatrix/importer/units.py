"""Unit names as documents write them: splitting lists, trimming, telling units from prose.

Lists split at 、，, outside parentheses, so `各县(市、区)政府(管委会)` and
`市交通委（市道运局）` stay whole; a collective written with a bare 、
(`各区、县级市`, `各省、自治区、直辖市人民政府`) is put back together, and a
collective joined by 及/和 (`民政部等和各省级人民政府`, `州委编办及州直相关单位`) is
split off.

Inside an annotation a unit is recognised by the annotation's structure (its
label or role verb, its separators), not by how the name ends: `团市委`,
`市侨联`, `北京冬奥组委` are units there. What is rejected (`could_be_unit`) is
what has the shape of prose: sentence punctuation, a verb phrase, a date. In
running text, where nothing marks a list of units, a name must also end like
an organ (`looks_like_unit`, by suffix).
"""

from __future__ import annotations

import re

from ..keywords import ROLE_MARKS
from ..model import Role
from ..parser.values import split_top_level

OPEN = "(（[【〔"
CLOSE = ")）]】〕"

#: Words stuck to the last unit of a list that are not part of its name (longest first).
TRAILING = ("等有关部门和单位", "等有关部门和地方", "等有关单位和部门", "等有关部门", "等有关单位", "等相关部门", "等相关单位",
            "等部门", "等单位", "等")
#: Role verbs that end a clause: verb -> role word ("lead", "support", "responsible", "consult").
VERBS = (
    ("牵头负责", "lead"), ("牵头落实", "lead"), ("牵头", "lead"), ("牽頭負責", "lead"), ("牽頭", "lead"),
    ("按职责分工负责", "responsible"), ("按職責分工負責", "responsible"), ("按职责负责", "responsible"),
    ("按職責負責", "responsible"), ("分工负责", "responsible"), ("分工負責", "responsible"),
    ("按职责分工落实", "responsible"), ("按職責分工落實", "responsible"), ("按职责落实", "responsible"),
    ("按職責落實", "responsible"), ("落實", "responsible"),
    # 分别负责: each unit answers for its own part, so each leads (`省发改委、农委、统计局分别负责`).
    ("分别负责", "each"), ("分別負責", "each"), ("分别牵头负责", "each"), ("分别牵头", "each"), ("分別牽頭", "each"), ("共同负责", "responsible"), ("配合落实", "support"),
    ("负责落实", "responsible"), ("主办", "lead"), ("主辦", "lead"), ("牵头抓总", "lead"),
    ("负责", "responsible"), ("負責", "responsible"), ("落实", "responsible"),
    ("配合", "support"), ("協助", "support"), ("协助", "support"), ("参与", "support"), ("協辦", "support"),
    ("协办", "support"), ("参加", "support"), ("參加", "support"),
)
_SUFFIXES = (
    "部", "委", "局", "办", "厅", "署", "院", "会", "行", "中心", "政府", "党委", "党组", "总队", "支队", "大队",
    "公司", "集团", "室", "处", "科", "站", "所", "队", "馆", "社", "团", "联", "工委", "小组", "机关", "单位",
    "部门", "法院", "银行", "协会", "学校", "大学", "医院", "办公室", "指挥部", "组", "企业", "街道", "乡镇",
    "镇", "乡", "村", "社区", "区", "县", "市", "州", "省", "地区", "兵团", "司", "台", "园", "军", "辦", "廳",
    "門", "會", "處", "隊", "黨委", "黨組",
)
_COLLECTIVE_START = ("各", "有关", "有關", "相关", "相關", "其他", "其它", "上一级", "上级", "全市", "全区", "全县", "全省",
                     "所有")
#: A class of units inside a longer name: 市直各有关单位, 区级相关部门, 省政府各部门, 省局党的建设领导小组各成员单位.
_COLLECTIVE_INSIDE = re.compile(r"[直级級局区區市县縣州委府]各|各(?:有关|有關|相关|相關|成员|成員)|(?:有关|有關|相关|相關)"
                                r"(?:部门|部門|单位|單位|地方)$|各[^、，,]{1,8}(?:单位|單位|部门|部門|专班|專班)$")
#: Where a collective is joined to the name before it by 及/和 (`A及各县市区政府`, `A等和各省级人民政府`).
_JOINED_COLLECTIVE = re.compile(r"等?(?:以及|及|和|与)(?=(?:各|有关|有關|相关|相關|其他|[省市州县縣区區](?:直|级|級)))|等(?:以及|及|和)")
#: The shape of prose, not of a name: a verb phrase opening the piece (抓好落实), a date (6月底完成).
_PROSE_START = re.compile(r"^(?:抓好|做好|加强|加強|推进|推進|开展|開展|建立|完善|落实|落實|实施|實施|提高|提升|强化|強化|深化|"
                          r"推动|推動|加快|严格|嚴格|全面|进一步|進一步|确保|確保|指导|督促|统筹|坚持|支持|鼓励|引导|"
                          r"规范|优化|健全|制定|探索|具体|具體|均|对|對|在|按|以|将|將|把|从|向|为|為|与|同|并|並|见|見|详见|詳見|"
                          r"参见|另行|待定|暂定|暫定)")
#: What a note says instead of units: `责任单位:见附件`, `另行明确`.
_INSTEAD_OF_UNITS = re.compile(r"附件|附表|另行|待定|暂定|暫定|明确后")
_DATE_LIKE = re.compile(r"\d{1,4}(?:年|月|日|天)|年底|年内|年內|全年|长期|長期|持续|持續|前完成|底前|月底|月末")
_LEVEL_WORDS = ("县级市", "自治区", "自治州", "自治县", "直辖市", "计划单列市", "市", "县", "区", "州", "盟", "旗",
                "乡", "镇", "街道", "乡镇", "兵团", "新疆生产建设兵团",
                "縣級市", "自治區", "自治縣", "直轄市", "縣", "區", "鄉", "鎮", "鄉鎮")
#: A level word alone, listed before the governments it shares (`市、县人民政府` is 市 and 县 governments): never a
#: unit by itself.
_BARE_LEVELS = ("省", "市", "县", "區", "区", "州", "縣")
_GOVERNMENT_END = re.compile(r"(?:人民政府|政府|管委会|管委會)$")
#: How a collective of places starts: `各区、县级市`, `相关市、县政府`, `各有关区、县人民政府`, `有關市、縣政府`.
_CLASS_START = ("各", "有关", "有關", "相关", "相關", "其他", "其它")
_NOT_IN_NAMES = re.compile(r"[。；;：:“”\"《》？！?!]|的|要|是|将|并|把")
_BY_PREFIX = re.compile(r"^(?:(?:以下|上述|本章|本节|以上)[^由]{0,6})?由")
#: Role marks after a name (`市委(牵头)`): the parser's (keywords.ROLE_MARKS), and in traditional characters.
#: A mark is never part of a name: the parser would strip it when it reads the plan back.
MARKS = {**{mark: "lead" if role is Role.LEAD else "support" for mark, role in ROLE_MARKS.items()},
         "牽頭": "lead", "协助": "support", "協助": "support"}
_MARK = re.compile(r"[(（][ \t\u3000]*(" + "|".join(sorted(map(re.escape, MARKS), key=len, reverse=True))
                   + r")[ \t\u3000]*[)）]$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff）)])[ \t\u3000]+(?=[\u4e00-\u9fff（(])")


def depth_split(text: str, separators: str) -> list[str]:
    """Parts of `text` between separators outside any bracket (the parser's splitter, with more brackets)."""
    return [text[start:end] for start, end in split_top_level(text, separators, (OPEN, CLOSE))]


def tidy(text: str) -> str:
    """Drop line-wrap spaces between Chinese characters and surrounding blanks."""
    return _CJK_GAP.sub("", text).strip(" \t\u3000\u00a0")


#: What a role verb may be followed by without changing the role: `X牵头实施`, `由X负责组织实施`, `A配合推进`.
_AFTER_VERB = re.compile(r"(?:组织|組織|具体|具體)?(?:实施|實施|推进|推進|落实|落實|办理|辦理|执行|執行)$")


#: How the units do it, said between them and the role verb: `按职责分工配合`, `等按照职责分工负责`, `依职责参与`.
#: It qualifies any verb (the verbs list only a few such phrases whole), and it is never part of a name.
_MANNER = re.compile(r"(?:按照|按|依照|依据|依據|根据|根據|依)(?:各自|各自的)?(?:职责|職責|职能|職能)(?:分工)?$")


def strip_verb(text: str) -> tuple[str, str | None]:
    """`A、B牵头负责` -> (`A、B`, "lead"); `X牵头实施` likewise; `A、B` -> (`A、B`, None); `B按职责分工配合` ->
    (`B`, "support")."""
    text = tidy(text)
    found = _strip_verb(text)
    if found[1] is None and (after := _AFTER_VERB.search(text)) and after.start() > 0:
        found = _strip_verb(text[: after.start()])
        if found[1] is None:
            return text, None
    body, role = found
    if role is not None and (manner := _MANNER.search(body)) and manner.start() > 0:
        body = body[: manner.start()].rstrip(" ，,、")
    return body, role


#: Role words that also end like an organ's name: `市协办` is 市 + 协办 (supports), or one unit (科协's 办)?
_ORGAN_LIKE_VERBS = ("协办", "主办", "協辦", "主辦")


def glued_role_word(text: str) -> str | None:
    """The piece a role word is glued to when the two could also be one unit's name (`市协办`, `区主办`): the
    role word ends like an organ (办) and what it follows is too short to be a unit by itself. The document is
    ambiguous there, and the report says so. None otherwise (`省国税局、地税局协办` is plain)."""
    text = tidy(text)
    for verb in _ORGAN_LIKE_VERBS:
        if text.endswith(verb):
            last = depth_split(text[: -len(verb)], "、，,")[-1].strip() if len(text) > len(verb) else ""
            if 0 < len(last) <= 2:
                return last + verb
    return None


#: Longest first: `分别牵头` is not `分别` + `牵头`.
_VERBS_LONGEST_FIRST = sorted(VERBS, key=lambda pair: len(pair[0]), reverse=True)


#: `分别` before any role verb (`分别牵头落实`, `分别负责落实`): each listed unit answers for its own part.
_EACH = ("分别", "分別")


#: `各片区负责配合落实`, `X负责牵头`: 负责 before the verb that says the role is not part of the name.
_RESPONSIBLE_BEFORE = ("负责", "負責")


def _strip_verb(text: str) -> tuple[str, str | None]:
    for verb, role in _VERBS_LONGEST_FIRST:
        if text.endswith(verb) and len(text) > len(verb):
            body = text[: -len(verb)].rstrip(" ，,、")
            for each in _EACH:
                if body.endswith(each) and len(body) > len(each):
                    return body[: -len(each)].rstrip(" ，,、"), "each"
            for before in _RESPONSIBLE_BEFORE if role in ("lead", "support") else ():
                if body.endswith(before) and len(body) > len(before):
                    return body[: -len(before)].rstrip(" ，,、"), role
            return body, role
    return text, None


#: `等省有关部门`, `等省直有关单位`, `等市级相关部门`, `等国务院相关部门`, `等市政府有关部门`: 等 and a class of units of one level, closing a list
#: (the words TRAILING lists, with a level before them); the class may name the kind of unit by its level and
#: organ (`浦东新区等相关区政府`, `A等其他县级部门`, `B等有关乡镇人民政府`), a bracketed level or 设区市
#: (`等相关县（市、区）政府`, `等其他设区市政府`): a class still, never a unit; the places after 等 are the kind the names
#: before it are, or its government's (`等市政府有关部门`). Or the class of a named body's members,
#: `等市某某工作领导小组有关成员单位` (a 等 of 高等, 平等, 中等 is a word's, not the list's).
_TRAILING_LEVEL = re.compile(r"(?:等(?:(?:省|市|州|县|縣|区|區|国务院|國務院)?(?:人民政府|政府)?(?:直|级|級)?(?:有关|有關|相关|相關|其他|其它)"
                             r"(?:省|市|州|县|縣|区|區|乡镇|鄉鎮|镇|鎮|街道)?(?:直|级|級)?"
                             r"(?:部门|部門|单位|單位|机构|機構|人民政府|政府|管委会|管委會|办事处|辦事處)"
                             r"|(?:有关|有關|相关|相關|其他)(?:设区的?|設區的?)?(?:[省市州县縣区區乡鄉镇鎮]|[（(][市县縣区區旗、]+[）)]){1,4}"
                             r"(?:人民政府|政府|管委会|管委會))"
                             r"|(?<![高平同中初均对對])等[\u4e00-\u9fff“”\"]{2,40}?(?:有关|有關|相关|相關)?(?:成员|成員)(?:单位|單位|部门|部門))"
                             r"(?:和单位|和部门|和單位|和部門)?$")


def strip_trailing(name: str) -> str:
    for word in TRAILING:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    level = _TRAILING_LEVEL.search(name)
    if level and level.start() > 0:
        return name[: level.start()]
    return name


_STARS = ("*", "＊", "★")


def split_mark(name: str) -> tuple[str, str | None]:
    """`市委(牵头)` -> (`市委`, "lead"); `区财政局*` (a table's mark for the lead) and `*县人力社保局` (the
    star before the name, as a note may write it) likewise; a name with no mark, or nothing but marks
    (`(牵头)`), as it is."""
    if len(name) > 1 and name.endswith(_STARS):
        return name[:-1].rstrip(), "lead"
    if len(name) > 1 and name.startswith(_STARS):
        return name[1:].lstrip(), "lead"
    bare, role = name, None
    while (match := _MARK.search(bare)) is not None:
        bare, role = bare[: match.start()].rstrip(), role or MARKS[match.group(1)]
    return (bare, role) if bare else (name, None)


def split_units(text: str) -> list[str]:
    """`A、B等` -> [A, B]; collectives with a bare 、 are joined back; role marks are dropped."""
    return [name for name, _ in split_marked(text)]


def split_marked(text: str) -> list[tuple[str, str | None]]:
    """`A(牵头)、B等` -> [(A, "lead"), (B, None)]: names as `split_units` gives them, with their role marks."""
    joined: list[str] = []
    by = _BY_PREFIX.match(text)
    if by and len(text) > by.end() + 1:  # `由公安、交通部门`: 由 before the first name, before names share a word
        text = text[by.end():]
    for group in depth_split(text, "，,"):  # a collective is written with 、 only: `各街道，区市场局` is two units
        pieces = []
        for piece in depth_split(group, "、"):
            pieces += [tidy(part) for part in _split_joined(tidy(piece))]
        start = len(joined)
        for piece in (piece for piece in pieces if piece):
            if len(joined) > start and (_continues_collective(joined[-1], piece) or _joint_organ(joined[-1], piece)):
                joined[-1] += "、" + piece
            else:
                joined.append(piece)
        # a class after 等 closes the list before places share an organ word (`城东区、滨江区等相关区政府`)
        joined[start:] = _share_organ([strip_trailing(name) for name in joined[start:]])
    names = []
    for name in joined:
        name = strip_trailing(name)
        by = _BY_PREFIX.match(name)
        if by and len(name) > by.end() + 1:  # 由X负责, 以下各项由X负责
            name = name[by.end():]
        if name and not _NO_UNIT.match(name):  # `—`: a table's mark for an empty cell, no unit
            names.append(split_mark(name))
    return names


_NO_UNIT = re.compile(r"^[—–\-－/／…]+$")


#: The organ word that a list of places shares: `黄埔区、南沙区政府` is 黄埔区政府 and 南沙区政府.
_SHARED_ORGAN = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,6}?(?P<level>区|县|市|镇|乡|街道|區|縣|鎮|鄉))"
                           r"(?P<organ>人民政府|政府|管委会|管委會|办事处|辦事處)$")
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:区|县|市|镇|乡|街道|區|縣|鎮|鄉)$")
#: A bare place name with no level word (`甲城`, `哈爾濱`, `东`): in `甲城、乙港、丙河市政府` it shares the level
#: and organ of the last name. Never one that could be a unit by itself: it starts with no level (`市科协`),
#: ends in no organ or abbreviation of one (`科协`, `团`), and is short.
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{1,4}$")
_NOT_A_PLACE_END = ("协", "協", "联", "聯", "会", "會", "委", "办", "辦", "团", "團", "局", "部", "厅", "廳", "院", "所",
                    "站", "队", "隊", "社", "处", "處", "科", "室", "组", "組", "司", "行", "署", "馆", "館", "长", "長", "关", "關",
                    "校", "台", "园", "園", "中心", "公司", "集团", "集團")
#: Organs written by their line of business alone, met in lists as units of their own (`海关、边检、丙河市政府`).
_BUSINESS_UNITS = ("海关", "海關", "边检", "邊檢", "海事", "气象", "氣象", "邮政", "郵政", "铁路", "鐵路", "电力", "電力",
                   "烟草", "菸草", "民航", "税务", "稅務", "人行", "武警", "消防", "公安", "法院", "检察", "檢察", "供电",
                   "供電", "电信", "電信", "移动", "移動", "联通", "聯通", "石油", "石化", "国网", "國網", "工会", "工會")


def _shares_organ(piece: str, level: str) -> bool:
    """Can `piece`, just before a name such as `丙河市政府`, be a place that shares its organ word?"""
    if is_collective(piece) or looks_like_organ(piece):
        return False
    if _BARE_PLACE.match(piece):  # `荔湾区、黄埔区政府`: a place of the same level
        return piece.endswith(level)
    return bool(_BARE_NAME.match(piece)) and not piece.startswith(tuple("省市县区州镇乡縣區鎮鄉各")) \
        and not piece.endswith(_NOT_A_PLACE_END) and not piece.endswith(_BUSINESS_UNITS) and not piece.endswith(tuple(_LEVEL_WORDS))


#: A line of business and the generic organ word (`交通部门`, `质量技术监督部門`): in `公安、交通部门` the bare
#: sector before it shares the word (公安部门, 交通部门), as places share `区政府`.
_SECTOR_ORGAN = re.compile(r"^(?P<sector>[\u4e00-\u9fff]{2,8}?)(?P<organ>部门|部門|系统|系統)$")


def _names_a_sector(piece: str) -> bool:
    """Can `piece`, just before a name such as `交通部门`, be a line of business sharing its organ word? A short
    bare word (`公安`, `市场监管`) that is no class and ends like no organ or place (`市公安局` is a unit)."""
    return bool(_BARE_NAME.match(piece)) and len(piece) >= 2 and not is_collective(piece) \
        and not looks_like_organ(piece) and not piece.endswith(tuple(_LEVEL_WORDS))


def _share_organ(pieces: list[str]) -> list[str]:
    """Bare place names just before `X区政府` take its organ word: places of the same level (`荔湾区、黄埔区政府`)
    take the organ, bare names (`甲城、乙港、丙河市政府`, `东、西、南区人民政府`) the level and the organ. A
    collective (`各区`), a place of another level or a name that may be a unit itself is left as it is."""
    out = list(pieces)
    for index in range(len(out) - 1, 0, -1):
        sector = _SECTOR_ORGAN.match(out[index])
        if sector and not is_collective(out[index]):
            cursor = index - 1
            while cursor >= 0 and _names_a_sector(out[cursor]):
                out[cursor] += sector.group("organ")
                cursor -= 1
            continue
        match = _SHARED_ORGAN.match(out[index])
        if not match or is_collective(out[index]):  # `A等和各乡镇人民政府`: a class of units shares nothing
            continue
        level, organ = match.group("level"), match.group("organ")
        cursor = index - 1
        while cursor >= 0 and _shares_organ(out[cursor], level):
            out[cursor] += organ if out[cursor].endswith(level) else level + organ
            cursor -= 1
    return out


def _split_joined(piece: str) -> list[str]:
    """`民政部等和各省级人民政府` -> [民政部, 各省级人民政府]; `州委编办及州直相关单位` likewise. A 和 inside a
    name (`国家发展和改革委员会`) is kept: only a join before a class of units, or after 等, splits."""
    parts, cursor = [], 0
    for match in _JOINED_COLLECTIVE.finditer(piece):
        if match.start() >= 2 and len(piece) - match.end() >= 2:
            parts.append(piece[cursor:match.start()])
            cursor = match.end()
    parts.append(piece[cursor:])
    return [part for joined in parts for part in _split_joined_organs(joined)]


_JOIN = re.compile(r"以及|及|和|与")


def _split_joined_organs(piece: str) -> list[str]:
    """`领导小组成员单位及省地震局`, `市委宣传部和市文明办`: two organs joined by 及/和, each ending like an organ
    and the second starting with its level (省, 市...); `环保厅和内蒙古电力监管办`: a named organ (not a class)
    and an organ of three characters or more, whatever it starts with. A 和 inside a name is kept: in
    `国家发展和改革委员会`, `经济和信息化委`, `住房和城乡建设局` what comes before it ends like no organ, and in
    `有关部门和单位` what comes after is a bare organ word."""
    for match in _JOIN.finditer(piece):
        before, after = piece[: match.start()], piece[match.end():]
        if len(before) < 2 or len(after) < 3 or not looks_like_organ(after) or _NOT_IN_NAMES.search(before + after):
            continue
        levelled = after[0] in "省市州县縣区區" and (looks_like_organ(before) or is_collective(before))
        named = looks_like_organ(before) and not is_collective(before) and not is_collective(after) \
            and after not in _SUFFIXES
        if levelled or named:
            return [before, *_split_joined_organs(after)]
    return [piece]


#: A place's party committee and its government named together, the second by its bare organ word:
#: `清丰县党委、政府`, `开发区党工委、管委会`, `各县(区)党委、政府`. `政府` names no unit by itself: it is one unit.
_PARTY_ORGAN = re.compile(r"(?:党委|党工委|黨委|黨工委|(?:^|[\u4e00-\u9fff)）])(?:省|市|县|区|州|縣|區)委)$")
_BARE_GOVERNMENT = ("政府", "人民政府", "管委会", "管委會", "办事处", "辦事處")


def _joint_organ(previous: str, piece: str) -> bool:
    return piece in _BARE_GOVERNMENT and bool(_PARTY_ORGAN.search(previous.split("、")[-1]))


def _continues_collective(previous: str, piece: str) -> bool:
    """`各区` + `县级市`, `各省` + `自治区` + `直辖市人民政府`, `相关市` + `县政府`: one collective written with 、
    (a class of places, whatever word opens it, in simplified or traditional characters)."""
    head = previous.split("、")[-1]
    if previous in _BARE_LEVELS:  # `市、县（市、区）人民政府`: governments of the levels named, no class word before
        return any(piece.startswith(level) for level in _LEVEL_WORDS) and _GOVERNMENT_END.search(piece) is not None
    if not previous.startswith(_CLASS_START) or looks_like_organ(head) or is_collective(piece):
        return False  # `各街道、区直各部门`: the second is a class of units of its own
    head = _without_trailing_parentheses(head) or head  # `各县(市)、区人民政府`: 各县(市) is a level too
    if not any(head.endswith(level) for level in _LEVEL_WORDS):
        return False
    # `各旗县市区、开发区`: a bare place word after the class (a zone: a level word at its end, no organ word)
    # is one more place of it; `各县区人民政府、开发区管委会` stays two, the second being an organ
    bare_place = any(piece.endswith(level) for level in _LEVEL_WORDS) and not looks_like_organ(piece)
    return bare_place or any(piece.startswith(level) for level in _LEVEL_WORDS)


def looks_like_organ(name: str) -> bool:
    """An organ's name ends in 政府, 部门, 委... (a bare place such as 各区 does not count)."""
    core = _without_trailing_parentheses(name)
    return any(core.endswith(suffix) for suffix in _SUFFIXES if suffix not in _LEVEL_WORDS)


def _without_trailing_parentheses(name: str) -> str:
    while name and name[-1] in CLOSE:
        depth, index = 0, len(name) - 1
        while index >= 0:
            if name[index] in CLOSE:
                depth += 1
            elif name[index] in OPEN:
                depth -= 1
                if depth == 0:
                    break
            index -= 1
        if index <= 0:
            break
        name = name[:index]
    return name


def is_collective(name: str) -> bool:
    """各单位, 有关部门, 各级党委, 市直各有关单位: a class of units (a bare 有关 or 各 is not one)."""
    starts = any(name.startswith(word) and len(name) > len(word) for word in _COLLECTIVE_START)
    return starts or "各级" in name or "各級" in name or bool(_COLLECTIVE_INSIDE.search(name))


#: A person named by office (`分管副省长`, `协管副秘书长`, `王某副市长`, `县委书记`, `省政府分管领导同志`,
#: `主要负责同志`): an official in charge, never a unit.
_OFFICIAL = re.compile(r"(?:长|長|书记|書記|主任|常委|委员|委員|领导|領導|同志)$")


def is_official(name: str) -> bool:
    """Does `name` name a person by office (its title ends it: 副省长, 秘书长, 书记, 主任)?"""
    return bool(_OFFICIAL.search(_without_trailing_parentheses(name))) and not looks_like_organ(name)


def could_be_unit(name: str, labelled: bool = False) -> bool:
    """Can `name`, listed in an annotation (after a label, before a role verb), be a unit? Anything that
    does not have the shape of prose: any ending (团市委, 市侨联, 北京冬奥组委), but no sentence
    punctuation, no verb phrase, no date."""
    bare = _strip_parentheses(name).replace("党的", "党").replace("黨的", "黨")  # 党的建设领导小组 is a name
    if not name or len(bare) > 30 or _NOT_IN_NAMES.search(bare) or bare in TRAILING or bare in _COLLECTIVE_START:
        return False
    if is_collective(name):
        return True
    # After a label (`牵头单位：市`) even one character is a name; before a bare verb it takes two (`各负责`).
    return not _PROSE_START.match(bare) and not _DATE_LIKE.search(bare) and not _INSTEAD_OF_UNITS.search(bare) \
        and len(bare) >= (1 if labelled else 2)


def looks_like_unit(name: str) -> bool:
    """Could `name`, met in running text, be a unit (or a class of units) rather than a piece of prose?
    Nothing marks a list there, so the name must also end like an organ (局, 委, 办, 政府 ...)."""
    if not name or len(name) > 30 or _NOT_IN_NAMES.search(_strip_parentheses(name)):
        return False
    if is_collective(name):
        return True
    core = _without_trailing_parentheses(name)
    return any(core.endswith(suffix) for suffix in _SUFFIXES)


#: A word in quotation marks inside a name (`市“两新”组织党工委`, `“三农”工作领导小组办公室`, `区"双创"办`): the
#: quotes are the name's, so the check for prose looks at the word without them. A quote left unpaired, or
#: around a phrase with punctuation, is still prose.
_QUOTED_WORD = re.compile(r"“([^“”\"\s。，,、；;：:]{1,10})”|\"([^“”\"\s。，,、；;：:]{1,10})\"")


def _strip_parentheses(name: str) -> str:
    """The name without its parentheses' contents and with its quoted words unquoted (what the prose checks read)."""
    return _QUOTED_WORD.sub(lambda match: match.group(1) or match.group(2),
                            re.sub(r"[(（][^()（）]*[)）]", "", name))


def key(name: str) -> str:
    """Names that differ only in the width of their punctuation are one unit."""
    return name.translate(str.maketrans("()", "（）"))
