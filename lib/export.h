/* `qms export`: one procedure as the document the agency signs, as PDF or
 * Word.
 *
 *  - PDF: the document (procdoc.c) as an HTML page with the site's style
 *    sheet and the diagram inline, printed by headless Chromium: A4
 *    portrait pages with the code, edition, effective date and "page x/y"
 *    at the top of each, heads of tables repeated, the
 *    diagram on a landscape page, fonts embedded (Chromium embeds the
 *    subsets it uses). The dates Chromium writes into the file are set to
 *    the effective date, so the same input gives the same bytes.
 *  - DOCX: docx.c, the diagram as a PNG.
 *
 * Diagrams come from the render batch (render.h) in a temporary folder,
 * removed afterwards; the file is written atomically. */
#ifndef QMS_EXPORT_H
#define QMS_EXPORT_H

enum qms_export_format { QMS_EXPORT_PDF, QMS_EXPORT_DOCX };

/* "pdf", "docx", in the order of the enum, NULL-terminated. */
extern const char *const qms_export_format_names[];

struct qms_export_options {
	const char *procedure; /* its code, or the path of its file */
	enum qms_export_format format;
	const char *output; /* NULL: <code>.pdf or <code>.docx in the current folder */
	int lang; /* enum qms_lang; -1: the workspace's */
	const char *chromium; /* NULL: $QMS_CHROMIUM, else `chromium` from PATH */
	unsigned timeout; /* seconds Chromium may take; 0: 120 */
};

/* Export the procedure of the workspace holding the current folder.
 * Returns 0 with the path written in *written (caller frees), or -1 with
 * *err (caller frees): no such procedure, a file that does not load, no
 * Chromium, or a write that failed. */
int qms_export(char **written, const struct qms_export_options *opt, char **err);

#endif
