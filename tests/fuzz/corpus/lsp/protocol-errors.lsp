Content-Length: 73

{"id": 1, "method": "textDocument/hover", "params": {}, "jsonrpc": "2.0"}Content-Length: 5

{bad}Content-Length: 65

{"id": 2, "method": "initialize", "params": {}, "jsonrpc": "2.0"}Content-Length: 59

{"id": 3, "method": "nope", "params": {}, "jsonrpc": "2.0"}Content-Length: x

Content-Length: 49

{"id": 4, "method": "shutdown", "jsonrpc": "2.0"}Content-Length: 36

{"method": "exit", "jsonrpc": "2.0"}