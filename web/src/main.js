// The workbench page: wires the file list, the editor, the checks, the panes and the buttons together.
import * as api from "./api.js";
import { checkAgain } from "./checks.js";
import { createEditor } from "./editor.js";
import { createFile, openFile, refreshFiles, renameFile } from "./files.js";
import { lang, say, setLanguage } from "./i18n.js";
import { acceptDrops, showImportReport } from "./importer.js";
import { compare, keepMine, save } from "./saving.js";
import { $, session, state, status, text } from "./state.js";
import { downloadView, fillFormats, refreshViews, tablePane } from "./views.js";

async function start() {
  setLanguage(lang);
  createEditor(await api.get("keywords"), save);
  $("save").addEventListener("click", save);
  $("create").addEventListener("click", createFile);
  $("rename").addEventListener("click", renameFile);
  $("reload").addEventListener("click", () => openFile(state.path, { discard: true }));
  $("compare").addEventListener("click", compare);
  $("compare-close").addEventListener("click", () => { $("compare-box").hidden = true; });
  $("keep").addEventListener("click", keepMine);
  window.addEventListener("beforeunload", (event) => { if (state.path && text() !== state.saved) event.preventDefault(); });
  $("lang").addEventListener("click", () => {
    setLanguage(lang === "zh" ? "en" : "zh");
    showImportReport();
    checkAgain();  // the messages again, in the reader's language
  });
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => {
      state.view = tab.dataset.view;
      for (const other of document.querySelectorAll(".tab")) other.classList.toggle("active", other === tab);
      fillFormats();
      refreshViews();
    });
  }
  for (const id of ["f-section", "f-unit", "f-role"]) $(id).addEventListener("change", refreshViews);
  $("download").addEventListener("click", () => downloadView(state.view, $("download-format").value));
  $("download-all").addEventListener("click", () => downloadView("all", "xlsx"));
  acceptDrops(document.body);
  fillFormats();
  await refreshFiles();
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = document.querySelector("#tree a");
  if (wanted) await openFile(wanted).catch(() => first && openFile(first.dataset.path));
  else if (first) await openFile(first.dataset.path);
}

window.qlmWorkbench = { get editor() { return session.editor; }, get pane() { return tablePane(); }, state, save, openFile };
start().catch((error) => status(say(error)));
