/* The pages `qms serve` may keep from its last build (site-memo.h,
 * qms_site_memo_changed()): a page is made again when a file it is made
 * from changed, or when what it shows of other files did.
 *
 * What a page shows of other files, and so its key (a digest, kept in
 * memo->keys under the page's name), beside what its own files say:
 * - every page: the language, the date, the workspace's name, the
 *   procedures that have a page (their codes: links; the files whose code
 *   another file owns) and the agencies (ids and names: links and lanes),
 *   the "global" digest;
 * - a procedure's page: its diagram (the digest of its DOT text, which
 *   holds what it shows of the procedures it calls), the diagnostics of
 *   its file (the rules across files put some there), its agency;
 * - a procedure's diagram: whether the codes it calls are procedures (its
 *   DOT text is not even made when its file, the codes of the workspace,
 *   the date and the language are the last build's);
 * - an agency's page: its map, the diagnostics of the files of its
 *   folders and of its procedures.
 * A page whose procedure file changed (before or after: a file may move
 * to another agency) is made again, and so is the page of its agency, old
 * and new. Any other file changing (qms.yaml, a calendar, a tracker, an
 * audit, a system, a file that is no procedure) makes every page again,
 * as does a failed build. The index and the report files are made at each
 * build (they show every total) and written only when their bytes change.
 * tests/run-serve.py compares the result with a fresh `qms site`. */
#include "site-internal.h"

#include <stdlib.h>
#include <string.h>

#include "site-memo.h"
#include "workspace.h"

struct qms_site_deps {
	bool all; /* every page made again */
	struct qms_render_digest global;
	bool *proc_changed; /* per procedure: its file changed */
	bool *agency_changed; /* per agency: a procedure file of it changed, before or now */
	struct qms_strmap file_ix; /* displayed path -> index in files */
	struct qms_buf *files; /* per file: its diagnostics as pages print them */
	size_t nfiles, cap;
	struct qms_buf *agencies; /* per agency: the diagnostics its page shows */
	struct qms_buf abs; /* scratch */
	struct qms_strmap by_path; /* procedure file as displayed -> index */
	bool same_codes; /* the codes of every procedure, the date and the language are the last build's */
};

static const char *abs_of(struct site *s, const char *path)
{
	struct qms_buf *b = &s->deps->abs;
	qms_buf_reset(b);
	if (path[0] != '/') {
		qms_buf_adds(b, s->cwd);
		qms_buf_addc(b, '/');
	}
	qms_buf_adds(b, path);
	return b->buf;
}

static size_t agency_of_id(const struct qms_report *r, const char *id)
{
	for (size_t i = 0; id && i < r->nagencies; i++)
		if (!strcmp(r->agencies[i].id, id))
			return i;
	return SIZE_MAX;
}

/* Which procedures and agencies changed: from the files qms serve named
 * and the agency of each procedure file in the last build. False when a
 * file that changed is no procedure file (then every page is made). */
static bool mark_changed(struct site *s)
{
	struct qms_site_memo *m = s->memo;
	const struct qms_report *r = s->r;
	struct qms_site_deps *d = s->deps;
	struct qms_strmap changed = {0}, before = {0};
	size_t n = m->changed.len;
	size_t *first = qms_xcalloc(n + 1, sizeof(*first)); /* the same path named before, or itself */
	bool *known = qms_xcalloc(n + 1, sizeof(*known)); /* a procedure file, before or now */
	for (size_t i = 0; i < n; i++) {
		size_t j = qms_strmap_put(&changed, m->changed.items[i], i);
		first[i] = j == SIZE_MAX ? i : j;
	}
	for (size_t i = 0; i < m->proc_paths.len; i++)
		qms_strmap_put(&before, m->proc_paths.items[i], i);
	for (size_t i = 0; i < n; i++) {
		/* not a document (an editor's temporary file): no page shows it */
		const char *slash = strrchr(m->changed.items[i], '/');
		size_t k = qms_strmap_get(&before, m->changed.items[i]);
		known[i] = k != SIZE_MAX || !qms_is_yaml_name(slash ? slash + 1 : m->changed.items[i]);
		size_t ai = k != SIZE_MAX ? agency_of_id(r, m->proc_agencies.items[k]) : SIZE_MAX;
		if (ai != SIZE_MAX)
			d->agency_changed[ai] = true;
	}
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		size_t k = qms_strmap_get(&changed, abs_of(s, p->path));
		if (k == SIZE_MAX)
			continue;
		d->proc_changed[i] = known[k] = true;
		if (p->agency_index != SIZE_MAX)
			d->agency_changed[p->agency_index] = true;
	}
	bool all_known = true;
	for (size_t i = 0; i < n; i++)
		all_known &= known[first[i]];
	free(first);
	free(known);
	qms_strmap_release(&changed);
	qms_strmap_release(&before);
	return all_known;
}

