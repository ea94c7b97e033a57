/* `qms audit`: the migration tracker of every agency. Status as of a date,
 * the board, and the edits that record stages, audits and findings. The
 * work is in lib/tracker.c, lib/status.c and lib/board.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qms.h"
#include "cli.h"
#include "opts.h"

static const struct qms_opt no_opts[] = {{0}};

const struct qms_cli_command qms_audit_command = {
	.name = "audit",
	.run = qms_cmd_audit,
	.usage = N_("audit status [--as-of DATE] [--agency ID] [--format table|json|csv] [--no-bom] [-o FILE]\n"
		    "audit board [--as-of DATE] [-o FILE]\n"
		    "audit new AGENCY --name NAME --level province|district|commune\n"
		    "audit stage AGENCY STAGE --done DATE [--evidence TEXT]\n"
		    "audit add AGENCY --id ID --kind internal|external|inspection --date DATE\n"
		    "          [--standard S] [--auditor NAME]... [--scope CODE]...\n"
		    "audit finding AGENCY AUDIT --id ID --grade major|minor|observation|improvement\n"
		    "          --clause C [--process CODE [--step STEP]] --text TEXT [--due DATE] [--owner UNIT]\n"
		    "audit close AGENCY FINDING --date DATE [--cause TEXT] [--action TEXT]\n"
		    "audit verify AGENCY FINDING --date DATE"),
	.summary = N_("the migration tracker: stages, audits, findings; status and board as of a date"),
	.description = N_("The migration tracker of each agency, audits/AGENCY.yaml: the nine stages of the\n"
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
			  "made at the same time all land. `-C DIR` names the workspace."),
	.opts = no_opts,
	.positional = N_("a subcommand"),
	.min_pos = 0,
	.max_pos = 0,
	.exit_status = N_("0 done, 1 edit refused (or trackers that cannot be read),\n"
			  "2 usage error, 3 I/O error"),
};

/* ---- arguments ---- */

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
		qms_cli_usage_error("'%s' is not a %s; did you mean '%s'? (%s)", text, _(what), close, b.buf);
	else
		qms_cli_usage_error("'%s' is not a %s: use one of %s", text, _(what), b.buf);
	qms_buf_release(&b);
	return -1;
}

/* The workspace of the current folder (after -C). Caller frees. */
static char *find_root(void)
{
	return qms_cli_workspace_root();
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

/* ---- status and board ---- */

static const char *const status_formats[] = {"table", "json", "csv", NULL};

struct view_args {
	int32_t as_of;
	const char *agency;
	int format;
	const char *output;
	bool no_bom;
};

#define O(f) offsetof(struct view_args, f)
static const struct qms_opt status_opts[] = {
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{"agency", 0, QMS_OPT_STRING, N_("ID"), NULL, O(agency), N_("only this agency")},
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), status_formats, O(format), N_("table (default), json or csv")},
	{"no-bom", 0, QMS_OPT_FLAG, NULL, NULL, O(no_bom),
	 N_("CSV without the UTF-8 byte order mark that Excel needs\nto read Vietnamese")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("write to FILE (atomically) instead of the standard output")},
	{0},
};

static const struct qms_opt board_opts[] = {
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("write the SVG to FILE (atomically) instead of the standard output")},
	{0},
};
#undef O

const struct qms_cli_command qms_audit_status_command = {
	.name = "audit status",
	.usage = N_("audit status [--as-of DATE] [--agency ID] [--format table|json|csv] [--no-bom] [-o FILE]"),
	.summary = N_("status of every agency as of a date"),
	.description = N_("Last stage done, next stage, deadline, days left and status of every\n"
			  "agency, and its findings open, overdue and not verified, as of DATE."),
	.opts = status_opts,
	.exit_status = N_("0 printed, 1 trackers that cannot be read, 2 usage error, 3 I/O error"),
};

const struct qms_cli_command qms_audit_board_command = {
	.name = "audit board",
	.usage = N_("audit board [--as-of DATE] [-o FILE]"),
	.summary = N_("the migration board as an SVG diagram"),
	.description = N_("The nine stages as columns, each agency in the column of its next stage,\n"
			  "coloured by status, grouped by level."),
	.opts = board_opts,
	.exit_status = N_("0 written, 1 trackers that cannot be read, 2 usage error, 3 I/O error"),
};

