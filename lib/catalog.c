#include "catalog.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "i18n.h"
#include "schema.h"
#include "workspace.h"

#ifndef QMS_DATA_INSTALLED
#define QMS_DATA_INSTALLED "/usr/local/share/qms"
#endif
#ifndef QMS_SOURCE_ROOT
#define QMS_SOURCE_ROOT "."
#endif

#ifndef QMS_DATA_RELATIVE
#define QMS_DATA_RELATIVE "../share/qms"
#endif

char *qms_data_dir(const char *sub)
{
	/* beside the program first: an installed tree moved elsewhere (or a
	 * `meson install --destdir` copy) finds its own data */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct qms_buf b;
			qms_buf_init(&b);
			qms_buf_printf(&b, "%s/%s/%s", exe, QMS_DATA_RELATIVE, sub);
			if (qms_is_dir(b.buf))
				return qms_buf_detach(&b);
			qms_buf_release(&b);
		}
	}
	char *installed = qms_path_join(QMS_DATA_INSTALLED, sub);
	if (qms_is_dir(installed))
		return installed;
	free(installed);
	return qms_path_join(QMS_SOURCE_ROOT, sub);
}

/* Where the catalogs come from, for messages that say where qms looked. */
enum origin { FROM_ENV, FROM_WORKSPACE, FROM_DATA };

static const char *const origin_text[] = {
	[FROM_ENV] = N_("named by QMS_STANDARDS"),
	[FROM_WORKSPACE] = N_("the workspace's own standards/ folder"),
	[FROM_DATA] = N_("qms's own data: beside the program, installed, or the source tree"),
};

/* $QMS_STANDARDS; else the workspace's own standards/ (root may be NULL);
 * else qms_data_dir("standards"). Caller frees. */
static char *standards_dir(const char *workspace_root, enum origin *origin)
{
	const char *env = getenv("QMS_STANDARDS");
	*origin = FROM_ENV;
	if (env && *env)
		return qms_xstrdup(env);
	if (workspace_root) {
		char *own = qms_path_join(workspace_root, "standards");
		*origin = FROM_WORKSPACE;
		if (qms_is_dir(own))
			return own;
		free(own);
	}
	*origin = FROM_DATA;
	return qms_data_dir("standards");
}

bool qms_clause_within(const char *clause, const char *ancestor)
{
	size_t n = strlen(ancestor);
	return !strncmp(clause, ancestor, n) && (clause[n] == '\0' || clause[n] == '.');
}

size_t qms_catalog_find(const struct qms_catalog *cat, const char *number)
{
	return qms_strmap_get(&cat->by_number, number);
}

const struct qms_catalog *qms_catalogs_find(const struct qms_catalogs *c, const char *id)
{
	for (size_t i = 0; i < c->ncatalogs; i++)
		if (!strcmp(c->catalogs[i].id, id))
			return &c->catalogs[i];
	return NULL;
}

const struct qms_correlation_table *qms_catalogs_correlation(const struct qms_catalogs *c, const char *from,
							     const char *to)
{
	for (size_t i = 0; i < c->ncorrs; i++)
		if (!strcmp(c->corrs[i].from->id, from) && !strcmp(c->corrs[i].to->id, to))
			return &c->corrs[i];
	return NULL;
}

static const char *copy(struct qms_arena *a, const struct qms_value *v)
{
	return qms_arena_strdup(a, v->text);
}

static const char **copy_list(struct qms_arena *a, const struct qms_list *l, size_t *n)
{
	const char **out = qms_arena_alloc(a, (l->len ? l->len : 1) * sizeof(*out));
	*n = 0;
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_value *v = &((const struct qms_value *)l->items)[i];
		if (v->text)
			out[(*n)++] = qms_arena_strdup(a, v->text);
	}
	return out;
}

/* The parent number of "8.5.1" is "8.5"; a top clause has none. */
static bool parent_number(char *out, size_t size, const char *number)
{
	const char *dot = strrchr(number, '.');
	if (!dot || (size_t)(dot - number) >= size)
		return false;
	memcpy(out, number, (size_t)(dot - number));
	out[dot - number] = '\0';
	return true;
}

