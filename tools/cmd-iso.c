/* What the ISO 9001 commands share (iso-cli.h): loading the workspace
 * and its catalogs, their options. The commands are cmd-coverage.c,
 * cmd-clauses.c and cmd-migrate.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qms.h"
#include "cli.h"
#include "iso-cli.h"
#include "opts.h"

int parse_lang(enum qms_lang *out, const char *v)
{
	if (!strcmp(v, "vi"))
		*out = QMS_LANG_VI;
	else if (!strcmp(v, "en"))
		*out = QMS_LANG_EN;
	else
		return qms_cli_usage_error("--lang is vi or en, not '%s'", v);
	return 0;
}

/* Load the workspace of the current folder; problems reading its files
 * are not this command's to report (that is `qms check`), but they are
 * counted so the user knows. */
int iso_ctx_load(struct iso_ctx *c, const char *lang_opt)
{
	memset(c, 0, sizeof(*c));
	char *root = qms_cli_workspace_root();
	if (!root)
		return QMS_EXIT_USAGE;
	free(root);
	struct qms_diags diags;
	qms_diags_init(&diags);
	char *err = NULL;
	int rc = qms_index_load(&c->ix, ".", 0, &diags, &err);
	if (rc < 0) {
		qms_diags_release(&diags);
		return qms_cli_fail(rc, err);
	}
	size_t errors = qms_diags_count(&diags, QMS_ERROR);
	if (errors)
		fprintf(stderr, "qms: %zu error%s in the workspace's files; 'qms check' lists them\n", errors,
			errors == 1 ? "" : "s");
	qms_diags_release(&diags);
	struct qms_diags catdiags;
	qms_diags_init(&catdiags);
	rc = qms_catalogs_open(&c->cat, c->ix->root, &catdiags, &err);
	qms_diags_release(&catdiags);
	if (rc < 0) {
		iso_ctx_release(c);
		return qms_cli_fail(rc, err);
	}
	c->lang = c->ix->settings.lang;
	if (lang_opt && parse_lang(&c->lang, lang_opt)) {
		iso_ctx_release(c);
		return QMS_EXIT_USAGE;
	}
	return 0;
}

void iso_ctx_release(struct iso_ctx *c)
{
	qms_index_free(c->ix);
	qms_catalogs_release(&c->cat);
}

/* The choice of option `name` of cmd at index i (NULL when not given or
 * when cmd has no such option). */
static const char *choice(const struct qms_cli_command *cmd, const char *name, int i)
{
	for (const struct qms_opt *op = cmd->opts; op && op->name; op++)
		if (!strcmp(op->name, name))
			return i < 0 ? NULL : op->choices[i];
	return NULL;
}

int parse_opts(struct iso_opts *o, const struct qms_cli_command *cmd, int argc, char **argv, bool *done)
{
	struct iso_args a;
	memset(o, 0, sizeof(*o));
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(cmd, &a);
	*done = false;
	o->args = calloc((size_t)argc + 1, sizeof(*o->args));
	int n = 0;
	int rc = qms_opts_parse(cmd, argc, argv, &a, o->args, &n);
	if (rc == 1)
		*done = true;
	if (rc)
		return rc == 1 ? 0 : QMS_EXIT_USAGE;
	o->nargs = (size_t)n;
	o->format = choice(cmd, "format", a.format < 0 ? 0 : a.format);
	o->apply = a.apply;
	o->map = a.map;
	o->standard = choice(cmd, "standard", a.standard);
	o->as_of = a.as_of < 0 ? qms_cli_today() : a.as_of;
	o->lang = qms_lang_get() == QMS_LANG_VI ? "vi" : "en";
	return 0;
}

const struct qms_index_system *find_system(const struct qms_index *ix, const char *agency)
{
	for (size_t i = 0; i < ix->nsystems; i++)
		if (ix->systems[i].agency.text && !strcmp(ix->systems[i].agency.text, agency))
			return &ix->systems[i];
	return NULL;
}
