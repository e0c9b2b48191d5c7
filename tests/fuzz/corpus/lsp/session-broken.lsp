Content-Length: 102

{"id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}, "jsonrpc": "2.0"}Content-Length: 57

{"method": "initialized", "params": {}, "jsonrpc": "2.0"}Content-Length: 287

{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "languageId": "job", "version": 1, "text": "job a {\n  image = \"busybox\"\n  schedule = \"*/5 * * * *\"\n  resources { cpu = 4..2 }\n  args = [\"\u2603\", \"x\"]\n"}}, "jsonrpc": "2.0"}Content-Length: 262

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "version": 2}, "contentChanges": [{"text": "  # x\n", "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}}}]}, "jsonrpc": "2.0"}Content-Length: 258

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "version": 3}, "contentChanges": [{"text": "}\n", "range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}}]}, "jsonrpc": "2.0"}Content-Length: 334

{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 339

{"id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 339

{"id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 343

{"id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 339

{"id": 6, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 339

{"id": 7, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 1, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 336

{"id": 8, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 9, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 10, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 11, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 12, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 13, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 3, "character": 15}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 15}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 337

{"id": 14, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 15, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 16, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 17, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 18, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 19, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 4, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 335

{"id": 20, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 21, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 22, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 344

{"id": 23, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 24, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 25, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 0}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 121

{"method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}}, "jsonrpc": "2.0"}Content-Length: 66

{"id": 26, "method": "shutdown", "params": null, "jsonrpc": "2.0"}Content-Length: 36

{"method": "exit", "jsonrpc": "2.0"}