/* qms coverage, qms migrate, qms clauses: the ISO 9001 commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "coverage.h"
#include "index.h"
#include "schema.h"
#include "table.h"
#include "workspace.h"
#include "iso-cli.h"
#include "i18n.h"
#include "json.h"
#include "opts.h"
#include "report.h"

int parse_lang(enum qms_lang *out, const char *v)
{
	if (!strcmp(v, "vi"))
		*out = QMS_LANG_VI;
	else if (!strcmp(v, "en"))
		*out = QMS_LANG_EN;
	else
		return qms_cli_usage_error("--lang is vi or en, not '%s'", v);
	return 0;
}

/* Load the workspace of the current folder; problems reading its files
 * are not this command's to report (that is `qms check`), but they are
 * counted so the user knows. */
int iso_ctx_load(struct iso_ctx *c, const char *lang_opt)
{
	memset(c, 0, sizeof(*c));
	char *root = qms_cli_workspace_root();
	if (!root)
		return -1;
	free(root);
	struct qms_diags diags;
	qms_diags_init(&diags);
	char *err = NULL;
	if (qms_index_load(&c->ix, ".", 0, &diags, &err) < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		qms_diags_release(&diags);
		return -1;
	}
	size_t errors = qms_diags_count(&diags, QMS_ERROR);
	if (errors)
		fprintf(stderr, "qms: %zu error%s in the workspace's files; 'qms check' lists them\n", errors,
			errors == 1 ? "" : "s");
	qms_diags_release(&diags);
	struct qms_diags catdiags;
	qms_diags_init(&catdiags);
	int rc = qms_catalogs_open(&c->cat, c->ix->root, &catdiags, &err);
	qms_diags_release(&catdiags);
	if (rc < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		iso_ctx_release(c);
		return -1;
	}
	c->lang = c->ix->settings.lang;
	if (lang_opt && parse_lang(&c->lang, lang_opt)) {
		iso_ctx_release(c);
		return -1;
	}
	return 0;
}

void iso_ctx_release(struct iso_ctx *c)
{
	qms_index_free(c->ix);
	qms_catalogs_release(&c->cat);
}

const char *title_of(const struct qms_clause *cl, enum qms_lang lang)
{
	return lang == QMS_LANG_VI && cl->vi ? cl->vi : cl->en;
}

static const char *const standard_names[] = {"2015", "2008", NULL};
static const char *const table_formats[] = {"table", "md", "json", NULL};

#define O(f) offsetof(struct iso_args, f)
static const struct qms_opt coverage_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), table_formats, O(format),
	 N_("table (default), md or json")},
	{"as-of", 0, QMS_OPT_DATE, N_("DATE"), NULL, O(as_of), N_("YYYY-MM-DD (default today)")},
	{0},
};

static const struct qms_opt clauses_opts[] = {
	{"standard", 0, QMS_OPT_CHOICE, N_("EDITION"), standard_names, O(standard),
	 N_("2015 (default) or 2008")},
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), table_formats, O(format), N_("table (default), md or json")},
	{"map", 0, QMS_OPT_FLAG, NULL, NULL, O(map), N_("the 2008 -> 2015 correlation")},
	{0},
};

#undef O

int parse_opts(struct iso_opts *o, const struct qms_cli_command *cmd, int argc, char **argv, bool *done)
{
	struct iso_args a;
	memset(o, 0, sizeof(*o));
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(cmd, &a);
	*done = false;
	o->args = calloc((size_t)argc + 1, sizeof(*o->args));
	int n = 0;
	int rc = qms_opts_parse(cmd, argc, argv, &a, o->args, &n);
	if (rc == 1)
		*done = true;
	if (rc)
		return rc == 1 ? 0 : QMS_EXIT_USAGE;
	o->nargs = (size_t)n;
	const struct qms_opt *fo = cmd->opts;
	while (strcmp(fo->name, "format"))
		fo++;
	o->format = fo->choices[a.format < 0 ? 0 : a.format];
	o->apply = a.apply;
	o->map = a.map;
	o->standard = a.standard < 0 ? NULL : standard_names[a.standard];
	o->as_of = a.as_of < 0 ? qms_cli_today() : a.as_of;
	o->lang = qms_lang_get() == QMS_LANG_VI ? "vi" : "en";
	return 0;
}

