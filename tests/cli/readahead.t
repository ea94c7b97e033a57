# Issue 10: a check of 32 files or more reads them a batch at a time through io_uring (lib/readahead.c).
# What a batch cannot read as a plain regular file is read again the usual way, so every message is the
# one qms gave before it read ahead: this output was made by the binary before read-ahead, unchanged.
# First: a FIFO, a dangling link, an empty file, a file over the size limit, a NUL byte, invalid
# UTF-8, and forty good files around them. Second: each file's bytes are its own: forty files of
# forty sizes, each with an unknown key named after it on a line of its own; one worker or two.
# Third: QMS_READAHEAD=0 reads each file by itself (docs/cli.md): the same output.
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && for i in $(seq 1 40); do sed "s/^  id: so-d$/  id: so-d$i/" audits/so-d.yaml > audits/so-d$i.yaml; done && mkfifo audits/fifo.yaml && ln -s /nonexistent audits/gone.yaml && : > audits/empty.yaml && truncate -s 17M audits/big.yaml && printf 'agency:\n  id: x\0\n' > audits/nul.yaml && printf 'agency:\n  id: \377\n' > audits/bad-utf8.yaml && timeout 100 qms check --lang en audits
audits/bad-utf8.yaml:2:7: error[L003]: invalid UTF-8 byte 0xff; save the file as UTF-8
audits/big.yaml:1:1: error[L006]: the file is 17825792 bytes, over the limit of 16777216 bytes
audits/empty.yaml:1:1: error[L008]: the file holds no document
audits/fifo.yaml:1:1: error[L012]: this is a FIFO (named pipe), not a regular file; rename it or move it out of the workspace
audits/gone.yaml:1:1: error[L012]: cannot open: No such file or directory
audits/nul.yaml:2:8: error[L004]: NUL byte in the file; it is binary or damaged
checked 50 files: 6 errors, 0 warnings
[1]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && for i in $(seq 1 40); do { sed -n 1,2p audits/so-d.yaml | sed "s/so-d$/so-d$i/"; for k in $(seq 1 $i); do echo "# $k"; done; echo "  extra$i: 1"; sed -n '3,$p' audits/so-d.yaml; } > audits/so-d$i.yaml; done && qms check -j 2 --lang en audits > $TMP/two; qms check -j 1 --lang en audits > $TMP/one; cmp $TMP/one $TMP/two && grep -c "extra" $TMP/one && grep "so-d1.yaml\|so-d17.yaml\|so-d40.yaml" $TMP/one && tail -1 $TMP/one
40
audits/so-d1.yaml:4:3: error[S001]: unknown key 'extra1' in agency
audits/so-d17.yaml:20:3: error[S001]: unknown key 'extra17' in agency
audits/so-d40.yaml:43:3: error[S001]: unknown key 'extra40' in agency
checked 44 files: 40 errors, 0 warnings
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && for i in $(seq 1 40); do { sed -n 1,2p audits/so-d.yaml | sed "s/so-d$/so-d$i/"; echo "  extra$i: 1"; sed -n '3,$p' audits/so-d.yaml; } > audits/so-d$i.yaml; done && mkfifo audits/fifo.yaml && QMS_READAHEAD=0 qms check --lang en > $TMP/off; qms check --lang en > $TMP/on; cmp $TMP/off $TMP/on && tail -1 $TMP/on
checked 47 files: 41 errors, 0 warnings
