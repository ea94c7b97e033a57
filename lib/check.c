#include "check.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"
#include "schema.h"
#include "workspace.h"

/* What later, cross-file rules need to know of a document once its tree
 * is freed: a few strings with their positions. */
struct ref {
	char *text;
	unsigned line, col;
};

struct file_job {
	char *abs;
	char *path;   /* as displayed */
	bool report;  /* under one of the paths given */
	bool done;
	int kind;     /* enum qms_kind, or -1 when not decoded */
	struct ref code;    /* process code */
	struct ref agency;  /* process/system: its agency; agency file: its id */
	struct ref *calls;  /* subprocess targets */
	size_t ncalls;
	struct qms_diags diags;
};

struct group;

/* One per worker thread: what the worker keeps of each document. Kept out
 * of malloc on purpose: small strings left behind by every file fragment
 * the heap that libyaml reuses for its buffers, which costs more than the
 * rest of the check. */
struct worker_ctx {
	struct group *g;
	struct qms_arena arena;
};

struct group {
	char *root;            /* absolute, NULL for lone files */
	bool has_config;
	struct file_job *files;
	size_t nfiles, cap;
	struct qms_strmap seen; /* abs path -> index in files */
	char cwd[PATH_MAX];     /* paths are shown relative to it */
	struct qms_time_settings ts;
	atomic_size_t next_job;
	atomic_size_t jobs_done;
	const struct qms_check_options *opt;
	pthread_mutex_t progress_lock;
	struct worker_ctx workers[64]; /* own the strings of the file jobs */
};


static struct ref ref_of(struct qms_arena *arena, const struct qms_value *v)
{
	struct ref r = {0};
	if (v->text) {
		r.text = qms_arena_strdup(arena, v->text);
		r.line = v->line;
		r.col = v->col;
	}
	return r;
}

static void summarise(struct qms_arena *arena, struct file_job *job, const struct qms_document *d)
{
	job->kind = (int)d->kind;
	switch (d->kind) {
	case QMS_KIND_PROCESS: {
		const struct qms_process *p = &((const struct qms_process_file *)d->data)->process;
		job->code = ref_of(arena, &p->code);
		job->agency = ref_of(arena, &p->agency);
		for (size_t i = 0; i < p->steps.len; i++)
			if (qms_process_step(p, i)->calls.text)
				job->ncalls++;
		job->calls = qms_arena_alloc(arena, (job->ncalls ? job->ncalls : 1) * sizeof(*job->calls));
		size_t k = 0;
		for (size_t i = 0; i < p->steps.len; i++) {
			const struct qms_step *s = qms_process_step(p, i);
			if (s->calls.text && (s->kind.text ? s->kind.choice : QMS_STEP_TASK) == QMS_STEP_SUBPROCESS)
				job->calls[k++] = ref_of(arena, &s->calls);
		}
		job->ncalls = k;
		break;
	}
	case QMS_KIND_SYSTEM:
		job->agency = ref_of(arena, &((const struct qms_system_file *)d->data)->system.agency);
		break;
	case QMS_KIND_AGENCY:
		job->agency = ref_of(arena, &((const struct qms_agency_file *)d->data)->agency.id);
		break;
	default:
		break;
	}
}

static void check_file(struct worker_ctx *w, struct file_job *job)
{
	struct group *g = w->g;
	struct qms_document d;
	job->kind = -1;
	if (qms_document_load(&d, job->path, &job->diags) < 0)
		return;
	if (d.kind == QMS_KIND_PROCESS)
		qms_process_check(&((const struct qms_process_file *)d.data)->process, job->path, &g->ts,
				  &job->diags);
	summarise(&w->arena, job, &d);
	qms_document_release(&d);
}

