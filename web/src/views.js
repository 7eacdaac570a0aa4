// The panes: tables (as blocks, see pane.js) and diagrams (SVG) of the plan just checked, with the CLI's
// filters; and downloads of any of them as the CLI writes them.
import * as api from "./api.js";
import { lang, say, t } from "./i18n.js";
import { TablePane } from "./pane.js";
import { $, state, status, text } from "./state.js";

const DIAGRAMS = ["org", "responsibility"];
const TABLE_FORMATS = ["xlsx", "docx", "csv", "md", "html"];
const DIAGRAM_FORMATS = ["svg", "png", "pdf"];

let tables = null;
let asked = 0;
let busy = false;
let again = false;

export function tablePane() { return tables; }

function shownKey() { return JSON.stringify([state.path, state.view, filters()]); }

// The table the pane will ask for after the next checks (the worker makes it while the findings travel).
export function nextPane() {
  if (DIAGRAMS.includes(state.view)) return undefined;
  return { view: state.view, ...filters(), have: tables ? tables.held(shownKey()) : [] };
}

export function filters() {
  return { section: $("f-section").value.trim(), unit: $("f-unit").value.trim(), role: $("f-role").value };
}

// The pane after each check: at once, one request at a time, the last asked winning.
export function scheduleViews() {
  if (busy) { again = true; return; }
  refreshViews();
}

export async function refreshViews() {
  if (!state.path) return;
  tables = tables || new TablePane($("pane"));
  const mine = ++asked;
  busy = true;
  const shown = shownKey();
  try {
    const body = { path: state.path, lang, view: state.view, ...filters(), have: tables.held(shown) };
    const current = text();
    const checked = current === state.analysed && state.analysedPath === state.path;
    let answer = await api.post("views", checked ? { ...body, revision: state.revision } : { ...body, text: current });
    if (answer.stale) answer = await api.post("views", { ...body, text: current });  // the worker holds another text
    if (mine === asked) show(shown, answer);
  } catch (error) {
    if (mine === asked) note(say(error));
  } finally {
    busy = false;
    if (again) { again = false; refreshViews(); }
  }
}

function show(shown, answer) {
  const pane = $("pane");
  pane.dataset.view = state.view;
  const found = answer.readable ? answer.views[state.view] : null;
  if (!answer.readable) note(t("unreadable"), true);
  else if (found.blocks) {
    pane.querySelectorAll(":scope > p.note").forEach((old) => old.remove());
    tables.show(shown, found);
  }
  else if (found.error) note(found.error);
  else { tables.forget(); pane.dataset.table = ""; pane.innerHTML = found.svg; }  // SVG escaped by qlmatrix.render
  fillFormats();
}

// A note above the pane (the plan does not read yet) or in its place (an error of the view).
function note(message, above = false) {
  const pane = $("pane");
  pane.querySelectorAll(":scope > p.note").forEach((old) => old.remove());
  const paragraph = Object.assign(document.createElement("p"), { className: "error note", textContent: message });
  if (above && pane.dataset.table) { pane.prepend(paragraph); return; }
  if (tables) tables.forget();
  pane.dataset.table = "";
  pane.replaceChildren(paragraph);
}

export function fillFormats() {
  const formats = DIAGRAMS.includes(state.view) ? DIAGRAM_FORMATS : TABLE_FORMATS;
  const select = $("download-format");
  if ([...select.options].map((o) => o.value).join() === formats.join()) return;
  select.replaceChildren(...formats.map((f) => Object.assign(document.createElement("option"), { value: f, textContent: f.toUpperCase() })));
}

export async function downloadView(view, format) {
  try {
    const name = await api.download({ path: state.path, text: text(), view, format, ...filters() });
    status(t("downloaded", name));
  } catch (error) { status(say(error)); }
}
