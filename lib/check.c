/* The check pipeline. Phase 1 reads every file of the workspace in
 * parallel (for `qms check`, each worker a batch of files at a time, read
 * ahead: readahead.h): load, decode, the rules of one document, and a
 * summary for the index. Then the rules that span files run over the
 * index, and phase 2 re-reads the few documents whose rules need the
 * index (systems, trackers). Diagnostics are kept for the files under the
 * paths given. */
#include "check.h"
#include "i18n.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "doc.h"
#include "fs.h"
#include "i18n.h"
#include "flow.h"
#include "index.h"
#include "iso.h"
#include "readahead.h"
#include "rules.h"
#include "schema.h"
#include "source.h"
#include "status.h"
#include "workspace.h"

struct file_job {
	char *abs;
	const char *path; /* as displayed: in abs, or owned when path_owned */
	bool path_owned;
	bool report; /* under one of the paths given */
	bool done; /* read before the workers started (qms.yaml) */
	int kind; /* enum qms_kind, or -1 when not decoded */
	/* qms_index_process (in the group's proc_slots), _agency or _system (in
	 * a worker arena); not read once build_index() has packed them */
	void *summary;
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
	char *root; /* absolute, NULL for lone files */
	bool has_config;
	struct file_job *files;
	size_t nfiles, cap;
	struct qms_strmap seen; /* abs path -> index in files */
	char cwd[PATH_MAX]; /* paths are shown relative to it */
	struct qms_index ix;
	/* one per file, in ix's arena: each worker writes the summary of a
	 * procedure in its file's slot, and build_index() packs them into
	 * ix.processes where they are, instead of copying 344 bytes a
	 * procedure into memory touched for the first time */
	struct qms_index_process *proc_slots;
	struct qms_time_settings time; /* ix.settings.time with the cache of this group */
	struct qms_catalogs cat;
	struct qms_diags extra; /* from reading the catalogs and from rules across files */
	int phase; /* 1: read everything; 2: documents that need the index */
	atomic_size_t next_job;
	atomic_size_t jobs_done;
	size_t jobs_total;
	const struct qms_check_options *opt;
	const char *stdin_abs; /* the file opt->stdin_data stands for, or NULL */
	pthread_mutex_t progress_lock;
	struct worker_ctx workers[64];
};

static struct qms_ref ref_of(struct qms_arena *arena, const struct qms_value *v)
{
	struct qms_ref r = {0};
	if (v->text) {
		r.text = qms_arena_strdup(arena, v->text);
		r.line = v->line;
		r.col = v->col;
	}
	return r;
}

static struct qms_ref_list refs_of(struct qms_arena *arena, const struct qms_list *l)
{
	struct qms_ref_list out = {0};
	out.items = qms_arena_alloc(arena, (l->len ? l->len : 1) * sizeof(*out.items));
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_value *v = &((const struct qms_value *)l->items)[i];
		if (v->text)
			out.items[out.len++] = ref_of(arena, v);
	}
	return out;
}

static int choice_of(const struct qms_value *v)
{
	return v->text ? v->choice : -1;
}

/* The shares of other agencies of the workspace, for D005-D007. */
static void summarise_lanes(struct qms_arena *a, struct qms_index_process *s, const struct qms_process *p, double wh)
{
	const struct qms_time_limit *tl = &p->time_limit;
	const struct qms_value *limit = tl->committed.text ? &tl->committed : &tl->statutory;
	s->committed_h = limit->text ? qms_tthc_working_hours(&limit->duration, wh) : -1;
	if (!qms_process_interagency(p))
		return;
	struct qms_lane_share *sh;
	bool measured;
	size_t n = qms_lane_shares(&sh, &measured, p, wh);
	s->lanes = qms_arena_alloc(a, n * sizeof(*s->lanes));
	for (size_t i = 0; i < n; i++) {
		if (sh[i].own || !sh[i].agency)
			continue;
		struct qms_index_lane *l = &s->lanes[s->nlanes++];
		l->agency = ref_of(a, &sh[i].lane->agency);
		if (sh[i].procedure)
			l->procedure = ref_of(a, sh[i].procedure);
		l->hours = measured && !sh[i].calendar ? sh[i].hours : -1;
	}
	free(sh);
}