static enum qms_table_format table_format(const char *f)
{
	return !strcmp(f, "md") ? QMS_TABLE_MD : !strcmp(f, "csv") ? QMS_TABLE_CSV : QMS_TABLE_TEXT;
}

/* ---- coverage ---- */

const struct qms_cli_command qms_coverage_command = {
	.name = "coverage",
	.run = qms_cmd_coverage,
	.usage = N_("coverage AGENCY [--as-of DATE] [--format table|md|json]"),
	.summary = N_("ISO 9001:2015 clause by clause for an agency: met, documented, missing, not applicable"),
	.description = N_("Conformity of one agency with ISO 9001:2015, clause by clause, from evidence\n"
			  "as of a date. Every lowest-level clause is met (addressed, and the evidence\n"
			  "it needs exists by the date), documented (addressed on paper, the evidence\n"
			  "missing or dated later), missing (nothing addresses it) or not applicable\n"
			  "(declared under `exclusions`, one line per declared clause). Evidence: fields\n"
			  "of processes/AGENCY/system.yaml once the system is `issued`, its `documents`\n"
			  "once issued and in force (a `record` for retained information), procedures\n"
			  "once effective and the records they keep, and audits/AGENCY.yaml: the\n"
			  "internal audit and the management review done with their report or minutes,\n"
			  "corrective actions closed and verified. Every line gives its evidence\n"
			  "(file:line) or what is missing."),
	.opts = coverage_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = N_("0 every applicable clause is met, 1 some are documented only or missing,\n"
			  "2 usage error or unknown agency"),
};

static const char *const kind_json[] = {"field", "document", "procedure", "records", "stage", "audit",
					"action"};
static const char *const state_json[] = {"in-force", "undated", "later", "draft", "withdrawn", "no-report"};

/* "context (system.yaml:19)", "STP-QT-01 (STP-QT-01.yaml:28)": the file
 * name is enough beside the agency's folder, JSON has the whole path. */
static void source_text(struct qms_buf *b, const struct qms_cov_source *s, enum qms_lang lang)
{
	const char *slash = strrchr(s->path, '/');
	if (s->kind == QMS_COV_RECORDS)
		qms_buf_printf(b, qms_tr(lang, N_("records of %s")), s->what);
	else
		qms_buf_adds(b, qms_cov_source_name(s, lang));
	qms_buf_printf(b, " (%s:%u", slash ? slash + 1 : s->path, s->line);
	if (s->date >= 0) {
		qms_buf_adds(b, ", ");
		qms_report_add_date(b, s->date, lang, false);
	}
	qms_buf_adds(b, ")");
}

const struct qms_index_system *find_system(const struct qms_index *ix, const char *agency)
{
	for (size_t i = 0; i < ix->nsystems; i++)
		if (ix->systems[i].agency.text && !strcmp(ix->systems[i].agency.text, agency))
			return &ix->systems[i];
	return NULL;
}

static void json_source(struct qms_json *j, const struct qms_cov_source *s)
{
	qms_json_object(j);
	qms_json_kv_string(j, "kind", kind_json[s->kind]);
	qms_json_kv_string(j, "name", s->what);
	if (s->title)
		qms_json_kv_string(j, "title", s->title);
	qms_json_kv_string(j, "tag", s->tag);
	qms_json_kv_string(j, "file", s->path);
	qms_json_kv_int(j, "line", s->line);
	qms_json_kv_int(j, "column", s->col);
	qms_json_key(j, "date");
	if (s->date >= 0) {
		struct qms_buf d;
		qms_buf_init(&d);
		qms_report_add_date(&d, s->date, QMS_LANG_EN, false);
		qms_json_string(j, d.buf);
		qms_buf_release(&d);
	} else {
		qms_json_null(j);
	}
	qms_json_kv_string(j, "state", state_json[s->state]);
	qms_json_key(j, "record");
	qms_json_bool(j, s->record);
	qms_json_end(j);
}

