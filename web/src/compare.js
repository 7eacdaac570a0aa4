// The compare view: the server's line diff (difflib) of the disk's text and the page's, side by side.
import { t } from "./i18n.js";
import { $ } from "./state.js";

const MARKS = { equal: ["", ""], replace: ["~", "~"], delete: ["−", ""], insert: ["", "+"] };

export function showCompare(answer) {
  const rows = answer.rows.map((row) => row.kind === "fold" ? foldRow(row.lines) : lineRow(row));
  $("compare-table").replaceChildren(...rows);
  const changed = answer.rows.filter((row) => row.kind !== "equal" && row.kind !== "fold").length;
  $("compare-summary").textContent = t("compareSummary", changed);
  $("compare-box").hidden = false;
}

function lineRow(row) {
  const tr = document.createElement("tr");
  tr.className = row.kind;
  const [diskMark, mineMark] = MARKS[row.kind];
  tr.append(...side(row.disk, diskMark, "disk"), ...side(row.mine, mineMark, "mine"));
  return tr;
}

// One side of a row: its line number, a mark (− removed, + added, ~ changed), its text; blank if the line is not on it.
function side(line, mark, which) {
  const number = Object.assign(document.createElement("td"), { className: `number ${which}`, textContent: line ? String(line[0]) : "" });
  const marked = Object.assign(document.createElement("td"), { className: `mark ${which}`, textContent: line ? mark : "" });
  const content = Object.assign(document.createElement("td"), { className: `line ${which}${line ? "" : " absent"}`, textContent: line ? line[1] : "" });
  return [number, marked, content];
}

function foldRow(lines) {
  const tr = Object.assign(document.createElement("tr"), { className: "fold" });
  tr.appendChild(Object.assign(document.createElement("td"), { colSpan: 6, textContent: t("folded", lines) }));
  return tr;
}
