#!/usr/bin/env python3
"""Make the message template (qms.pot) from the sources.

usage: make-pot.py XGETTEXT SOURCE_ROOT OUTPUT

Every C file of lib/ and tools/ is read by xgettext with the keywords
below; the explanations and fixes of the rule tables (lib/rules*.def,
arguments 5 and 6 of QMS_RULE) need one xgettext pass each, as xgettext
takes one position per keyword. The output has no creation date, so the
same sources give the same bytes; it is rewritten only when it changes.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

# Functions whose argument is a message: _() and N_() everywhere, the
# diagnostic functions of the library (their format is translated by
# qms_diags_vadd) and the wrappers that forward a diagnostic format.
KEYWORDS = [
    "_", "N_", "qms_tr:2", "qms_tr_ctx:2c,3", "qms_ngettext:1,2", "qms_tr_n:2,3",
    "qms_diags_add:6", "qms_diags_vadd:6",
    "cerr:5",          # lib/flow.c
    "load_error:5",    # lib/load.c
    "derr:4",          # lib/schema.c
    "terr:4",          # lib/tracker.c
    "add_problem:5",   # lib/render-batch.c
    "edit_fail:2",     # lib/edit.c
    "qms_error:3",     # lib/util.c: lib/fs.c, lib/site-dir.c, lib/tracker.c, lib/export.c
    "SCHEMA:2",        # lib/schema.c: names of the kinds of mappings, in messages
    "qms_cli_usage_error:1",  # tools/
]

COMMON = ["--from-code=UTF-8", "--add-comments=TRANSLATORS:", "--sort-by-file",
          "--no-wrap", "--package-name=qms"]


def drop_wordless(text):
    """The pot without entries whose msgid has no letter once its
    %-conversions are taken out ("%s", "%s: %s"): nothing to translate
    (a diagnostic copied with "%s", an error passed through)."""
    out = []
    for entry in text.split("\n\n"):
        m = re.search(r'^msgid (".*")$', entry, re.M)
        if m and m.group(1) != '""':
            msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', entry.split("msgstr")[0], re.M))
            if not re.search(r"[A-Za-z]", re.sub(r"%[-+ #0-9.]*(?:z|l|ll|h)?[a-zA-Z]", "", msgid)):
                continue
        out.append(entry)
    return "\n\n".join(out)


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def standards_notes(root):
    """The `note:` texts of the correlation tables in standards/: data, but
    printed in the migrate worklist, so translated like the sources. Plain
    one-line YAML scalars (a test of the catalogs keeps them so)."""
    notes = {}
    for path in sorted(glob.glob(os.path.join(root, "standards", "correlation-*.yaml"))):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r"^\s+note: (.+?)\s*$", line)
                if m:
                    notes.setdefault(m.group(1), []).append("%s:%d" % (rel, n))
    return "".join("#: %s\nmsgid %s\nmsgstr \"\"\n\n" % (" ".join(refs), po_quote(text))
                   for text, refs in notes.items())


def main():
    xgettext, root, output = sys.argv[1:4]
    sources = sorted(glob.glob(os.path.join(root, "lib", "*.[ch]")) +
                     glob.glob(os.path.join(root, "tools", "*.[ch]")))
    sources = [os.path.relpath(s, root) for s in sources]
    defs = sorted(os.path.relpath(s, root) for s in glob.glob(os.path.join(root, "lib", "rules*.def")))
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "qms.pot")
        args = [xgettext, "--language=C", *COMMON, "-o", pot, "--keyword"]
        args += ["--keyword=" + k for k in KEYWORDS]
        subprocess.run(args + sources, cwd=root, check=True)
        for pos in (5, 6):  # what triggers the rule, how to fix it
            subprocess.run([xgettext, "--language=C", *COMMON, "-j", "-o", pot, "--keyword",
                            "--keyword=QMS_RULE:%d" % pos] + defs, cwd=root, check=True)
        with open(pot, encoding="utf-8") as f:
            body = drop_wordless(f.read())
    header = ('# Messages of qms: made by po/make-pot.py from the sources; do not edit.\n'
              'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"')
    text = header + "\n\n" + body.split("\n\n", 1)[1]  # xgettext's header has a date
    text = text.rstrip("\n") + "\n\n" + standards_notes(root)
    try:
        with open(output, encoding="utf-8") as f:
            if f.read() == text:
                return 0
    except FileNotFoundError:
        pass
    with open(output + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(output + ".tmp", output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
