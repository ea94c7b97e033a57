/* Fuzz target: the SVG re-serialiser that guards the site
 * (qms_html_add_svg(), about 330 lines of html.c) and the escapers of the
 * output writers. For any input:
 *  - qms_html_add_svg() refuses it, or writes well-formed XML (parsed with
 *    expat) made only of drawing elements, with no script, style, event
 *    handler (on...), foreignObject, processing instruction, DOCTYPE or
 *    comment, and no reference to anything but what the link callback
 *    gave (no xlink:href, no url(...), no javascript:);
 *  - the XML/HTML escaper gives well-formed XML in a text and in an
 *    attribute, and the board SVG of an agency named by the input is
 *    well-formed (finding 12 of issue 17);
 *  - the JSON string writer gives a valid JSON string, the terminal
 *    escaper valid UTF-8 with no control character a terminal acts on,
 *    and the CSV cell writer a cell no spreadsheet runs as a formula.
 * Built with libFuzzer (meson -Dfuzz=true, clang); replayed over the
 * corpus by an ordinary test under gcc and the sanitizers. */
#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board.h"
#include "html.h"
#include "status.h"
#include "table.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text, size_t len)
{
	fprintf(stderr, "fuzz-svg: %s\n--- output ---\n%.*s\n", what, (int)len, text);
	abort();
}

/* ---- what expat sees ---- */

struct xml_check {
	bool svg; /* check the elements and attributes of an inlined SVG */
	const char *problem; /* the first thing wrong, or NULL */
	int depth;
};

static const char *const drawing[] = {"svg",     "g",      "title",          "polygon",        "polyline", "path",
				      "ellipse", "circle", "rect",           "line",           "text",     "tspan",
				      "a",       "defs",   "linearGradient", "radialGradient", "stop",     NULL};

/* Attributes of the root that hold the caller's text (label, class). */
static const char *const text_attributes[] = {"class", "aria-label", "role", NULL};

static bool listed(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static void XMLCALL on_start(void *ctx, const XML_Char *name, const XML_Char **attrs)
{
	struct xml_check *c = ctx;
	if (c->problem || !c->svg)
		return;
	if (!c->depth++ && strcmp(name, "svg"))
		c->problem = "the root is not <svg>";
	else if (!listed(drawing, name))
		c->problem = "an element that is not a drawing element";
	for (size_t i = 0; attrs[i] && !c->problem; i += 2) {
		const char *a = attrs[i], *v = attrs[i + 1];
		if (!strncasecmp(a, "on", 2))
			c->problem = "an event handler";
		else if (!strcmp(a, "style") || strchr(a, ':'))
			c->problem = "a style or namespaced attribute (xlink:href ...)";
		else if (!strcmp(a, "href") && strcmp(v, "ok.html"))
			c->problem = "a link the callback did not give";
		else if (listed(text_attributes, a))
			continue; /* the caller's text, escaped: names nothing */
		else if (strcasestr(v, "url(") || strcasestr(v, "javascript:") || strchr(v, '\\'))
			c->problem = "a reference in an attribute value";
	}
}

static void XMLCALL on_end(void *ctx, const XML_Char *name)
{
	(void)name;
	((struct xml_check *)ctx)->depth--;
}

static void XMLCALL on_pi(void *ctx, const XML_Char *target, const XML_Char *pi)
{
	(void)target;
	(void)pi;
	((struct xml_check *)ctx)->problem = "a processing instruction";
}

static void XMLCALL on_comment(void *ctx, const XML_Char *text)
{
	(void)text;
	((struct xml_check *)ctx)->problem = "a comment";
}

static void XMLCALL on_doctype(void *ctx, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	(void)name;
	(void)sys;
	(void)pub;
	(void)internal;
	((struct xml_check *)ctx)->problem = "a DOCTYPE";
}

static void XMLCALL on_cdata(void *ctx)
{
	((struct xml_check *)ctx)->problem = "a CDATA section";
}

/* Parse text as a whole XML document; abort with the reason when it is
 * not well-formed or (svg) not a safe drawing. */
static void check_xml(const char *text, size_t len, bool svg, const char *what)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		abort();
	struct xml_check c = {.svg = svg};
	XML_SetUserData(p, &c);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetProcessingInstructionHandler(p, on_pi);
	if (svg) {
		XML_SetCommentHandler(p, on_comment);
		XML_SetStartDoctypeDeclHandler(p, on_doctype);
		XML_SetStartCdataSectionHandler(p, on_cdata);
	}
	bool ok = XML_Parse(p, text, (int)len, 1) == XML_STATUS_OK;
	char why[256];
	if (!ok)
		snprintf(why, sizeof(why), "%s: not well-formed XML: %s at line %lu", what,
			 XML_ErrorString(XML_GetErrorCode(p)), (unsigned long)XML_GetCurrentLineNumber(p));
	else if (c.problem)
		snprintf(why, sizeof(why), "%s: %s", what, c.problem);
	XML_ParserFree(p);
	if (!ok || c.problem)
		fail(why, text, len);
}

/* ---- the writers ---- */

static int link_to(struct qms_buf *out, const char *href, void *ctx)
{
	(void)ctx;
	size_t n = strlen(href);
	if (n < 4 || strcmp(href + n - 4, ".svg"))
		return -1;
	qms_buf_adds(out, "ok.html");
	return 0;
}