static void print_coverage_json(const struct qms_coverage *cov, const struct iso_ctx *c)
{
	struct qms_buf b, gap, d;
	qms_buf_init(&b);
	qms_buf_init(&gap);
	qms_buf_init(&d);
	struct qms_json j;
	qms_json_init(&j, &b, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "agency", cov->agency);
	qms_json_kv_string(&j, "standard", cov->catalog->id);
	qms_report_add_date(&d, cov->as_of, QMS_LANG_EN, false);
	qms_json_kv_string(&j, "as_of", d.buf);
	qms_json_kv_string(&j, "system", cov->system_path);
	qms_json_kv_string(&j, "tracker", cov->tracker_path);
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_json_kv_int(&j, qms_cov_status_names[s], (long)cov->count[s]);
	qms_json_key(&j, "clauses");
	qms_json_array(&j);
	for (size_t i = 0; i < cov->nrows; i++) {
		const struct qms_cov_row *r = &cov->rows[i];
		qms_json_object(&j);
		qms_json_kv_string(&j, "clause", r->clause->number);
		qms_json_kv_string(&j, "title", title_of(r->clause, c->lang));
		qms_json_kv_string(&j, "status", qms_cov_status_names[r->status]);
		qms_json_kv_string(&j, "documented", r->clause->documented >= 0 ?
						     qms_documented_names[r->clause->documented] : NULL);
		if (r->status == QMS_COV_NOT_APPLICABLE) {
			qms_json_kv_string(&j, "justification", r->justification);
			qms_json_kv_string(&j, "file", cov->system_path);
			qms_json_kv_int(&j, "line", r->line);
		}
		qms_json_key(&j, "evidence");
		if (r->evidence)
			json_source(&j, r->evidence);
		else
			qms_json_null(&j);
		qms_buf_reset(&gap);
		qms_cov_gap_text(&gap, cov, r, c->lang);
		qms_json_kv_string(&j, "gap", gap.len ? gap.buf : NULL);
		qms_json_key(&j, "sources");
		qms_json_array(&j);
		for (size_t k = 0; k < r->nsources; k++)
			json_source(&j, &r->sources[k]);
		qms_json_end(&j);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_end(&j);
	qms_cli_write(&b);
	qms_buf_release(&b);
	qms_buf_release(&gap);
	qms_buf_release(&d);
}

/* The last column of a line: the evidence of a met clause, the
 * justification of a declared one, else what is missing and where. */
static void evidence_cell(struct qms_buf *by, const struct qms_coverage *cov, const struct qms_cov_row *r,
			  enum qms_lang lang)
{
	if (r->status == QMS_COV_NOT_APPLICABLE) {
		const char *slash = strrchr(cov->system_path, '/');
		qms_buf_printf(by, "%s (%s:%u)", r->justification, slash ? slash + 1 : cov->system_path, r->line);
	} else if (r->evidence) {
		source_text(by, r->evidence, lang);
	} else {
		qms_cov_gap_text(by, cov, r, lang);
		if (r->gap_source) {
			const char *slash = strrchr(r->gap_source->path, '/');
			qms_buf_printf(by, " (%s:%u)", slash ? slash + 1 : r->gap_source->path, r->gap_source->line);
		}
	}
}

static void print_coverage_table(const struct qms_coverage *cov, const struct iso_ctx *c,
				 const struct qms_index_agency *ag, bool md)
{
	enum qms_lang lang = c->lang;
	bool vi = lang == QMS_LANG_VI;
	const char *name = ag && ag->name.text ? ag->name.text : cov->agency;
	struct qms_buf d;
	qms_buf_init(&d);
	qms_report_add_date(&d, cov->as_of, lang, false);
	if (md)
		qms_cli_printf("## %s %s: %s\n\n", vi ? "Mức đáp ứng" : "Conformity with", cov->catalog->id, name);
	else
		qms_cli_printf("%s %s: %s (%s)\n", vi ? "Mức đáp ứng" : "Conformity with", cov->catalog->id, name,
			       cov->agency);
	/* in Markdown each a paragraph of its own, not one run-on line */
	const char *eol = md ? "\n\n" : "\n";
	qms_cli_printf("%s %s%s", vi ? "Tính đến ngày" : "As of", d.buf, eol);
	if (cov->system_path)
		qms_cli_printf("%s%s", cov->system_path, eol);
	else
		qms_cli_printf("%s%s", vi ? "(chưa có system.yaml: chỉ tính các quy trình)" :
					    "(no system.yaml: procedures only)", eol);
	if (cov->tracker_path)
		qms_cli_printf("%s\n\n", cov->tracker_path);
	else
		qms_cli_printf("%s\n\n", vi ? "(chưa có tệp theo dõi trong audits/)" : "(no tracker in audits/)");
	const char *header_vi[] = {"Điều", "Tên", "HS", "Trạng thái", "Bằng chứng hoặc điều còn thiếu", NULL};
	const char *header_en[] = {"Clause", "Title", "DI", "Status", "Evidence or what is missing", NULL};
	struct qms_table t;
	qms_table_init(&t, vi ? header_vi : header_en);
	struct qms_buf by;
	qms_buf_init(&by);
	for (size_t i = 0; i < cov->nrows; i++) {
		const struct qms_cov_row *r = &cov->rows[i];
		qms_buf_reset(&by);
		evidence_cell(&by, cov, r, lang);
		const char *di = r->clause->documented < 0 ? "" :
				 r->clause->documented == QMS_DOC_RETAIN ? "R" :
				 r->clause->documented == QMS_DOC_MAINTAIN ? "M" : "M+R";
		const char *row[] = {r->clause->number, title_of(r->clause, lang), di,
				     qms_cov_status_label(r->status, lang), by.buf};
		qms_table_add(&t, row);
	}
	struct qms_buf out;
	qms_buf_init(&out);
	qms_table_format(&out, &t, md ? QMS_TABLE_MD : QMS_TABLE_TEXT);
	qms_cli_write(&out);
	qms_buf_release(&out);
	qms_buf_release(&by);
	qms_table_release(&t);
	qms_cli_printf("\n%zu %s:", cov->nrows, vi ? "điều khoản" : "clauses");
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_cli_printf("%s %s %zu", s ? ";" : "", qms_cov_status_label((enum qms_cov_status)s, lang),
			       cov->count[s]);
	qms_cli_printf("\n");
	qms_cli_printf("%s\n", vi ? "HS: thông tin dạng văn bản phải có (M duy trì, R lưu giữ)"
				  : "DI: documented information required (M maintain, R retain)");
	qms_buf_release(&d);
}

int qms_cmd_coverage(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_coverage_command, argc, argv, &done);
	if (rc || done)
		goto out_opts;
	rc = QMS_EXIT_USAGE;
	struct iso_ctx c;
	if (iso_ctx_load(&c, o.lang) < 0)
		goto out_opts;
	const char *agency = o.args[0];
	const struct qms_index_agency *ag = qms_index_find_agency(c.ix, agency);
	const struct qms_index_system *sysx = find_system(c.ix, agency);
	bool has_procs = false;
	for (size_t i = 0; i < c.ix->nprocesses; i++)
		has_procs |= c.ix->processes[i].agency.text && !strcmp(c.ix->processes[i].agency.text, agency);
	if (!ag && !sysx && !has_procs) {
		const char **ids = calloc(c.ix->nagencies + 1, sizeof(*ids));
		for (size_t i = 0; i < c.ix->nagencies; i++)
			ids[i] = c.ix->agencies[i].id.text;
		const char *close = qms_closest(agency, ids, c.ix->nagencies);
		if (close)
			qms_cli_usage_error(_("no agency '%s' in this workspace; did you mean '%s'?"), agency, close);
		else
			qms_cli_usage_error(_("no agency '%s' in this workspace"), agency);
		free(ids);
		iso_ctx_release(&c);
		goto out_opts;
	}
	struct qms_document sysdoc = {0}, trackdoc = {0};
	struct qms_cov_input in = {.as_of = o.as_of};
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (sysx && qms_document_load(&sysdoc, sysx->path, &diags) == 0 && sysdoc.kind == QMS_KIND_SYSTEM) {
		in.sys = &((const struct qms_system_file *)sysdoc.data)->system;
		in.sys_path = sysx->path;
	}
	if (ag && qms_document_load(&trackdoc, ag->path, &diags) == 0 && trackdoc.kind == QMS_KIND_AGENCY) {
		in.tracker = trackdoc.data;
		in.tracker_path = ag->path;
	}
	qms_diags_release(&diags);
	struct qms_coverage cov;
	qms_coverage_compute(&cov, qms_catalogs_find(&c.cat, "ISO 9001:2015"), c.ix, agency, &in);
	if (!strcmp(o.format, "json"))
		print_coverage_json(&cov, &c);
	else
		print_coverage_table(&cov, &c, ag, !strcmp(o.format, "md"));
	rc = cov.count[QMS_COV_MISSING] || cov.count[QMS_COV_DOCUMENTED] ? QMS_EXIT_FINDINGS : QMS_EXIT_CLEAN;
	qms_coverage_release(&cov);
	if (sysdoc.doc)
		qms_document_release(&sysdoc);
	if (trackdoc.doc)
		qms_document_release(&trackdoc);
	iso_ctx_release(&c);
out_opts:
	free(o.args);
	return rc;
}

