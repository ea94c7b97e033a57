/* The procedure as the agency issues it, written once for every output:
 * the site's procedure page, `qms export --format pdf` (the same HTML,
 * printed by Chromium) and `--format docx` (WordprocessingML, docx.c).
 *
 * The content (qms_procdoc_write()) is the layout agencies use: the header
 * block (agency, title, code, edition, effective date), the issuing
 * decision, the signature block (drafted, checked, approved), the revision
 * table, sections 1-7 (purpose, scope, references, definitions; 5 the
 * procedure: for each TTHC the record a)-i) of Thông tư 02/2017/TT-VPCP,
 * the step table, each agency's share of the time; 6 forms; 7 records),
 * risks, indicators and the distribution. It goes through a writer (struct
 * qms_docw): a few block operations that each back end implements. */
#ifndef QMS_PROCDOC_H
#define QMS_PROCDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"
#include "table.h"
#include "util.h"

struct qms_docw;

enum qms_docw_part { QMS_DOCW_HEAD, QMS_DOCW_BODY, QMS_DOCW_FOOT };

/* The operations of a writer. Texts are UTF-8, not escaped (the back end
 * escapes). `cls` names what a block is ("org", "note", "flow" ...): the
 * HTML back end writes it as the class, others map it to a style; NULL
 * for a plain block. A paragraph inside a table cell is a line of the
 * cell (HTML: the first plain one bare, the next after <br>, one with a
 * class as a <span>). */
struct qms_docw_ops {
	void (*heading)(struct qms_docw *w, int level, const char *id, const char *text);
	void (*para_begin)(struct qms_docw *w, const char *cls);
	void (*para_end)(struct qms_docw *w);
	void (*text)(struct qms_docw *w, const char *text, bool bold);
	/* A link (HTML only; others write the text). */
	void (*link)(struct qms_docw *w, const char *href, const char *text);
	/* Markup for HTML back ends only (already escaped); others ignore it. */
	void (*raw)(struct qms_docw *w, const char *html);
	/* widths: ncols relative widths (any unit), or NULL for equal ones. */
	void (*table_begin)(struct qms_docw *w, const char *id, const char *cls, size_t ncols, const unsigned *widths);
	void (*table_part)(struct qms_docw *w, enum qms_docw_part part);
	void (*row_begin)(struct qms_docw *w, const char *cls);
	void (*cell_begin)(struct qms_docw *w, bool head, const char *cls, unsigned span);
	void (*cell_end)(struct qms_docw *w);
	void (*row_end)(struct qms_docw *w);
	void (*table_end)(struct qms_docw *w);
	/* A bulleted list item holding one paragraph. */
	void (*item_begin)(struct qms_docw *w);
	void (*item_end)(struct qms_docw *w);
	void (*list_end)(struct qms_docw *w);
	/* A term and its description (HTML <dl>); a run of terms ends with
	 * terms_end. */
	void (*term_begin)(struct qms_docw *w, const char *term);
	void (*term_end)(struct qms_docw *w);
	void (*terms_end)(struct qms_docw *w);
};

struct qms_docw {
	const struct qms_docw_ops *ops;
};

/* The HTML back end: appends to out. */
struct qms_docw_html {
	struct qms_docw w;
	struct qms_buf *out;
	struct qms_tstream ts; /* the open table (table.c's writer) */
	bool in_cell;
	unsigned cell_paras; /* paragraphs begun in the current cell */
	const char *para_cls; /* of the open paragraph in a cell */
	bool in_list, in_terms;
};

void qms_docw_html_init(struct qms_docw_html *h, struct qms_buf *out);

/* What the site adds to the document; every member may be NULL. */
struct qms_procdoc_hooks {
	/* whether step i's row is marked (a finding is on it) */
	bool (*step_marked)(size_t step, void *ctx);
	/* after step i's content (the site's finding badges, with raw) */
	void (*step_extra)(struct qms_docw *w, size_t step, void *ctx);
	/* append to out the href of the page of procedure `code`; false: no link */
	bool (*proc_href)(struct qms_buf *out, const char *code, void *ctx);
	void *ctx;
};

/* Write the document of procedure pi of r (r->procedures[pi].process not
 * NULL) in r->lang. */
void qms_procdoc_write(struct qms_docw *w, const struct qms_report *r, size_t pi,
		       const struct qms_procdoc_hooks *hooks);

/* The index of step `id` in p->steps, or SIZE_MAX. */
size_t qms_procdoc_step_index(const struct qms_process *p, const char *id);
/* The numbers of the steps as the diagram shows them ("Bước n"): tasks
 * and subprocesses in file order; start, decision and end steps have
 * none (0). An array of p->steps.len + 1; caller frees. */
int *qms_procdoc_step_numbers(const struct qms_process *p);

/* The line of the page header of a printed procedure: "code · Edition n
 * · Effective date", in r->lang. Appends to out (not escaped). */
void qms_procdoc_add_running_head(struct qms_buf *out, const struct qms_report *r, size_t pi);

#endif
