// extension.js under node with a stand-in `vscode` module (test/stub, found through NODE_PATH by the npm
// script): which Python starts the server, and the options sent to it.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

test("extension.js is valid JavaScript", () => {
  const done = spawnSync(process.execPath, ["--check", path.join(__dirname, "..", "extension.js")]);
  assert.equal(done.status, 0, String(done.stderr));
});

test("the server runs from qlmatrix.python, else the Python extension's interpreter, else python3", () => {
  const vscode = require("vscode");
  const { pythonCommand, serverOptions } = require("../extension.js");
  vscode.settings.qlmatrix = {};
  vscode.settings.python = {};
  assert.equal(pythonCommand(), process.platform === "win32" ? "python" : "python3");
  vscode.settings.python = { defaultInterpreterPath: "/opt/venv/bin/python" };
  assert.equal(pythonCommand(), "/opt/venv/bin/python");
  vscode.settings.qlmatrix = { python: " /srv/qlm/.venv/bin/python " };
  assert.equal(pythonCommand(), "/srv/qlm/.venv/bin/python");
  const { run } = serverOptions();
  assert.equal(run.command, "/srv/qlm/.venv/bin/python");
  assert.deepEqual(run.args, ["-m", "qlmatrix", "lsp"]);
});

test("the client sends the language and debounce, and watches plans and settings files", () => {
  const vscode = require("vscode");
  const { clientOptions } = require("../extension.js");
  vscode.settings.qlmatrix = { lang: "zh", debounceMs: 50 };
  const options = clientOptions();
  assert.deepEqual(options.initializationOptions, { debounceMs: 50, lang: "zh" });
  assert.deepEqual(options.documentSelector, [{ scheme: "file", language: "qlm" }]);
  assert.equal(options.synchronize.fileEvents.glob, "**/{*.qlm,qlmatrix.toml,pyproject.toml}");
});
