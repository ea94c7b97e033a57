#!/usr/bin/env python3
"""End-to-end test of `qms serve` over HTTP (no browser).

usage: run-serve.py QMS_BINARY FIXTURE_WS

On a copy of FIXTURE_WS (tests/report/ws): start `qms serve --port 0`, read
the port and the site folder from its first lines, then check that
- a procedure page is served (text/html, with the reload script), and the
  style sheet, a diagram, report.json and report.csv with their types; HEAD
  gives the headers and no body;
- path tricks are refused (403 or 404, never the file): /../qms.yaml,
  /%2e%2e/qms.yaml, %2e%2e deeper, an absolute path, the hidden marker,
  a symbolic link to a file and to a folder outside the site; POST is 405;
  a Host that is not the loopback is 403;
- editing a step's name in the procedure's YAML shows the new name on the
  procedure's page within the time limit, and /__qms/version grows;
- breaking a `next:` shows its diagnostic, with the file and line, on the
  procedure's page;
- SIGTERM stops the server with exit 0 and removes its private folder;
- a second server on the port the first one holds exits 3 (an I/O error)
  and says it cannot listen.
Prints the save-to-page latency of each edit.
"""
import http.client
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

AS_OF = "2020-09-30"
# under ASan a build of the fixture takes seconds on a loaded machine
WAIT = float(os.environ.get("QMS_SERVE_WAIT", "90"))
failures = []


def check(cond, what):
    print(f"{'ok  ' if cond else 'FAIL'} {what}", flush=True)
    if not cond:
        failures.append(what)
    return cond


def drain(pipe, into):
    for line in pipe:
        into.append(line)


