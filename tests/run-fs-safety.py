#!/usr/bin/env python3
"""What qms writes, and where it never writes: the findings of issue 17 about files.

usage: run-fs-safety.py QMS_BINARY TESTS_DIR [CASE...]

TESTS_DIR is tests/: its workspaces (report/ws, cli/ws-iso, cli/ws-edit) are
copied to a temporary folder; the source tree is never written. Each case is a
finding of docs/reliability.md ("Security review, issue 17") and fails on the
qms before its fix:

  output-special   (1)  `qms report -o` and `qms audit board -o` write through a
                        device, a FIFO and /proc/self/fd/1, and through a symbolic
                        link to its target (the link stays); they refuse a dangling
                        link, a foreign link in a sticky folder, a hard-linked file
  site-links       (2)  `qms site` over a site whose agencies/ is a link to another
                        folder and whose marker lists a file there: refused, the
                        other folder untouched; marker lines with `..` never reach
                        outside
  render-temp      (3)  symbolic links planted at every temporary name the old
                        diagram writer used (`.<file>.<pid>.tmp`) are not written
                        through
  lock-link        (4)  a lock file planted as a link is refused, nothing is
                        created where it points
  lock-group       (4)  as root: a tracker in a group-shared folder, edited by root
                        first, then by another member of the group
  site-swap        (6)  a tracker with a long Vietnamese file name gets a page; a
                        site build that fails (RLIMIT_FSIZE) leaves the previous site
                        byte for byte, and no stage folder
  links-policy     (10) `qms migrate --apply` and `qms audit` both write through a
                        symbolic link (the link stays) and both refuse a hard-linked
                        file
  map-namespace    (11) a procedure coded `map-so-a` and the map of so-a are two files
  stale-dots       (15) a stale page whose name holds `..` is removed
  hidden-id        (15) `qms audit new .hidden` and a code `.hidden` are refused
  keep-attributes  (15) a rewrite keeps mode, extended attributes, and (as root)
                        owner and group
  site-errors-once (15) `qms site` prints each error of a tracker once

The tests run as root on CI and here: the cases that need root (a device node,
another user, chown) say so and are skipped (not failed) without it; root also
reads every file, so no case relies on a permission being denied to root.
Exit 0 when every case passed, 1 otherwise.
"""
import glob
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading

QMS = None
TESTS = None
ROOT = os.geteuid() == 0
failures = []


def check(cond, what):
    print(f"{'ok  ' if cond else 'FAIL'} {what}")
    if not cond:
        failures.append(what)
    return cond


