#!/usr/bin/env python3
"""The Vietnamese catalog is complete and in step with the sources.

usage: check-po.py [--msgfmt MSGFMT] POT PO

Fails when:
  - msgfmt -c --check-format refuses PO (syntax, header, a translation whose
    %-conversions differ from its msgid's);
  - a message marked in the sources (POT, made by po/make-pot.py) has no
    entry in PO, an empty msgstr, or a fuzzy one;
  - PO holds an entry for a message the sources no longer have (out of
    date: delete it, or update its msgid to the new English);
  - an entry is given twice, or a plural entry lost its plural.

For every missing message it prints a stub to paste at the end of PO.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "po"))
from po2c import key, parse_po  # noqa: E402


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def main():
    args = sys.argv[1:]
    msgfmt = None
    if args[:1] == ["--msgfmt"]:
        msgfmt, args = args[1], args[2:]
    pot_path, po_path = args
    failed = 0
    if msgfmt:
        r = subprocess.run([msgfmt, "-c", "--check-format", "-o", os.devnull, po_path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode:
            print("FAIL msgfmt -c --check-format refuses %s:\n%s" % (po_path, r.stdout))
            failed += 1
        else:
            print("ok   msgfmt -c --check-format %s" % os.path.basename(po_path))
    pot = {key(e): e for e in parse_po(pot_path) if e["msgid"]}
    po = {}
    for e in parse_po(po_path):
        if not e["msgid"]:
            continue
        if key(e) in po:
            print("FAIL %s:%d: %r is given twice; keep one entry" % (po_path, e["line"], e["msgid"]))
            failed += 1
        po[key(e)] = e
    missing = [m for m in pot if m not in po]
    for k, e in po.items():
        msgid = e["msgid"]
        where = "%s:%d" % (po_path, e["line"])
        if k not in pot:
            print("FAIL %s: no longer in the sources (delete the entry, or give it the new English): %r"
                  % (where, msgid))
            failed += 1
        elif e["fuzzy"]:
            print("FAIL %s: fuzzy; check the translation and remove the fuzzy flag: %r" % (where, msgid))
            failed += 1
        elif not e["strs"] or not all(e["strs"]):
            print("FAIL %s: no Vietnamese for %r" % (where, msgid))
            failed += 1
        elif (e["plural"] is None) != (pot[k]["plural"] is None):
            print("FAIL %s: the sources %s a plural for %r" % (
                where, "give" if pot[k]["plural"] is not None else "give no", msgid))
            failed += 1
    if missing:
        print("FAIL %d message(s) of the sources have no Vietnamese in %s; add at its end:\n"
              % (len(missing), po_path))
        for k in missing:
            e = pot[k]
            flags = [f for f in e["flags"] if f]
            if flags:
                print("#, " + ", ".join(flags))
            if e["ctxt"] is not None:
                print("msgctxt " + po_quote(e["ctxt"]))
            print("msgid " + po_quote(e["msgid"]))
            if e["plural"] is not None:
                print("msgid_plural " + po_quote(e["plural"]))
                print('msgstr[0] ""\n')
            else:
                print('msgstr ""\n')
        failed += len(missing)
    if not failed:
        print("ok   %d messages, every one translated and none stale" % len(pot))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
