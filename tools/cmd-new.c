/* qms init, qms new: the first files of a workspace, a procedure, a
 * system or a tracker. The texts are in lib/skeleton.c; nothing that
 * exists is ever overwritten (every file is created with QMS_WRITE_NEW). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

/* ---- qms init ---- */

struct init_args {
	const char *name;
	struct qms_opt_list agencies;
	int level;
	int32_t deadline;
	unsigned long time_cut;
};

#define O(f) offsetof(struct init_args, f)
static const struct qms_opt init_opts[] = {
	{"name", 0, QMS_OPT_STRING, N_("NAME"), NULL, O(name), N_("the workspace's name, e.g. the province")},
	{"agency", 0, QMS_OPT_LIST, N_("ID=NAME"), NULL, O(agencies),
	 N_("an agency to follow: its id and its name (repeat for each);\nits tracker is made in audits/")},
	{"level", 0, QMS_OPT_CHOICE, N_("LEVEL"), qms_level_names, O(level),
	 N_("level of the agencies given with --agency: province\n(default), district or commune")},
	{"deadline", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(deadline),
	 N_("the deadline of the migration to ISO 9001:2015")},
	{"time-cut", 0, QMS_OPT_UINT, N_("PERCENT"), NULL, O(time_cut),
	 N_("the minimum cut of committed against statutory time (default 40)")},
	{0},
};
#undef O

const struct qms_cli_command qms_init_command = {
	.name = "init",
	.run = qms_cmd_init,
	.usage = N_("init [DIR] [--name NAME] [--agency ID=NAME]... [--level LEVEL] [--deadline DATE]\n"
		    "     [--time-cut PERCENT] [--lang vi|en]"),
	.summary = N_("start a workspace: qms.yaml, processes/, audits/, a README of the next steps"),
	.description = N_("Make DIR (default: the current folder) a workspace for a province, a\n"
			  "district or one agency: qms.yaml in the language of --lang (default vi),\n"
			  "processes/ and audits/ with a tracker for each --agency, a .gitignore for\n"
			  "lock files and outputs, and a README.md of the next steps. Nothing that\n"
			  "exists is overwritten: a folder that already has a qms.yaml is refused."),
	.opts = init_opts,
	.positional = N_("DIR"),
	.min_pos = 0,
	.max_pos = 1,
	.exit_status = N_("0 written, 2 usage error (or DIR is a workspace already), 3 I/O error"),
	.complete = "path",
};

/* Create path with data; an existing file is kept (and said). Returns 0,
 * or an exit status after printing why. */
static int create(const char *path, const struct qms_buf *data, bool *kept)
{
	char *err = NULL;
	*kept = false;
	int rc = qms_file_write_atomic(path, data->buf, data->len, QMS_WRITE_NEW, &err);
	if (rc == 0) {
		qms_cli_printf(_("created %s\n"), path);
		return 0;
	}
	if (errno == EEXIST) {
		free(err);
		qms_cli_printf(_("kept %s (it exists)\n"), path);
		*kept = true;
		return 0;
	}
	return qms_cli_fail(rc, err);
}

static int init_tracker(const char *dir, const char *spec, int level)
{
	const char *eq = strchr(spec, '='); /* checked by qms_cmd_init() */
	char *id = qms_xstrndup(spec, (size_t)(eq - spec));
	int rc;
	struct qms_tracker_change c = {.agency = id, .name = eq + 1, .level = level < 0 ? 0 : level};
	struct qms_buf b;
	qms_buf_init(&b);
	qms_tracker_new_text(&b, &c);
	struct qms_buf path;
	qms_buf_init(&path);
	qms_buf_printf(&path, "%s/audits/%s.yaml", dir, id);
	bool kept;
	rc = create(path.buf, &b, &kept);
	qms_buf_reset(&path);
	qms_buf_printf(&path, "%s/processes/%s", dir, id);
	if (!rc)
		rc = qms_cli_make_dir(path.buf);
	qms_buf_release(&path);
	qms_buf_release(&b);
	free(id);
	return rc;
}

