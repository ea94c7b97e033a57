/* qms migrate: the 2008 -> 2015 worklist of an agency, and --apply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "opts.h"
#include "iso-cli.h"
#include "migrate.h"
#include "schema.h"

/* ---- migrate ---- */

static const char *const migrate_formats[] = {"text", "md", "json", NULL};

#define O(f) offsetof(struct iso_args, f)
static const struct qms_opt migrate_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), migrate_formats, O(format), N_("text (default), md or json")},
	{"apply", 0, QMS_OPT_FLAG, NULL, NULL, O(apply), N_("convert the agency's 2008 procedures in place")},
	{0},
};
#undef O

const struct qms_cli_command qms_migrate_command = {
	.name = "migrate",
	.run = qms_cmd_migrate,
	.usage = N_("migrate AGENCY [--apply] [--format text|md|json]"),
	.summary = N_("the ISO 9001:2008 -> 2015 worklist of an agency; --apply converts its procedures"),
	.description = N_("The ISO 9001:2008 -> 2015 conversion worklist of one agency:\n"
			  "  1. every document still on 2008, each clause it cites with its 2015\n"
			  "     counterparts and whether the 2008 content carries over fully,\n"
			  "     partly or not at all;\n"
			  "  2. the 2015 requirements with no full 2008 predecessor, and whether\n"
			  "     system.yaml or a 2015 procedure already addresses them;\n"
			  "  3. what 2015 no longer asks for.\n"
			  "\n"
			  "--apply rewrites the agency's 2008 procedures in place: `standard`, the\n"
			  "translated `clauses`, `edition` + 1. Every other byte of the file stays\n"
			  "(comments, order, layout); a file is written only when the result passes\n"
			  "the checks, atomically. What needs a person's judgement is listed."),
	.opts = migrate_opts,
	.positional = N_("an agency id"),
	.complete = "agency",
	.min_pos = 1,
	.max_pos = 1,
	.exit_status = N_("0 nothing left to convert, 1 work remains (or a rewrite was\n"
			  "refused), 2 usage error or unknown agency"),
};

static const char *carry_word(enum qms_carry c, enum qms_lang lang)
{
	static const char *const vi[] = {"chuyển toàn bộ", "chuyển một phần", "không chuyển được"};
	static const char *const en[] = {"carries over fully", "carries over partly", "does not carry over"};
	return (lang == QMS_LANG_VI ? vi : en)[c];
}

static const char *const carry_json[] = {"full", "partial", "none"};

