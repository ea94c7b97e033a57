/* HTML helpers of the report and the site. See html.h. */
#include "html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"

/* ---- escaping ---- */

void qms_html_add_textn(struct qms_buf *b, const char *s, size_t n)
{
	size_t i = 0, start = 0;
	while (i < n && s[i]) {
		uint32_t c = 0;
		size_t len = qms_utf8_decode(s + i, n - i, &c);
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* what XML 1.0 and HTML do not allow, or only as a
			 * parse error: control characters other than tab and
			 * newline, the two non-characters, and bytes that are
			 * not UTF-8 */
			if (!len || (qms_is_control(c) && c != '\t' && c != '\n') || c == 0xfffe || c == 0xffff)
				rep = "\xef\xbf\xbd";
		}
		size_t step = len ? len : 1;
		if (rep) {
			qms_buf_add(b, s + start, i - start);
			qms_buf_adds(b, rep);
			start = i + step;
		}
		i += step;
	}
	qms_buf_add(b, s + start, i - start);
}

void qms_html_add_text(struct qms_buf *b, const char *s)
{
	qms_html_add_textn(b, s, strlen(s));
}

void qms_html_vprintf(struct qms_buf *b, const char *fmt, va_list ap)
{
	struct qms_buf t;
	qms_buf_init(&t);
	qms_buf_vprintf(&t, fmt, ap);
	qms_html_add_textn(b, t.buf, t.len);
	qms_buf_release(&t);
}

void qms_html_printf(struct qms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_html_vprintf(b, fmt, ap);
	va_end(ap);
}

void qms_html_add_page_name(struct qms_buf *b, const char *id)
{
	size_t from = b->len;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			     *p == '-' || *p == '_' || (*p == '.' && p != (const unsigned char *)id);
		if (plain)
			qms_buf_addc(b, (char)*p);
		else
			qms_buf_printf(b, "~%02X", *p);
	}
	if (!*id)
		qms_buf_adds(b, "~");
	qms_name_bound(b, from, QMS_HTML_PAGE_NAME_MAX);
}

/* ---- inline SVG ---- */

static const char *const svg_elements[] = {"svg",     "g",      "title",          "polygon",        "polyline", "path",
					   "ellipse", "circle", "rect",           "line",           "text",     "tspan",
					   "a",       "defs",   "linearGradient", "radialGradient", "stop",     NULL};

/* Presentation and geometry: kept as they are (values checked). */
static const char *const svg_attributes[] = {"class",
					     "fill",
					     "fill-opacity",
					     "fill-rule",
					     "stroke",
					     "stroke-width",
					     "stroke-dasharray",
					     "stroke-opacity",
					     "stroke-linecap",
					     "stroke-linejoin",
					     "stroke-miterlimit",
					     "points",
					     "d",
					     "cx",
					     "cy",
					     "r",
					     "rx",
					     "ry",
					     "x",
					     "y",
					     "x1",
					     "y1",
					     "x2",
					     "y2",
					     "dx",
					     "dy",
					     "width",
					     "height",
					     "text-anchor",
					     "font-family",
					     "font-size",
					     "font-weight",
					     "font-style",
					     "text-decoration",
					     "transform",
					     "viewBox",
					     "opacity",
					     "offset",
					     "stop-color",
					     "stop-opacity",
					     "gradientUnits",
					     "gradientTransform",
					     "dominant-baseline",
					     "baseline-shift",
					     "preserveAspectRatio",
					     NULL};

/* Accepted and dropped. */
static const char *const svg_dropped[] = {"id", "target", "version", "xmlns", "xmlns:xlink", NULL};

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], s, n))
			return true;
	return false;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == ':' || c == '.';
}

/* Decode the XML text s[0..n) (entities: the five of XML and numeric
 * ones) into out. -1 on a malformed or unknown reference, or a '<'. */
