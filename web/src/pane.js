// A table view in the pane: the blocks of `qlm table --format html`'s fragment (qlmatrix/serve/pane.py).
// The page tells the server which blocks it holds and gets the others, usually the one group of rows an
// edit changed; it then replaces that group's rows alone, so the pane is the fragment as the browser
// parses it whole, without parsing and laying out a thousand rows again at every keystroke.

export class TablePane {
  constructor(element) {
    this.element = element;
    this.shown = null;  // the view and filters the pane holds, or null when it shows something else
    this.blocks = [];  // [{key, rows}] in order
    this.texts = new Map();  // key -> HTML
    this.nodes = [];  // per block: the DOM nodes of its rows (a rows block), else null
    this.rendered = 0;  // answers shown whole, and answers shown by replacing rows (the browser test reads them)
    this.patched = 0;
  }

  // The keys to send as `have` when asking for `shown` (a view with its filters).
  held(shown) { return shown === this.shown ? [...this.texts.keys()] : []; }

  forget() { this.shown = null; this.blocks = []; this.texts = new Map(); this.nodes = []; }

  // The answer of /api/views for a table: show it, patching the rows that changed when the rest is the same.
  show(shown, answer) {
    const texts = new Map();
    for (const block of answer.blocks) texts.set(block.key, answer.texts[block.key] ?? this.texts.get(block.key));
    if ([...texts.values()].some((html) => html === undefined)) throw new Error("a block of the table is missing");
    const frame = shown === this.shown && this.nodes.length === answer.blocks.length && this.element.dataset.table === "1"
      && answer.blocks.every((block, at) => block.rows === this.blocks[at].rows && (block.rows || block.key === this.blocks[at].key));
    if (frame) {
      this.patched += 1;
      answer.blocks.forEach((block, at) => { if (block.key !== this.blocks[at].key) this.replaceRows(at, texts.get(block.key)); });
    } else {
      this.rendered += 1;
      this.element.innerHTML = answer.blocks.map((block) => texts.get(block.key)).join("");  // escaped by qlmatrix.render
      this.element.dataset.table = "1";
      this.nodes = mapRows(this.element, answer.blocks, texts);
    }
    this.shown = shown;
    this.blocks = answer.blocks;
    this.texts = texts;
  }

  replaceRows(at, html) {
    const old = this.nodes[at];
    const template = document.createElement("template");
    template.innerHTML = `<table><tbody>${html}</tbody></table>`;
    const fresh = [...template.content.querySelector("tbody").childNodes];
    const first = old[0];
    for (const node of fresh) first.parentNode.insertBefore(node, first);
    for (const node of old) node.remove();
    this.nodes[at] = fresh;
  }
}

// Which nodes of the rendered fragment are each rows block's: its <tr>s in order, each with the text
// (line breaks) after it, in the tbody of its panel.
function mapRows(element, blocks, texts) {
  const bodies = [...element.querySelectorAll("table.main > tbody")];
  const nodes = [];
  let body = -1;
  let cursor = null;
  for (const block of blocks) {
    const html = texts.get(block.key);
    if (!block.rows) {
      nodes.push(null);
      if (html.includes("<tbody>")) {
        body += 1;
        cursor = bodies[body].firstChild;
        while (cursor && cursor.nodeName !== "TR") cursor = cursor.nextSibling;
      }
      continue;
    }
    let rows = html.split("<tr").length - 1;
    const mine = [];
    while (cursor && rows > 0) {
      mine.push(cursor);
      cursor = cursor.nextSibling;
      if (!cursor || cursor.nodeName === "TR") rows -= 1;
    }
    nodes.push(mine);
  }
  return nodes;
}