static int parse_view(int argc, char **argv, bool board, struct view_args *v)
{
	const struct qms_cli_command *cmd = board ? &qms_audit_board_command : &qms_audit_status_command;
	memset(v, 0, sizeof(*v));
	qms_opts_defaults(cmd, v);
	const char *pos[1];
	int npos;
	int rc = qms_opts_parse(cmd, argc, argv, v, pos, &npos);
	if (rc)
		return rc == 1 ? 1 : -1;
	if (v->as_of < 0)
		v->as_of = qms_cli_today();
	if (v->format < 0)
		v->format = 0;
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
			qms_cli_usage_error(_("no agency '%s' in audits/; did you mean '%s'?"), v.agency, close);
		else
			qms_cli_usage_error(_("no agency '%s' in audits/"), v.agency);
		free(ids);
		qms_status_report_release(&r);
		return QMS_EXIT_USAGE;
	}
	struct qms_buf out;
	qms_buf_init(&out);
	if (v.format == 1)
		qms_status_format_json(&out, &r);
	else if (v.format == 2) {
		if (!v.no_bom)
			qms_buf_adds(&out, QMS_CSV_BOM);
		qms_status_format_csv(&out, &r);
	} else
		qms_status_format_table(&out, &r, qms_lang_get(), !v.output && qms_cli_use_color(stdout));
	int written = qms_cli_write_output(v.output, &out);
	if (written)
		rc = written;
	qms_buf_release(&out);
	qms_status_report_release(&r);
	return rc;
}

int qms_board_run(int32_t as_of, const char *output)
{
	struct view_args v = {.as_of = as_of < 0 ? qms_cli_today() : as_of, .output = output};
	struct qms_status_report r;
	if (load_report(&r, &v) < 0)
		return QMS_EXIT_USAGE;
	int rc = qms_diags_count(&r.diags, QMS_ERROR) ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	struct qms_buf svg;
	qms_buf_init(&svg);
	qms_board_svg(&svg, &r, qms_lang_get());
	int written = qms_cli_write_output(v.output, &svg);
	if (written)
		rc = written;
	qms_buf_release(&svg);
	qms_status_report_release(&r);
	return rc;
}

static int cmd_board(int argc, char **argv)
{
	struct view_args v;
	int p = parse_view(argc, argv, true, &v);
	if (p)
		return p > 0 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	return qms_board_run(v.as_of, v.output);
}

/* ---- edits ---- */

struct edit_args {
	const char *name, *evidence, *id, *standard, *clause;
	const char *process, *step, *text, *owner, *cause, *action;
	int level, kind, grade;
	int32_t done, date, due;
	struct qms_opt_list auditors, scope;
};

#define O(f) offsetof(struct edit_args, f)
#define DATE_OPT(n, f, h)                                                                                              \
	{                                                                                                              \
		n, 0, QMS_OPT_DATE, N_("DATE"), NULL, O(f), h                                                          \
	}
#define TEXT_OPT(n, arg, f, h)                                                                                         \
	{                                                                                                              \
		n, 0, QMS_OPT_STRING, arg, NULL, O(f), h                                                               \
	}