static void *worker(void *arg)
{
	struct worker_ctx *w = arg;
	struct group *g = w->g;
	for (;;) {
		size_t i = atomic_fetch_add(&g->next_job, 1);
		if (i >= g->nfiles)
			break;
		if (!g->files[i].done)
			check_file(w, &g->files[i]);
		size_t done = atomic_fetch_add(&g->jobs_done, 1) + 1;
		if (g->opt && g->opt->progress && (done % 64 == 0 || done == g->nfiles)) {
			pthread_mutex_lock(&g->progress_lock);
			g->opt->progress(done, g->nfiles, g->opt->progress_ctx);
			pthread_mutex_unlock(&g->progress_lock);
		}
	}
	qms_thread_cache_release();
	return NULL;
}

static void add_file(struct group *g, const char *abs, bool report)
{
	size_t known = qms_strmap_get(&g->seen, abs);
	if (known != SIZE_MAX) {
		g->files[known].report |= report;
		return;
	}
	if (g->nfiles == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->files = qms_xrealloc(g->files, g->cap * sizeof(*g->files));
	}
	struct file_job *job = &g->files[g->nfiles];
	memset(job, 0, sizeof(*job));
	job->abs = qms_xstrdup(abs);
	qms_strmap_put(&g->seen, job->abs, g->nfiles++);
	job->path = qms_path_relative(abs, g->cwd);
	job->report = report;
	job->kind = -1;
}

static int job_cmp(const void *a, const void *b)
{
	return strcmp(((const struct file_job *)a)->path, ((const struct file_job *)b)->path);
}

/* qms.yaml first: every other file needs its settings. */
static void load_settings(struct group *g)
{
	g->ts.workday_hours = 8;
	g->ts.time_cut = 40;
	if (!g->root || !g->has_config)
		return;
	char *cfg = qms_path_join(g->root, "qms.yaml");
	for (size_t i = 0; i < g->nfiles; i++) {
		struct file_job *job = &g->files[i];
		if (strcmp(job->abs, cfg))
			continue;
		struct qms_document d;
		job->done = true;
		if (qms_document_load(&d, job->path, &job->diags) < 0)
			break;
		job->kind = (int)d.kind;
		if (d.kind == QMS_KIND_WORKSPACE) {
			const struct qms_workspace_cfg *w = &((const struct qms_workspace_file *)d.data)->workspace;
			if (w->workday_hours.text)
				g->ts.workday_hours = w->workday_hours.number;
			if (w->time_cut.text)
				g->ts.time_cut = w->time_cut.number;
		}
		qms_document_release(&d);
		break;
	}
	free(cfg);
}

static void run_jobs(struct group *g, unsigned jobs)
{
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n : 1;
	}
	/* Threads only pay off on many files. */
	if (g->nfiles < 32)
		jobs = 1;
	if (jobs > QMS_ARRAY_LEN(g->workers))
		jobs = QMS_ARRAY_LEN(g->workers);
	for (unsigned i = 0; i < jobs; i++)
		g->workers[i].g = g;
	pthread_t threads[QMS_ARRAY_LEN(g->workers)];
	unsigned started = 0;
	for (unsigned i = 1; i < jobs; i++)
		if (pthread_create(&threads[started], NULL, worker, &g->workers[i]) == 0)
			started++;
	worker(&g->workers[0]);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

struct code_entry {
	const char *code;
	size_t job;
};

static int code_entry_cmp(const void *pa, const void *pb)
{
	const struct code_entry *a = pa, *b = pb;
	int c = strcmp(a->code, b->code);
	return c ? c : (a->job < b->job ? -1 : a->job > b->job);
}

