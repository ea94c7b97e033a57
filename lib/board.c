/* The migration board as SVG. See board.h. Coordinates are whole pixels
 * so the output never depends on the locale's decimal mark. */
#include "board.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "table.h"
#include "tracker.h"

enum {
	MARGIN = 24,
	LABEL_W = 112, /* the level labels at the left */
	COL_W = 176, /* one stage, or one sub-column of a crowded stage */
	HEAD_H = 58, /* stage headings */
	CARD_W = COL_W - 16,
	CARD_H = 50,
	CARD_GAP = 6,
	BAND_PAD = 8,
	MAX_ROWS = 8, /* cards in a cell before the column gets another sub-column */
	NAME_PX = 11, /* font size of agency names */
};

struct palette {
	const char *fill, *stroke;
};

/* by enum qms_status */
static const struct palette colours[QMS_STATUS_COUNT] = {
	{"#dcedc8", "#558b2f"}, /* done: green */
	{"#ffcdd2", "#c62828"}, /* overdue: red */
	{"#ffe8a3", "#e69500"}, /* at risk: amber */
	{"#dbeafe", "#1e6fd9"}, /* on track: blue */
};

/* Order of the legend and of the cards in a cell: what needs attention
 * first. */
static const enum qms_status order[QMS_STATUS_COUNT] = {QMS_STATUS_OVERDUE, QMS_STATUS_AT_RISK, QMS_STATUS_ON_TRACK,
							QMS_STATUS_DONE};

/* Every text of the board goes through the one XML/HTML escaper. */
static void add_xml(struct qms_buf *b, const char *s)
{
	qms_html_add_text(b, s);
}

static void text_at(struct qms_buf *b, int x, int y, const char *attrs, const char *s)
{
	qms_buf_printf(b, "<text x=\"%d\" y=\"%d\"%s%s>", x, y, *attrs ? " " : "", attrs);
	add_xml(b, s);
	qms_buf_adds(b, "</text>\n");
}

/* Estimated width in pixels of s in DejaVu Sans (the first font of the
 * style) at `px` pixels: no font metrics at hand, so per kind of letter;
 * a Vietnamese letter is as wide as its base letter. Errs on the wide
 * side so text stays inside its box. */
static int text_px(const char *s, int px)
{
	int w = 0; /* in thousandths of an em */
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		p++;
		if (n) {
			unsigned cp = c & (0x3fu >> n);
			for (int k = 0; k < n && (*p & 0xc0) == 0x80; k++)
				cp = (cp << 6) | (*p++ & 0x3f);
			if ((cp >= 0x300 && cp <= 0x36f))
				continue; /* combining mark */
			/* capitals of Latin-1, Latin Extended and Vietnamese */
			bool upper = (cp >= 0xc0 && cp <= 0xde) || cp == 0x110 ||
				     (cp >= 0x1ea0 && cp <= 0x1ef9 && cp % 2 == 0) || cp == 0x102 || cp == 0x1a0 ||
				     cp == 0x1af;
			w += cp == 0x2026 ? 1000 : upper ? 720 : 620;
			continue;
		}
		if (c == ' ')
			w += 320;
		else if (strchr("iljI.,:;'|!", (int)c))
			w += 300;
		else if (strchr("frt()-/[]", (int)c))
			w += 420;
		else if (strchr("mwMW", (int)c))
			w += 940;
		else if (c >= 'A' && c <= 'Z')
			w += 720;
		else
			w += 620;
	}
	return (w * px + 999) / 1000;
}

/* Byte length of the longest prefix of s (whole characters) that fits in
 * max_px together with a final "…". */
static size_t fit_bytes(const char *s, int max_px, int px)
{
	char buf[512];
	size_t best = 0;
	for (size_t i = 1; s[i - 1] && i < sizeof(buf) - 4; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		memcpy(buf, s, i);
		memcpy(buf + i, "…", sizeof("…"));
		if (text_px(buf, px) > max_px)
			break;
		best = i;
	}
	return best;
}

