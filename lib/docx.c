#include "docx.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "html.h"
#include "i18n.h"
#include "procdoc.h"

/* A4 in twentieths of a point; margins as agencies set them (Nghị định
 * 30/2020: top and bottom 2 cm, left 3 cm, right 1.5 cm). */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP 1134
#define MARGIN_BOTTOM 1134
#define MARGIN_LEFT 1701
#define MARGIN_RIGHT 850
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define LAND_MARGIN 720
#define EMU_PER_TWIP 635

/* ---- the WordprocessingML back end ---- */

struct docx {
	struct qms_docw w;
	struct qms_buf *out;
	bool in_cell, cell_has_para, head_cell;
	bool para_open;
	bool in_list, in_terms;
	bool head_rows; /* rows of the table head: repeated on each page */
	size_t ncols;
	unsigned widths[16];
};

static struct docx *X(struct qms_docw *w)
{
	return (struct docx *)w;
}

static void run(struct docx *d, const char *text, bool bold)
{
	qms_buf_adds(d->out, "<w:r>");
	if (bold || d->head_cell)
		qms_buf_adds(d->out, "<w:rPr><w:b/></w:rPr>");
	qms_buf_adds(d->out, "<w:t xml:space=\"preserve\">");
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		qms_html_add_textn(d->out, p, n);
		if (!nl)
			break;
		qms_buf_adds(d->out, "</w:t><w:br/><w:t xml:space=\"preserve\">");
		p = nl + 1;
	}
	qms_buf_adds(d->out, "</w:t></w:r>");
}

static void open_para(struct docx *d, const char *style, const char *align)
{
	qms_buf_adds(d->out, "<w:p>");
	if (style || align) {
		qms_buf_adds(d->out, "<w:pPr>");
		if (style)
			qms_buf_printf(d->out, "<w:pStyle w:val=\"%s\"/>", style);
		if (align)
			qms_buf_printf(d->out, "<w:jc w:val=\"%s\"/>", align);
		qms_buf_adds(d->out, "</w:pPr>");
	}
	d->para_open = true;
	if (d->in_cell)
		d->cell_has_para = true;
}

static void close_para(struct docx *d)
{
	if (d->para_open)
		qms_buf_adds(d->out, "</w:p>");
	d->para_open = false;
}

static void x_heading(struct qms_docw *w, int level, const char *id, const char *text)
{
	struct docx *d = X(w);
	(void)id;
	char style[16];
	if (d->in_cell)
		strcpy(style, "DocTitle");
	else
		snprintf(style, sizeof(style), "Heading%d", level < 1 ? 1 : level > 4 ? 4 : level);
	open_para(d, style, NULL);
	run(d, text, false);
	close_para(d);
}

/* Styles for the classes procdoc.c gives its paragraphs. */
static const char *para_style(const char *cls)
{
	static const struct {
		const char *cls, *style;
	} map[] = {{"note", "Note"}, {"flow", "Flow"}, {"kind", "Kind"}, {"issued", "Issued"}};
	for (size_t i = 0; cls && i < QMS_ARRAY_LEN(map); i++)
		if (!strcmp(cls, map[i].cls))
			return map[i].style;
	return NULL;
}

static void x_para_begin(struct qms_docw *w, const char *cls)
{
	struct docx *d = X(w);
	if (d->in_terms && d->para_open)
		return; /* the description goes on the term's line */
	if (d->in_list) {
		open_para(d, "ListItem", NULL);
		run(d, "– ", false);
		return;
	}
	const char *style = para_style(cls);
	open_para(d, style ? style : d->in_cell ? "Cell" : NULL, NULL);
}

static void x_para_end(struct qms_docw *w)
{
	struct docx *d = X(w);
	if (!d->in_terms)
		close_para(d);
}

static void x_text(struct qms_docw *w, const char *text, bool bold)
{
	struct docx *d = X(w);
	if (!d->para_open)
		open_para(d, d->in_cell ? "Cell" : NULL, NULL);
	run(d, text, bold);
}

static void x_link(struct qms_docw *w, const char *href, const char *text)
{
	(void)href;
	x_text(w, text, false);
}

static void x_raw(struct qms_docw *w, const char *html)
{
	(void)w;
	(void)html;
}