static void cross_file_rules(struct group *g)
{
	if (!g->root)
		return; /* lone files are checked alone */
	/* Process codes: unique, and the targets of `calls`. */
	struct code_entry *codes = qms_xmalloc((g->nfiles ? g->nfiles : 1) * sizeof(*codes));
	const char **code_names = qms_xmalloc((g->nfiles ? g->nfiles : 1) * sizeof(*code_names));
	size_t ncodes = 0;
	const char **agency_names = qms_xmalloc((g->nfiles ? g->nfiles : 1) * sizeof(*agency_names));
	size_t nagencies = 0;
	struct qms_strmap code_map = {0}, agencies = {0};
	bool has_agency_files = false;
	for (size_t i = 0; i < g->nfiles; i++) {
		struct file_job *job = &g->files[i];
		if (job->kind == QMS_KIND_PROCESS && job->code.text) {
			codes[ncodes] = (struct code_entry){job->code.text, i};
			code_names[ncodes++] = job->code.text;
			qms_strmap_put(&code_map, job->code.text, i);
		}
		if (job->kind == QMS_KIND_AGENCY && job->agency.text) {
			if (qms_strmap_put(&agencies, job->agency.text, i) == SIZE_MAX)
				agency_names[nagencies++] = job->agency.text;
			has_agency_files = true;
		}
	}
	qsort(codes, ncodes, sizeof(*codes), code_entry_cmp);
	for (size_t i = 0; i < ncodes;) {
		size_t j = i + 1;
		while (j < ncodes && !strcmp(codes[i].code, codes[j].code))
			j++;
		for (size_t a = i; j - i > 1 && a < j; a++) {
			struct file_job *job = &g->files[codes[a].job];
			struct file_job *other = &g->files[codes[a == i ? i + 1 : i].job];
			qms_diags_add(&job->diags, job->path, job->code.line, job->code.col, QMS_RULE_F012,
				      "process code '%s' is also used by %s:%u:%u", job->code.text,
				      other->path, other->code.line, other->code.col);
		}
		i = j;
	}

	unsigned suggestions_left = 200;
	char *audits_dir = g->root ? qms_path_join(g->root, "audits") : NULL;
	bool has_audits = audits_dir && qms_is_dir(audits_dir);
	free(audits_dir);
	for (size_t i = 0; i < g->nfiles; i++) {
		struct file_job *job = &g->files[i];
		for (size_t k = 0; k < job->ncalls; k++) {
			struct ref *c = &job->calls[k];
			if (qms_strmap_get(&code_map, c->text) != SIZE_MAX)
				continue;
			const char *close = NULL;
			if (suggestions_left) {
				suggestions_left--;
				close = qms_closest(c->text, code_names, ncodes);
			}
			if (close)
				qms_diags_add(&job->diags, job->path, c->line, c->col, QMS_RULE_F011,
					      "no procedure with code '%s' in the workspace; did you mean '%s'?",
					      c->text, close);
			else
				qms_diags_add(&job->diags, job->path, c->line, c->col, QMS_RULE_F011,
					      "no procedure with code '%s' in the workspace", c->text);
		}
		if ((job->kind == QMS_KIND_PROCESS || job->kind == QMS_KIND_SYSTEM) && job->agency.text &&
		    g->root) {
			if (has_audits || has_agency_files) {
				if (qms_strmap_get(&agencies, job->agency.text) == SIZE_MAX) {
					const char *close = suggestions_left ?
						qms_closest(job->agency.text, agency_names, nagencies) : NULL;
					if (suggestions_left)
						suggestions_left--;
					if (close)
						qms_diags_add(&job->diags, job->path, job->agency.line,
							      job->agency.col, QMS_RULE_F013,
							      "agency '%s' has no tracker in audits/; did you mean '%s'?",
							      job->agency.text, close);
					else
						qms_diags_add(&job->diags, job->path, job->agency.line,
							      job->agency.col, QMS_RULE_F013,
							      "agency '%s' has no tracker in audits/; add audits/%s.yaml",
							      job->agency.text, job->agency.text);
				}
			} else {
				qms_diags_add(&job->diags, job->path, job->agency.line, job->agency.col,
					      QMS_RULE_F014,
					      "agency '%s' cannot be checked: the workspace has no audits/ folder",
					      job->agency.text);
			}
		}
	}
	free(codes);
	free(code_names);
	free(agency_names);
	qms_strmap_release(&code_map);
	qms_strmap_release(&agencies);
}

