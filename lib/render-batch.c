/* The batch: which diagrams to make, and making them in worker processes.
 *
 * The calling process reads what every diagram needs (the workspace index,
 * the findings of audits/, the code of each procedure to render) and then
 * forks workers. Graphviz is not thread-safe and leaks, so each worker
 * creates its own Graphviz context after fork(), makes at most
 * WORKER_JOBS diagrams and exits; a diagram that takes longer than the
 * time limit is stopped by alarm() in its worker, and a worker that dies
 * costs one diagram, not the run. Results come back over a pipe; each
 * worker writes its files itself, into the output folder it inherits
 * (qms_dir_write(): temporary file, fsync, rename). */
#include "render.h"
#include "render-cache.h"
#include "results.h"
#include "tthc.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define QMS_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QMS_HAVE_LSAN 1
#endif
#endif
#ifdef QMS_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include "fs.h"
#include "index.h"
#include "schema.h"
#include "workspace.h"

#define WORKER_JOBS 100 /* diagrams per worker process: bounds what Graphviz leaks */
#define MAX_WORKERS 64

/* What the diagrams of one workspace (or of one lone file) share. */
struct context {
	struct qms_index *ix; /* NULL for a lone file */
	bool ix_borrowed; /* ix is the caller's (req->index) */
	enum qms_lang lang;
	double workday_hours;
	struct qms_render_finding *findings;
	const char **finding_process; /* code of the procedure of each finding */
	size_t nfindings;
	struct qms_document *audits; /* kept loaded: the findings borrow their strings */
	size_t naudits;
	/* the procedures as every map sees them, by code (map_procs()) */
	struct qms_render_map_proc *map_procs;
	const char **map_calls;
	size_t nmap_procs;
	bool have_map_procs;
};

/* One diagram to make. */
struct target {
	char *source; /* procedure file as displayed; NULL for the map */
	char *out_name; /* in the output folder: <code>.<format>, maps/<agency>.<format> */
	char *out_path; /* the same under req->out_dir, for messages */
	char *code; /* procedure code, or the agency of the map */
	size_t ctx;
	int32_t date; /* for PDF */
	unsigned line, col;
	struct qms_render_digest digest; /* of its DOT text, when has_digest (req->cache) */
	bool has_digest;
	/* outcome */
	bool done, ok;
	char *error;
	unsigned eline, ecol;
};

struct batch {
	const struct qms_render_request *req;
	struct qms_render_options opt;
	struct context *ctxs;
	size_t nctxs;
	struct target *targets;
	size_t ntargets, cap;
	struct qms_render_result *res;
	struct qms_dir out; /* req->out_dir; workers inherit the descriptor */
	char cwd[PATH_MAX];
	unsigned timeout;
	size_t max_steps;
};

/* ---- problems and targets ---- */

static void add_problem(struct qms_render_result *res, const char *file, unsigned line, unsigned col, const char *fmt,
			...) __attribute__((format(printf, 5, 6)));
static void add_problem(struct qms_render_result *res, const char *file, unsigned line, unsigned col, const char *fmt,
			...)
{
	res->problems = qms_xrealloc(res->problems, (res->nproblems + 1) * sizeof(*res->problems));
	struct qms_render_problem *p = &res->problems[res->nproblems++];
	p->file = qms_xstrdup(file ? file : "");
	p->line = line;
	p->col = col;
	struct qms_buf b;
	qms_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(&b, _(fmt), ap); /* the English format is the msgid */
	va_end(ap);
	p->message = qms_buf_detach(&b);
}

static struct target *add_target(struct batch *bt)
{
	if (bt->ntargets == bt->cap) {
		bt->cap = bt->cap ? bt->cap * 2 : 64;
		bt->targets = qms_xrealloc(bt->targets, bt->cap * sizeof(*bt->targets));
	}
	struct target *t = &bt->targets[bt->ntargets++];
	memset(t, 0, sizeof(*t));
	return t;
}

static bool is_read_error(const struct qms_diag *d)
{
	const struct qms_rule *r = qms_rule_get(d->rule);
	return r->severity == QMS_ERROR && (r->code[0] == 'L' || r->code[0] == 'S');
}

/* Move the reading and schema errors of diags to the result; returns how
 * many there were. */
static size_t keep_read_errors(struct qms_render_result *res, const struct qms_diags *diags, const char *only_file)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->len; i++) {
		const struct qms_diag *d = &diags->items[i];
		if (!is_read_error(d) || (only_file && strcmp(d->file, only_file)))
			continue;
		qms_diags_add(&res->diags, d->file, d->line, d->col, d->rule, "%s", d->message);
		n++;
	}
	return n;
}

