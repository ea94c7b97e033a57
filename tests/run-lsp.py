#!/usr/bin/env python3
"""`qms schema` in a real editor client: yaml-language-server (npm, pinned in
tests/npm) driven over LSP on stdio.

usage: run-lsp.py QMS

A workspace made by `qms init` and `qms new procedure` (whose first line
names the schema qms wrote into .qms/schema/): the server reports a
misspelled key (`titel`) on its line, says nothing of a correct procedure,
and completion inside a step offers kind, lane, duration and next. A test
of the schema itself: every key of `qms check --schema` is in it.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


class Client:
    def __init__(self, server, root):
        self.p = subprocess.Popen(["node", server, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.diagnostics = {}
        self.root = root

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        headers = {}
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("the server stopped")
            if line in (b"\r\n", b"\n"):
                break
            k, v = line.decode().split(":", 1)
            headers[k.strip().lower()] = v.strip()
        return json.loads(self.p.stdout.read(int(headers["content-length"])))

    def request(self, method, params, timeout=30):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def wait(self, pred, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[m["params"]["uri"]] = m["params"]["diagnostics"]
            elif m.get("method") == "workspace/configuration":
                items = m["params"]["items"]
                self.send({"jsonrpc": "2.0", "id": m["id"],
                           "result": [{"validate": True, "completion": True, "hover": True}
                                      if i.get("section") == "yaml" else None for i in items]})
            elif "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if pred(m):
                return m
        raise TimeoutError("no answer from the server")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, path, text):
        uri = "file://" + path
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return uri


def main():
    qms = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    server = os.path.join(here, "npm", "node_modules", "yaml-language-server", "bin", "yaml-language-server")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    with tempfile.TemporaryDirectory() as tmp:
        ws = os.path.join(tmp, "ws")
        subprocess.run([qms, "init", ws, "--agency", "so-a=Sở A"], check=True, capture_output=True, env=env)
        subprocess.run([qms, "-C", ws, "new", "procedure", "so-a", "--code", "SA-QT-01", "--title", "Thử",
                        "--effective", "2021-01-01"], check=True, capture_output=True, env=env)
        path = os.path.join(ws, "processes", "so-a", "SA-QT-01.yaml")
        good = open(path, encoding="utf-8").read()

        schema = json.load(open(os.path.join(ws, ".qms", "schema", "process.schema.json")))
        md = subprocess.run([qms, "check", "--schema"], capture_output=True, text=True, env=env).stdout
        step_keys = set(schema["definitions"]["step"]["properties"])
        check({"id", "name", "kind", "lane", "duration", "next"} <= step_keys, "schema: the keys of a step")
        check(all(f"`{k}`" in md for k in step_keys), "schema: every key of a step is in docs/format.md's reference")

        c = Client(server, ws)
        c.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + ws,
                                 "capabilities": {"workspace": {"configuration": True},
                                                  "textDocument": {"completion": {"completionItem": {
                                                      "snippetSupport": False}}}}})
        c.notify("initialized", {})
        c.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {"validate": True, "completion": True}}})

        uri = c.open(path, good)
        errs = [d for d in c.diagnostics.get(uri, []) if d.get("severity", 1) == 1]
        check(not errs, f"a procedure from qms new has no error in the editor {[d['message'] for d in errs][:3]}")

        lines = good.splitlines()
        n = next(i for i, l in enumerate(lines) if l.startswith("  title:"))
        bad = "\n".join(lines[:n] + [lines[n].replace("title:", "titel:")] + lines[n + 1:]) + "\n"
        bad_path = os.path.join(ws, "processes", "so-a", "SA-QT-02.yaml")
        open(bad_path, "w", encoding="utf-8").write(bad)
        uri2 = c.open(bad_path, bad)
        diags = c.diagnostics.get(uri2, [])
        on_line = [d for d in diags if d["range"]["start"]["line"] == n and "titel" in d["message"]]
        check(on_line, f"a misspelled key is reported on its line {n + 1}: {[d['message'] for d in diags][:3]}")

        # completion inside a step: after `    - id: x` a new key of the step
        s = next(i for i, l in enumerate(lines) if l.startswith("  steps:"))
        text = "\n".join(lines[:s + 1] + ["    - id: x", "      "] + lines[s + 1:]) + "\n"
        comp_path = os.path.join(ws, "processes", "so-a", "SA-QT-03.yaml")
        open(comp_path, "w", encoding="utf-8").write(text)
        uri3 = c.open(comp_path, text)
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri3},
                                                  "position": {"line": s + 2, "character": 6}})
        res = r.get("result") or {}
        labels = {i["label"] for i in (res.get("items", []) if isinstance(res, dict) else res)}
        want = {"kind", "lane", "duration", "next"}
        check(want <= labels, f"completion in a step offers {sorted(want)} (got {sorted(labels)[:12]})")
        c.p.kill()
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