static void migration_json(struct qms_buf *b, const struct qms_conversion *m)
{
	const struct qms_correlation_table *k = m->corr;
	qms_buf_adds(b, "{\"agency\": ");
	qms_buf_add_json_string(b, m->agency);
	qms_buf_adds(b, ", \"documents\": [");
	for (size_t i = 0; i < m->ndocs; i++) {
		const struct qms_mig_doc *d = &m->docs[i];
		qms_buf_adds(b, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
		qms_buf_add_json_string(b, d->path);
		qms_buf_adds(b, ", \"code\": ");
		if (d->code)
			qms_buf_add_json_string(b, d->code);
		else
			qms_buf_adds(b, "null");
		qms_buf_adds(b, ", \"clauses\": [");
		for (size_t j = 0; j < d->nrefs; j++) {
			const struct qms_mig_ref *r = &d->refs[j];
			qms_buf_printf(b, "%s{\"clause\": ", j ? ", " : "");
			qms_buf_add_json_string(b, r->clause);
			qms_buf_printf(b, ", \"line\": %u, \"carry\": \"%s\", \"to\": [", r->line, carry_json[r->carry]);
			if (r->old != SIZE_MAX)
				for (size_t l = 0; l < k->entries[r->old].nlinks; l++)
					qms_buf_printf(b, "%s{\"clause\": \"%s\", \"relation\": \"%s\"}", l ? ", " : "",
						       k->to->clauses[k->entries[r->old].links[l].to].number,
						       qms_relation_names[k->entries[r->old].links[l].relation]);
			qms_buf_adds(b, "]}");
		}
		qms_buf_adds(b, "]}");
	}
	qms_buf_adds(b, "],\n \"new_requirements\": [");
	for (size_t i = 0; i < m->nnews; i++) {
		const struct qms_mig_new *n = &m->news[i];
		qms_buf_printf(b, "%s\n  {\"clause\": \"%s\", \"addressed\": %s, \"by\": [", i ? "," : "",
			       k->to->clauses[n->clause].number, n->by ? "true" : "false");
		for (size_t j = 0, shown = 0; j < n->nby; j++) {
			if (n->by[j].kind == QMS_COV_RECORDS) /* the procedure is listed already */
				continue;
			qms_buf_adds(b, shown++ ? ", " : "");
			qms_buf_add_json_string(b, n->by[j].what);
		}
		qms_buf_adds(b, "]}");
	}
	qms_buf_adds(b, "],\n \"no_longer_required\": [");
	for (size_t i = 0; i < m->ndropped; i++) {
		const struct qms_mig_dropped *d = &m->dropped[i];
		qms_buf_printf(b, "%s\n  {\"clause\": \"%s\", \"note\": ", i ? "," : "",
			       k->from->clauses[d->clause].number);
		qms_buf_add_json_string(b, d->note ? d->note : "");
		qms_buf_adds(b, ", \"still_cited_by\": [");
		for (size_t j = 0; j < d->ncited; j++) {
			qms_buf_adds(b, j ? ", " : "");
			qms_buf_add_json_string(b, d->still_cited_by[j]);
		}
		qms_buf_adds(b, "]}");
	}
	qms_buf_adds(b, "]}\n");
}

static void migration_text(struct qms_buf *b, const struct qms_conversion *m, enum qms_lang lang,
			   const char *name, bool md)
{
	const struct qms_correlation_table *k = m->corr;
	bool vi = lang == QMS_LANG_VI;
	const char *h = md ? "## " : "";
	qms_buf_printf(b, "%s%s %s -> %s: %s\n\n", md ? "# " : "", vi ? "Chuyển đổi" : "Conversion",
		       k->from->id, k->to->id, name);
	qms_buf_printf(b, "%s1. %s (%zu)\n\n", h, vi ? "Tài liệu còn theo ISO 9001:2008" :
					     "Documents still on ISO 9001:2008", m->ndocs);
	if (!m->ndocs)
		qms_buf_printf(b, "%s\n", vi ? "Không còn tài liệu nào." : "None left.");
	for (size_t i = 0; i < m->ndocs; i++) {
		const struct qms_mig_doc *d = &m->docs[i];
		qms_buf_printf(b, "%s%s%s%s%s (%s)\n", md ? "- **" : "", d->code ? d->code : "system.yaml",
			       md ? "**" : "", d->title ? " " : "", d->title ? d->title : "", d->path);
		for (size_t j = 0; j < d->nrefs; j++) {
			const struct qms_mig_ref *r = &d->refs[j];
			qms_buf_printf(b, "%s    %s -> ", md ? "" : "", r->clause);
			if (r->old == SIZE_MAX || !k->entries[r->old].nlinks) {
				qms_buf_adds(b, "—");
			} else {
				const struct qms_corr_entry *e = &k->entries[r->old];
				for (size_t l = 0; l < e->nlinks; l++)
					qms_buf_printf(b, "%s%s %s", l ? ", " : "", k->to->clauses[e->links[l].to].number,
						       title_of(&k->to->clauses[e->links[l].to], lang));
			}
			qms_buf_printf(b, ": %s\n", r->old == SIZE_MAX ? (vi ? "không có trong ISO 9001:2008" :
									     "not an ISO 9001:2008 clause")
								    : carry_word(r->carry, lang));
		}
	}
	qms_buf_printf(b, "\n%s2. %s\n\n", h, vi ? "Yêu cầu mới của ISO 9001:2015 phải xây dựng" :
						   "ISO 9001:2015 requirements to address afresh");
	for (size_t i = 0; i < m->nnews; i++) {
		const struct qms_mig_new *n = &m->news[i];
		const struct qms_clause *cl = &k->to->clauses[n->clause];
		qms_buf_printf(b, "%s%s %s: ", md ? "- " : "    ", cl->number, title_of(cl, lang));
		if (n->by) {
			qms_buf_adds(b, vi ? "đã có (" : "addressed (");
			for (size_t j = 0, shown = 0; j < n->nby && shown < 3; j++)
				if (n->by[j].kind != QMS_COV_RECORDS) /* the procedure is listed already */
					qms_buf_printf(b, "%s%s", shown++ ? ", " : "", qms_cov_source_name(&n->by[j], lang));
			qms_buf_adds(b, ")\n");
		} else {
			qms_buf_printf(b, "%s\n", vi ? "CHƯA CÓ" : "NOT YET");
		}
	}
	qms_buf_printf(b, "\n%s3. %s\n\n", h, vi ? "ISO 9001:2015 không còn yêu cầu" :
						   "No longer required by ISO 9001:2015");
	for (size_t i = 0; i < m->ndropped; i++) {
		const struct qms_mig_dropped *d = &m->dropped[i];
		const struct qms_clause *cl = &k->from->clauses[d->clause];
		qms_buf_printf(b, "%s%s %s: %s", md ? "- " : "    ", cl->number, title_of(cl, lang),
			       d->note ? _(d->note) : "");
		if (d->ncited) {
			qms_buf_adds(b, vi ? " (còn được viện dẫn trong " : " (still cited by ");
			for (size_t j = 0; j < d->ncited; j++)
				qms_buf_printf(b, "%s%s", j ? ", " : "", d->still_cited_by[j]);
			qms_buf_adds(b, ")");
		}
		qms_buf_addc(b, '\n');
	}
}

int qms_cmd_migrate(int argc, char **argv)
{
	struct iso_opts o;
	bool done;
	int rc = parse_opts(&o, &qms_migrate_command, argc, argv, &done);
	if (rc || done)
		goto out_opts;
	rc = QMS_EXIT_USAGE;
	struct iso_ctx c;
	if (iso_ctx_load(&c, o.lang) < 0)
		goto out_opts;
	const struct qms_correlation_table *corr =
		qms_catalogs_correlation(&c.cat, "ISO 9001:2008", "ISO 9001:2015");
	const char *agency = o.args[0];
	const struct qms_index_agency *ag = qms_index_find_agency(c.ix, agency);
	const struct qms_index_system *sysx = find_system(c.ix, agency);
	if (!corr) {
		qms_cli_usage_error(_("no 2008 -> 2015 correlation among the catalogs"));
		iso_ctx_release(&c);
		goto out_opts;
	}
	if (!ag && !sysx) {
		qms_cli_usage_error(_("no agency '%s' in this workspace"), agency);
		iso_ctx_release(&c);
		goto out_opts;
	}
	rc = QMS_EXIT_CLEAN;
	struct qms_buf notes;
	qms_buf_init(&notes);
	if (o.apply) {
		/* Rewrite first, then report what is left. */
		for (size_t i = 0; i < c.ix->nprocesses; i++) {
			const struct qms_index_process *p = &c.ix->processes[i];
			if (!p->agency.text || strcmp(p->agency.text, agency) || p->standard != QMS_STD_2008)
				continue;
			char *err = NULL;
			int r = qms_conversion_apply(p->path, &c.cat, corr, &notes, &err);
			if (r < 0) {
				qms_cli_eprintf("qms: %s\n", err);
				free(err);
				rc = QMS_EXIT_FINDINGS;
			} else if (r == 0) {
				qms_cli_printf(_("converted %s\n"), p->path);
			}
		}
		/* read the workspace again: the files changed */
		iso_ctx_release(&c);
		if (iso_ctx_load(&c, o.lang) < 0) {
			qms_buf_release(&notes);
			rc = QMS_EXIT_USAGE;
			goto out_opts;
		}
		corr = qms_catalogs_correlation(&c.cat, "ISO 9001:2008", "ISO 9001:2015");
		ag = qms_index_find_agency(c.ix, agency);
		sysx = find_system(c.ix, agency);
	}
	struct qms_document sysdoc = {0};
	const struct qms_system *sys = NULL;
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (sysx && qms_document_load(&sysdoc, sysx->path, &diags) == 0 && sysdoc.kind == QMS_KIND_SYSTEM)
		sys = &((const struct qms_system_file *)sysdoc.data)->system;
	qms_diags_release(&diags);
	struct qms_conversion m;
	qms_conversion_plan(&m, corr, c.ix, agency, sys, sys ? sysx->path : NULL);
	struct qms_buf b;
	qms_buf_init(&b);
	if (!strcmp(o.format, "json"))
		migration_json(&b, &m);
	else
		migration_text(&b, &m, c.lang, ag && ag->name.text ? ag->name.text : agency,
			       !strcmp(o.format, "md"));
	if (notes.len && strcmp(o.format, "json"))
		qms_buf_printf(&b, "\n%s\n%s", _("Needs a person's judgement:"),
			       notes.buf);
	if (!strcmp(o.format, "json"))
		qms_cli_write(&b);
	else
		qms_cli_write_text(&b);
	if (notes.len && !strcmp(o.format, "json"))
		qms_cli_eprintf("%s", notes.buf);
	bool news_open = false;
	for (size_t i = 0; i < m.nnews; i++)
		news_open |= !m.news[i].by;
	if (m.ndocs || news_open)
		rc = QMS_EXIT_FINDINGS;
	qms_buf_release(&b);
	qms_buf_release(&notes);
	qms_conversion_release(&m);
	if (sysdoc.doc)
		qms_document_release(&sysdoc);
	iso_ctx_release(&c);
out_opts:
	free(o.args);
	return rc;
}
