#!/usr/bin/env python3
"""clients.py CLIENT JOBC SCRATCH [NPM_PREFIX] - jobc lsp through real clients.

  neovim          Neovim's own LSP client, headless, runs neovim.lua
  vscode-jsonrpc  node runs vscode_jsonrpc.js on vscode-jsonrpc, the library
                  VS Code's language client is built on; it is installed
                  under NPM_PREFIX (npm install --no-save) when missing

Each run starts from an empty SCRATCH.  Exits 77 (a skip for CTest) with
the reason when the client is not installed and cannot be: nvim (root
installs it with apt-get), node, or vscode-jsonrpc when npm cannot fetch
it."""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
TIMEOUT = 120
# The major version VS Code's language client (vscode-languageclient 9)
# depends on.
JSONRPC = "vscode-jsonrpc@8"


def skip(why):
    print("SKIP:", why)
    return SKIP


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, timeout=TIMEOUT, **kw)
    except subprocess.TimeoutExpired:
        print(f"FAIL: {' '.join(cmd)} did not end in {TIMEOUT} s", file=sys.stderr)
        return None


def neovim(jobc, scratch):
    if not shutil.which("nvim") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "neovim"], stdout=subprocess.DEVNULL,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if not shutil.which("nvim"):
        return skip("nvim is not installed and cannot be installed here "
                    "(sudo apt-get install neovim, or make test-deps as root)")
    result = os.path.join(scratch, "result")
    env = dict(os.environ, JOBC=jobc, SCRATCH=scratch, RESULT=result)
    for d in ("CACHE", "CONFIG", "DATA", "STATE"):
        env[f"XDG_{d}_HOME"] = os.path.join(scratch, "xdg", d.lower())
    p = run(["nvim", "--headless", "-u", "NONE", "-i", "NONE",
             "-c", "luafile " + os.path.join(HERE, "neovim.lua")],
            cwd=scratch, env=env, stdin=subprocess.DEVNULL)
    if p is None:
        return 1
    verdict = open(result).read() if os.path.exists(result) else ""
    if p.returncode == 0 and verdict == "ok\n":
        return 0
    print(f"FAIL: nvim exited with status {p.returncode}; the script says:\n{verdict or '(nothing)'}",
          file=sys.stderr)
    return 1


def jsonrpc_installed(prefix):
    pkg = os.path.join(prefix, "node_modules", "vscode-jsonrpc", "package.json")
    try:
        return json.load(open(pkg))["version"].startswith(JSONRPC.split("@")[1] + ".")
    except (OSError, ValueError, KeyError):
        return False


def vscode_jsonrpc(jobc, scratch, prefix):
    if not shutil.which("node"):
        return skip("node is not installed")
    if not jsonrpc_installed(prefix):
        if not shutil.which("npm"):
            return skip(f"{JSONRPC} is not under {prefix} and npm is not installed")
        p = run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, JSONRPC],
                capture_output=True, text=True)
        if p is None or p.returncode != 0 or not jsonrpc_installed(prefix):
            out = (p.stdout + p.stderr).strip().splitlines()[-5:] if p else []
            return skip(f"npm could not install {JSONRPC} under {prefix}: " + " / ".join(out))
    env = dict(os.environ, NODE_PATH=os.path.join(prefix, "node_modules"))
    p = run(["node", os.path.join(HERE, "vscode_jsonrpc.js"), jobc, scratch], cwd=scratch, env=env)
    return 1 if p is None else p.returncode


def main(client, jobc, scratch, *rest):
    jobc, scratch = os.path.abspath(jobc), os.path.abspath(scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    if client == "neovim":
        return neovim(jobc, scratch)
    return vscode_jsonrpc(jobc, scratch, os.path.abspath(rest[0]))


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
