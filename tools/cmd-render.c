#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "render.h"
#include "values.h"

static const char render_help[] =
	"usage: qms render [--format svg|png|pdf|dot] [--out DIR] [-j N] [PATH...]\n"
	"                  [--lanes vertical|horizontal] [--as-of DATE] [--lang vi|en]\n"
	"                  [--timeout SECONDS]\n"
	"       qms render --map AGENCY [--format ...] [--out DIR] [PATH]\n"
	"       qms render --board [--as-of DATE] [-o FILE] [--lang vi|en]\n"
	"\n"
	"Draw the flow diagram of every procedure under the paths (default: the\n"
	"workspace), one file per procedure named <code>.<format>: one lane per\n"
	"responsible unit in the order the file declares them, the critical path\n"
	"highlighted, and the findings of audits/ marked on their steps.\n"
	"With --map, draw the interaction map of an agency's procedures instead\n"
	"(map-<agency>.<format>); its boxes link to the diagrams.\n"
	"With --board, draw the migration board of every agency instead (the same\n"
	"as 'qms audit board'; see 'qms audit board --help').\n"
	"\n"
	"options:\n"
	"  --format FORMAT     svg (default), png, pdf, or dot (the Graphviz source)\n"
	"  -o, --out DIR       where to write (default out/diagrams; created)\n"
	"  -j, --jobs N        worker processes (default: one per core)\n"
	"  --lanes DIRECTION   vertical (default): lanes are columns;\n"
	"                      horizontal: lanes are rows, for wide pages\n"
	"  --as-of DATE        findings open or closed as of DATE, YYYY-MM-DD\n"
	"                      (default today)\n"
	"  --lang vi|en        language of legends and title blocks\n"
	"                      (default: the workspace's, else vi)\n"
	"  --map AGENCY        the interaction map of AGENCY's procedures\n"
	"  --timeout SECONDS   time limit of one diagram (default 60)\n"
	"\n"
	"A procedure with reading or format errors is reported and skipped; the\n"
	"others are drawn. 'qms check' reports every other problem.\n"
	"\n"
	"exit status: 0 every diagram written, 1 some could not be, 2 usage or I/O error\n";


static int32_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char d[16];
	if (!localtime_r(&now, &tm) || !strftime(d, sizeof(d), "%Y-%m-%d", &tm))
		return 0;
	return qms_date_parse(d);
}

static int choice(const char *value, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(value, names[i]))
			return i;
	return -1;
}