/* ---- context of a workspace ---- */

static void load_findings(struct context *c, struct qms_render_result *res)
{
	struct qms_index *ix = c->ix;
	c->audits = qms_xcalloc(ix->nagencies ? ix->nagencies : 1, sizeof(*c->audits));
	size_t cap = 0;
	for (size_t a = 0; a < ix->nagencies; a++) {
		struct qms_diags diags;
		qms_diags_init(&diags);
		struct qms_document *d = &c->audits[c->naudits];
		int rc = qms_document_load(d, ix->agencies[a].path, &diags);
		bool bad = qms_diags_count(&diags, QMS_ERROR) > 0;
		/* the index reported these already; what matters here is
		 * whether the findings can be trusted */
		qms_diags_release(&diags);
		if (rc < 0)
			continue;
		c->naudits++;
		if (bad || d->kind != QMS_KIND_AGENCY)
			continue;
		const struct qms_agency_file *af = d->data;
		for (size_t i = 0; i < af->audits.len; i++) {
			const struct qms_audit *au = &((const struct qms_audit *)af->audits.items)[i];
			for (size_t k = 0; k < au->findings.len; k++) {
				const struct qms_finding *f = &((const struct qms_finding *)au->findings.items)[k];
				if (!f->process.text)
					continue;
				if (c->nfindings == cap) {
					cap = cap ? cap * 2 : 32;
					c->findings = qms_xrealloc(c->findings, cap * sizeof(*c->findings));
					c->finding_process =
						qms_xrealloc(c->finding_process, cap * sizeof(*c->finding_process));
				}
				c->finding_process[c->nfindings] = f->process.text;
				c->findings[c->nfindings++] = (struct qms_render_finding){
					.audit = au->id.text,
					.audit_date = au->date.text ? au->date.date : -1,
					.id = f->id.text,
					.grade = f->grade.text ? f->grade.choice : -1,
					.clause = f->clause.text,
					.step = f->step.text,
					.text = f->text.text,
					.due = f->due.text ? f->due.date : -1,
					.closed = f->closed.text ? f->closed.date : -1,
				};
			}
		}
	}
	(void)res;
}

static void context_release(struct context *c)
{
	for (size_t i = 0; i < c->naudits; i++)
		qms_document_release(&c->audits[i]);
	free(c->audits);
	free(c->findings);
	free(c->map_procs);
	free(c->map_calls);
	free(c->finding_process);
	if (!c->ix_borrowed)
		qms_index_free(c->ix);
	memset(c, 0, sizeof(*c));
}

/* ---- the diagram of one target (in a worker, or here for DOT) ---- */

static int map_proc_cmp(const void *a, const void *b)
{
	const struct qms_render_map_proc *x = a, *y = b;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

/* The procedures of c's index, sorted by code, with their calls: made
 * once, the same for every map. */
static void map_procs(struct context *c)
{
	if (c->have_map_procs)
		return;
	const struct qms_index *ix = c->ix;
	size_t ncalls = 0, n = 0;
	for (size_t i = 0; i < ix->nprocesses; i++)
		ncalls += ix->processes[i].calls.len;
	struct qms_render_map_proc *procs = qms_xcalloc(ix->nprocesses ? ix->nprocesses : 1, sizeof(*procs));
	const char **calls = qms_xcalloc(ncalls ? ncalls : 1, sizeof(*calls));
	ncalls = 0;
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		if (!p->code.text)
			continue;
		struct qms_render_map_proc *m = &procs[n++];
		m->code = p->code.text;
		m->title = p->title.text;
		m->agency = p->agency.text;
		m->owner = p->owner.text;
		m->calls = calls + ncalls;
		for (size_t k = 0; k < p->calls.len; k++)
			if (p->calls.items[k].text)
				calls[ncalls + m->ncalls++] = p->calls.items[k].text;
		ncalls += m->ncalls;
	}
	qsort(procs, n, sizeof(*procs), map_proc_cmp);
	c->map_procs = procs;
	c->map_calls = calls;
	c->nmap_procs = n;
	c->have_map_procs = true;
}

static void map_dot(struct qms_buf *dot, const struct batch *bt, const struct target *t)
{
	struct context *c = &bt->ctxs[t->ctx];
	map_procs(c);
	const struct qms_index_agency *ag = qms_index_find_agency(c->ix, t->code);
	struct qms_render_options opt = bt->opt;
	opt.lang = c->lang;
	qms_render_map_dot(dot, t->code, ag ? ag->name.text : NULL, c->map_procs, c->nmap_procs,
			   qms_render_format_names[bt->opt.format == QMS_RENDER_DOT ? QMS_RENDER_SVG : bt->opt.format],
			   &opt);
}