/* The step ids packed in one block: a procedure of the index keeps some
 * twenty of them, which as one reference each made a third of its summary. */
static void summarise_step_ids(struct qms_arena *a, struct qms_index_process *s, const struct qms_process *p)
{
	size_t total = 0;
	for (size_t i = 0; i < p->steps.len; i++) {
		const char *id = qms_process_step(p, i)->id.text;
		total += id ? strlen(id) + 1 : 0;
	}
	char *out = qms_arena_alloc_raw(a, total ? total : 1); /* written whole below */
	s->step_ids = out;
	for (size_t i = 0; i < p->steps.len; i++) {
		const char *id = qms_process_step(p, i)->id.text;
		if (!id)
			continue;
		size_t n = strlen(id) + 1;
		memcpy(out, id, n);
		out += n;
		s->nstep_ids++;
	}
}

/* The procedures p's subprocess steps call: an array as long as there
 * are calls (most procedures have none), not one slot per step. */
static void summarise_calls(struct qms_arena *a, struct qms_index_process *s, const struct qms_process *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *st = qms_process_step(p, i);
		n += st->calls.text && choice_of(&st->kind) == QMS_STEP_SUBPROCESS;
	}
	if (!n)
		return;
	s->calls.items = qms_arena_alloc(a, n * sizeof(struct qms_ref));
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *st = qms_process_step(p, i);
		if (st->calls.text && choice_of(&st->kind) == QMS_STEP_SUBPROCESS)
			s->calls.items[s->calls.len++] = ref_of(a, &st->calls);
	}
}

/* The summary of d for the index; a procedure's goes in *slot. */
static void *summarise(struct qms_arena *a, const struct file_job *job, const struct qms_document *d, double wh,
		       struct qms_index_process *slot)
{
	switch (d->kind) {
	case QMS_KIND_PROCESS: {
		const struct qms_process *p = &((const struct qms_process_file *)d->data)->process;
		struct qms_index_process *s = slot;
		memset(s, 0, sizeof(*s));
		s->path = job->path;
		s->code = ref_of(a, &p->code);
		s->agency = ref_of(a, &p->agency);
		s->title = ref_of(a, &p->title);
		s->owner = ref_of(a, &p->owner);
		s->standard = choice_of(&p->standard);
		s->standard_ref = ref_of(a, &p->standard);
		s->clauses = refs_of(a, &p->clauses);
		s->effective = ref_of(a, &p->effective);
		s->effective_day = p->effective.text ? p->effective.date : -1;
		s->withdrawn_day = p->document.withdrawn.text ? p->document.withdrawn.date : -1;
		s->nrecords = p->records.len;
		if (p->records.len) {
			s->records.text = "records";
			s->records.line = p->records.line;
			s->records.col = p->records.col;
		}
		summarise_step_ids(a, s, p);
		summarise_calls(a, s, p);
		qms_index_summarise_times(s, a, p, wh);
		summarise_lanes(a, s, p, wh);
		return s;
	}
	case QMS_KIND_SYSTEM: {
		const struct qms_system *sy = &((const struct qms_system_file *)d->data)->system;
		struct qms_index_system *s = qms_arena_alloc(a, sizeof(*s));
		s->path = job->path;
		s->agency = ref_of(a, &sy->agency);
		s->standard = choice_of(&sy->standard);
		s->exclusions.items =
			qms_arena_alloc(a, (sy->exclusions.len ? sy->exclusions.len : 1) * sizeof(struct qms_ref));
		for (size_t i = 0; i < sy->exclusions.len; i++) {
			const struct qms_exclusion *e = &((const struct qms_exclusion *)sy->exclusions.items)[i];
			if (e->clause.text)
				s->exclusions.items[s->exclusions.len++] = ref_of(a, &e->clause);
		}
		return s;
	}
	case QMS_KIND_AGENCY: {
		const struct qms_agency *ag = &((const struct qms_agency_file *)d->data)->agency;
		struct qms_index_agency *s = qms_arena_alloc(a, sizeof(*s));
		s->path = job->path;
		s->id = ref_of(a, &ag->id);
		s->name = ref_of(a, &ag->name);
		s->level = choice_of(&ag->level);
		return s;
	}
	default: return NULL;
	}
}