static const struct qms_opt new_opts[] = {
	TEXT_OPT("name", N_("NAME"), name, N_("the agency's full name")),
	{"level", 0, QMS_OPT_CHOICE, N_("LEVEL"), qms_level_names, O(level), N_("province, district or commune")},
	{0},
};
static const struct qms_opt stage_opts[] = {
	DATE_OPT("done", done, N_("the day the stage was done")),
	TEXT_OPT("evidence", N_("TEXT"), evidence, N_("the document that shows it (a plan, a decision...)")),
	{0},
};
static const struct qms_opt add_opts[] = {
	TEXT_OPT("id", N_("ID"), id, N_("the audit's id, unique in the tracker")),
	{"kind", 0, QMS_OPT_CHOICE, N_("KIND"), qms_audit_kind_names, O(kind), N_("internal, external or inspection")},
	DATE_OPT("date", date, N_("the day of the audit")),
	TEXT_OPT("standard", N_("S"), standard, N_("the standard audited against (default: ISO 9001:2015)")),
	{"auditor", 0, QMS_OPT_LIST, N_("NAME"), NULL, O(auditors), N_("an auditor (repeat for each)")},
	{"scope", 0, QMS_OPT_LIST, N_("CODE"), NULL, O(scope), N_("a procedure audited (repeat for each)")},
	{0},
};
static const struct qms_opt finding_opts[] = {
	TEXT_OPT("id", N_("ID"), id, N_("the finding's id, unique in the audit")),
	{"grade", 0, QMS_OPT_CHOICE, N_("GRADE"), qms_grade_names, O(grade),
	 N_("major, minor, observation or improvement")},
	TEXT_OPT("clause", N_("C"), clause, N_("the ISO 9001:2015 clause")),
	TEXT_OPT("process", N_("CODE"), process, N_("the procedure it concerns")),
	TEXT_OPT("step", N_("STEP"), step, N_("the step of that procedure (needs --process)")),
	TEXT_OPT("text", N_("TEXT"), text, N_("what was found")),
	DATE_OPT("due", due, N_("when the corrective action is due")),
	TEXT_OPT("owner", N_("UNIT"), owner, N_("who carries out the corrective action")),
	{0},
};
static const struct qms_opt close_opts[] = {
	DATE_OPT("date", date, N_("the day the corrective action was complete")),
	TEXT_OPT("cause", N_("TEXT"), cause, N_("the root cause")),
	TEXT_OPT("action", N_("TEXT"), action, N_("the corrective action taken")),
	{0},
};
static const struct qms_opt verify_opts[] = {
	DATE_OPT("date", date, N_("the day its effectiveness was checked")),
	{0},
};
#undef O
#undef DATE_OPT
#undef TEXT_OPT

#define EDIT_EXIT N_("0 done, 1 edit refused (it would add an error), 2 usage error, 3 I/O error")
const struct qms_cli_command qms_audit_new_command = {
	.name = "audit new",
	.usage = N_("audit new AGENCY --name NAME --level province|district|commune"),
	.summary = N_("create the tracker of an agency"),
	.description = N_("Create audits/AGENCY.yaml."),
	.opts = new_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = EDIT_EXIT,
};
const struct qms_cli_command qms_audit_stage_command = {
	.name = "audit stage",
	.usage = N_("audit stage AGENCY STAGE --done DATE [--evidence TEXT]"),
	.summary = N_("record a stage as done"),
	.description = N_("Record that the agency did STAGE (again: change its date). Stages: plan,\n"
			  "training, gap-analysis, documentation, apply, internal-audit,\n"
			  "management-review, announcement, report."),
	.opts = stage_opts,
	.positional = N_("an agency id and a stage"),
	.complete = "agency stage",
	.min_pos = 2,
	.max_pos = 2,
	.exit_status = EDIT_EXIT,
};
const struct qms_cli_command qms_audit_add_command = {
	.name = "audit add",
	.usage = N_("audit add AGENCY --id ID --kind internal|external|inspection --date DATE\n"
		    "          [--standard S] [--auditor NAME]... [--scope CODE]..."),
	.summary = N_("record an audit or inspection"),
	.description = N_("Record an audit of the agency."),
	.opts = add_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = EDIT_EXIT,
};
const struct qms_cli_command qms_audit_finding_command = {
	.name = "audit finding",
	.usage = N_("audit finding AGENCY AUDIT --id ID --grade major|minor|observation|improvement\n"
		    "          --clause C [--process CODE [--step STEP]] --text TEXT [--due DATE] [--owner UNIT]"),
	.summary = N_("record a finding of an audit"),
	.description = N_("Record a finding of the audit AUDIT."),
	.opts = finding_opts,
	.positional = N_("an agency id and an audit id"),
	.complete = "agency",
	.min_pos = 2,
	.max_pos = 2,
	.exit_status = EDIT_EXIT,
};
const struct qms_cli_command qms_audit_close_command = {
	.name = "audit close",
	.usage = N_("audit close AGENCY FINDING --date DATE [--cause TEXT] [--action TEXT]"),
	.summary = N_("record that a finding's corrective action is complete"),
	.description = N_("Record that the corrective action of FINDING is complete."),
	.opts = close_opts,
	.positional = N_("an agency id and a finding id"),
	.complete = "agency",
	.min_pos = 2,
	.max_pos = 2,
	.exit_status = EDIT_EXIT,
};
const struct qms_cli_command qms_audit_verify_command = {
	.name = "audit verify",
	.usage = N_("audit verify AGENCY FINDING --date DATE"),
	.summary = N_("record that its effectiveness was checked"),
	.description = N_("Record that the effectiveness of FINDING's corrective action was checked."),
	.opts = verify_opts,
	.positional = N_("an agency id and a finding id"),
	.complete = "agency",
	.min_pos = 2,
	.max_pos = 2,
	.exit_status = EDIT_EXIT,
};

