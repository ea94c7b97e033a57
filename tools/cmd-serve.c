/* qms serve: a local preview of the site that follows the files. The site
 * is built as `qms site` builds it (lib/report.c, lib/site.c) into a
 * private folder, served over HTTP (serve-http.c), and brought up to date
 * after the workspace's files change (lib/watch.c): the changed files read
 * again, the rest from memory; each page reloads itself when a new build
 * is done. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"
#include "serve-http.h"

#define DEBOUNCE_MS 150
#define DEFAULT_PORT 8080

struct args {
	int32_t as_of;
	unsigned long port;
	const char *bind, *out;
	unsigned jobs;
};

#define O(f) offsetof(struct args, f)
static const struct qms_opt serve_opts[] = {
	{"port", 0, QMS_OPT_UINT, "N", NULL, O(port), N_("the TCP port (default 8080); 0: a free one, printed")},
	{"bind", 0, QMS_OPT_STRING, N_("ADDR"), NULL, O(bind),
	 N_("the IP address to listen on (default 127.0.0.1, this\n"
	    "computer only; 0.0.0.0 opens the site to the network)")},
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today, at each build)")},
	{"out", 0, QMS_OPT_DIR, N_("DIR"), NULL, O(out),
	 N_("build the site in DIR (as 'qms site --out DIR', kept\n"
	    "after the server stops); default: a new folder in\n"
	    "$TMPDIR (or /tmp), removed when it stops")},
	{"jobs", 'j', QMS_OPT_JOBS, "N", NULL, O(jobs), N_("diagram worker processes (default: one per core)")},
	{0},
};
#undef O

const struct qms_cli_command qms_serve_command = {
	.name = "serve",
	.run = qms_cmd_serve,
	.usage = N_("serve [--port N] [--bind ADDR] [--as-of DATE] [--out DIR] [-j N]"),
	.summary = N_("preview the site in a browser, rebuilt and reloaded when a file changes"),
	.description = N_("Build the site of the workspace (as 'qms site' does) and serve it over\n"
			  "HTTP at http://127.0.0.1:8080/ until Ctrl-C. When a file of processes/,\n"
			  "audits/, calendar/ or qms.yaml changes, the site is brought up to date\n"
			  "(150 ms after the last change: only the changed files are read again,\n"
			  "only diagrams whose text changed are drawn again, only pages whose bytes\n"
			  "changed are written) and the pages open in a browser reload\n"
			  "themselves: a procedure's page shows its new text, its diagram and the\n"
			  "problems 'qms check' finds in it, with file and line.\n"
			  "Only the files of the site are served (GET and HEAD), never through a\n"
			  "symbolic link nor outside its folder."),
	.opts = serve_opts,
	.see_also = N_("See docs/serve.md."),
	.exit_status = N_("0 stopped by Ctrl-C or SIGTERM, 2 usage error, 3 I/O error (a port in use, a folder that "
			  "cannot be watched or written)"),
};

static int stop_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	(void)sig;
	int saved = errno;
	if (write(stop_pipe[1], "x", 1) < 0) { /* full: a stop is already waiting */
	}
	errno = saved;
}

