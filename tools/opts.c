/* The option grammar: one parser and one help printer for every command.
 * See opts.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

const struct qms_opt qms_common_opts[] = {
	{"lang", 0, QMS_OPT_LANG, "vi|en", NULL, SIZE_MAX,
	 N_("language of messages and of what is written for people\n"
	    "(default: the workspace's, else the environment's, else en)")},
	{"help", 'h', QMS_OPT_FLAG, NULL, NULL, SIZE_MAX, N_("print this help")},
	{0},
};

/* The --lang given to the command being parsed; -1 when none. Process-
 * wide like the language itself: the command line is parsed once. */
static int given_lang = -1;

static void *slot(void *args, const struct qms_opt *o)
{
	return (char *)args + o->offset;
}

void qms_opts_defaults(const struct qms_cli_command *cmd, void *args)
{
	for (const struct qms_opt *o = cmd->opts; o && o->name; o++) {
		void *p = slot(args, o);
		switch (o->type) {
		case QMS_OPT_FLAG: *(bool *)p = false; break;
		case QMS_OPT_CHOICE:
		case QMS_OPT_LANG: *(int *)p = -1; break;
		case QMS_OPT_DATE: *(int32_t *)p = -1; break;
		case QMS_OPT_JOBS: *(unsigned *)p = 0; break;
		case QMS_OPT_UINT: *(unsigned long *)p = ULONG_MAX; break;
		case QMS_OPT_LIST: ((struct qms_opt_list *)p)->n = 0; break;
		default: *(const char **)p = NULL; break;
		}
	}
}

static void add_choices(struct qms_buf *b, const char *const *choices)
{
	for (size_t i = 0; choices[i]; i++)
		qms_buf_printf(b, "%s%s", i ? ", " : "", choices[i]);
}

int qms_opts_bad_value(const struct qms_opt *o, const char *v)
{
	struct qms_buf b;
	qms_buf_init(&b);
	if (!*v && o->type != QMS_OPT_CHOICE && o->type != QMS_OPT_LANG) {
		qms_buf_release(&b);
		return qms_cli_usage_error(_("option --%s needs a value"), o->name);
	}
	switch (o->type) {
	case QMS_OPT_CHOICE:
	case QMS_OPT_LANG: {
		static const char *const langs[] = {"vi", "en", NULL};
		const char *const *choices = o->type == QMS_OPT_LANG ? langs : o->choices;
		size_t n = 0;
		while (choices[n])
			n++;
		add_choices(&b, choices);
		if (!*v) {
			qms_cli_usage_error(_("option --%s needs a value: use %s"), o->name, b.buf);
			break;
		}
		const char *close = qms_closest(v, choices, n);
		if (close)
			qms_cli_usage_error(_("'%s' is not a value of --%s: use %s; did you mean '%s'?"), v, o->name,
					    b.buf, close);
		else
			qms_cli_usage_error(_("'%s' is not a value of --%s: use %s"), v, o->name, b.buf);
		break;
	}
	case QMS_OPT_DATE:
		qms_cli_usage_error(_("'%s' is not a date for --%s: write YYYY-MM-DD, e.g. 2020-09-30"), v, o->name);
		break;
	case QMS_OPT_JOBS: qms_cli_usage_error(_("'%s' is not a number from 1 to 64 for --%s"), v, o->name); break;
	case QMS_OPT_UINT:
		qms_cli_usage_error(_("'%s' is not a whole number from 0 to 1000000000 for --%s"), v, o->name);
		break;
	default: qms_cli_usage_error(_("option --%s needs a value"), o->name); break;
	}
	qms_buf_release(&b);
	return QMS_EXIT_USAGE;
}