/* The actual step times of procedure `code` in r, for its diagram. *out
 * is an array the caller frees; returns its length. */
static size_t step_times(struct qms_render_step_time **out, const struct qms_results *r, const char *code,
			 double workday_hours)
{
	*out = NULL;
	double wh = workday_hours > 0 ? workday_hours : 8;
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_group *g = &r->groups[QMS_RD_PROCEDURE][i];
		if (!g->matched || strcmp(g->key, code) != 0)
			continue;
		*out = qms_xcalloc(g->nsteps + 1, sizeof(**out));
		size_t n = 0;
		for (size_t k = 0; k < g->nsteps; k++) {
			const struct qms_results_step *st = &g->steps[k];
			if (!st->hist.n)
				continue;
			double plan = st->has_duration ? qms_tthc_working_hours(&st->duration, wh) : -1;
			(*out)[n++] =
				(struct qms_render_step_time){st->id, qms_results_hist_rank(&st->hist, 0.5) / 60.0,
							      plan > 0 ? plan : -1, (unsigned long)st->hist.n};
		}
		return n;
	}
	return 0;
}

static int process_dot(struct qms_buf *dot, const struct batch *bt, const struct target *t, char **msg)
{
	const struct context *c = &bt->ctxs[t->ctx];
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_document d;
	int rc = qms_document_load(&d, t->source, &diags);
	if (rc == 0 && (d.kind != QMS_KIND_PROCESS || qms_diags_count(&diags, QMS_ERROR))) {
		qms_document_release(&d);
		rc = -1;
	}
	qms_diags_release(&diags);
	if (rc < 0) {
		*msg = qms_xstrdup(_("the file changed while the diagrams were made; run again"));
		return -1;
	}
	const struct qms_process *p = &((const struct qms_process_file *)d.data)->process;
	struct qms_render_finding *mine = qms_xcalloc(c->nfindings ? c->nfindings : 1, sizeof(*mine));
	size_t nmine = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		if (p->code.text && !strcmp(c->finding_process[i], p->code.text))
			mine[nmine++] = c->findings[i];
	const struct qms_index_agency *ag =
		c->ix && p->agency.text ? qms_index_find_agency(c->ix, p->agency.text) : NULL;
	struct qms_render_context ctx = {
		.agency_name = ag ? ag->name.text : NULL,
		.findings = mine,
		.nfindings = nmine,
		.codes = c->ix ? &c->ix->by_code : NULL,
		.link_ext = qms_render_format_names[bt->opt.format == QMS_RENDER_DOT ? QMS_RENDER_SVG : bt->opt.format],
	};
	struct qms_render_step_time *times = NULL;
	if (bt->req->results && p->code.text)
		ctx.nstep_times = step_times(&times, bt->req->results, p->code.text, c->workday_hours);
	ctx.step_times = times;
	struct qms_render_options opt = bt->opt;
	opt.lang = c->lang;
	opt.workday_hours = c->workday_hours;
	qms_render_process_dot(dot, p, &ctx, &opt);
	free(times);
	free(mine);
	qms_document_release(&d);
	return 0;
}

/* Draw the diagram of t into out; *r is the renderer of this process,
 * created on first use. Returns 0, or -1 with *msg (caller frees). */
static int draw_diagram(const struct batch *bt, const struct target *t, struct qms_renderer **r, struct qms_buf *out,
			char **msg)
{
	if (t->source) {
		if (process_dot(out, bt, t, msg) < 0)
			return -1;
	} else {
		map_dot(out, bt, t);
	}
	if (bt->opt.format == QMS_RENDER_DOT)
		return 0;
	struct qms_buf dot = *out;
	qms_buf_init(out);
	if (!*r && qms_renderer_new(r, msg) < 0) {
		qms_buf_release(&dot);
		return -1;
	}
	int rc = qms_renderer_render(*r, out, dot.buf, bt->opt.format, t->date, msg);
	qms_buf_release(&dot);
	return rc;
}

/* Write the diagram drawn for t: outside the time limit of the drawing
 * (an fsync on a busy disk is not the diagram's fault). */
static int write_diagram(const struct batch *bt, const struct target *t, const struct qms_buf *bytes, char **msg)
{
	return qms_dir_write(&bt->out, t->out_name, bytes->buf, bytes->len, bt->req->staged ? QMS_WRITE_NO_SYNC : 0,
			     msg);
}

/* ---- worker processes ---- */

struct result_head {
	uint32_t target;
	uint32_t ok;
	uint32_t len; /* of the message that follows */
};

