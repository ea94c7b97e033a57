#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qms.h"
#include "cli.h"
#include "opts.h"

#ifndef QMS_VERSION
#define QMS_VERSION "0.1.0"
#endif

const struct qms_cli_command *const qms_cli_commands[] = {
	&qms_audit_command,
	&qms_audit_status_command,
	&qms_audit_board_command,
	&qms_audit_new_command,
	&qms_audit_stage_command,
	&qms_audit_add_command,
	&qms_audit_finding_command,
	&qms_audit_close_command,
	&qms_audit_verify_command,
	&qms_check_command,
	&qms_coverage_command,
	&qms_clauses_command,
	&qms_export_command,
	&qms_render_command,
	&qms_migrate_command,
	&qms_report_command,
	&qms_results_command,
	&qms_site_command,
	&qms_init_command,
	&qms_new_command,
	&qms_schema_command,
	&qms_serve_command,
	NULL,
};

static void print_help(FILE *out)
{
	fprintf(out, "%s qms [-C DIR] [--lang vi|en] [--version] [--help] %s\n\n%s\n\n%s\n", _("usage:"),
		_("COMMAND [ARGS]"), _("Quality management under ISO 9001:2015 for state administrative agencies."),
		_("commands:"));
	for (size_t i = 0; qms_cli_commands[i]; i++) {
		const struct qms_cli_command *c = qms_cli_commands[i];
		if (c->run)
			fprintf(out, "  %-10s %s\n", c->name, _(c->summary));
	}
	fprintf(out, "\n%s\n", _("options:"));
	fprintf(out, "  %-11s %s\n", "-C DIR", _("run as if started in DIR (the workspace)"));
	fprintf(out, "  %-11s %s\n", "--lang", _("language of messages: vi or en"));
	fprintf(out, "  %-11s %s\n", "--version", _("print the version and the editions of the catalogs"));
	fprintf(out, "  %-11s %s\n", "--help", _("print this help; `qms COMMAND --help` for a command"));
	fprintf(out, "\n%s %s\n", _("exit status:"), _("0 clean, 1 findings, 2 usage error, 3 I/O error"));
}

static int print_version(void)
{
	printf("qms %s\n", QMS_VERSION);
	struct qms_catalogs cat;
	struct qms_diags diags;
	qms_diags_init(&diags);
	char *err = NULL;
	if (qms_catalogs_open(&cat, NULL, &diags, &err) == 0) {
		printf(_("catalogs: %s\n"), cat.dir);
		for (size_t i = 0; i < cat.ncatalogs; i++)
			printf(_("catalog: %s%s%s%s\n"), cat.catalogs[i].id, cat.catalogs[i].national ? " (" : "",
			       cat.catalogs[i].national ? cat.catalogs[i].national : "",
			       cat.catalogs[i].national ? ")" : "");
	} else {
		printf(_("catalogs: none usable: %s\n"), err);
		free(err);
	}
	qms_catalogs_release(&cat);
	qms_diags_release(&diags);
	return QMS_EXIT_CLEAN;
}

int32_t qms_cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char d[16];
	if (!localtime_r(&now, &tm) || !strftime(d, sizeof(d), "%Y-%m-%d", &tm))
		return 0;
	return qms_date_parse(d);
}

char *qms_cli_workspace_root(void)
{
	struct qms_location loc;
	char *err = NULL;
	int rc = qms_locate(&loc, ".", &err);
	if (rc < 0) {
		qms_cli_fail(rc, err);
		return NULL;
	}
	char *root = loc.root && loc.has_config ? qms_xstrdup(loc.root) : NULL;
	qms_location_release(&loc);
	if (!root)
		qms_cli_usage_error(_("not in a workspace: no qms.yaml here or in a folder above; "
				      "'qms init' makes one, '-C DIR' names one"));
	return root;
}

bool qms_cli_use_color(FILE *stream)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	return isatty(fileno(stream));
}