/* Whether job's document comes from the bytes given on standard input. */
static bool from_stdin(const struct group *g, const struct file_job *job)
{
	return g->stdin_abs && !strcmp(g->stdin_abs, job->abs);
}

/* The document of job: from its file, or from the bytes given for it. */
static int load_job(const struct group *g, const struct file_job *job, struct qms_document *d, struct qms_diags *diags)
{
	if (!from_stdin(g, job))
		return qms_document_load(d, job->path, diags);
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, job->path, g->opt->stdin_data, g->opt->stdin_len, diags) < 0)
		return -1;
	if (qms_document_decode(d, doc, diags) < 0) {
		qms_doc_free(doc);
		return -1;
	}
	return 0;
}

/* The document of job in phase 1 when the caller reads no file again
 * (opt->read_once): its bytes are kept in the source only when phase 2
 * reads it again. A file that is read once needs no copy, and keeping
 * every file cost `qms check` a quarter of its time (page faults). */
static int load_job_once(const struct group *g, const struct file_job *job, struct qms_document *d,
			 struct qms_diags *diags)
{
	if (!g->opt || !g->opt->read_once || g->stdin_abs)
		return load_job(g, job, d, diags);
	struct qms_source *src = qms_source_installed();
	const char *buf;
	size_t len;
	bool kept;
	struct qms_doc *doc;
	memset(d, 0, sizeof(*d));
	if (qms_source_bytes_once(src, &buf, &len, &kept, job->path, diags) < 0 ||
	    qms_doc_parse(&doc, job->path, buf, len, diags) < 0)
		return -1;
	if (qms_document_decode(d, doc, diags) < 0) {
		qms_doc_free(doc);
		return -1;
	}
	if (!kept && qms_rules_need_index(d->kind))
		qms_source_keep(src, job->path, buf, len);
	return 0;
}

static void check_document(struct group *g, struct file_job *job, const struct qms_document *dp);

/* The bytes of job's file as the source keeps them (to key the check
 * memo), or NULL when there is no memo to ask. */
static const char *memo_bytes(const struct group *g, const struct file_job *job, size_t *len)
{
	const char *bytes = NULL;
	struct qms_diags none;
	qms_diags_init(&none);
	if (qms_check_memo_installed() && g->root && !g->stdin_abs &&
	    qms_source_bytes(qms_source_installed(), &bytes, len, job->abs, &none) != 0)
		bytes = NULL;
	qms_diags_release(&none);
	return bytes;
}

/* Phase 1: everything one document can tell on its own. */
static void read_file(struct worker_ctx *w, struct file_job *job)
{
	struct group *g = w->g;
	struct qms_document d;
	job->kind = -1;
	if (load_job_once(g, job, &d, &job->diags) < 0)
		return;
	/* the rules of one document: the same bytes, settings and catalogs
	 * (the memo is cleared when those change) give the same diagnostics */
	size_t len, start = job->diags.len;
	const char *bytes = memo_bytes(g, job, &len);
	if (!bytes || !qms_check_memo_get(job->abs, job->path, bytes, len, &job->diags)) {
		check_document(g, job, &d);
		if (bytes)
			qms_check_memo_put(job->abs, job->path, bytes, len, &job->diags, start);
	}
	job->kind = (int)d.kind;
	job->summary = summarise(&w->arena, job, &d, g->time.workday_hours, &g->proc_slots[job - g->files]);
	qms_document_release(&d);
}

static void check_document(struct group *g, struct file_job *job, const struct qms_document *dp)
{
	const struct qms_document d = *dp;
	if (d.kind == QMS_KIND_PROCESS) {
		const struct qms_process *p = &((const struct qms_process_file *)d.data)->process;
		const struct qms_settings *st = &g->ix.settings;
		struct qms_tthc_settings ts = {g->time.workday_hours, st->withdrawn, st->nwithdrawn};
		qms_process_check(p, job->path, &g->time, &job->diags);
		qms_tthc_check(p, job->path, &ts, &job->diags);
	}
	if (d.kind == QMS_KIND_CALENDAR)
		qms_calendar_check_year(&((const struct qms_calendar_file *)d.data)->calendar, job->path, &job->diags);
	qms_iso_check_document(&g->cat, &d, job->path, &job->diags);
}