/* ---- clauses ---- */

const struct qms_cli_command qms_clauses_command = {
	.name = "clauses",
	.run = qms_cmd_clauses,
	.usage = N_("clauses [--standard 2015|2008] [--format table|md|json] [CLAUSE...]\n"
		    "clauses --map [--format table|md|json]"),
	.summary = N_("browse the clauses of ISO 9001:2015 and 2008 and their correlation"),
	.description = N_("Browse the catalog of an edition of ISO 9001 (default 2015): every clause\n"
			  "with its title, level (system or process) and the documented information\n"
			  "it requires. Name clauses to see them with their sub-clauses, the check\n"
			  "questions an auditor asks, and where they come from or went to in the\n"
			  "other edition. --map prints the 2008 -> 2015 correlation."),
	.opts = clauses_opts,
	.positional = N_("CLAUSE"),
	.min_pos = 0,
	.max_pos = -1,
	.exit_status = N_("0 printed, 2 usage error (an unknown clause or option)"),
};

static const char *relation_word(int rel, enum qms_lang lang);

static void clause_detail(struct qms_buf *b, const struct qms_catalogs *cat, const struct qms_catalog *c, size_t idx,
				enum qms_lang lang)
{
	const struct qms_clause *cl = &c->clauses[idx];
	bool vi = lang == QMS_LANG_VI;
	qms_buf_printf(b, "%s %s  %s\n", c->id, cl->number, title_of(cl, lang));
	qms_buf_printf(b, "  %s / %s\n", cl->en, cl->vi);
	qms_buf_printf(b, "  %s: %s\n", vi ? "cấp" : "level", cl->level == QMS_CLAUSE_SYSTEM ?
		(vi ? "hệ thống" : "system") : (vi ? "quá trình" : "process"));
	if (cl->documented >= 0)
		qms_buf_printf(b, "  %s: %s (%s)\n", vi ? "thông tin dạng văn bản" : "documented information",
		       qms_documented_names[cl->documented], cl->evidence ? cl->evidence : "");
	const char **qs = vi && cl->nquestions_vi ? cl->questions_vi : cl->questions;
	size_t nq = vi && cl->nquestions_vi ? cl->nquestions_vi : cl->nquestions;
	for (size_t i = 0; i < nq; i++)
		qms_buf_printf(b, "  - %s\n", qs[i]);
	for (size_t i = 0; i < c->nclauses; i++)
		if (c->clauses[i].parent == idx)
			qms_buf_printf(b, "  %s %s\n", c->clauses[i].number, title_of(&c->clauses[i], lang));
	for (size_t t = 0; t < cat->ncorrs; t++) {
		const struct qms_correlation_table *k = &cat->corrs[t];
		if (k->from == c) {
			const struct qms_corr_entry *e = &k->entries[idx];
			for (size_t j = 0; j < e->nlinks; j++)
				qms_buf_printf(b, "  -> %s %s %s (%s)\n", k->to->id, k->to->clauses[e->links[j].to].number,
				       title_of(&k->to->clauses[e->links[j].to], lang),
				       relation_word(e->links[j].relation, lang));
		}
		if (k->to == c) {
			for (size_t f = 0; f < k->from->nclauses; f++) {
				const struct qms_corr_entry *e = &k->entries[f];
				for (size_t j = 0; j < e->nlinks; j++)
					if (e->links[j].to == idx)
						qms_buf_printf(b, "  <- %s %s %s (%s)\n", k->from->id, k->from->clauses[f].number,
						       title_of(&k->from->clauses[f], lang),
						       relation_word(e->links[j].relation, lang));
			}
			for (size_t j = 0; j < k->nnew; j++)
				if (k->new_clauses[j].clause == idx)
					qms_buf_printf(b, "  %s %s\n", vi ? "mới so với" : "new since", k->from->id);
		}
	}
}

