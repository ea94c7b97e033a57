/* `qms audit`: the migration tracker of every agency. Status as of a date,
 * the board, and the edits that record stages, audits and findings. The
 * work is in lib/tracker.c, lib/status.c and lib/board.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board.h"
#include "cli.h"
#include "diag.h"
#include "edit.h"
#include "index.h"
#include "model.h"
#include "status.h"
#include "tracker.h"
#include "workspace.h"

static const char audit_help[] =
	"usage: qms audit status [--as-of DATE] [--agency ID] [--format table|json|csv] [--lang vi|en]\n"
	"       qms audit board [--as-of DATE] [--lang vi|en] [-o FILE]\n"
	"       qms audit new AGENCY --name NAME --level province|district|commune\n"
	"       qms audit stage AGENCY STAGE --done DATE [--evidence TEXT]\n"
	"       qms audit add AGENCY --id ID --kind internal|external|inspection --date DATE\n"
	"                 [--standard S] [--auditor NAME]... [--scope CODE]...\n"
	"       qms audit finding AGENCY AUDIT --id ID --grade major|minor|observation|improvement\n"
	"                 --clause C [--process CODE [--step STEP]] --text TEXT [--due DATE] [--owner UNIT]\n"
	"       qms audit close AGENCY FINDING --date DATE [--cause TEXT] [--action TEXT]\n"
	"       qms audit verify AGENCY FINDING --date DATE\n"
	"\n"
	"The migration tracker of each agency, audits/AGENCY.yaml: the nine stages of the\n"
	"conversion to ISO 9001:2015, its audits, their findings and corrective actions.\n"
	"\n"
	"  status   last stage done, next stage, deadline, days left and status of every\n"
	"           agency, and its findings open, overdue and not verified, as of DATE\n"
	"           (default: today)\n"
	"  board    the same as an SVG diagram: the nine stages as columns, each agency in\n"
	"           the column of its next stage, coloured by status, grouped by level\n"
	"  new      create the tracker of an agency\n"
	"  stage    record a stage as done (again: change its date)\n"
	"  add      record an audit or inspection\n"
	"  finding  record a finding of an audit\n"
	"  close    record that a finding's corrective action is complete\n"
	"  verify   record that its effectiveness was checked\n"
	"\n"
	"Stages: plan, training, gap-analysis, documentation, apply, internal-audit,\n"
	"management-review, announcement, report. Dates: YYYY-MM-DD.\n"
	"\n"
	"Edits change the file in place: comments, order, quoting and layout stay as\n"
	"they are. Each is checked with the rules of `qms check` first and refused when\n"
	"it would add an error; the file is written atomically, under a lock, so edits\n"
	"made at the same time all land. `-C DIR` names the workspace.\n"
	"\n"
	"exit status: 0 done, 1 edit refused (or trackers that cannot be read),\n"
	"2 usage or I/O error\n";

/* ---- arguments ---- */

