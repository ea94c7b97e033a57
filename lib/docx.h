/* The procedure document as a Word file (`qms export --format docx`): the
 * content of procdoc.c through a WordprocessingML back end, real Word
 * tables (head rows repeated on each page), the page header (code,
 * edition, effective date, page x/y) on every page, A4
 * portrait, and the diagram as a PNG on a landscape page at the end. The
 * zip container is written by libzip (the only code that includes
 * zip.h). */
#ifndef QMS_DOCX_H
#define QMS_DOCX_H

#include <stddef.h>

#include "report.h"
#include "util.h"

/* Append the .docx bytes of procedure pi of r to out. png[0..png_len) is
 * the diagram (PNG); NULL for none. The same input gives the same bytes.
 * Returns 0, or -1 with *err (caller frees). */
int qms_docx_build(struct qms_buf *out, const struct qms_report *r, size_t pi, const void *png, size_t png_len,
		   char **err);

#endif