def run(*args, cwd=None, preexec=None, user=None, group=None, groups=None, timeout=300):
    """qms with args, in English (the cases read its messages)."""
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    p = subprocess.run([QMS, "--lang", "en", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       preexec_fn=preexec, user=user, group=group, extra_groups=groups, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def copy_ws(tmp, name, dest=None):
    dest = os.path.join(tmp, dest or os.path.basename(name))
    shutil.copytree(os.path.join(TESTS, name), dest, symlinks=True)
    return dest


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def tree(root):
    """{relative path: bytes} of every file under root, links not followed."""
    out = {}
    for d, dirs, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = os.readlink(p) if os.path.islink(p) else read(p)
    return out


# ---- 1: outputs that are not regular files ----

def fifo_reader(path, sink):
    def go():
        try:
            with open(path, "rb") as f:
                sink.append(f.read())
        except OSError as e:
            sink.append(e)
    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t


def release_fifo(path, t):
    """A reader still waiting for a writer (qms never opened the FIFO): let it go."""
    if t.is_alive():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
        t.join(5)


def case_output_special(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    rc, want, _ = run("-C", ws, "report", "--as-of", "2020-09-30")
    check(rc == 0 and want, "the report to standard output (reference)")
    want = want.encode()
    _, board, _ = run("-C", ws, "audit", "board", "--as-of", "2020-09-30")
    board = board.encode()

    for cmd, expected, name in ((["report", "--as-of", "2020-09-30"], want, "report"),
                                (["audit", "board", "--as-of", "2020-09-30"], board, "audit board")):
        fifo = os.path.join(tmp, f"fifo-{name.replace(' ', '-')}")
        os.mkfifo(fifo)
        got = []
        t = fifo_reader(fifo, got)
        rc, _, err = run("-C", ws, *cmd, "-o", fifo, timeout=60)
        t.join(20)
        release_fifo(fifo, t)
        check(rc == 0 and got and got[0] == expected,
              f"{name} -o FIFO: the reader gets the output (exit {rc}) {err.strip()}")
        check(stat.S_ISFIFO(os.lstat(fifo).st_mode), f"{name} -o FIFO: the FIFO is still a FIFO")

    if ROOT:  # mknod needs root; a private node, never the machine's /dev/null
        null = os.path.join(tmp, "null")
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        rc, _, err = run("-C", ws, "report", "--as-of", "2020-09-30", "-o", null)
        check(rc == 0 and stat.S_ISCHR(os.lstat(null).st_mode),
              f"report -o a character device (as root): written through, still a device (exit {rc}) {err.strip()}")
    else:
        print("skip report -o a device: mknod needs root")

    out = os.path.join(tmp, "stdout-file")
    with open(out, "wb") as f:
        p = subprocess.run([QMS, "--lang", "en", "-C", ws, "report", "--as-of", "2020-09-30", "-o", "/proc/self/fd/1"],
                           stdout=f, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"))
    check(p.returncode == 0 and read(out) == want, "report -o /proc/self/fd/1: the descriptor gets the report")

    real = os.path.join(tmp, "real.md")
    link = os.path.join(tmp, "link.md")
    write(real, "old\n")
    os.symlink("real.md", link)
    rc, _, err = run("-C", ws, "report", "--as-of", "2020-09-30", "-o", link)
    check(rc == 0 and os.path.islink(link) and read(real) == want,
          f"report -o a symbolic link: the link stays, its target gets the report (exit {rc}) {err.strip()}")
    board_link = os.path.join(tmp, "board-link.svg")
    write(os.path.join(tmp, "board.svg"), "old\n")
    os.symlink("board.svg", board_link)
    rc, _, err = run("-C", ws, "audit", "board", "--as-of", "2020-09-30", "-o", board_link)
    check(rc == 0 and os.path.islink(board_link) and read(os.path.join(tmp, "board.svg")) == board,
          f"audit board -o a symbolic link: the same (exit {rc}) {err.strip()}")

    dangling = os.path.join(tmp, "dangling.md")
    os.symlink("nowhere/x.md", dangling)
    rc, _, err = run("-C", ws, "report", "-o", dangling)
    check(rc == 3 and os.path.islink(dangling) and not os.path.exists(os.path.join(tmp, "nowhere")),
          f"report -o a dangling link: refused, nothing created (exit {rc}) {err.strip()}")

    hard = os.path.join(tmp, "hard.md")
    os.link(real, hard)
    before = read(real)
    rc, _, err = run("-C", ws, "report", "--as-of", "2020-09-30", "-o", hard)
    check(rc == 3 and "hard link" in err and os.stat(hard).st_nlink == 2 and read(real) == before,
          f"report -o a hard-linked file: refused, both names unchanged (exit {rc}) {err.strip()}")

    if ROOT:  # a link owned by another user: chown needs root
        sticky = os.path.join(tmp, "sticky")
        os.mkdir(sticky)
        os.chmod(sticky, 0o1777)
        victim = os.path.join(tmp, "victim.txt")
        write(victim, "precious\n")
        planted = os.path.join(sticky, "report.md")
        os.symlink(victim, planted)
        os.lchown(planted, 65534, 65534)
        rc, _, err = run("-C", ws, "report", "-o", planted)
        check(rc == 3 and read(victim) == b"precious\n" and os.path.islink(planted),
              f"report -o another user's link in a sticky folder (as root): refused (exit {rc}) {err.strip()}")
        os.symlink(tmp, os.path.join(sticky, "diagrams"))
        os.lchown(os.path.join(sticky, "diagrams"), 65534, 65534)
        rc, _, err = run("-C", ws, "render", "--format", "dot", "-o", os.path.join(sticky, "diagrams"))
        check(rc == 2 and not glob.glob(os.path.join(tmp, "*.dot")),
              f"render -o another user's link to a folder in a sticky folder (as root): refused (exit {rc})")
    else:
        print("skip the sticky folder: a link of another user needs root")


# ---- 2: the site's folders and marker ----

def case_site_links(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    site = os.path.join(tmp, "site")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc == 0, f"a first site (exit {rc}) {err.strip()}")
    other = os.path.join(tmp, "other")
    os.mkdir(other)
    write(os.path.join(other, "victim.html"), "precious\n")
    shutil.rmtree(os.path.join(site, "agencies"))
    os.symlink(other, os.path.join(site, "agencies"))
    with open(os.path.join(site, ".qms-site"), "a") as f:
        f.write("agencies/victim.html\n")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc == 3 and "symbolic link" in err, f"agencies/ a link to another folder: refused (exit {rc}) {err.strip()}")
    check(sorted(os.listdir(other)) == ["victim.html"] and read(os.path.join(other, "victim.html")) == b"precious\n",
          "and the other folder is untouched: nothing removed, nothing written")

    site2 = os.path.join(tmp, "site2")
    run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site2)
    outside = os.path.join(tmp, "outside.txt")
    write(outside, "precious\n")
    with open(os.path.join(site2, ".qms-site"), "a") as f:
        f.write("../outside.txt\ndiagrams/../../outside.txt\n/" + outside.lstrip("/") + "\n")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site2)
    check(rc == 0 and os.path.exists(outside), f"marker lines leading outside: the file outside stays (exit {rc})")

    # a folder of the site the marker does not name: still the site's, and
    # a file qms did not write in it is refused, not taken away
    site4 = os.path.join(tmp, "site4")
    run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site4)
    marker = os.path.join(site4, ".qms-site")
    write(marker, b"".join(l + b"\n" for l in read(marker).splitlines() if not l.startswith(b"procedures/")))
    shutil.rmtree(os.path.join(site4, "procedures"))
    write(os.path.join(site4, "procedures", "mine.txt"), "precious\n")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site4)
    check(rc == 2 and "mine.txt" in err and read(os.path.join(site4, "procedures", "mine.txt")) == b"precious\n",
          f"a file qms did not write in procedures/: refused, kept (exit {rc})")

    site3 = os.path.join(tmp, "site3")
    run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site3)
    shutil.rmtree(os.path.join(site3, "diagrams"))
    os.symlink(other, os.path.join(site3, "diagrams"))
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site3)
    check(rc == 3 and sorted(os.listdir(other)) == ["victim.html"],
          f"diagrams/ a link to another folder: refused, no diagram written there (exit {rc})")


