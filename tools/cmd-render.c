#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

struct render_args {
	int format, lanes, edges;
	const char *out, *output, *map;
	unsigned jobs;
	int32_t as_of;
	unsigned long timeout;
	bool board;
	struct qms_opt_list results;
};

static const char *const lanes_names[] = {"vertical", "horizontal", NULL};

#define O(f) offsetof(struct render_args, f)
static const struct qms_opt render_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), qms_render_format_names, O(format),
	 N_("svg (default), png, pdf, or dot (the Graphviz source)")},
	{"out", 0, QMS_OPT_DIR, N_("DIR"), NULL, O(out),
	 N_("the folder to write into (default out/diagrams; created)")},
	{"jobs", 'j', QMS_OPT_JOBS, "N", NULL, O(jobs), N_("worker processes (default: one per core)")},
	{"lanes", 0, QMS_OPT_CHOICE, N_("DIRECTION"), lanes_names, O(lanes),
	 N_("vertical (default): lanes are columns;\nhorizontal: lanes are rows, for wide pages")},
	{"edges", 0, QMS_OPT_CHOICE, N_("STYLE"), qms_render_edges_names, O(edges),
	 N_("ortho (default): horizontal and vertical lines around\nthe boxes; spline: curves along the same routes")},
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of),
	 N_("findings open or closed as of DATE, YYYY-MM-DD\n(default today)")},
	{"map", 0, QMS_OPT_STRING, N_("AGENCY"), NULL, O(map), N_("the interaction map of AGENCY's procedures")},
	{"results", 0, QMS_OPT_LIST, N_("FILE"), NULL, O(results),
	 N_("colour each step by its actual median against its planned\n"
	    "duration, from the one-stop system's step events (the first\n"
	    "FILE; more: dossier exports, for events without a procedure\n"
	    "column; see 'qms results')")},
	{"board", 0, QMS_OPT_FLAG, NULL, NULL, O(board),
	 N_("the migration board of every agency (as 'qms audit board')")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("with --board: write the board to FILE ('-': the standard\noutput, the default)")},
	{"timeout", 0, QMS_OPT_UINT, N_("SECONDS"), NULL, O(timeout), N_("time limit of one diagram (default 60)")},
	{0},
};
#undef O

const struct qms_cli_command qms_render_command = {
	.name = "render",
	.run = qms_cmd_render,
	.usage = N_("render [--format svg|png|pdf|dot] [--out DIR] [-j N] [PATH...]\n"
		    "       [--lanes vertical|horizontal] [--edges ortho|spline] [--as-of DATE]\n"
		    "       [--timeout SECONDS]\n"
		    "render --map AGENCY [--format ...] [--out DIR] [PATH]\n"
		    "render --board [--as-of DATE] [-o FILE]"),
	.summary = N_("flow diagrams of procedures (swimlanes, critical path, audit findings); agency maps"),
	.description = N_("Draw the flow diagram of every procedure under the paths (default: the\n"
			  "workspace), one file per procedure named <code>.<format>: one lane per\n"
			  "responsible unit in the order the file declares them, the critical path\n"
			  "highlighted, and the findings of audits/ marked on their steps.\n"
			  "With --map, draw the interaction map of an agency's procedures instead\n"
			  "(maps/<agency>.<format>); its boxes link to the diagrams.\n"
			  "With --board, draw the migration board of every agency instead (the same\n"
			  "as 'qms audit board'; see 'qms audit board --help')."),
	.opts = render_opts,
	.positional = N_("PATH"),
	.complete = "path",
	.min_pos = 0,
	.max_pos = -1,
	.see_also = N_("A procedure with reading or format errors is reported and skipped; the\n"
		       "others are drawn. 'qms check' reports every other problem."),
	.exit_status = N_("0 every diagram written, 1 some could not be, 2 usage error, 3 I/O error"),
};

/* The step times of the events in a->results (the first file; the others
 * are exports), for the workspace of `path`. Returns 0, or an exit
 * status after printing why. */
static int compute_results(struct qms_results *r, const struct render_args *a, const char *path)
{
	struct qms_location loc;
	char *err = NULL;
	char *root = NULL;
	if (qms_locate(&loc, path, &err) == 0) {
		if (loc.has_config && loc.root)
			root = qms_xstrdup(loc.root);
		qms_location_release(&loc);
	}
	free(err);
	err = NULL;
	struct qms_results_options opt = {
		.exports = a->results.v + 1,
		.nexports = a->results.n - 1,
		.steps = a->results.v[0],
		.from = 0,
		.to = a->as_of >= 0 ? a->as_of : qms_cli_today(),
		.root = root,
	};
	int rc = qms_results_compute(r, &opt, &err);
	free(root);
	if (rc < 0) {
		qms_results_release(r);
		return qms_cli_fail(rc, err);
	}
	struct qms_buf b;
	qms_buf_init(&b);
	qms_results_format_problems(&b, r);
	if (b.len)
		qms_cli_eprintf("%s", b.buf);
	qms_buf_release(&b);
	return 0;
}