/* Phase 2: the rules of one document that need the index. */
static bool needs_index(const struct file_job *job)
{
	return job->kind >= 0 && qms_rules_need_index((enum qms_kind)job->kind);
}

static void recheck_file(struct worker_ctx *w, struct file_job *job)
{
	struct group *g = w->g;
	struct qms_document d;
	struct qms_diags scratch;
	qms_diags_init(&scratch);
	/* Reading problems were reported in phase 1 already. */
	if (load_job(g, job, &d, &scratch) == 0) {
		qms_rules_document(&g->ix, &g->cat, &d, job->path, &job->diags);
		qms_document_release(&d);
	}
	qms_diags_release(&scratch);
}

/* Run one job of the group's phase (nothing when it has none there). */
static void run_job(struct worker_ctx *w, struct file_job *job)
{
	struct group *g = w->g;
	if (g->phase == 1 && !job->done)
		read_file(w, job);
	else if (g->phase == 2 && needs_index(job))
		recheck_file(w, job);
	else
		return;
	size_t done = atomic_fetch_add(&g->jobs_done, 1) + 1;
	if (g->opt && g->opt->progress && (done % 64 == 0 || done == g->jobs_total)) {
		pthread_mutex_lock(&g->progress_lock);
		g->opt->progress(done, g->jobs_total, g->opt->progress_ctx);
		pthread_mutex_unlock(&g->progress_lock);
	}
}

/* Phase 1 of a command that reads each file once from the disk (`qms
 * check`), on enough files for it to pay: the workers take the files a
 * batch at a time and read each batch ahead (readahead.h). */
static bool reads_ahead(const struct group *g)
{
	return g->phase == 1 && g->opt && g->opt->read_once && g->jobs_total >= 32;
}

/* Read ahead the files of jobs [from, to) that phase 1 reads from the
 * disk: by the path load_job_once() reads them by. */
static void read_ahead(const struct group *g, size_t from, size_t to)
{
	const char *paths[QMS_READAHEAD_MAX];
	size_t n = 0;
	for (size_t i = from; i < to && n < QMS_READAHEAD_MAX; i++) {
		const struct file_job *job = &g->files[i];
		if (!job->done && !from_stdin(g, job))
			paths[n++] = job->path;
	}
	qms_readahead(paths, n);
}

static void *worker(void *arg)
{
	struct worker_ctx *w = arg;
	struct group *g = w->g;
	size_t batch = reads_ahead(g) ? QMS_READAHEAD_MAX : 1;
	for (;;) {
		size_t from = atomic_fetch_add(&g->next_job, batch);
		if (from >= g->nfiles)
			break;
		size_t to = g->nfiles - from > batch ? from + batch : g->nfiles;
		if (batch > 1)
			read_ahead(g, from, to);
		for (size_t i = from; i < to; i++)
			run_job(w, &g->files[i]);
	}
	qms_readahead_release();
	qms_thread_cache_release();
	return NULL;
}

/* Add the file at abs (owned: kept, or freed when the file is in already). */
static void add_file_owned(struct group *g, char *abs, bool report)
{
	if (g->nfiles == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->files = qms_xrealloc(g->files, g->cap * sizeof(*g->files));
	}
	struct file_job *job = &g->files[g->nfiles];
	memset(job, 0, sizeof(*job));
	job->abs = abs;
	size_t known = qms_strmap_put(&g->seen, job->abs, g->nfiles);
	if (known != SIZE_MAX) { /* named twice: the map keeps the first */
		free(job->abs);
		g->files[known].report |= report;
		return;
	}
	g->nfiles++;
	/* most paths are abs without the folder we are in: no copy of their own */
	job->path = qms_path_relative_in(abs, g->cwd);
	if (!job->path) {
		job->path = qms_path_relative(abs, g->cwd);
		job->path_owned = true;
	}
	job->report = report;
	job->kind = -1;
}

static void add_file(struct group *g, const char *abs, bool report)
{
	add_file_owned(g, qms_xstrdup(abs), report);
}

static int job_cmp(const void *a, const void *b)
{
	return strcmp(((const struct file_job *)a)->path, ((const struct file_job *)b)->path);
}