/* Split s into at most two lines of max_px at spaces; a second line that
 * does not fit ends with "…". line2 may come back empty. */
static void wrap2(const char *s, int max_px, int px, struct qms_buf *line1, struct qms_buf *line2)
{
	qms_buf_reset(line1);
	qms_buf_reset(line2);
	if (text_px(s, px) <= max_px) {
		qms_buf_adds(line1, s);
		return;
	}
	/* the last space that keeps line 1 within max_px */
	size_t cut = 0;
	char buf[512];
	for (size_t i = 0; s[i] && i < sizeof(buf) - 1; i++) {
		if (s[i] != ' ')
			continue;
		memcpy(buf, s, i);
		buf[i] = '\0';
		if (text_px(buf, px) > max_px)
			break;
		cut = i;
	}
	if (!cut) {
		cut = fit_bytes(s, max_px, px);
		qms_buf_add(line1, s, cut);
		qms_buf_adds(line1, "…");
		return;
	}
	qms_buf_add(line1, s, cut);
	const char *rest = s + cut;
	while (*rest == ' ')
		rest++;
	if (text_px(rest, px) <= max_px) {
		qms_buf_adds(line2, rest);
	} else {
		qms_buf_add(line2, rest, fit_bytes(rest, max_px, px));
		qms_buf_adds(line2, "…");
	}
}

struct cell {
	const struct qms_agency_status **cards;
	size_t n;
};

static int column_of(const struct qms_agency_status *s)
{
	return s->next_stage >= 0 ? s->next_stage : QMS_STAGE_REPORT;
}

static int rank(enum qms_status s)
{
	for (int i = 0; i < QMS_STATUS_COUNT; i++)
		if (order[i] == s)
			return i;
	return QMS_STATUS_COUNT;
}

static int card_cmp(const void *pa, const void *pb)
{
	const struct qms_agency_status *a = *(const struct qms_agency_status *const *)pa;
	const struct qms_agency_status *b = *(const struct qms_agency_status *const *)pb;
	int ra = rank(a->status), rb = rank(b->status);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->days_left != b->days_left && a->status != QMS_STATUS_DONE)
		return a->days_left < b->days_left ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void card_detail(struct qms_buf *b, const struct qms_agency_status *s, enum qms_lang lang)
{
	bool en = lang == QMS_LANG_EN;
	char d[11];
	switch (s->status) {
	case QMS_STATUS_DONE:
		qms_date_format_lang(d, s->announced, lang);
		if (s->next_stage < 0)
			qms_buf_adds(b, "✓ ");
		qms_buf_printf(b, en ? "announced %s" : "công bố %s", d);
		return;
	case QMS_STATUS_OVERDUE:
		if (s->days_left == 0) /* late at the end of its deadline day */
			qms_buf_adds(b, en ? "due today, not announced" : "đến hạn hôm nay, chưa công bố");
		else
			qms_buf_printf(b, en ? "%ld day%s overdue" : "quá hạn %ld ngày%s", (long)-s->days_left,
				       en && s->days_left != -1 ? "s" : "");
		return;
	default:
		if (s->deadline < 0)
			qms_buf_adds(b, en ? "no deadline" : "chưa có hạn");
		else if (s->days_left == 0)
			qms_buf_adds(b, en ? "due today" : "hết hạn hôm nay");
		else
			qms_buf_printf(b, en ? "%ld day%s left" : "còn %ld ngày%s", (long)s->days_left,
				       en && s->days_left != 1 ? "s" : "");
		return;
	}
}