# ---- 3: temporary files of the diagrams ----

def case_render_temp(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    out = os.path.join(tmp, "diagrams")
    os.mkdir(out)
    victim = os.path.join(tmp, "victim.txt")
    write(victim, "precious\n")
    with open("/proc/sys/kernel/ns_last_pid") as f:
        last = int(f.read())
    codes = ["A-01", "A-02", "A-03", "C-01", "C-02", "F-01"]
    for pid in range(last + 1, last + 1500):
        for code in codes:
            os.symlink(victim, os.path.join(out, f".{code}.svg.{pid}.tmp"))
    rc, _, err = run("-C", ws, "render", "-j", "1", "--out", out)
    check(read(victim) == b"precious\n",
          f"links planted at the old temporary names (pids {last + 1}..{last + 1499}) are not written through")
    check(all(not os.path.islink(os.path.join(out, c + ".svg")) for c in codes if os.path.lexists(os.path.join(out, c + ".svg"))),
          "and every diagram is a file of its own")


# ---- 4: lock files ----

def case_lock_link(tmp):
    ws = copy_ws(tmp, "cli/ws-edit", "ws")
    target = os.path.join(tmp, "created-through-the-lock")
    os.symlink(target, os.path.join(ws, "audits", ".so-e.yaml.lock"))
    before = read(os.path.join(ws, "audits", "so-e.yaml"))
    rc, _, err = run("-C", ws, "audit", "stage", "so-e", "apply", "--done", "2020-08-03")
    check(rc == 3 and "symbolic link" in err and not os.path.lexists(target),
          f"a lock file planted as a link: refused, nothing created where it points (exit {rc}) {err.strip()}")
    check(read(os.path.join(ws, "audits", "so-e.yaml")) == before, "and the tracker is unchanged")


def case_lock_group(tmp):
    if not ROOT:
        print("skip the shared folder: another user needs root")
        return
    users = 100  # Debian's group `users`
    ws = copy_ws(tmp, "cli/ws-edit", "ws")
    os.chmod(tmp, 0o755)
    for d, dirs, names in os.walk(ws):
        os.chown(d, 0, users)
        os.chmod(d, 0o2775)
        for n in names:
            os.chown(os.path.join(d, n), 0, users)
            os.chmod(os.path.join(d, n), 0o664)
    old = os.umask(0o022)
    try:
        rc, _, err = run("-C", ws, "audit", "stage", "so-e", "apply", "--done", "2020-08-03")
    finally:
        os.umask(old)
    check(rc == 0, f"root edits a tracker of a group-shared folder (exit {rc}) {err.strip()}")
    tracker = os.path.join(ws, "audits", "so-e.yaml")
    st = os.stat(tracker)
    check(st.st_gid == users and stat.S_IMODE(st.st_mode) == 0o664, "the tracker keeps its group and mode")
    rc, _, err = run("-C", ws, "audit", "stage", "so-e", "internal-audit", "--done", "2020-08-20",
                     user=65534, group=users, groups=[users])
    check(rc == 0 and b"internal-audit, done: 2020-08-20" in read(tracker),
          f"then another member of the group edits it (exit {rc}) {err.strip()}")


# ---- 6: a long tracker name; a failed build ----

def case_site_swap(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    site = os.path.join(tmp, "site")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc == 0, f"a first site (exit {rc}) {err.strip()}")
    first = tree(site)

    # a failed build (files limited to 4 KiB) leaves the previous site whole
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    write(os.path.join(ws, "processes", "so-a", "A-09.yaml"),
          read(os.path.join(ws, "processes", "so-a", "A-01.yaml")).replace(b"code: A-01", b"code: A-09"))
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site, preexec=small_files)
    check(rc == 3, f"a build that cannot write its files fails (exit {rc}) {err.strip()[-200:]}")
    check(tree(site) == first, "and leaves the previous site byte for byte")
    check(not glob.glob(os.path.join(site, ".qms-site-*")), "and no stage folder")
    os.unlink(os.path.join(ws, "processes", "so-a", "A-09.yaml"))

    # a tracker named in Vietnamese, long: its page name is bounded
    name = "Ủy ban nhân dân xã Tân Hòa huyện Vũ Thư tỉnh Thái Bình " * 3
    name = name.strip().replace(" ", "-")
    assert len(name.encode()) < 250 and len(name.encode()) * 2 > 255
    write(os.path.join(ws, "audits", name + ".yaml"),
          "agency:\n  name: Ủy ban nhân dân xã Tân Hòa\n  level: commune\n")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc == 0, f"a tracker with a long Vietnamese file name: the site is written (exit {rc}) {err.strip()[-300:]}")
    pages = os.listdir(os.path.join(site, "agencies"))
    long_pages = [p for p in pages if p.startswith("~")]
    check(len(long_pages) == 1 and len(long_pages[0].encode()) <= 210,
          f"its page has a bounded name ({[len(p) for p in long_pages]} bytes)")
    index = read(os.path.join(site, "index.html")).decode()
    check(bool(long_pages) and f'agencies/{long_pages[0]}"' in index, "and the index links to that page")


