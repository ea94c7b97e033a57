/* qms report, qms site: the provincial report and the static site. The
 * work is in lib/report.c, lib/report-format.c and lib/site.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "edit.h"
#include "report.h"
#include "site.h"
#include "values.h"

static const char report_help[] =
	"usage: qms report [--as-of DATE] [--lang vi|en] [--format md|html|csv|json]\n"
	"                  [-o FILE] [-j N]\n"
	"\n"
	"The ISO 9001:2015 section of the half-year administrative reform report,\n"
	"from the workspace, as of a date:\n"
	"  1. the migration from ISO 9001:2008: agencies by status and by next stage,\n"
	"     each overdue or at-risk agency with what it has left, the agencies that\n"
	"     announced with their decision and its date;\n"
	"  2. the audits held in the period (the half-year that contains the date,\n"
	"     up to the date), findings by grade and by clause, corrective actions\n"
	"     open, overdue, closed but not verified;\n"
	"  3. the procedures: how many, on 2015 and still on 2008, how many meet the\n"
	"     workspace's time cut and the average cut; 'qms check' errors and\n"
	"     warnings per agency;\n"
	"  4. the clauses each agency's system does not cover yet.\n"
	"\n"
	"options:\n"
	"  --as-of DATE      YYYY-MM-DD (default today)\n"
	"  --lang vi|en      language of the text (default: the workspace's)\n"
	"  --format FORMAT   md (default), html (a whole page), csv (one line per\n"
	"                    agency with every figure), json (every figure the text\n"
	"                    states)\n"
	"  -o, --output FILE write to FILE (atomically) instead of the standard output\n"
	"  -j, --jobs N      threads of the check (default: one per core)\n"
	"\n"
	"See docs/report.md for how each figure is counted.\n"
	"\n"
	"exit status: 0 written, 2 usage or I/O error\n";

static const char site_help[] =
	"usage: qms site [--as-of DATE] [--lang vi|en] [--out DIR] [-j N]\n"
	"\n"
	"Write the report and the evidence behind it as a static site that opens\n"
	"from the folder, offline: DIR/index.html (the report, the migration board,\n"
	"the agencies), a page per agency (stages, audits and findings, clause\n"
	"coverage, procedures, interaction map) and a page per procedure (the\n"
	"official document beside its diagram with the findings marked; it prints\n"
	"on A4).\n"
	"\n"
	"options:\n"
	"  --as-of DATE      YYYY-MM-DD (default today)\n"
	"  --lang vi|en      language of the pages (default: the workspace's)\n"
	"  -o, --out DIR     the folder (default out/site); created. A folder that\n"
	"                    exists must be empty or a site qms wrote before (it\n"
	"                    holds .qms-site): its old files are replaced, nothing\n"
	"                    else is touched\n"
	"  -j, --jobs N      diagram worker processes (default: one per core)\n"
	"\n"
	"exit status: 0 written, 1 written but some diagrams could not be made,\n"
	"2 usage or I/O error, or a folder that is not a qms site\n";

static int32_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char d[16];
	if (!localtime_r(&now, &tm) || !strftime(d, sizeof(d), "%Y-%m-%d", &tm))
		return 0;
	return qms_date_parse(d);
}

struct args {
	int32_t as_of;
	int lang;
	const char *format;
	const char *output;
	unsigned jobs;
};

/* Returns 0, 1 after --help, or QMS_EXIT_USAGE. */
static int parse_args(struct args *a, int argc, char **argv, bool site)
{
	static const char *const formats[] = {"md", "html", "csv", "json", NULL};
	a->as_of = -1;
	a->lang = -1;
	a->format = "md";
	a->output = site ? "out/site" : NULL;
	a->jobs = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *v;
		bool m;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(site ? site_help : report_help, stdout);
			return 1;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--as-of", NULL, &m)) || m) {
			a->as_of = v ? qms_date_parse(v) : -1;
			if (a->as_of < 0)
				return qms_cli_usage_error("--as-of needs a date YYYY-MM-DD, not '%s'", v ? v : "");
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--lang", NULL, &m)) || m) {
			a->lang = -1;
			for (int k = 0; v && qms_lang_names[k]; k++)
				if (!strcmp(v, qms_lang_names[k]))
					a->lang = k;
			if (a->lang < 0)
				return qms_cli_usage_error("--lang needs vi or en, not '%s'", v ? v : "");
		} else if (!site && ((v = qms_cli_option_value(argc, argv, &i, "--format", NULL, &m)) || m)) {
			bool ok = false;
			for (int k = 0; v && formats[k]; k++)
				ok |= !strcmp(v, formats[k]);
			if (!ok)
				return qms_cli_usage_error("--format needs md, html, csv or json, not '%s'", v ? v : "");
			a->format = v;
		} else if (!site && (((v = qms_cli_option_value(argc, argv, &i, "--output", "-o", &m)) || m))) {
			if (!v || !*v)
				return qms_cli_usage_error("--output needs a file name");
			a->output = v;
		} else if (site && (((v = qms_cli_option_value(argc, argv, &i, "--out", "-o", &m)) || m))) {
			if (!v || !*v)
				return qms_cli_usage_error("--out needs a folder");
			a->output = v;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--jobs", "-j", &m)) || m) {
			char *end;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || !*v || *end || n < 1 || n > 64)
				return qms_cli_usage_error("-j needs a number of jobs from 1 to 64, not '%s'", v ? v : "");
			a->jobs = (unsigned)n;
		} else {
			return qms_cli_usage_error("unknown argument '%s' for %s; see 'qms %s --help'", arg,
						   argv[0], argv[0]);
		}
	}
	if (a->as_of < 0)
		a->as_of = today();
	return 0;
}