static int xml_decode(struct qms_buf *out, const char *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<')
			return -1;
		if (s[i] != '&') {
			qms_buf_addc(out, s[i]);
			continue;
		}
		size_t semi = i + 1;
		while (semi < n && semi - i <= 10 && s[semi] != ';')
			semi++;
		if (semi >= n || s[semi] != ';')
			return -1;
		const char *ref = s + i + 1;
		size_t len = semi - i - 1;
		bool found = false;
		if (len > 1 && ref[0] == '#') {
			uint32_t c = 0;
			bool hex = ref[1] == 'x';
			size_t k = hex ? 2 : 1;
			if (k == len)
				return -1;
			for (; k < len; k++) {
				char d = ref[k];
				int v = d >= '0' && d <= '9'          ? d - '0'
					: hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
					: hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
								      : -1;
				if (v < 0 || c > 0x10ffff)
					return -1;
				c = c * (hex ? 16 : 10) + (uint32_t)v;
			}
			/* what XML 1.0 allows in a document */
			if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff ||
			    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
				return -1;
			qms_buf_add_utf8(out, c);
			found = true;
		} else {
			for (size_t k = 0; k < QMS_ARRAY_LEN(named); k++)
				if (strlen(named[k].name) == len && !memcmp(named[k].name, ref, len)) {
					qms_buf_addc(out, named[k].c);
					found = true;
				}
		}
		if (!found)
			return -1;
		i = semi;
	}
	return 0;
}

/* A value of a kept presentation attribute: nothing that names another
 * resource or a scheme. */
static bool plain_value(const char *v)
{
	return !strchr(v, ':') && !strstr(v, "url(") && !strchr(v, '\\');
}

#define SVG_MAX_DEPTH 256
#define SVG_MAX_ATTRS 48

struct svg_attr {
	const char *name, *value; /* value decoded, in the scratch buffer */
	size_t nlen;
	size_t off; /* of value in the scratch buffer, while it grows */
};

/* The inliner's state: the input, where it is, the open elements. */
struct svg_in {
	const char *svg;
	size_t len, i;
	struct qms_buf o; /* what is written, appended to out at the end */
	struct qms_buf val; /* decoded text and attribute values */
	struct qms_buf tmp; /* a link's target */
	const char *stack[SVG_MAX_DEPTH];
	size_t stack_len[SVG_MAX_DEPTH];
	size_t depth, drop; /* drop: depth at which a dropped element began, 0 none */
	bool root_done;
	const char *label, *cls;
	qms_html_link_fn link;
	void *ctx;
};

static bool xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Inside a tag: white space, or a NUL byte. */
static bool tag_space(char c)
{
	return xml_space(c) || c == '\0';
}

static bool attr_is(const struct svg_attr *a, const char *name)
{
	return a->nlen == strlen(name) && !memcmp(a->name, name, a->nlen);
}

/* Past the comment that starts at s->i ("<!--"); -1 when it does not end. */
static int svg_skip_comment(struct svg_in *s)
{
	const char *e = memmem(s->svg + s->i + 4, s->len - s->i - 4, "-->", 3);
	if (!e)
		return -1;
	s->i = (size_t)(e - s->svg) + 3;
	return 0;
}

/* The prolog: the XML declaration and a DOCTYPE without internal subset,
 * comments, white space. */
static int svg_prolog(struct svg_in *s)
{
	const char *svg = s->svg;
	size_t len = s->len;
	while (s->i < len) {
		while (s->i < len && xml_space(svg[s->i]))
			s->i++;
		size_t i = s->i;
		if (len - i >= 5 && !memcmp(svg + i, "<?xml", 5)) {
			const char *e = memmem(svg + i, len - i, "?>", 2);
			if (!e)
				return -1;
			s->i = (size_t)(e - svg) + 2;
		} else if (len - i >= 9 && !memcmp(svg + i, "<!DOCTYPE", 9)) {
			const char *e = memchr(svg + i, '>', len - i);
			if (!e || memchr(svg + i, '[', (size_t)(e - (svg + i))))
				return -1;
			s->i = (size_t)(e - svg) + 1;
		} else if (len - i >= 4 && !memcmp(svg + i, "<!--", 4)) {
			if (svg_skip_comment(s) < 0)
				return -1;
		} else {
			break;
		}
	}
	return 0;
}

/* Character data up to the next '<': decoded, written escaped inside the
 * root; only white space outside it. */