/* The edits, with the library operation each makes. */
struct edit_cmd {
	const struct qms_cli_command *spec;
	enum qms_tracker_op op;
};

static const struct edit_cmd edits[] = {
	{&qms_audit_new_command, QMS_TRACKER_NEW},     {&qms_audit_stage_command, QMS_TRACKER_STAGE},
	{&qms_audit_add_command, QMS_TRACKER_ADD},     {&qms_audit_finding_command, QMS_TRACKER_FINDING},
	{&qms_audit_close_command, QMS_TRACKER_CLOSE}, {&qms_audit_verify_command, QMS_TRACKER_VERIFY},
};

/* A required option that was not given: a usage error. */
static int require(bool given, const char *name, const struct edit_cmd *cmd)
{
	if (given)
		return 0;
	qms_cli_usage_error(_("'qms %s' needs %s; see 'qms %s --help'"), cmd->spec->name, name, cmd->spec->name);
	return -1;
}

/* The change the arguments describe, or -1 after a usage error. */
static int make_change(const struct edit_cmd *cmd, const struct edit_args *a, const char *const *pos,
		       struct qms_tracker_change *c)
{
	memset(c, 0, sizeof(*c));
	c->op = cmd->op;
	c->agency = pos[0];
	c->due = a->due;
	c->date = -1;
	switch (cmd->op) {
	case QMS_TRACKER_NEW:
		if (require(a->name, "--name", cmd) < 0 || require(a->level >= 0, "--level", cmd) < 0)
			return -1;
		c->name = a->name;
		c->level = a->level;
		return 0;
	case QMS_TRACKER_STAGE:
		if (parse_choice(pos[1], N_("stage"), qms_stage_names, &c->stage) < 0 ||
		    require(a->done >= 0, "--done DATE", cmd) < 0)
			return -1;
		c->date = a->done;
		c->evidence = a->evidence;
		return 0;
	case QMS_TRACKER_ADD:
		if (require(a->id, "--id", cmd) < 0 || require(a->kind >= 0, "--kind", cmd) < 0 ||
		    require(a->date >= 0, "--date", cmd) < 0)
			return -1;
		c->kind = a->kind;
		c->date = a->date;
		c->audit = a->id;
		c->standard = a->standard;
		c->auditors = a->auditors.v;
		c->nauditors = a->auditors.n;
		c->scope = a->scope.v;
		c->nscope = a->scope.n;
		return 0;
	case QMS_TRACKER_FINDING:
		if (require(a->id, "--id", cmd) < 0 || require(a->grade >= 0, "--grade", cmd) < 0 ||
		    require(a->clause, "--clause", cmd) < 0 || require(a->text, "--text", cmd) < 0)
			return -1;
		if (a->step && !a->process) {
			qms_cli_usage_error(_("--step needs --process: the procedure the step belongs to"));
			return -1;
		}
		c->grade = a->grade;
		c->audit = pos[1];
		c->finding = a->id;
		c->clause = a->clause;
		c->process = a->process;
		c->step = a->step;
		c->text = a->text;
		c->owner = a->owner;
		return 0;
	case QMS_TRACKER_CLOSE:
	case QMS_TRACKER_VERIFY:
		if (require(a->date >= 0, "--date DATE", cmd) < 0)
			return -1;
		c->date = a->date;
		c->finding = pos[1];
		c->cause = a->cause;
		c->action = a->action;
		return 0;
	}
	return -1;
}

