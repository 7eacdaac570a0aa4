// What the page's modules share: the open file, its version on disk, the editor, the status line.
export const $ = (id) => document.getElementById(id);

export const state = {
  path: null, version: null, saved: "", view: "tasks", problems: [], conflict: null,
  // The revision the last checks answered for (`analysed` is their text, of `analysedPath`): the views ask
  // by it, and the next checks send their edit of it.
  revision: null, analysed: null, analysedPath: null,
};

export const session = { editor: null, extensions: [] };

export function text() { return session.editor.state.doc.toString(); }

export function status(message) { $("status").textContent = message || ""; }

export function markDirty() { $("dirty").hidden = text() === state.saved; }