# ---- 10: one policy for links, for migrate --apply and audit ----

def case_links_policy(tmp):
    ws = copy_ws(tmp, "cli/ws-iso", "ws")
    store = os.path.join(tmp, "store")
    os.mkdir(store)
    proc = os.path.join(ws, "processes", "so-a", "A-02.yaml")
    shutil.move(proc, os.path.join(store, "A-02.yaml"))
    os.symlink(os.path.join(store, "A-02.yaml"), proc)
    rc, _, err = run("-C", ws, "migrate", "so-a", "--apply", "--lang", "en")
    check(rc in (0, 1) and os.path.islink(proc) and b"ISO 9001:2015" in read(os.path.join(store, "A-02.yaml")),
          f"migrate --apply on a linked procedure: the link stays, its target is converted (exit {rc}) {err.strip()}")

    ws2 = copy_ws(tmp, "cli/ws-iso", "ws2")
    proc2 = os.path.join(ws2, "processes", "so-a", "A-02.yaml")
    other = os.path.join(store, "A-02-hard.yaml")
    os.link(proc2, other)
    before = read(proc2)
    rc, _, err = run("-C", ws2, "migrate", "so-a", "--apply", "--lang", "en")
    check(rc == 1 and "hard link" in err and os.stat(proc2).st_nlink == 2 and read(proc2) == before,
          f"migrate --apply on a hard-linked procedure: refused, unchanged (exit {rc}) {err.strip()}")

    ws3 = copy_ws(tmp, "cli/ws-edit", "ws3")
    tracker = os.path.join(ws3, "audits", "so-e.yaml")
    shutil.move(tracker, os.path.join(store, "so-e.yaml"))
    os.symlink(os.path.join(store, "so-e.yaml"), tracker)
    rc, _, err = run("-C", ws3, "audit", "stage", "so-e", "apply", "--done", "2020-08-03")
    check(rc == 0 and os.path.islink(tracker) and b"stage: apply" in read(os.path.join(store, "so-e.yaml")),
          f"audit stage on a linked tracker: the link stays, its target is changed (exit {rc}) {err.strip()}")

    ws4 = copy_ws(tmp, "cli/ws-edit", "ws4")
    tracker = os.path.join(ws4, "audits", "so-e.yaml")
    os.link(tracker, os.path.join(store, "so-e-hard.yaml"))
    before = read(tracker)
    rc, _, err = run("-C", ws4, "audit", "stage", "so-e", "apply", "--done", "2020-08-03")
    check(rc == 3 and "hard link" in err and os.stat(tracker).st_nlink == 2 and read(tracker) == before,
          f"audit stage on a hard-linked tracker: refused, unchanged (exit {rc}) {err.strip()}")


