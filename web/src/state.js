// What the page's modules share: the open file, its version on disk, the editor, the status line.
export const $ = (id) => document.getElementById(id);

export const state = {
  path: null, version: null, saved: "", view: "tasks", problems: [], conflict: null,
  // The revision the last checks answered for (`analysed` is their text): the views ask by it.
  revision: null, analysed: null,
};

export const session = { editor: null, extensions: [] };

export function text() { return session.editor.state.doc.toString(); }

export function status(message) { $("status").textContent = message || ""; }

export function markDirty() { $("dirty").hidden = text() === state.saved; }
