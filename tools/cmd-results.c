/* qms results: the seed report's figures and the actual times of the
 * procedures, from the one-stop system's dossier exports. The work is in
 * lib/results.c; the outputs in lib/results-format.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

enum { F_TEXT, F_MD, F_HTML, F_CSV, F_JSON, F_NC };
static const char *const results_formats[] = {"text", "markdown", "html", "csv", "json", "nonconforming", NULL};

struct results_args {
	int format;
	int32_t from, to, as_of;
	const char *steps;
	const char *output;
	unsigned jobs;
	bool no_bom;
};

#define O(f) offsetof(struct results_args, f)
static const struct qms_opt results_opts[] = {
	{"from", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(from),
	 N_("first day of the period, YYYY-MM-DD (default: the start of\n"
	    "the half-year that holds --to, else --as-of)")},
	{"to", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(to),
	 N_("last day of the period, YYYY-MM-DD (default: the end of the\n"
	    "half-year that holds --from, else --as-of)")},
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{"steps", 0, QMS_OPT_STRING, N_("FILE"), NULL, O(steps),
	 N_("step events (dossier, step, start, end, handler), CSV or XLSX:\n"
	    "actual time per step and paths that do not follow the procedure")},
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), results_formats, O(format),
	 N_("text (default), markdown, html, csv (the figures per group), json;\n"
	    "nonconforming: the late dossiers as nonconforming outputs\n"
	    "(ISO 9001:2015 8.7), YAML for the tracker")},
	{"no-bom", 0, QMS_OPT_FLAG, NULL, NULL, O(no_bom),
	 N_("CSV without the UTF-8 byte order mark that Excel needs\nto read Vietnamese")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("write to FILE (atomically) instead of the standard output")},
	{"jobs", 'j', QMS_OPT_JOBS, "N", NULL, O(jobs),
	 N_("threads that read a large CSV file in parts (default: one\nper core)")},
	{0},
};
#undef O

const struct qms_cli_command qms_results_command = {
	.name = "results",
	.run = qms_cmd_results,
	.usage = N_("results EXPORT... [--from DATE] [--to DATE] [--as-of DATE] [--steps FILE]\n"
		    "        [--format text|markdown|html|csv|json|nonconforming] [--no-bom] [-o FILE]"),
	.summary = N_("dossier results from the one-stop system's exports: on time, late, actual times"),
	.description = N_("Read the dossier exports of the one-stop system (CSV or XLSX) and report,\n"
			  "for the period, the figures of the half-year report per agency, level,\n"
			  "field and procedure: received, carried over, resolved before, on and\n"
			  "after the due date, in progress within or past the due date, returned;\n"
			  "late dossiers with or without an apology. For each procedure of the\n"
			  "workspace: the actual time from receipt to result (median, 90th\n"
			  "percentile, longest) against its committed and statutory limits. With\n"
			  "--steps: the actual time per step and the paths that do not follow the\n"
			  "procedure.\n"
			  "\n"
			  "Rows that cannot be read are reported as file:line:col on the standard\n"
			  "error and counted; the rest are used. docs/results.md gives the columns\n"
			  "recognised and the definitions."),
	.opts = results_opts,
	.positional = N_("EXPORT"),
	.complete = "path",
	.min_pos = 1,
	.max_pos = -1,
	.exit_status = N_("0 every row read, 1 some rows could not be read (reported) or a file\n"
			  "is not CSV or a workbook, 2 usage error, 3 I/O error"),
};

/* The workspace of the current folder, silently: NULL when there is none. */
static char *find_root(void)
{
	struct qms_location loc;
	char *err = NULL;
	if (qms_locate(&loc, ".", &err) < 0) {
		free(err);
		return NULL;
	}
	char *root = loc.has_config && loc.root ? qms_xstrdup(loc.root) : NULL;
	qms_location_release(&loc);
	return root;
}

int qms_cmd_results(int argc, char **argv)
{
	struct results_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_results_command, &a);
	const char **pos = qms_xcalloc((size_t)argc + 1, sizeof(*pos));
	int npos = 0;
	int rc = qms_opts_parse(&qms_results_command, argc, argv, &a, pos, &npos);
	if (rc) {
		free(pos);
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	}
	if (a.format < 0)
		a.format = F_TEXT;
	if (a.as_of < 0)
		a.as_of = qms_cli_today();
	/* a period not given is the half-year of the date that is */
	int32_t hf, ht;
	qms_results_half_year(&hf, &ht, a.to >= 0 ? a.to : a.from >= 0 ? a.from : a.as_of);
	if (a.from < 0)
		a.from = hf;
	if (a.to < 0)
		a.to = ht;
	if (a.to < a.from) {
		free(pos);
		return qms_cli_usage_error(_("--to is before --from"));
	}
	char *root = find_root();
	struct qms_results_options opt = {
		.exports = pos,
		.nexports = (size_t)npos,
		.steps = a.steps,
		.from = a.from,
		.to = a.to,
		.root = root,
		.jobs = a.jobs,
	};
	struct qms_results r;
	char *err = NULL;
	int computed = qms_results_compute(&r, &opt, &err);
	if (computed < 0) {
		qms_results_release(&r);
		free(root);
		free(pos);
		return qms_cli_fail(computed, err);
	}
	struct qms_buf out;
	qms_buf_init(&out);
	qms_results_format_problems(&out, &r);
	if (out.len)
		qms_cli_eprintf("%s", out.buf);
	qms_buf_reset(&out);
	enum qms_lang lang = qms_lang_get();
	switch (a.format) {
	case F_JSON: qms_results_format_json(&out, &r); break;
	case F_NC: qms_results_format_nonconforming(&out, &r, lang); break;
	case F_CSV:
		if (!a.no_bom)
			qms_buf_adds(&out, QMS_CSV_BOM);
		qms_results_format_csv(&out, &r, lang);
		break;
	case F_HTML: qms_results_format_html(&out, &r, lang); break;
	case F_MD: qms_results_format_md(&out, &r, lang); break;
	default: qms_results_format_text(&out, &r, lang); break;
	}
	rc = qms_cli_write_output(a.output, &out);
	if (rc == QMS_EXIT_CLEAN && r.rows_rejected)
		rc = QMS_EXIT_FINDINGS;
	qms_buf_release(&out);
	qms_results_release(&r);
	free(root);
	free(pos);
	return rc;
}