static void draw_card(struct qms_buf *b, const struct qms_agency_status *s, int x, int y, const char *workspace,
		      enum qms_lang lang, struct qms_buf *l1, struct qms_buf *l2)
{
	const struct palette *p = &colours[s->status];
	char date[11];
	/* the tooltip: everything, in full */
	qms_buf_adds(b, "<g class=\"card\"><title>");
	add_xml(b, s->name);
	qms_buf_adds(b, " (");
	add_xml(b, s->id); /* the file's name when the tracker has no id */
	qms_buf_adds(b, ")&#10;");
	add_xml(b, qms_status_label(s->status, lang));
	if (s->last_stage >= 0) {
		qms_buf_adds(b, lang == QMS_LANG_EN ? "; last stage done: " : "; đã xong: ");
		add_xml(b, qms_stage_label(s->last_stage, lang));
	}
	if (s->deadline >= 0) {
		qms_date_format_lang(date, s->deadline, lang);
		qms_buf_printf(b, lang == QMS_LANG_EN ? "; deadline %s" : "; hạn %s", date);
	}
	qms_buf_printf(b,
		       lang == QMS_LANG_EN ? "&#10;findings: %u open, %u overdue, %u not verified"
					   : "&#10;phát hiện: %u chưa khắc phục, %u quá hạn, %u chưa kiểm tra hiệu lực",
		       s->findings_open, s->findings_overdue, s->findings_unverified);
	qms_buf_adds(b, "</title>\n");
	qms_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\"/>\n",
		       x, y, CARD_W, CARD_H, p->fill, p->stroke);
	qms_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"5\" height=\"%d\" fill=\"%s\"/>\n", x, y + 1, CARD_H - 2,
		       p->stroke);

	bool badge = s->findings_open > 0;
	struct qms_buf name;
	qms_buf_init(&name);
	qms_agency_short_name(&name, s->name, workspace);
	wrap2(name.buf, CARD_W - 16 - (badge ? 20 : 0), NAME_PX, l1, l2);
	qms_buf_release(&name);
	text_at(b, x + 10, y + 15, "class=\"name\"", l1->buf);
	if (l2->len)
		text_at(b, x + 10, y + 28, "class=\"name\"", l2->buf);
	qms_buf_reset(l1);
	card_detail(l1, s, lang);
	text_at(b, x + 10, y + CARD_H - 6, "class=\"detail\"", l1->buf);
	if (badge) {
		/* open findings: red when one is past its due date */
		int cx = x + CARD_W - 13, cy = y + 13;
		qms_buf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"9\" fill=\"%s\" stroke=\"#424242\"/>\n", cx, cy,
			       s->findings_overdue ? "#c62828" : "#ffffff");
		qms_buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"badge\"%s>%u</text>\n", cx, cy + 4,
			       s->findings_overdue ? " fill=\"#ffffff\"" : "", s->findings_open);
	}
	qms_buf_adds(b, "</g>\n");
}

static const char *const band_vi[] = {"Cấp tỉnh", "Cấp huyện", "Cấp xã", "Khác"};
static const char *const band_en[] = {"Province", "District", "Commune", "Other"};

enum { BANDS = 4, TITLE_H = 104 };

/* Where everything goes: the agencies by band (the three levels, then
 * agencies of unknown level) and column, and the sizes that follow. */
struct layout {
	struct cell cells[BANDS][QMS_STAGE_COUNT];
	const struct qms_agency_status **all; /* the cards of every cell, owned */
	size_t per_column[QMS_STAGE_COUNT];
	size_t per_band[BANDS];
	int columns[QMS_STAGE_COUNT]; /* sub-columns of each stage */
	int col_x[QMS_STAGE_COUNT + 1];
	int band_h[BANDS]; /* 0: band not shown */
	int grid_w, grid_h, grid_y, width, height;
};

static int band_of(const struct qms_agency_status *s)
{
	return s->level >= 0 && s->level <= QMS_LEVEL_COMMUNE ? s->level : 3;
}