static void say_done(const char *path, const struct qms_tracker_change *c)
{
	enum qms_lang lang = qms_lang_get();
	char d[11] = "";
	if (c->date >= 0)
		qms_date_format_lang(d, c->date, lang);
	switch (c->op) {
	case QMS_TRACKER_NEW: qms_cli_printf(_("created %s\n"), path); break;
	case QMS_TRACKER_STAGE:
		qms_cli_printf(_("%s: stage '%s' (%s) done on %s\n"), path, qms_stage_names[c->stage],
			       qms_stage_label(c->stage, lang), d);
		break;
	case QMS_TRACKER_ADD:
		qms_cli_printf(_("%s: audit '%s' (%s) of %s recorded\n"), path, c->audit,
			       qms_audit_kind_label(c->kind, lang), d);
		break;
	case QMS_TRACKER_FINDING:
		qms_cli_printf(_("%s: finding '%s' (%s) recorded in audit '%s'\n"), path, c->finding,
			       qms_grade_label(c->grade, lang), c->audit);
		break;
	case QMS_TRACKER_CLOSE: qms_cli_printf(_("%s: finding '%s' closed on %s\n"), path, c->finding, d); break;
	case QMS_TRACKER_VERIFY: qms_cli_printf(_("%s: finding '%s' verified on %s\n"), path, c->finding, d); break;
	}
}

static int cmd_edit(const struct edit_cmd *cmd, int argc, char **argv)
{
	struct edit_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(cmd->spec, &a);
	const char *pos[3];
	int npos;
	int p = qms_opts_parse(cmd->spec, argc, argv, &a, pos, &npos);
	if (p)
		return p == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	struct qms_tracker_change c;
	if (make_change(cmd, &a, pos, &c) < 0)
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
	int loaded = qms_index_load(&ix, root, 0, &scratch, &err);
	if (loaded < 0) {
		free(root);
		qms_diags_release(&scratch);
		return qms_cli_fail(loaded, err);
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
		qms_cli_eprintf(qms_diags_count(&res.problems, QMS_ERROR) == 1
					? _("qms: %s not changed: the change would add the error above\n")
					: _("qms: %s not changed: the change would add the errors above\n"),
				res.path);
		rc = QMS_EXIT_FINDINGS;
		break;
	default:
		print_diags(stderr, &res.problems);
		rc = qms_cli_fail(res.failure, err ? err : qms_xstrdup(_("the change failed")));
		err = NULL;
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
		qms_opts_print_help(&qms_audit_command, stderr);
		return QMS_EXIT_USAGE;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
		qms_opts_print_help(&qms_audit_command, stdout);
		return QMS_EXIT_CLEAN;
	}
	if (sub[0] == '-') {
		/* options of audit itself (--lang) before the subcommand */
		int k = 1;
		while (k < argc && argv[k][0] == '-')
			k += !strcmp(argv[k], "--lang") ? 2 : 1;
		const char *pos[1];
		int npos;
		int rc = qms_opts_parse(&qms_audit_command, k < argc ? k : argc, argv, NULL, pos, &npos);
		if (rc)
			return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
		if (k >= argc) {
			qms_opts_print_help(&qms_audit_command, stderr);
			return QMS_EXIT_USAGE;
		}
		argv[k - 1] = argv[0];
		return qms_cmd_audit(argc - (k - 1), argv + (k - 1));
	}
	if (!strcmp(sub, "status"))
		return cmd_status(argc - 1, argv + 1);
	if (!strcmp(sub, "board"))
		return cmd_board(argc - 1, argv + 1);
	for (size_t i = 0; i < QMS_ARRAY_LEN(edits); i++)
		if (!strcmp(sub, edits[i].spec->name + strlen("audit ")))
			return cmd_edit(&edits[i], argc - 1, argv + 1);
	const char *names[] = {"status", "board", "new", "stage", "add", "finding", "close", "verify"};
	const char *close = qms_closest(sub, names, QMS_ARRAY_LEN(names));
	if (close)
		return qms_cli_usage_error(_("'%s' is not an audit command; did you mean '%s'?"), sub, close);
	return qms_cli_usage_error(_("'%s' is not an audit command; see 'qms audit --help'"), sub);
}