static int catch_signals(void)
{
	if (pipe(stop_pipe) < 0)
		return -1;
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What the builds keep from one to the next: the workspace's files, read
 * and decoded (workspace.h), and the diagrams (render.h). A change to a
 * file drops that file only; the next build reads it again and makes
 * again the diagrams whose DOT text changed. Everything else is computed
 * again from memory, as `qms site` computes it, so the site is the one
 * `qms site` builds from the same files. */
static struct qms_site_memo *memo;
/* and the diagnostics of each file's own rules (check.h), by its bytes */
static struct qms_check_memo *checks;

/* Open the handle of the workspace that keeps documents. Returns 0, or
 * -1 after printing why. */
static int open_workspace(void)
{
	struct qms_workspace *ws;
	char *err = NULL;
	if (qms_workspace_open(&ws, ".", QMS_WORKSPACE_KEEP_DOCUMENTS, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

/* Forget what changed since the last build: each file named, or all of
 * them when the watch cannot tell which. */
static void forget_changes(struct qms_watch *w)
{
	struct qms_strlist changed = {0};
	bool all = false;
	qms_watch_take_changes(w, &changed, &all);
	struct qms_workspace *ws = qms_workspace_current();
	if (all || !ws) {
		open_workspace();
		qms_site_memo_changed(memo, NULL);
		qms_check_memo_clear(checks);
	} else {
		for (size_t i = 0; i < changed.len; i++) {
			if (qms_workspace_changed(ws, changed.items[i]) == QMS_CHANGE_GLOBAL) {
				qms_site_memo_changed(memo, NULL);
				qms_check_memo_clear(checks);
			}
			qms_site_memo_changed(memo, changed.items[i]);
		}
	}
	qms_strlist_release(&changed);
}

/* Build the site into dir. Returns 0, or -1 after printing why (the
 * previous site, if any, stays). */
static int build(const struct args *a, const char *dir)
{
	long t0 = now_ms();
	struct qms_report_options ropt = {.as_of = a->as_of < 0 ? qms_cli_today() : a->as_of,
					  .lang = (int)qms_lang_get(),
					  .jobs = a->jobs,
					  .keep_procedures = true};
	struct qms_report r;
	char *err = NULL;
	if (qms_report_compute(&r, ".", &ropt, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		return -1;
	}
	struct qms_site_options sopt = {.out_dir = dir, .jobs = a->jobs, .memo = memo};
	struct qms_site_result res;
	int rc = qms_site_build(&res, &r, &sopt, &err);
	if (rc < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
	} else {
		qms_cli_print_render_problems(&res.render);
		qms_cli_print_render_problems(&res.maps);
		qms_cli_printf(_("built %zu pages and %zu diagrams in %ld ms"), res.pages, res.diagrams, now_ms() - t0);
		if (r.errors)
			qms_cli_printf(r.errors == 1 ? _("; %zu error in the workspace's files (on its pages)")
						     : _("; %zu errors in the workspace's files (on their pages)"),
				       r.errors);
		putchar('\n');
		qms_site_result_release(&res);
	}
	fflush(stdout);
	qms_report_release(&r);
	return rc;
}

/* Wait for changes and build again until a signal. Returns an exit status. */
static int follow(const struct args *a, const char *dir, struct qms_watch *w, atomic_ulong *version)
{
	long due = -1; /* when to build, after the last change; -1: nothing pending */
	for (;;) {
		struct pollfd fds[2] = {{.fd = stop_pipe[0], .events = POLLIN},
					{.fd = qms_watch_fd(w), .events = POLLIN}};
		long wait = due < 0 ? -1 : due - now_ms();
		int n = poll(fds, 2, due < 0 ? -1 : (int)(wait < 0 ? 0 : wait));
		if (n < 0 && errno != EINTR)
			return qms_cli_usage_error("%s: %s", "poll", strerror(errno)), QMS_EXIT_IO;
		if (n > 0 && fds[0].revents)
			return QMS_EXIT_CLEAN;
		if (n > 0 && fds[1].revents) {
			char *err = NULL;
			int changes = qms_watch_read(w, &err);
			if (changes < 0)
				return qms_cli_fail(changes, err);
			if (changes)
				due = now_ms() + DEBOUNCE_MS;
			continue;
		}
		if (due >= 0 && now_ms() >= due) {
			due = -1;
			forget_changes(w);
			if (build(a, dir) >= 0)
				atomic_fetch_add(version, 1);
		}
	}
}

/* The folder to build in: --out, or a new one in $TMPDIR (*tmp set, the
 * caller removes it). NULL after printing why. Caller frees. */
static char *site_folder(const struct args *a, char **tmp)
{
	*tmp = NULL;
	char *err = NULL;
	if (a->out) {
		if (qms_site_check_dir(a->out, &err) < 0) {
			qms_cli_usage_error("%s", err);
			free(err);
			return NULL;
		}
		return qms_xstrdup(a->out);
	}
	const char *t = getenv("TMPDIR");
	char *tpl = qms_path_join(t && *t ? t : "/tmp", "qms-serve-XXXXXX");
	if (!mkdtemp(tpl)) {
		qms_cli_usage_error(_("cannot create a folder in '%s': %s"), t && *t ? t : "/tmp", strerror(errno));
		free(tpl);
		return NULL;
	}
	*tmp = tpl;
	return qms_path_join(tpl, "site");
}

static void remove_tmp(char *tmp)
{
	if (!tmp)
		return;
	struct qms_dir d;
	if (qms_dir_open(&d, tmp, false, NULL) == 0) {
		qms_dir_remove_tree(&d, "site");
		qms_dir_close(&d);
	}
	rmdir(tmp);
	free(tmp);
}

/* The HTTP server runs in a child process, so that the process that
 * builds stays single-threaded: the site's diagram workers are forked
 * from it, and a fork from a process with the library's thread running
 * could copy a lock that thread held. The child writes its port (0: it
 * could not listen, after printing why, and exits with the status that
 * says why) to port_fd and serves until SIGTERM or SIGINT. */
static _Noreturn void http_child(const struct args *a, const char *dir, atomic_ulong *version, int port_fd)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL); /* before the library's thread starts: it inherits the mask */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	char *err = NULL;
	struct qms_dir site;
	struct qms_http *h = NULL;
	int rc = qms_dir_open(&site, dir, true, &err);
	if (rc == 0) {
		h = qms_http_start(a->bind, (unsigned)a->port, &site, version, &err);
		rc = h ? 0 : QMS_ERR_IO; /* qms_http_start() refuses only what it cannot do */
	}
	unsigned port = h ? qms_http_port(h) : 0;
	int status = h ? QMS_EXIT_CLEAN : qms_cli_fail(rc, err);
	if (write(port_fd, &port, sizeof(port)) != sizeof(port) || !h)
		_exit(h ? QMS_EXIT_IO : status);
	close(port_fd);
	int sig;
	sigwait(&set, &sig);
	qms_http_stop(h);
	qms_dir_close(&site);
	_exit(QMS_EXIT_CLEAN);
}

/* Start http_child(); *port set. Returns its pid, or -1 after printing why
 * with *status the exit status that says why. */
static pid_t start_http(const struct args *a, const char *dir, atomic_ulong *version, unsigned *port, int *status)
{
	*status = QMS_EXIT_IO;
	int fds[2];
	if (pipe(fds) < 0)
		return qms_cli_usage_error("%s: %s", "pipe", strerror(errno)), -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		http_child(a, dir, version, fds[1]);
	}
	close(fds[1]);
	*port = 0;
	ssize_t n = pid < 0 ? -1 : read(fds[0], port, sizeof(*port));
	close(fds[0]);
	if (pid < 0)
		return qms_cli_usage_error("%s: %s", "fork", strerror(errno)), -1;
	if (n != sizeof(*port) || !*port) {
		int st;
		if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st))
			*status = WEXITSTATUS(st);
		return -1;
	}
	return pid;
}

