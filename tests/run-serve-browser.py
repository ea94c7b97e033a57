#!/usr/bin/env python3
"""`qms serve` in real Chromium: the open page follows the file, no reload by hand.

usage: run-serve-browser.py QMS_BINARY FIXTURE_WS

Starts `qms serve --port 0` on a copy of FIXTURE_WS (tests/report/ws) and
Debian's headless Chromium, driven over the DevTools protocol (a small
WebSocket client below, standard library only). Opens the procedure page
A-01, marks its window (a JavaScript variable that a reload clears), then:
- renames a step in A-01.yaml: the new name appears in the page's step
  table and the mark is gone (the page reloaded itself);
- breaks a `next:`: its diagnostic, with the file and the line, appears in
  the page's check section.
Only Page.navigate is sent once, at the start; after it the test only reads
(Runtime.evaluate). Prints the save-to-page time of each edit.
Skipped (exit 77) when chromium is not installed; with CI set that is a
failure.
"""
import base64
import http.client
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("run_serve", os.path.join(os.path.dirname(__file__), "run-serve.py"))
run_serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_serve)
check, edit, Server, WAIT = run_serve.check, run_serve.edit, run_serve.Server, run_serve.WAIT


class DevTools:
    """One WebSocket to one DevTools target: send a command, read its answer."""

    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert b" 101 " in head.split(b"\r\n")[0], head
        self.next_id = 0

    def _send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        hdr = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                               bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else
                               bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        b = b""
        while len(b) < n:
            chunk = self.sock.recv(n - len(b))
            if not chunk:
                raise EOFError("DevTools closed the connection")
            b += chunk
        return b

    def _recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if b0 & 0x0F in (0x1, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self._recv())
            if msg.get("id") == self.next_id:
                return msg.get("result", {})

    def evaluate(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")


def start_chromium(chromium, profile):
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-proxy-server",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    active = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(active):
        time.sleep(0.1)
    time.sleep(0.2)
    with open(active) as f:
        port = int(f.readline())
    targets = []
    while time.time() < deadline and not targets:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/json/list")
        data = c.getresponse().read()
        c.close()
        targets = [t for t in json.loads(data) if t.get("type") == "page"]
        if not targets:
            time.sleep(0.2)
    return proc, DevTools(targets[0]["webSocketDebuggerUrl"])


def wait_js(dt, expr):
    """Seconds until the expression is true in the page, or None."""
    t0 = time.time()
    while time.time() - t0 < WAIT:
        try:
            if dt.evaluate(expr):
                return time.time() - t0
        except (OSError, EOFError):
            return None
        time.sleep(0.05)
    return None


def main():
    qms, fixture = sys.argv[1], sys.argv[2]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        if os.environ.get("CI"):
            check(False, "CI: chromium is installed (scripts/debian-packages-test)")
            return 1
        print("SKIP: chromium is not installed")
        return 77
    tmp = tempfile.mkdtemp(prefix="qms-serve-browser-")
    ws = os.path.join(tmp, "ws")
    shutil.copytree(fixture, ws)
    srv = Server(qms, ws)
    browser = None
    try:
        if not check(srv.port is not None, f"serve prints its address: {''.join(srv.lines).strip()}"):
            return 1
        browser, dt = start_chromium(chromium, os.path.join(tmp, "profile"))
        dt.call("Page.enable")
        dt.call("Page.navigate", url=f"http://127.0.0.1:{srv.port}/procedures/A-01.html")
        steps = "(document.getElementById('steps')||{innerText:''}).innerText"
        took = wait_js(dt, f"{steps}.includes('Tiếp nhận và kiểm tra hồ sơ')")
        check(took is not None, "Chromium shows the procedure page")
        dt.evaluate("window.qmsMark = 1")
        check(dt.evaluate("window.qmsMark === 1"), "the window is marked")

        a01 = os.path.join(ws, "processes", "so-a", "A-01.yaml")
        edit(a01, "Tiếp nhận và kiểm tra hồ sơ", "Tiếp nhận hồ sơ trực tuyến")
        took = wait_js(dt, f"{steps}.includes('Tiếp nhận hồ sơ trực tuyến')")
        check(took is not None, f"the new step name appears in the open page ({took and round(took, 2)} s)")
        check(dt.evaluate("window.qmsMark === undefined"), "the page reloaded itself (the mark is gone)")

        text = edit(a01, "next: vao-so}", "next: khong-co}")
        line = next(i + 1 for i, l in enumerate(text.splitlines()) if "next: khong-co" in l)
        where = f"processes/so-a/A-01.yaml:{line}:"
        took = wait_js(dt, f"document.body.innerText.includes({json.dumps(where)}) && "
                           "document.body.innerText.includes('khong-co')")
        check(took is not None, f"the diagnostic {where} appears in the open page ({took and round(took, 2)} s)")
    finally:
        if browser:
            run_serve.stop(browser, 30)
        rc = run_serve.stop(srv.proc, 60)
        check(rc == 0, f"SIGTERM stops qms serve with exit 0 ({rc})")
        shutil.rmtree(tmp, ignore_errors=True)
    failures = run_serve.failures
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