/* The JSON Schemas in .qms/schema/ and VS Code's settings that give them
 * to the YAML extension (yaml-language-server); procedures and systems
 * made by `qms new` name their schema in their first line. */
static int init_editor(const char *dir)
{
	struct qms_buf path, b;
	qms_buf_init(&path);
	qms_buf_init(&b);
	qms_buf_printf(&path, "%s/.qms", dir);
	int rc = qms_cli_make_dir(path.buf);
	qms_buf_adds(&path, "/schema");
	if (!rc)
		rc = qms_cli_write_schemas(path.buf, true);
	qms_buf_reset(&path);
	qms_buf_printf(&path, "%s/.vscode", dir);
	if (!rc)
		rc = qms_cli_make_dir(path.buf);
	qms_buf_adds(&path, "/settings.json");
	qms_buf_adds(&b, "{\n  \"yaml.schemas\": {\n"
			 "    \"./.qms/schema/workspace.schema.json\": \"qms.yaml\",\n"
			 "    \"./.qms/schema/agency.schema.json\": \"audits/*.yaml\",\n"
			 "    \"./.qms/schema/system.schema.json\": \"processes/*/system.yaml\"\n"
			 "  }\n}\n");
	bool kept;
	if (!rc)
		rc = create(path.buf, &b, &kept);
	qms_buf_release(&path);
	qms_buf_release(&b);
	return rc;
}

static int write_init(const char *dir, const struct init_args *a, enum qms_lang lang)
{
	struct qms_workspace_skeleton w = {
		.name = a->name,
		.lang = lang,
		.deadline = a->deadline,
		.time_cut = a->time_cut == (unsigned long)-1 ? -1 : (int)a->time_cut,
	};
	struct qms_buf b, path;
	qms_buf_init(&b);
	qms_buf_init(&path);
	bool kept;
	int rc = qms_cli_make_dir(dir);
	static const char *const subdirs[] = {"processes", "audits"};
	for (size_t i = 0; !rc && i < QMS_ARRAY_LEN(subdirs); i++) {
		qms_buf_reset(&path);
		qms_buf_printf(&path, "%s/%s", dir, subdirs[i]);
		rc = qms_cli_make_dir(path.buf);
	}
	for (int f = 0; !rc && f < 3; f++) {
		qms_buf_reset(&b);
		qms_buf_reset(&path);
		static const char *const names[] = {"qms.yaml", "README.md", ".gitignore"};
		qms_buf_printf(&path, "%s/%s", dir, names[f]);
		if (f == 0)
			qms_skeleton_workspace(&b, &w);
		else if (f == 1)
			qms_skeleton_readme(&b, lang);
		else
			qms_skeleton_gitignore(&b);
		rc = create(path.buf, &b, &kept);
		if (!rc && f == 0 && kept)
			rc = qms_cli_usage_error(
				_("'%s' is a workspace already (it has a qms.yaml); nothing else was written"), dir);
	}
	for (size_t i = 0; !rc && i < a->agencies.n; i++)
		rc = init_tracker(dir, a->agencies.v[i], a->level);
	if (!rc)
		rc = init_editor(dir);
	qms_buf_release(&b);
	qms_buf_release(&path);
	return rc;
}