/* qms.yaml first: every other file needs its settings. */
static void load_settings(struct group *g)
{
	struct qms_settings *st = &g->ix.settings;
	struct file_job *job = NULL;
	if (g->root && g->has_config) {
		char *cfg = qms_path_join(g->root, "qms.yaml");
		size_t i = qms_strmap_get(&g->seen, cfg);
		free(cfg);
		if (i != SIZE_MAX) {
			job = &g->files[i];
			job->done = true; /* read here, not by the workers */
			job->kind = QMS_KIND_WORKSPACE;
		}
	}
	struct qms_diags none;
	qms_diags_init(&none);
	/* without a qms.yaml of its own, the defaults */
	qms_settings_read(st, &g->ix.arena, g->root ? g->root : "/nonexistent", job ? &job->diags : &none);
	qms_diags_release(&none);
	if (job) {
		/* the days qms.yaml declares: read once more, for their rules */
		struct qms_document d;
		struct qms_diags scratch;
		qms_diags_init(&scratch);
		if (qms_document_load(&d, job->path, &scratch) == 0) {
			if (d.kind == QMS_KIND_WORKSPACE)
				qms_calendar_check_workspace(&((const struct qms_workspace_file *)d.data)->workspace,
							     job->path, &job->diags);
			qms_document_release(&d);
		}
		qms_diags_release(&scratch);
	}
	g->time = st->time;
	g->time.cache = qms_span_cache_new();
	g->time.calls_resolved_later = g->root != NULL;
}

static void run_phase(struct group *g, int phase, unsigned jobs)
{
	g->phase = phase;
	atomic_store(&g->next_job, 0);
	atomic_store(&g->jobs_done, 0);
	g->jobs_total = 0;
	for (size_t i = 0; i < g->nfiles; i++)
		g->jobs_total += phase == 1 ? !g->files[i].done : needs_index(&g->files[i]);
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n : 1;
	}
	/* Threads only pay off on many files. */
	if (g->jobs_total < 32)
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

/* Gather the summaries of phase 1 into the index, in file order. */
static void build_index(struct group *g)
{
	struct qms_index *ix = &g->ix;
	ix->root = g->root;
	if (g->root) {
		char *audits = qms_path_join(g->root, "audits");
		ix->has_audits = qms_is_dir(audits);
		free(audits);
	}
	size_t np = 0, na = 0, ns = 0;
	for (size_t i = 0; i < g->nfiles; i++) {
		np += g->files[i].kind == QMS_KIND_PROCESS && g->files[i].summary;
		na += g->files[i].kind == QMS_KIND_AGENCY && g->files[i].summary;
		ns += g->files[i].kind == QMS_KIND_SYSTEM && g->files[i].summary;
	}
	/* not zeroed: each of the first na (ns) slots is written whole below,
	 * and none after them is read; the procedures are packed in the slots
	 * the workers filled */
	ix->processes = g->proc_slots;
	ix->agencies = qms_arena_alloc_raw(&ix->arena, (na ? na : 1) * sizeof(*ix->agencies));
	ix->systems = qms_arena_alloc_raw(&ix->arena, (ns ? ns : 1) * sizeof(*ix->systems));
	qms_strmap_reserve(&ix->by_code, np);
	qms_strmap_reserve(&ix->by_agency, na);
	for (size_t i = 0; i < g->nfiles; i++) {
		const struct file_job *job = &g->files[i];
		if (!job->summary)
			continue;
		switch (job->kind) {
		case QMS_KIND_PROCESS:
			/* in its slot, i >= nprocesses: moved down over slots done with */
			if (job->summary != &ix->processes[ix->nprocesses])
				ix->processes[ix->nprocesses] = *(const struct qms_index_process *)job->summary;
			if (ix->processes[ix->nprocesses].code.text)
				qms_strmap_put(&ix->by_code, ix->processes[ix->nprocesses].code.text, ix->nprocesses);
			ix->nprocesses++;
			break;
		case QMS_KIND_AGENCY:
			ix->agencies[ix->nagencies] = *(const struct qms_index_agency *)job->summary;
			if (ix->agencies[ix->nagencies].id.text)
				qms_strmap_put(&ix->by_agency, ix->agencies[ix->nagencies].id.text, ix->nagencies);
			ix->nagencies++;
			break;
		case QMS_KIND_SYSTEM:
			ix->systems[ix->nsystems++] = *(const struct qms_index_system *)job->summary;
			break;
		default: break;
		}
	}
	for (size_t i = 0; i < QMS_ARRAY_LEN(g->workers); i++)
		qms_arena_adopt(&ix->arena, &g->workers[i].arena);
	qms_index_resolve_times(ix);
}