/* A clause as JSON: number, titles, level, documented information, check
 * questions, sub-clauses and the clauses it corresponds to in the other
 * edition. */
static void clause_json(struct qms_json *j, const struct qms_catalogs *cat, const struct qms_catalog *c, size_t idx)
{
	const struct qms_clause *cl = &c->clauses[idx];
	qms_json_object(j);
	qms_json_kv_string(j, "standard", c->id);
	qms_json_kv_string(j, "clause", cl->number);
	qms_json_kv_string(j, "en", cl->en);
	qms_json_kv_string(j, "vi", cl->vi);
	qms_json_kv_string(j, "level", qms_clause_level_names[cl->level]);
	qms_json_kv_string(j, "documented", cl->documented >= 0 ? qms_documented_names[cl->documented] : NULL);
	qms_json_key(j, "questions");
	qms_json_array(j);
	for (size_t q = 0; q < cl->nquestions; q++)
		qms_json_string(j, cl->questions[q]);
	qms_json_end(j);
	qms_json_key(j, "subclauses");
	qms_json_array(j);
	for (size_t i = 0; i < c->nclauses; i++)
		if (c->clauses[i].parent == idx)
			qms_json_string(j, c->clauses[i].number);
	qms_json_end(j);
	qms_json_key(j, "correlation");
	qms_json_array(j);
	for (size_t t = 0; t < cat->ncorrs; t++) {
		const struct qms_correlation_table *k = &cat->corrs[t];
		for (size_t f = 0; f < k->from->nclauses; f++) {
			const struct qms_corr_entry *e = &k->entries[f];
			for (size_t l = 0; l < e->nlinks; l++) {
				bool from_here = k->from == c && f == idx;
				bool to_here = k->to == c && e->links[l].to == idx;
				if (!from_here && !to_here)
					continue;
				qms_json_object(j);
				qms_json_kv_string(j, "direction", from_here ? "to" : "from");
				qms_json_kv_string(j, "standard", from_here ? k->to->id : k->from->id);
				qms_json_kv_string(j, "clause", from_here ? k->to->clauses[e->links[l].to].number
									 : k->from->clauses[f].number);
				qms_json_kv_string(j, "relation", qms_relation_names[e->links[l].relation]);
				qms_json_end(j);
			}
		}
	}
	qms_json_end(j);
	qms_json_end(j);
}