struct worker {
	pid_t pid; /* 0: not running */
	int job_fd; /* we write target numbers */
	int result_fd; /* we read results */
	size_t target; /* in flight, SIZE_MAX when idle */
	unsigned done; /* diagrams made by this process */
};

static int read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, (char *)buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return got ? -1 : 0;
		got += (size_t)k;
	}
	return 1;
}

static int write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t k = write(fd, (const char *)buf + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		done += (size_t)k;
	}
	return 0;
}

static void release_batch(struct batch *bt);

static _Noreturn void worker_main(struct batch *bt, int job_fd, int result_fd)
{
	signal(SIGALRM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	struct qms_renderer *r = NULL;
	int status = 0;
	for (unsigned k = 0; k < WORKER_JOBS; k++) {
		uint32_t i;
		if (read_full(job_fd, &i, sizeof(i)) != 1 || i >= bt->ntargets)
			break;
		char *msg = NULL;
		struct qms_buf bytes;
		qms_buf_init(&bytes);
		alarm(bt->timeout);
		int rc = draw_diagram(bt, &bt->targets[i], &r, &bytes, &msg);
		alarm(0);
		if (rc == 0)
			rc = write_diagram(bt, &bt->targets[i], &bytes, &msg);
		qms_buf_release(&bytes);
		struct result_head h = {i, rc == 0, msg ? (uint32_t)strlen(msg) : 0};
		int wrc = write_full(result_fd, &h, sizeof(h));
		if (wrc == 0 && h.len)
			wrc = write_full(result_fd, msg, h.len);
		free(msg);
		if (wrc < 0) {
			status = 1;
			break;
		}
	}
	qms_renderer_free(r);
	close(job_fd);
	close(result_fd);
	release_batch(bt);
#ifdef QMS_HAVE_LSAN
	/* The leak checker runs at exit; running it here makes the worker's
	 * status say so, which the caller reports. */
	if (__lsan_do_recoverable_leak_check())
		status = 23;
#endif
	_exit(status);
}

static int spawn(struct batch *bt, struct worker *ws, size_t nworkers, struct worker *w)
{
	int jp[2], rp[2];
	if (pipe(jp) < 0)
		return -1;
	if (pipe(rp) < 0) {
		close(jp[0]);
		close(jp[1]);
		return -1;
	}
	fflush(NULL); /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid < 0) {
		close(jp[0]);
		close(jp[1]);
		close(rp[0]);
		close(rp[1]);
		return -1;
	}
	if (pid == 0) {
		/* Only our own ends: a pipe of another worker held open here
		 * would hide that worker's exit from the parent. */
		for (size_t i = 0; i < nworkers; i++)
			if (ws[i].pid) {
				close(ws[i].job_fd);
				close(ws[i].result_fd);
			}
		close(jp[1]);
		close(rp[0]);
		worker_main(bt, jp[0], rp[1]);
	}
	close(jp[0]);
	close(rp[1]);
	w->pid = pid;
	w->job_fd = jp[1];
	w->result_fd = rp[0];
	w->target = SIZE_MAX;
	w->done = 0;
	return 0;
}

static void finish_target(struct batch *bt, size_t i, bool ok, char *error)
{
	struct target *t = &bt->targets[i];
	t->done = true;
	t->ok = ok;
	t->error = error;
	t->eline = t->line;
	t->ecol = t->col;
}