/* Each agency into its cell, each cell in card_cmp() order. */
static void group(struct layout *l, const struct qms_status_report *r)
{
	l->all = qms_xmalloc((r->len ? r->len : 1) * sizeof(*l->all));
	for (int band = 0; band < BANDS; band++)
		for (int col = 0; col < QMS_STAGE_COUNT; col++)
			l->cells[band][col].cards = l->all; /* set below */
	/* count, then place */
	for (size_t i = 0; i < r->len; i++)
		l->cells[band_of(&r->agencies[i])][column_of(&r->agencies[i])].n++;
	size_t at = 0;
	for (int band = 0; band < BANDS; band++)
		for (int col = 0; col < QMS_STAGE_COUNT; col++) {
			struct cell *c = &l->cells[band][col];
			c->cards = l->all + at;
			at += c->n;
			l->per_band[band] += c->n;
			l->per_column[col] += c->n;
			c->n = 0;
		}
	for (size_t i = 0; i < r->len; i++) {
		const struct qms_agency_status *s = &r->agencies[i];
		struct cell *c = &l->cells[band_of(s)][column_of(s)];
		c->cards[c->n++] = s;
	}
	for (int band = 0; band < BANDS; band++)
		for (int col = 0; col < QMS_STAGE_COUNT; col++)
			if (l->cells[band][col].n > 1)
				qsort(l->cells[band][col].cards, l->cells[band][col].n, sizeof(*l->all), card_cmp);
}

/* The columns, the bands and the size of the board. A stage with many
 * agencies in a band (the last one, once most have announced) gets
 * sub-columns, so that no band grows past MAX_ROWS cards because of one
 * crowded cell. */
static void measure(struct layout *l, const struct qms_status_report *r)
{
	l->col_x[0] = MARGIN + LABEL_W;
	for (int col = 0; col < QMS_STAGE_COUNT; col++) {
		size_t most = 0;
		for (int band = 0; band < BANDS; band++)
			if (l->cells[band][col].n > most)
				most = l->cells[band][col].n;
		l->columns[col] = most > MAX_ROWS ? (int)((most + MAX_ROWS - 1) / MAX_ROWS) : 1;
		l->col_x[col + 1] = l->col_x[col] + l->columns[col] * COL_W;
	}
	l->grid_w = l->col_x[QMS_STAGE_COUNT] - MARGIN;
	l->grid_h = 0;
	for (int band = 0; band < BANDS; band++) {
		size_t rows = 0;
		for (int col = 0; col < QMS_STAGE_COUNT; col++) {
			size_t n = (l->cells[band][col].n + (size_t)l->columns[col] - 1) / (size_t)l->columns[col];
			if (n > rows)
				rows = n;
		}
		bool shown = l->per_band[band] > 0 || (band < 3 && r->len == 0);
		l->band_h[band] = shown ? 2 * BAND_PAD + (int)(rows ? rows : 1) * (CARD_H + CARD_GAP) - CARD_GAP : 0;
		l->grid_h += l->band_h[band];
	}
	l->width = 2 * MARGIN + l->grid_w;
	l->grid_y = MARGIN + TITLE_H + HEAD_H;
	l->height = l->grid_y + l->grid_h + 48 + MARGIN;
}

/* The XML declaration, the <svg> element, the style, the background. */
static void begin_svg(struct qms_buf *out, const struct layout *l, enum qms_lang lang)
{
	qms_buf_printf(out,
		       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		       "lang=\"%s\">\n",
		       l->width, l->height, l->width, l->height, lang == QMS_LANG_EN ? "en" : "vi");
	qms_buf_adds(out, "<style>\n"
			  "text { font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; fill: #212121; }\n"
			  ".title { font-size: 22px; font-weight: bold; }\n"
			  ".subtitle { font-size: 14px; fill: #424242; }\n"
			  ".legend { font-size: 12px; }\n"
			  ".stage { font-size: 12px; font-weight: bold; }\n"
			  ".count { font-size: 11px; fill: #616161; }\n"
			  ".band { font-size: 13px; font-weight: bold; }\n"
			  ".name { font-size: 11px; }\n"
			  ".detail { font-size: 10px; fill: #424242; }\n"
			  ".badge { font-size: 10px; font-weight: bold; text-anchor: middle; }\n"
			  ".note { font-size: 11px; fill: #616161; }\n"
			  "</style>\n");
	qms_buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", l->width, l->height);
}

