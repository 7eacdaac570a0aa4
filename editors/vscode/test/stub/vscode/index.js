// A stand-in for VS Code's `vscode` module, enough for extension.js's own functions to run under node.
"use strict";

const settings = { qlmatrix: {}, python: {} };

module.exports = {
  settings,
  workspace: {
    getConfiguration: (section) => ({ get: (key, fallback) => (key in settings[section] ? settings[section][key] : fallback) }),
    createFileSystemWatcher: (glob) => ({ glob }),
  },
  window: { showErrorMessage: () => undefined },
  commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => undefined },
};
