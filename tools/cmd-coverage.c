/* qms coverage: an agency's conformity with ISO 9001:2015, clause by
 * clause. The work is lib/coverage.c, the outputs lib/coverage-format.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iso-cli.h"
#include "opts.h"
#include "qms.h"

static const char *const coverage_formats[] = {"table", "md", "json", NULL};

#define O(f) offsetof(struct iso_args, f)
static const struct qms_opt coverage_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), coverage_formats, O(format), N_("table (default), md or json")},
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{0},
};
#undef O

const struct qms_cli_command qms_coverage_command = {
	.name = "coverage",
	.run = qms_cmd_coverage,
	.usage = N_("coverage AGENCY [--as-of DATE] [--format table|md|json]"),
	.summary = N_("ISO 9001:2015 clause by clause for an agency: met, documented, missing, not applicable"),
	.description = N_("Conformity of one agency with ISO 9001:2015, clause by clause, from evidence\n"
			  "as of a date. Every lowest-level clause is met (addressed, and the evidence\n"
			  "it needs exists by the date), documented (addressed on paper, the evidence\n"
			  "missing or dated later), missing (nothing addresses it) or not applicable\n"
			  "(declared under `exclusions`, one line per declared clause). Evidence: fields\n"
			  "of processes/AGENCY/system.yaml once the system is `issued`, its `documents`\n"
			  "once issued and in force (a `record` for retained information), procedures\n"
			  "once effective and the records they keep, and audits/AGENCY.yaml: the\n"
			  "internal audit and the management review done with their report or minutes,\n"
			  "corrective actions closed and verified. Every line gives its evidence\n"
			  "(file:line) or what is missing."),
	.opts = coverage_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = N_("0 every applicable clause is met, 1 some are documented only or missing,\n"
			  "2 usage error or unknown agency, 3 I/O error"),
};

/* An agency is known by its tracker, its system.yaml or a procedure;
 * else a usage error, with the closest id. */
static bool known_agency(const struct qms_index *ix, const char *agency)
{
	if (qms_index_find_agency(ix, agency) || find_system(ix, agency))
		return true;
	for (size_t i = 0; i < ix->nprocesses; i++)
		if (ix->processes[i].agency.text && !strcmp(ix->processes[i].agency.text, agency))
			return true;
	const char **ids = calloc(ix->nagencies + 1, sizeof(*ids));
	for (size_t i = 0; i < ix->nagencies; i++)
		ids[i] = ix->agencies[i].id.text;
	const char *close = qms_closest(agency, ids, ix->nagencies);
	if (close)
		qms_cli_usage_error(_("no agency '%s' in this workspace; did you mean '%s'?"), agency, close);
	else
		qms_cli_usage_error(_("no agency '%s' in this workspace"), agency);
	free(ids);
	return false;
}

static void write_coverage(const struct qms_coverage *cov, const struct iso_ctx *c, const struct qms_index_agency *ag,
			   const char *format)
{
	struct qms_buf b;
	qms_buf_init(&b);
	if (!strcmp(format, "json")) {
		qms_coverage_format_json(&b, cov, c->lang);
		qms_cli_write(&b);
	} else {
		qms_coverage_format_table(&b, cov, ag && ag->name.text ? ag->name.text : NULL, c->lang,
					  !strcmp(format, "md"));
		qms_cli_write_text(&b);
	}
	qms_buf_release(&b);
}

int qms_cmd_coverage(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_coverage_command, argc, argv, &done);
	if (rc || done)
		goto out_opts;
	struct iso_ctx c;
	rc = iso_ctx_load(&c, o.lang);
	if (rc)
		goto out_opts;
	rc = QMS_EXIT_USAGE;
	const char *agency = o.args[0];
	if (!known_agency(c.ix, agency)) {
		iso_ctx_release(&c);
		goto out_opts;
	}
	const struct qms_index_agency *ag = qms_index_find_agency(c.ix, agency);
	const struct qms_index_system *sysx = find_system(c.ix, agency);
	struct qms_document sysdoc = {0}, trackdoc = {0};
	struct qms_cov_input in = {.as_of = o.as_of};
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (sysx && qms_document_load(&sysdoc, sysx->path, &diags) == 0 && sysdoc.kind == QMS_KIND_SYSTEM) {
		in.sys = &((const struct qms_system_file *)sysdoc.data)->system;
		in.sys_path = sysx->path;
	}
	if (ag && qms_document_load(&trackdoc, ag->path, &diags) == 0 && trackdoc.kind == QMS_KIND_AGENCY) {
		in.tracker = trackdoc.data;
		in.tracker_path = ag->path;
	}
	qms_diags_release(&diags);
	struct qms_coverage cov;
	qms_coverage_compute(&cov, qms_catalogs_find(&c.cat, "ISO 9001:2015"), c.ix, agency, &in);
	write_coverage(&cov, &c, ag, o.format);
	rc = cov.count[QMS_COV_MISSING] || cov.count[QMS_COV_DOCUMENTED] ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	qms_coverage_release(&cov);
	if (sysdoc.doc)
		qms_document_release(&sysdoc);
	if (trackdoc.doc)
		qms_document_release(&trackdoc);
	iso_ctx_release(&c);
out_opts:
	free(o.args);
	return rc;
}