/* The title and the line under it: the workspace, the date, how many. */
static void draw_title(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang)
{
	bool en = lang == QMS_LANG_EN;
	char date[11];
	qms_date_format_lang(date, r->as_of, lang);
	text_at(out, MARGIN, MARGIN + 22, "class=\"title\"",
		en ? "Migration of the quality management systems to ISO 9001:2015"
		   : "Chuyển đổi hệ thống quản lý chất lượng sang TCVN ISO 9001:2015");
	struct qms_buf line;
	qms_buf_init(&line);
	if (r->settings.name) {
		qms_buf_adds(&line, r->settings.name);
		qms_buf_adds(&line, " - ");
	}
	qms_buf_printf(&line, en ? "as of %s - %zu agencies" : "tình hình đến ngày %s - %zu cơ quan", date, r->len);
	text_at(out, MARGIN, MARGIN + 46, "class=\"subtitle\"", line.buf);
	qms_buf_release(&line);
}

/* The colours with how many agencies each, and the badges. */
static void draw_legend(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang)
{
	size_t counts[QMS_STATUS_COUNT];
	qms_status_report_count(r, counts);
	struct qms_buf line;
	qms_buf_init(&line);
	int lx = MARGIN, ly = MARGIN + 66;
	for (int i = 0; i < QMS_STATUS_COUNT; i++) {
		enum qms_status s = order[i];
		qms_buf_printf(
			out,
			"<rect x=\"%d\" y=\"%d\" width=\"26\" height=\"16\" rx=\"3\" fill=\"%s\" stroke=\"%s\"/>\n", lx,
			ly, colours[s].fill, colours[s].stroke);
		qms_buf_reset(&line);
		qms_buf_printf(&line, "%s (%zu)", qms_status_label(s, lang), counts[s]);
		text_at(out, lx + 32, ly + 12, "class=\"legend\"", line.buf);
		lx += 32 + (int)qms_text_width(line.buf, line.len) * 7 + 24;
	}
	qms_buf_release(&line);
	qms_buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"8\" fill=\"#ffffff\" stroke=\"#424242\"/>\n", lx + 8,
		       ly + 8);
	qms_buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"badge\">2</text>\n", lx + 8, ly + 12);
	qms_buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"8\" fill=\"#c62828\" stroke=\"#424242\"/>\n", lx + 28,
		       ly + 8);
	qms_buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"badge\" fill=\"#ffffff\">1</text>\n", lx + 28, ly + 12);
	text_at(out, lx + 44, ly + 12, "class=\"legend\"",
		lang == QMS_LANG_EN
			? "findings not yet corrected (red: one is past its due date)    ✓ all nine stages done"
			: "phát hiện chưa khắc phục (đỏ: có phát hiện quá hạn khắc phục)    ✓ đã xong cả 9 giai đoạn");
}

/* "12 agencies", "12 cơ quan" */
static void add_agencies(struct qms_buf *b, size_t n, enum qms_lang lang)
{
	bool en = lang == QMS_LANG_EN;
	qms_buf_printf(b, en ? "%zu agenc%s" : "%zu cơ quan", n, en ? (n == 1 ? "y" : "ies") : "");
}

/* The heading of each stage: its number and name, how many agencies. */
static void draw_stages(struct qms_buf *out, const struct layout *l, enum qms_lang lang)
{
	int head_y = MARGIN + TITLE_H;
	struct qms_buf line, h1, h2;
	qms_buf_init(&line);
	qms_buf_init(&h1);
	qms_buf_init(&h2);
	for (int col = 0; col < QMS_STAGE_COUNT; col++) {
		int x = l->col_x[col];
		qms_buf_printf(
			out,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eceff1\" stroke=\"#b0bec5\"/>\n", x,
			head_y, l->columns[col] * COL_W, HEAD_H - 4);
		qms_buf_reset(&line);
		qms_buf_printf(&line, "%d. %s", col + 1, qms_stage_label(col, lang));
		wrap2(line.buf, l->columns[col] * COL_W - 14, 12, &h1, &h2);
		text_at(out, x + 8, head_y + 17, "class=\"stage\"", h1.buf);
		if (h2.len)
			text_at(out, x + 8, head_y + 32, "class=\"stage\"", h2.buf);
		qms_buf_reset(&line);
		add_agencies(&line, l->per_column[col], lang);
		text_at(out, x + 8, head_y + HEAD_H - 10, "class=\"count\"", line.buf);
	}
	qms_buf_release(&line);
	qms_buf_release(&h1);
	qms_buf_release(&h2);
}

