"""Hypothesis strategies that build valid plans from the model (not from the grammar).

Unit names come from an alphabet the language can spell in every list (a name
holding 、, a quote, a backslash or a bracket is written quoted; one holding
; { } or # cannot stand in a list); everything else a planner types, titles
and values, may hold the characters the writer must quote: ; { } # 。 " \\ and
spaces.
"""

from __future__ import annotations

from hypothesis import strategies as st

from qlmatrix import Assignment, Cadence, LoopStage, Plan, Report, Role, Section, SectionKind, Task, Unit, UnitKind

NAME_CHARS = "党委纪监综合办群部政务局财执法市县乡村组织宣传工"
TEXT_CHARS = NAME_CHARS + "建设清廉的政治生态“”《》()（）、，。；;{}#\"\\ :：-1二"
CADENCES = ["每年", "每半年至少一次", "每季度", "年底前", "2022年6月底前", "定期", "常态化", "到“十四五”末", "每月", "随时"]

#: The characters that make a name quoted in a list: `各区、县级市`, `"A"部`, `A(B`.
QUOTED_CHARS = "、\"\\()（）"
names = st.text(alphabet=NAME_CHARS, min_size=2, max_size=5) | st.text(alphabet=NAME_CHARS + QUOTED_CHARS, min_size=2,
                                                                      max_size=6)
texts = st.text(alphabet=TEXT_CHARS, min_size=1, max_size=30).filter(lambda t: t.strip())
optional_texts = st.none() | texts
cadences = st.none() | st.sampled_from(CADENCES).map(Cadence.parse) | texts.map(Cadence.parse)
# Numbers as a document writes them (the model normalises them, as the parser does): 一、 （一） 1． ①.
numbers = st.none() | st.sampled_from(["一", "二", "(一)", "(二)", "1", "2", "(1)", "十二", "三、", "（三）", "３．", "①", "㈣"])


@st.composite
def units(draw):
    unit_names = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    declared = []
    for index, name in enumerate(unit_names):
        collective = draw(st.booleans())
        declared.append(Unit(
            name=name,
            full_name=draw(optional_texts),
            aliases=(),
            parent=draw(st.none() | st.sampled_from(unit_names[:index] or [name])),
            level=None if collective else draw(st.none() | st.sampled_from(["市", "县", "乡", "村"])),
            kind=draw(st.none() | st.sampled_from(list(UnitKind))),
            collective=collective,
            levels=draw(st.lists(st.sampled_from(["市", "县", "乡", "村"]), unique=True)) if collective else (),
        ))
    return declared


def assignments(unit_names):
    # Leads written 分别牵头 (each=True) too, alone, several, or next to plain leads.
    each = st.builds(Assignment, st.just(Role.LEAD), st.sampled_from(unit_names), each=st.just(True))
    return st.lists(
        st.builds(Assignment, st.sampled_from(list(Role)), st.sampled_from(unit_names)) | each, max_size=4)


def tasks(unit_names):
    return st.builds(
        Task,
        title=st.just("") | texts,
        id=st.just("") | texts,  # derived from the numbering, or stated with 编号
        number=numbers,
        body=optional_texts,
        assignments=assignments(unit_names),
        cadence=cadences,
        due=cadences,
        deliverable=optional_texts,
    )


def reports(unit_names):
    return st.builds(
        Report,
        source=st.sampled_from(unit_names),
        target=st.none() | st.sampled_from(unit_names),
        content=optional_texts,
        cadence=cadences,
        due=cadences,
        form=optional_texts,
    )


def sections(unit_names, depth: int = 2):
    children = tasks(unit_names) | reports(unit_names)
    if depth > 0:
        children = children | sections(unit_names, depth - 1)
    return st.builds(
        Section,
        title=st.just("") | texts,
        id=st.just("") | texts,  # derived from the numbering, or stated with 编号
        number=numbers,
        kind=st.sampled_from(list(SectionKind)),
        assignments=assignments(unit_names),
        loop=st.lists(st.sampled_from(list(LoopStage)), unique=True),
        items=st.lists(children, max_size=4),
    )


@st.composite
def plans(draw):
    declared = draw(units())
    unit_names = [unit.name for unit in declared]
    items = draw(st.lists(tasks(unit_names) | reports(unit_names) | sections(unit_names), max_size=5))
    return Plan(
        title=draw(optional_texts),
        basis=draw(optional_texts),
        issuer=draw(optional_texts),
        units=declared,
        items=items,
    )