# ---- 11: maps and procedures apart ----

def case_map_namespace(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    src = read(os.path.join(ws, "processes", "so-a", "A-03.yaml"))
    write(os.path.join(ws, "processes", "so-a", "A-03.yaml"), src.replace(b"code: A-03", b"code: map-so-a"))
    site = os.path.join(tmp, "site")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc in (0, 1), f"a procedure coded map-so-a: the site is written (exit {rc}) {err.strip()[-200:]}")
    proc = read(os.path.join(site, "diagrams", "map-so-a.svg"))
    maps = glob.glob(os.path.join(site, "diagrams", "**", "*so-a.svg"), recursive=True)
    the_map = [m for m in maps if b"<title>map</title>" in read(m)]
    check(b"<title>map</title>" not in proc, "diagrams/map-so-a.svg is the procedure's diagram, not the map")
    check(len(the_map) == 1, f"and the map of so-a is a file of its own ({[os.path.relpath(m, site) for m in the_map]})")

    out = os.path.join(tmp, "out")
    run("-C", ws, "render", "--out", out)
    run("-C", ws, "render", "--map", "so-a", "--out", out)
    check(b"<title>map</title>" not in read(os.path.join(out, "map-so-a.svg")),
          "qms render and qms render --map into one folder: the procedure's diagram stays")


# ---- 15 ----