static void group_release(struct group *g)
{
	for (size_t i = 0; i < g->nfiles; i++) {
		free(g->files[i].abs);
		if (g->files[i].path_owned)
			free((char *)g->files[i].path);
		qms_diags_release(&g->files[i].diags);
	}
	free(g->files);
	free(g->root);
	qms_strmap_release(&g->seen);
	for (size_t i = 0; i < QMS_ARRAY_LEN(g->workers); i++)
		qms_arena_release(&g->workers[i].arena);
	qms_index_release(&g->ix);
	qms_span_cache_free(g->time.cache);
	qms_catalogs_release(&g->cat);
	qms_diags_release(&g->extra);
	pthread_mutex_destroy(&g->progress_lock);
}

/* Read every file of the group and build the index (phase 1). Fails, with
 * *err, only when the catalogs of the clause rules cannot be loaded. */
static int read_group(struct group *g, const struct qms_check_options *opt, char **err)
{
	g->opt = opt;
	if (g->nfiles > 1)
		qsort(g->files, g->nfiles, sizeof(*g->files), job_cmp);
	/* sorting moved the jobs: index them again */
	qms_strmap_release(&g->seen);
	qms_strmap_reserve(&g->seen, g->nfiles);
	for (size_t i = 0; i < g->nfiles; i++)
		qms_strmap_put(&g->seen, g->files[i].abs, i);
	load_settings(g);
	int rc = qms_catalogs_open(&g->cat, g->root, &g->extra, err);
	if (rc < 0)
		return rc;
	/* not zeroed: a slot is written whole by summarise() before it is read */
	g->proc_slots = qms_arena_alloc_raw(&g->ix.arena, (g->nfiles ? g->nfiles : 1) * sizeof(*g->proc_slots));
	run_phase(g, 1, opt ? opt->jobs : 0);
	build_index(g);
	return 0;
}

static int check_group(struct group *g, const struct qms_check_options *opt, struct qms_check_result *out, char **err)
{
	int rc = read_group(g, opt, err);
	if (rc < 0)
		return rc;
	struct qms_diags *cross = &g->extra;
	if (g->root) /* a lone file is checked alone */
		qms_rules_workspace(&g->ix, cross);
	run_phase(g, 2, opt ? opt->jobs : 0);

	/* Keep what concerns the files under the paths given. */
	struct qms_strmap reported = {0};
	size_t nreported = 0;
	for (size_t i = 0; i < g->nfiles; i++)
		nreported += g->files[i].report;
	qms_strmap_reserve(&reported, nreported);
	for (size_t i = 0; i < g->nfiles; i++) {
		if (!g->files[i].report)
			continue;
		qms_strmap_put(&reported, g->files[i].path, i);
		out->files++;
		qms_diags_move(&out->diags, &g->files[i].diags);
	}
	for (size_t i = 0; i < cross->len; i++) {
		struct qms_diag *d = &cross->items[i];
		if (qms_strmap_get(&reported, d->file) == SIZE_MAX)
			continue;
		qms_diags_add(&out->diags, d->file, d->line, d->col, d->rule, "%s", d->message);
	}
	qms_strmap_release(&reported);
	return 0;
}

static void group_init(struct group *g, const struct qms_location *loc)
{
	memset(g, 0, sizeof(*g));
	g->root = loc->root ? qms_xstrdup(loc->root) : NULL;
	g->has_config = loc->has_config;
	if (!getcwd(g->cwd, sizeof(g->cwd)))
		strcpy(g->cwd, "/");
	atomic_init(&g->next_job, 0);
	atomic_init(&g->jobs_done, 0);
	pthread_mutex_init(&g->progress_lock, NULL);
	if (g->root) {
		struct qms_strlist ws = {0};
		qms_workspace_files(&ws, g->root);
		/* the jobs in one block of their final size: grown by doubling,
		 * each copy went to memory touched for the first time, which in a
		 * virtual machine costs more than the copy */
		g->cap = ws.len + 16;
		g->files = qms_xmalloc(g->cap * sizeof(*g->files));
		qms_strmap_reserve(&g->seen, ws.len);
		for (size_t k = 0; k < ws.len; k++) {
			add_file_owned(g, ws.items[k], false);
			ws.items[k] = NULL;
		}
		qms_strlist_release(&ws);
	}
}

