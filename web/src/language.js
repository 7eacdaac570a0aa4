// Hover and completion from the language service `qlm lsp` uses.
import { hoverTooltip } from "@codemirror/view";

import * as api from "./api.js";
import { lang } from "./i18n.js";
import { offsetOf, positionOf } from "./positions.js";
import { state } from "./state.js";

export const hover = hoverTooltip(async (view, pos) => {
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

export async function complete(context) {
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