static int svg_text(struct svg_in *s)
{
	size_t start = s->i;
	while (s->i < s->len && s->svg[s->i] != '<')
		s->i++;
	qms_buf_reset(&s->val);
	if (xml_decode(&s->val, s->svg + start, s->i - start) < 0 || memchr(s->svg + start, '\0', s->i - start))
		return -1;
	if (!s->depth) {
		for (size_t k = 0; k < s->val.len; k++)
			if (!xml_space(s->val.buf[k]))
				return -1;
		return 0;
	}
	if (!s->drop)
		qms_html_add_textn(&s->o, s->val.buf, s->val.len);
	return 0;
}

/* The end tag of name[0..nlen), its name read up to p: it must close the
 * element open last. */
static int svg_end_tag(struct svg_in *s, const char *name, size_t nlen, size_t p)
{
	while (p < s->len && tag_space(s->svg[p]))
		p++;
	if (p >= s->len || s->svg[p] != '>' || !s->depth || s->stack_len[s->depth - 1] != nlen ||
	    memcmp(s->stack[s->depth - 1], name, nlen))
		return -1;
	if (!s->drop)
		qms_buf_printf(&s->o, "</%.*s>", (int)nlen, name);
	if (s->drop == s->depth)
		s->drop = 0;
	s->depth--;
	s->i = p + 1;
	if (!s->depth)
		s->root_done = true;
	return 0;
}

/* The attributes of a start tag from *pp to its '>' or "/>": names
 * well-formed, each once, values quoted and decoded into s->val. */
static int svg_read_attributes(struct svg_in *s, size_t *pp, struct svg_attr *attrs, size_t *nattrs, bool *self_close)
{
	const char *svg = s->svg;
	size_t len = s->len, p = *pp, n = 0;
	qms_buf_reset(&s->val);
	for (;;) {
		size_t ws = p;
		while (p < len && tag_space(svg[p]))
			p++;
		if (p >= len)
			return -1;
		if (svg[p] == '>') {
			p++;
			break;
		}
		if (svg[p] == '/' && p + 1 < len && svg[p + 1] == '>') {
			*self_close = true;
			p += 2;
			break;
		}
		if (p == ws || n == SVG_MAX_ATTRS)
			return -1;
		size_t an = p;
		while (p < len && name_char(svg[p]))
			p++;
		size_t alen = p - an;
		if (!alen || p + 1 >= len || svg[p] != '=' || (svg[p + 1] != '"' && svg[p + 1] != '\''))
			return -1;
		const char *vs = svg + p + 2;
		const char *ve = memchr(vs, svg[p + 1], len - (size_t)(vs - svg));
		if (!ve)
			return -1;
		for (size_t k = 0; k < n; k++)
			if (attrs[k].nlen == alen && !memcmp(attrs[k].name, svg + an, alen))
				return -1; /* duplicate attribute */
		attrs[n].off = s->val.len;
		if (xml_decode(&s->val, vs, (size_t)(ve - vs)) < 0 || memchr(vs, '\0', (size_t)(ve - vs)))
			return -1;
		qms_buf_addc(&s->val, '\0');
		attrs[n].name = svg + an;
		attrs[n].nlen = alen;
		n++;
		p = (size_t)(ve - svg) + 1;
	}
	for (size_t k = 0; k < n; k++)
		attrs[k].value = s->val.buf + attrs[k].off;
	*nattrs = n;
	*pp = p;
	return 0;
}

/* The root's width and height: its natural size, in CSS pixels (CSS caps
 * it); others dropped. */
static void svg_root_size(struct svg_in *s, const struct svg_attr *attrs, size_t nattrs)
{
	for (size_t k = 0; k < nattrs; k++) {
		const struct svg_attr *a = &attrs[k];
		if (!attr_is(a, "width") && !attr_is(a, "height"))
			continue;
		char *end;
		double v = strtod(a->value, &end);
		if (end == a->value || v <= 0 || v > 100000)
			continue;
		if (!strcmp(end, "pt"))
			v = v * 4 / 3;
		else if (*end && strcmp(end, "px"))
			continue;
		qms_buf_printf(&s->o, " %.*s=\"%ld\"", (int)a->nlen, a->name, (long)(v + 0.5));
	}
}

/* The start tag as it is written: the root with the page's class and
 * label and its size, the kept attributes, a link's target through
 * s->link, a link's tooltip as its <title>. */
