/* qms migrate: the 2008 -> 2015 worklist of an agency, and --apply. The
 * work is lib/migrate.c, the outputs lib/migrate-format.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iso-cli.h"
#include "opts.h"
#include "qms.h"

/* ---- migrate ---- */

static const char *const migrate_formats[] = {"text", "md", "json", NULL};

#define O(f) offsetof(struct iso_args, f)
static const struct qms_opt migrate_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), migrate_formats, O(format), N_("text (default), md or json")},
	{"apply", 0, QMS_OPT_FLAG, NULL, NULL, O(apply), N_("convert the agency's 2008 procedures in place")},
	{0},
};
#undef O

const struct qms_cli_command qms_migrate_command = {
	.name = "migrate",
	.run = qms_cmd_migrate,
	.usage = N_("migrate AGENCY [--apply] [--format text|md|json]"),
	.summary = N_("the ISO 9001:2008 -> 2015 worklist of an agency; --apply converts its procedures"),
	.description = N_("The ISO 9001:2008 -> 2015 conversion worklist of one agency:\n"
			  "  1. every document still on 2008, each clause it cites with its 2015\n"
			  "     counterparts and whether the 2008 content carries over fully,\n"
			  "     partly or not at all;\n"
			  "  2. the 2015 requirements with no full 2008 predecessor, and whether\n"
			  "     system.yaml or a 2015 procedure already addresses them;\n"
			  "  3. what 2015 no longer asks for.\n"
			  "\n"
			  "--apply rewrites the agency's 2008 procedures in place: `standard`, the\n"
			  "translated `clauses`, `edition` + 1. Every other byte of the file stays\n"
			  "(comments, order, layout); a file is written only when the result passes\n"
			  "the checks, atomically. What needs a person's judgement is listed."),
	.opts = migrate_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = N_("0 nothing left to convert, 1 work remains (or a rewrite was\n"
			  "refused), 2 usage error or unknown agency, 3 I/O error"),
};

/* After each file --apply rewrote or could not: "converted PATH", or the
 * reason on standard error. */
static void report_apply(void *ctx, const char *path, int result, const char *err)
{
	(void)ctx;
	if (result < 0)
		qms_cli_eprintf("qms: %s\n", err);
	else if (result == 0)
		qms_cli_printf(_("converted %s\n"), path);
}

int qms_cmd_migrate(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_migrate_command, argc, argv, &done);
	if (rc || done)
		goto out_opts;
	struct iso_ctx c;
	rc = iso_ctx_load(&c, o.lang);
	if (rc)
		goto out_opts;
	rc = QMS_EXIT_USAGE;
	const struct qms_correlation_table *corr = qms_catalogs_correlation(&c.cat, "ISO 9001:2008", "ISO 9001:2015");
	const char *agency = o.args[0];
	const struct qms_index_agency *ag = qms_index_find_agency(c.ix, agency);
	const struct qms_index_system *sysx = find_system(c.ix, agency);
	if (!corr) {
		qms_cli_usage_error(_("no 2008 -> 2015 correlation among the catalogs"));
		iso_ctx_release(&c);
		goto out_opts;
	}
	if (!ag && !sysx) {
		qms_cli_usage_error(_("no agency '%s' in this workspace"), agency);
		iso_ctx_release(&c);
		goto out_opts;
	}
	rc = QMS_EXIT_CLEAN;
	struct qms_buf notes;
	qms_buf_init(&notes);
	if (o.apply) {
		/* Rewrite first, then report what is left. */
		if (qms_conversion_apply_agency(c.ix, agency, &c.cat, corr, &notes, report_apply, NULL))
			rc = QMS_EXIT_FINDINGS;
		/* read the workspace again: the files changed */
		iso_ctx_release(&c);
		int reloaded = iso_ctx_load(&c, o.lang);
		if (reloaded) {
			qms_buf_release(&notes);
			rc = reloaded;
			goto out_opts;
		}
		corr = qms_catalogs_correlation(&c.cat, "ISO 9001:2008", "ISO 9001:2015");
		ag = qms_index_find_agency(c.ix, agency);
		sysx = find_system(c.ix, agency);
	}
	struct qms_document sysdoc = {0};
	const struct qms_system *sys = NULL;
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (sysx && qms_document_load(&sysdoc, sysx->path, &diags) == 0 && sysdoc.kind == QMS_KIND_SYSTEM)
		sys = &((const struct qms_system_file *)sysdoc.data)->system;
	qms_diags_release(&diags);
	struct qms_conversion m;
	qms_conversion_plan(&m, corr, c.ix, agency, sys, sys ? sysx->path : NULL);
	struct qms_buf b;
	qms_buf_init(&b);
	if (!strcmp(o.format, "json"))
		qms_conversion_format_json(&b, &m);
	else
		qms_conversion_format_text(&b, &m, c.lang, ag && ag->name.text ? ag->name.text : agency,
					   !strcmp(o.format, "md"));
	if (notes.len && strcmp(o.format, "json"))
		qms_buf_printf(&b, "\n%s\n%s", _("Needs a person's judgement:"), notes.buf);
	if (!strcmp(o.format, "json"))
		qms_cli_write(&b);
	else
		qms_cli_write_text(&b);
	if (notes.len && !strcmp(o.format, "json"))
		qms_cli_eprintf("%s", notes.buf);
	bool news_open = false;
	for (size_t i = 0; i < m.nnews; i++)
		news_open |= !m.news[i].by;
	if (m.ndocs || news_open)
		rc = QMS_EXIT_FINDINGS;
	qms_buf_release(&b);
	qms_buf_release(&notes);
	qms_conversion_release(&m);
	if (sysdoc.doc)
		qms_document_release(&sysdoc);
	iso_ctx_release(&c);
out_opts:
	free(o.args);
	return rc;
}
