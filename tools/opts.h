/* The one option grammar of the command line.
 *
 * Every command (and every `audit` subcommand) is described by a table:
 * its usage lines, what it does, its options with their types and help
 * texts, its positional arguments and its exit status. One parser reads
 * argv against the table; the same table prints `--help`, the man pages
 * and the shell completions, so they cannot disagree. Texts are English
 * msgids marked with N_() and printed in the reader's language.
 *
 * Conventions shared by every command: `--help`/`-h`; `--lang vi|en`;
 * `-o FILE`/`--output FILE` writes the output to a file (`-` is the
 * standard output); `--out DIR` names a folder; `--format`, `--as-of`,
 * `-j` parsed by the shared types below. Mistakes are usage errors (exit
 * 2) with one wording per kind of mistake. */
#ifndef QMS_OPTS_H
#define QMS_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define QMS_OPT_LIST_MAX 64

enum qms_opt_type {
	QMS_OPT_FLAG, /* bool */
	QMS_OPT_STRING, /* const char * (non-empty) */
	QMS_OPT_CHOICE, /* int: index into choices; -1 when not given */
	QMS_OPT_DATE, /* int32_t days since 1970-01-01; -1 when not given */
	QMS_OPT_JOBS, /* unsigned, 1..64; 0 when not given */
	QMS_OPT_UINT, /* unsigned long, 0..1000000000; ULONG_MAX when not given */
	QMS_OPT_LANG, /* int: enum qms_lang; -1 when not given */
	QMS_OPT_LIST, /* struct qms_opt_list: the option may be repeated */
	QMS_OPT_FILE, /* const char *: an output file, `-` for stdout */
	QMS_OPT_DIR, /* const char *: a folder */
};

struct qms_opt_list {
	const char *v[QMS_OPT_LIST_MAX];
	size_t n;
};

struct qms_opt {
	const char *name; /* long name without the dashes; NULL ends a table */
	char shrt; /* short letter, or 0 */
	enum qms_opt_type type;
	const char *arg; /* the value's name in help (FORMAT), NULL for flags */
	const char *const *choices; /* QMS_OPT_CHOICE: NULL-terminated */
	size_t offset; /* where the value goes in the command's arguments */
	const char *help; /* N_(); lines after the first are indented */
};

struct qms_cli_command {
	const char *name; /* "check", or "audit status" for a subcommand */
	int (*run)(int argc, char **argv); /* NULL for subcommands (their parent runs them) */
	const char *usage; /* N_(): the usage lines after "qms ", '\n'-separated */
	const char *summary; /* N_(): one line for `qms --help` */
	const char *description; /* N_(): paragraphs, already wrapped */
	const struct qms_opt *opts;
	const char *positional; /* name of the positional arguments (PATH), or NULL */
	int min_pos, max_pos; /* how many; max_pos < 0: any number */
	const char *exit_status; /* N_(): after "exit status: " */
	const char *see_also; /* N_() or NULL: extra text at the end of --help */
	/* What the shell completes for each positional argument, space-
	 * separated: "path", "agency", "stage"; the last one repeats when
	 * max_pos < 0. NULL: nothing. */
	const char *complete;
};

/* Options every command takes, appended after its own when parsing and in
 * help: --lang and --help. */
extern const struct qms_opt qms_common_opts[];

/* Parse argv[1..argc) (argv[0] is the command name) against cmd, writing
 * the values into args and the positional arguments into pos (room for
 * argc entries; *npos set). Returns 0 on success, 1 when --help was
 * printed, 2 after printing a usage error. Values not given keep what
 * args held (set defaults before the call; see qms_opts_defaults()). */
int qms_opts_parse(const struct qms_cli_command *cmd, int argc, char **argv, void *args, const char **pos, int *npos);

/* Set every option of cmd in args to its "not given" value (-1 for
 * choices, dates and languages, 0/NULL/false otherwise). */
void qms_opts_defaults(const struct qms_cli_command *cmd, void *args);

/* Set the language of messages process-wide: lang when >= 0, else the
 * --lang of the command line, else the `lang` of the workspace that holds
 * path (NULL: the current folder) when it has a qms.yaml, else LANGUAGE /
 * LC_ALL / LC_MESSAGES / LANG, else English. qms_opts_parse() calls it
 * with the current folder; a command whose workspace is elsewhere (a path
 * argument) calls it again. */
void qms_cli_set_lang(int lang, const char *path);

/* The --lang of the command line (enum qms_lang), or -1 when none. */
int qms_cli_lang_given(void);

/* `qms CMD --help` in the process-wide language. */
void qms_opts_print_help(const struct qms_cli_command *cmd, FILE *out);

/* A usage error about an option value, one wording per kind of mistake. */
int qms_opts_bad_value(const struct qms_opt *o, const char *value);

/* Every command table, in `qms --help` order, for help, man pages and
 * completion; NULL-terminated. Subcommands follow their parent. */
extern const struct qms_cli_command *const qms_cli_commands[];

/* roff man page of cmd (NULL: qms(1) itself) in the process-wide language. */
void qms_opts_print_man(const struct qms_cli_command *cmd, FILE *out);
/* A bash completion script for every command and option. */
void qms_opts_print_bash_completion(FILE *out);
/* The tables as JSON (for the CLI test that tries every option). */
void qms_opts_print_json(FILE *out);

#endif
