// The workbench page: file list, editor with live checks, hover, completion and quick fixes, live views.
import { autocompletion, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { forceLinting, lintGutter, linter, setDiagnostics } from "@codemirror/lint";
import { EditorState, Text } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import { EditorView, highlightActiveLine, hoverTooltip, keymap, lineNumbers } from "@codemirror/view";

import * as api from "./api.js";
import { lang, say, setLanguage, t } from "./i18n.js";
import { offsetOf, positionOf } from "./positions.js";
import { BRACKETS, qlmLanguage } from "./qlm-mode.js";

const QLM_STYLE = HighlightStyle.define([
  { tag: tags.keyword, color: "#8b1a1a", fontWeight: "bold" },
  { tag: tags.propertyName, color: "#1f5fa8" },
  { tag: tags.labelName, color: "#1f5fa8" },
  { tag: tags.typeName, color: "#6a3d9a" },
  { tag: tags.string, color: "#2e7d32" },
  { tag: tags.comment, color: "#8a8f98", fontStyle: "italic" },
  { tag: [tags.paren, tags.brace], color: "#555" },
]);

const $ = (id) => document.getElementById(id);
const state = { path: null, version: null, saved: "", view: "tasks", problems: [], conflict: null };
let editor = null;
let extensions = [];
let viewsTimer = null;

function status(text) { $("status").textContent = text || ""; }

// Files.

async function refreshFiles() {
  const { plans } = await api.get("files");
  const tree = $("tree");
  tree.replaceChildren(...plans.map(fileNode));
}

function fileNode(node) {
  const item = document.createElement("li");
  const link = Object.assign(document.createElement("a"), { textContent: node.path, title: node.path });
  link.dataset.path = node.path;
  if (node.path === state.path) link.classList.add("open");
  link.addEventListener("click", () => openFile(node.path));
  item.appendChild(link);
  if (node.includes.length) {
    const below = document.createElement("ul");
    below.replaceChildren(...node.includes.map(fileNode));
    item.appendChild(below);
  }
  return item;
}

async function openFile(path, { discard = false } = {}) {
  if (!discard && state.path && text() !== state.saved && !confirm(t("discard"))) return false;
  const file = await api.get("file", { path });
  state.path = file.path;
  state.version = file.version;
  state.saved = file.text;
  hideConflict();
  editor.setState(EditorState.create({ doc: file.text, extensions }));  // a new undo history per file
  $("current").textContent = file.path;
  window.history.replaceState(null, "", `/#${encodeURIComponent(file.path)}`);
  for (const link of document.querySelectorAll("#tree a")) link.classList.toggle("open", link.dataset.path === file.path);
  markDirty();
  forceLinting(editor);
  return true;
}

function text() { return editor.state.doc.toString(); }

function markDirty() { $("dirty").hidden = text() === state.saved; }

async function save() {
  if (!state.path) return;
  status(t("saving"));
  const written = text();
  try {
    const answer = await api.post("save", { path: state.path, text: written, version: state.version });
    state.version = answer.version;
    state.saved = written;
    markDirty();
    status(t("saved"));
    refreshFiles();
  } catch (error) {
    if (error.status === 409) showConflict(error.body);
    else status(say(error));
  }
}

function showConflict(body) {
  state.conflict = body;
  $("conflict-text").textContent = t("conflict");
  $("conflict").hidden = false;
  status("");
}

function hideConflict() {
  state.conflict = null;
  $("conflict").hidden = true;
  $("compare-box").hidden = true;
}

function compare() {
  const disk = state.conflict.disk_text.split("\n");
  const mine = text().split("\n");
  const render = (lines, other) => lines.map((line, i) => {
    const span = document.createElement("span");
    span.textContent = line + "\n";
    if (line !== other[i]) span.className = "changed";
    return span;
  });
  $("compare-disk").replaceChildren(...render(disk, mine));
  $("compare-mine").replaceChildren(...render(mine, disk));
  $("compare-box").hidden = false;
}

async function createFile() {
  const name = prompt(t("newName"));
  if (!name) return;
  try {
    const made = await api.post("create", { path: name.endsWith(".qlm") ? name : `${name}.qlm`, text: "" });
    await refreshFiles();
    await openFile(made.path);
  } catch (error) { status(say(error)); }
}

async function renameFile() {
  if (!state.path) return;
  const name = prompt(t("renameTo"), state.path);
  if (!name || name === state.path) return;
  try {
    const moved = await api.post("rename", { path: state.path, new_path: name });
    state.path = moved.path;
    $("current").textContent = moved.path;
    await refreshFiles();
  } catch (error) { status(say(error)); }
}

// Checks: the server's diagnostics as underlines, and every finding of the plan in the problems list.

async function checkPlan(view) {
  if (!state.path) return [];
  status(t("checking"));
  let answer;
  try {
    answer = await api.post("analyse", { path: state.path, text: view.state.doc.toString(), lang });
  } catch (error) {
    status(say(error));
    return [];
  }
  status("");
  state.problems = answer.problems;
  showProblems(answer.problems);
  scheduleViews();
  const doc = view.state.doc;
  return answer.problems.filter((p) => p.file === state.path).map((p) => {
    const from = offsetOf(doc, p.line, p.column);
    let to = offsetOf(doc, p.end_line, p.end_column);
    if (to <= from) to = Math.min(from + 1, doc.length);
    return {
      from, to, severity: p.severity === "info" ? "info" : p.severity,
      source: p.code, message: p.help ? `${p.message}\nhelp: ${p.help}` : p.message,
      actions: p.fixes.map((fix) => fix.file === state.path ? {
        name: fix.title,
        apply(target) {
          const d = target.state.doc;
          target.dispatch({ changes: { from: offsetOf(d, fix.line, fix.column), to: offsetOf(d, fix.end_line, fix.end_column), insert: fix.text } });
        },
      } : { name: `${fix.title}（${fix.file}）`, apply: () => fixElsewhere(fix) }),
    };
  });
}

// A fix in another file of the plan (a unit declared in the master while a carrier is open): that file is
// read, edited and saved over the version just read, as a save from the page would be; then checked again.
async function fixElsewhere(fix) {
  try {
    const file = await api.get("file", { path: fix.file });
    const doc = Text.of(file.text.split("\n"));
    const from = offsetOf(doc, fix.line, fix.column);
    const to = offsetOf(doc, fix.end_line, fix.end_column);
    const written = file.text.slice(0, from) + fix.text + file.text.slice(to);
    await api.post("save", { path: fix.file, text: written, version: file.version });
    const found = await checkPlan(editor);
    editor.dispatch(setDiagnostics(editor.state, found));
    status(`${t("saved")} ${fix.file}`);
  } catch (error) { status(say(error)); }
}

function showProblems(problems) {
  $("problem-count").textContent = problems.length ? `(${problems.length})` : "";
  const list = $("problems");
  if (!problems.length) {
    const none = Object.assign(document.createElement("li"), { textContent: t("noProblems"), className: "none" });
    list.replaceChildren(none);
    return;
  }
  list.replaceChildren(...problems.map((p) => {
    const item = document.createElement("li");
    item.className = `problem ${p.severity}`;
    item.dataset.code = p.code;
    const code = Object.assign(document.createElement("span"), { className: "code", textContent: p.code });
    const where = document.createTextNode(` ${p.file}:${p.line}:${p.column} `);
    const message = Object.assign(document.createElement("span"), { className: "message", textContent: p.message });
    item.append(code, where, message);
    if (p.rule) {
      const link = Object.assign(document.createElement("a"), { href: `${p.rule}?lang=${lang}`, target: "_blank", textContent: ` [${t("rule")}]` });
      link.addEventListener("click", (event) => event.stopPropagation());
      item.appendChild(link);
    }
    if (p.help) item.appendChild(Object.assign(document.createElement("span"), { className: "help", textContent: `help: ${p.help}` }));
    item.addEventListener("click", async () => {
      if (p.file !== state.path && !(await openFile(p.file))) return;
      const at = offsetOf(editor.state.doc, p.line, p.column);
      editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      editor.focus();
    });
    return item;
  }));
}

// Views: the tables and diagrams of the same plan, after the checks, with the CLI's filters.

function filters() {
  return { section: $("f-section").value.trim(), unit: $("f-unit").value.trim(), role: $("f-role").value };
}

function scheduleViews() {
  clearTimeout(viewsTimer);
  viewsTimer = setTimeout(refreshViews, 150);
}

let viewsAnswer = null;
let viewsAsked = 0;

async function refreshViews() {
  if (!state.path) return;
  const asked = ++viewsAsked;
  try {
    const answer = await api.post("views", { path: state.path, text: text(), lang, view: state.view, ...filters() });
    if (asked !== viewsAsked) return;  // an answer for an older text or tab: a newer one is on its way
    if (answer.readable) viewsAnswer = answer.views;
    showView(answer.readable ? null : t("unreadable"));
  } catch (error) { showView(say(error)); }
}

function showView(note) {
  const pane = $("pane");
  const shown = viewsAnswer && viewsAnswer[state.view];
  pane.dataset.view = state.view;
  if (!shown) { pane.textContent = note || ""; return; }
  const html = shown.error ? `<p class="error"></p>` : (shown.html || shown.svg);
  pane.innerHTML = html;  // tables and SVG escaped by qlmatrix.render; scripts are refused by the CSP
  if (shown.error) pane.querySelector(".error").textContent = shown.error;
  if (note) pane.insertAdjacentHTML("afterbegin", `<p class="error"></p>`), pane.querySelector(".error").textContent = note;
  fillFormats();
}

const TABLE_FORMATS = ["xlsx", "docx", "csv", "md", "html"];
const DIAGRAM_FORMATS = ["svg", "png", "pdf"];

function fillFormats() {
  const formats = ["org", "responsibility"].includes(state.view) ? DIAGRAM_FORMATS : TABLE_FORMATS;
  const select = $("download-format");
  if ([...select.options].map((o) => o.value).join() === formats.join()) return;
  select.replaceChildren(...formats.map((f) => Object.assign(document.createElement("option"), { value: f, textContent: f.toUpperCase() })));
}

async function downloadView(view, format) {
  try {
    const name = await api.download({ path: state.path, text: text(), view, format, ...filters() });
    status(t("downloaded", name));
  } catch (error) { status(say(error)); }
}

// Hover and completion from the language service.

const hover = hoverTooltip(async (view, pos) => {
  if (!state.path) return null;
  const { line, column } = positionOf(view.state.doc, pos);
  const answer = await api.post("hover", { path: state.path, text: view.state.doc.toString(), line, column, lang });
  if (!answer.markdown) return null;
  return {
    pos, create() {
      const dom = Object.assign(document.createElement("div"), { className: "qlm-hover" });
      dom.textContent = answer.markdown.replace(/\*\*|`/g, "");
      return { dom };
    },
  };
}, { hoverTime: 350 });

async function complete(context) {
  if (!state.path) return null;
  const { line, column } = positionOf(context.state.doc, context.pos);
  const answer = await api.post("complete", { path: state.path, text: context.state.doc.toString(), line, column });
  if (!answer.items.length) return null;
  const from = offsetOf(context.state.doc, line, answer.from_column);
  const typed = context.state.sliceDoc(from, context.pos).toLowerCase();
  if (!typed && !context.explicit) return null;
  const options = answer.items
    .filter((item) => !typed || item.label.toLowerCase().includes(typed) || (item.initials && item.initials.startsWith(typed)))
    .map((item) => ({ label: item.label, apply: item.insert, detail: item.detail, type: item.kind === "unit" ? "class" : "keyword" }));
  return { from, options, filter: false };
}

// Import: a document dropped anywhere on the page.

async function importDocument(file) {
  const folder = state.path && state.path.includes("/") ? state.path.slice(0, state.path.lastIndexOf("/")) : "";
  try {
    const answer = await api.postBytes("import", { name: file.name, folder }, await file.arrayBuffer());
    $("import-summary").textContent = `${answer.path}：${t("imported", answer)}`;
    $("import-problems").replaceChildren(...answer.problems.map((p) => Object.assign(document.createElement("li"), {
      textContent: `${file.name}:${p.line}: ${p.reason[lang]}: ${p.excerpt}`,
    })));
    $("import-report").hidden = false;
    await refreshFiles();
    await openFile(answer.path);
  } catch (error) { status(say(error)); }
}

// Start.

async function start() {
  setLanguage(lang);
  const keywords = await api.get("keywords");
  extensions = [
    lineNumbers(), history(), highlightActiveLine(), bracketMatching({ brackets: BRACKETS }), closeBrackets(),
    qlmLanguage(keywords), syntaxHighlighting(QLM_STYLE),
    linter(checkPlan, { delay: 400 }), lintGutter(), hover,
    autocompletion({ override: [complete], activateOnTyping: true }),
    keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { save(); return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.updateListener.of((update) => { if (update.docChanged) markDirty(); }),
    EditorView.lineWrapping,
  ];
  editor = new EditorView({ parent: $("editor"), state: EditorState.create({ doc: "", extensions }) });
  $("save").addEventListener("click", save);
  $("create").addEventListener("click", createFile);
  $("rename").addEventListener("click", renameFile);
  $("reload").addEventListener("click", () => openFile(state.path, { discard: true }));
  window.addEventListener("beforeunload", (event) => { if (state.path && text() !== state.saved) event.preventDefault(); });
  $("compare").addEventListener("click", compare);
  $("compare-close").addEventListener("click", () => { $("compare-box").hidden = true; });
  $("keep").addEventListener("click", () => {
    state.version = state.conflict.disk_version;
    hideConflict();
    status(t("kept"));
  });
  $("lang").addEventListener("click", async () => {
    setLanguage(lang === "zh" ? "en" : "zh");
    const doc = editor.state.doc;
    const found = await checkPlan(editor);  // the messages again, in the reader's language
    if (editor.state.doc === doc) editor.dispatch(setDiagnostics(editor.state, found));
  });
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => {
      state.view = tab.dataset.view;
      for (const other of document.querySelectorAll(".tab")) other.classList.toggle("active", other === tab);
      showView();
      refreshViews();
    });
  }
  for (const id of ["f-section", "f-unit", "f-role"]) $(id).addEventListener("change", refreshViews);
  $("download").addEventListener("click", () => downloadView(state.view, $("download-format").value));
  $("download-all").addEventListener("click", () => downloadView("all", "xlsx"));
  document.body.addEventListener("dragover", (event) => { event.preventDefault(); document.body.classList.add("dropping"); });
  document.body.addEventListener("dragleave", () => document.body.classList.remove("dropping"));
  document.body.addEventListener("drop", (event) => {
    event.preventDefault();
    document.body.classList.remove("dropping");
    for (const file of event.dataTransfer.files) importDocument(file);
  });
  fillFormats();
  await refreshFiles();
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = document.querySelector("#tree a");
  if (wanted) await openFile(wanted).catch(() => first && openFile(first.dataset.path));
  else if (first) await openFile(first.dataset.path);
}

window.qlmWorkbench = { get editor() { return editor; }, state, save, openFile };
start().catch((error) => status(say(error)));