static void x_table_begin(struct qms_docw *w, const char *id, const char *cls, size_t ncols, const unsigned *widths)
{
	struct docx *d = X(w);
	(void)id;
	close_para(d);
	d->ncols = ncols < QMS_ARRAY_LEN(d->widths) ? ncols : QMS_ARRAY_LEN(d->widths);
	unsigned total = 0;
	for (size_t i = 0; i < d->ncols; i++)
		total += widths ? widths[i] : 1;
	for (size_t i = 0; i < d->ncols; i++)
		d->widths[i] = (unsigned)((unsigned long)TEXT_W * (widths ? widths[i] : 1) / (total ? total : 1));
	qms_buf_adds(d->out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
			     "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>");
	if (cls && !strcmp(cls, "head"))
		qms_buf_adds(d->out, "<w:tblCellMar><w:top w:w=\"60\" w:type=\"dxa\"/><w:bottom w:w=\"60\" "
				     "w:type=\"dxa\"/></w:tblCellMar>");
	qms_buf_adds(d->out, "</w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < d->ncols; i++)
		qms_buf_printf(d->out, "<w:gridCol w:w=\"%u\"/>", d->widths[i]);
	qms_buf_adds(d->out, "</w:tblGrid>");
	d->head_rows = false;
}

static void x_table_part(struct qms_docw *w, enum qms_docw_part part)
{
	X(w)->head_rows = part == QMS_DOCW_HEAD;
}

static void x_row_begin(struct qms_docw *w, const char *cls)
{
	struct docx *d = X(w);
	(void)cls;
	qms_buf_adds(d->out, d->head_rows ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
}

static void x_cell_begin(struct qms_docw *w, bool head, const char *cls, unsigned span)
{
	struct docx *d = X(w);
	qms_buf_adds(d->out, "<w:tc><w:tcPr>");
	if (span > 1)
		qms_buf_printf(d->out, "<w:gridSpan w:val=\"%u\"/>", span);
	if (head)
		qms_buf_adds(d->out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEF1F4\"/>");
	if (cls && (!strcmp(cls, "org") || !strcmp(cls, "title") || !strcmp(cls, "head")))
		qms_buf_adds(d->out, "<w:vAlign w:val=\"center\"/>");
	qms_buf_adds(d->out, "</w:tcPr>");
	d->in_cell = true;
	d->cell_has_para = false;
	d->head_cell = head || (cls && (!strcmp(cls, "org") || !strcmp(cls, "step")));
}

static void x_cell_end(struct qms_docw *w)
{
	struct docx *d = X(w);
	close_para(d);
	if (!d->cell_has_para)
		qms_buf_adds(d->out, "<w:p/>");
	qms_buf_adds(d->out, "</w:tc>");
	d->in_cell = false;
	d->head_cell = false;
}

static void x_row_end(struct qms_docw *w)
{
	qms_buf_adds(X(w)->out, "</w:tr>");
}

static void x_table_end(struct qms_docw *w)
{
	struct docx *d = X(w);
	/* a paragraph between two tables keeps Word from joining them */
	qms_buf_adds(d->out, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"After\"/></w:pPr></w:p>");
	d->head_rows = false;
}

static void x_item_begin(struct qms_docw *w)
{
	X(w)->in_list = true;
}

static void x_item_end(struct qms_docw *w)
{
	close_para(X(w));
}

static void x_list_end(struct qms_docw *w)
{
	X(w)->in_list = false;
}

static void x_term_begin(struct qms_docw *w, const char *term)
{
	struct docx *d = X(w);
	close_para(d);
	d->in_terms = true;
	open_para(d, NULL, NULL);
	run(d, term, true);
	run(d, ": ", true);
}

static void x_term_end(struct qms_docw *w)
{
	close_para(X(w));
}

static void x_terms_end(struct qms_docw *w)
{
	X(w)->in_terms = false;
}

static const struct qms_docw_ops docx_ops = {
	x_heading,    x_para_begin, x_para_end,   x_text,     x_link,      x_raw,       x_table_begin,
	x_table_part, x_row_begin,  x_cell_begin, x_cell_end, x_row_end,   x_table_end, x_item_begin,
	x_item_end,   x_list_end,   x_term_begin, x_term_end, x_terms_end,
};

/* ---- the parts of the package ---- */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define W_NS                                                                                                           \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                                    \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char content_types[] = XML_HEAD
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Default Extension=\"png\" ContentType=\"image/png\"/>"
	"<Override PartName=\"/word/document.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" "
	"ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"</Types>";

static const char package_rels[] =
	XML_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" "
		 "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
		 "Target=\"word/document.xml\"/>"
		 "<Relationship Id=\"rId2\" "
		 "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
		 "Target=\"docProps/core.xml\"/>"
		 "</Relationships>";

static const char document_rels[] = XML_HEAD
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rIdStyles\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rIdHeader\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>";

static const char diagram_rel[] = "<Relationship Id=\"rIdDiagram\" "
				  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
				  "Target=\"media/diagram.png\"/>";

/* Times New Roman 13 pt, as Nghị định 30/2020 asks of administrative
 * documents; Word and LibreOffice substitute a metric twin when absent. */
static const char styles[] = XML_HEAD
	"<w:styles " W_NS ">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	"w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>"
	"<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"264\" w:lineRule=\"auto\"/><w:jc "
	"w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
	"w:val=\"Normal\"/><w:qFormat/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn "
	"w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/><w:outlineLvl "
	"w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val=\"28\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn "
	"w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:jc w:val=\"left\"/><w:outlineLvl "
	"w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn "
	"w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"60\"/><w:jc w:val=\"left\"/><w:outlineLvl "
	"w:val=\"2\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn "
	"w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"40\"/><w:jc w:val=\"left\"/><w:outlineLvl "
	"w:val=\"3\"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"DocTitle\"><w:name w:val=\"Title\"/><w:basedOn "
	"w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz "
	"w:val=\"26\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Kind\"><w:name w:val=\"Document kind\"/><w:basedOn "
	"w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz "
	"w:val=\"28\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Issued\"><w:name w:val=\"Issued with\"/><w:basedOn "
	"w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Cell\"><w:name w:val=\"Table text\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc "
	"w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Step note\"/><w:basedOn "
	"w:val=\"Cell\"/><w:rPr><w:i/><w:sz w:val=\"22\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Flow\"><w:name w:val=\"Step flow\"/><w:basedOn "
	"w:val=\"Cell\"/><w:rPr><w:sz w:val=\"22\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"ListItem\"><w:name w:val=\"List item\"/><w:basedOn "
	"w:val=\"Normal\"/>"
	"<w:pPr><w:ind w:left=\"425\" w:hanging=\"284\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"After\"><w:name w:val=\"After table\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
	"<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left "
	"w:w=\"108\" w:type=\"dxa\"/>"
	"<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn "
	"w:val=\"TableNormal\"/>"
	"<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" "
	"w:space=\"0\" w:color=\"auto\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" "
	"w:space=\"0\" w:color=\"auto\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>"
	"</w:styles>";

static void add_field(struct qms_buf *b, const char *instr)
{
	qms_buf_printf(b,
		       "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		       "<w:r><w:instrText xml:space=\"preserve\"> %s </w:instrText></w:r>"
		       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
		       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
		       instr);
}

/* Code, edition, effective date and page x/y on every page. */
static void add_header(struct qms_buf *b, const struct qms_report *r, size_t pi)
{
	struct qms_buf line;
	qms_buf_init(&line);
	qms_procdoc_add_running_head(&line, r, pi);
	qms_buf_printf(&line, " · %s ", qms_tr(r->lang, N_("Page")));
	qms_buf_adds(b, XML_HEAD "<w:hdr " W_NS
				 "><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">");
	qms_html_add_text(b, line.buf);
	qms_buf_adds(b, "</w:t></w:r>");
	add_field(b, "PAGE");
	qms_buf_adds(b, "<w:r><w:t>/</w:t></w:r>");
	add_field(b, "NUMPAGES");
	qms_buf_adds(b, "</w:p></w:hdr>");
	qms_buf_release(&line);
}

static void add_core(struct qms_buf *b, const struct qms_report *r, size_t pi)
{
	const struct qms_report_procedure *rp = &r->procedures[pi];
	qms_buf_adds(b, XML_HEAD "<cp:coreProperties "
				 "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
				 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	qms_html_add_text(b, rp->code);
	qms_buf_adds(b, " - ");
	qms_html_add_text(b, rp->title);
	qms_buf_adds(b, "</dc:title><dc:creator>");
	qms_html_add_text(b, rp->agency);
	qms_buf_adds(b, "</dc:creator></cp:coreProperties>");
}

static void add_sect(struct qms_buf *b, bool landscape)
{
	qms_buf_adds(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>");
	if (landscape)
		qms_buf_printf(b,
			       "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>"
			       "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"400\" "
			       "w:footer=\"400\" w:gutter=\"0\"/>",
			       PAGE_H, PAGE_W, LAND_MARGIN, LAND_MARGIN, LAND_MARGIN, LAND_MARGIN);
	else
		qms_buf_printf(b,
			       "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
			       "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" "
			       "w:footer=\"567\" w:gutter=\"0\"/>",
			       PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
	qms_buf_adds(b, "</w:sectPr>");
}

/* Width and height of a PNG from its IHDR, or -1. */
static int png_size(uint32_t *w, uint32_t *h, const unsigned char *png, size_t len)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	if (len < 24 || memcmp(png, sig, 8) || memcmp(png + 12, "IHDR", 4))
		return -1;
	*w = (uint32_t)png[16] << 24 | (uint32_t)png[17] << 16 | (uint32_t)png[18] << 8 | png[19];
	*h = (uint32_t)png[20] << 24 | (uint32_t)png[21] << 16 | (uint32_t)png[22] << 8 | png[23];
	return *w && *h ? 0 : -1;
}

/* The diagram on a landscape page of its own, scaled to fit it. */
static void add_diagram(struct qms_buf *b, const struct qms_report *r, uint32_t pw, uint32_t ph)
{
	double max_w = (double)(PAGE_H - 2 * LAND_MARGIN) * EMU_PER_TWIP;
	double max_h = (double)(PAGE_W - 2 * LAND_MARGIN - 1400) * EMU_PER_TWIP;
	double cx = pw * 9525.0, cy = ph * 9525.0; /* EMU at 96 dpi */
	double k = cx > max_w ? max_w / cx : 1;
	if (cy * k > max_h)
		k = max_h / cy;
	long w = (long)(cx * k), h = (long)(cy * k);
	qms_buf_adds(b, "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/>");
	add_sect(b, false); /* ends the portrait section */
	qms_buf_adds(b, "</w:pPr><w:r><w:t>");
	qms_html_add_text(b, qms_tr(r->lang, N_("Flow chart")));
	qms_buf_adds(b, "</w:t></w:r></w:p>");
	qms_buf_printf(
		b,
		"<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
		"<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
		"<wp:docPr id=\"1\" name=\"diagram\"/>"
		"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
		"<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		"<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"diagram.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
		"<pic:blipFill><a:blip r:embed=\"rIdDiagram\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		"<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
		"<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
		"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
		w, h, w, h);
}

static void add_document(struct qms_buf *b, const struct qms_report *r, size_t pi, const void *png, size_t png_len)
{
	qms_buf_adds(b, XML_HEAD "<w:document " W_NS " "
				 "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
				 "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
				 "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
	struct docx d = {.w = {&docx_ops}, .out = b};
	qms_procdoc_write(&d.w, r, pi, NULL);
	close_para(&d);
	uint32_t pw, ph;
	bool diagram = png && png_size(&pw, &ph, png, png_len) == 0;
	if (diagram)
		add_diagram(b, r, pw, ph);
	add_sect(b, diagram);
	qms_buf_adds(b, "</w:body></w:document>");
}

/* ---- the zip container (libzip) ---- */

/* The archive of the parts; on failure *err says which part or step. */
static int zip_parts(struct qms_buf *out, const struct qms_zip_part *parts, size_t n, char **err)
{
	const char *what = NULL;
	char *why = NULL;
	if (qms_zip_write(out, parts, n, &what, &why) == 0)
		return 0;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, _("cannot make the Word file: %s: %s"), what, why);
	*err = qms_buf_detach(&b);
	free(why);
	return -1;
}

int qms_docx_build(struct qms_buf *out, const struct qms_report *r, size_t pi, const void *png, size_t png_len,
		   char **err)
{
	struct qms_buf doc, hdr, core, rels;
	qms_buf_init(&rels);
	qms_buf_adds(&rels, document_rels);
	qms_buf_adds(&rels, png ? diagram_rel : "");
	qms_buf_adds(&rels, "</Relationships>");
	qms_buf_init(&doc);
	qms_buf_init(&hdr);
	qms_buf_init(&core);
	add_document(&doc, r, pi, png, png_len);
	add_header(&hdr, r, pi);
	add_core(&core, r, pi);
	struct qms_zip_part parts[] = {
		{"[Content_Types].xml", content_types, strlen(content_types)},
		{"_rels/.rels", package_rels, strlen(package_rels)},
		{"docProps/core.xml", core.buf, core.len},
		{"word/_rels/document.xml.rels", rels.buf, rels.len},
		{"word/document.xml", doc.buf, doc.len},
		{"word/styles.xml", styles, strlen(styles)},
		{"word/header1.xml", hdr.buf, hdr.len},
		{"word/media/diagram.png", png ? png : "", png ? png_len : 0},
	};
	size_t n = QMS_ARRAY_LEN(parts) - (png ? 0 : 1);
	int rc = zip_parts(out, parts, n, err);
	qms_buf_release(&doc);
	qms_buf_release(&hdr);
	qms_buf_release(&core);
	qms_buf_release(&rels);
	return rc;
}