/* A worker has gone: collect it, and account for the diagram it had. */
static void reap(struct batch *bt, struct worker *w)
{
	close(w->job_fd);
	close(w->result_fd);
	int st = 0;
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	w->pid = 0;
	struct qms_buf b;
	qms_buf_init(&b);
	if (w->target != SIZE_MAX) {
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
			qms_buf_printf(&b,
				       _("the diagram took longer than %u s and was stopped; "
					 "split the procedure or raise --timeout"),
				       bt->timeout);
		else if (WIFSIGNALED(st))
			qms_buf_printf(&b, _("the renderer crashed (signal %d) on this procedure"), WTERMSIG(st));
		else
			qms_buf_printf(&b, _("the renderer stopped (exit status %d) on this procedure"),
				       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		finish_target(bt, w->target, false, qms_buf_detach(&b));
		w->target = SIZE_MAX;
	} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		add_problem(bt->res, NULL, 0, 0, "a render worker exited with status %d",
			    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	}
	qms_buf_release(&b);
}

static void run_workers(struct batch *bt, const size_t *todo, size_t ntodo, unsigned jobs)
{
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n : 1;
	}
	if (jobs > MAX_WORKERS)
		jobs = MAX_WORKERS;
	if (jobs > ntodo)
		jobs = (unsigned)ntodo;
	struct worker ws[MAX_WORKERS];
	memset(ws, 0, sizeof(ws));
	struct sigaction ign = {.sa_handler = SIG_IGN}, old_pipe;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe); /* a dead worker must not kill us */

	size_t next = 0, finished = 0;
	while (finished < ntodo) {
		struct pollfd pfd[MAX_WORKERS];
		size_t who[MAX_WORKERS], npfd = 0;
		for (unsigned k = 0; k < jobs; k++) {
			struct worker *w = &ws[k];
			if (!w->pid && next < ntodo && spawn(bt, ws, jobs, w) < 0) {
				/* Graphviz only ever runs in a worker (one context per
				 * process): without one this diagram cannot be made */
				struct qms_buf b;
				qms_buf_init(&b);
				qms_buf_printf(&b, _("cannot start a worker process: %s"), strerror(errno));
				size_t i = todo[next++];
				finish_target(bt, i, false, qms_buf_detach(&b));
				finished++;
				if (bt->req->progress)
					bt->req->progress(finished, ntodo, bt->req->progress_ctx);
				continue;
			}
			if (w->pid && w->target == SIZE_MAX && next < ntodo) {
				uint32_t i = (uint32_t)todo[next];
				if (write_full(w->job_fd, &i, sizeof(i)) == 0) {
					w->target = todo[next++];
				} else {
					reap(bt, w);
					continue;
				}
			}
			if (w->pid && w->target != SIZE_MAX) {
				pfd[npfd] = (struct pollfd){.fd = w->result_fd, .events = POLLIN};
				who[npfd++] = k;
			}
		}
		if (!npfd)
			continue;
		int n = poll(pfd, npfd, -1);
		if (n < 0)
			continue; /* EINTR */
		for (size_t p = 0; p < npfd; p++) {
			if (!pfd[p].revents)
				continue;
			struct worker *w = &ws[who[p]];
			struct result_head h;
			char *msg = NULL;
			int rc = read_full(w->result_fd, &h, sizeof(h));
			if (rc == 1 && h.len) {
				msg = qms_xmalloc((size_t)h.len + 1);
				rc = read_full(w->result_fd, msg, h.len);
				msg[h.len] = '\0';
			}
			if (rc != 1 || h.target != w->target) {
				free(msg);
				reap(bt, w);
				finished++;
			} else {
				finish_target(bt, w->target, h.ok != 0, msg);
				w->target = SIZE_MAX;
				finished++;
				if (++w->done == WORKER_JOBS)
					reap(bt, w); /* it exits by itself: a fresh one next */
			}
			if (bt->req->progress)
				bt->req->progress(finished, ntodo, bt->req->progress_ctx);
		}
	}
	for (unsigned k = 0; k < jobs; k++) {
		if (!ws[k].pid)
			continue;
		close(ws[k].job_fd); /* end of input: the worker exits */
		ws[k].job_fd = -1;
		char c;
		while (read(ws[k].result_fd, &c, 1) > 0)
			;
		reap(bt, &ws[k]);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
}

/* ---- diagrams made before (req->cache) ---- */

/* Write from the cache what is in it, made from the same DOT text; the
 * others are left in todo[0..returned) for the workers. The DOT text is
 * made here, in the calling process: it costs no Graphviz. */
static size_t from_cache(struct batch *bt, size_t *todo)
{
	const struct qms_render_request *req = bt->req;
	size_t n = 0;
	struct qms_buf dot;
	qms_buf_init(&dot);
	for (size_t i = 0; i < bt->ntargets; i++) {
		struct target *t = &bt->targets[i];
		if (t->source && req->cache_in_place && req->unchanged &&
		    req->unchanged(t->source, req->unchanged_ctx) &&
		    qms_render_cache_reuse(req->cache, t->out_name, &t->digest)) {
			t->has_digest = true;
			finish_target(bt, i, true, NULL);
			continue;
		}
		char *msg = NULL;
		qms_buf_reset(&dot);
		int rc = 0;
		if (t->source)
			rc = process_dot(&dot, bt, t, &msg);
		else
			map_dot(&dot, bt, t);
		free(msg);
		const char *bytes = NULL;
		size_t len = 0;
		if (rc == 0) {
			t->digest = qms_render_digest_of(dot.buf, dot.len);
			t->has_digest = true;
			bytes = qms_render_cache_get(req->cache, t->out_name, t->digest, &len);
		}
		struct qms_buf b = {.buf = (char *)bytes, .len = len};
		if (bytes && (req->cache_in_place || write_diagram(bt, t, &b, &msg) == 0))
			finish_target(bt, i, true, NULL);
		else
			todo[n++] = i; /* a worker makes it, or says why not */
		free(msg);
	}
	qms_buf_release(&dot);
	return n;
}