/* `--name VALUE` or `--name=VALUE` at argv[*i]: 1 and *out set (and *i
 * moved past the value), 0 when argv[*i] is another thing, -1 when the
 * value is missing (reported). */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **out)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return 0;
	if (a[n] == '=') {
		*out = a + n + 1;
		return 1;
	}
	if (a[n])
		return 0;
	if (*i + 1 >= argc) {
		qms_cli_usage_error("%s needs a value", name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

static int parse_date(const char *text, const char *what, int32_t *out)
{
	int32_t d = qms_date_parse(text);
	if (d < 0) {
		qms_cli_usage_error("%s '%s' is not a date: write YYYY-MM-DD, e.g. 2020-09-30", what, text);
		return -1;
	}
	*out = d;
	return 0;
}

static int parse_choice(const char *text, const char *what, const char *const *names, int *out)
{
	size_t n = 0;
	for (; names[n]; n++)
		if (!strcmp(names[n], text)) {
			*out = (int)n;
			return 0;
		}
	struct qms_buf b;
	qms_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		qms_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	const char *close = qms_closest(text, names, n);
	if (close)
		qms_cli_usage_error("'%s' is not a %s; did you mean '%s'? (%s)", text, what, close, b.buf);
	else
		qms_cli_usage_error("'%s' is not a %s: use one of %s", text, what, b.buf);
	qms_buf_release(&b);
	return -1;
}

static int32_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char text[48];
	snprintf(text, sizeof(text), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return qms_date_parse(text);
}

/* The workspace of the current folder (after -C). Caller frees. */
static char *find_root(void)
{
	struct qms_location loc;
	char *err = NULL;
	if (qms_locate(&loc, ".", &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		return NULL;
	}
	char *root = loc.root ? qms_xstrdup(loc.root) : NULL;
	qms_location_release(&loc);
	if (!root)
		qms_cli_usage_error("the current folder is not a workspace");
	return root;
}

static void print_diags(FILE *out, const struct qms_diags *diags)
{
	struct qms_buf line;
	qms_buf_init(&line);
	for (size_t i = 0; i < diags->len; i++) {
		qms_buf_reset(&line);
		qms_diag_format(&line, &diags->items[i]);
		fprintf(out, "%s\n", line.buf);
	}
	qms_buf_release(&line);
}

static int help_or_usage(const char *help, const char *a)
{
	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		fputs(help, stdout);
		return QMS_EXIT_CLEAN;
	}
	return -1;
}

/* ---- status and board ---- */

struct view_args {
	int32_t as_of;
	const char *agency;
	const char *format;
	const char *output;
	int lang; /* -1: the workspace's */
};

static int parse_view(int argc, char **argv, bool board, struct view_args *v)
{
	v->as_of = -1;
	v->agency = v->output = NULL;
	v->format = "table";
	v->lang = -1;
	const char *help = audit_help;
	for (int i = 1; i < argc; i++) {
		const char *val = NULL;
		int r;
		if (help_or_usage(help, argv[i]) == QMS_EXIT_CLEAN)
			return 1;
		if ((r = opt_value(argc, argv, &i, "--as-of", &val))) {
			if (r < 0 || parse_date(val, "--as-of", &v->as_of) < 0)
				return -1;
		} else if ((r = opt_value(argc, argv, &i, "--lang", &val))) {
			if (r < 0 || parse_choice(val, "language", qms_lang_names, &v->lang) < 0)
				return -1;
		} else if (!board && (r = opt_value(argc, argv, &i, "--agency", &val))) {
			if (r < 0)
				return -1;
			v->agency = val;
		} else if (!board && (r = opt_value(argc, argv, &i, "--format", &val))) {
			if (r < 0)
				return -1;
			if (strcmp(val, "table") && strcmp(val, "json") && strcmp(val, "csv")) {
				qms_cli_usage_error("unknown format '%s': use table, json or csv", val);
				return -1;
			}
			v->format = val;
		} else if (board && ((r = opt_value(argc, argv, &i, "-o", &val)) ||
				     (r = opt_value(argc, argv, &i, "--output", &val)))) {
			if (r < 0)
				return -1;
			v->output = val;
		} else {
			qms_cli_usage_error("unknown argument '%s' for audit %s; see 'qms audit --help'",
					    argv[i], argv[0]);
			return -1;
		}
	}
	if (v->as_of < 0)
		v->as_of = today();
	return 0;
}

/* Load the report; print the trackers that could not be read. */
static int load_report(struct qms_status_report *r, const struct view_args *v)
{
	char *root = find_root();
	if (!root)
		return -1;
	qms_status_load(r, root, v->as_of);
	free(root);
	print_diags(stderr, &r->diags);
	return 0;
}

static int cmd_status(int argc, char **argv)
{
	struct view_args v;
	int p = parse_view(argc, argv, false, &v);
	if (p)
		return p > 0 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_status_report r;
	if (load_report(&r, &v) < 0)
		return QMS_EXIT_USAGE;
	int rc = qms_diags_count(&r.diags, QMS_ERROR) ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	if (v.agency && !qms_status_report_keep(&r, v.agency)) {
		const char **ids = qms_xmalloc((r.len ? r.len : 1) * sizeof(*ids));
		for (size_t i = 0; i < r.len; i++)
			ids[i] = r.agencies[i].id;
		const char *close = qms_closest(v.agency, ids, r.len);
		if (close)
			qms_cli_usage_error("no agency '%s' in audits/; did you mean '%s'?", v.agency, close);
		else
			qms_cli_usage_error("no agency '%s' in audits/", v.agency);
		free(ids);
		qms_status_report_release(&r);
		return QMS_EXIT_USAGE;
	}
	struct qms_buf out;
	qms_buf_init(&out);
	if (!strcmp(v.format, "json"))
		qms_status_format_json(&out, &r);
	else if (!strcmp(v.format, "csv"))
		qms_status_format_csv(&out, &r);
	else
		qms_status_format_table(&out, &r, v.lang >= 0 ? (enum qms_lang)v.lang : r.settings.lang,
					qms_cli_use_color(stdout));
	fwrite(out.buf, 1, out.len, stdout);
	qms_buf_release(&out);
	qms_status_report_release(&r);
	return rc;
}

int qms_cmd_board(int argc, char **argv)
{
	struct view_args v;
	int p = parse_view(argc, argv, true, &v);
	if (p)
		return p > 0 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_status_report r;
	if (load_report(&r, &v) < 0)
		return QMS_EXIT_USAGE;
	int rc = qms_diags_count(&r.diags, QMS_ERROR) ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	struct qms_buf svg;
	qms_buf_init(&svg);
	qms_board_svg(&svg, &r, v.lang >= 0 ? (enum qms_lang)v.lang : r.settings.lang);
	if (v.output && strcmp(v.output, "-")) {
		char *err = NULL;
		if (qms_file_write_atomic(v.output, svg.buf, svg.len, 0, &err) < 0) {
			qms_cli_usage_error("%s", err);
			free(err);
			rc = QMS_EXIT_USAGE;
		}
	} else {
		fwrite(svg.buf, 1, svg.len, stdout);
	}
	qms_buf_release(&svg);
	qms_status_report_release(&r);
	return rc;
}

/* ---- edits ---- */

#define MAX_REPEAT 64

struct edit_args {
	const char *pos[3];
	int npos;
	const char *name, *level, *done, *evidence, *id, *kind, *date, *standard, *grade, *clause;
	const char *process, *step, *text, *due, *owner, *cause, *action;
	const char *auditors[MAX_REPEAT];
	size_t nauditors;
	const char *scope[MAX_REPEAT];
	size_t nscope;
};

struct opt_slot {
	const char *name;
	size_t offset;
};

#define SLOT(n, f) {n, offsetof(struct edit_args, f)}
static const struct opt_slot slots[] = {
	SLOT("--name", name), SLOT("--level", level), SLOT("--done", done),
	SLOT("--evidence", evidence), SLOT("--id", id), SLOT("--kind", kind), SLOT("--date", date),
	SLOT("--standard", standard), SLOT("--grade", grade), SLOT("--clause", clause),
	SLOT("--process", process), SLOT("--step", step), SLOT("--text", text), SLOT("--due", due),
	SLOT("--owner", owner), SLOT("--cause", cause), SLOT("--action", action),
};

/* The options each edit takes, and its positional arguments. */
struct edit_cmd {
	const char *name;
	enum qms_tracker_op op;
	const char *usage;
	int npos;
	const char *opts; /* the options allowed, space-separated */
};

static const struct edit_cmd edits[] = {
	{"new", QMS_TRACKER_NEW, "qms audit new AGENCY --name NAME --level province|district|commune", 1,
	 "--name --level"},
	{"stage", QMS_TRACKER_STAGE, "qms audit stage AGENCY STAGE --done DATE [--evidence TEXT]", 2,
	 "--done --evidence"},
	{"add", QMS_TRACKER_ADD,
	 "qms audit add AGENCY --id ID --kind internal|external|inspection --date DATE [--standard S] [--auditor NAME]... [--scope CODE]...",
	 1, "--id --kind --date --standard --auditor --scope"},
	{"finding", QMS_TRACKER_FINDING,
	 "qms audit finding AGENCY AUDIT --id ID --grade major|minor|observation|improvement --clause C [--process CODE [--step STEP]] --text TEXT [--due DATE] [--owner UNIT]",
	 2, "--id --grade --clause --process --step --text --due --owner"},
	{"close", QMS_TRACKER_CLOSE, "qms audit close AGENCY FINDING --date DATE [--cause TEXT] [--action TEXT]",
	 2, "--date --cause --action"},
	{"verify", QMS_TRACKER_VERIFY, "qms audit verify AGENCY FINDING --date DATE", 2, "--date"},
};

static bool allowed(const struct edit_cmd *cmd, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = cmd->opts; (p = strstr(p, name)); p += n)
		if ((p == cmd->opts || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static int parse_edit(const struct edit_cmd *cmd, int argc, char **argv, struct edit_args *a)
{
	memset(a, 0, sizeof(*a));
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || !strcmp(arg, "-")) {
			if (a->npos == cmd->npos) {
				qms_cli_usage_error("too many arguments for audit %s: '%s'\nusage: %s", cmd->name,
						    arg, cmd->usage);
				return -1;
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			options_done = true;
			continue;
		}
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			printf("usage: %s\n\nSee 'qms audit --help'.\n", cmd->usage);
			return 1;
		}
		const char *val = NULL;
		int r = 0;
		if (allowed(cmd, "--auditor") && (r = opt_value(argc, argv, &i, "--auditor", &val))) {
			if (r < 0)
				return -1;
			if (a->nauditors < MAX_REPEAT)
				a->auditors[a->nauditors++] = val;
			continue;
		}
		if (allowed(cmd, "--scope") && (r = opt_value(argc, argv, &i, "--scope", &val))) {
			if (r < 0)
				return -1;
			if (a->nscope < MAX_REPEAT)
				a->scope[a->nscope++] = val;
			continue;
		}
		size_t k;
		for (k = 0; k < QMS_ARRAY_LEN(slots); k++) {
			if (!allowed(cmd, slots[k].name))
				continue;
			r = opt_value(argc, argv, &i, slots[k].name, &val);
			if (r < 0)
				return -1;
			if (r) {
				*(const char **)((char *)a + slots[k].offset) = val;
				break;
			}
		}
		if (k == QMS_ARRAY_LEN(slots)) {
			qms_cli_usage_error("unknown option '%s' for audit %s\nusage: %s", arg, cmd->name,
					    cmd->usage);
			return -1;
		}
	}
	if (a->npos < cmd->npos) {
		qms_cli_usage_error("audit %s needs %s\nusage: %s", cmd->name,
				    cmd->npos == 1 ? "an agency" : a->npos == 0 ? "an agency and a second argument"
										   : "a second argument",
				    cmd->usage);
		return -1;
	}
	return 0;
}

static int require(const char *value, const char *name, const struct edit_cmd *cmd)
{
	if (value)
		return 0;
	qms_cli_usage_error("audit %s needs %s\nusage: %s", cmd->name, name, cmd->usage);
	return -1;
}

/* The change the arguments describe, or -1 after a usage error. */
static int make_change(const struct edit_cmd *cmd, const struct edit_args *a, struct qms_tracker_change *c)
{
	memset(c, 0, sizeof(*c));
	c->op = cmd->op;
	c->agency = a->pos[0];
	c->due = -1;
	c->date = -1;
	switch (cmd->op) {
	case QMS_TRACKER_NEW:
		if (require(a->name, "--name", cmd) < 0 || require(a->level, "--level", cmd) < 0 ||
		    parse_choice(a->level, "level", qms_level_names, &c->level) < 0)
			return -1;
		c->name = a->name;
		return 0;
	case QMS_TRACKER_STAGE:
		if (parse_choice(a->pos[1], "stage", qms_stage_names, &c->stage) < 0 ||
		    require(a->done, "--done DATE", cmd) < 0 || parse_date(a->done, "--done", &c->date) < 0)
			return -1;
		c->evidence = a->evidence;
		return 0;
	case QMS_TRACKER_ADD:
		if (require(a->id, "--id", cmd) < 0 || require(a->kind, "--kind", cmd) < 0 ||
		    require(a->date, "--date", cmd) < 0 ||
		    parse_choice(a->kind, "kind of audit", qms_audit_kind_names, &c->kind) < 0 ||
		    parse_date(a->date, "--date", &c->date) < 0)
			return -1;
		c->audit = a->id;
		c->standard = a->standard;
		c->auditors = a->auditors;
		c->nauditors = a->nauditors;
		c->scope = a->scope;
		c->nscope = a->nscope;
		return 0;
	case QMS_TRACKER_FINDING:
		if (require(a->id, "--id", cmd) < 0 || require(a->grade, "--grade", cmd) < 0 ||
		    require(a->clause, "--clause", cmd) < 0 || require(a->text, "--text", cmd) < 0 ||
		    parse_choice(a->grade, "grade", qms_grade_names, &c->grade) < 0 ||
		    (a->due && parse_date(a->due, "--due", &c->due) < 0))
			return -1;
		if (a->step && !a->process) {
			qms_cli_usage_error("--step needs --process: the procedure the step belongs to");
			return -1;
		}
		c->audit = a->pos[1];
		c->finding = a->id;
		c->clause = a->clause;
		c->process = a->process;
		c->step = a->step;
		c->text = a->text;
		c->owner = a->owner;
		return 0;
	case QMS_TRACKER_CLOSE:
	case QMS_TRACKER_VERIFY:
		if (require(a->date, "--date DATE", cmd) < 0 || parse_date(a->date, "--date", &c->date) < 0)
			return -1;
		c->finding = a->pos[1];
		c->cause = a->cause;
		c->action = a->action;
		return 0;
	}
	return -1;
}

static void say_done(const char *path, const struct qms_tracker_change *c)
{
	char d[11] = "";
	if (c->date >= 0)
		qms_date_format(d, c->date);
	switch (c->op) {
	case QMS_TRACKER_NEW:
		printf("created %s\n", path);
		break;
	case QMS_TRACKER_STAGE:
		printf("%s: stage '%s' done on %s\n", path, qms_stage_names[c->stage], d);
		break;
	case QMS_TRACKER_ADD:
		printf("%s: %s audit '%s' of %s recorded\n", path, qms_audit_kind_names[c->kind], c->audit, d);
		break;
	case QMS_TRACKER_FINDING:
		printf("%s: finding '%s' (%s) recorded in audit '%s'\n", path, c->finding,
		       qms_grade_names[c->grade], c->audit);
		break;
	case QMS_TRACKER_CLOSE:
		printf("%s: finding '%s' closed on %s\n", path, c->finding, d);
		break;
	case QMS_TRACKER_VERIFY:
		printf("%s: finding '%s' verified on %s\n", path, c->finding, d);
		break;
	}
}

static int cmd_edit(const struct edit_cmd *cmd, int argc, char **argv)
{
	struct edit_args a;
	int p = parse_edit(cmd, argc, argv, &a);
	if (p)
		return p > 0 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_tracker_change c;
	if (make_change(cmd, &a, &c) < 0)
		return QMS_EXIT_USAGE;
	char *root = find_root();
	if (!root)
		return QMS_EXIT_USAGE;
	/* The procedures and their steps, for the rules the result must pass;
	 * problems of other files are not this command's business. */
	struct qms_index *ix = NULL;
	struct qms_diags scratch;
	qms_diags_init(&scratch);
	char *err = NULL;
	if (qms_index_load(&ix, root, 0, &scratch, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		free(root);
		qms_diags_release(&scratch);
		return QMS_EXIT_USAGE;
	}
	qms_diags_release(&scratch);
	struct qms_tracker_result res;
	int rc;
	switch (qms_tracker_apply(&res, ix, root, &c, &err)) {
	case QMS_TRACKER_WRITTEN:
		say_done(res.path, &c);
		print_diags(stderr, &res.problems);
		rc = QMS_EXIT_CLEAN;
		break;
	case QMS_TRACKER_REFUSED:
		print_diags(stderr, &res.problems);
		fprintf(stderr, "qms: %s not changed: the change would add the error%s above\n", res.path,
			qms_diags_count(&res.problems, QMS_ERROR) == 1 ? "" : "s");
		rc = QMS_EXIT_FINDINGS;
		break;
	default:
		print_diags(stderr, &res.problems);
		qms_cli_usage_error("%s", err ? err : "the change failed");
		rc = QMS_EXIT_USAGE;
		break;
	}
	free(err);
	qms_tracker_result_release(&res);
	qms_index_free(ix);
	free(root);
	return rc;
}

int qms_cmd_audit(int argc, char **argv)
{
	if (argc < 2) {
		fputs(audit_help, stderr);
		return QMS_EXIT_USAGE;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
		fputs(audit_help, stdout);
		return QMS_EXIT_CLEAN;
	}
	if (!strcmp(sub, "status"))
		return cmd_status(argc - 1, argv + 1);
	if (!strcmp(sub, "board"))
		return qms_cmd_board(argc - 1, argv + 1);
	for (size_t i = 0; i < QMS_ARRAY_LEN(edits); i++)
		if (!strcmp(sub, edits[i].name))
			return cmd_edit(&edits[i], argc - 1, argv + 1);
	const char *names[] = {"status", "board", "new", "stage", "add", "finding", "close", "verify"};
	const char *close = qms_closest(sub, names, QMS_ARRAY_LEN(names));
	if (close)
		return qms_cli_usage_error("'%s' is not an audit command; did you mean '%s'?", sub, close);
	return qms_cli_usage_error("'%s' is not an audit command; see 'qms audit --help'", sub);
}