void qms_cli_progress(size_t done, size_t total, void *ctx)
{
	fprintf(stderr, "\r%s: %zu/%zu", (const char *)ctx, done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Format, make printable, write to stream. */
static void print_printable(FILE *stream, const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void print_printable(FILE *stream, const char *prefix, const char *fmt, va_list ap)
{
	struct qms_buf raw, out;
	qms_buf_init(&raw);
	qms_buf_init(&out);
	qms_buf_vprintf(&raw, fmt, ap);
	qms_buf_adds(&out, prefix);
	qms_buf_add_printable(&out, raw.buf, raw.len, true);
	if (stream == stdout)
		qms_cli_write(&out);
	else
		fwrite(out.buf, 1, out.len, stream);
	qms_buf_release(&raw);
	qms_buf_release(&out);
}

void qms_cli_write_text(const struct qms_buf *b)
{
	struct qms_buf out;
	qms_buf_init(&out);
	qms_buf_add_printable(&out, b->buf, b->len, true);
	qms_cli_write(&out);
	qms_buf_release(&out);
}

void qms_cli_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_printable(stdout, "", fmt, ap);
	va_end(ap);
}

void qms_cli_eprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_printable(stderr, "", fmt, ap);
	va_end(ap);
}

int qms_cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* a literal format is the msgid (callers that pass _() get it as is) */
	print_printable(stderr, "qms: ", _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	return QMS_EXIT_USAGE;
}

int qms_cli_exit_of(int rc)
{
	switch (rc) {
	case QMS_ERR_DATA: return QMS_EXIT_FINDINGS;
	case QMS_ERR_IO: return QMS_EXIT_IO;
	default: return QMS_EXIT_USAGE;
	}
}

int qms_cli_fail(int rc, char *err)
{
	qms_cli_usage_error("%s", err ? err : _("the command failed"));
	free(err);
	return qms_cli_exit_of(rc);
}

/* Whether standard output was closed when qms started (`>&-`). */
static bool stdout_was_closed;

/* Say why standard output could not be written; returns QMS_EXIT_IO. */
static int stdout_error(int err)
{
	if (stdout_was_closed)
		qms_cli_usage_error(_("standard output is closed: nothing could be written; redirect it to a "
				      "file or to /dev/null instead"));
	else if (err)
		qms_cli_usage_error(_("cannot write to the standard output: %s"), strerror(err));
	else
		qms_cli_usage_error(_("cannot write to the standard output"));
	return QMS_EXIT_IO;
}

int qms_cli_write_output(const char *path, const struct qms_buf *b)
{
	if (path && strcmp(path, "-")) {
		char *err = NULL;
		int rc = qms_file_write_output(path, b->buf, b->len, &err);
		return rc < 0 ? qms_cli_fail(rc, err) : QMS_EXIT_CLEAN;
	}
	errno = 0;
	if (fwrite(b->buf, 1, b->len, stdout) != b->len || fflush(stdout) != 0)
		return stdout_error(errno);
	return QMS_EXIT_CLEAN;
}

/* errno of the first failed qms_cli_write(), 0 when none failed */
static int stdout_errno;

void qms_cli_write(const struct qms_buf *b)
{
	errno = 0;
	if (fwrite(b->buf, 1, b->len, stdout) != b->len && !stdout_errno)
		stdout_errno = errno ? errno : EIO;
}

int qms_cli_make_dir(const char *path)
{
	char *err = NULL;
	int rc = qms_dir_make(path, &err);
	return rc < 0 ? qms_cli_fail(rc, err) : QMS_EXIT_CLEAN;
}

static int change_dir(const char *dir)
{
	if (chdir(dir) < 0)
		return qms_cli_usage_error(_("cannot change to '%s': %s"), dir, strerror(errno));
	return 0;
}

/* `-C DIR` is also accepted after the command name (`qms check -C ws`);
 * take it out before the command parses its options. Returns the new
 * argc, or -1 after a usage error. */
static int take_dir_options(int argc, char **argv)
{
	int argn = 1, out = 1;
	for (; argn < argc; argn++) {
		if (!strcmp(argv[argn], "--"))
			break;
		if (!strcmp(argv[argn], "-C")) {
			if (argn + 1 >= argc)
				return qms_cli_usage_error(_("-C needs a folder")), -1;
			if (change_dir(argv[++argn]))
				return -1;
			continue;
		}
		argv[out++] = argv[argn];
	}
	for (; argn < argc; argn++)
		argv[out++] = argv[argn];
	argv[out] = NULL;
	return out;
}

/* Hidden commands used by the build: man pages, completion, the tables. */
static int hidden(int argc, char **argv)
{
	if (!strcmp(argv[0], "__man")) {
		for (size_t i = 0; qms_cli_commands[i]; i++)
			if (argc > 1 && !strcmp(qms_cli_commands[i]->name, argv[1])) {
				qms_opts_print_man(qms_cli_commands[i], stdout);
				return QMS_EXIT_CLEAN;
			}
		qms_opts_print_man(NULL, stdout);
		return QMS_EXIT_CLEAN;
	}
	if (!strcmp(argv[0], "__completion")) {
		qms_opts_print_bash_completion(stdout);
		return QMS_EXIT_CLEAN;
	}
	qms_opts_print_json(stdout);
	return QMS_EXIT_CLEAN;
}

/* The commands that only read the workspace: they run with its handle
 * open (workspace.h), so that each file is read once however many parts
 * of the library read it. The others write files and read them back:
 * they read the disk. */
static bool reads_workspace(const char *name)
{
	static const char *const names[] = {"check",   "render", "report",  "site",  "serve",   "coverage",
					    "clauses", "export", "results", "audit", "migrate", "new"};
	for (size_t k = 0; k < QMS_ARRAY_LEN(names); k++)
		if (!strcmp(name, names[k]))
			return true;
	return false;
}

/* Open the handle of the workspace of the current folder for command
 * `name` (close it for the others). A folder that cannot be used is the
 * command's to report. */
static void open_workspace(const char *name)
{
	qms_workspace_close(qms_workspace_current());
	if (!reads_workspace(name))
		return;
	struct qms_workspace *ws;
	char *err = NULL;
	if (qms_workspace_open(&ws, ".", 0, &err) < 0)
		free(err);
}

static int run(int argc, char **argv, int i)
{
	if (!strcmp(argv[i], "__man") || !strcmp(argv[i], "__completion") || !strcmp(argv[i], "__options"))
		return hidden(argc - i, argv + i);
	for (size_t k = 0; qms_cli_commands[k]; k++) {
		const struct qms_cli_command *c = qms_cli_commands[k];
		if (!c->run || strcmp(argv[i], c->name))
			continue;
		int n = take_dir_options(argc - i, argv + i);
		if (n < 0)
			return QMS_EXIT_USAGE;
		if (n != argc - i) /* -C after the command: another folder */
			open_workspace(c->name);
		return c->run(n, argv + i);
	}
	const char *names[32];
	size_t n = 0;
	for (size_t k = 0; qms_cli_commands[k] && n < 32; k++)
		if (qms_cli_commands[k]->run)
			names[n++] = qms_cli_commands[k]->name;
	const char *close = qms_closest(argv[i], names, n);
	if (close)
		return qms_cli_usage_error(_("'%s' is not a qms command; did you mean '%s'?"), argv[i], close);
	return qms_cli_usage_error(_("'%s' is not a qms command; see 'qms --help'"), argv[i]);
}

/* Every write to standard output is checked here, at the latest: stdio
 * keeps the first error, and fclose() reports one met while flushing. A
 * command's result is only as good as its output: exit 3 when it was not
 * written (said once: a command that failed already said why). */
static int finish(int rc)
{
	qms_workspace_close(qms_workspace_current());
	bool failed = ferror(stdout) != 0;
	errno = 0;
	if (fclose(stdout) != 0)
		failed = true;
	else
		errno = stdout_errno;
	if (!failed)
		return rc;
	return rc == QMS_EXIT_USAGE || rc == QMS_EXIT_IO ? rc : stdout_error(errno);
}

/* A closed standard stream would be taken by the next file qms opens (a
 * lock, a tracker, a temporary file) and what qms prints would land in
 * it. Give each closed one a descriptor on which writes fail instead: the
 * error is then seen like any other write error. */
static void guard_standard_streams(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == 1)
			stdout_was_closed = true;
		/* the lowest free descriptor: fd itself */
		if (open("/dev/null", O_RDONLY) != fd)
			_exit(QMS_EXIT_USAGE);
	}
}