/* Keep the diagrams of todo[0..n) the workers made. */
static void keep_made(struct batch *bt, const size_t *todo, size_t n)
{
	struct qms_buf b;
	qms_buf_init(&b);
	for (size_t k = 0; k < n; k++) {
		const struct target *t = &bt->targets[todo[k]];
		char *err = NULL;
		qms_buf_reset(&b);
		if (t->ok && t->has_digest && qms_file_read(&b, t->out_path, &err) == 0)
			qms_render_cache_put(bt->req->cache, t->out_name, t->digest, b.buf, b.len);
		else if (!t->ok && bt->req->cache_in_place)
			qms_dir_remove(&bt->out, t->out_name); /* the last one made: not this one */
		free(err);
	}
	qms_buf_release(&b);
}

/* ---- what to render ---- */

static int problem_cmp(const void *a, const void *b)
{
	const struct qms_render_problem *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->message, y->message);
}

/* Where the diagram of `name` goes: a procedure's <code>.<format> in the
 * output folder, a map's maps/<agency>.<format> (a folder of their own: a
 * procedure may be coded like a map file, e.g. `map-so-a`). */
static void set_out(struct target *t, const struct batch *bt, const char *folder, const char *name)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%s%s.%s", folder, name, qms_render_format_names[bt->opt.format]);
	t->out_path = qms_path_join(bt->req->out_dir, b.buf);
	t->out_name = qms_buf_detach(&b);
}

/* Read one file under the paths: a procedure becomes a target. */
static void consider_file(struct batch *bt, size_t ctx, const char *abs, struct qms_strmap *codes,
			  struct qms_arena *arena)
{
	char *path = qms_path_relative(abs, bt->cwd);
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_document d;
	int rc = qms_document_load(&d, path, &diags);
	if (rc < 0) {
		/* not even a document: report it, it may be a broken procedure */
		keep_read_errors(bt->res, &diags, NULL);
		goto out;
	}
	if (d.kind != QMS_KIND_PROCESS) {
		qms_document_release(&d);
		goto out;
	}
	bt->res->total++;
	if (keep_read_errors(bt->res, &diags, NULL)) {
		qms_document_release(&d);
		goto out; /* reported: skipped */
	}
	const struct qms_process *p = &((const struct qms_process_file *)d.data)->process;
	if (!p->code.text) { /* the schema reported it */
		qms_document_release(&d);
		goto out;
	}
	if (p->steps.len > bt->max_steps) {
		add_problem(bt->res, path, p->steps.line, p->steps.col,
			    "%zu steps are more than a diagram can show (at most %zu); split the procedure "
			    "into subprocesses",
			    p->steps.len, bt->max_steps);
		qms_document_release(&d);
		goto out;
	}
	size_t first = qms_strmap_get(codes, p->code.text);
	if (first != SIZE_MAX) {
		const struct target *o = &bt->targets[first];
		add_problem(bt->res, path, p->code.line, p->code.col,
			    "process code '%s' is also used by %s:%u:%u; only one diagram can be %s.%s", p->code.text,
			    o->source, o->line, o->col, p->code.text, qms_render_format_names[bt->opt.format]);
		qms_document_release(&d);
		goto out;
	}
	struct target *t = add_target(bt);
	t->source = qms_xstrdup(path);
	t->code = qms_arena_strdup(arena, p->code.text);
	qms_strmap_put(codes, t->code, bt->ntargets - 1);
	set_out(t, bt, "", p->code.text);
	t->ctx = ctx;
	t->date = p->effective.text ? p->effective.date : -1;
	t->line = p->code.line;
	t->col = p->code.col;
	qms_document_release(&d);
out:
	qms_diags_release(&diags);
	free(path);
}

static struct context *new_context(struct batch *bt)
{
	bt->ctxs = qms_xrealloc(bt->ctxs, (bt->nctxs + 1) * sizeof(*bt->ctxs));
	struct context *c = &bt->ctxs[bt->nctxs++];
	memset(c, 0, sizeof(*c));
	c->lang = bt->req->lang_set ? bt->opt.lang : QMS_LANG_VI;
	c->workday_hours = 8;
	return c;
}

/* The workspace of root: its index, settings and findings; the reading
 * errors of the files every diagram reads (qms.yaml, audits/). */
