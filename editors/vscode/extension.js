// The qlmatrix extension: the .qlm language (package.json, the grammar, language-configuration.json)
// and a client that starts `<python> -m qlmatrix lsp` over stdio, from the configured Python.
"use strict";

const vscode = require("vscode");

let client;
const STDIO = 0; // vscode-languageclient's TransportKind.stdio


/** The interpreter to run the server with: qlmatrix.python, else the Python extension's, else python3. */
function pythonCommand() {
  const own = vscode.workspace.getConfiguration("qlmatrix").get("python", "").trim();
  if (own) {
    return own;
  }
  const theirs = vscode.workspace.getConfiguration("python").get("defaultInterpreterPath", "").trim();
  if (theirs && theirs !== "python") {
    return theirs;
  }
  return process.platform === "win32" ? "python" : "python3";
}

function serverOptions() {
  const command = pythonCommand();
  const run = { command, args: ["-m", "qlmatrix", "lsp"], transport: STDIO };
  return { run, debug: run };
}

function clientOptions() {
  const settings = vscode.workspace.getConfiguration("qlmatrix");
  const options = { debounceMs: settings.get("debounceMs", 30) };
  const lang = settings.get("lang", "");
  if (lang) {
    options.lang = lang;
  }
  return {
    documentSelector: [{ scheme: "file", language: "qlm" }],
    initializationOptions: options,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.qlm,qlmatrix.toml,pyproject.toml}") },
  };
}

async function start() {
  // Required here, not at the top: the configuration functions above run (and are tested) without VS Code.
  const { LanguageClient } = require("vscode-languageclient/node");
  client = new LanguageClient("qlmatrix", "qlm lsp", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (error) {
    const python = pythonCommand();
    vscode.window.showErrorMessage(
      `qlm lsp could not start with ${python}: install qlmatrix[lsp] there, or set qlmatrix.python. ` +
      `(${error && error.message ? error.message : error})`);
  }
}

async function activate(context) {
  await start();
  context.subscriptions.push(vscode.commands.registerCommand("qlmatrix.restartServer", async () => {
    if (client) {
      await client.stop();
    }
    await start();
  }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration("qlmatrix.python") || event.affectsConfiguration("qlmatrix.lang")) {
      await vscode.commands.executeCommand("qlmatrix.restartServer");
    }
  }));
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate, pythonCommand, serverOptions, clientOptions };