/* `qms clauses CLAUSE...`: every clause named, in detail; an unknown
 * one is a usage error, named with the closest clauses. */
static int print_named_clauses(struct qms_buf *b, const struct qms_catalogs *cat, const struct qms_catalog *c,
			       const char *id, const struct iso_opts *o, enum qms_lang lang)
{
	size_t *idx = calloc(o->nargs, sizeof(*idx));
	bool unknown = false;
	for (size_t i = 0; i < o->nargs; i++) {
		idx[i] = qms_catalog_find(c, o->args[i]);
		if (idx[i] != SIZE_MAX)
			continue;
		struct qms_diags d;
		qms_diags_init(&d);
		qms_clause_check(cat, id, o->args[i], 0, 0, "", &d);
		qms_cli_usage_error("%s", d.len ? d.items[0].message : _("no such clause"));
		qms_diags_release(&d);
		unknown = true;
	}
	if (unknown) {
		free(idx);
		return QMS_EXIT_USAGE;
	}
	if (!strcmp(o->format, "json")) {
		struct qms_json j;
		qms_json_init(&j, b, true);
		qms_json_array(&j);
		for (size_t i = 0; i < o->nargs; i++)
			clause_json(&j, cat, c, idx[i]);
		qms_json_end(&j);
	} else {
		for (size_t i = 0; i < o->nargs; i++) {
			if (i)
				qms_buf_addc(b, '\n');
			clause_detail(b, cat, c, idx[i], lang);
		}
	}
	free(idx);
	return QMS_EXIT_CLEAN;
}

