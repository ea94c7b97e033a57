#!/usr/bin/env python3
"""The installed tree, as a Debian user gets it.

usage: run-install.py BUILD_DIR SOURCE_DIR

`meson install --destdir` into a temporary folder, then the tree is moved
to another folder (so neither the install prefix nor the source tree is
where the program was told its data is) and used from there:
- `qms --version` names the catalogs of the moved tree, and `qms check` of
  the example workspace runs the clause rules (its two C003 warnings);
- every man page, English and Vietnamese, renders with `man -l` without a
  warning;
- the bash completion completes commands, options, agency ids and stages;
- LICENSE, README and the docs are under share/doc/qms.
"""
import os
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


def complete(bash_file, words, cwd):
    script = (f"source {bash_file}\nCOMP_WORDS=({' '.join(words)})\nCOMP_CWORD={len(words) - 1}\n"
              "_qms\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    p = subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True)
    return p.stdout.split()


def consumer_built(moved, opts, source, env, tmp, share):
    """A program built against the installed library with pkg-config
    (tests/install/consumer.c, which includes only <qms.h>) checks the
    example workspace and finds what the installed qms finds."""
    libdir = os.path.join(moved, opts["libdir"])
    pcdir = os.path.join(libdir, "pkgconfig")
    check(os.path.isfile(os.path.join(pcdir, "qms.pc")), "qms.pc installed")
    inc = os.path.join(moved, opts["includedir"], "qms")
    check(os.path.isfile(os.path.join(inc, "qms.h")) and not os.path.exists(os.path.join(inc, "edit.h")),
          "qms.h installed, the internal headers not")
    # the tree was moved: a copy of qms.pc with the new prefix, as a
    # relocating installer would write it
    pc = open(os.path.join(pcdir, "qms.pc")).read().splitlines()
    pc = [f"prefix={moved}" if l.startswith("prefix=") else l for l in pc]
    mine = os.path.join(tmp, "pkgconfig")
    os.makedirs(mine)
    with open(os.path.join(mine, "qms.pc"), "w") as f:
        f.write("\n".join(pc) + "\n")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "qms"], capture_output=True, text=True,
                           env=dict(env, PKG_CONFIG_PATH=mine))
    check(flags.returncode == 0 and inc in flags.stdout, "pkg-config gives the moved tree's flags")
    san = [f"-fsanitize={opts['b_sanitize']}"] if opts.get("b_sanitize", "none") != "none" else []
    exe = os.path.join(tmp, "consumer")
    cc = subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", *san, "-o", exe,
                         os.path.join(source, "tests", "install", "consumer.c"), *flags.stdout.split()],
                        capture_output=True, text=True)
    check(cc.returncode == 0, "a program including only <qms.h> builds against the installed library" +
          (f": {cc.stderr[:400]}" if cc.returncode else ""))
    if cc.returncode:
        return
    std = os.path.join(share, "qms", "standards")
    run = subprocess.run([exe, source], capture_output=True, text=True, env=dict(env, QMS_STANDARDS=std))
    cli = subprocess.run([os.path.join(moved, opts["bindir"], "qms"), "-C", source, "--lang", "en", "check",
                          "--format", "json"], capture_output=True, text=True, env=env)
    import json
    try:
        j = json.loads(cli.stdout)
        want = (j["files"], j["errors"], j["warnings"])
    except (ValueError, KeyError, TypeError) as e:
        want = None
        print(f"cannot read qms check --format json: {e}")
    got = run.stdout.split()
    ok = run.returncode == 0 and len(got) == 6 and want == (int(got[1]), int(got[3]), int(got[5]))
    check(ok, f"it checks the example as qms check does: {run.stdout.strip()} {run.stderr.strip()[:200]} "
              f"(qms check: files, errors, warnings {want})")