static void add_catalog(struct qms_catalogs *c, const struct qms_standard_doc *s, const char *path,
			struct qms_diags *diags)
{
	struct qms_arena *a = &c->arena;
	struct qms_catalog *cat = &c->catalogs[c->ncatalogs++];
	memset(cat, 0, sizeof(*cat));
	cat->id = copy(a, &s->id);
	cat->national = copy(a, &s->national);
	cat->title_en = copy(a, &s->title.en);
	cat->title_vi = copy(a, &s->title.vi);
	cat->path = qms_arena_strdup(a, path);
	cat->by_number.arena = a;
	cat->clauses = qms_arena_alloc(a, (s->clauses.len ? s->clauses.len : 1) * sizeof(*cat->clauses));
	for (size_t i = 0; i < s->clauses.len; i++) {
		const struct qms_catalog_clause *e = &((const struct qms_catalog_clause *)s->clauses.items)[i];
		if (!e->number.text)
			continue;
		size_t first = qms_strmap_get(&cat->by_number, e->number.text);
		if (first != SIZE_MAX) {
			qms_diags_add(diags, path, e->number.line, e->number.col, QMS_RULE_C010,
				      "clause %s is listed twice (first at line %u)", e->number.text,
				      cat->clauses[first].line);
			continue;
		}
		struct qms_clause *cl = &cat->clauses[cat->nclauses];
		cl->number = copy(a, &e->number);
		cl->en = copy(a, &e->en);
		cl->vi = copy(a, &e->vi);
		cl->level = e->level.text ? e->level.choice : QMS_CLAUSE_SYSTEM;
		cl->documented = e->documented.text ? e->documented.choice : -1;
		cl->evidence = copy(a, &e->evidence);
		cl->evidence_vi = copy(a, &e->evidence_vi);
		cl->questions = copy_list(a, &e->questions, &cl->nquestions);
		cl->questions_vi = copy_list(a, &e->questions_vi, &cl->nquestions_vi);
		cl->line = e->number.line;
		cl->col = e->number.col;
		cl->parent = SIZE_MAX;
		cl->leaf = true;
		qms_strmap_put(&cat->by_number, cl->number, cat->nclauses++);
		if (cl->documented >= 0 && !cl->evidence)
			qms_diags_add(diags, path, e->obj.line, e->obj.col, QMS_RULE_C010,
				      "clause %s requires documented information but says no 'evidence' of what it is",
				      cl->number);
		if (cl->evidence && !cl->evidence_vi)
			qms_diags_add(diags, path, e->obj.line, e->obj.col, QMS_RULE_C010,
				      "clause %s gives its 'evidence' in English only; add 'evidence_vi'", cl->number);
	}
	for (size_t i = 0; i < cat->nclauses; i++) {
		struct qms_clause *cl = &cat->clauses[i];
		char parent[32];
		if (!parent_number(parent, sizeof(parent), cl->number))
			continue;
		cl->parent = qms_catalog_find(cat, parent);
		if (cl->parent == SIZE_MAX)
			qms_diags_add(diags, path, cl->line, cl->col, QMS_RULE_C010,
				      "clause %s has no parent clause %s in the catalog", cl->number, parent);
		else
			cat->clauses[cl->parent].leaf = false;
	}
	for (size_t i = 0; i < cat->nclauses; i++) {
		const struct qms_clause *cl = &cat->clauses[i];
		if (cl->leaf && cl->nquestions == 0)
			qms_diags_add(diags, path, cl->line, cl->col, QMS_RULE_C010,
				      "clause %s has no sub-clause and no check question; write one to three",
				      cl->number);
		if (cl->nquestions > 3)
			qms_diags_add(diags, path, cl->line, cl->col, QMS_RULE_C010,
				      "clause %s has %zu check questions; keep one to three", cl->number,
				      cl->nquestions);
		if (cl->nquestions_vi != cl->nquestions)
			qms_diags_add(diags, path, cl->line, cl->col, QMS_RULE_C010,
				      "clause %s has %zu questions in English and %zu in Vietnamese", cl->number,
				      cl->nquestions, cl->nquestions_vi);
	}
}

static size_t corr_clause(const struct qms_catalog *cat, const struct qms_value *v, const char *path,
			  struct qms_diags *diags)
{
	if (!v->text)
		return SIZE_MAX;
	size_t i = qms_catalog_find(cat, v->text);
	if (i == SIZE_MAX)
		qms_diags_add(diags, path, v->line, v->col, QMS_RULE_C011, "%s has no clause %s", cat->id, v->text);
	return i;
}