def case_stale_dots(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    a3 = os.path.join(ws, "processes", "so-a", "A-03.yaml")
    write(a3, read(a3).replace(b"code: A-03", b"code: A..03"))
    site = os.path.join(tmp, "site")
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    page = os.path.join(site, "procedures", "A..03.html")
    check(rc in (0, 1) and os.path.exists(page), f"a procedure coded A..03 has a page (exit {rc}) {err.strip()[-200:]}")
    os.unlink(a3)
    rc, _, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    check(rc in (0, 1) and not os.path.exists(page), f"once the procedure is gone, its page is removed (exit {rc})")
    check(not glob.glob(os.path.join(site, ".qms-site-*")), "and no stage folder is left")


def case_hidden_id(tmp):
    ws = copy_ws(tmp, "cli/ws-edit", "ws")
    rc, _, err = run("-C", ws, "audit", "new", ".hidden", "--name", "Ẩn", "--level", "commune")
    check(rc == 2 and "start with '.'" in err and not os.path.exists(os.path.join(ws, "audits", ".hidden.yaml")),
          f"qms audit new .hidden: refused, no hidden file (exit {rc}) {err.strip()}")
    e01 = os.path.join(ws, "processes", "so-e", "E-01.yaml")
    text = read(e01)
    code = text.split(b"code:")[1].split(b"\n")[0].split(b"#")[0].strip()
    write(e01, text.replace(b"code: " + code, b"code: .hidden", 1))
    rc, out, _ = run("-C", ws, "check")
    check(rc == 1 and "error[S009]" in out and ".hidden" in out, f"a procedure coded .hidden: S009 (exit {rc})")


def xattr_supported(path):
    try:
        os.setxattr(path, "user.qms-probe", b"1")
        os.removexattr(path, "user.qms-probe")
        return True
    except OSError:
        return False


def case_keep_attributes(tmp):
    ws = copy_ws(tmp, "cli/ws-edit", "ws")
    tracker = os.path.join(ws, "audits", "so-e.yaml")
    os.chmod(tracker, 0o640)
    xattrs = xattr_supported(tracker)
    if xattrs:
        os.setxattr(tracker, "user.qms.note", b"kept")
    else:
        print("skip extended attributes: not supported by this file system")
    if ROOT:
        os.chown(tracker, 65534, 100)
    rc, _, err = run("-C", ws, "audit", "stage", "so-e", "apply", "--done", "2020-08-03")
    st = os.stat(tracker)
    check(rc == 0 and stat.S_IMODE(st.st_mode) == 0o640, f"an edit keeps the mode (exit {rc}) {err.strip()}")
    if xattrs:
        check("user.qms.note" in os.listxattr(tracker) and os.getxattr(tracker, "user.qms.note") == b"kept",
              "and the extended attributes")
    if ROOT:
        check((st.st_uid, st.st_gid) == (65534, 100), "and (as root) the owner and the group")
    else:
        print("skip the owner: chown needs root")
    out = os.path.join(tmp, "report.md")
    write(out, "old\n")
    if xattrs:
        os.setxattr(out, "user.qms.note", b"kept")
        run("-C", ws, "report", "-o", out)
        check("user.qms.note" in os.listxattr(out) and os.getxattr(out, "user.qms.note") == b"kept",
              "report -o over a file keeps its extended attributes")


def case_site_errors_once(tmp):
    ws = copy_ws(tmp, "report/ws", "ws")
    so_b = os.path.join(ws, "audits", "so-b.yaml")
    write(so_b, read(so_b).replace(b"  level: province\n", b"  level: province\n  lvel: typo\n"))
    site = os.path.join(tmp, "site")
    rc, out, err = run("-C", ws, "site", "--as-of", "2020-09-30", "--out", site)
    lines = [l for l in err.splitlines() if "so-b.yaml" in l and "S001" in l]
    check(len(lines) == 1, f"qms site prints the tracker's error once, not once per map ({len(lines)} times)")


CASES = {
    "output-special": case_output_special,
    "site-links": case_site_links,
    "render-temp": case_render_temp,
    "lock-link": case_lock_link,
    "lock-group": case_lock_group,
    "site-swap": case_site_swap,
    "links-policy": case_links_policy,
    "map-namespace": case_map_namespace,
    "stale-dots": case_stale_dots,
    "hidden-id": case_hidden_id,
    "keep-attributes": case_keep_attributes,
    "site-errors-once": case_site_errors_once,
}


def main(argv):
    global QMS, TESTS
    QMS, TESTS = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    only = argv[3:] or list(CASES)
    for name in only:
        print(f"# {name}")
        tmp = tempfile.mkdtemp(prefix=f"qms-fs-{name}-")
        try:
            CASES[name](tmp)
        except Exception as e:  # a crash of the test is a failure, with its reason
            check(False, f"{name}: {type(e).__name__}: {e}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