int qms_cmd_render(int argc, char **argv)
{
	/* `render --board` is `audit board`: the board is drawn by lib/board.c */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (strcmp(argv[i], "--board"))
			continue;
		char **args = calloc((size_t)argc, sizeof(*args));
		int n = 0;
		args[n++] = (char *)"board";
		for (int k = 1; k < argc; k++)
			if (k != i)
				args[n++] = argv[k];
		int rc = qms_cmd_board(n, args);
		free(args);
		return rc;
	}
	static const char *const lanes_names[] = {"vertical", "horizontal", NULL};
	struct qms_render_request req = {
		.out_dir = "out/diagrams",
		.opt = {.format = QMS_RENDER_SVG, .lanes = QMS_LANES_VERTICAL, .as_of = -1},
	};
	const char **paths = calloc((size_t)argc, sizeof(*paths));
	size_t npaths = 0;
	bool options_done = false;
	int rc = QMS_EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool m;
		const char *v;
		if (options_done || a[0] != '-' || !strcmp(a, "-")) {
			paths[npaths++] = a;
		} else if (!strcmp(a, "--")) {
			options_done = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(render_help, stdout);
			rc = QMS_EXIT_CLEAN;
			goto out;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--format", NULL, &m)) || m) {
			int f = v ? choice(v, qms_render_format_names) : -1;
			if (f < 0) {
				qms_cli_usage_error("--format needs svg, png, pdf or dot, not '%s'", v ? v : "");
				goto out;
			}
			req.opt.format = (enum qms_render_format)f;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--out", "-o", &m)) || m) {
			if (!v || !*v) {
				qms_cli_usage_error("--out needs a folder");
				goto out;
			}
			req.out_dir = v;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--jobs", "-j", &m)) || m) {
			char *end;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || !*v || *end || n < 1 || n > 64) {
				qms_cli_usage_error("-j needs a number of jobs from 1 to 64, not '%s'", v ? v : "");
				goto out;
			}
			req.jobs = (unsigned)n;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--lanes", NULL, &m)) || m) {
			int l = v ? choice(v, lanes_names) : -1;
			if (l < 0) {
				qms_cli_usage_error("--lanes needs vertical or horizontal, not '%s'", v ? v : "");
				goto out;
			}
			req.opt.lanes = (enum qms_render_lanes)l;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--as-of", NULL, &m)) || m) {
			int32_t d = v ? qms_date_parse(v) : -1;
			if (d < 0) {
				qms_cli_usage_error("--as-of needs a date YYYY-MM-DD, not '%s'", v ? v : "");
				goto out;
			}
			req.opt.as_of = d;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--lang", NULL, &m)) || m) {
			int l = v ? choice(v, qms_lang_names) : -1;
			if (l < 0) {
				qms_cli_usage_error("--lang needs vi or en, not '%s'", v ? v : "");
				goto out;
			}
			req.opt.lang = (enum qms_lang)l;
			req.lang_set = true;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--map", NULL, &m)) || m) {
			if (!v || !*v) {
				qms_cli_usage_error("--map needs an agency id, e.g. so-tu-phap");
				goto out;
			}
			req.map_agency = v;
		} else if ((v = qms_cli_option_value(argc, argv, &i, "--timeout", NULL, &m)) || m) {
			char *end;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || !*v || *end || n < 1 || n > 86400) {
				qms_cli_usage_error("--timeout needs a number of seconds from 1 to 86400, not '%s'",
						    v ? v : "");
				goto out;
			}
			req.timeout = (unsigned)n;
		} else {
			qms_cli_usage_error("unknown option '%s' for render; see 'qms render --help'", a);
			goto out;
		}
	}
	if (req.map_agency && npaths > 1) {
		qms_cli_usage_error("--map draws one workspace: give at most one path");
		goto out;
	}
	if (req.opt.as_of < 0)
		req.opt.as_of = today();
	req.paths = paths;
	req.npaths = npaths;
	if (qms_cli_use_color(stderr)) {
		req.progress = qms_cli_progress;
		req.progress_ctx = (void *)"rendering diagrams";
	}

	struct qms_render_result res;
	char *err = NULL;
	if (qms_render_paths(&res, &req, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		goto out;
	}
	struct qms_buf line;
	qms_buf_init(&line);
	for (size_t i = 0; i < res.diags.len; i++) {
		qms_buf_reset(&line);
		qms_diag_format(&line, &res.diags.items[i]);
		puts(line.buf);
	}
	qms_buf_release(&line);
	for (size_t i = 0; i < res.nproblems; i++) {
		const struct qms_render_problem *p = &res.problems[i];
		if (!*p->file)
			printf("qms: %s\n", p->message);
		else if (p->line)
			printf("%s:%u:%u: error: %s\n", p->file, p->line, p->col, p->message);
		else
			printf("%s: error: %s\n", p->file, p->message);
	}
	size_t errors = qms_diags_count(&res.diags, QMS_ERROR) + res.nproblems;
	if (req.map_agency && !res.written)
		printf("the map of %s was not rendered", req.map_agency);
	else if (req.map_agency)
		printf("rendered the map of %s into %s", req.map_agency, req.out_dir);
	else
		printf("rendered %zu diagram%s into %s", res.written, res.written == 1 ? "" : "s",
		       req.out_dir);
	if (errors)
		printf("; %zu error%s\n", errors, errors == 1 ? "" : "s");
	else
		putchar('\n');
	rc = errors ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	qms_render_result_release(&res);
out:
	free(paths);
	return rc;
}