static void svg_write_start(struct svg_in *s, const char *name, size_t nlen, const struct svg_attr *attrs,
			    size_t nattrs, const char *href, const char *tooltip, bool self_close)
{
	bool is_root = s->depth == 1;
	qms_buf_printf(&s->o, "<%.*s", (int)nlen, name);
	if (is_root) {
		qms_buf_adds(&s->o, " class=\"");
		qms_html_add_text(&s->o, s->cls ? s->cls : "diagram");
		qms_buf_adds(&s->o, "\" role=\"img\" aria-label=\"");
		qms_html_add_text(&s->o, s->label ? s->label : "");
		qms_buf_addc(&s->o, '"');
		svg_root_size(s, attrs, nattrs);
	}
	for (size_t k = 0; k < nattrs; k++) {
		const struct svg_attr *a = &attrs[k];
		if (!in_list(svg_attributes, a->name, a->nlen) ||
		    (is_root && (attr_is(a, "width") || attr_is(a, "height") || attr_is(a, "class"))))
			continue;
		qms_buf_printf(&s->o, " %.*s=\"", (int)a->nlen, a->name);
		qms_html_add_text(&s->o, a->value);
		qms_buf_addc(&s->o, '"');
	}
	if (href && s->link) {
		qms_buf_reset(&s->tmp);
		if (s->link(&s->tmp, href, s->ctx) == 0) {
			qms_buf_adds(&s->o, " href=\"");
			qms_html_add_text(&s->o, s->tmp.buf);
			qms_buf_addc(&s->o, '"');
		}
	}
	qms_buf_adds(&s->o, self_close ? "/>" : ">");
	if (tooltip && !self_close) {
		qms_buf_adds(&s->o, "<title>");
		qms_html_add_text(&s->o, tooltip);
		qms_buf_adds(&s->o, "</title>");
	}
}

/* The start tag of name[0..nlen), its name read up to p: checked,
 * pushed, written unless inside a dropped element. */
static int svg_start_tag(struct svg_in *s, const char *name, size_t nlen, size_t p)
{
	if (s->root_done || s->depth == SVG_MAX_DEPTH || (!s->depth && (nlen != 3 || memcmp(name, "svg", 3))))
		return -1;
	struct svg_attr attrs[SVG_MAX_ATTRS];
	size_t nattrs = 0;
	bool self_close = false;
	if (svg_read_attributes(s, &p, attrs, &nattrs, &self_close) < 0)
		return -1;
	s->i = p;
	bool is_a = nlen == 1 && name[0] == 'a';
	const char *tooltip = NULL, *href = NULL;
	for (size_t k = 0; k < nattrs; k++) {
		const struct svg_attr *a = &attrs[k];
		if (is_a && attr_is(a, "xlink:title"))
			tooltip = a->value;
		else if (is_a && (attr_is(a, "xlink:href") || attr_is(a, "href")))
			href = a->value;
		else if (in_list(svg_dropped, a->name, a->nlen))
			continue;
		else if (!in_list(svg_attributes, a->name, a->nlen) || !plain_value(a->value))
			return -1;
	}
	s->stack[s->depth] = name;
	s->stack_len[s->depth] = nlen;
	s->depth++;
	if (nlen == 5 && !memcmp(name, "title", 5) && !s->drop)
		s->drop = s->depth;
	if (!s->drop)
		svg_write_start(s, name, nlen, attrs, nattrs, href, tooltip, self_close);
	if (self_close) {
		if (s->drop == s->depth)
			s->drop = 0;
		s->depth--;
		if (!s->depth)
			s->root_done = true;
	}
	return 0;
}

/* What starts with '<' at s->i: a comment, an end tag or a start tag. */
static int svg_markup(struct svg_in *s)
{
	const char *svg = s->svg;
	size_t len = s->len, i = s->i;
	if (len - i >= 4 && !memcmp(svg + i, "<!--", 4))
		return svg_skip_comment(s);
	if (i + 1 < len && (svg[i + 1] == '!' || svg[i + 1] == '?'))
		return -1; /* CDATA, processing instruction, declarations */
	bool closing = i + 1 < len && svg[i + 1] == '/';
	size_t p = i + (closing ? 2 : 1);
	size_t ns = p;
	while (p < len && name_char(svg[p]))
		p++;
	size_t nlen = p - ns;
	const char *name = svg + ns;
	if (!nlen || !in_list(svg_elements, name, nlen))
		return -1;
	return closing ? svg_end_tag(s, name, nlen, p) : svg_start_tag(s, name, nlen, p);
}