static void add_correlation(struct qms_catalogs *c, const struct qms_correlation *k, const char *path, uint32_t line,
			    uint32_t col, struct qms_diags *diags)
{
	struct qms_arena *a = &c->arena;
	const struct qms_catalog *from = k->from.text ? qms_catalogs_find(c, k->from.text) : NULL;
	const struct qms_catalog *to = k->to.text ? qms_catalogs_find(c, k->to.text) : NULL;
	if (!from || !to) {
		const struct qms_value *v = !from ? &k->from : &k->to;
		qms_diags_add(diags, path, v->line ? v->line : line, v->line ? v->col : col, QMS_RULE_C011,
			      "no catalog of '%s' next to this correlation", v->text ? v->text : "?");
		return;
	}
	struct qms_correlation_table *t = &c->corrs[c->ncorrs++];
	memset(t, 0, sizeof(*t));
	t->from = from;
	t->to = to;
	t->path = qms_arena_strdup(a, path);
	t->entries = qms_arena_alloc(a, (from->nclauses ? from->nclauses : 1) * sizeof(*t->entries));
	for (size_t i = 0; i < k->pairs.len; i++) {
		const struct qms_corr_pair *p = &((const struct qms_corr_pair *)k->pairs.items)[i];
		size_t fi = corr_clause(from, &p->from, path, diags);
		if (fi == SIZE_MAX)
			continue;
		struct qms_corr_entry *e = &t->entries[fi];
		if (e->listed) {
			qms_diags_add(diags, path, p->from.line, p->from.col, QMS_RULE_C011,
				      "%s %s has two entries; give all its targets in one", from->id, p->from.text);
			continue;
		}
		e->listed = true;
		e->note = copy(a, &p->note);
		e->links = qms_arena_alloc(a, (p->to.len ? p->to.len : 1) * sizeof(*e->links));
		for (size_t j = 0; j < p->to.len; j++) {
			const struct qms_corr_target *tg = &((const struct qms_corr_target *)p->to.items)[j];
			size_t ti = corr_clause(to, &tg->clause, path, diags);
			if (ti == SIZE_MAX || !tg->relation.text)
				continue;
			e->links[e->nlinks++] = (struct qms_corr_link){ti, tg->relation.choice};
		}
	}
	t->new_clauses = qms_arena_alloc(a, (k->new_clauses.len ? k->new_clauses.len : 1) * sizeof(*t->new_clauses));
	for (size_t i = 0; i < k->new_clauses.len; i++) {
		const struct qms_corr_note *n = &((const struct qms_corr_note *)k->new_clauses.items)[i];
		size_t ci = corr_clause(to, &n->clause, path, diags);
		if (ci != SIZE_MAX)
			t->new_clauses[t->nnew++] = (struct qms_corr_note_entry){ci, copy(a, &n->note)};
	}
	t->no_longer =
		qms_arena_alloc(a, (k->no_longer_required.len ? k->no_longer_required.len : 1) * sizeof(*t->no_longer));
	bool *dropped = qms_xcalloc(from->nclauses ? from->nclauses : 1, sizeof(bool));
	for (size_t i = 0; i < k->no_longer_required.len; i++) {
		const struct qms_corr_note *n = &((const struct qms_corr_note *)k->no_longer_required.items)[i];
		size_t ci = corr_clause(from, &n->from, path, diags);
		if (ci == SIZE_MAX)
			continue;
		t->no_longer[t->nno_longer++] = (struct qms_corr_note_entry){ci, copy(a, &n->note)};
		dropped[ci] = true;
	}
	for (size_t i = 0; i < from->nclauses; i++)
		if (!t->entries[i].nlinks && !dropped[i])
			qms_diags_add(diags, path, line, col, QMS_RULE_C011,
				      "%s %s (%s) maps to no clause of %s and is not listed under no_longer_required",
				      from->id, from->clauses[i].number, from->clauses[i].en, to->id);
	free(dropped);
}

static char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *fail(const char *fmt, ...)
{
	struct qms_buf b;
	qms_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return qms_buf_detach(&b);
}

/* Load every catalog and correlation of dir. A file that cannot be loaded
 * is an error (its first diagnostic goes to *err): the clause rules would
 * silently lose what it holds. Problems inside loaded files go to diags. */