/* The agency of each procedure file of this build, for the next one. */
static void remember_agencies(struct site *s)
{
	struct qms_site_memo *m = s->memo;
	const struct qms_report *r = s->r;
	qms_strlist_release(&m->proc_paths);
	qms_strlist_release(&m->proc_agencies);
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		qms_strlist_push(&m->proc_paths, qms_xstrdup(abs_of(s, p->path)));
		qms_strlist_push(&m->proc_agencies, qms_xstrdup(p->agency));
	}
}

static struct qms_buf *file_text(struct qms_site_deps *d, const char *file)
{
	size_t k = qms_strmap_get(&d->file_ix, file);
	if (k != SIZE_MAX)
		return &d->files[k];
	if (d->nfiles == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->files = qms_xrealloc(d->files, d->cap * sizeof(*d->files));
	}
	qms_buf_init(&d->files[d->nfiles]);
	qms_strmap_put(&d->file_ix, file, d->nfiles);
	return &d->files[d->nfiles++];
}

/* The diagnostics as the pages print them, by file and by agency folder
 * (qms_site_diags_section()). */
static void gather_diags(struct site *s)
{
	const struct qms_report *r = s->r;
	struct qms_site_deps *d = s->deps;
	struct qms_buf line, id;
	qms_buf_init(&line);
	qms_buf_init(&id);
	size_t rootlen = strlen(r->root);
	for (size_t i = 0; i < r->check.diags.len; i++) {
		const struct qms_diag *g = &r->check.diags.items[i];
		qms_buf_reset(&line);
		qms_diag_format(&line, g);
		qms_buf_addc(&line, '\n');
		qms_buf_add(file_text(d, g->file), line.buf, line.len);
		const char *abs = abs_of(s, g->file);
		qms_buf_reset(&id);
		if (!strncmp(abs, r->root, rootlen) && abs[rootlen] == '/' &&
		    qms_report_path_agency(&id, abs + rootlen + 1)) {
			size_t ai = agency_of_id(r, id.buf);
			if (ai != SIZE_MAX)
				qms_buf_add(&d->agencies[ai], line.buf, line.len);
		}
	}
	qms_buf_release(&line);
	qms_buf_release(&id);
}

static void add_digest(struct qms_buf *b, struct qms_render_digest d)
{
	qms_buf_printf(b, "%016llx%016llx", (unsigned long long)d.a, (unsigned long long)d.b);
}

