// Saving over the version read, and what the page offers when the file changed on disk meanwhile.
import * as api from "./api.js";
import { showCompare } from "./compare.js";
import { refreshFiles } from "./files.js";
import { say, t } from "./i18n.js";
import { $, markDirty, state, status, text } from "./state.js";

export async function save() {
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

export function hideConflict() {
  state.conflict = null;
  $("conflict").hidden = true;
  $("compare-box").hidden = true;
}

// Keep mine: the next save replaces the version now on disk.
export function keepMine() {
  state.version = state.conflict.disk_version;
  hideConflict();
  status(t("kept"));
}

export async function compare() {
  try {
    showCompare(await api.post("compare", { path: state.path, text: text() }));
  } catch (error) { status(say(error)); }
}