static const char *edition_id(const char *s)
{
	if (!s || !strcmp(s, "2015") || !strcmp(s, "ISO 9001:2015"))
		return "ISO 9001:2015";
	if (!strcmp(s, "2008") || !strcmp(s, "ISO 9001:2008"))
		return "ISO 9001:2008";
	return NULL;
}

static const char *relation_word(int rel, enum qms_lang lang)
{
	static const char *const vi[] = {"tương đương", "mở rộng", "thu hẹp", "giao nhau"};
	return lang == QMS_LANG_VI ? vi[rel] : qms_relation_names[rel];
}


int qms_cmd_clauses(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_clauses_command, argc, argv, &done);
	if (rc || done)
		goto out;
	rc = QMS_EXIT_USAGE;
	const char *id = edition_id(o.standard);
	/* The catalogs do not need a workspace; use its own catalogs when
	 * there is one. */
	struct qms_catalogs cat;
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_location loc = {0};
	char *err = NULL;
	if (qms_locate(&loc, ".", &err) < 0) {
		free(err);
		err = NULL;
	}
	enum qms_lang lang = qms_lang_get();
	int loaded = qms_catalogs_open(&cat, loc.root, &diags, &err);
	qms_location_release(&loc);
	qms_diags_release(&diags);
	if (loaded < 0) {
		qms_cli_usage_error("%s", err);
		free(err);
		goto out;
	}
	const struct qms_catalog *c = qms_catalogs_find(&cat, id);
	struct qms_buf b;
	qms_buf_init(&b);
	rc = QMS_EXIT_CLEAN;
	if (o.map) {
		const struct qms_correlation_table *k = qms_catalogs_correlation(&cat, "ISO 9001:2008", "ISO 9001:2015");
		if (!k) {
			qms_cli_usage_error(_("no 2008 -> 2015 correlation among the catalogs"));
			rc = QMS_EXIT_USAGE;
		} else if (!strcmp(o.format, "json")) {
			qms_buf_adds(&b, "[");
			bool first = true;
			for (size_t f = 0; f < k->from->nclauses; f++) {
				const struct qms_corr_entry *e = &k->entries[f];
				qms_buf_printf(&b, "%s\n  {\"from\": \"%s\", \"to\": [", first ? "" : ",",
					       k->from->clauses[f].number);
				first = false;
				for (size_t j = 0; j < e->nlinks; j++)
					qms_buf_printf(&b, "%s{\"clause\": \"%s\", \"relation\": \"%s\"}", j ? ", " : "",
						       k->to->clauses[e->links[j].to].number,
						       qms_relation_names[e->links[j].relation]);
				qms_buf_adds(&b, "]}");
			}
			qms_buf_adds(&b, "\n]\n");
		} else {
			bool vi = lang == QMS_LANG_VI;
			const char *h[] = {"2008", vi ? "Tên" : "Title", "2015", vi ? "Quan hệ" : "Relation", NULL};
			struct qms_table t;
			qms_table_init(&t, h);
			struct qms_buf to, rel;
			qms_buf_init(&to);
			qms_buf_init(&rel);
			for (size_t f = 0; f < k->from->nclauses; f++) {
				const struct qms_corr_entry *e = &k->entries[f];
				qms_buf_reset(&to);
				qms_buf_reset(&rel);
				for (size_t j = 0; j < e->nlinks; j++) {
					qms_buf_printf(&to, "%s%s", j ? ", " : "", k->to->clauses[e->links[j].to].number);
					qms_buf_printf(&rel, "%s%s", j ? ", " : "", relation_word(e->links[j].relation, lang));
				}
				if (!e->nlinks)
					qms_buf_adds(&to, "—");
				const char *row[] = {k->from->clauses[f].number, title_of(&k->from->clauses[f], lang),
						     to.buf, rel.buf};
				qms_table_add(&t, row);
			}
			qms_table_format(&b, &t, table_format(o.format));
			qms_buf_release(&to);
			qms_buf_release(&rel);
			qms_table_release(&t);
		}
	} else if (o.nargs) {
		rc = print_named_clauses(&b, &cat, c, id, &o, lang);
	} else if (!strcmp(o.format, "json")) {
		qms_buf_printf(&b, "{\"standard\": \"%s\", \"clauses\": [", c->id);
		for (size_t i = 0; i < c->nclauses; i++) {
			const struct qms_clause *cl = &c->clauses[i];
			qms_buf_printf(&b, "%s\n  {\"clause\": \"%s\", \"en\": ", i ? "," : "", cl->number);
			qms_buf_add_json_string(&b, cl->en);
			qms_buf_adds(&b, ", \"vi\": ");
			qms_buf_add_json_string(&b, cl->vi);
			qms_buf_printf(&b, ", \"level\": \"%s\", \"documented\": ", qms_clause_level_names[cl->level]);
			if (cl->documented >= 0)
				qms_buf_printf(&b, "\"%s\"", qms_documented_names[cl->documented]);
			else
				qms_buf_adds(&b, "null");
			qms_buf_adds(&b, ", \"questions\": [");
			for (size_t q = 0; q < cl->nquestions; q++) {
				if (q)
					qms_buf_adds(&b, ", ");
				qms_buf_add_json_string(&b, cl->questions[q]);
			}
			qms_buf_adds(&b, "]}");
		}
		qms_buf_adds(&b, "\n]}\n");
	} else {
		bool vi = lang == QMS_LANG_VI;
		const char *h[] = {vi ? "Điều" : "Clause", vi ? "Tên" : "Title", vi ? "Cấp" : "Level", vi ? "HS" : "DI", NULL};
		struct qms_table t;
		qms_table_init(&t, h);
		struct qms_buf title;
		qms_buf_init(&title);
		for (size_t i = 0; i < c->nclauses; i++) {
			const struct qms_clause *cl = &c->clauses[i];
			qms_buf_reset(&title);
			/* indent by depth so the tree shows */
			for (const char *p = cl->number; *p; p++)
				if (*p == '.')
					qms_buf_adds(&title, "  ");
			qms_buf_adds(&title, title_of(cl, lang));
			const char *di = cl->documented < 0 ? "" : qms_documented_names[cl->documented];
			const char *level = cl->level == QMS_CLAUSE_SYSTEM ? (vi ? "hệ thống" : "system") :
									    (vi ? "quá trình" : "process");
			const char *row[] = {cl->number, title.buf, level, di};
			qms_table_add(&t, row);
		}
		qms_table_format(&b, &t, table_format(o.format));
		qms_buf_release(&title);
		qms_table_release(&t);
	}
	qms_cli_write(&b);
	qms_buf_release(&b);
	qms_catalogs_release(&cat);
out:
	free(o.args);
	return rc;
}