static void check_inline_svg(const char *data, size_t size, const char *label)
{
	struct qms_buf out;
	qms_buf_init(&out);
	if (qms_html_add_svg(&out, data, size, label, label, link_to, NULL) == 0)
		check_xml(out.buf, out.len, true, "qms_html_add_svg");
	else if (out.len)
		fail("qms_html_add_svg refused but wrote", out.buf, out.len);
	qms_buf_release(&out);
}

static void check_escaper(const char *s)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, "<r a=\"");
	qms_html_add_text(&b, s);
	qms_buf_adds(&b, "\" b='");
	qms_html_add_text(&b, s);
	qms_buf_adds(&b, "'>");
	qms_html_add_text(&b, s);
	qms_buf_adds(&b, "</r>");
	check_xml(b.buf, b.len, false, "qms_html_add_text");
	qms_buf_release(&b);
}

static void check_board(const char *id, const char *name)
{
	struct qms_status_report r;
	memset(&r, 0, sizeof(r));
	struct qms_agency_status a = {.id = id,
				      .name = name,
				      .level = 0,
				      .last_stage = 1,
				      .next_stage = 2,
				      .stages_left = 7,
				      .deadline = 18535,
				      .days_left = 5,
				      .announced = -1,
				      .status = QMS_STATUS_AT_RISK,
				      .findings_open = 1};
	r.as_of = 18530;
	r.settings.name = name;
	r.settings.deadline = -1;
	r.agencies = &a;
	r.len = 1;
	struct qms_buf svg;
	qms_buf_init(&svg);
	qms_board_svg(&svg, &r, QMS_LANG_VI);
	check_xml(svg.buf, svg.len, false, "qms_board_svg");
	qms_buf_release(&svg);
}

static void check_json(const char *s)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_add_json_string(&b, s);
	const char *p = b.buf, *end = b.buf + b.len;
	if (b.len < 2 || p[0] != '"' || end[-1] != '"')
		fail("a JSON string without its quotes", b.buf, b.len);
	for (p++; p < end - 1;) {
		uint32_t c;
		size_t n = qms_utf8_decode(p, (size_t)(end - 1 - p), &c);
		if (!n || c < 0x20 || c == '"')
			fail("a JSON string with invalid UTF-8, a raw control or a bare quote", b.buf, b.len);
		if (c == '\\') {
			if (p + 1 >= end - 1)
				fail("a JSON string ending in a backslash", b.buf, b.len);
			if (p[1] == 'u') {
				for (int k = 2; k < 6; k++)
					if (p + k >= end - 1 || !strchr("0123456789abcdefABCDEF", p[k]))
						fail("a JSON string with a bad \\u escape", b.buf, b.len);
				n = 6;
			} else if (strchr("\"\\/bfnrt", p[1]) && p[1]) {
				n = 2;
			} else {
				fail("a JSON string with a bad escape", b.buf, b.len);
			}
		}
		p += n;
	}
	qms_buf_release(&b);
}

static void check_printable(const char *s, bool keep_newlines)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_add_printable(&b, s, strlen(s), keep_newlines);
	for (size_t i = 0; i < b.len;) {
		uint32_t c;
		size_t n = qms_utf8_decode(b.buf + i, b.len - i, &c);
		if (!n || (qms_is_control(c) && c != '\t' && !(c == '\n' && keep_newlines)))
			fail("text for a terminal with a control character or invalid UTF-8", b.buf, b.len);
		i += n;
	}
	qms_buf_release(&b);
}

static bool plain_number(const char *s, size_t n)
{
	size_t i = s[0] == '-';
	size_t digits = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (digits && i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	return digits && i == n;
}

static void check_csv(const char *s)
{
	struct qms_buf b, cell;
	qms_buf_init(&b);
	qms_buf_init(&cell);
	qms_csv_add_cell(&b, s);
	if (b.len && b.buf[0] == '"') {
		if (b.len < 2 || b.buf[b.len - 1] != '"')
			fail("a quoted CSV cell without its closing quote", b.buf, b.len);
		for (size_t i = 1; i + 1 < b.len; i++) {
			if (b.buf[i] == '"' && b.buf[++i] != '"')
				fail("a CSV cell with a bare quote", b.buf, b.len);
			qms_buf_addc(&cell, b.buf[i]);
		}
	} else {
		if (strpbrk(b.buf, ",\"\n\r"))
			fail("an unquoted CSV cell with a separator", b.buf, b.len);
		qms_buf_add(&cell, b.buf, b.len);
	}
	size_t lead = strspn(cell.buf, " ");
	if (cell.buf[lead] && strchr("=+-@\t\r", cell.buf[lead]) && !plain_number(cell.buf, cell.len))
		fail("a CSV cell a spreadsheet would run as a formula", b.buf, b.len);
	qms_buf_release(&b);
	qms_buf_release(&cell);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	check_inline_svg(text, size, NULL);
	/* the writers take C strings: the input up to its first NUL, and
	 * what follows it as a second string */
	char *s = qms_xstrndup(text, size);
	size_t n1 = strlen(s);
	const char *second = n1 + 1 < size ? s + n1 + 1 : "";
	check_inline_svg(text, size, s);
	check_escaper(s);
	/* a board is a few thousand lines of SVG: only for names of a
	 * reasonable length, or the run would do little else */
	if (size <= 512)
		check_board(s, *second ? second : s);
	check_json(s);
	check_printable(s, true);
	check_printable(s, false);
	check_csv(s);
	free(s);
	qms_thread_cache_release();
	return 0;
}
