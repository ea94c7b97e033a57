/* Zip archives (Word and Excel files are zips of XML parts), through
 * libzip: archive.c is the only code that includes zip.h. It opens the
 * library with dlopen() on first use, so that a command that reads or
 * writes no such file does not load it, nor OpenSSL's libcrypto it brings
 * (3 ms of every command's start, issue 10).
 *
 * Errors: functions return -1 with *why, libzip's reason (or why the
 * library could not be loaded) in English as libzip writes it, owned by
 * the caller; the caller says what failed in the user's language. */
#ifndef QMS_ARCHIVE_H
#define QMS_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* One file of an archive to write. */
struct qms_zip_part {
	const char *name;
	const void *data;
	size_t len;
};

/* The archive of parts[0..n), deflated, appended to out. Every part is
 * dated 1 January 1980 (the first date a zip holds), so that the same
 * parts give the same bytes. On failure *what is the step or the part
 * that failed ("memory", "open", a part's name, "write", "read back"). */
int qms_zip_write(struct qms_buf *out, const struct qms_zip_part *parts, size_t n, const char **what, char **why);

/* An archive open for reading. */
struct qms_zip;

/* Open the archive at path, or in data[0..len) (not copied: it must
 * outlive the archive). Close it with qms_zip_close(). */
int qms_zip_open_file(struct qms_zip **out, const char *path, char **why);
int qms_zip_open_mem(struct qms_zip **out, const void *data, size_t len, char **why);
void qms_zip_close(struct qms_zip *z);

/* Whether the archive holds a file called name. */
bool qms_zip_has(struct qms_zip *z, const char *name);

/* A file of an archive, read in order. */
struct qms_zip_entry;

/* Open the file name of z: 0, 1 when the archive has no such file, or
 * -1 with *why. */
int qms_zip_entry_open(struct qms_zip_entry **out, struct qms_zip *z, const char *name, char **why);

/* Read up to n bytes into buf: how many (0 at the end), or -1 with *why. */
long long qms_zip_entry_read(struct qms_zip_entry *e, void *buf, size_t n, char **why);

void qms_zip_entry_close(struct qms_zip_entry *e);

#endif