int qms_cmd_init(int argc, char **argv)
{
	struct init_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_init_command, &a);
	const char *pos[2];
	int npos;
	int rc = qms_opts_parse(&qms_init_command, argc, argv, &a, pos, &npos);
	if (rc)
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	if (a.time_cut != (unsigned long)-1 && a.time_cut > 100)
		return qms_cli_usage_error(_("'%lu' is not a percentage from 0 to 100 for --time-cut"), a.time_cut);
	for (size_t i = 0; i < a.agencies.n; i++) {
		/* every --agency checked before anything is written */
		const char *spec = a.agencies.v[i], *eq = strchr(spec, '=');
		char *id = qms_xstrndup(spec, eq ? (size_t)(eq - spec) : strlen(spec));
		bool ok = eq && eq[1] && qms_id_valid(id);
		free(id);
		if (!ok)
			return qms_cli_usage_error(_("'%s' is not ID=NAME for --agency, e.g. so-tu-phap=Sở Tư pháp"),
						   spec);
	}
	const char *dir = npos ? pos[0] : ".";
	/* the workspace speaks --lang, else Vietnamese (its users' language) */
	enum qms_lang lang = qms_cli_lang_given() >= 0 ? (enum qms_lang)qms_cli_lang_given() : QMS_LANG_VI;
	rc = write_init(dir, &a, lang);
	if (rc)
		return rc;
	qms_cli_printf(_("next: qms -C %s new procedure AGENCY, then qms -C %s check\n"), dir, dir);
	return QMS_EXIT_CLEAN;
}

/* ---- qms new ---- */

struct new_args {
	const char *code, *title, *name;
	int level;
	int32_t effective;
};

static const char *const new_kinds[] = {"procedure", "system", "tracker", NULL};

#define O(f) offsetof(struct new_args, f)
static const struct qms_opt new_opts[] = {
	{"code", 0, QMS_OPT_STRING, N_("CODE"), NULL, O(code),
	 N_("procedure: its code (default: the next free one of the\nagency, e.g. STP-QT-04)")},
	{"title", 0, QMS_OPT_STRING, N_("TITLE"), NULL, O(title), N_("procedure: its title")},
	{"effective", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(effective), N_("procedure: the date it comes into force")},
	{"name", 0, QMS_OPT_STRING, N_("NAME"), NULL, O(name), N_("tracker: the agency's full name")},
	{"level", 0, QMS_OPT_CHOICE, N_("LEVEL"), qms_level_names, O(level),
	 N_("tracker: province, district or commune")},
	{0},
};
#undef O

const struct qms_cli_command qms_new_command = {
	.name = "new",
	.run = qms_cmd_new,
	.usage = N_("new procedure AGENCY [--code CODE] [--title TITLE] [--effective DATE]\n"
		    "new system AGENCY\n"
		    "new tracker AGENCY --name NAME --level province|district|commune"),
	.summary = N_("write a commented skeleton of a procedure, a system or a tracker"),
	.description = N_("Write the skeleton of a document in the workspace's language, in its\n"
			  "folder: processes/AGENCY/CODE.yaml, processes/AGENCY/system.yaml or\n"
			  "audits/AGENCY.yaml. It passes 'qms check' but for its placeholders <...>,\n"
			  "which are reported (S012) until they are filled. A procedure gets the\n"
			  "next free code of the agency. An existing file is never overwritten."),
	.opts = new_opts,
	.positional = N_("a kind (procedure, system, tracker) and an agency id"),
	.min_pos = 2,
	.max_pos = 2,
	.exit_status = N_("0 written, 2 usage error (or the file exists), 3 I/O error"),
	.complete = "kind agency",
};

/* The codes of the workspace's procedures (file names under processes/),
 * and those of one agency. */
static void list_codes(const char *root, const char *agency, struct qms_strlist *all, struct qms_strlist *own)
{
	struct qms_strlist files = {0};
	char *dir = qms_path_join(root, "processes");
	qms_collect_yaml(&files, dir);
	for (size_t i = 0; i < files.len; i++) {
		const char *f = files.items[i];
		const char *base = strrchr(f, '/') + 1;
		const char *dot = strrchr(base, '.');
		if (!strcmp(base, "system.yaml"))
			continue;
		char *code = qms_xstrndup(base, (size_t)(dot - base));
		size_t n = strlen(dir) + 1 + strlen(agency);
		if (!strncmp(f, dir, strlen(dir)) && !strncmp(f + strlen(dir) + 1, agency, strlen(agency)) &&
		    f[n] == '/')
			qms_strlist_push(own, qms_xstrdup(code));
		qms_strlist_push(all, code);
	}
	free(dir);
	qms_strlist_release(&files);
}

