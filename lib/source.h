/* The files one command reads, each read from the disk once.
 *
 * A source keeps the bytes of every file read through it, by absolute
 * path, and (when asked) the decoded documents of those files. Installed
 * in the process (qms_source_install()), it is what qms_doc_load() and
 * qms_document_load() read from: the check, the index, the status, the
 * report, the site and the diagrams all go through those two, so a
 * command that runs them one after the other opens each file once, and
 * the diagram workers forked from it open none. The workspace handle
 * (workspace.h, qms_workspace_open()) owns the source of a command.
 *
 * A file that cannot be read is not kept (the next reader tries again
 * and says why). qms_source_forget() drops one file, so that a long-lived
 * process (`qms serve`) re-reads only what changed.
 *
 * Thread-safety: lookups, reads and decodes may run from many threads at
 * once (the check's workers do); install, forget and free may not run
 * beside them. */
#ifndef QMS_SOURCE_H
#define QMS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct qms_source;
struct qms_document;

/* A new, empty source. With keep_documents, qms_document_load() keeps
 * the decoded document of each file (and what decoding it reported) and
 * hands out shared copies; otherwise only bytes are kept. Relative
 * paths given to it are taken from the current folder of this moment:
 * make the source after any chdir(). Free with qms_source_free(). */
struct qms_source *qms_source_new(bool keep_documents);
void qms_source_free(struct qms_source *s);

/* Make s the source of qms_doc_load() and qms_document_load() in this
 * process (NULL: the disk again). Not owned. */
void qms_source_install(struct qms_source *s);
struct qms_source *qms_source_installed(void);

/* The bytes of the file at path (relative to the current folder, or
 * absolute). Returns 0 with *out (owned by s, valid until the file is
 * forgotten or s freed), -1 with the reason in diags, or 1 when s is NULL. */
int qms_source_bytes(struct qms_source *s, const char **out, size_t *len, const char *path, struct qms_diags *diags);

/* Like qms_source_bytes(), for a reader that may need the file only
 * once: when s holds the bytes of path, *out is s's and *kept true; else
 * the file is read from the disk into this thread's buffer (valid until
 * the thread's next read, qms_doc_read_file()), s does not keep it and
 * *kept is false: qms_source_keep() keeps it when it is wanted again.
 * A source that keeps documents keeps the bytes as qms_source_bytes()
 * does. With s NULL, the disk and *kept false. */
int qms_source_bytes_once(struct qms_source *s, const char **out, size_t *len, bool *kept, const char *path,
			  struct qms_diags *diags);

/* Keep a copy of bytes[0..len) as the bytes of path (read from the disk
 * by qms_source_bytes_once()), unless s holds them already. */
void qms_source_keep(struct qms_source *s, const char *path, const char *bytes, size_t len);

/* The decoded document of path, shared (qms_document_release() leaves it
 * to s), when s keeps documents: returns 0 or -1 as qms_document_load()
 * does, with what decoding reported added to diags under the name path;
 * 1 when s is NULL or keeps no documents. */
int qms_source_document(struct qms_source *s, struct qms_document *out, const char *path, struct qms_diags *diags);

/* The caller is the last reader of path (relative or absolute) in this
 * process: its bytes are let go, so that a one-off command's memory does
 * not hold every file to its end. A source that keeps documents (`qms
 * serve`, which reads again and again) keeps them; NULL does nothing. A
 * later reader would read the file from the disk again. */
void qms_source_done(struct qms_source *s, const char *path);

/* Drop what s holds of the file at abs (absolute): read again when next
 * asked. Returns true when s held it. */
bool qms_source_forget(struct qms_source *s, const char *abs);

/* Files read from the disk, and reads answered from memory, since s was
 * made (for tests and benchmarks). */
size_t qms_source_disk_reads(const struct qms_source *s);
size_t qms_source_hits(const struct qms_source *s);

#endif
