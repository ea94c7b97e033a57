/* The thin CLI: argument parsing, printing and exit codes. All the work is
 * done by the library. */
#ifndef QMS_CLI_H
#define QMS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "qms.h"

enum qms_exit {
	QMS_EXIT_CLEAN = 0,
	QMS_EXIT_FINDINGS = 1,
	QMS_EXIT_USAGE = 2,
	QMS_EXIT_IO = 3,
};

/* The exit status of a library failure rc (< 0, enum qms_err):
 * QMS_ERR_DATA 1, QMS_ERR_USAGE (and any other) 2, QMS_ERR_IO 3. */
int qms_cli_exit_of(int rc);

/* Print the library's message err (owned; NULL: a generic one) as "qms:
 * <err>" on stderr, free it and return qms_cli_exit_of(rc): `return
 * qms_cli_fail(rc, err);`. */
int qms_cli_fail(int rc, char *err);

/* Each command gets its arguments after the command name (argv[0] is the
 * command name) and returns an exit code. Its table (options, help) is
 * qms_<name>_command, listed in main.c. */
int qms_cmd_audit(int argc, char **argv);
int qms_cmd_check(int argc, char **argv);
int qms_cmd_coverage(int argc, char **argv);
int qms_cmd_export(int argc, char **argv);
int qms_cmd_clauses(int argc, char **argv);
int qms_cmd_migrate(int argc, char **argv);
int qms_cmd_render(int argc, char **argv);
int qms_cmd_report(int argc, char **argv);
int qms_cmd_results(int argc, char **argv); /* and qms_cmd_site: tools/cmd-report.c */
int qms_cmd_site(int argc, char **argv);
int qms_cmd_init(int argc, char **argv);
int qms_cmd_new(int argc, char **argv);
int qms_cmd_schema(int argc, char **argv);
int qms_cmd_serve(int argc, char **argv);

/* Print the diagrams a render could not make and the documents it skipped
 * (qms render's and qms site's messages) on stderr; returns how many
 * diagrams failed (tools/cmd-report.c). */
struct qms_render_result;
size_t qms_cli_print_render_problems(const struct qms_render_result *res);

/* Write the JSON Schema of every kind into dir (tools/cmd-schema.c);
 * returns an exit status. */
int qms_cli_write_schemas(const char *dir, bool quiet);

struct qms_cli_command;
extern const struct qms_cli_command qms_audit_command, qms_audit_status_command, qms_audit_board_command,
	qms_audit_new_command, qms_audit_stage_command, qms_audit_add_command, qms_audit_finding_command,
	qms_audit_close_command, qms_audit_verify_command, qms_check_command, qms_coverage_command, qms_clauses_command,
	qms_export_command, qms_render_command, qms_migrate_command, qms_report_command, qms_results_command,
	qms_site_command, qms_init_command, qms_new_command, qms_schema_command, qms_serve_command;

/* The migration board as of a date (-1: today) to output (NULL or "-":
 * the standard output): `qms audit board` and `qms render --board`. */
int qms_board_run(int32_t as_of, const char *output);

/* The workspace of the current folder (after -C): the absolute folder
 * with qms.yaml at or above it. NULL after printing a usage error that
 * says to run `qms init`. Caller frees. */
char *qms_cli_workspace_root(void);

/* Today in the local time zone, as days since 1970-01-01. */
int32_t qms_cli_today(void);

/* True when colour may be used on stream: a terminal and no NO_COLOR. */
bool qms_cli_use_color(FILE *stream);

/* A progress callback for the library: "\r<ctx>: done/total" on stderr,
 * cleared when done == total. ctx is a label, e.g. "checking files". */
void qms_cli_progress(size_t done, size_t total, void *ctx);

/* Write b to the file path as qms_file_write_output() does (atomically; a
 * device or FIFO written through, a link through to its target), or to
 * the standard output when path is NULL or "-" (every write checked).
 * Returns QMS_EXIT_CLEAN, or the exit status of the failure (usually
 * QMS_EXIT_IO) after printing why it could not. */
int qms_cli_write_output(const char *path, const struct qms_buf *b);

/* mkdir -p path (qms_dir_make()). Returns QMS_EXIT_CLEAN, or the exit
 * status of the failure after printing why it could not. */
int qms_cli_make_dir(const char *path);

/* Write the whole of b to standard output. A failure is not reported
 * here: main() reports the first one when qms exits, with exit status 3
 * (QMS_EXIT_IO), as for any other write to standard output. */
void qms_cli_write(const struct qms_buf *b);

/* Write b, text for people, to standard output through
 * qms_buf_add_printable() (newlines kept): file names and values cannot
 * drive the terminal. Failures as for qms_cli_write(). */
void qms_cli_write_text(const struct qms_buf *b);

/* printf to standard output / standard error, the result through
 * qms_buf_add_printable() (newlines kept): for lines that carry file
 * names, arguments or values. */
void qms_cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void qms_cli_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "qms: <message>" on stderr (through qms_buf_add_printable());
 * returns QMS_EXIT_USAGE. */
int qms_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
