/* qms clauses: browse the catalogs of ISO 9001 and their correlation.
 * The outputs are lib/catalog-format.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iso-cli.h"
#include "opts.h"
#include "qms.h"

static const char *const standard_names[] = {"2015", "2008", NULL};
static const char *const clauses_formats[] = {"table", "md", "json", NULL};

#define O(f) offsetof(struct iso_args, f)
static const struct qms_opt clauses_opts[] = {
	{"standard", 0, QMS_OPT_CHOICE, N_("EDITION"), standard_names, O(standard), N_("2015 (default) or 2008")},
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), clauses_formats, O(format), N_("table (default), md or json")},
	{"map", 0, QMS_OPT_FLAG, NULL, NULL, O(map), N_("the 2008 -> 2015 correlation")},
	{0},
};
#undef O

const struct qms_cli_command qms_clauses_command = {
	.name = "clauses",
	.run = qms_cmd_clauses,
	.usage = N_("clauses [--standard 2015|2008] [--format table|md|json] [CLAUSE...]\n"
		    "clauses --map [--format table|md|json]"),
	.summary = N_("browse the clauses of ISO 9001:2015 and 2008 and their correlation"),
	.description = N_("Browse the catalog of an edition of ISO 9001 (default 2015): every clause\n"
			  "with its title, level (system or process) and the documented information\n"
			  "it requires. Name clauses to see them with their sub-clauses, the check\n"
			  "questions an auditor asks, and where they come from or went to in the\n"
			  "other edition. --map prints the 2008 -> 2015 correlation."),
	.opts = clauses_opts,
	.positional = N_("CLAUSE"),
	.min_pos = 0,
	.max_pos = -1,
	.exit_status = N_("0 printed, 2 usage error (an unknown clause or option), 3 I/O error"),
};

static enum qms_table_format table_format(const char *f)
{
	return !strcmp(f, "md") ? QMS_TABLE_MD : QMS_TABLE_TEXT;
}

static const char *edition_id(const char *s)
{
	if (!s || !strcmp(s, "2015") || !strcmp(s, "ISO 9001:2015"))
		return "ISO 9001:2015";
	if (!strcmp(s, "2008") || !strcmp(s, "ISO 9001:2008"))
		return "ISO 9001:2008";
	return NULL;
}

/* `qms clauses CLAUSE...`: every clause named, in detail; an unknown
 * one is a usage error, named with the closest clauses. */
static int write_named_clauses(struct qms_buf *b, const struct qms_catalogs *cat, const struct qms_catalog *c,
			       const struct iso_opts *o, enum qms_lang lang)
{
	size_t *idx = calloc(o->nargs, sizeof(*idx));
	bool unknown = false;
	for (size_t i = 0; i < o->nargs; i++) {
		idx[i] = qms_catalog_find(c, o->args[i]);
		if (idx[i] != SIZE_MAX)
			continue;
		struct qms_diags d;
		qms_diags_init(&d);
		qms_clause_check(cat, c->id, o->args[i], 0, 0, "", &d);
		qms_cli_usage_error("%s", d.len ? d.items[0].message : _("no such clause"));
		qms_diags_release(&d);
		unknown = true;
	}
	if (!unknown && !strcmp(o->format, "json")) {
		qms_clauses_format_json(b, cat, c, idx, o->nargs);
	} else if (!unknown) {
		for (size_t i = 0; i < o->nargs; i++) {
			if (i)
				qms_buf_addc(b, '\n');
			qms_clause_format_detail(b, cat, c, idx[i], lang);
		}
	}
	free(idx);
	return unknown ? QMS_EXIT_USAGE : QMS_EXIT_CLEAN;
}

/* `qms clauses --map`: the 2008 -> 2015 correlation. */
static int write_map(struct qms_buf *b, const struct qms_catalogs *cat, const struct iso_opts *o, enum qms_lang lang)
{
	const struct qms_correlation_table *k = qms_catalogs_correlation(cat, "ISO 9001:2008", "ISO 9001:2015");
	if (!k)
		return qms_cli_usage_error(_("no 2008 -> 2015 correlation among the catalogs"));
	if (!strcmp(o->format, "json"))
		qms_correlation_format_json(b, k);
	else
		qms_correlation_format_table(b, k, lang, table_format(o->format));
	return QMS_EXIT_CLEAN;
}

/* The catalogs do not need a workspace; use its own catalogs when there
 * is one. Returns 0, or an exit status after printing why they cannot be
 * read. */
static int open_catalogs(struct qms_catalogs *cat)
{
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_location loc = {0};
	char *err = NULL;
	if (qms_locate(&loc, ".", &err) < 0) {
		free(err);
		err = NULL;
	}
	int loaded = qms_catalogs_open(cat, loc.root, &diags, &err);
	qms_location_release(&loc);
	qms_diags_release(&diags);
	return loaded < 0 ? qms_cli_fail(loaded, err) : QMS_EXIT_CLEAN;
}

int qms_cmd_clauses(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_clauses_command, argc, argv, &done);
	if (rc || done)
		goto out;
	enum qms_lang lang = qms_lang_get();
	struct qms_catalogs cat;
	rc = open_catalogs(&cat);
	if (rc)
		goto out;
	const struct qms_catalog *c = qms_catalogs_find(&cat, edition_id(o.standard));
	struct qms_buf b;
	qms_buf_init(&b);
	rc = QMS_EXIT_CLEAN;
	if (o.map)
		rc = write_map(&b, &cat, &o, lang);
	else if (o.nargs)
		rc = write_named_clauses(&b, &cat, c, &o, lang);
	else if (!strcmp(o.format, "json"))
		qms_catalog_format_json(&b, c);
	else
		qms_catalog_format_table(&b, c, lang, table_format(o.format));
	qms_cli_write(&b);
	qms_buf_release(&b);
	qms_catalogs_release(&cat);
out:
	free(o.args);
	return rc;
}