class Server:
    def __init__(self, qms, ws, jobs=1):
        env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
        self.proc = subprocess.Popen([qms, "-C", ws, "serve", "--port", "0", "--as-of", AS_OF, "-j", str(jobs)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        self.port = self.dir = None
        deadline = time.time() + WAIT
        self.lines = []
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r" (/\S+) .*http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.dir, self.port = m.group(1), int(m.group(2))
                break
        # each build prints a line (and the workspace's problems on
        # stderr): read them, or the pipes fill and the server blocks
        # (after about 400 builds)
        self.errors = []
        self.drains = [threading.Thread(target=drain, args=(self.proc.stdout, self.lines), daemon=True),
                       threading.Thread(target=drain, args=(self.proc.stderr, self.errors), daemon=True)]
        for t in self.drains:
            t.start()

    def stderr(self):
        """What it wrote on stderr, once it has exited."""
        for t in self.drains:
            t.join(timeout=10)
        return "".join(self.errors)

    def request(self, path, method="GET", host=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        c.putheader("Host", host or f"127.0.0.1:{self.port}")
        c.endheaders()
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, r.getheader("Content-Type") or "", body

    def page(self, path):
        status, _, body = self.request(path)
        return body.decode("utf-8", "replace") if status == 200 else ""


def stop(proc, timeout):
    """SIGTERM, then SIGKILL after timeout seconds; the exit status (None: killed)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


def wait_for(srv, path, pred):
    """Seconds until pred(page) holds, or None."""
    t0 = time.time()
    while time.time() - t0 < WAIT:
        if pred(srv.page(path)):
            return time.time() - t0
        time.sleep(0.05)
    return None


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, old
    text = text.replace(old, new, 1)
    # as an editor saves: a new file renamed over the old one
    with open(path + ".new", "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(path + ".new", path)
    return text


def check_tricks(srv, ws):
    for path in ["/../qms.yaml", "/%2e%2e/qms.yaml", "/%2E%2E/qms.yaml", "/procedures/%2e%2e/%2e%2e/qms.yaml",
                 "/procedures/../../qms.yaml", "//etc/passwd", "/%2fetc/passwd", "/.qms-site",
                 "/procedures/%00.html", "/procedures/A-01.html/..", "/./index.html"]:
        status, _, body = srv.request(path)
        check(status in (403, 404) and b"language" not in body and b"root:" not in body,
              f"{path} refused ({status})")
    os.symlink(os.path.join(ws, "qms.yaml"), os.path.join(srv.dir, "leak.html"))
    os.symlink(ws, os.path.join(srv.dir, "up"))
    for path in ["/leak.html", "/up/qms.yaml"]:
        status, _, body = srv.request(path)
        check(status in (403, 404) and b"language" not in body, f"symbolic link {path} refused ({status})")
    os.unlink(os.path.join(srv.dir, "leak.html"))
    os.unlink(os.path.join(srv.dir, "up"))
    status, _, _ = srv.request("/index.html", method="POST")
    check(status == 405, f"POST is 405 ({status})")
    status, _, _ = srv.request("/index.html", host="evil.example:80")
    check(status == 403, f"a Host that is not the loopback is 403 ({status})")
    status, _, _ = srv.request("/procedures/nope.html")
    check(status == 404, f"a missing page is 404 ({status})")


def check_types(srv):
    for path, want in [("/", "text/html"), ("/style.css", "text/css"), ("/diagrams/A-01.svg", "image/svg+xml"),
                       ("/board.svg", "image/svg+xml"), ("/report.json", "application/json"),
                       ("/report.csv", "text/csv"), ("/__qms/version", "text/plain")]:
        status, ctype, body = srv.request(path)
        check(status == 200 and ctype.startswith(want) and body, f"{path}: {status} {ctype}")
    status, ctype, body = srv.request("/procedures/A-01.html", method="HEAD")
    check(status == 200 and ctype.startswith("text/html") and body == b"", f"HEAD: {status} {ctype}, no body")


def version(srv):
    v = srv.page("/__qms/version")
    return int(v) if v.isdigit() else 0


def after_build(srv, v0, change):
    """Make a change, then wait for the build that follows it."""
    change()
    took = wait_for(srv, "/__qms/version", lambda p: p.isdigit() and int(p) > v0)
    return took


def tree(root):
    """Every file under root, by relative path: run-site.py's files_of()."""
    spec = importlib.util.spec_from_file_location(
        "run_site", os.path.join(os.path.dirname(os.path.abspath(__file__)), "site", "run-site.py"))
    run_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_site)
    return run_site.files_of(root)


def settle(srv):
    """Wait until no build follows the last one."""
    v = version(srv)
    while True:
        time.sleep(1)
        if version(srv) == v:
            return
        v = version(srv)


def same_as_site(qms, srv, ws, tmp, what):
    """The served folder is byte for byte the site `qms site` builds from
    the same files."""
    settle(srv)
    fresh = tempfile.mkdtemp(prefix="fresh-", dir=tmp)
    shutil.rmtree(fresh)
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    p = subprocess.run([qms, "-C", ws, "site", "--as-of", AS_OF, "--out", fresh], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    check(p.returncode in (0, 1), f"qms site builds the same files ({p.returncode}) {p.stderr[-300:]}")
    served, built = tree(srv.dir), tree(fresh)
    differ = sorted(f for f in set(served) | set(built) if served.get(f) != built.get(f))
    check(served and not differ, f"{what}: the served site is byte for byte a fresh qms site ({len(built)} files; "
          f"differ: {differ[:5]})")


CALLER = """process:
  code: K-01
  title: Thủ tục gọi A-01
  agency: so-f
  standard: ISO 9001:2015
  clauses: [8.1]
  steps:
    - {id: s, kind: start, name: Nộp hồ sơ, next: goi}
    - {id: goi, kind: subprocess, calls: A-01, duration: 2 ngày làm việc, name: Cấp phép như A-01, next: e}
    - {id: e, kind: end, name: Trả kết quả}
"""


def check_dependencies(qms, srv, ws, tmp):
    """Pages that show what another file says are made again when it
    changes (lib/site-deps.c): a caller's diagnostics, an agency's figures."""
    caller = os.path.join(ws, "processes", "so-f", "K-01.yaml")
    with open(caller + ".new", "w", encoding="utf-8") as f:
        f.write(CALLER)
    os.rename(caller + ".new", caller)
    took = wait_for(srv, "/procedures/K-01.html", lambda p: "[T005]" in p)
    check(took is not None, "a caller of A-01 whose step is shorter than A-01's limit: T005 on its page")
    same_as_site(qms, srv, ws, tmp, "a caller added")
    so_a, so_f = srv.page("/agencies/so-a.html"), srv.page("/agencies/so-f.html")
    a01 = os.path.join(ws, "processes", "so-a", "A-01.yaml")
    took = after_build(srv, version(srv), lambda: edit(a01, "committed: 6 ngày làm việc", "committed: 2 ngày làm việc"))
    wait_for(srv, "/procedures/K-01.html", lambda p: "[T005]" not in p)
    settle(srv)
    check(took is not None and "[T005]" not in srv.page("/procedures/K-01.html"),
          "A-01's limit shortened: its caller's page (K-01) loses its T005")
    check(srv.page("/agencies/so-f.html") != so_f, "... and the caller's agency page (so-f) changed")
    check(srv.page("/agencies/so-a.html") != so_a, "... and A-01's agency page (so-a: its time figures) changed")
    same_as_site(qms, srv, ws, tmp, "a called procedure's limit changed")
    so_b = srv.page("/agencies/so-b.html")
    tracker = os.path.join(ws, "audits", "so-b.yaml")
    took = after_build(srv, version(srv), lambda: edit(tracker, "due: 2020-10-15}", "due: 2020-10-15, closed: 2020-09-20}"))
    settle(srv)
    check(took is not None and srv.page("/agencies/so-b.html") != so_b, "a finding closed: so-b's page changed")
    same_as_site(qms, srv, ws, tmp, "a finding closed in a tracker")


def check_same_as_site(qms, srv, ws, tmp):
    """After builds that re-read only what changed, the served folder is
    byte for byte the site `qms site` builds from the same files."""
    check_dependencies(qms, srv, ws, tmp)
    src = os.path.join(ws, "processes", "so-a")
    moves = [
        ("a procedure file renamed", lambda: os.rename(os.path.join(src, "A-02.yaml"), os.path.join(src, "A-02-moi.yaml"))),
        ("a procedure file deleted", lambda: os.unlink(os.path.join(ws, "processes", "so-g", "sub", "G-01.yaml"))),
        ("a procedure made unreadable (no diagram, no page)",
         lambda: edit(os.path.join(src, "A-03.yaml"), "process:", "process: [")),
        ("a step renamed again", lambda: edit(os.path.join(src, "A-01.yaml"), "Tiếp nhận hồ sơ điện tử", "Tiếp nhận hồ sơ")),
    ]
    for what, change in moves:
        took = after_build(srv, version(srv), change)
        check(took is not None, f"{what}: built again ({took and round(took, 2)} s)")
        if what == moves[0][0]:  # the others change the codes: every page is made again
            same_as_site(qms, srv, ws, tmp, what)
    # the last change is on the page
    wait_for(srv, "/procedures/A-01.html", lambda p: "Tiếp nhận hồ sơ" in p and "điện tử" not in p)
    same_as_site(qms, srv, ws, tmp, "after every change")


def check_port_in_use(qms, ws, port):
    """A second server on a port in use: exit 3, and why, in the user's words."""
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    p = subprocess.run([qms, "-C", ws, "--lang", "en", "serve", "--port", str(port), "--as-of", AS_OF],
                       capture_output=True, text=True, env=env, timeout=WAIT)
    check(p.returncode == 3 and f"cannot listen on 127.0.0.1 port {port}" in p.stderr,
          f"a port in use exits 3 and says so ({p.returncode}) {p.stderr.strip()[-300:]}")


def main():
    qms, fixture = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="qms-serve-test-")
    ws = os.path.join(tmp, "ws")
    shutil.copytree(fixture, ws)
    srv = Server(qms, ws)
    try:
        if not check(srv.port is not None, f"serve prints its address: {''.join(srv.lines).strip()}"):
            return 1
        page = srv.page("/procedures/A-01.html")
        check("Tiếp nhận và kiểm tra hồ sơ" in page, "the procedure page is served")
        check("/__qms/version" in page and page.rstrip().endswith("</html>"),
              "the page carries the reload script, inside the document")
        check_types(srv)
        check_tricks(srv, ws)
        check_port_in_use(qms, ws, srv.port)

        v0 = int(srv.request("/__qms/version")[2])
        a01 = os.path.join(ws, "processes", "so-a", "A-01.yaml")
        edit(a01, "Tiếp nhận và kiểm tra hồ sơ", "Tiếp nhận hồ sơ điện tử")
        took = wait_for(srv, "/procedures/A-01.html", lambda p: "Tiếp nhận hồ sơ điện tử" in p)
        check(took is not None, f"the new step name is on the page after a save ({took and round(took, 2)} s)")
        # the version is bumped just after the new site is in place
        took = wait_for(srv, "/__qms/version", lambda p: p.isdigit() and int(p) > v0)
        check(took is not None, f"the version grows ({v0} -> {srv.page('/__qms/version')})")

        text = edit(a01, "next: vao-so}", "next: khong-co}")
        line = next(i + 1 for i, l in enumerate(text.splitlines()) if "next: khong-co" in l)
        where = f"processes/so-a/A-01.yaml:{line}:"
        took = wait_for(srv, "/procedures/A-01.html", lambda p: where in p and "khong-co" in p)
        check(took is not None, f"the broken next: is on the page with {where} ({took and round(took, 2)} s)")
        page = srv.page("/procedures/A-01.html")
        m = re.search(r'<pre class="diag">([^<]*khong-co[^<]*)</pre>', page)
        print("  diagnostic:", m.group(1).strip() if m else "(not found)")

        # a new folder under processes/ is watched too
        os.makedirs(os.path.join(ws, "processes", "so-g", "sub"))
        shutil.copy(os.path.join(ws, "processes", "so-f", "F-01.yaml"),
                    os.path.join(ws, "processes", "so-g", "sub", "G-01.yaml"))
        edit(os.path.join(ws, "processes", "so-g", "sub", "G-01.yaml"), "F-01", "G-01")
        took = wait_for(srv, "/procedures/G-01.html", lambda p: "G-01" in p)
        check(took is not None, f"a procedure in a new folder appears ({took and round(took, 2)} s)")
        check_same_as_site(qms, srv, ws, tmp)
    finally:
        rc = stop(srv.proc, 60)
        err = srv.stderr()
        check(rc == 0, f"SIGTERM stops it with exit 0 ({rc}) {err.strip()[-2000:]}")
        if srv.dir:
            check(not os.path.exists(os.path.dirname(srv.dir)), "its private folder is removed")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
