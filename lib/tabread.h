/* Reading a table row by row: the CSV and XLSX exports of the one-stop
 * systems (Hệ thống thông tin giải quyết TTHC), for `qms results`.
 *
 * Both readers stream: memory is bounded by the longest record (CSV) or
 * by the shared strings of the workbook (XLSX), never by the number of
 * rows. Each record goes to a callback with its fields NUL-terminated;
 * a record that cannot be read goes to the error callback with its
 * position, and reading goes on with the next one.
 *
 * CSV: UTF-8 with or without a byte order mark; the delimiter is the one
 * of comma, semicolon and tab that the first record uses most (outside
 * quotes); fields may be quoted ("" is a quote inside), and a quoted
 * field may hold line breaks. A quote left open (the field runs to the
 * end of the file, past QMS_TABREAD_MAX_RECORD bytes, or is followed by
 * text before the next delimiter) makes the record unreadable; reading
 * resumes on the line after the one where the quote was opened.
 * Empty lines are not records.
 *
 * XLSX: the first worksheet of the workbook (libzip for the archive, expat
 * for the XML: this file and xlsx.c are the only code that include them).
 * Shared, inline and formula string cells; numeric cells as written
 * (dates are then Excel serial numbers, see QMS_ROW_XLSX). */
#ifndef QMS_TABREAD_H
#define QMS_TABREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A record longer than this is unreadable (1 MiB). */
#define QMS_TABREAD_MAX_RECORD (1u << 20)
/* Fields in a record beyond this are left out (and reported). */
#define QMS_TABREAD_MAX_FIELDS 256

enum {
	QMS_ROW_XLSX = 1 << 0, /* from a worksheet: numbers as Excel writes them */
};

/* One record. Everything is borrowed and valid during the callback only. */
struct qms_tabrow {
	const char *const *fields; /* nfields NUL-terminated strings (may hold NUL: see lens) */
	const uint32_t *cols; /* per field: CSV: byte offset of the field in `raw`;
			       * XLSX: 1-based cell column */
	size_t nfields;
	unsigned long line; /* CSV: line where the record starts; XLSX: row number */
	const char *raw; /* CSV: the record's first line as read (for columns), else NULL */
	unsigned flags; /* QMS_ROW_* */
};

/* Called for each record, the header included (the first record). Return
 * 0 to go on, nonzero to stop reading (qms_tabread_*() then return it). */
typedef int (*qms_tabrow_fn)(void *ctx, const struct qms_tabrow *row);
/* Called for each record that cannot be read: 1-based line and column
 * (CSV: character column in the line; XLSX: row and cell column), and
 * an English msgid (static). */
typedef void (*qms_taberr_fn)(void *ctx, unsigned long line, unsigned long col, const char *msgid);

/* 1-based character column of byte offset `off` in a CSV record's raw
 * first line (row->raw), or `off` itself for XLSX. */
unsigned long qms_tabrow_column(const struct qms_tabrow *row, size_t field);

/* Read the CSV file at path (NULL or "-": the standard input). Returns 0,
 * the nonzero value a callback returned, or -1 with *err set (caller
 * frees) when the file cannot be read. */
int qms_csv_read_file(const char *path, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err);
/* A part of a CSV file, for reading one file in several threads: the
 * records that start in [start, stop), start being the start of a line.
 * Whether start was the start of a record (and not a line inside a quoted
 * field) is for the caller to decide, from the quotes before it. */
struct qms_csv_range {
	int64_t start, stop; /* in */
	char delim; /* in: 0 to find it; out: the one used */
	unsigned long first_line; /* in: the number of the line at start */
	int64_t next; /* out: offset after the last record read */
	unsigned long lines; /* out: line breaks from start to next */
	uint64_t quotes; /* out: '"' bytes in [start, stop) */
};

/* Read the records of a range of the file at path (not the standard
 * input) as qms_csv_read_file() does. */
int qms_csv_read_range(const char *path, struct qms_csv_range *range, qms_tabrow_fn on_row, qms_taberr_fn on_err,
		       void *ctx, char **err);

/* The same on data[0..len) (the fuzz target and tests). */
int qms_csv_read_mem(const char *data, size_t len, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err);

/* Read the first worksheet of the XLSX file at path, as above. */
int qms_xlsx_read_file(const char *path, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err);
/* The same on an archive in memory (copied by libzip's source). */
int qms_xlsx_read_mem(const char *data, size_t len, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err);

/* Whether the file at path is a ZIP archive (an XLSX workbook) rather
 * than text: by its first bytes. */
bool qms_tabread_is_zip(const char *path);

#endif