static bool same_group(const struct qms_location *a, const struct qms_location *b)
{
	return (!a->root && !b->root) || (a->root && b->root && !strcmp(a->root, b->root));
}

/* `qms check -`: the one document given as bytes, checked in the
 * workspace of the folder of opt->stdin_name. */
static int check_stdin(struct qms_check_result *out, const struct qms_check_options *opt, char **err)
{
	const char *name = opt->stdin_name;
	const char *slash = strrchr(name, '/');
	char *dir = slash ? qms_xstrndup(name, slash == name ? 1 : (size_t)(slash - name)) : qms_xstrdup(".");
	struct qms_location loc;
	int rc = qms_locate(&loc, dir, err);
	free(dir);
	if (rc < 0)
		return -1;
	if (!loc.is_dir) {
		qms_location_release(&loc);
		*err = qms_xstrdup(_("the folder of --stdin-filename is not a folder"));
		return -1;
	}
	char *abs = qms_path_join(loc.abs, slash ? slash + 1 : name);
	struct group g;
	group_init(&g, &loc);
	g.stdin_abs = abs;
	add_file(&g, abs, true);
	rc = check_group(&g, opt, out, err);
	group_release(&g);
	qms_diags_sort(&out->diags);
	free(abs);
	qms_location_release(&loc);
	if (rc < 0)
		qms_check_result_release(out);
	return rc;
}

int qms_check_paths(struct qms_check_result *out, const char *const *paths, size_t npaths,
		    const struct qms_check_options *opt, char **err)
{
	static const char *const here[] = {"."};
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->diags);
	if (opt && opt->stdin_name)
		return check_stdin(out, opt, err);
	if (npaths == 0) {
		paths = here;
		npaths = 1;
	}
	struct qms_location *locs = qms_xcalloc(npaths, sizeof(*locs));
	int rc = 0;
	for (size_t i = 0; i < npaths; i++) {
		rc = qms_locate(&locs[i], paths[i], err);
		if (rc < 0)
			goto done;
	}
	/* One group per workspace, in the order the paths came; lone files
	 * make one group of their own. */
	for (size_t i = 0; i < npaths; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= same_group(&locs[i], &locs[j]);
		if (seen)
			continue;
		struct group g;
		group_init(&g, &locs[i]);
		for (size_t j = i; j < npaths; j++) {
			if (!same_group(&locs[i], &locs[j]))
				continue;
			if (!locs[j].is_dir) {
				add_file(&g, locs[j].abs, true);
			} else if (locs[j].has_config && !strcmp(locs[j].abs, locs[j].root)) {
				/* the workspace itself: its files are all in already */
				for (size_t k = 0; k < g.nfiles; k++)
					g.files[k].report = true;
			} else {
				struct qms_strlist found = {0};
				qms_collect_yaml(&found, locs[j].abs);
				for (size_t k = 0; k < found.len; k++) {
					add_file_owned(&g, found.items[k], true);
					found.items[k] = NULL;
				}
				qms_strlist_release(&found);
			}
		}
		rc = check_group(&g, opt, out, err);
		group_release(&g);
		if (rc < 0)
			goto done;
	}
	qms_diags_sort(&out->diags);
done:
	for (size_t i = 0; i < npaths; i++)
		qms_location_release(&locs[i]);
	free(locs);
	if (rc < 0)
		qms_check_result_release(out);
	return rc;
}

void qms_check_result_release(struct qms_check_result *r)
{
	qms_diags_release(&r->diags);
	memset(r, 0, sizeof(*r));
}

