/* HTML output shared by the report (report.c) and the static site
 * (site.c): escaping of user text, the style sheet, the names of pages,
 * and the check that lets a diagram's SVG be put inline in a page.
 *
 * Why not qms_render_add_html(): that escaper is for Graphviz labels. It
 * doubles backslashes (Graphviz expands \N in labels) and writes newlines
 * as <BR/>, so "C:\x" would show as "C:\\x" in a page. This one escapes
 * for an HTML text or attribute value and nothing else. */
#ifndef QMS_HTML_H
#define QMS_HTML_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

/* Append s escaped for HTML or XML text and quoted attribute values: the
 * one escaper of every HTML, SVG and XML qms writes. & < > " ' as
 * entities; control characters other than tab and newline (C0, DEL, C1:
 * XML 1.0 and HTML forbid or discourage them), U+FFFE, U+FFFF and each
 * byte that is not valid UTF-8 as U+FFFD, so the result is always
 * well-formed. */
void qms_html_add_text(struct qms_buf *b, const char *s);
void qms_html_add_textn(struct qms_buf *b, const char *s, size_t n);
/* Format, then append the result escaped: for labels built from user
 * text and numbers. */
void qms_html_printf(struct qms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_html_vprintf(struct qms_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The base name of the page of an agency or procedure id, without the
 * extension: the id itself when it holds only ASCII letters, digits,
 * '-', '_' and '.' and does not start with '.', else each other byte (and
 * a leading '.') as ~XX. '~' is not an id character, so two ids never
 * share a name, and the name needs no escaping in a URL or an attribute.
 * A name over QMS_HTML_PAGE_NAME_MAX bytes (a long tracker file name in
 * Vietnamese: ~XX triples each byte) keeps its start and ends with '~' and
 * a hash of the whole (qms_name_bound()), so that any id gives a file name
 * the file system takes. Appends to b. */
#define QMS_HTML_PAGE_NAME_MAX 200
void qms_html_add_page_name(struct qms_buf *b, const char *id);

/* The style sheet of the site and of `qms report --format html`: screen
 * and print (A4, with the procedure document on portrait pages and its
 * diagram on a landscape page). NUL-terminated. */
extern const char qms_html_css[];

/* Where a link of an inlined diagram goes. href is the link as the SVG
 * has it (entities decoded, e.g. "STP-QT-02.svg"). Return the new target
 * (appended to out, unescaped) and 0, or -1 to drop the link. */
typedef int (*qms_html_link_fn)(struct qms_buf *out, const char *href, void *ctx);

/* Append svg[0..len) (Graphviz output) for inlining in an HTML page, or
 * return -1 (out unchanged) when it is not safe to inline.
 *
 * Safe means: well-formed XML whose elements and attributes are all on a
 * list of drawing elements and presentation attributes (no script, style,
 * foreignObject, event handler, image, CDATA or processing instruction
 * past the prolog), with entity references only of the five XML ones or
 * numeric. What is kept is then written back, not copied: the prolog,
 * DOCTYPE and comments are dropped; Graphviz's <title> elements (its own
 * node names, useless as tooltips) are dropped; `id` attributes are
 * dropped (they would clash with the page's); width and height of the
 * root are dropped so CSS sizes it; an <a>'s `xlink:title` becomes a
 * <title> child (the tooltip), its `xlink:href` goes through link (NULL:
 * links dropped) and is written as `href`; `target` is dropped. `label`
 * (user text, escaped here) is the root's aria-label; `cls` its class. */
int qms_html_add_svg(struct qms_buf *out, const char *svg, size_t len, const char *label, const char *cls,
		     qms_html_link_fn link, void *ctx);

#endif
