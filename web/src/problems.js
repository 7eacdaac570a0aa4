// The problems list: every finding of the plan in file and line order, each linking to its rule's page.
import { openFile } from "./files.js";
import { lang, t } from "./i18n.js";
import { offsetOf } from "./positions.js";
import { $, session, state } from "./state.js";

export function showProblems(problems) {
  $("problem-count").textContent = problems.length ? `(${problems.length})` : "";
  const list = $("problems");
  if (!problems.length) {
    list.replaceChildren(Object.assign(document.createElement("li"), { textContent: t("noProblems"), className: "none" }));
    return;
  }
  list.replaceChildren(...problems.map(problemItem));
}

function problemItem(p) {
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
  item.addEventListener("click", () => goTo(p));
  return item;
}

async function goTo(p) {
  if (p.file !== state.path && !(await openFile(p.file))) return;
  const editor = session.editor;
  const at = offsetOf(editor.state.doc, p.line, p.column);
  editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  editor.focus();
}