/* The documents that could not be read and the diagrams that could not
 * be made, one per line. */
static void print_problems(const struct qms_render_result *res)
{
	struct qms_buf line;
	qms_buf_init(&line);
	for (size_t i = 0; i < res->diags.len; i++) {
		qms_buf_reset(&line);
		qms_diag_format(&line, &res->diags.items[i]);
		puts(line.buf);
	}
	qms_buf_release(&line);
	for (size_t i = 0; i < res->nproblems; i++) {
		const struct qms_render_problem *p = &res->problems[i];
		if (!*p->file)
			qms_cli_printf("qms: %s\n", p->message);
		else if (p->line)
			qms_cli_printf("%s:%u:%u: %s: %s\n", p->file, p->line, p->col, qms_severity_word(QMS_ERROR),
				       p->message);
		else
			qms_cli_printf("%s: %s: %s\n", p->file, qms_severity_word(QMS_ERROR), p->message);
	}
}

int qms_cmd_render(int argc, char **argv)
{
	struct render_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_render_command, &a);
	const char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	int npaths = 0;
	int rc = qms_opts_parse(&qms_render_command, argc, argv, &a, paths, &npaths);
	if (rc) {
		free(paths);
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	}
	if (a.board) {
		free(paths);
		if (npaths || a.map || a.out)
			return qms_cli_usage_error(_("--board draws every agency: no path, --map or --out with it"));
		return qms_board_run(a.as_of, a.output);
	}
	if (a.output) {
		free(paths);
		return qms_cli_usage_error(_("render writes one file per diagram into a folder: use --out DIR"));
	}
	if (a.timeout != ULONG_MAX && (a.timeout < 1 || a.timeout > 86400)) {
		free(paths);
		return qms_cli_usage_error(_("'%lu' is not a number of seconds from 1 to 86400 for --timeout"),
					   a.timeout);
	}
	struct qms_render_request req = {
		.out_dir = a.out ? a.out : "out/diagrams",
		.map_agency = a.map,
		.jobs = a.jobs,
		.timeout = a.timeout == ULONG_MAX ? 0 : (unsigned)a.timeout,
		.opt = {.format = a.format < 0 ? QMS_RENDER_SVG : (enum qms_render_format)a.format,
			.lanes = a.lanes < 0 ? QMS_LANES_VERTICAL : (enum qms_render_lanes)a.lanes,
			.edges = a.edges < 0 ? QMS_EDGES_ORTHO : (enum qms_render_edges)a.edges,
			.as_of = a.as_of,
			.lang = qms_lang_get()},
		/* without --lang each diagram speaks its workspace's language */
		.lang_set = qms_cli_lang_given() >= 0,
	};
	qms_cli_set_lang(-1, npaths ? paths[0] : NULL);
	struct qms_results results;
	bool has_results = false;
	rc = QMS_EXIT_USAGE;
	if (req.map_agency && npaths > 1) {
		qms_cli_usage_error(_("--map draws one workspace: give at most one path"));
		goto out;
	}
	if (req.opt.as_of < 0)
		req.opt.as_of = qms_cli_today();
	req.paths = paths;
	req.npaths = (size_t)npaths;
	if (qms_cli_use_color(stderr)) {
		req.progress = qms_cli_progress;
		req.progress_ctx = (void *)_("rendering diagrams");
	}

	char *err = NULL;
	if (a.results.n) {
		rc = compute_results(&results, &a, npaths ? paths[0] : ".");
		if (rc)
			goto out;
		has_results = true;
		req.results = &results;
	}
	struct qms_render_result res;
	int rendered = qms_render_paths(&res, &req, &err);
	if (rendered < 0) {
		rc = qms_cli_fail(rendered, err);
		goto out;
	}
	print_problems(&res);
	size_t errors = qms_diags_count(&res.diags, QMS_ERROR) + res.nproblems;
	if (req.map_agency && !res.written)
		qms_cli_printf(_("the map of %s was not rendered"), req.map_agency);
	else if (req.map_agency)
		qms_cli_printf(_("rendered the map of %s into %s"), req.map_agency, req.out_dir);
	else
		qms_cli_printf(res.written == 1 ? _("rendered %zu diagram into %s")
						: _("rendered %zu diagrams into %s"),
			       res.written, req.out_dir);
	if (errors)
		printf(errors == 1 ? _("; %zu error\n") : _("; %zu errors\n"), errors);
	else
		putchar('\n');
	rc = errors ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	qms_render_result_release(&res);
out:
	if (has_results)
		qms_results_release(&results);
	free(paths);
	return rc;
}