static int open_workspace(struct batch *bt, struct context *c, const char *root, char **err)
{
	struct qms_diags diags;
	qms_diags_init(&diags);
	const struct qms_diags *read = &diags;
	if (bt->req->index && bt->nctxs == 1) {
		/* the caller's, for the first workspace, with what loading it
		 * reported */
		c->ix = (struct qms_index *)bt->req->index;
		c->ix_borrowed = true;
		if (bt->req->index_diags)
			read = bt->req->index_diags;
	} else if (qms_index_load(&c->ix, root, bt->req->jobs, &diags, err) < 0) {
		qms_diags_release(&diags);
		return -1;
	}
	const struct qms_index *ix = c->ix;
	if (!bt->req->lang_set)
		c->lang = ix->settings.lang;
	if (ix->settings.time.workday_hours > 0)
		c->workday_hours = ix->settings.time.workday_hours;
	char *cfg_abs = qms_path_join(root, "qms.yaml");
	char *cfg = qms_path_relative(cfg_abs, bt->cwd);
	keep_read_errors(bt->res, read, cfg);
	for (size_t a = 0; a < ix->nagencies; a++)
		keep_read_errors(bt->res, read, ix->agencies[a].path);
	free(cfg);
	free(cfg_abs);
	qms_diags_release(&diags);
	load_findings(c, bt->res);
	return 0;
}

static void release_batch(struct batch *bt)
{
	for (size_t i = 0; i < bt->ntargets; i++) {
		free(bt->targets[i].source);
		free(bt->targets[i].out_name);
		free(bt->targets[i].out_path);
		free(bt->targets[i].error);
	}
	free(bt->targets);
	for (size_t i = 0; i < bt->nctxs; i++)
		context_release(&bt->ctxs[i]);
	free(bt->ctxs);
	bt->targets = NULL;
	bt->ntargets = 0;
	bt->ctxs = NULL;
	bt->nctxs = 0;
}

static const char *agency_names_hint(const struct qms_index *ix, const char *agency, struct qms_arena *arena)
{
	const char **ids = qms_arena_alloc(arena, (ix->nagencies + ix->nprocesses + 1) * sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < ix->nagencies; i++)
		if (ix->agencies[i].id.text)
			ids[n++] = ix->agencies[i].id.text;
	return qms_closest(agency, ids, n);
}

static bool agency_known(const struct qms_index *ix, const char *agency)
{
	if (qms_index_find_agency(ix, agency))
		return true;
	for (size_t i = 0; i < ix->nprocesses; i++)
		if (ix->processes[i].agency.text && !strcmp(ix->processes[i].agency.text, agency))
			return true;
	return false;
}

/* The map targets of req in the workspace of loc (the first path): one
 * agency given alone must be known (else *err with a hint); of a list,
 * the unknown ones are left out. The workspace is read once for all. */
static int add_maps(struct batch *bt, const struct qms_location *loc, const char *path, struct qms_arena *arena,
		    char **err)
{
	const struct qms_render_request *req = bt->req;
	if (!loc->root) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, _("'%s' is not in a workspace: a map needs one"), path);
		*err = qms_buf_detach(&b);
		return -1;
	}
	struct context *c = new_context(bt);
	int rc = open_workspace(bt, c, loc->root, err);
	if (rc < 0)
		return rc;
	const char *const one[] = {req->map_agency};
	const char *const *list = req->nmap_agencies ? req->map_agencies : one;
	size_t n = req->nmap_agencies ? req->nmap_agencies : 1;
	if (!req->nmap_agencies && !agency_known(c->ix, req->map_agency)) {
		const char *close = agency_names_hint(c->ix, req->map_agency, arena);
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, _("no agency '%s' in the workspace"), req->map_agency);
		if (close)
			qms_buf_printf(&b, _("; did you mean '%s'?"), close);
		*err = qms_buf_detach(&b);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!agency_known(c->ix, list[i]))
			continue;
		struct target *t = add_target(bt);
		t->code = qms_arena_strdup(arena, list[i]);
		set_out(t, bt, QMS_RENDER_MAPS "/", list[i]);
		t->ctx = bt->nctxs - 1;
		bt->res->total++;
	}
	return 0;
}

/* The diagram targets of the paths: one context per workspace, in the
 * order the paths came, each workspace's files considered once. */
static int add_procedures(struct batch *bt, const struct qms_location *locs, size_t npaths, struct qms_strmap *codes,
			  struct qms_arena *arena, char **err)
{
	for (size_t i = 0; i < npaths; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && locs[i].root; j++)
			seen |= locs[j].root && !strcmp(locs[i].root, locs[j].root);
		if (seen)
			continue;
		size_t ci = bt->nctxs;
		struct context *c = new_context(bt);
		int rc = locs[i].root ? open_workspace(bt, c, locs[i].root, err) : 0;
		if (rc < 0)
			return rc;
		struct qms_strlist files = {0};
		for (size_t j = i; j < npaths; j++) {
			bool same = locs[i].root ? locs[j].root && !strcmp(locs[i].root, locs[j].root) : j == i;
			if (!same)
				continue;
			if (!locs[j].is_dir)
				qms_strlist_push(&files, qms_xstrdup(locs[j].abs));
			else if (locs[j].has_config && !strcmp(locs[j].abs, locs[j].root))
				qms_workspace_files(&files, locs[j].root);
			else
				qms_collect_yaml(&files, locs[j].abs);
		}
		qms_strlist_sort(&files);
		for (size_t k = 0; k < files.len; k++)
			if (k == 0 || strcmp(files.items[k], files.items[k - 1]))
				consider_file(bt, ci, files.items[k], codes, arena);
		qms_strlist_release(&files);
	}
	return 0;
}

