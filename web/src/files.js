// The file list (includes beneath the plan that includes them), and opening, creating, renaming files.
import { forceLinting } from "@codemirror/lint";

import * as api from "./api.js";
import { showDocument } from "./editor.js";
import { say, t } from "./i18n.js";
import { hideConflict } from "./saving.js";
import { $, markDirty, session, state, status, text } from "./state.js";

export async function refreshFiles() {
  const { plans } = await api.get("files");
  $("tree").replaceChildren(...plans.map(fileNode));
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

export async function openFile(path, { discard = false } = {}) {
  if (!discard && state.path && text() !== state.saved && !confirm(t("discard"))) return false;
  const file = await api.get("file", { path });
  state.path = file.path;
  state.version = file.version;
  state.saved = file.text;
  hideConflict();
  showDocument(file.text);
  $("current").textContent = file.path;
  window.history.replaceState(null, "", `/#${encodeURIComponent(file.path)}`);
  for (const link of document.querySelectorAll("#tree a")) link.classList.toggle("open", link.dataset.path === file.path);
  markDirty();
  forceLinting(session.editor);
  return true;
}

export async function createFile() {
  const name = prompt(t("newName"));
  if (!name) return;
  try {
    const made = await api.post("create", { path: name.endsWith(".qlm") ? name : `${name}.qlm`, text: "" });
    await refreshFiles();
    await openFile(made.path);
  } catch (error) { status(say(error)); }
}

export async function renameFile() {
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
