// The editor: CodeMirror 6 with .qlm highlighting, full-width bracket matching, live checks, hover, completion.
import { autocompletion, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, linter } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import { EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";

import { checkPlan } from "./checks.js";
import { complete, hover } from "./language.js";
import { BRACKETS, qlmLanguage } from "./qlm-mode.js";
import { $, markDirty, session } from "./state.js";

const QLM_STYLE = HighlightStyle.define([
  { tag: tags.keyword, color: "#8b1a1a", fontWeight: "bold" },
  { tag: tags.propertyName, color: "#1f5fa8" },
  { tag: tags.labelName, color: "#1f5fa8" },
  { tag: tags.typeName, color: "#6a3d9a" },
  { tag: tags.string, color: "#2e7d32" },
  { tag: tags.comment, color: "#8a8f98", fontStyle: "italic" },
  { tag: [tags.paren, tags.brace], color: "#555" },
]);

export function createEditor(keywords, save) {
  session.extensions = [
    lineNumbers(), history(), highlightActiveLine(), bracketMatching({ brackets: BRACKETS }), closeBrackets(),
    qlmLanguage(keywords), syntaxHighlighting(QLM_STYLE),
    linter(checkPlan, { delay: 400 }), lintGutter(), hover,
    autocompletion({ override: [complete], activateOnTyping: true }),
    keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { save(); return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.updateListener.of((update) => { if (update.docChanged) markDirty(); }),
    EditorView.lineWrapping,
  ];
  session.editor = new EditorView({ parent: $("editor"), state: EditorState.create({ doc: "", extensions: session.extensions }) });
  return session.editor;
}

// A new document with its own undo history (a file opened or reloaded).
export function showDocument(doc) {
  session.editor.setState(EditorState.create({ doc, extensions: session.extensions }));
}
