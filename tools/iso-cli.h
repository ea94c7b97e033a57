/* Helpers shared by the ISO commands (cmd-iso.c; the commands are
 * cmd-coverage.c, cmd-clauses.c and cmd-migrate.c). */
#ifndef QMS_ISO_CLI_H
#define QMS_ISO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qms.h"

/* What every ISO command needs: the workspace index, the catalogs and the
 * language to write in. */
struct iso_ctx {
	struct qms_index *ix;
	struct qms_catalogs cat;
	enum qms_lang lang;
};

/* Load the workspace of the current folder and its catalogs; lang_opt
 * (may be NULL) overrides the workspace language. Returns 0, or an exit
 * status after printing the reason. */
int iso_ctx_load(struct iso_ctx *c, const char *lang_opt);
void iso_ctx_release(struct iso_ctx *c);

/* Options shared by the ISO commands. */
struct iso_opts {
	const char *lang;
	const char *format;
	const char **args; /* operands; free() it */
	size_t nargs;
	bool apply, map;
	const char *standard;
	int32_t as_of; /* --as-of, else today */
};

struct qms_cli_command;
/* Parse argv against cmd; prints help (and sets *done) for --help.
 * Returns 0 or an exit status. */
int parse_opts(struct iso_opts *o, const struct qms_cli_command *cmd, int argc, char **argv, bool *done);

/* The options of `qms migrate` (its formats: text, md, json). */
/* The values of the ISO commands' options, as qms_opts_parse() fills
 * them; parse_opts() turns them into iso_opts. */
struct iso_args {
	int format, standard;
	bool apply, map;
	int32_t as_of;
};
int parse_lang(enum qms_lang *out, const char *v);

const struct qms_index_system *find_system(const struct qms_index *ix, const char *agency);

#endif
