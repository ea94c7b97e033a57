/* qms report, qms site: the provincial report and the static site. The
 * work is in lib/report.c, lib/report-text.c, lib/report-data.c and lib/site.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

static const char *const report_formats[] = {"md", "html", "csv", "json", NULL};

struct args {
	int32_t as_of;
	int format;
	const char *output, *out;
	unsigned jobs;
	bool no_bom;
};

#define O(f) offsetof(struct args, f)
static const struct qms_opt report_opts[] = {
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), report_formats, O(format),
	 N_("md (default), html (a whole page), csv (one line per\n"
	    "agency with every figure), json (every figure the text\nstates)")},
	{"no-bom", 0, QMS_OPT_FLAG, NULL, NULL, O(no_bom),
	 N_("CSV without the UTF-8 byte order mark that Excel needs\nto read Vietnamese")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("write to FILE (atomically) instead of the standard output")},
	{"jobs", 'j', QMS_OPT_JOBS, "N", NULL, O(jobs), N_("threads of the check (default: one per core)")},
	{0},
};

static const struct qms_opt site_opts[] = {
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{"out", 0, QMS_OPT_DIR, N_("DIR"), NULL, O(out),
	 N_("the folder (default out/site); created. A folder that\n"
	    "exists must be empty or a site qms wrote before (it\n"
	    "holds .qms-site): its old files are replaced, nothing\nelse is touched")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("not for a site, which is a folder: use --out DIR")},
	{"jobs", 'j', QMS_OPT_JOBS, "N", NULL, O(jobs), N_("diagram worker processes (default: one per core)")},
	{0},
};
#undef O

const struct qms_cli_command qms_report_command = {
	.name = "report",
	.run = qms_cmd_report,
	.usage = N_("report [--as-of DATE] [--format md|html|csv|json] [--no-bom] [-o FILE] [-j N]"),
	.summary = N_("the provincial report: migration, audits, procedures, coverage (md, html, csv, json)"),
	.description = N_("The ISO 9001:2015 section of the administrative reform report, from the\n"
			  "workspace, as of a date; the period runs from 1 January of that year up to\n"
			  "the date and is named as the administration names it (Quý I, 6 tháng đầu\n"
			  "năm, 9 tháng đầu năm, năm 2020). First the text to paste, one paragraph per\n"
			  "topic: the plan, the migration from ISO 9001:2008 by level with the late\n"
			  "agencies by name, the audits and corrective actions of the period, the\n"
			  "procedures, conformity from evidence (met, documented, missing, not\n"
			  "applicable) and the next tasks; then the tables as appendices (Phụ lục I to\n"
			  "IV), and Phụ lục V, the results of dossiers, when the workspace has the\n"
			  "one-stop system's exports in results/. The language is --lang, else the\n"
			  "workspace's."),
	.opts = report_opts,
	.see_also = N_("See docs/report.md for how each figure is counted."),
	.exit_status = N_("0 written, 2 usage error, 3 I/O error"),
};

const struct qms_cli_command qms_site_command = {
	.name = "site",
	.run = qms_cmd_site,
	.usage = N_("site [--as-of DATE] [--out DIR] [-j N]"),
	.summary = N_("a static HTML site of the report, agencies and procedures that opens offline"),
	.description = N_("Write the report and the evidence behind it as a static site that opens\n"
			  "from the folder, offline: DIR/index.html (the report, the migration board,\n"
			  "the agencies), a page per agency (stages, audits and findings, clause\n"
			  "coverage, procedures, interaction map) and a page per procedure (the\n"
			  "official document beside its diagram with the findings marked; it prints\n"
			  "on A4)."),
	.opts = site_opts,
	.exit_status = N_("0 written, 1 written but some diagrams could not be made,\n"
			  "2 usage error or a folder that is not a qms site, 3 I/O error"),
};

/* Returns 0, 1 after --help, or QMS_EXIT_USAGE. */
static int parse_args(struct args *a, int argc, char **argv, bool site)
{
	const struct qms_cli_command *cmd = site ? &qms_site_command : &qms_report_command;
	memset(a, 0, sizeof(*a));
	qms_opts_defaults(cmd, a);
	const char *pos[1];
	int npos;
	int rc = qms_opts_parse(cmd, argc, argv, a, pos, &npos);
	if (rc)
		return rc == 1 ? 1 : QMS_EXIT_USAGE;
	if (site && a->output)
		return qms_cli_usage_error(_("a site is a folder: use --out DIR, not -o"));
	if (site && !a->out)
		a->out = "out/site";
	if (a->format < 0)
		a->format = 0;
	if (a->as_of < 0)
		a->as_of = qms_cli_today();
	return 0;
}