static int parse_number(const char *v, unsigned long min, unsigned long max, unsigned long *out)
{
	if (!*v || *v < '0' || *v > '9' || strlen(v) > 10)
		return -1;
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (*end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* Store v as o's value; a usage error when it is not one. */
static int store(const struct qms_opt *o, const char *v, void *args)
{
	void *p = o->offset == SIZE_MAX ? NULL : slot(args, o);
	unsigned long n;
	if (!*v && o->type != QMS_OPT_FLAG)
		return qms_opts_bad_value(o, v);
	switch (o->type) {
	case QMS_OPT_FLAG: *(bool *)p = true; return 0;
	case QMS_OPT_CHOICE:
		for (int i = 0; o->choices[i]; i++)
			if (!strcmp(v, o->choices[i])) {
				*(int *)p = i;
				return 0;
			}
		return qms_opts_bad_value(o, v);
	case QMS_OPT_LANG:
		if (strcmp(v, "vi") && strcmp(v, "en"))
			return qms_opts_bad_value(o, v);
		given_lang = !strcmp(v, "vi") ? QMS_LANG_VI : QMS_LANG_EN;
		qms_lang_set((enum qms_lang)given_lang);
		if (p)
			*(int *)p = given_lang;
		return 0;
	case QMS_OPT_DATE: {
		int32_t d = qms_date_parse(v);
		if (d < 0)
			return qms_opts_bad_value(o, v);
		*(int32_t *)p = d;
		return 0;
	}
	case QMS_OPT_JOBS:
		if (parse_number(v, 1, 64, &n) < 0)
			return qms_opts_bad_value(o, v);
		*(unsigned *)p = (unsigned)n;
		return 0;
	case QMS_OPT_UINT:
		if (parse_number(v, 0, 1000000000UL, &n) < 0)
			return qms_opts_bad_value(o, v);
		*(unsigned long *)p = n;
		return 0;
	case QMS_OPT_LIST: {
		struct qms_opt_list *l = p;
		if (l->n == QMS_OPT_LIST_MAX)
			return qms_cli_usage_error(_("--%s is given more than %d times"), o->name, QMS_OPT_LIST_MAX);
		l->v[l->n++] = v;
		return 0;
	}
	default: *(const char **)p = v; return 0;
	}
}

/* The option argv[*i] names, among cmd's and the common ones; *value set
 * when it is `--name=value` or `-xVALUE`. NULL when none. */
static const struct qms_opt *find(const struct qms_cli_command *cmd, const char *a, const char **value)
{
	const struct qms_opt *tables[] = {cmd->opts, qms_common_opts};
	*value = NULL;
	for (size_t t = 0; t < 2; t++) {
		for (const struct qms_opt *o = tables[t]; o && o->name; o++) {
			size_t n = strlen(o->name);
			if (a[1] == '-' && !strncmp(a + 2, o->name, n) && (a[2 + n] == '\0' || a[2 + n] == '=')) {
				if (a[2 + n] == '=')
					*value = a + 3 + n;
				return o;
			}
			if (a[1] != '-' && o->shrt && a[1] == o->shrt) {
				if (a[2])
					*value = a + 2;
				return o;
			}
		}
	}
	return NULL;
}

static int unknown_option(const struct qms_cli_command *cmd, const char *a)
{
	const char *names[128];
	char dashed[128][48];
	size_t n = 0;
	const struct qms_opt *tables[] = {cmd->opts, qms_common_opts};
	for (size_t t = 0; t < 2; t++)
		for (const struct qms_opt *o = tables[t]; o && o->name && n < 128; o++, n++) {
			snprintf(dashed[n], sizeof(dashed[n]), "--%s", o->name);
			names[n] = dashed[n];
		}
	const char *eq = strchr(a, '=');
	char *name = qms_xstrndup(a, eq ? (size_t)(eq - a) : strlen(a));
	const char *close = qms_closest(name, names, n);
	if (close)
		qms_cli_usage_error(_("unknown option '%s' for 'qms %s'; did you mean '%s'?"), name, cmd->name, close);
	else
		qms_cli_usage_error(_("unknown option '%s' for 'qms %s'; see 'qms %s --help'"), name, cmd->name,
				    cmd->name);
	free(name);
	return QMS_EXIT_USAGE;
}

static int parse_option(const struct qms_cli_command *cmd, int argc, char **argv, int *i, void *args)
{
	const char *a = argv[*i];
	const char *v;
	const struct qms_opt *o = find(cmd, a, &v);
	if (!o)
		return unknown_option(cmd, a);
	if (o->type == QMS_OPT_FLAG) {
		if (v)
			return qms_cli_usage_error(_("option --%s takes no value"), o->name);
		if (!strcmp(o->name, "help"))
			return 1;
		return store(o, "", args);
	}
	if (!v) {
		if (*i + 1 >= argc)
			return qms_opts_bad_value(o, "");
		v = argv[++*i];
	}
	return store(o, v, args);
}

int qms_opts_parse(const struct qms_cli_command *cmd, int argc, char **argv, void *args, const char **pos, int *npos)
{
	bool options_done = false;
	*npos = 0;
	/* --lang first: `qms check --help --lang en` prints the help in English */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		enum qms_lang l;
		const char *v = !strncmp(argv[i], "--lang=", 7)              ? argv[i] + 7
				: !strcmp(argv[i], "--lang") && i + 1 < argc ? argv[i + 1]
									     : NULL;
		if (v && (!strcmp(v, "vi") || !strcmp(v, "en")) && !qms_lang_parse(v, &l))
			given_lang = (int)l;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options_done || a[0] != '-' || !strcmp(a, "-")) {
			if (cmd->max_pos >= 0 && *npos >= cmd->max_pos)
				return qms_cli_usage_error(
					_("too many arguments for 'qms %s': '%s'; see 'qms %s --help'"), cmd->name, a,
					cmd->name);
			pos[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			options_done = true;
			continue;
		}
		int rc = parse_option(cmd, argc, argv, &i, args);
		if (rc == 1) {
			qms_cli_set_lang(given_lang, NULL);
			qms_opts_print_help(cmd, stdout);
			return 1;
		}
		if (rc)
			return QMS_EXIT_USAGE;
	}
	if (*npos < cmd->min_pos)
		return qms_cli_usage_error(_("'qms %s' needs %s; see 'qms %s --help'"), cmd->name, _(cmd->positional),
					   cmd->name);
	qms_cli_set_lang(given_lang, NULL);
	return 0;
}

/* ---- the language ---- */

static int lang_of_env(void)
{
	enum qms_lang lang = QMS_LANG_EN;
	qms_lang_from_env(&lang); /* LANGUAGE's first vi or en, else LC_ALL, LC_MESSAGES, LANG */
	return (int)lang;
}

/* The workspace's `lang` when the current folder is in a workspace with a
 * qms.yaml; -1 otherwise. Problems of qms.yaml are for `qms check`. */
static int lang_of_workspace(const char *path)
{
	struct qms_location loc;
	char *err = NULL;
	int lang = -1;
	if (qms_locate(&loc, path, &err) < 0) {
		free(err);
		return -1;
	}
	if (loc.root && loc.has_config) {
		struct qms_settings st;
		struct qms_arena arena = {0};
		struct qms_diags ignored;
		qms_diags_init(&ignored);
		qms_settings_read(&st, &arena, loc.root, &ignored);
		lang = (int)st.lang;
		qms_diags_release(&ignored);
		qms_arena_release(&arena);
	}
	qms_location_release(&loc);
	return lang;
}

int qms_cli_lang_given(void)
{
	return given_lang;
}

void qms_cli_set_lang(int lang, const char *path)
{
	if (lang >= 0)
		given_lang = lang;
	else if (given_lang >= 0)
		lang = given_lang;
	if (lang < 0)
		lang = lang_of_workspace(path ? path : ".");
	if (lang < 0)
		lang = lang_of_env();
	qms_lang_set((enum qms_lang)lang);
}

/* ---- help ---- */

static void opt_label(struct qms_buf *b, const struct qms_opt *o)
{
	qms_buf_reset(b);
	if (o->shrt)
		qms_buf_printf(b, "-%c, ", o->shrt);
	qms_buf_printf(b, "--%s", o->name);
	if (o->arg)
		qms_buf_printf(b, " %s", _(o->arg)); /* DATE is NGÀY in Vietnamese, as in the usage */
}

static void print_opt(FILE *out, const struct qms_opt *o, struct qms_buf *label)
{
	opt_label(label, o);
	const char *help = _(o->help);
	size_t width = qms_text_width(label->buf, label->len);
	fprintf(out, "  %s%*s", label->buf, width < 20 ? (int)(20 - width) : 0, "");
	if (width > 20)
		fprintf(out, "\n  %-20s", "");
	for (const char *p = help; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(out, " %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n') {
			p++;
			fprintf(out, "  %-20s", "");
		}
	}
}

void qms_opts_print_help(const struct qms_cli_command *cmd, FILE *out)
{
	const char *usage = _(cmd->usage);
	const char *prefix = _("usage:");
	bool first = true;
	for (const char *p = usage; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		/* a line that starts with spaces continues the one above */
		fprintf(out, "%*s %s%.*s\n", (int)qms_text_width(prefix, strlen(prefix)), first ? prefix : "",
			*p == ' ' ? "    " : "qms ", (int)n, p);
		first = false;
		p += n + (nl ? 1 : 0);
	}
	fprintf(out, "\n%s\n\n%s\n", _(cmd->description), _("options:"));
	struct qms_buf label;
	qms_buf_init(&label);
	for (const struct qms_opt *o = cmd->opts; o && o->name; o++)
		print_opt(out, o, &label);
	for (const struct qms_opt *o = qms_common_opts; o->name; o++)
		print_opt(out, o, &label);
	qms_buf_release(&label);
	if (cmd->see_also)
		fprintf(out, "\n%s\n", _(cmd->see_also));
	fprintf(out, "\n%s %s\n", _("exit status:"), _(cmd->exit_status));
}