static int catalogs_load(struct qms_catalogs *out, const char *dir, struct qms_diags *diags, char **err)
{
	struct qms_strlist files = {0};
	qms_collect_yaml(&files, dir);
	struct qms_document *docs = qms_xcalloc(files.len ? files.len : 1, sizeof(*docs));
	bool *loaded = qms_xcalloc(files.len ? files.len : 1, sizeof(bool));
	char **paths = qms_xcalloc(files.len ? files.len : 1, sizeof(char *));
	size_t nstd = 0, ncorr = 0;
	int rc = 0;
	for (size_t i = 0; i < files.len && rc == 0; i++) {
		paths[i] = qms_display_path(files.items[i]);
		struct qms_diags why;
		qms_diags_init(&why);
		if (qms_document_load(&docs[i], paths[i], &why) < 0) {
			struct qms_buf line;
			qms_buf_init(&line);
			if (why.len)
				qms_diag_format(&line, &why.items[0]);
			else
				qms_buf_adds(&line, paths[i]);
			*err = fail(_("cannot read a catalog: %s"), line.buf);
			qms_buf_release(&line);
			rc = -1;
		} else {
			loaded[i] = true;
			nstd += docs[i].kind == QMS_KIND_STANDARD;
			ncorr += docs[i].kind == QMS_KIND_CORRELATION;
		}
		qms_diags_move(diags, &why);
	}
	out->catalogs = qms_arena_alloc(&out->arena, (nstd ? nstd : 1) * sizeof(*out->catalogs));
	out->corrs = qms_arena_alloc(&out->arena, (ncorr ? ncorr : 1) * sizeof(*out->corrs));
	/* catalogs first: correlations name them */
	for (size_t i = 0; i < files.len; i++)
		if (loaded[i] && docs[i].kind == QMS_KIND_STANDARD)
			add_catalog(out, &((const struct qms_standard_file *)docs[i].data)->standard, paths[i], diags);
	for (size_t i = 0; i < files.len; i++)
		if (loaded[i] && docs[i].kind == QMS_KIND_CORRELATION) {
			const struct qms_correlation_file *f = docs[i].data;
			add_correlation(out, &f->correlation, paths[i], f->correlation.obj.line, f->correlation.obj.col,
					diags);
		}
	for (size_t i = 0; i < files.len; i++) {
		if (loaded[i])
			qms_document_release(&docs[i]);
		free(paths[i]);
	}
	free(docs);
	free(loaded);
	free(paths);
	qms_strlist_release(&files);
	return rc;
}

/* What the clause rules need: a catalog of each edition documents may
 * follow, and the correlation between them (C002). NULL, or what is
 * missing (caller frees). */
static char *missing_catalog(const struct qms_catalogs *c)
{
	for (size_t i = 0; qms_standard_names[i]; i++)
		if (!qms_catalogs_find(c, qms_standard_names[i]))
			return fail(_("there is no catalog of %s"), qms_standard_names[i]);
	if (!qms_catalogs_correlation(c, "ISO 9001:2008", "ISO 9001:2015"))
		return fail(_("there is no correlation from %s to %s"), "ISO 9001:2008", "ISO 9001:2015");
	return NULL;
}

int qms_catalogs_open(struct qms_catalogs *out, const char *workspace_root, struct qms_diags *diags, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	enum origin origin;
	char *dir = standards_dir(workspace_root, &origin);
	char *why = NULL;
	/* once per command: the workspace handle keeps the first clean load */
	struct qms_catalogs *kept = qms_workspace_kept_catalogs();
	if (kept && kept->dir && !strcmp(kept->dir, dir)) {
		*out = *kept;
		out->borrowed = true;
		free(dir);
		return 0;
	}
	size_t ndiags = diags->len;
	if (!qms_is_dir(dir)) {
		if (origin == FROM_ENV)
			*err = fail(_("QMS_STANDARDS names '%s', which is not a folder; set it to the folder of the "
				      "catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it"),
				    dir);
		else
			*err = fail(_("no catalogs of ISO 9001 found: QMS_STANDARDS is not set, the workspace has no "
				      "standards/ folder, and '%s' (qms's own data) is not a folder; reinstall qms or "
				      "set QMS_STANDARDS"),
				    dir);
	} else if (catalogs_load(out, dir, diags, &why) < 0 || (why = missing_catalog(out))) {
		char *shown = qms_display_path(dir);
		*err = fail(_("cannot use the catalogs of ISO 9001 in '%s' (%s): %s; the clause rules need each of "
			      "them: restore it, or set QMS_STANDARDS to a folder with the whole set"),
			    shown, _(origin_text[origin]), why);
		free(shown);
	}
	free(why);
	if (*err) {
		qms_catalogs_release(out);
		free(dir);
		return -1;
	}
	out->dir = qms_arena_strdup(&out->arena, dir);
	free(dir);
	if (kept && !kept->dir && diags->len == ndiags) {
		/* kept only when clean: each reader reports the problems */
		*kept = *out;
		out->borrowed = true;
	}
	return 0;
}

