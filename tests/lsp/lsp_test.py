#!/usr/bin/env python3
"""lsp_test.py JOBC SCRATCH - jobc lsp over its wire, as an editor drives it.

Each check sends what a client sends (Content-Length framed JSON-RPC) and
asserts what comes back: diagnostics with the codes and UTF-16 ranges jobc
check gives (also for an error in an included file, and after incremental
changes), hover, completion, definition (into an included file and into
the standard library), symbols, formatting, code actions from fix-its,
and the protocol's errors (malformed JSON, unknown methods, requests
before initialize, a message over the limit)."""
import json
import os
import subprocess
import sys
import threading
import queue

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what, file=sys.stderr)


class Client:
    def __init__(self, jobc, cwd):
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(cwd, "cache"))
        self.p = subprocess.Popen([jobc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.q = queue.Queue()
        self.next_id = 1
        self.diags = {}
        threading.Thread(target=self.reader, daemon=True).start()

    def reader(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    length = int(v)
            self.q.put(json.loads(f.read(length)))

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        body = json.dumps(msg).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait(self, pred, timeout=20):
        while True:
            m = self.q.get(timeout=timeout)
            if m is None:
                raise EOFError("the server closed its output")
            if m.get("method") == "textDocument/publishDiagnostics":
                self.diags[m["params"]["uri"]] = m["params"]["diagnostics"]
            if pred(m):
                return m

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"id": i, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == i)

    def diagnostics(self, uri):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri)["params"]["diagnostics"]


def uri(path):
    return "file://" + path


def main(jobc, scratch):
    os.makedirs(os.path.join(scratch, "lib"), exist_ok=True)
    lib = os.path.join(scratch, "lib", "base.job")
    with open(lib, "w") as f:
        f.write('# shared defaults\ntemplate nightly(tag = "1") {\n  image = "acme/etl:${tag}"\n'
                '  retries = 2\n}\n')
    path = os.path.join(scratch, "etl.job")
    text = ('include "lib/base.job"\n'
            'include "std/presets.job"\n'
            'let region = "eu"\n'
            'job etl : nightly("2") {\n'
            '  # ☃ a snowman and 😀 before the mistake\n'
            '  args = ["😀", "x"]; restart = always\n'
            '  retries = 3\n'
            '  \n'
            '}\n')
    with open(path, "w") as f:
        f.write("placeholder: the editor's buffer is what counts\n")
    c = Client(jobc, scratch)

    # before initialize: ServerNotInitialized
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)},
                                         "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32002, f"a request before initialize: {r}")
    r = c.request("initialize", {"processId": None, "rootUri": uri(scratch), "capabilities": {}})
    caps = r["result"]["capabilities"]
    check(caps["textDocumentSync"]["change"] == 2 and caps["hoverProvider"],
          f"initialize: {caps}")
    c.notify("initialized", {})

    # diagnostics of the unsaved buffer: JOB101 at 'always', in UTF-16 columns
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "job",
                                                       "version": 1, "text": text}})
    d = c.diagnostics(uri(path))
    j101 = [x for x in d if x.get("code") == "JOB101"]
    line6 = text.split("\n")[5]
    col = len(line6[:line6.index("always")].encode("utf-16-le")) // 2
    check(len(j101) == 1 and j101[0]["range"]["start"] == {"line": 5, "character": col}
          and j101[0]["range"]["end"] == {"line": 5, "character": col + 6}
          and j101[0]["severity"] == 1, f"JOB101 at 6:{col} (UTF-16): {d}")
    check(j101 and "in Kubernetes terms" in j101[0]["message"],
          f"the Kubernetes note is in the message: {j101}")

    # the same as jobc check says, code for code
    with open(path + ".check.job", "w") as f:
        f.write(text)
    out = subprocess.run([jobc, "check", "--diagnostics", "json", path + ".check.job"],
                         capture_output=True, text=True, cwd=scratch).stderr
    want = sorted((j["code"] or "", j["line"] - 1, j["message"])
                  for j in map(json.loads, out.splitlines()) if j["file"].endswith("etl.job.check.job"))
    got = sorted((x.get("code", ""), x["range"]["start"]["line"], x["message"].split("\n")[0].split(" [-W")[0])
                 for x in d)
    check(want == got, f"lsp and jobc check differ:\n  check: {want}\n  lsp:   {got}")

    # an incremental change: fix it, the diagnostic goes
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(path), "version": 2},
        "contentChanges": [{"range": {"start": {"line": 5, "character": col},
                                      "end": {"line": 5, "character": col + 6}}, "text": "never"}]})
    d = c.diagnostics(uri(path))
    check(not [x for x in d if x.get("code") == "JOB101"], f"after the fix, JOB101 stays: {d}")

    # a typo with a fix-it: a code action that replaces it
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(path), "version": 3},
        "contentChanges": [{"range": {"start": {"line": 6, "character": 2},
                                      "end": {"line": 6, "character": 9}}, "text": "retires"}]})
    d = c.diagnostics(uri(path))
    typo = [x for x in d if "retires" in x["message"]]
    check(typo and typo[0]["range"]["start"] == {"line": 6, "character": 2}, f"the typo: {d}")
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(path)},
                                              "range": {"start": {"line": 6, "character": 3},
                                                        "end": {"line": 6, "character": 3}},
                                              "context": {"diagnostics": typo}})
    acts = r["result"]
    edit = acts and acts[0]["edit"]["changes"][uri(path)][0]
    check(edit and edit["newText"] == "retries" and edit["range"]["start"] == {"line": 6, "character": 2},
          f"the fix-it as a code action: {acts}")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 4},
                                        "contentChanges": [{"text": text.replace("always", "never")}]})
    c.diagnostics(uri(path))

    # hover: a field, a template use, a let
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)},
                                         "position": {"line": 6, "character": 4}})
    v = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("spec.backoffLimit" in v, f"hover on retries: {v!r}")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)},
                                         "position": {"line": 3, "character": 13}})
    v = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("template nightly" in v and "base.job:2" in v, f"hover on a template use: {v!r}")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)},
                                         "position": {"line": 3, "character": 5}})
    v = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("retries" in v and "spec.backoffLimit" in v and "nightly" in v,
          f"hover on a job name: its resolved fields: {v!r}")

    # completion: fields in a job body, words of an enum, templates after ':'
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri(path)},
                                              "position": {"line": 7, "character": 2}})
    labels = {i["label"] for i in r["result"]}
    check({"deadline", "retries", "container", "volume"} <= labels, f"completion in a job body: {sorted(labels)[:20]}")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 5},
                                        "contentChanges": [{"range": {"start": {"line": 7, "character": 2},
                                                                      "end": {"line": 7, "character": 2}},
                                                            "text": "restart = "}]})
    c.diagnostics(uri(path))
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri(path)},
                                              "position": {"line": 7, "character": 12}})
    labels = {i["label"] for i in r["result"]}
    check({"never", "on-failure"} <= labels and "region" in labels,
          f"completion of restart's words and lets: {sorted(labels)}")

    # definition: a template in an included file, an include path, std
    r = c.request("textDocument/definition", {"textDocument": {"uri": uri(path)},
                                              "position": {"line": 3, "character": 12}})
    loc = r.get("result") or {}
    check(loc.get("uri") == uri(lib) and loc["range"]["start"] == {"line": 1, "character": 9},
          f"definition of nightly: {loc}")
    r = c.request("textDocument/definition", {"textDocument": {"uri": uri(path)},
                                              "position": {"line": 1, "character": 12}})
    loc = r.get("result") or {}
    std = loc.get("uri", "")
    check(std == uri(os.path.join(scratch, "cache")) + std[len(uri(os.path.join(scratch, "cache"))):]
          and std.endswith("/std/presets.job") and os.path.exists(std[len("file://"):]),
          f"definition of an std include: a file on disk: {loc}")

    # symbols
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    names = [(s["name"], s["detail"]) for s in r["result"]]
    check(names == [("region", "let"), ("etl", "job")], f"symbols: {names}")

    # formatting: what jobc fmt prints
    ugly = 'job   a {\nimage="busybox:1"\n    deadline=1h\n}\n'
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 6},
                                        "contentChanges": [{"text": ugly}]})
    c.diagnostics(uri(path))
    r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(path)},
                                              "options": {"tabSize": 2, "insertSpaces": True}})
    fmt = subprocess.run([jobc, "fmt", "-"], input=ugly, capture_output=True, text=True).stdout
    check(r["result"] and r["result"][0]["newText"] == fmt, f"formatting: {r}")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 7},
                                        "contentChanges": [{"text": "job a {\n"}]})
    c.diagnostics(uri(path))
    r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(path)},
                                              "options": {"tabSize": 2, "insertSpaces": True}})
    check(r.get("result") == [], f"formatting what does not parse: no edit: {r}")

    # an error in an included file: published to that file, and at the include
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 8},
                                        "contentChanges": [{"text": text.replace("always", "never")}]})
    c.diagnostics(uri(path))
    with open(lib, "w") as f:
        f.write('template nightly(tag = "1") {\n  image = "acme/etl:${tag}"\n  retries = -2\n}\n')
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 9},
                                        "contentChanges": [{"text": text.replace("always", "never") + "\n"}]})
    d = c.diagnostics(uri(path))
    inc = c.diags.get(uri(lib), [])
    check(any(x["range"]["start"]["line"] == 2 for x in inc), f"the included file's error in it: {inc}")
    check(any("base.job, included here" in x["message"] and x["range"]["start"]["line"] == 0 for x in d),
          f"the included file's error at the include: {d}")

    # the protocol: bad JSON, an unknown method, a message over the limit
    c.raw(b"Content-Length: 9\r\n\r\n{not json")
    r = c.wait(lambda m: "error" in m)
    check(r["error"]["code"] == -32700 and r["id"] is None, f"bad JSON: {r}")
    r = c.request("textDocument/frobnicate", {})
    check(r.get("error", {}).get("code") == -32601, f"an unknown method: {r}")
    c.raw(b"Content-Length: 999999999999\r\n\r\n")
    c.p.stdin.close()
    c.p.wait(timeout=20)
    err = c.p.stderr.read().decode()
    check("over the limit" in err, f"a message over the limit is said: {err!r}")
    check(c.p.returncode == 1, f"exit without shutdown: status {c.p.returncode}")

    # shutdown, then exit: status 0
    c = Client(jobc, scratch)
    c.request("initialize", {"processId": None, "capabilities": {}})
    r = c.request("shutdown", None)
    check("result" in r, f"shutdown: {r}")
    r = c.request("textDocument/hover", {})
    check(r.get("error", {}).get("code") == -32600, f"a request after shutdown: {r}")
    c.notify("exit", None)
    check(c.p.wait(timeout=20) == 0, f"exit after shutdown: status {c.p.returncode}")

    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