/* What every page shows of the whole workspace. */
static void global_key(struct site *s)
{
	const struct qms_report *r = s->r;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%d %ld %s\n", (int)s->lang, (long)r->as_of, r->workspace);
	add_digest(&b, s->memo->codes);
	for (size_t i = 0; i < r->nagencies; i++)
		qms_buf_printf(&b, "\n%s%c%s%c%s", r->agencies[i].id, '\0', r->agencies[i].name, '\0',
			       r->agencies[i].short_name);
	/* which file owns a code another has too: the other has no page, and
	 * its agency's list shows it without a link */
	for (size_t i = 0; i < r->nprocedures; i++)
		if (r->procedures[i].duplicate)
			qms_buf_printf(&b, "\n%s", r->procedures[i].path);
	s->deps->global = qms_render_digest_of(b.buf, b.len);
	qms_buf_release(&b);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What a diagram shows of the other procedures: whether a code is one
 * (qms_render_context.codes); and the date and language it is made for. */
static void diagram_inputs(struct site *s)
{
	const struct qms_report *r = s->r;
	struct qms_site_deps *d = s->deps;
	const char **codes = qms_xcalloc(r->nprocedures + 1, sizeof(*codes));
	for (size_t i = 0; i < r->nprocedures; i++) {
		codes[i] = r->procedures[i].code;
		qms_strmap_put(&d->by_path, r->procedures[i].path, i);
	}
	qsort(codes, r->nprocedures, sizeof(*codes), str_cmp);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%d %ld\n", (int)s->lang, (long)r->as_of);
	for (size_t i = 0; i < r->nprocedures; i++)
		qms_buf_printf(&b, "%s\n", codes[i]);
	struct qms_render_digest dg = qms_render_digest_of(b.buf, b.len);
	d->same_codes = dg.a == s->memo->diagram_inputs.a && dg.b == s->memo->diagram_inputs.b;
	s->memo->diagram_inputs = dg;
	qms_buf_release(&b);
	free(codes);
}

bool qms_site_diagram_unchanged(const char *source, void *ctx)
{
	struct site *s = ctx;
	struct qms_site_deps *d = s->deps;
	if (!d || d->all || !d->same_codes)
		return false;
	size_t i = qms_strmap_get(&d->by_path, source);
	return i != SIZE_MAX && !d->proc_changed[i];
}

void qms_site_deps_begin(struct site *s)
{
	struct qms_site_memo *m = s->memo;
	if (!m)
		return;
	const struct qms_report *r = s->r;
	struct qms_site_deps *d = qms_xcalloc(1, sizeof(*d));
	s->deps = d;
	qms_buf_init(&d->abs);
	d->proc_changed = qms_xcalloc(r->nprocedures + 1, sizeof(bool));
	d->agency_changed = qms_xcalloc(r->nagencies + 1, sizeof(bool));
	d->agencies = qms_xcalloc(r->nagencies + 1, sizeof(*d->agencies));
	for (size_t i = 0; i < r->nagencies; i++)
		qms_buf_init(&d->agencies[i]);
	d->all = !s->in_place || m->all_changed || !mark_changed(s);
	remember_agencies(s);
	diagram_inputs(s);
	gather_diags(s);
	global_key(s);
}

void qms_site_deps_end(struct site *s)
{
	struct qms_site_deps *d = s->deps;
	if (!d)
		return;
	for (size_t i = 0; i < d->nfiles; i++)
		qms_buf_release(&d->files[i]);
	for (size_t i = 0; i < s->r->nagencies; i++)
		qms_buf_release(&d->agencies[i]);
	free(d->files);
	free(d->agencies);
	free(d->proc_changed);
	free(d->agency_changed);
	qms_strmap_release(&d->file_ix);
	qms_strmap_release(&d->by_path);
	qms_buf_release(&d->abs);
	free(d);
	s->deps = NULL;
}

static void add_file_diags(struct qms_buf *b, struct qms_site_deps *d, const char *file)
{
	size_t k = qms_strmap_get(&d->file_ix, file);
	if (k != SIZE_MAX)
		add_digest(b, qms_render_digest_of(d->files[k].buf, d->files[k].len));
	qms_buf_addc(b, '\n');
}

static void add_diagram(struct qms_buf *b, struct site *s, bool has, const char *name)
{
	struct qms_render_digest dg;
	size_t len;
	if (has && qms_render_cache_kept(s->memo->diagrams, name, &dg, &len))
		add_digest(b, dg);
	qms_buf_printf(b, " %d\n", (int)has);
}

/* Whether page rel, made from key, is in place from the last build (then
 * it counts as written); if not, the key is kept for the next build. */
static bool keep(struct site *s, bool changed, const char *rel, const struct qms_buf *key, const char *inlined)
{
	struct qms_site_memo *m = s->memo;
	struct qms_render_digest k = qms_render_digest_of(key->buf, key->len);
	if (!s->deps->all && !changed && qms_site_memo_keep_page(m, rel, k, inlined)) {
		qms_strlist_push(&s->files, qms_xstrdup(rel));
		return true;
	}
	qms_render_cache_put(m->keys, rel, k, NULL, 0);
	return false;
}

bool qms_site_keep_procedure(struct site *s, size_t i, const char *rel)
{
	struct qms_site_deps *d = s->deps;
	if (!d)
		return false;
	const struct qms_report_procedure *p = &s->r->procedures[i];
	struct qms_buf key, name;
	qms_buf_init(&key);
	qms_buf_init(&name);
	add_digest(&key, d->global);
	qms_buf_printf(&key, "%s%c%s%c%s\n", p->code, '\0', p->path, '\0', p->agency);
	add_file_diags(&key, d, p->path);
	qms_buf_printf(&name, "%s.svg", p->code);
	add_diagram(&key, s, s->has_diagram[i], name.buf);
	qms_buf_reset(&name);
	qms_buf_printf(&name, "diagrams/%s.svg ", p->code); /* its inline form (qms_site_memo_add_svg()) */
	bool kept = keep(s, d->proc_changed[i], rel, &key, name.buf);
	qms_buf_release(&key);
	qms_buf_release(&name);
	return kept;
}

bool qms_site_keep_agency(struct site *s, size_t ai, const char *rel)
{
	struct qms_site_deps *d = s->deps;
	if (!d)
		return false;
	const struct qms_report *r = s->r;
	const struct qms_report_agency *a = &r->agencies[ai];
	struct qms_buf key, name;
	qms_buf_init(&key);
	qms_buf_init(&name);
	add_digest(&key, d->global);
	qms_buf_printf(&key, "%s\n", a->id);
	add_digest(&key, qms_render_digest_of(d->agencies[ai].buf, d->agencies[ai].len));
	/* its procedures' counts of errors: their files may be elsewhere */
	for (size_t i = 0; i < r->nprocedures; i++)
		if (r->procedures[i].agency_index == ai)
			add_file_diags(&key, d, r->procedures[i].path);
	qms_buf_printf(&name, QMS_RENDER_MAPS "/%s.svg", a->id);
	add_diagram(&key, s, s->has_map[ai], name.buf);
	qms_buf_reset(&name);
	qms_buf_printf(&name, "diagrams/" QMS_RENDER_MAPS "/%s.svg ../procedures/", a->id);
	bool kept = keep(s, d->agency_changed[ai], rel, &key, name.buf);
	qms_buf_release(&key);
	qms_buf_release(&name);
	return kept;
}
