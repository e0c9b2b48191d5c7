// The jobc extension: the .job language (package.json contributes its
// grammar and configuration) and the jobc language server, `jobc lsp`, run
// over standard input and output.  The program is the setting jobc.path.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("jobc").get("path") || "jobc";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient("jobc", "jobc", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "job" }],
  });
  client.start().catch((err) => {
    vscode.window.showWarningMessage(`jobc: cannot start '${command} lsp' (${err.message}); ` +
      "highlighting still works. Set jobc.path to the jobc program.");
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
