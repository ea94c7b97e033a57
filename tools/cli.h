/* The thin CLI: argument parsing, printing and exit codes. All the work is
 * done by the library. */
#ifndef QMS_CLI_H
#define QMS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum qms_exit {
	QMS_EXIT_CLEAN = 0,
	QMS_EXIT_FINDINGS = 1,
	QMS_EXIT_USAGE = 2,
};

/* Each command gets its arguments after the command name (argv[0] is the
 * command name) and returns an exit code. */
int qms_cmd_audit(int argc, char **argv);
int qms_cmd_board(int argc, char **argv); /* `qms audit board`; argv[0] is "board" */
int qms_cmd_check(int argc, char **argv);
int qms_cmd_coverage(int argc, char **argv);
int qms_cmd_clauses(int argc, char **argv);
int qms_cmd_migrate(int argc, char **argv);
int qms_cmd_render(int argc, char **argv);
int qms_cmd_report(int argc, char **argv); /* and qms_cmd_site: tools/cmd-report.c */
int qms_cmd_site(int argc, char **argv);

/* True when colour may be used on stream: a terminal and no NO_COLOR. */
bool qms_cli_use_color(FILE *stream);

/* A progress callback for the library: "\r<ctx>: done/total" on stderr,
 * cleared when done == total. ctx is a label, e.g. "checking files". */
void qms_cli_progress(size_t done, size_t total, void *ctx);

/* argv[*i] as `--name VALUE`, `--name=VALUE`, or (when shrt is given)
 * `-x VALUE` / `-xVALUE`: the value, moving *i past it when it is the next
 * argument. *matched tells whether argv[*i] was this option at all; a
 * match with no value left returns NULL. */
const char *qms_cli_option_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
				 bool *matched);

/* Print "qms: <message>" on stderr; returns QMS_EXIT_USAGE. */
int qms_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