def main():
    build, source = sys.argv[1], sys.argv[2]
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", NO_COLOR="1")
    env.pop("QMS_STANDARDS", None)
    with tempfile.TemporaryDirectory() as tmp:
        dest = os.path.join(tmp, "dest")
        p = subprocess.run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"],
                           capture_output=True, text=True)
        check(p.returncode == 0, "meson install --destdir")
        if p.returncode:
            print(p.stdout, p.stderr)
            return 1
        prefix = subprocess.run(["meson", "introspect", "--buildoptions", build], capture_output=True,
                                text=True).stdout
        import json
        opts = {o["name"]: o["value"] for o in json.loads(prefix)}
        moved = os.path.join(tmp, "elsewhere")
        shutil.move(os.path.join(dest, opts["prefix"].lstrip("/")), moved)
        qms = os.path.join(moved, opts["bindir"], "qms")
        share = os.path.join(moved, opts["datadir"])

        v = subprocess.run([qms, "--lang", "en", "--version"], capture_output=True, text=True, env=env)
        want = os.path.join(share, "qms", "standards")
        check(v.returncode == 0 and any(l.startswith("catalogs: ") and os.path.realpath(l.split(": ", 1)[1]) ==
                                        os.path.realpath(want) for l in v.stdout.splitlines()),
              "--version names the catalogs of the moved tree")
        check("catalog: ISO 9001:2015" in v.stdout, "--version names the editions")
        c = subprocess.run([qms, "-C", source, "--lang", "en", "check"], capture_output=True, text=True, env=env)
        check(c.returncode == 0 and c.stdout.count("warning[C003]") == 2,
              "the installed qms checks the example with its clause rules (2 C003 warnings)")

        mandir = os.path.join(moved, opts["mandir"])
        pages = sorted(os.listdir(os.path.join(mandir, "man1")))
        vi_pages = sorted(os.listdir(os.path.join(mandir, "vi", "man1")))
        check(len(pages) >= 17 and pages == vi_pages, f"{len(pages)} man pages in English and in Vietnamese")
        bad = []
        for d in (os.path.join(mandir, "man1"), os.path.join(mandir, "vi", "man1")):
            for page in os.listdir(d):
                r = subprocess.run(["man", "--warnings", "-l", os.path.join(d, page)], capture_output=True,
                                   text=True, env=dict(env, MANWIDTH="80", MAN_KEEP_FORMATTING="0"))
                if r.returncode or r.stderr.strip() or "qms" not in r.stdout:
                    bad.append((page, r.stderr.strip()[:200]))
        check(not bad, f"man -l renders every page without a warning {bad[:3]}")
        r = subprocess.run(["man", "-l", os.path.join(mandir, "vi", "man1", "qms-check.1")], capture_output=True,
                           text=True, env=dict(env, MANWIDTH="80"))
        en = subprocess.run(["man", "-l", os.path.join(mandir, "man1", "qms-check.1")], capture_output=True,
                            text=True, env=dict(env, MANWIDTH="80"))
        check(r.stdout != en.stdout and "OPTIONS" not in r.stdout, "the Vietnamese page is not the English one")

        bash_file = os.path.join(share, "bash-completion", "completions", "qms")
        check(os.path.isfile(bash_file), "bash completion installed")
        check(os.path.isfile(os.path.join(share, "zsh", "site-functions", "_qms")), "zsh completion installed")
        check(complete(bash_file, ["qms", "au"], source) == ["audit"], "qms au<TAB> completes audit")
        ags = complete(bash_file, ["qms", "coverage", "so-t"], source)
        check("so-tu-phap" in ags, f"agency ids complete ({ags[:5]})")
        ags = complete(bash_file, ["qms", "-C", source, "audit", "stage", "ubnd-xa-t"], tmp)
        check("ubnd-xa-tan-hoa" in ags, "agency ids complete with -C")
        st = complete(bash_file, ["qms", "audit", "stage", "so-tu-phap", "ma"], source)
        check(st == ["management-review"], f"stages complete ({st})")
        fm = complete(bash_file, ["qms", "check", "--format", "s"], source)
        check(fm == ["sarif"], f"option values complete ({fm})")
        op = complete(bash_file, ["qms", "report", "--as"], source)
        check(op == ["--as-of"], f"options complete ({op})")

        consumer_built(moved, opts, source, env, tmp, share)

        doc = os.path.join(share, "doc", "qms")
        check(all(os.path.isfile(os.path.join(doc, f)) for f in ("LICENSE", "README.md", "rules.md", "format.md")),
              "LICENSE, README and docs in share/doc/qms")
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