int qms_index_load(struct qms_index **out, const char *path, unsigned jobs, struct qms_diags *diags, char **err)
{
	*out = NULL;
	struct qms_location loc;
	int rc = qms_locate(&loc, path, err);
	if (rc < 0)
		return rc;
	if (!loc.root) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, _("'%s' is not in a workspace (a folder with qms.yaml, processes/, audits/)"), path);
		*err = qms_buf_detach(&b);
		qms_location_release(&loc);
		return -1;
	}
	struct group g;
	group_init(&g, &loc);
	struct qms_check_options opt = {.jobs = jobs};
	if (read_group(&g, &opt, err) < 0) {
		group_release(&g);
		qms_location_release(&loc);
		return -1;
	}
	for (size_t i = 0; i < g.nfiles; i++)
		qms_diags_move(diags, &g.files[i].diags);
	qms_diags_move(diags, &g.extra);
	qms_diags_sort(diags);
	/* Hand the index over: its strings are in its own arena now, and
	 * its paths point into the jobs, so copy those. */
	struct qms_index *ix = qms_xmalloc(sizeof(*ix));
	*ix = g.ix;
	memset(&g.ix, 0, sizeof(g.ix));
	ix->root = qms_arena_strdup(&ix->arena, g.root);
	for (size_t i = 0; i < ix->nprocesses; i++)
		ix->processes[i].path = qms_arena_strdup(&ix->arena, ix->processes[i].path);
	for (size_t i = 0; i < ix->nagencies; i++)
		ix->agencies[i].path = qms_arena_strdup(&ix->arena, ix->agencies[i].path);
	for (size_t i = 0; i < ix->nsystems; i++)
		ix->systems[i].path = qms_arena_strdup(&ix->arena, ix->systems[i].path);
	group_release(&g);
	qms_location_release(&loc);
	*out = ix;
	return 0;
}

/* ---- the end of each diagnostic ---- */

/* Column (1-based, in characters) just past the word or value that starts
 * at character column col of line. */
static unsigned token_end(const char *line, size_t len, unsigned col)
{
	size_t i = 0;
	for (unsigned c = 1; c < col && i < len; c++) /* columns (as the loader counts them) to bytes */
		i += qms_utf8_column_len(line + i, len - i);
	size_t end = i;
	if (i < len && (line[i] == '"' || line[i] == '\'')) {
		char q = line[i];
		for (end = i + 1; end < len; end++) {
			if (q == '"' && line[end] == '\\' && end + 1 < len)
				end++;
			else if (line[end] == q && !(q == '\'' && end + 1 < len && line[end + 1] == '\''))
				break;
			else if (line[end] == q)
				end++;
		}
		end = end < len ? end + 1 : len;
	} else {
		while (end < len && !strchr(",]}", line[end]) &&
		       !(line[end] == '#' && end > i && line[end - 1] == ' ') &&
		       !(line[end] == ':' && (end + 1 == len || line[end + 1] == ' ')))
			end++;
		while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t'))
			end--;
	}
	unsigned c = col;
	for (size_t k = i; k < end; c++)
		k += qms_utf8_column_len(line + k, end - k);
	return c > col ? c : col + 1;
}

static void fill_file(struct qms_diags *d, size_t from, size_t to, const char *text, size_t len)
{
	for (size_t k = from; k < to; k++) {
		struct qms_diag *g = &d->items[k];
		g->end_line = g->line;
		g->end_col = g->col ? g->col + 1 : 0;
		if (!text || !g->line)
			continue;
		const char *p = text, *stop = text + len;
		for (unsigned l = 1; l < g->line && p < stop; l++) {
			const char *nl = memchr(p, '\n', (size_t)(stop - p));
			p = nl ? nl + 1 : stop;
		}
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(stop - p);
		if (n && p[n - 1] == '\r')
			n--;
		g->end_col = token_end(p, n, g->col);
	}
}

void qms_diags_fill_ends(struct qms_diags *d, const char *name, const char *data, size_t len)
{
	size_t i = 0;
	while (i < d->len) {
		size_t j = i;
		while (j < d->len && !strcmp(d->items[j].file, d->items[i].file))
			j++;
		if (name && !strcmp(d->items[i].file, name)) {
			fill_file(d, i, j, data, len);
		} else {
			struct qms_buf text;
			char *err = NULL;
			qms_buf_init(&text);
			int rc = qms_file_read(&text, d->items[i].file, &err);
			free(err);
			fill_file(d, i, j, rc < 0 ? NULL : text.buf, text.len);
			qms_buf_release(&text);
		}
		i = j;
	}
}
