// Live checks: the server's findings as underlines (with their quick fixes) and in the problems list.
import { setDiagnostics } from "@codemirror/lint";
import { Text } from "@codemirror/state";

import * as api from "./api.js";
import { lang, say, t } from "./i18n.js";
import { offsetOf } from "./positions.js";
import { showProblems } from "./problems.js";
import { $, session, state, status } from "./state.js";
import { nextPane, scheduleViews } from "./views.js";

export async function checkPlan(view) {
  if (!state.path) return [];
  status(t("checking"));
  const checked = view.state.doc.toString();
  let answer;
  try {
    answer = await analyse(checked);
  } catch (error) {
    status(say(error));
    return [];
  }
  if ($("status").textContent === t("checking")) status("");
  state.problems = answer.problems;
  showProblems(answer.problems);
  scheduleViews();  // the pane next, by the revision just checked
  return underlines(view.state.doc, answer.problems);
}

// The checks of `checked`: sent as the edit of the text checked last (by its revision) when there is one,
// so a keystroke sends a few characters, not the plan; whole when the worker no longer holds that text.
async function analyse(checked) {
  const path = state.path;
  if (state.revision && state.analysed !== null && state.analysedPath === path) {
    try {
      const answer = await api.post("analyse", { path, base: state.revision, edit: change(state.analysed, checked), lang, pane: nextPane() });
      if (!answer.stale) return remember(path, checked, answer);
    } catch (error) {
      if (error.status !== 422) throw error;  // an edit the worker could not apply: the whole text then
    }
  }
  return remember(path, checked, await api.post("analyse", { path, text: checked, lang, pane: nextPane() }));
}

function remember(path, checked, answer) {
  state.revision = answer.revision;
  state.analysed = checked;
  state.analysedPath = path;
  return answer;
}

// Where `after` differs from `before`: a start and an end in `before` and what replaces them (UTF-16 units).
export function change(before, after) {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail += 1;
  return { start, end: before.length - tail, insert: after.slice(start, after.length - tail) };
}

function underlines(doc, problems) {
  return problems.filter((p) => p.file === state.path).map((p) => {
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

// The checks again (the reader's language changed, another file was fixed), shown on the same text.
export async function checkAgain() {
  const editor = session.editor;
  const doc = editor.state.doc;
  const found = await checkPlan(editor);
  if (editor.state.doc === doc) editor.dispatch(setDiagnostics(editor.state, found));
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
    await checkAgain();
    status(`${t("saved")} ${fix.file}`);
  } catch (error) { status(say(error)); }
}
