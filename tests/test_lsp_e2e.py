"""`qlm lsp` end to end: a real client (pytest-lsp, with VS Code's capabilities) talks to the server over stdio.

The plan has two files (a master and a carrier it includes) and Chinese text, with a character
outside the Basic Multilingual Plane (𝒜, two UTF-16 units), before the names on the same line, so
every position checked here would be off if a column were counted in code points or bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

import qlmatrix
from qlmatrix.lsp.positions import apply_edits

MASTER = """\
单位 纪监委 { 别名: 纪委监委; 类型: 纪检监察 }
单位 党群部、综合办
引入 "carrier.qlm"
章 一、建设清廉机关 {
  监督: 纪监委
  任务 (一)𝒜全面加强纪律建设 (责任单位:党群部、纪检委) { 频次: 每半年至少一次 }
}
"""
CARRIER = "任务 (二)加强作风建设 (责任单位:综合办、党群部)\n"
TASK_LINE = 5  # 0-based line of task (一)
HEAD = "  任务 (一)𝒜全面加强纪律建设 (责任单位:"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    (folder / "master.qlm").write_text(MASTER, encoding="utf-8")
    (folder / "carrier.qlm").write_text(CARRIER, encoding="utf-8")
    return folder


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "qlmatrix", "lsp"]))
async def client(lsp_client: LanguageClient, workspace: Path):
    params = types.InitializeParams(capabilities=client_capabilities("visual-studio-code"),
                                    root_uri=workspace.as_uri(),
                                    workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="plans")],
                                    initialization_options={"lang": "zh", "debounceMs": 10})
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def opened(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="qlm", version=1, text=text if text is not None else path.read_text("utf-8"))))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def codes(client: LanguageClient, uri: str) -> list[str]:
    return [str(d.code) for d in client.diagnostics.get(uri, [])]


def at(line: int, text_before: str) -> types.Position:
    return types.Position(line=line, character=utf16(text_before))


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_on_open_are_placed_in_utf16_with_a_link_to_the_rule(client, workspace):
    uri = await opened(client, workspace / "master.qlm")
    (typo,) = [d for d in client.diagnostics[uri] if d.code == "E101"]
    assert typo.range.start == at(TASK_LINE, HEAD + "党群部、")
    assert typo.range.end == at(TASK_LINE, HEAD + "党群部、纪检委")
    assert typo.severity == types.DiagnosticSeverity.Error
    assert typo.source == "qlm"
    assert typo.code_description is not None and typo.code_description.href.endswith("/E101.md")
    assert "纪检委" in typo.message and "纪监委" in typo.message  # in Chinese, with the "did you mean"


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_on_a_unit_after_chinese_text_on_the_same_line(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    found = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at(TASK_LINE, HEAD + "党")))
    assert found is not None
    text = found.contents.value  # type: ignore[union-attr]
    assert "**党群部**" in text
    assert "- 牵头：1项任务（`一(一)`）" in text and "- 配合：1项任务（`(二)`）" in text  # (二) is in the carrier


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_on_a_task_marks_the_inherited_oversight_and_on_a_cadence_explains_it(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    task = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at(TASK_LINE, "  任务 (")))
    assert task is not None
    lines = task.contents.value.splitlines()  # type: ignore[union-attr]
    assert lines[0] == "**任务`一(一)`** (一) 𝒜全面加强纪律建设"
    assert "- 牵头：党群部" in lines and "- 监督：纪监委（继承自一 建设清廉机关）" in lines
    assert "- 频次：每半年至少一次（周期：每半年；至少1次）" in lines
    cadence = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=at(TASK_LINE, HEAD + "党群部、纪检委) { 频次: 每半")))
    assert cadence is not None
    assert "周期：每半年" in cadence.contents.value and "至少1次" in cadence.contents.value  # type: ignore[union-attr]


@pytest.mark.asyncio(loop_scope="module")
async def test_definition_and_references_across_the_included_file(client, workspace):
    carrier = await opened(client, workspace / "carrier.qlm")
    master = (workspace / "master.qlm").as_uri()
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=carrier), position=at(0, "任务 (二)加强作风建设 (责任单位:综合办、党")))
    assert isinstance(found, types.Location)
    assert found.uri == master and found.range.start == at(1, "单位 ")
    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=master), position=at(1, "单位 党"),
        context=types.ReferenceContext(include_declaration=True)))
    assert sorted((r.uri, r.range.start.line) for r in references) == sorted(
        [(master, 1), (master, TASK_LINE), (carrier, 0)])


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_offers_unit_names_and_aliases_as_one_word(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    line = HEAD + "党群部、纪"
    found = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at(TASK_LINE, line)))
    assert isinstance(found, types.CompletionList)
    labels = {item.label: item for item in found.items}
    assert {"纪监委", "纪委监委", "党群部", "综合办"} <= set(labels)
    edit = labels["纪委监委"].text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.range.start == at(TASK_LINE, HEAD + "党群部、") and edit.range.end == at(TASK_LINE, line)
    assert "jwjw" in (labels["纪委监委"].filter_text or "")  # pinyin initials
    resolved = await client.completion_item_resolve_async(labels["纪监委"])
    assert "监督：1项任务" in resolved.documentation.value  # type: ignore[union-attr]


@pytest.mark.asyncio(loop_scope="module")
async def test_typing_an_edit_updates_the_diagnostics_and_a_code_action_fixes_the_typo(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    # Type the start of a task with an undeclared unit on a new last line, one keystroke after another.
    text = MASTER
    for version, typed in enumerate(["任", "务", " ", "(二)甲 (责任单位:宣传部)"], start=2):
        position = at(7, "".join(["任", "务", " ", "(二)甲 (责任单位:宣传部)"][: version - 2]))
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=position, end=position), text=typed)]))
        text += typed
    while "宣传部" not in " ".join(d.message for d in client.diagnostics.get(uri, [])):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri).count("E101") == 2
    (typo,) = [d for d in client.diagnostics[uri] if d.code == "E101" and "纪检委" in d.message]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=typo.range,
        context=types.CodeActionContext(diagnostics=[typo])))
    assert found is not None
    titles = {action.title: action for action in found if isinstance(action, types.CodeAction)}
    fix = titles["改为`纪监委`"]
    assert fix.is_preferred and "声明单位`纪检委`" in titles
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply_edits(text, list(fix.edit.changes[uri]))
    assert "(责任单位:党群部、纪监委)" in fixed.splitlines()[TASK_LINE]
    assert not [d for d in qlmatrix.check(qlmatrix.loads(fixed, str(workspace / "master.qlm")))
                if d.code == "E101" and d.args["name"] == "纪检委"]


@pytest.mark.asyncio(loop_scope="module")
async def test_rename_a_unit_across_both_files_and_refuse_a_collision(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    carrier = (workspace / "carrier.qlm").as_uri()
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at(TASK_LINE, HEAD + "党群"),
        new_name="机关党委"))
    assert edit is not None and edit.changes is not None
    assert apply_edits(CARRIER, list(edit.changes[carrier])) == CARRIER.replace("党群部", "机关党委")
    assert sorted(e.range.start.line for e in edit.changes[uri]) == [1, TASK_LINE]
    with pytest.raises(Exception, match="纪委监委"):
        await client.text_document_rename_async(types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(TASK_LINE, HEAD + "党群"),
            new_name="纪委监委"))


@pytest.mark.asyncio(loop_scope="module")
async def test_formatting_gives_what_qlm_fmt_writes(client, workspace):
    messy = "单位   纪监委\n任务   (一)甲 (责任单位:纪监委)\n"
    path = workspace / "messy.qlm"
    uri = await opened(client, path, messy)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits
    assert apply_edits(messy, list(edits)) == qlmatrix.format_text(messy)


@pytest.mark.asyncio(loop_scope="module")
async def test_symbols_and_semantic_tokens(client, workspace):
    uri = (workspace / "master.qlm").as_uri()
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols is not None
    names = [s.name for s in symbols]
    assert names[:3] == ["纪监委", "党群部", "综合办"]
    (section,) = [s for s in symbols if isinstance(s, types.DocumentSymbol) and s.kind == types.SymbolKind.Namespace]
    assert [child.name for child in section.children or []] == ["(一) 𝒜全面加强纪律建设"]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="作风"))
    assert found and {s.name for s in found} == {"(二) 加强作风建设"}
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert tokens is not None
    data = list(tokens.data)
    assert data[:5] == [0, 0, 2, 0, 0]  # 单位: a keyword at the file's start
    assert data[5:10] == [0, 3, 3, 5, 1]  # 纪监委: a unit name (class), declared here
