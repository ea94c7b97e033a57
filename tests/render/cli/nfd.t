# Text typed in decomposed form (NFD: the accents as combining marks, as Unikey's or Word's
# decomposed setting types Vietnamese) is read as the composed form (NFC): the NFD twin of a
# workspace gives byte-identical check results, diagrams, site and status table. ($TMP is new
# for each command, hence one command.)
$ cp -r ../../report/ws $TMP/nfc && python3 ../../nfd-twin.py $TMP/nfc $TMP/nfd && for w in nfc nfd; do qms -C $TMP/$w check --format json > $TMP/$w.check; qms -C $TMP/$w render --out $TMP/$w.svg > /dev/null; qms -C $TMP/$w site --as-of 2020-09-30 --out $TMP/$w.site > /dev/null 2>&1; qms -C $TMP/$w audit status --as-of 2020-09-30 > $TMP/$w.status; done; for o in check svg site status; do diff -r $TMP/nfc.$o $TMP/nfd.$o > /dev/null && echo "$o: identical"; done; grep -c '"code"' $TMP/nfc.check; ls $TMP/nfc.svg | wc -l; find $TMP/nfc.site -name '*.html' | wc -l
13 files in NFD
check: identical
svg: identical
site: identical
status: identical
9
6
13