/* The report of the workspace of the current folder. Returns 0, or an
 * exit status after printing why. */
static int compute(struct qms_report *r, const struct args *a, bool keep_procedures)
{
	char *root = qms_cli_workspace_root();
	if (!root)
		return QMS_EXIT_USAGE;
	free(root);
	struct qms_report_options opt = {
		.as_of = a->as_of, .lang = (int)qms_lang_get(), .jobs = a->jobs, .keep_procedures = keep_procedures};
	char *err = NULL;
	int rc = qms_report_compute(r, ".", &opt, &err);
	if (rc < 0)
		return qms_cli_fail(rc, err);
	/* Problems of the files are `qms check`'s to list; say they exist,
	 * since the figures count only what could be read. */
	if (r->errors)
		fprintf(stderr,
			r->errors == 1 ? _("qms: %zu error in the workspace's files (counted in the report); 'qms "
					   "check' lists it\n")
				       : _("qms: %zu errors in the workspace's files (counted in the report); 'qms "
					   "check' lists them\n"),
			r->errors);
	return 0;
}

int qms_cmd_report(int argc, char **argv)
{
	struct args a;
	int p = parse_args(&a, argc, argv, false);
	if (p)
		return p == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_report r;
	int rc = compute(&r, &a, false);
	if (rc)
		return rc;
	struct qms_buf out;
	qms_buf_init(&out);
	const char *format = report_formats[a.format];
	if (!strcmp(format, "json"))
		qms_report_format_json(&out, &r);
	else if (!strcmp(format, "csv")) {
		if (!a.no_bom)
			qms_buf_adds(&out, QMS_CSV_BOM);
		qms_report_format_csv(&out, &r);
	} else if (!strcmp(format, "html"))
		qms_report_format_html(&out, &r);
	else
		qms_report_format_md(&out, &r);
	rc = qms_cli_write_output(a.output, &out);
	qms_buf_release(&out);
	qms_report_release(&r);
	return rc;
}

size_t qms_cli_print_render_problems(const struct qms_render_result *res)
{
	struct qms_buf line;
	qms_buf_init(&line);
	for (size_t i = 0; i < res->diags.len; i++) {
		qms_buf_reset(&line);
		qms_diag_format(&line, &res->diags.items[i]);
		fprintf(stderr, "%s\n", line.buf);
	}
	qms_buf_release(&line);
	for (size_t i = 0; i < res->nproblems; i++) {
		const struct qms_render_problem *p = &res->problems[i];
		if (!*p->file)
			qms_cli_eprintf("qms: %s\n", p->message);
		else if (p->line)
			qms_cli_eprintf("%s:%u:%u: %s: %s\n", p->file, p->line, p->col, qms_severity_word(QMS_ERROR),
					p->message);
		else
			qms_cli_eprintf("%s: %s: %s\n", p->file, qms_severity_word(QMS_ERROR), p->message);
	}
	return res->nproblems;
}

int qms_cmd_site(int argc, char **argv)
{
	struct args a;
	int p = parse_args(&a, argc, argv, true);
	if (p)
		return p == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	/* refuse a folder before the work, not after it */
	char *err = NULL;
	int rc = qms_site_check_dir(a.out, &err);
	if (rc < 0)
		return qms_cli_fail(rc, err);
	struct qms_report r;
	rc = compute(&r, &a, true);
	if (rc)
		return rc;
	struct qms_site_options opt = {.out_dir = a.out, .jobs = a.jobs};
	if (qms_cli_use_color(stderr)) {
		opt.progress = qms_cli_progress;
		opt.progress_ctx = (void *)_("rendering diagrams");
	}
	struct qms_site_result res;
	int built = qms_site_build(&res, &r, &opt, &err);
	if (built < 0) {
		rc = qms_cli_fail(built, err);
	} else {
		size_t failed = qms_cli_print_render_problems(&res.render);
		failed += qms_cli_print_render_problems(&res.maps);
		qms_cli_printf(_("wrote %zu pages and %zu diagrams into %s"), res.pages, res.diagrams, a.out);
		if (failed)
			qms_cli_printf(_("; %zu diagrams could not be made\n"), failed);
		else
			putchar('\n');
		qms_cli_printf(_("open %s/index.html in a browser\n"), a.out);
		if (res.kept)
			qms_cli_eprintf(_("qms: the previous site's folders were left in '%s': they hold files qms "
					  "did not write; look at them, then remove the folder\n"),
					res.kept);
		rc = failed ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
		qms_site_result_release(&res);
	}
	qms_report_release(&r);
	return rc;
}