int qms_render_paths(struct qms_render_result *out, const struct qms_render_request *req, char **err)
{
	static const char *const here[] = {"."};
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->diags);
	*err = NULL;
	struct batch bt = {.req = req, .opt = req->opt, .res = out, .out = {.fd = -1}};
	bt.timeout = req->timeout ? req->timeout : QMS_RENDER_TIMEOUT;
	bt.max_steps = req->max_steps ? req->max_steps : QMS_RENDER_MAX_STEPS;
	if (!getcwd(bt.cwd, sizeof(bt.cwd)))
		strcpy(bt.cwd, "/");
	const char *const *paths = req->npaths ? req->paths : here;
	size_t npaths = req->npaths ? req->npaths : 1;
	struct qms_location *locs = qms_xcalloc(npaths, sizeof(*locs));
	struct qms_arena arena = {0};
	struct qms_strmap codes = {.arena = &arena};
	int rc = -1;
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			struct qms_buf b;
			qms_buf_init(&b);
			qms_buf_printf(&b, _("cannot render '%s': %s"), paths[i], strerror(errno));
			*err = qms_buf_detach(&b);
			goto done;
		}
		if (qms_locate(&locs[i], paths[i], err) < 0)
			goto done;
	}

	if (req->map_agency || req->nmap_agencies) {
		if (add_maps(&bt, &locs[0], paths[0], &arena, err) < 0)
			goto done;
	} else {
		if (add_procedures(&bt, locs, npaths, &codes, &arena, err) < 0)
			goto done;
	}

	if (bt.ntargets && qms_dir_open(&bt.out, req->out_dir, true, err) < 0)
		goto done;
	size_t *todo = qms_xcalloc(bt.ntargets ? bt.ntargets : 1, sizeof(*todo));
	for (size_t i = 0; i < bt.ntargets; i++)
		todo[i] = i;
	if (bt.opt.format == QMS_RENDER_DOT) {
		/* no Graphviz: nothing to guard against */
		for (size_t i = 0; i < bt.ntargets; i++) {
			char *msg = NULL;
			struct qms_buf bytes;
			qms_buf_init(&bytes);
			int r = draw_diagram(&bt, &bt.targets[i], &(struct qms_renderer *){NULL}, &bytes, &msg);
			if (r == 0)
				r = write_diagram(&bt, &bt.targets[i], &bytes, &msg);
			qms_buf_release(&bytes);
			finish_target(&bt, i, r == 0, msg);
			if (req->progress)
				req->progress(i + 1, bt.ntargets, req->progress_ctx);
		}
	} else if (bt.ntargets) {
		size_t ntodo = req->cache ? from_cache(&bt, todo) : bt.ntargets;
		if (ntodo)
			run_workers(&bt, todo, ntodo, req->jobs);
		if (req->cache)
			keep_made(&bt, todo, ntodo);
	}
	free(todo);
	for (size_t i = 0; i < bt.ntargets; i++) {
		struct target *t = &bt.targets[i];
		if (t->ok) {
			out->written++;
		} else if (t->source) {
			add_problem(out, t->source, t->eline, t->ecol, "%s",
				    t->error ? t->error : "the diagram was not made");
		} else {
			add_problem(out, t->out_path, 0, 0, "%s", t->error ? t->error : "the map was not made");
		}
	}
	qms_diags_sort(&out->diags);
	if (out->nproblems > 1)
		qsort(out->problems, out->nproblems, sizeof(*out->problems), problem_cmp);
	rc = 0;
done:
	qms_dir_close(&bt.out);
	release_batch(&bt);
	for (size_t i = 0; i < npaths; i++)
		qms_location_release(&locs[i]);
	free(locs);
	qms_strmap_release(&codes);
	qms_arena_release(&arena);
	if (rc < 0)
		qms_render_result_release(out);
	return rc;
}

void qms_render_result_release(struct qms_render_result *r)
{
	qms_diags_release(&r->diags);
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].file);
		free(r->problems[i].message);
	}
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