static int compute(struct qms_report *r, const struct args *a)
{
	struct qms_report_options opt = {.as_of = a->as_of, .lang = a->lang, .jobs = a->jobs};
	char *err = NULL;
	if (qms_report_compute(r, ".", &opt, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		return -1;
	}
	/* Problems of the files are `qms check`'s to list; say they exist,
	 * since the figures count only what could be read. */
	if (r->errors)
		fprintf(stderr, "qms: %zu error%s in the workspace's files (counted in the report); 'qms check' lists them\n",
			r->errors, r->errors == 1 ? "" : "s");
	return 0;
}

int qms_cmd_report(int argc, char **argv)
{
	struct args a;
	int p = parse_args(&a, argc, argv, false);
	if (p)
		return p == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_report r;
	if (compute(&r, &a) < 0)
		return QMS_EXIT_USAGE;
	struct qms_buf out;
	qms_buf_init(&out);
	if (!strcmp(a.format, "json"))
		qms_report_format_json(&out, &r);
	else if (!strcmp(a.format, "csv"))
		qms_report_format_csv(&out, &r);
	else if (!strcmp(a.format, "html"))
		qms_report_format_html(&out, &r);
	else
		qms_report_format_md(&out, &r);
	int rc = QMS_EXIT_CLEAN;
	if (a.output && strcmp(a.output, "-")) {
		char *err = NULL;
		if (qms_file_write_atomic(a.output, out.buf, out.len, 0, &err) < 0) {
			qms_cli_usage_error("%s", err);
			free(err);
			rc = QMS_EXIT_USAGE;
		}
	} else if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		rc = qms_cli_usage_error("cannot write the report: %s", strerror(errno));
	}
	qms_buf_release(&out);
	qms_report_release(&r);
	return rc;
}

static size_t print_render_problems(const struct qms_render_result *res)
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
			fprintf(stderr, "qms: %s\n", p->message);
		else if (p->line)
			fprintf(stderr, "%s:%u:%u: error: %s\n", p->file, p->line, p->col, p->message);
		else
			fprintf(stderr, "%s: error: %s\n", p->file, p->message);
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
	if (qms_site_check_dir(a.output, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		return QMS_EXIT_USAGE;
	}
	struct qms_report r;
	if (compute(&r, &a) < 0)
		return QMS_EXIT_USAGE;
	struct qms_site_options opt = {.out_dir = a.output, .jobs = a.jobs};
	if (qms_cli_use_color(stderr)) {
		opt.progress = qms_cli_progress;
		opt.progress_ctx = (void *)"rendering diagrams";
	}
	struct qms_site_result res;
	int rc = QMS_EXIT_CLEAN;
	if (qms_site_build(&res, &r, &opt, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		rc = QMS_EXIT_USAGE;
	} else {
		size_t failed = print_render_problems(&res.render);
		for (size_t i = 0; i < res.nmaps; i++)
			failed += print_render_problems(&res.maps[i]);
		printf("wrote %zu page%s and %zu diagram%s into %s", res.pages, res.pages == 1 ? "" : "s",
		       res.diagrams, res.diagrams == 1 ? "" : "s", a.output);
		if (failed)
			printf("; %zu diagram%s could not be made\n", failed, failed == 1 ? "" : "s");
		else
			putchar('\n');
		printf("open %s/index.html in a browser\n", a.output);
		rc = failed ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
		qms_site_result_release(&res);
	}
	qms_report_release(&r);
	return rc;
}
