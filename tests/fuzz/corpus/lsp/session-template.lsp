Content-Length: 102

{"id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}, "jsonrpc": "2.0"}Content-Length: 57

{"method": "initialized", "params": {}, "jsonrpc": "2.0"}Content-Length: 449

{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "languageId": "job", "version": 1, "text": "include \"std/presets.job\"\nlet region = \"eu\"\ntemplate t(tag = \"1\") : batch {\n  image = \"acme/x:${tag}\"\n}\njob a : t(\"2\") {\n  restart = always\n  retires = 3\n  container side { image = \"b:1\"; env { A = region } }\n  volume v { empty-dir = true; mount = \"/v\" }\n}\n"}}, "jsonrpc": "2.0"}Content-Length: 262

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "version": 2}, "contentChanges": [{"text": "never", "range": {"start": {"line": 6, "character": 12}, "end": {"line": 6, "character": 18}}}]}, "jsonrpc": "2.0"}Content-Length: 262

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "version": 3}, "contentChanges": [{"text": "retries", "range": {"start": {"line": 7, "character": 2}, "end": {"line": 7, "character": 9}}}]}, "jsonrpc": "2.0"}Content-Length: 452

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job", "version": 4}, "contentChanges": [{"text": "include \"std/presets.job\"\nlet region = \"eu\"\ntemplate t(tag = \"1\") : batch {\n  image = \"acme/x:${tag}\"\n}\njob a : t(\"2\") {\n  restart = always\n  retires = 3\n  container side { image = \"b:1\"; env { A = region } }\n  volume v { empty-dir = true; mount = \"/v\" }\n}\n"}]}, "jsonrpc": "2.0"}Content-Length: 336

{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 345

{"id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 6, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 7, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 0, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 336

{"id": 8, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 341

{"id": 9, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 10, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 11, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 12, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 13, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 2, "character": 10}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 10}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 335

{"id": 14, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 15, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 16, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 344

{"id": 17, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 18, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 19, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 5}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 5}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 335

{"id": 20, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 21, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 22, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 344

{"id": 23, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 24, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 25, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 5, "character": 9}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 9}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 335

{"id": 26, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 27, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 28, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 344

{"id": 29, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 30, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 31, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 4}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 4}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 337

{"id": 32, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 33, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 34, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 35, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 36, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 37, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 6, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 335

{"id": 38, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 39, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 40, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 344

{"id": 41, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 42, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 340

{"id": 43, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 7, "character": 3}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 3}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 337

{"id": 44, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 45, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 46, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 47, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 48, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 49, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 14}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 14}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 337

{"id": 50, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 51, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 52, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 53, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 54, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 55, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 8, "character": 40}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 40}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 337

{"id": 56, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 57, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 58, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 346

{"id": 59, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 60, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 342

{"id": 61, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}, "position": {"line": 9, "character": 12}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 12}}, "context": {"diagnostics": []}, "options": {"tabSize": 2, "insertSpaces": true}}, "jsonrpc": "2.0"}Content-Length: 121

{"method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/jobc-fuzz/a.job"}}, "jsonrpc": "2.0"}Content-Length: 66

{"id": 62, "method": "shutdown", "params": null, "jsonrpc": "2.0"}Content-Length: 36

{"method": "exit", "jsonrpc": "2.0"}