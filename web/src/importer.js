// Import: a .txt, .md or .docx document dropped anywhere on the page becomes a new plan beside the open one.
import * as api from "./api.js";
import { openFile, refreshFiles } from "./files.js";
import { lang, say, t } from "./i18n.js";
import { $, state, status } from "./state.js";

// The last import's answer: its report is written again when the reader switches the language.
let last = null;

export function showImportReport() {
  if (!last) return;
  const { name, answer } = last;
  $("import-summary").textContent = `${answer.path}${t("colon")}${t("imported", answer)}`;
  $("import-problems").replaceChildren(...answer.problems.map((p) => Object.assign(document.createElement("li"), {
    textContent: `${name}:${p.line}: ${p.reason[lang]}: ${p.excerpt}`,
  })));
  $("import-report").hidden = false;
}

export async function importDocument(file) {
  const folder = state.path && state.path.includes("/") ? state.path.slice(0, state.path.lastIndexOf("/")) : "";
  try {
    const answer = await api.postBytes("import", { name: file.name, folder }, await file.arrayBuffer());
    last = { name: file.name, answer };
    showImportReport();
    await refreshFiles();
    await openFile(answer.path);
  } catch (error) { status(say(error)); }
}

export function acceptDrops(target) {
  target.addEventListener("dragover", (event) => { event.preventDefault(); target.classList.add("dropping"); });
  target.addEventListener("dragleave", () => target.classList.remove("dropping"));
  target.addEventListener("drop", (event) => {
    event.preventDefault();
    target.classList.remove("dropping");
    for (const file of event.dataTransfer.files) importDocument(file);
  });
}