void qms_catalogs_release(struct qms_catalogs *c)
{
	if (c->borrowed) {
		memset(c, 0, sizeof(*c));
		return;
	}
	for (size_t i = 0; i < c->ncatalogs; i++)
		qms_strmap_release(&c->catalogs[i].by_number);
	qms_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

const char *qms_clause_title(const struct qms_clause *cl, enum qms_lang lang)
{
	return lang == QMS_LANG_VI && cl->vi ? cl->vi : cl->en;
}

/* A clause's title in the language of messages. */
static const char *title_in_lang(const struct qms_clause *cl)
{
	return qms_clause_title(cl, qms_lang_get());
}

bool qms_clause_check(const struct qms_catalogs *c, const char *standard, const char *clause, uint32_t line,
		      uint32_t col, const char *path, struct qms_diags *diags)
{
	const struct qms_catalog *cat = qms_catalogs_find(c, standard);
	if (!cat)
		return true; /* no catalog of that edition: nothing to check against */
	if (qms_catalog_find(cat, clause) != SIZE_MAX)
		return true;
	/* A number of the other edition, when the correlation knows it. */
	for (size_t i = 0; i < c->ncorrs; i++) {
		const struct qms_correlation_table *t = &c->corrs[i];
		if (t->to != cat)
			continue;
		size_t old = qms_catalog_find(t->from, clause);
		if (old == SIZE_MAX)
			continue;
		const struct qms_corr_entry *e = &t->entries[old];
		struct qms_buf b;
		qms_buf_init(&b);
		for (size_t k = 0; k < e->nlinks; k++) {
			const struct qms_clause *n = &cat->clauses[e->links[k].to];
			qms_buf_printf(&b, "%s%s \"%s\"", k ? (k + 1 == e->nlinks ? " or " : ", ") : "", n->number,
				       n->en);
		}
		if (e->nlinks)
			qms_diags_add(diags, path, line, col, QMS_RULE_C002,
				      "clause %s is numbered as in %s (%s); in %s use %s", clause, t->from->id,
				      t->from->clauses[old].en, cat->id, b.buf);
		else
			qms_diags_add(diags, path, line, col, QMS_RULE_C002,
				      "clause %s is numbered as in %s (%s), which %s no longer has; remove it", clause,
				      t->from->id, t->from->clauses[old].en, cat->id);
		qms_buf_release(&b);
		return false;
	}
	/* Name what the parent has, when there is one. */
	char parent[32];
	const char *dot = strrchr(clause, '.');
	size_t pi = SIZE_MAX;
	if (dot && (size_t)(dot - clause) < sizeof(parent)) {
		memcpy(parent, clause, (size_t)(dot - clause));
		parent[dot - clause] = '\0';
		pi = qms_catalog_find(cat, parent);
	}
	if (pi != SIZE_MAX) {
		const char *first = NULL, *last = NULL;
		for (size_t i = 0; i < cat->nclauses; i++)
			if (cat->clauses[i].parent == pi) {
				if (!first)
					first = cat->clauses[i].number;
				last = cat->clauses[i].number;
			}
		if (first)
			qms_diags_add(diags, path, line, col, QMS_RULE_C001,
				      "%s has no clause %s; %s \"%s\" has %s to %s", cat->id, clause, parent,
				      title_in_lang(&cat->clauses[pi]), first, last);
		else
			qms_diags_add(diags, path, line, col, QMS_RULE_C001,
				      "%s has no clause %s; %s \"%s\" has no sub-clauses", cat->id, clause, parent,
				      title_in_lang(&cat->clauses[pi]));
	} else {
		qms_diags_add(diags, path, line, col, QMS_RULE_C001, "%s has no clause %s", cat->id, clause);
	}
	return false;
}
