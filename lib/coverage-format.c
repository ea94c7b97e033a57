/* The outputs of `qms coverage`: JSON through json.c, a table through
 * table.c. See coverage.h. */
#include "coverage.h"

#include <string.h>

#include "i18n.h"
#include "json.h"
#include "report.h"
#include "table.h"

static const char *const kind_json[] = {"field", "document", "procedure", "records", "stage", "audit", "action"};
static const char *const state_json[] = {"in-force", "undated", "later", "draft", "withdrawn", "no-report"};

/* "system.yaml" for "processes/so-a/system.yaml": the agency's folder goes
 * without saying beside its name. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* "context (system.yaml:19)", "STP-QT-01 (STP-QT-01.yaml:28)": the file
 * name is enough beside the agency's folder, JSON has the whole path. */
static void source_text(struct qms_buf *b, const struct qms_cov_source *s, enum qms_lang lang)
{
	if (s->kind == QMS_COV_RECORDS)
		qms_buf_printf(b, qms_tr(lang, N_("records of %s")), s->what);
	else
		qms_buf_adds(b, qms_cov_source_name(s, lang));
	qms_buf_printf(b, " (%s:%u", base_name(s->path), s->line);
	if (s->date >= 0) {
		qms_buf_adds(b, ", ");
		qms_report_add_date(b, s->date, lang, false);
	}
	qms_buf_adds(b, ")");
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
	qms_json_kv_date(j, "date", s->date);
	qms_json_kv_string(j, "state", state_json[s->state]);
	qms_json_kv_bool(j, "record", s->record);
	qms_json_end(j);
}

static void json_row(struct qms_json *j, const struct qms_coverage *cov, const struct qms_cov_row *r,
		     enum qms_lang lang, struct qms_buf *gap)
{
	qms_json_object(j);
	qms_json_kv_string(j, "clause", r->clause->number);
	qms_json_kv_string(j, "title", qms_clause_title(r->clause, lang));
	qms_json_kv_string(j, "status", qms_cov_status_names[r->status]);
	qms_json_kv_string(j, "documented",
			   r->clause->documented >= 0 ? qms_documented_names[r->clause->documented] : NULL);
	if (r->status == QMS_COV_NOT_APPLICABLE) {
		qms_json_kv_string(j, "justification", r->justification);
		qms_json_kv_string(j, "file", cov->system_path);
		qms_json_kv_int(j, "line", r->line);
	}
	qms_json_key(j, "evidence");
	if (r->evidence)
		json_source(j, r->evidence);
	else
		qms_json_null(j);
	qms_buf_reset(gap);
	qms_cov_gap_text(gap, cov, r, lang);
	qms_json_kv_string(j, "gap", gap->len ? gap->buf : NULL);
	qms_json_key(j, "sources");
	qms_json_array(j);
	for (size_t k = 0; k < r->nsources; k++)
		json_source(j, &r->sources[k]);
	qms_json_end(j);
	qms_json_end(j);
}

void qms_coverage_format_json(struct qms_buf *out, const struct qms_coverage *cov, enum qms_lang lang)
{
	struct qms_buf gap;
	qms_buf_init(&gap);
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "agency", cov->agency);
	qms_json_kv_string(&j, "standard", cov->catalog->id);
	qms_json_kv_date(&j, "as_of", cov->as_of);
	qms_json_kv_string(&j, "system", cov->system_path);
	qms_json_kv_string(&j, "tracker", cov->tracker_path);
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_json_kv_int(&j, qms_cov_status_names[s], (long)cov->count[s]);
	qms_json_key(&j, "clauses");
	qms_json_array(&j);
	for (size_t i = 0; i < cov->nrows; i++)
		json_row(&j, cov, &cov->rows[i], lang, &gap);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_buf_release(&gap);
}

/* The last column of a line: the evidence of a met clause, the
 * justification of a declared one, else what is missing and where. */
static void evidence_cell(struct qms_buf *by, const struct qms_coverage *cov, const struct qms_cov_row *r,
			  enum qms_lang lang)
{
	if (r->status == QMS_COV_NOT_APPLICABLE) {
		qms_buf_printf(by, "%s (%s:%u)", r->justification, base_name(cov->system_path), r->line);
	} else if (r->evidence) {
		source_text(by, r->evidence, lang);
	} else {
		qms_cov_gap_text(by, cov, r, lang);
		if (r->gap_source)
			qms_buf_printf(by, " (%s:%u)", base_name(r->gap_source->path), r->gap_source->line);
	}
}

/* The heading: the agency, the date and the files read. */
static void table_heading(struct qms_buf *out, const struct qms_coverage *cov, const char *name, enum qms_lang lang,
			  bool md)
{
	if (md)
		qms_buf_printf(out, "## %s %s: %s\n\n", qms_tr(lang, "Conformity with"), cov->catalog->id,
			       name ? name : cov->agency);
	else
		qms_buf_printf(out, "%s %s: %s (%s)\n", qms_tr(lang, "Conformity with"), cov->catalog->id,
			       name ? name : cov->agency, cov->agency);
	/* in Markdown each a paragraph of its own, not one run-on line */
	const char *eol = md ? "\n\n" : "\n";
	qms_buf_adds(out, qms_tr(lang, "As of "));
	qms_report_add_date(out, cov->as_of, lang, false);
	qms_buf_adds(out, eol);
	if (cov->system_path)
		qms_buf_printf(out, "%s%s", cov->system_path, eol);
	else
		qms_buf_printf(out, "%s%s", qms_tr(lang, "(no system.yaml: procedures only)"), eol);
	if (cov->tracker_path)
		qms_buf_printf(out, "%s\n\n", cov->tracker_path);
	else
		qms_buf_printf(out, "%s\n\n", qms_tr(lang, "(no tracker in audits/)"));
}

void qms_coverage_format_table(struct qms_buf *out, const struct qms_coverage *cov, const char *name,
			       enum qms_lang lang, bool md)
{
	table_heading(out, cov, name, lang, md);
	const char *head[] = {qms_tr_ctx(lang, "short", "Clause"),
			      qms_tr(lang, "Title"),
			      qms_tr(lang, "DI"),
			      qms_tr_ctx(lang, "clause", "Status"),
			      qms_tr(lang, "Evidence or what is missing"),
			      NULL};
	struct qms_table t;
	qms_table_init(&t, head);
	struct qms_buf by;
	qms_buf_init(&by);
	for (size_t i = 0; i < cov->nrows; i++) {
		const struct qms_cov_row *r = &cov->rows[i];
		qms_buf_reset(&by);
		evidence_cell(&by, cov, r, lang);
		const char *di = r->clause->documented < 0                   ? ""
				 : r->clause->documented == QMS_DOC_RETAIN   ? "R"
				 : r->clause->documented == QMS_DOC_MAINTAIN ? "M"
									     : "M+R";
		const char *row[] = {r->clause->number, qms_clause_title(r->clause, lang), di,
				     qms_cov_status_label(r->status, lang), by.buf};
		qms_table_add(&t, row);
	}
	qms_table_format(out, &t, md ? QMS_TABLE_MD : QMS_TABLE_TEXT);
	qms_buf_release(&by);
	qms_table_release(&t);
	qms_buf_printf(out, "\n%zu %s:", cov->nrows, qms_tr(lang, "clauses"));
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_buf_printf(out, "%s %s %zu", s ? ";" : "", qms_cov_status_label((enum qms_cov_status)s, lang),
			       cov->count[s]);
	qms_buf_printf(out, "\n%s\n", qms_tr(lang, "DI: documented information required (M maintain, R retain)"));
}
