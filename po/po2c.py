#!/usr/bin/env python3
"""Compile a gettext catalog (.po) into a C table for lib/i18n.c.

usage: po2c.py PO_FILE OUTPUT_C NAME [MSGFMT]

With MSGFMT, the catalog is first validated by `msgfmt -c --check-format`
(syntax, header, the same printf conversions as the msgid): a build with a
broken .po fails here.

The table holds every translated entry that is not fuzzy, sorted by the
bytes of its msgid so that qms_tr() finds a message by binary search (an
entry with a msgctxt is keyed "msgctxt\004msgid", as gettext keys it, and
found by qms_tr_ctx()):

    const struct qms_catalog_entry NAME[] = {{"msgid", "msgstr"}, ...};
    const size_t NAME_len = N;

A plural entry is keyed by its singular msgid; its msgstr holds the
forms one after another, each ended by a NUL (nplurals=1 for Vietnamese,
so one form). The output is rewritten only when it changes.
"""
import os
import subprocess
import sys


def unquote(s, path, lineno):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise SystemExit("%s:%d: expected a quoted string" % (path, lineno))
    out = []
    i, body = 0, s[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e not in escapes:
                raise SystemExit("%s:%d: unknown escape \\%s" % (path, lineno, e))
            out.append(escapes[e])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def key(e):
    """The key of an entry in the compiled table, as gettext makes it:
    msgid, or msgctxt, byte 4, msgid for an entry with a context."""
    return e["msgid"] if e["ctxt"] is None else e["ctxt"] + "\x04" + e["msgid"]


def parse_po(path):
    """Entries of a .po file: dicts with msgid, ctxt (its msgctxt, or
    None), plural (or None), strs (list of msgstr forms), fuzzy, line (of
    its msgid). Obsolete (#~) entries are left out; the header (msgid "")
    is included."""
    entries = []
    cur = None
    field = None

    def finish():
        if cur is not None and "msgid" in cur:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    flags = []
    for n, line in enumerate(lines, 1):
        s = line.strip()
        if not s:
            continue
        if s.startswith("#~"):
            continue
        if s.startswith("#,"):
            flags += [x.strip() for x in s[2:].split(",")]
            continue
        if s.startswith("#"):
            continue
        if s.startswith("msgctxt"):
            finish()
            cur = {"ctxt": unquote(s[7:], path, n)}
            field = "ctxt"
            continue
        if s.startswith("msgid_plural"):
            cur["plural"] = unquote(s[12:], path, n)
            field = "plural"
        elif s.startswith("msgid"):
            ctxt = None
            if cur is not None and "msgid" not in cur:
                ctxt = cur["ctxt"]
            else:
                finish()
            cur = {"msgid": unquote(s[5:], path, n), "plural": None, "strs": [],
                   "fuzzy": "fuzzy" in flags, "flags": flags, "line": n, "ctxt": ctxt}
            flags = []
            field = "msgid"
        elif s.startswith("msgstr["):
            cur["strs"].append(unquote(s[s.index("]") + 1:], path, n))
            field = "strs"
        elif s.startswith("msgstr"):
            cur["strs"].append(unquote(s[6:], path, n))
            field = "strs"
        elif s.startswith('"'):
            if cur is None or field is None:
                raise SystemExit("%s:%d: a string continues nothing" % (path, n))
            text = unquote(s, path, n)
            if field == "strs":
                cur["strs"][-1] += text
            else:
                cur[field] += text
        else:
            raise SystemExit("%s:%d: cannot read this line" % (path, n))
    finish()
    return entries


def c_string(s):
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == "\\" or c == '"':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif b < 0x20 or b >= 0x7f:
            out.append("\\%03o" % b)
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def main():
    po, output, name = sys.argv[1:4]
    if len(sys.argv) > 4:
        r = subprocess.run([sys.argv[4], "-c", "--check-format", "-o", os.devnull, po])
        if r.returncode:
            raise SystemExit("%s: msgfmt refuses the catalog (see above)" % po)
    table = {}
    for e in parse_po(po):
        if not e["msgid"] or e["fuzzy"] or not e["strs"] or not all(e["strs"]):
            continue
        if key(e) in table:
            raise SystemExit("%s:%d: msgid given twice: %r" % (po, e["line"], e["msgid"]))
        table[key(e)] = "\0".join(e["strs"]) + ("\0" if e["plural"] is not None else "")
    rows = sorted(table.items(), key=lambda kv: kv[0].encode("utf-8"))
    text = ["/* Made by po/po2c.py from %s; translators edit the .po file. */" % os.path.basename(po),
            '#include "i18n-catalog.h"', "",
            "const struct qms_catalog_entry %s[] = {" % name]
    for k, v in rows:
        text.append("\t{%s,\n\t %s}," % (c_string(k), c_string(v)))
    if not rows:
        text.append("\t{\"\", \"\"},")
    text += ["};", "const size_t %s_len = %d;" % (name, len(rows)), ""]
    text = "\n".join(text)
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