int main(int argc, char **argv)
{
	qms_heap_prefer_huge_pages();
	guard_standard_streams();
	int i = 1, lang = -1;
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			qms_cli_set_lang(lang, NULL);
			print_help(stdout);
			return finish(QMS_EXIT_CLEAN);
		} else if (!strcmp(a, "--version")) {
			qms_cli_set_lang(lang, NULL);
			return finish(print_version());
		} else if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : "";
			if (strcmp(v, "vi") && strcmp(v, "en"))
				return qms_opts_bad_value(&qms_common_opts[0], v);
			lang = !strcmp(v, "vi") ? QMS_LANG_VI : QMS_LANG_EN;
			qms_lang_set((enum qms_lang)lang);
			i++;
		} else if (!strcmp(a, "-C")) {
			if (i + 1 >= argc)
				return qms_cli_usage_error(_("-C needs a folder"));
			if (change_dir(argv[i + 1]))
				return QMS_EXIT_USAGE;
			i += 2;
		} else if (!strncmp(a, "-C", 2)) {
			if (change_dir(a + 2))
				return QMS_EXIT_USAGE;
			i++;
		} else {
			return qms_cli_usage_error(_("unknown option '%s'; see 'qms --help'"), a);
		}
	}
	if (i < argc)
		open_workspace(argv[i]);
	qms_cli_set_lang(lang, NULL);
	if (i >= argc) {
		print_help(stderr);
		return QMS_EXIT_USAGE;
	}
	return finish(run(argc, argv, i));
}