static int serve(const struct args *a, const char *root, const char *dir)
{
	/* shared with the HTTP process: the number of the last build */
	atomic_ulong *version = mmap(NULL, sizeof(*version), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (version == MAP_FAILED)
		return qms_cli_usage_error("%s: %s", "mmap", strerror(errno)), QMS_EXIT_IO;
	atomic_init(version, 1);
	memo = qms_site_memo_new();
	checks = qms_check_memo_new();
	qms_check_memo_install(checks);
	open_workspace();
	build(a, dir); /* a failed first build still serves: the next one may work */
	char *err = NULL;
	struct qms_watch *w = qms_watch_open(root, &err);
	if (!w) {
		qms_cli_fail(QMS_ERR_IO, err); /* qms_watch_open() fails only on I/O */
		munmap(version, sizeof(*version));
		qms_site_memo_free(memo);
		memo = NULL;
		qms_check_memo_free(checks);
		checks = NULL;
		return QMS_EXIT_IO;
	}
	unsigned port;
	int rc;
	pid_t pid = start_http(a, dir, version, &port, &rc);
	if (pid > 0) {
		bool v6 = strchr(a->bind, ':') != NULL;
		qms_cli_printf(_("serving %s at http://%s%s%s:%u/ (Ctrl-C stops)\n"), dir, v6 ? "[" : "", a->bind,
			       v6 ? "]" : "", port);
		fflush(stdout);
		rc = follow(a, dir, w, version);
		kill(pid, SIGTERM);
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	qms_watch_close(w);
	munmap(version, sizeof(*version));
	qms_site_memo_free(memo);
	memo = NULL;
	qms_check_memo_free(checks);
	checks = NULL;
	return rc;
}

int qms_cmd_serve(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_serve_command, &a);
	a.port = ULONG_MAX;
	const char *pos[1];
	int npos;
	int p = qms_opts_parse(&qms_serve_command, argc, argv, &a, pos, &npos);
	if (p)
		return p == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	if (a.port == ULONG_MAX)
		a.port = DEFAULT_PORT;
	if (a.port > 65535)
		return qms_cli_usage_error(_("--port: %lu is not a port (0 to 65535)"), a.port);
	if (!a.bind)
		a.bind = "127.0.0.1";
	if (!qms_http_address_ok(a.bind))
		return qms_cli_usage_error(_("'%s' is not an IP address (such as 127.0.0.1 or ::1)"), a.bind);
	char *root = qms_cli_workspace_root();
	if (!root)
		return QMS_EXIT_USAGE;
	if (catch_signals() < 0) {
		free(root);
		return qms_cli_usage_error("%s: %s", "pipe", strerror(errno)), QMS_EXIT_IO;
	}
	char *tmp;
	char *dir = site_folder(&a, &tmp);
	int rc = dir ? serve(&a, root, dir) : QMS_EXIT_USAGE;
	remove_tmp(tmp);
	free(dir);
	free(root);
	return rc;
}