static int new_document(const char *root, const char *kind, const char *agency, const struct new_args *a)
{
	enum qms_lang lang = qms_lang_get();
	struct qms_buf b, path;
	qms_buf_init(&b);
	qms_buf_init(&path);
	qms_buf_printf(&path, "%s/processes", root);
	int rc = qms_cli_make_dir(path.buf);
	qms_buf_printf(&path, "/%s", agency);
	if (!rc)
		rc = qms_cli_make_dir(path.buf);
	char *schemas = qms_path_join(root, ".qms/schema");
	if (qms_is_dir(schemas))
		/* relative to the file, as yaml-language-server reads it */
		qms_buf_printf(&b, "# yaml-language-server: $schema=../../.qms/schema/%s.schema.json\n",
			       strcmp(kind, "system") ? "process" : "system");
	free(schemas);
	if (!rc && !strcmp(kind, "system")) {
		qms_skeleton_system(&b, agency, lang);
		qms_buf_adds(&path, "/system.yaml");
	} else if (!rc) {
		struct qms_strlist all = {0}, own = {0};
		list_codes(root, agency, &all, &own);
		char *code = a->code ? qms_xstrdup(a->code)
				     : qms_skeleton_suggest_code(agency, (const char *const *)own.items, own.len,
								 (const char *const *)all.items, all.len);
		if (!qms_id_valid(code))
			rc = qms_cli_usage_error(
				_("'%s' is not a valid procedure code: use ASCII letters, digits, '-', '_' or '.'"),
				code);
		struct qms_procedure_skeleton p = {
			.code = code, .agency = agency, .title = a->title, .lang = lang, .effective = a->effective};
		qms_skeleton_procedure(&b, &p);
		qms_buf_printf(&path, "/%s.yaml", code);
		free(code);
		qms_strlist_release(&all);
		qms_strlist_release(&own);
	}
	char *err = NULL;
	int written = rc ? 0 : qms_file_write_atomic(path.buf, b.buf, b.len, QMS_WRITE_NEW, &err);
	if (written < 0 && errno == EEXIST) {
		free(err);
		rc = qms_cli_usage_error(_("%s exists: qms new never overwrites a file"), path.buf);
	} else if (written < 0) {
		rc = qms_cli_fail(written, err);
	} else if (!rc) {
		char *shown = qms_display_path(path.buf);
		qms_cli_printf(_("created %s: fill in every <...>, then run qms check\n"), shown);
		free(shown);
	}
	qms_buf_release(&b);
	qms_buf_release(&path);
	return rc;
}

int qms_cmd_new(int argc, char **argv)
{
	struct new_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_new_command, &a);
	const char *pos[3];
	int npos;
	int rc = qms_opts_parse(&qms_new_command, argc, argv, &a, pos, &npos);
	if (rc)
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	int kind = -1;
	for (int i = 0; new_kinds[i]; i++)
		if (!strcmp(pos[0], new_kinds[i]))
			kind = i;
	if (kind < 0)
		return qms_cli_usage_error(
			_("'%s' is not a kind of document for qms new: use procedure, system or tracker"), pos[0]);
	if (!qms_id_valid(pos[1]))
		return qms_cli_usage_error(
			_("'%s' is not a valid agency id: use ASCII letters, digits, '-', '_' or '.'"), pos[1]);
	if (kind == 2) {
		/* a tracker is what `qms audit new` makes */
		if (!a.name || a.level < 0)
			return qms_cli_usage_error(
				_("'qms new tracker' needs --name and --level; see 'qms new --help'"));
		char *args[] = {(char *)"audit",
				(char *)"new",
				(char *)pos[1],
				(char *)"--name",
				(char *)a.name,
				(char *)"--level",
				(char *)qms_level_names[a.level],
				NULL};
		return qms_cmd_audit(7, args);
	}
	char *root = qms_cli_workspace_root();
	if (!root)
		return QMS_EXIT_USAGE;
	rc = new_document(root, new_kinds[kind], pos[1], &a);
	free(root);
	return rc;
}