int qms_html_add_svg(struct qms_buf *out, const char *svg, size_t len, const char *label, const char *cls,
		     qms_html_link_fn link, void *ctx)
{
	struct svg_in s;
	memset(&s, 0, sizeof(s));
	s.svg = svg;
	s.len = len;
	s.label = label;
	s.cls = cls;
	s.link = link;
	s.ctx = ctx;
	qms_buf_init(&s.o);
	qms_buf_init(&s.val);
	qms_buf_init(&s.tmp);
	int rc = svg_prolog(&s);
	while (rc == 0 && s.i < len)
		rc = svg[s.i] != '<' ? svg_text(&s) : svg_markup(&s);
	bool ok = rc == 0 && s.root_done && !s.depth;
	if (ok)
		qms_buf_add(out, s.o.buf, s.o.len);
	qms_buf_release(&s.o);
	qms_buf_release(&s.val);
	qms_buf_release(&s.tmp);
	return ok ? 0 : -1;
}

/* ---- the style sheet ---- */

const char qms_html_css[] =
	":root{--ink:#1f2933;--muted:#5f6b7a;--line:#cbd2d9;--head:#eef1f4;--accent:#1d3f72;"
	"--done:#33691e;--done-bg:#dcedc8;--overdue:#b71c1c;--overdue-bg:#ffcdd2;--risk:#7c4a00;"
	"--risk-bg:#ffe8a3;--track:#1e40af;--track-bg:#dbeafe;--major:#b91c1c;--minor:#c2410c;"
	"--observation:#1d4ed8;--improvement:#15803d}\n"
	"*{box-sizing:border-box}\n"
	"html{font-family:\"DejaVu Sans\",\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;font-size:15px;"
	"line-height:1.5;color:var(--ink);background:#f4f6f8}\n"
	"body{margin:0}\n"
	"a{color:#1d4ed8}\n"
	".topbar{background:var(--accent);color:#fff;padding:.55rem 1.5rem;display:flex;gap:1.5rem;"
	"align-items:baseline;flex-wrap:wrap}\n"
	".topbar a{color:#fff;text-decoration:none;font-weight:700}\n"
	".topbar .where{color:#dbe4f0;font-size:.9rem}\n"
	"main{max-width:1280px;margin:0 auto;padding:1.2rem 1.5rem 3rem;background:#fff;min-height:100vh}\n"
	"main.report{max-width:1000px}\n"
	"h1{font-size:1.55rem;line-height:1.3;margin:.4rem 0 .8rem}\n"
	"h2{font-size:1.2rem;line-height:1.35;margin:2rem 0 .6rem;padding-bottom:.25rem;"
	"border-bottom:2px solid var(--accent)}\n"
	"h3{font-size:1.02rem;margin:1.3rem 0 .4rem}\n"
	"p{margin:.45rem 0 .7rem}\n"
	"ul{margin:.3rem 0 .8rem;padding-left:1.4rem}\n"
	"li{margin:.15rem 0}\n"
	".muted{color:var(--muted)}\n"
	".table-wrap{overflow-x:auto;margin:.4rem 0 1rem}\n"
	"table{border-collapse:collapse;width:auto;max-width:100%;font-size:.9rem}\n"
	"table.full{width:100%}\n"
	"th,td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left;"
	"overflow-wrap:break-word}\n"
	"thead th{background:var(--head);font-weight:700}\n"
	"tr.total td{font-weight:700;background:#f8fafc}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.num{white-space:nowrap}\n"
	"td.name{min-width:13rem}\n"
	".nowrap{white-space:nowrap}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.7rem;margin:.8rem 0 "
	"1.2rem}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:.55rem .8rem;background:#fbfcfd}\n"
	".card .n{display:block;font-size:1.75rem;font-weight:700;line-height:1.2}\n"
	".card .l{display:block;color:var(--muted);font-size:.85rem}\n"
	".card.done{border-color:var(--done);background:var(--done-bg)}\n"
	".card.overdue{border-color:var(--overdue);background:var(--overdue-bg)}\n"
	".card.at-risk{border-color:#e69500;background:var(--risk-bg)}\n"
	".card.on-track{border-color:#1e6fd9;background:var(--track-bg)}\n"
	".badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;"
	"white-space:nowrap;border:1px solid var(--line);background:var(--head)}\n"
	".badge.done{background:var(--done-bg);border-color:var(--done);color:var(--done)}\n"
	".badge.overdue{background:var(--overdue-bg);border-color:var(--overdue);color:var(--overdue)}\n"
	".badge.at-risk{background:var(--risk-bg);border-color:#e69500;color:var(--risk)}\n"
	".badge.on-track{background:var(--track-bg);border-color:#1e6fd9;color:var(--track)}\n"
	".badge.major{color:#fff;background:var(--major);border-color:var(--major)}\n"
	".badge.minor{color:#fff;background:var(--minor);border-color:var(--minor)}\n"
	".badge.observation{color:#fff;background:var(--observation);border-color:var(--observation)}\n"
	".badge.improvement{color:#fff;background:var(--improvement);border-color:var(--improvement)}\n"
	/* a finding dealt with: outlined, not filled */
	".badge.closed{background:#fff;color:var(--ink);border-style:dashed}\n"
	"figure{margin:.5rem 0 1rem}\n"
	"figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}\n"
	".board{border:1px solid var(--line)}\n"
	".board img{display:block;width:100%;height:auto}\n"
	"svg.diagram{display:block;max-width:100%;height:auto;margin:0 auto}\n"
	"img.diagram{display:block;max-width:100%;height:auto}\n"
	".diagram-box{border:1px solid var(--line);padding:.3rem;background:#fff;overflow:auto}\n"
	/* the stages as a timeline */
	"ol.timeline{list-style:none;margin:.6rem 0 1rem;padding:0;display:grid;"
	"grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:0}\n"
	"ol.timeline li{position:relative;padding:1.5rem .5rem .2rem 0;margin:0;font-size:.85rem}\n"
	"ol.timeline "
	"li::before{content:\"\";position:absolute;top:.45rem;left:0;right:0;height:3px;background:var(--line)}\n"
	"ol.timeline li::after{content:\"\";position:absolute;top:0;left:0;width:1.05rem;height:1.05rem;"
	"border-radius:50%;background:#fff;border:3px solid var(--line)}\n"
	"ol.timeline li.done::before{background:var(--done)}\n"
	"ol.timeline li.done::after{background:var(--done);border-color:var(--done)}\n"
	"ol.timeline li.next::after{border-color:#1e6fd9;background:var(--track-bg)}\n"
	"ol.timeline li.next.late::after{border-color:var(--overdue);background:var(--overdue-bg)}\n"
	"ol.timeline .stage{display:block;font-weight:700}\n"
	"ol.timeline .date{display:block}\n"
	"ol.timeline .ev{display:block;color:var(--muted);font-size:.8rem}\n"
	/* the coverage matrix */
	".matrix{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;margin:.5rem 0 1rem}\n"
	".matrix .group{min-width:9rem}\n"
	".matrix .group h4{margin:0 0 .2rem;font-size:.85rem}\n"
	".matrix .cells{display:flex;flex-wrap:wrap;gap:3px;max-width:17rem}\n"
	".matrix .cell{display:inline-block;min-width:3.1rem;padding:.05rem .25rem;font-size:.75rem;"
	"text-align:center;border:1px solid var(--line);border-radius:3px}\n"
	".cell.met{background:var(--done-bg);border-color:var(--done)}\n"
	".cell.documented{background:var(--risk-bg);border-color:#e69500}\n"
	".cell.not-applicable{background:#eceff1;color:var(--muted)}\n"
	".cell.missing{background:var(--overdue-bg);border-color:var(--overdue);font-weight:700}\n"
	".legend{font-size:.85rem;color:var(--muted)}\n"
	".legend .cell{min-width:0}\n"
	"details{margin:.4rem 0 1rem}\n"
	"summary{cursor:pointer;color:#1d4ed8}\n"
	"pre.diag{font-size:.8rem;background:var(--head);padding:.5rem;overflow-x:auto;white-space:pre-wrap}\n"
	/* the procedure as its official document, beside its diagram */
	".procedure{display:grid;grid-template-columns:minmax(0,1fr);gap:1.5rem}\n"
	"@media (min-width:1700px){main.wide{max-width:none}"
	".procedure{grid-template-columns:minmax(0,50rem) minmax(0,1fr)}"
	".procedure .diagram-side{position:sticky;top:.5rem;align-self:start;max-height:97vh;overflow:auto}}\n"
	".doc{border:1px solid var(--line);padding:1.2rem 1.4rem;background:#fff}\n"
	".doc table{width:100%}\n"
	".doc table.head{margin:0 0 .8rem}\n"
	".doc table.head td{vertical-align:middle;text-align:center}\n"
	".doc table.head{table-layout:fixed}\n"
	".doc table.head td{overflow-wrap:anywhere}\n"
	".doc table.head .org{width:25%;font-weight:700;text-transform:uppercase;font-size:.85rem}\n"
	".doc table.head .title{width:50%;font-weight:700}\n"
	".doc table.head .title .kind{display:block;font-size:1.1rem;letter-spacing:.05em}\n"
	".doc table.head .meta{width:25%;text-align:left;font-size:.85rem}\n"
	".doc table.sign td,.doc table.sign th{text-align:center}\n"
	".doc table.sign td{height:2.2rem}\n"
	".doc table.sign td.blank{height:4.5rem}\n"
	".doc h2{font-size:1.02rem;border:0;margin:1.1rem 0 .3rem;padding:0;text-transform:uppercase}\n"
	".doc h3{font-size:.95rem;margin:.8rem 0 .3rem}\n"
	".doc table.steps td.step{white-space:nowrap;text-align:center;font-weight:700}\n"
	".doc table.steps .note{display:block;color:var(--muted);font-size:.82rem;margin-top:.15rem}\n"
	".doc table.steps .flow{display:block;color:var(--muted);font-size:.82rem}\n"
	".doc table.steps tr.has-finding td{background:#fff7ed}\n"
	".doc table.steps tr.start td,.doc table.steps tr.end td,.doc table.steps tr.decision "
	"td{color:var(--muted);font-style:italic}\n"
	".doc table.steps tfoot td{font-weight:700;background:var(--head)}\n"
	".doc dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.3rem 0 .6rem}\n"
	".doc dt{font-weight:700}\n"
	".doc dd{margin:0}\n"
	".findings .badge{margin-right:.3rem}\n"
	"nav.toc{font-size:.9rem;margin:.2rem 0 1rem;color:var(--muted)}\n"
	"nav.toc a{margin-right:.9rem}\n"
	"footer.site{max-width:1280px;margin:0 auto;padding:.8rem 1.5rem;color:var(--muted);font-size:.8rem}\n"
	/* print: A4; the procedure document on portrait pages, its diagram on a landscape one */
	"@page{size:A4;margin:20mm 15mm 20mm 30mm;"
	"@bottom-right{content:counter(page) \"/\" counter(pages);font-size:9pt;color:#5f6b7a}}\n"
	"@page diagram{size:A4 landscape;margin:12mm}\n"
	"@media print{"
	"html{font-size:11pt;background:#fff}"
	".topbar,footer.site,nav.toc,.noprint{display:none}"
	"main,main.wide{max-width:none;padding:0;min-height:0}"
	".procedure{display:block}"
	".doc{border:0;padding:0}"
	".procedure .diagram-side{page:diagram;break-before:page;position:static;max-height:none;overflow:visible}"
	".diagram-box{border:0;padding:0;overflow:visible}"
	".diagram-side h2{margin-top:0}"
	".diagram-side svg.diagram{max-height:165mm}"
	".board{max-height:none;overflow:visible;border:0}"
	".board img{max-width:100%}"
	".table-wrap{overflow:visible}"
	"thead{display:table-header-group}"
	"tr,li{break-inside:avoid}"
	"h2,h3{break-after:avoid}"
	"a{color:inherit;text-decoration:none}"
	"}\n";