static void group_release(struct group *g)
{
	for (size_t i = 0; i < g->nfiles; i++) {
		struct file_job *job = &g->files[i];
		free(job->abs);
		free(job->path);
		qms_diags_release(&job->diags);
	}
	free(g->files);
	free(g->root);
	qms_strmap_release(&g->seen);
	for (size_t i = 0; i < QMS_ARRAY_LEN(g->workers); i++)
		qms_arena_release(&g->workers[i].arena);
}

static void run_group(struct group *g, const struct qms_check_options *opt,
		      struct qms_check_result *out)
{
	if (g->nfiles > 1)
		qsort(g->files, g->nfiles, sizeof(*g->files), job_cmp);
	load_settings(g);
	run_jobs(g, opt ? opt->jobs : 0);
	cross_file_rules(g);
	for (size_t i = 0; i < g->nfiles; i++) {
		if (!g->files[i].report)
			continue;
		out->files++;
		qms_diags_move(&out->diags, &g->files[i].diags);
	}
}

int qms_check_paths(struct qms_check_result *out, const char *const *paths, size_t npaths,
		    const struct qms_check_options *opt, char **err)
{
	static const char *const here[] = {"."};
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->diags);
	if (npaths == 0) {
		paths = here;
		npaths = 1;
	}
	struct qms_location *locs = qms_xcalloc(npaths, sizeof(*locs));
	int rc = 0;
	for (size_t i = 0; i < npaths; i++) {
		if (qms_locate(&locs[i], paths[i], err) < 0) {
			rc = -1;
			goto done;
		}
	}
	/* One group per workspace root, in the order the paths came; lone
	 * files make one group of their own. */
	for (size_t i = 0; i < npaths; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if ((!locs[i].root && !locs[j].root) ||
			    (locs[i].root && locs[j].root && !strcmp(locs[i].root, locs[j].root)))
				seen = true;
		if (seen)
			continue;
		struct group g = {0};
		g.root = locs[i].root ? qms_xstrdup(locs[i].root) : NULL;
		if (!getcwd(g.cwd, sizeof(g.cwd)))
			strcpy(g.cwd, "/");
		g.has_config = locs[i].has_config;
		atomic_init(&g.next_job, 0);
		atomic_init(&g.jobs_done, 0);
		g.opt = opt;
		pthread_mutex_init(&g.progress_lock, NULL);
		if (g.root) {
			struct qms_strlist ws = {0};
			qms_workspace_files(&ws, g.root);
			for (size_t k = 0; k < ws.len; k++)
				add_file(&g, ws.items[k], false);
			qms_strlist_release(&ws);
		}
		for (size_t j = i; j < npaths; j++) {
			bool same = (!locs[i].root && !locs[j].root) ||
				    (locs[i].root && locs[j].root && !strcmp(locs[i].root, locs[j].root));
			if (!same)
				continue;
			if (!locs[j].is_dir) {
				add_file(&g, locs[j].abs, true);
				continue;
			}
			if (locs[j].has_config && !strcmp(locs[j].abs, locs[j].root)) {
				/* the workspace itself: its files are all in already */
				for (size_t k = 0; k < g.nfiles; k++)
					g.files[k].report = true;
				continue;
			}
			struct qms_strlist found = {0};
			qms_collect_yaml(&found, locs[j].abs);
			for (size_t k = 0; k < found.len; k++)
				add_file(&g, found.items[k], true);
			qms_strlist_release(&found);
		}
		run_group(&g, opt, out);
		group_release(&g);
		pthread_mutex_destroy(&g.progress_lock);
	}
	qms_diags_sort(&out->diags);
done:
	for (size_t i = 0; i < npaths; i++)
		qms_location_release(&locs[i]);
	free(locs);
	return rc;
}

void qms_check_result_release(struct qms_check_result *r)
{
	qms_diags_release(&r->diags);
	memset(r, 0, sizeof(*r));
}