/* One band from y: its background, the column lines, its label, its
 * cards down each sub-column, then the next. */
static void draw_band(struct qms_buf *out, const struct layout *l, int band, int y, const char *ws, enum qms_lang lang,
		      struct qms_buf *c1, struct qms_buf *c2)
{
	int h = l->band_h[band];
	qms_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#b0bec5\"/>\n",
		       MARGIN, y, l->grid_w, h, band % 2 ? "#fafafa" : "#f3f5f6");
	for (int col = 1; col < QMS_STAGE_COUNT; col++)
		qms_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cfd8dc\"/>\n",
			       l->col_x[col], y, l->col_x[col], y + h);
	qms_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b0bec5\"/>\n", l->col_x[0], y,
		       l->col_x[0], y + h);
	text_at(out, MARGIN + 10, y + 24, "class=\"band\"", lang == QMS_LANG_EN ? band_en[band] : band_vi[band]);
	qms_buf_reset(c1);
	add_agencies(c1, l->per_band[band], lang);
	text_at(out, MARGIN + 10, y + 42, "class=\"count\"", c1->buf);
	for (int col = 0; col < QMS_STAGE_COUNT; col++) {
		const struct cell *c = &l->cells[band][col];
		size_t rows = (c->n + (size_t)l->columns[col] - 1) / (size_t)l->columns[col];
		for (size_t k = 0; k < c->n; k++)
			draw_card(out, c->cards[k], l->col_x[col] + (int)(k / rows) * COL_W + 8,
				  y + BAND_PAD + (int)(k % rows) * (CARD_H + CARD_GAP), ws, lang, c1, c2);
	}
}

/* How to read the board, at y. */
static void draw_note(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang, int y)
{
	bool en = lang == QMS_LANG_EN;
	struct qms_buf line;
	qms_buf_init(&line);
	if (en)
		qms_buf_adds(&line, "Each agency stands in the column of its next stage. At risk: fewer than ");
	else
		qms_buf_adds(&line, "Mỗi cơ quan đứng ở cột giai đoạn tiếp theo của mình. Có nguy cơ chậm: còn dưới ");
	qms_buf_printf(&line,
		       en ? "%ld days left for each stage to do up to the announcement."
			  : "%ld ngày cho mỗi giai đoạn phải làm đến khi công bố.",
		       r->settings.at_risk_days_per_stage);
	if (r->settings.deadline >= 0) {
		char date[11];
		qms_date_format_lang(date, r->settings.deadline, lang);
		qms_buf_printf(&line,
			       en ? " Deadline: %s unless the agency has its own."
				  : " Hạn chung: %s (trừ cơ quan có hạn riêng).",
			       date);
	}
	text_at(out, MARGIN, y + 28, "class=\"note\"", line.buf);
	qms_buf_release(&line);
}

void qms_board_svg(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang)
{
	struct layout *l = qms_xcalloc(1, sizeof(*l));
	group(l, r);
	measure(l, r);
	begin_svg(out, l, lang);
	draw_title(out, r, lang);
	draw_legend(out, r, lang);
	draw_stages(out, l, lang);
	int y = l->grid_y;
	struct qms_buf c1, c2;
	qms_buf_init(&c1);
	qms_buf_init(&c2);
	for (int band = 0; band < BANDS; band++) {
		if (!l->band_h[band])
			continue;
		draw_band(out, l, band, y, r->settings.name, lang, &c1, &c2);
		y += l->band_h[band];
	}
	qms_buf_release(&c1);
	qms_buf_release(&c2);
	draw_note(out, r, lang, y);
	qms_buf_adds(out, "</svg>\n");
	free(l->all);
	free(l);
}
