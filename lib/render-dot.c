/* The graph builder: procedures and agency maps as DOT text. No Graphviz
 * here; render.c lays the text out. Everything the user wrote goes through
 * qms_render_add_html() or qms_render_add_attr(); numbers through
 * qms_buf_add_number() or integer formats, never %f (the locale). */
#include "render.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "status.h"
#include "tthc.h"
#include "values.h"

const char *const qms_render_format_names[] = {"svg", "png", "pdf", "dot", NULL};
const char *const qms_render_edges_names[] = {"ortho", "spline", NULL};

/* ---- text ---- */

/* The code point at *ps (of at most n bytes), advancing past it; U+FFFD
 * for a byte that does not start a well-formed sequence (the loader
 * refuses those, but the builder must not trust its input). */
static uint32_t utf8_next(const char **ps, size_t n)
{
	uint32_t c;
	size_t len = qms_utf8_decode(*ps, n, &c);
	*ps += len ? len : 1;
	return len ? c : 0xfffd;
}

/* XML 1.0 Char, less the controls the labels have no use for. */
static bool xml_char_ok(uint32_t c)
{
	return (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

static void add_html_n(struct qms_buf *b, const char *s, size_t n)
{
	const char *end = s + n;
	while (s < end && *s) {
		uint32_t c = utf8_next(&s, (size_t)(end - s));
		switch (c) {
		case '&': qms_buf_adds(b, "&amp;"); break;
		case '<': qms_buf_adds(b, "&lt;"); break;
		case '>': qms_buf_adds(b, "&gt;"); break;
		case '"': qms_buf_adds(b, "&quot;"); break;
		case '\\': qms_buf_adds(b, "\\\\"); break;
		case '\n': qms_buf_adds(b, "<BR/>"); break;
		case '\t': qms_buf_addc(b, ' '); break;
		case '\r': break;
		default: qms_buf_add_utf8(b, xml_char_ok(c) ? c : 0xfffd); break;
		}
	}
}

void qms_render_add_html(struct qms_buf *b, const char *s)
{
	add_html_n(b, s, strlen(s));
}

void qms_render_add_attr(struct qms_buf *b, const char *s)
{
	while (*s) {
		uint32_t c = utf8_next(&s, strnlen(s, 4));
		switch (c) {
		case '&': qms_buf_adds(b, "&amp;"); break;
		case '<': qms_buf_adds(b, "&lt;"); break;
		case '>': qms_buf_adds(b, "&gt;"); break;
		case '\\': qms_buf_adds(b, "\\\\\\\\"); break;
		case '"': qms_buf_adds(b, "\\\""); break;
		case '\n': qms_buf_adds(b, "\\n"); break;
		case '\t': qms_buf_addc(b, ' '); break;
		case '\r': break;
		default: qms_buf_add_utf8(b, xml_char_ok(c) ? c : 0xfffd); break;
		}
	}
}

/* Byte length of the first `cps` code points of s[0..n). */
static size_t cp_bytes(const char *s, size_t n, size_t cps)
{
	size_t i = 0;
	while (i < n && cps) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		cps--;
	}
	return i;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Break s into lines of at most `width` code points at blanks (a longer word
 * is cut), keeping the line breaks the author wrote; at most `max_lines`
 * lines, the last one ending with an ellipsis when text was left out.
 * Appends the lines to out, separated by '\n'. */
static void wrap_text(struct qms_buf *out, const char *s, size_t width, size_t max_lines)
{
	size_t lines = 1, col = 0;
	bool empty = true;
	const char *p = s;
	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			return;
		if (*p == '\n') {
			p++;
			if (!empty) {
				if (lines == max_lines)
					goto cut;
				qms_buf_addc(out, '\n');
				lines++;
				col = 0;
				empty = true;
			}
			continue;
		}
		const char *w = p;
		while (*p && !is_blank(*p) && *p != '\n')
			p++;
		size_t wn = (size_t)(p - w), wc = qms_text_width(w, wn);
		while (wc) {
			if ((empty ? wc : col + 1 + wc) <= width) {
				if (!empty) {
					qms_buf_addc(out, ' ');
					col++;
				}
				qms_buf_add(out, w, wn);
				col += wc;
				empty = false;
				break;
			}
			if (!empty) {
				if (lines == max_lines)
					goto cut;
				qms_buf_addc(out, '\n');
				lines++;
				col = 0;
				empty = true;
				continue;
			}
			size_t cut = cp_bytes(w, wn, width);
			qms_buf_add(out, w, cut);
			w += cut;
			wn -= cut;
			wc -= width;
			col = width;
			empty = false;
		}
	}
cut:
	qms_buf_adds(out, "\xe2\x80\xa6"); /* … */
}

/* Wrapped and escaped for an HTML-like label. */
static void add_wrapped(struct qms_buf *b, const char *s, size_t width, size_t max_lines)
{
	struct qms_buf t;
	qms_buf_init(&t);
	wrap_text(&t, s ? s : "", width, max_lines);
	if (!t.len)
		qms_buf_addc(&t, ' '); /* <B></B> and the like are syntax errors */
	add_html_n(b, t.buf, t.len);
	qms_buf_release(&t);
}

/* ---- words ---- */

struct words {
	const char *step, *forms, *agency_proc, *edition, *effective, *owner, *standard;
	const char *statutory, *committed, *critical, *exceeds, *cut, *not_set;
	const char *legend, *start, *end, *task, *decision, *subprocess, *parallel, *rework, *critical_path, *grade[4],
		*grade_short[4], *open, *closed, *closed_legend, *as_of, *findings_as_of, *findings_count_open,
		*findings_count_closed, *no_lane, *opens, *not_found, *note, *duration, *audit, *due, *map_title,
		*map_count, *calls, *other_agency, *unknown_code, *no_owner, *procedures_called;
};

static const struct words words_vi = {
	.step = "Bước",
	.forms = "Biểu mẫu",
	.agency_proc = "Quy trình",
	.edition = "Lần ban hành",
	.effective = "Ngày hiệu lực",
	.owner = "Đơn vị chủ trì",
	.standard = "Tiêu chuẩn",
	.statutory = "Thời hạn luật định",
	.committed = "Thời hạn cam kết",
	.critical = "Đường găng",
	.exceeds = "vượt thời hạn cam kết",
	.cut = "giảm",
	.not_set = "chưa quy định",
	.legend = "Chú giải",
	.start = "Bắt đầu",
	.end = "Kết thúc",
	.task = "Bước công việc: thời gian, biểu mẫu",
	.decision = "Quyết định (nhãn trên nhánh)",
	.subprocess = "Quy trình con (nhấn để mở)",
	.parallel = "Thực hiện song song",
	.rework = "Làm lại, bổ sung (vòng lặp)",
	.critical_path = "Đường găng (dài nhất)",
	.grade = {"Không phù hợp nặng", "Không phù hợp nhẹ", "Điểm lưu ý", "Cơ hội cải tiến"},
	.grade_short = {"nặng", "nhẹ", "lưu ý", "cải tiến"},
	.open = "đang mở",
	.closed = "đã đóng",
	.closed_legend = "Đã đóng",
	.as_of = "tính đến",
	.findings_as_of = "Phát hiện đánh giá tính đến",
	.findings_count_open = "đang mở",
	.findings_count_closed = "đã đóng",
	.no_lane = "(chưa ghi đơn vị thực hiện)",
	.opens = "Mở quy trình",
	.not_found = "không có trong hệ thống",
	.note = "Ghi chú",
	.duration = "Thời gian",
	.audit = "đợt đánh giá",
	.due = "hạn khắc phục",
	.map_title = "Sơ đồ tương tác giữa các quá trình",
	.map_count = "quy trình",
	.calls = "gọi",
	.other_agency = "Quy trình của cơ quan khác",
	.unknown_code = "Mã quy trình không tìm thấy",
	.no_owner = "(chưa ghi đơn vị chủ trì)",
	.procedures_called = "Quy trình được gọi",
};

static const struct words words_en = {
	.step = "Step",
	.forms = "Forms",
	.agency_proc = "Procedure",
	.edition = "Edition",
	.effective = "Effective",
	.owner = "Owner",
	.standard = "Standard",
	.statutory = "Statutory limit",
	.committed = "Committed limit",
	.critical = "Critical path",
	.exceeds = "exceeds the committed limit",
	.cut = "cut",
	.not_set = "not set",
	.legend = "Legend",
	.start = "Start",
	.end = "End",
	.task = "Step: time, forms",
	.decision = "Decision (answers on the branches)",
	.subprocess = "Subprocess (click to open)",
	.parallel = "Work in parallel",
	.rework = "Rework loop",
	.critical_path = "Critical path (longest)",
	.grade = {"Major nonconformity", "Minor nonconformity", "Observation", "Opportunity for improvement"},
	.grade_short = {"major", "minor", "observation", "improvement"},
	.open = "open",
	.closed = "closed",
	.closed_legend = "Closed",
	.as_of = "as of",
	.findings_as_of = "Audit findings as of",
	.findings_count_open = "open",
	.findings_count_closed = "closed",
	.no_lane = "(no responsible unit given)",
	.opens = "Open procedure",
	.not_found = "not in the workspace",
	.note = "Note",
	.duration = "Time",
	.audit = "audit",
	.due = "due",
	.map_title = "Interaction of processes",
	.map_count = "procedures",
	.calls = "calls",
	.other_agency = "Procedures of other agencies",
	.unknown_code = "Unknown procedure codes",
	.no_owner = "(no owner unit given)",
	.procedures_called = "Procedures called",
};

static const struct words *words_of(enum qms_lang lang)
{
	return lang == QMS_LANG_EN ? &words_en : &words_vi;
}

/* ---- look ---- */

#define FONT "DejaVu Sans"
#define COLOR_LINE "#475569"
#define COLOR_CRITICAL "#dc2626"
#define COLOR_REWORK "#92400e"
#define COLOR_BRANCH "#1e3a8a"
#define COLOR_MUTED "#64748b"

static const char *const grade_color[4] = {"#b91c1c", "#c2410c", "#1d4ed8", "#15803d"};
static const char *const grade_tint[4] = {"#fee2e2", "#ffedd5", "#dbeafe", "#dcfce7"};
static const char *const grade_class[4] = {"major", "minor", "observation", "improvement"};
#define COLOR_CLOSED_BG "#e5e7eb"
#define COLOR_CLOSED_FG "#374151"

/* ---- small formatting ---- */

static void add_date(struct qms_buf *b, int32_t days, enum qms_lang lang)
{
	char d[11];
	qms_date_format_lang(d, days, lang); /* 15/6/2020, as the report writes it */
	qms_buf_adds(b, d);
}

static enum qms_step_kind kind_of(const struct qms_step *s)
{
	return s->kind.text ? (enum qms_step_kind)s->kind.choice : QMS_STEP_TASK;
}

static const struct qms_value *list_value(const struct qms_list *l, size_t i)
{
	return &((const struct qms_value *)l->items)[i];
}

static const struct qms_lane *lane_at(const struct qms_process *p, size_t i)
{
	return &((const struct qms_lane *)p->lanes.items)[i];
}

static const struct qms_form *form_at(const struct qms_process *p, size_t i)
{
	return &((const struct qms_form *)p->forms.items)[i];
}

static const struct qms_branch *branch_at(const struct qms_step *s, size_t i)
{
	return &((const struct qms_branch *)s->branches.items)[i];
}

/* A span in a unit, escaped for an HTML label: "6 ngày làm việc",
 * "1,5 working days", "3 ngày làm việc + 20 ngày". */
static void add_span(struct qms_buf *b, const struct qms_span *s, enum qms_duration_unit unit, double workday_hours,
		     enum qms_lang lang)
{
	struct qms_buf t;
	qms_buf_init(&t);
	qms_span_format(&t, s, unit, workday_hours, lang);
	add_html_n(b, t.buf, t.len);
	qms_buf_release(&t);
}

/* ---- procedure diagram ---- */

struct edge_info {
	size_t from, to; /* steps */
	const char *when; /* branch label, or NULL */
	bool back, critical;
};

struct step_marks {
	int worst_open; /* grade index of the worst open finding, -1 none */
	size_t open, closed;
	bool any;
};

struct builder {
	struct qms_buf *b;
	const struct qms_process *p;
	const struct qms_render_context *ctx;
	const struct qms_render_options *opt;
	const struct words *w;
	bool lr;
	double wh;
	struct qms_flow flow;
	struct qms_arena arena;
	size_t nlanes; /* declared lanes */
	size_t *lane_of; /* per step: lane index; nlanes for "no lane" */
	bool has_no_lane;
	int *number; /* per step: "Bước n", 0 when not numbered */
	struct edge_info *edges; /* flow edges, in flow order */
	size_t nedges;
	bool *crit_step;
	bool has_critical;
	struct qms_span critical;
	size_t *fork_of; /* per step: it forks (next list of 2+): 1, else 0 */
	size_t *join_before; /* per step: index of the fork whose join bar comes before it, or SIZE_MAX */
	bool *into_join; /* per edge: goes into a join bar */
	size_t *indeg; /* per step: edges into it, rework loops left out */
	struct step_marks *marks;
	const struct qms_render_finding **shown; /* findings shown, in input order */
	size_t nshown;
	bool used[QMS_STEP_SUBPROCESS + 1];
	bool has_fork, has_back, has_branch_label;
	bool grade_used[4];
	bool closed_used;
};

static void out(struct builder *bd, const char *s)
{
	qms_buf_adds(bd->b, s);
}

static void outf(struct builder *bd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void outf(struct builder *bd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(bd->b, fmt, ap);
	va_end(ap);
}

static bool finding_shown(const struct qms_render_finding *f, int32_t as_of)
{
	return f->audit_date < 0 || f->audit_date <= as_of;
}

static bool finding_open(const struct qms_render_finding *f, int32_t as_of)
{
	return f->closed < 0 || f->closed > as_of;
}

static void collect_findings(struct builder *bd)
{
	size_t n = bd->flow.nsteps;
	bd->marks = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(*bd->marks));
	for (size_t i = 0; i < n; i++)
		bd->marks[i].worst_open = -1;
	bd->shown = qms_arena_alloc(&bd->arena, (bd->ctx->nfindings ? bd->ctx->nfindings : 1) * sizeof(*bd->shown));
	for (size_t k = 0; k < bd->ctx->nfindings; k++) {
		const struct qms_render_finding *f = &bd->ctx->findings[k];
		if (!f->step || !finding_shown(f, bd->opt->as_of))
			continue;
		size_t i = qms_strmap_get(&bd->flow.ids, f->step);
		if (i == SIZE_MAX)
			continue;
		bd->shown[bd->nshown++] = f;
		struct step_marks *m = &bd->marks[i];
		m->any = true;
		bool open = finding_open(f, bd->opt->as_of);
		int g = f->grade >= 0 && f->grade < 4 ? f->grade : 2;
		if (open) {
			m->open++;
			if (m->worst_open < 0 || g < m->worst_open)
				m->worst_open = g;
			bd->grade_used[g] = true;
		} else {
			m->closed++;
			bd->closed_used = true;
		}
	}
}

static void build_edges(struct builder *bd)
{
	const struct qms_process *p = bd->p;
	size_t n = bd->flow.nsteps;
	bd->nedges = bd->flow.edge_start[n];
	bd->edges = qms_arena_alloc(&bd->arena, (bd->nedges ? bd->nedges : 1) * sizeof(*bd->edges));
	/* The same walk as qms_flow_init(): next ids, then branches, in file
	 * order, leaving out targets that do not exist. */
	size_t e = 0;
	for (size_t i = 0; i < n; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		for (size_t k = 0; k < s->next.len; k++) {
			const struct qms_value *v = list_value(&s->next, k);
			if (v->text && qms_strmap_get(&bd->flow.ids, v->text) != SIZE_MAX)
				bd->edges[e++] = (struct edge_info){.from = i};
		}
		for (size_t k = 0; k < s->branches.len; k++) {
			const struct qms_branch *br = branch_at(s, k);
			if (br->next.text && qms_strmap_get(&bd->flow.ids, br->next.text) != SIZE_MAX)
				bd->edges[e++] = (struct edge_info){.from = i, .when = br->when.text};
		}
	}
	for (e = 0; e < bd->nedges; e++) {
		bd->edges[e].to = bd->flow.edges[e];
		bd->edges[e].back = bd->flow.back[e];
		bd->has_back |= bd->edges[e].back;
		bd->has_branch_label |= bd->edges[e].when != NULL;
	}

	bool *crit_edge = qms_arena_alloc(&bd->arena, (bd->nedges ? bd->nedges : 1) * sizeof(bool));
	bd->crit_step = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(bool));
	if (n && qms_flow_critical_steps(&bd->critical, bd->crit_step, crit_edge, &bd->flow, p, bd->wh) == 0)
		bd->has_critical = true;
	for (e = 0; e < bd->nedges; e++)
		bd->edges[e].critical = crit_edge[e];

	/* Forks: a step (not a decision) with two or more next steps. Its
	 * join bar goes before the step all of its branches go on to when each
	 * branch is that one step and nothing else leads there. */
	bd->fork_of = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(size_t));
	bd->join_before = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(size_t));
	bd->into_join = qms_arena_alloc(&bd->arena, (bd->nedges ? bd->nedges : 1) * sizeof(bool));
	size_t *indeg = bd->indeg = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		bd->join_before[i] = SIZE_MAX;
	for (e = 0; e < bd->nedges; e++)
		if (!bd->edges[e].back)
			indeg[bd->edges[e].to]++;
	for (size_t i = 0; i < n; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		size_t out_n = bd->flow.edge_start[i + 1] - bd->flow.edge_start[i];
		if (kind_of(s) == QMS_STEP_DECISION || s->next.len < 2 || out_n < 2)
			continue;
		bd->fork_of[i] = 1;
		bd->has_fork = true;
		size_t join = SIZE_MAX;
		bool ok = true;
		for (size_t fe = bd->flow.edge_start[i]; fe < bd->flow.edge_start[i + 1] && ok; fe++) {
			size_t t = bd->edges[fe].to;
			size_t a = bd->flow.edge_start[t], z = bd->flow.edge_start[t + 1];
			if (bd->edges[fe].back || indeg[t] != 1 || z - a != 1 || bd->edges[a].back ||
			    kind_of(qms_process_step(p, t)) == QMS_STEP_DECISION)
				ok = false;
			else if (join == SIZE_MAX)
				join = bd->edges[a].to;
			else if (join != bd->edges[a].to)
				ok = false;
		}
		if (!ok || join == SIZE_MAX || indeg[join] != out_n || bd->join_before[join] != SIZE_MAX)
			continue;
		bd->join_before[join] = i;
		for (size_t fe = bd->flow.edge_start[i]; fe < bd->flow.edge_start[i + 1]; fe++) {
			size_t t = bd->edges[fe].to;
			bd->into_join[bd->flow.edge_start[t]] = true;
		}
	}
}

static void assign_lanes(struct builder *bd)
{
	const struct qms_process *p = bd->p;
	size_t n = bd->flow.nsteps;
	struct qms_strmap ids = {.arena = &bd->arena};
	bd->nlanes = p->lanes.len;
	for (size_t i = 0; i < bd->nlanes; i++)
		if (lane_at(p, i)->id.text)
			qms_strmap_put(&ids, lane_at(p, i)->id.text, i);
	bd->lane_of = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(size_t));
	bd->number = qms_arena_alloc(&bd->arena, (n ? n : 1) * sizeof(int));
	int number = 0;
	for (size_t i = 0; i < n; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		size_t lane = s->lane.text ? qms_strmap_get(&ids, s->lane.text) : SIZE_MAX;
		if (lane == SIZE_MAX && !s->lane.text && bd->nlanes == 1)
			lane = 0;
		if (lane == SIZE_MAX) {
			lane = bd->nlanes;
			bd->has_no_lane = true;
		}
		bd->lane_of[i] = lane;
		enum qms_step_kind k = kind_of(s);
		bd->used[k] = true;
		if (k == QMS_STEP_TASK || k == QMS_STEP_SUBPROCESS)
			bd->number[i] = ++number;
	}
}

/* ---- pieces of the procedure ---- */

static void title_block(struct builder *bd)
{
	const struct qms_process *p = bd->p;
	const struct words *w = bd->w;
	struct qms_buf *b = bd->b;
	enum qms_lang lang = bd->opt->lang;
	out(bd, "<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\" "
		"COLOR=\"" COLOR_LINE "\" BGCOLOR=\"white\">\n");
	if (bd->ctx->agency_name) {
		out(bd, "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\" COLOR=\"" COLOR_MUTED "\">");
		add_wrapped(b, bd->ctx->agency_name, 90, 2);
		out(bd, "</FONT></TD></TR>\n");
	}
	out(bd, "<TR><TD BGCOLOR=\"#1e293b\"><FONT COLOR=\"white\" POINT-SIZE=\"13\"><B>");
	add_wrapped(b, p->code.text, 24, 2);
	out(bd, "</B></FONT></TD><TD COLSPAN=\"3\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\"><B>");
	add_wrapped(b, p->title.text, 70, 4);
	out(bd, "</B></FONT></TD></TR>\n<TR>");

	out(bd, "<TD ALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->edition);
	if (p->edition.text)
		qms_buf_printf(b, "%ld", p->edition.integer);
	else
		out(bd, "-");
	out(bd, "</TD><TD ALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->effective);
	if (p->effective.text)
		add_date(b, p->effective.date, lang);
	else
		out(bd, "-");
	out(bd, "</TD><TD ALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->standard);
	add_wrapped(b, p->standard.text ? p->standard.text : "-", 30, 1);
	out(bd, "</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->owner);
	add_wrapped(b, p->owner.text ? p->owner.text : "-", 40, 2);
	out(bd, "</TD></TR>\n<TR>");

	const struct qms_value *stat = &p->time_limit.statutory, *comm = &p->time_limit.committed;
	struct qms_time_settings ts = {.workday_hours = bd->wh, .time_cut = 40};
	struct qms_time_facts tf;
	qms_time_facts(&tf, p, bd->has_critical ? &bd->critical : NULL, &ts);
	out(bd, "<TD ALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->statutory);
	if (stat->text)
		add_html_n(b, stat->text, strlen(stat->text));
	else
		out(bd, w->not_set);
	out(bd, "</TD><TD ALIGN=\"LEFT\">");
	outf(bd, "%s: ", w->committed);
	if (comm->text) {
		add_html_n(b, comm->text, strlen(comm->text));
		if (tf.has_statutory && tf.statutory_length > 0 && tf.cut > 0) {
			/* whole percent: the province's targets are */
			outf(bd, " (%s %d%%)", w->cut, (int)(tf.cut + 0.5));
		}
	} else {
		out(bd, w->not_set);
	}
	out(bd, "</TD><TD COLSPAN=\"2\" ALIGN=\"LEFT\">");
	outf(bd, "<FONT COLOR=\"" COLOR_CRITICAL "\"><B>%s</B></FONT>: ", w->critical);
	if (bd->has_critical) {
		/* in the unit of the limits; without limits, days from a day on */
		enum qms_duration_unit unit = comm->text                     ? comm->duration.unit
					      : stat->text                   ? stat->duration.unit
					      : bd->critical.hours >= bd->wh ? QMS_UNIT_WORKING_DAYS
									     : QMS_UNIT_WORKING_HOURS;
		add_span(b, &bd->critical, unit, bd->wh, lang);
		if (unit == QMS_UNIT_WORKING_DAYS && bd->critical.days <= 0) {
			out(bd, " (");
			add_span(b, &bd->critical, QMS_UNIT_WORKING_HOURS, bd->wh, lang);
			out(bd, ")");
		}
		if (tf.path_over)
			outf(bd, " <FONT COLOR=\"" COLOR_CRITICAL "\"><B>\xe2\x80\x94 %s</B></FONT>", w->exceeds);
	} else {
		out(bd, "-");
	}
	out(bd, "</TD></TR>\n");

	if (bd->nshown) {
		size_t open = 0;
		for (size_t i = 0; i < bd->nshown; i++)
			open += finding_open(bd->shown[i], bd->opt->as_of);
		out(bd, "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\">");
		outf(bd, "%s ", w->findings_as_of);
		add_date(b, bd->opt->as_of, lang);
		outf(bd, ": %zu %s, %zu %s</TD></TR>\n", open, w->findings_count_open, bd->nshown - open,
		     w->findings_count_closed);
	}
	out(bd, "</TABLE>>");
}

/* The tooltip of a step: everything the box has no room for. */
static void step_tooltip(struct builder *bd, size_t i)
{
	const struct qms_process *p = bd->p;
	const struct qms_step *s = qms_process_step(p, i);
	const struct words *w = bd->w;
	struct qms_buf t;
	qms_buf_init(&t);
	if (bd->number[i])
		qms_buf_printf(&t, "%s %d: ", w->step, bd->number[i]);
	qms_buf_adds(&t, s->name.text ? s->name.text : "");
	if (s->duration.text) {
		qms_buf_printf(&t, "\n%s: ", w->duration);
		qms_duration_format(&t, s->duration.duration.amount, s->duration.duration.unit, bd->opt->lang);
	}
	if (s->forms.len) {
		qms_buf_printf(&t, "\n%s:", w->forms);
		for (size_t k = 0; k < s->forms.len; k++) {
			const char *id = list_value(&s->forms, k)->text;
			if (!id)
				continue;
			qms_buf_printf(&t, "\n\xc2\xb7 %s", id);
			for (size_t f = 0; f < p->forms.len; f++)
				if (form_at(p, f)->id.text && !strcmp(form_at(p, f)->id.text, id) &&
				    form_at(p, f)->name.text) {
					qms_buf_printf(&t, " \xe2\x80\x93 %s", form_at(p, f)->name.text);
					break;
				}
		}
	}
	if (s->calls.text)
		qms_buf_printf(&t, "\n%s %s", w->opens, s->calls.text);
	if (s->note.text)
		qms_buf_printf(&t, "\n%s: %s", w->note, s->note.text);
	for (size_t k = 0; k < bd->nshown; k++) {
		const struct qms_render_finding *f = bd->shown[k];
		if (!s->id.text || strcmp(f->step, s->id.text))
			continue;
		bool open = finding_open(f, bd->opt->as_of);
		int g = f->grade >= 0 && f->grade < 4 ? f->grade : 2;
		qms_buf_printf(&t, "\n\n%s \xe2\x80\x94 %s, %s", f->id ? f->id : "?", w->grade[g],
			       open ? w->open : w->closed);
		if (!open) {
			qms_buf_addc(&t, ' ');
			add_date(&t, f->closed, bd->opt->lang);
		}
		if (f->clause)
			qms_buf_printf(&t, " (%s)", f->clause);
		if (f->audit) {
			qms_buf_printf(&t, "; %s %s", w->audit, f->audit);
			if (f->audit_date >= 0) {
				qms_buf_addc(&t, ' ');
				add_date(&t, f->audit_date, bd->opt->lang);
			}
		}
		if (open && f->due >= 0) {
			qms_buf_printf(&t, "; %s ", w->due);
			add_date(&t, f->due, bd->opt->lang);
		}
		if (f->text)
			qms_buf_printf(&t, "\n%s", f->text);
	}
	qms_render_add_attr(bd->b, t.buf);
	qms_buf_release(&t);
}

static void badge(struct builder *bd, const struct qms_render_finding *f)
{
	const struct words *w = bd->w;
	bool open = finding_open(f, bd->opt->as_of);
	int g = f->grade >= 0 && f->grade < 4 ? f->grade : 2;
	outf(bd, "<TR><TD COLSPAN=\"2\" BGCOLOR=\"%s\" CELLPADDING=\"2\"><FONT POINT-SIZE=\"8\" COLOR=\"%s\">",
	     open ? grade_color[g] : COLOR_CLOSED_BG, open ? "white" : COLOR_CLOSED_FG);
	add_wrapped(bd->b, f->id ? f->id : "?", 16, 1);
	outf(bd, " \xc2\xb7 %s \xc2\xb7 %s", w->grade_short[g], open ? w->open : w->closed);
	if (!open) {
		qms_buf_addc(bd->b, ' ');
		add_date(bd->b, f->closed, bd->opt->lang);
	}
	out(bd, "</FONT></TD></TR>");
}

static void step_label(struct builder *bd, size_t i)
{
	const struct qms_step *s = qms_process_step(bd->p, i);
	enum qms_step_kind k = kind_of(s);
	const struct words *w = bd->w;
	struct qms_buf *b = bd->b;
	out(bd, "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
	if (k == QMS_STEP_START || k == QMS_STEP_END || k == QMS_STEP_DECISION) {
		out(bd, "<TR><TD COLSPAN=\"2\">");
		if (k == QMS_STEP_DECISION)
			add_wrapped(b, s->name.text, 16, 5);
		else
			add_wrapped(b, s->name.text, 20, 4);
		out(bd, "</TD></TR>");
		goto badges;
	}
	outf(bd, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"" COLOR_BRANCH "\"><B>%s %d</B></FONT></TD>",
	     w->step, bd->number[i]);
	out(bd, "<TD ALIGN=\"RIGHT\">");
	/* an empty FONT element is a syntax error for Graphviz */
	if (s->duration.text) {
		/* the number as the page writes it (1,5 in Vietnamese), the
		 * unit the author chose */
		struct qms_buf d;
		qms_buf_init(&d);
		qms_duration_format(&d, s->duration.duration.amount, s->duration.duration.unit, bd->opt->lang);
		out(bd, "<FONT POINT-SIZE=\"8\" COLOR=\"" COLOR_MUTED "\">");
		add_wrapped(b, d.buf, 20, 1);
		qms_buf_release(&d);
		out(bd, "</FONT>");
	}
	out(bd, "</TD></TR><TR><TD COLSPAN=\"2\">");
	add_wrapped(b, s->name.text, 26, 6);
	out(bd, "</TD></TR>");
	if (k == QMS_STEP_SUBPROCESS && s->calls.text) {
		out(bd, "<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"8\" COLOR=\"#1d4ed8\"><U>");
		add_wrapped(b, s->calls.text, 26, 1);
		out(bd, " \xe2\x86\x97</U></FONT></TD></TR>"); /* ↗ */
	}
	if (s->forms.len) {
		struct qms_buf f;
		qms_buf_init(&f);
		qms_buf_printf(&f, "%s: ", w->forms);
		bool first = true;
		for (size_t j = 0; j < s->forms.len; j++) {
			const char *id = list_value(&s->forms, j)->text;
			if (!id)
				continue;
			qms_buf_adds(&f, first ? "" : ", ");
			qms_buf_adds(&f, id);
			first = false;
		}
		out(bd, "<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"8\" COLOR=\"" COLOR_MUTED "\">");
		add_wrapped(b, f.buf, 34, 3);
		out(bd, "</FONT></TD></TR>");
		qms_buf_release(&f);
	}
badges:;
	/* At most three badges; the tooltip has them all. */
	size_t shown = 0, more = 0;
	for (size_t j = 0; j < bd->nshown; j++) {
		if (!s->id.text || strcmp(bd->shown[j]->step, s->id.text))
			continue;
		if (shown < 3) {
			badge(bd, bd->shown[j]);
			shown++;
		} else {
			more++;
		}
	}
	if (more)
		outf(bd, "<TR><TD COLSPAN=\"2\"><FONT POINT-SIZE=\"8\">+%zu</FONT></TD></TR>", more);
	out(bd, "</TABLE>>");
}

/* The id of a step in the SVG: step-<id>, made unique when ids repeat. */
static void step_dom_id(struct builder *bd, size_t i)
{
	const struct qms_step *s = qms_process_step(bd->p, i);
	out(bd, "step-");
	if (s->id.text) {
		qms_render_add_attr(bd->b, s->id.text);
		if (qms_strmap_get(&bd->flow.ids, s->id.text) != i)
			outf(bd, "-%zu", i + 1);
	} else {
		outf(bd, "%zu", i + 1);
	}
}

/* The actual time of step s (qms render --results), or NULL. */
static const struct qms_render_step_time *step_time(const struct builder *bd, const struct qms_step *s)
{
	for (size_t k = 0; s->id.text && k < bd->ctx->nstep_times; k++)
		if (strcmp(bd->ctx->step_times[k].step, s->id.text) == 0)
			return &bd->ctx->step_times[k];
	return NULL;
}

/* " — actual (median of N): X h; planned: Y h" in the tooltip. */
static void step_time_tooltip(struct builder *bd, const struct qms_render_step_time *tm)
{
	bool vi = bd->w == &words_vi;
	struct qms_buf t;
	qms_buf_init(&t);
	qms_buf_printf(&t, vi ? " — thực tế (trung vị của %lu lượt): " : " — actual (median of %lu): ", tm->events);
	qms_buf_add_number_lang(&t, round(tm->median_hours * 10) / 10, vi ? QMS_LANG_VI : QMS_LANG_EN);
	qms_buf_adds(&t, vi ? " giờ làm việc" : " working hours");
	if (tm->planned_hours > 0) {
		qms_buf_adds(&t, vi ? "; kế hoạch: " : "; planned: ");
		qms_buf_add_number_lang(&t, round(tm->planned_hours * 10) / 10, vi ? QMS_LANG_VI : QMS_LANG_EN);
		qms_buf_adds(&t, vi ? " giờ" : " hours");
	}
	qms_render_add_attr(bd->b, t.buf);
	qms_buf_release(&t);
}

static void step_node(struct builder *bd, size_t i)
{
	const struct qms_step *s = qms_process_step(bd->p, i);
	enum qms_step_kind k = kind_of(s);
	const struct step_marks *m = &bd->marks[i];
	bool crit = bd->crit_step[i];
	const char *fill = "white", *line = COLOR_LINE, *shape = "box", *style = "rounded,filled";
	const char *penwidth = "1.2";
	switch (k) {
	case QMS_STEP_START:
		shape = "ellipse";
		style = "filled";
		fill = "#ecfdf5";
		line = "#15803d";
		break;
	case QMS_STEP_END:
		shape = "ellipse";
		style = "filled";
		fill = "#f1f5f9";
		line = "#0f172a";
		penwidth = "2.5";
		break;
	case QMS_STEP_DECISION:
		shape = "diamond";
		style = "filled";
		fill = "#fffbeb";
		line = "#b45309";
		break;
	case QMS_STEP_SUBPROCESS:
		style = "filled";
		fill = "#eff6ff";
		line = "#1d4ed8";
		break;
	default: break;
	}
	if (m->worst_open >= 0)
		fill = grade_tint[m->worst_open];
	const struct qms_render_step_time *tm = step_time(bd, s);
	const char *tm_class = NULL;
	if (tm) {
		double ratio = tm->planned_hours > 0 ? tm->median_hours / tm->planned_hours : -1;
		fill = ratio < 0 ? "#e5e7eb" : ratio <= 1 ? "#dcfce7" : ratio <= 1.5 ? "#fef3c7" : "#fee2e2";
		tm_class = ratio < 0      ? " actual-unplanned"
			   : ratio <= 1   ? " actual-within"
			   : ratio <= 1.5 ? " actual-over"
					  : " actual-far-over";
	}
	if (crit) {
		line = COLOR_CRITICAL;
		if (k != QMS_STEP_END)
			penwidth = "2";
	}
	outf(bd, "\t\ts%zu [id=\"", i);
	step_dom_id(bd, i);
	outf(bd, "\", class=\"step %s%s%s", qms_step_kind_names[k], crit ? " critical" : "", tm_class ? tm_class : "");
	if (m->any) {
		out(bd, " finding");
		if (m->open)
			outf(bd, " finding-open finding-%s", grade_class[m->worst_open]);
		else
			out(bd, " finding-closed");
	}
	outf(bd, "\", shape=%s, style=\"%s\", fillcolor=\"%s\", color=\"%s\", penwidth=%s", shape, style, fill, line,
	     penwidth);
	if (k == QMS_STEP_SUBPROCESS)
		out(bd, ", peripheries=2");
	if (k == QMS_STEP_DECISION)
		out(bd, ", margin=\"0.02,0.02\"");
	if (k == QMS_STEP_SUBPROCESS && s->calls.text &&
	    (!bd->ctx->codes || qms_strmap_get(bd->ctx->codes, s->calls.text) != SIZE_MAX)) {
		out(bd, ", URL=\"");
		qms_render_add_attr(bd->b, s->calls.text);
		out(bd, ".");
		qms_render_add_attr(bd->b, bd->ctx->link_ext ? bd->ctx->link_ext : "svg");
		out(bd, "\", target=\"_top\"");
	}
	out(bd, ", tooltip=\"");
	step_tooltip(bd, i);
	if (tm)
		step_time_tooltip(bd, tm);
	out(bd, "\", label=");
	step_label(bd, i);
	out(bd, "];\n");
}

static void bar_node(struct builder *bd, const char *name, size_t i)
{
	outf(bd,
	     "\t\t%s%zu [class=\"%s\", shape=box, style=filled, fillcolor=\"#1e293b\", color=\"#1e293b\", "
	     "fixedsize=true, width=%s, height=%s, label=\"\", tooltip=\"%s\"];\n",
	     name, i, name[0] == 'f' ? "fork" : "join", bd->lr ? "0.08" : "1.1", bd->lr ? "1.1" : "0.08",
	     bd->w->parallel);
}

/* Under the header of a lane of another agency or an outside body: that
 * agency's share of the time (qms_lane_shares()), and what it
 * is allowed when the lane says. */
static void lane_share(struct builder *bd, const struct qms_lane *l)
{
	const struct qms_process *p = bd->p;
	if (!l->body.text && (!l->agency.text || (p->agency.text && !strcmp(l->agency.text, p->agency.text))))
		return;
	struct qms_lane_share *sh;
	bool measured;
	size_t n = qms_lane_shares(&sh, &measured, p, bd->wh);
	for (size_t i = 0; measured && i < n; i++) {
		bool same = l->agency.text ? sh[i].agency && !strcmp(sh[i].agency, l->agency.text)
					   : sh[i].body && !strcmp(sh[i].body, l->body.text);
		if (!same || sh[i].own || sh[i].calendar)
			continue;
		struct qms_buf t;
		qms_buf_init(&t);
		struct qms_span span = {.hours = sh[i].hours};
		qms_span_format(&t, &span, sh[i].hours >= bd->wh ? QMS_UNIT_WORKING_DAYS : QMS_UNIT_WORKING_HOURS,
				bd->wh, bd->opt->lang);
		if (sh[i].allowed)
			qms_buf_printf(&t, " / %s", sh[i].allowed->text);
		out(bd, "<BR/><FONT POINT-SIZE=\"9\">");
		qms_render_add_html(bd->b, t.buf);
		out(bd, "</FONT>");
		qms_buf_release(&t);
		break;
	}
	free(sh);
}

static void lane_cluster(struct builder *bd, size_t lane)
{
	const struct qms_process *p = bd->p;
	bool declared = lane < bd->nlanes;
	const char *name = declared ? lane_at(p, lane)->name.text : bd->w->no_lane;
	if (!name)
		name = declared && lane_at(p, lane)->id.text ? lane_at(p, lane)->id.text : "?";
	outf(bd, "\tsubgraph cluster_lane_%zu {\n", lane);
	outf(bd,
	     "\t\tgraph [id=\"lane-%zu\", class=\"lane\", label=\"\", style=filled, fillcolor=\"%s\", "
	     "color=\"#94a3b8\", penwidth=1];\n",
	     lane, lane % 2 ? "#f1f5f9" : "#f8fafc");
	outf(bd,
	     "\t\tlane_%zu [id=\"lane-header-%zu\", class=\"lane-header\", shape=box, style=filled, "
	     "fillcolor=\"#e2e8f0\", color=\"#94a3b8\", fontsize=11, tooltip=\"",
	     lane, lane);
	qms_render_add_attr(bd->b, name);
	out(bd, "\", label=<<B>");
	add_wrapped(bd->b, name, bd->lr ? 18 : 22, 5);
	out(bd, "</B>");
	if (declared)
		lane_share(bd, lane_at(p, lane));
	out(bd, ">];\n");
	for (size_t i = 0; i < bd->flow.nsteps; i++) {
		if (bd->lane_of[i] != lane)
			continue;
		if (bd->join_before[i] != SIZE_MAX)
			bar_node(bd, "join", i);
		step_node(bd, i);
		if (bd->fork_of[i])
			bar_node(bd, "fork", i);
	}
	out(bd, "\t}\n");
}

static void edge_attrs(struct builder *bd, const struct edge_info *e, bool first)
{
	const char *sep = first ? "" : ", ";
	if (e->back) {
		outf(bd, "%sconstraint=false, style=dashed, color=\"" COLOR_REWORK "\", fontcolor=\"" COLOR_REWORK "\"",
		     sep);
		sep = ", ";
	} else if (e->critical) {
		outf(bd, "%scolor=\"" COLOR_CRITICAL "\", penwidth=2.4, class=\"critical\"", sep);
		sep = ", ";
	} else if (bd->lane_of[e->from] == bd->lane_of[e->to]) {
		outf(bd, "%sweight=4", sep); /* keep a lane's steps in line */
		sep = ", ";
	}
	if (e->when) {
		outf(bd, "%slabel=<", sep);
		add_wrapped(bd->b, e->when, 18, 2);
		out(bd, ">");
		if (!e->back)
			out(bd, ", fontcolor=\"" COLOR_BRANCH "\"");
	}
}

static void edges(struct builder *bd)
{
	size_t n = bd->flow.nsteps;
	/* Steps nothing leads to (the start) go below the lane headers. */
	for (size_t i = 0; i < n; i++)
		if (!bd->indeg[i])
			outf(bd, "\tlane_%zu -> s%zu [style=invis];\n", bd->lane_of[i], i);
	for (size_t i = 0; i < n; i++) {
		size_t a = bd->flow.edge_start[i], z = bd->flow.edge_start[i + 1];
		if (bd->fork_of[i]) {
			bool crit = false;
			for (size_t e = a; e < z; e++)
				crit |= bd->edges[e].critical;
			outf(bd, "\ts%zu -> fork%zu [arrowhead=none%s];\n", i, i,
			     crit ? ", color=\"" COLOR_CRITICAL "\", penwidth=2.4, class=\"critical\"" : ", weight=4");
		}
		for (size_t e = a; e < z; e++) {
			const struct edge_info *ei = &bd->edges[e];
			if (bd->fork_of[i])
				outf(bd, "\tfork%zu -> ", i);
			else
				outf(bd, "\ts%zu -> ", i);
			if (bd->into_join[e])
				outf(bd, "join%zu [arrowhead=none", bd->edges[e].to);
			else
				outf(bd, "s%zu [", ei->to);
			edge_attrs(bd, ei, !bd->into_join[e]);
			out(bd, "];\n");
		}
	}
	for (size_t j = 0; j < n; j++) {
		if (bd->join_before[j] == SIZE_MAX)
			continue;
		/* critical when one of the branches into it is */
		bool crit = false;
		for (size_t e = 0; e < bd->nedges; e++)
			if (bd->edges[e].to == j && bd->edges[e].critical)
				crit = true;
		outf(bd, "\tjoin%zu -> s%zu [%s];\n", j, j,
		     crit ? "color=\"" COLOR_CRITICAL "\", penwidth=2.4, class=\"critical\"" : "weight=4");
	}
}

/* The legend: rows of a sample and a caption; the adapter lays them out
 * as a grid (legend_<row>_shape, _from/_to for an edge sample, _text). */
static void legend_text(struct builder *bd, int row, const char *text, bool bold)
{
	outf(bd, "\t\tlegend_%d_text [shape=plaintext, margin=0, width=0.1, height=0.2, label=<%s", row,
	     bold ? "<B>" : "");
	add_wrapped(bd->b, text, 34, 3);
	outf(bd, "%s>];\n", bold ? "</B>" : "");
}

static void legend_shape(struct builder *bd, int row, const char *attrs)
{
	outf(bd, "\t\tlegend_%d_shape [label=\"\", fixedsize=true, width=0.5, height=0.28, %s];\n", row, attrs);
}

static void legend_edge(struct builder *bd, int row, const char *attrs)
{
	outf(bd, "\t\tlegend_%d_from [shape=point, style=invis, width=0.01, label=\"\"];\n", row);
	outf(bd, "\t\tlegend_%d_to [shape=point, style=invis, width=0.01, label=\"\"];\n", row);
	outf(bd, "\t\tlegend_%d_from -> legend_%d_to [constraint=false, %s];\n", row, row, attrs);
}

static void legend(struct builder *bd)
{
	const struct words *w = bd->w;
	int row = 0;
	out(bd, "\tsubgraph cluster_legend {\n"
		"\t\tgraph [id=\"legend\", class=\"legend\", label=\"\", style=filled, fillcolor=white, "
		"color=\"#94a3b8\"];\n");
	legend_text(bd, row++, w->legend, true);
	legend_shape(bd, row, "shape=ellipse, style=filled, fillcolor=\"#ecfdf5\", color=\"#15803d\"");
	legend_text(bd, row++, w->start, false);
	legend_shape(bd, row, "shape=ellipse, style=filled, fillcolor=\"#f1f5f9\", color=\"#0f172a\", penwidth=2.5");
	legend_text(bd, row++, w->end, false);
	legend_shape(bd, row, "shape=box, style=\"rounded,filled\", fillcolor=white, color=\"" COLOR_LINE "\"");
	legend_text(bd, row++, w->task, false);
	if (bd->used[QMS_STEP_DECISION]) {
		legend_shape(bd, row, "shape=diamond, style=filled, fillcolor=\"#fffbeb\", color=\"#b45309\"");
		legend_text(bd, row++, w->decision, false);
	}
	if (bd->used[QMS_STEP_SUBPROCESS]) {
		legend_shape(bd, row,
			     "shape=box, style=filled, peripheries=2, fillcolor=\"#eff6ff\", color=\"#1d4ed8\"");
		legend_text(bd, row++, w->subprocess, false);
	}
	if (bd->has_fork) {
		outf(bd,
		     "\t\tlegend_%d_shape [shape=box, style=filled, fillcolor=\"#1e293b\", color=\"#1e293b\", "
		     "fixedsize=true, width=0.5, height=0.06, label=\"\"];\n",
		     row);
		legend_text(bd, row++, w->parallel, false);
	}
	if (bd->has_back) {
		legend_edge(bd, row, "style=dashed, color=\"" COLOR_REWORK "\"");
		legend_text(bd, row++, w->rework, false);
	}
	if (bd->has_critical) {
		legend_edge(bd, row, "color=\"" COLOR_CRITICAL "\", penwidth=2.4");
		legend_text(bd, row++, w->critical_path, false);
	}
	for (int g = 0; g < 4; g++) {
		if (!bd->grade_used[g])
			continue;
		outf(bd,
		     "\t\tlegend_%d_shape [shape=box, style=filled, fillcolor=\"%s\", color=\"%s\", "
		     "fixedsize=true, width=0.5, height=0.2, fontsize=7, fontcolor=white, label=<%s>];\n",
		     row, grade_color[g], grade_color[g], w->open);
		legend_text(bd, row++, w->grade[g], false);
	}
	if (bd->closed_used) {
		outf(bd,
		     "\t\tlegend_%d_shape [shape=box, style=filled, fillcolor=\"" COLOR_CLOSED_BG "\", "
		     "color=\"" COLOR_CLOSED_BG "\", fixedsize=true, width=0.5, height=0.2, fontsize=7, "
		     "fontcolor=\"" COLOR_CLOSED_FG "\", label=<%s>];\n",
		     row, w->closed);
		struct qms_buf t;
		qms_buf_init(&t);
		qms_buf_printf(&t, "%s (%s ", w->closed_legend, w->as_of);
		add_date(&t, bd->opt->as_of, bd->opt->lang);
		qms_buf_adds(&t, ")");
		legend_text(bd, row++, t.buf, false);
		qms_buf_release(&t);
	}
	out(bd, "\t}\n");
}

void qms_render_process_dot(struct qms_buf *b, const struct qms_process *p, const struct qms_render_context *ctx,
			    const struct qms_render_options *opt)
{
	static const struct qms_render_context no_ctx;
	struct builder bd = {
		.b = b,
		.p = p,
		.ctx = ctx ? ctx : &no_ctx,
		.opt = opt,
		.w = words_of(opt->lang),
		.lr = opt->lanes == QMS_LANES_HORIZONTAL,
		.wh = opt->workday_hours > 0 ? opt->workday_hours : 8,
	};
	qms_flow_init(&bd.flow, p);
	assign_lanes(&bd);
	build_edges(&bd);
	collect_findings(&bd);

	out(&bd, "/* ");
	/* a comment holds no user text: nothing to escape, nothing to break */
	out(&bd, "qms render: lanes are clusters cluster_lane_<n> in declared order; qms lays them out "
		 "itself (dot alone may reorder them); qms_edges says how it draws the edges */\n");
	out(&bd, "digraph procedure {\n");
	outf(&bd,
	     "\tgraph [newrank=true, rankdir=%s, fontname=\"" FONT "\", fontsize=10, nodesep=0.3, "
	     "ranksep=0.32, pad=0.2, outputorder=edgesfirst, bgcolor=white, labelloc=t, labeljust=l, "
	     "class=\"qms-procedure\", id=\"procedure\", qms_edges=%s,\n\t\tlabel=",
	     bd.lr ? "LR" : "TB", qms_render_edges_names[opt->edges == QMS_EDGES_SPLINE]);
	title_block(&bd);
	out(&bd, "];\n");
	out(&bd, "\tnode [fontname=\"" FONT "\", fontsize=10, margin=\"0.1,0.05\"];\n"
		 "\tedge [fontname=\"" FONT "\", fontsize=9, color=\"" COLOR_LINE "\", arrowsize=0.7];\n");
	for (size_t lane = 0; lane < bd.nlanes + bd.has_no_lane; lane++)
		lane_cluster(&bd, lane);
	out(&bd, "\t{rank=source;");
	for (size_t lane = 0; lane < bd.nlanes + bd.has_no_lane; lane++)
		outf(&bd, " lane_%zu;", lane);
	out(&bd, "}\n");
	edges(&bd);
	legend(&bd);
	out(&bd, "}\n");
	qms_flow_release(&bd.flow);
	qms_arena_release(&bd.arena);
}

/* ---- interaction map ---- */

static bool str_eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static void map_node(struct qms_buf *b, size_t k, const struct qms_render_map_proc *m, const char *link_ext,
		     const char *extra_line, bool dashed)
{
	qms_buf_printf(b, "\t\tp%zu [id=\"proc-", k);
	qms_render_add_attr(b, m->code);
	qms_buf_printf(b,
		       "\", class=\"procedure%s\", shape=box, style=\"rounded,filled%s\", fillcolor=\"%s\", "
		       "color=\"%s\"",
		       dashed ? " external" : "", dashed ? ",dashed" : "", dashed ? "#f8fafc" : "white",
		       dashed ? COLOR_MUTED : COLOR_LINE);
	if (m->title) {
		/* the map is in QMS_RENDER_MAPS/, beside the diagrams */
		qms_buf_adds(b, ", URL=\"../");
		qms_render_add_attr(b, m->code);
		qms_buf_addc(b, '.');
		qms_render_add_attr(b, link_ext);
		qms_buf_adds(b, "\", target=\"_top\"");
	}
	qms_buf_adds(b, ", tooltip=\"");
	struct qms_buf t;
	qms_buf_init(&t);
	qms_buf_printf(&t, "%s%s%s", m->code, m->title ? ": " : "", m->title ? m->title : "");
	qms_render_add_attr(b, t.buf);
	qms_buf_release(&t);
	qms_buf_adds(b, "\", label=<<B>");
	add_wrapped(b, m->code, 24, 2);
	qms_buf_adds(b, "</B>");
	if (m->title) {
		qms_buf_adds(b, "<BR/>");
		add_wrapped(b, m->title, 28, 4);
	}
	if (extra_line) {
		qms_buf_adds(b, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"" COLOR_MUTED "\">");
		add_wrapped(b, extra_line, 28, 2);
		qms_buf_adds(b, "</FONT>");
	}
	qms_buf_adds(b, ">];\n");
}

/* The map of one agency as it is gathered: its owner units, the
 * procedures of other agencies it calls, the codes it calls that no
 * procedure has. */
struct map {
	const char *agency;
	const struct qms_render_map_proc *procs;
	size_t nprocs;
	const char *link_ext;
	const struct words *w;
	struct qms_arena arena;
	struct qms_strmap by_code; /* code -> index in procs */
	const char **owners; /* in the order of the codes of their first procedure */
	size_t nowners, count; /* count: procedures of the agency */
	bool no_owner; /* some procedure has none */
	bool *external, any_external; /* per procedure: called from the agency, of another */
	const char **unknown; /* called codes of no procedure, once each */
	size_t nunknown, cap;
};

static bool map_mine(const struct map *m, size_t i)
{
	return str_eq(m->procs[i].agency, m->agency);
}

static void map_owners(struct map *m)
{
	m->owners = qms_arena_alloc(&m->arena, (m->nprocs + 1) * sizeof(*m->owners));
	for (size_t i = 0; i < m->nprocs; i++) {
		if (!map_mine(m, i))
			continue;
		m->count++;
		if (!m->procs[i].owner) {
			m->no_owner = true;
			continue;
		}
		size_t k = 0;
		while (k < m->nowners && strcmp(m->owners[k], m->procs[i].owner))
			k++;
		if (k == m->nowners)
			m->owners[m->nowners++] = m->procs[i].owner;
	}
}

static void map_add_unknown(struct map *m, const char *code)
{
	for (size_t k = 0; k < m->nunknown; k++)
		if (!strcmp(m->unknown[k], code))
			return;
	if (m->nunknown == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		const char **grown = qms_arena_alloc(&m->arena, m->cap * sizeof(*grown));
		if (m->nunknown)
			memcpy(grown, m->unknown, m->nunknown * sizeof(*grown));
		m->unknown = grown;
	}
	m->unknown[m->nunknown++] = code;
}

/* What the agency's procedures call outside it: procedures of other
 * agencies, and codes no procedure has. */
static void map_callees(struct map *m)
{
	m->external = qms_arena_alloc(&m->arena, (m->nprocs ? m->nprocs : 1) * sizeof(bool));
	for (size_t i = 0; i < m->nprocs; i++) {
		if (!map_mine(m, i))
			continue;
		for (size_t c = 0; c < m->procs[i].ncalls; c++) {
			size_t t = qms_strmap_get(&m->by_code, m->procs[i].calls[c]);
			if (t == SIZE_MAX) {
				map_add_unknown(m, m->procs[i].calls[c]);
			} else if (!map_mine(m, t)) {
				m->external[t] = true;
				m->any_external = true;
			}
		}
	}
}

static void map_head(struct qms_buf *b, const struct map *m, const char *agency_name)
{
	qms_buf_adds(b, "/* qms render --map: procedures of one agency grouped by owner unit */\n"
			"digraph map {\n");
	qms_buf_adds(b, "\tgraph [rankdir=LR, fontname=\"" FONT "\", fontsize=10, nodesep=0.25, ranksep=0.6, "
			"pad=0.2, bgcolor=white, labelloc=t, labeljust=l, outputorder=edgesfirst, "
			"class=\"qms-map\", id=\"map\",\n\t\tlabel=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" "
			"CELLSPACING=\"0\" CELLPADDING=\"5\" COLOR=\"" COLOR_LINE "\" BGCOLOR=\"white\">"
			"<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\"><B>");
	qms_buf_adds(b, m->w->map_title);
	qms_buf_adds(b, "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\">");
	add_wrapped(b, agency_name ? agency_name : m->agency, 80, 2);
	qms_buf_printf(b, " \xe2\x80\x94 %zu %s (ISO 9001:2015, 4.4)</TD></TR></TABLE>>];\n", m->count,
		       m->w->map_count);
	qms_buf_adds(b, "\tnode [fontname=\"" FONT "\", fontsize=10, margin=\"0.12,0.06\"];\n"
			"\tedge [fontname=\"" FONT "\", fontsize=9, color=\"" COLOR_LINE "\", arrowsize=0.8];\n");
}

/* The procedures of owner unit o (nowners: those of none); those with no
 * call between them are stacked in columns of a few so the map stays
 * about square. */
static void map_owner(struct qms_buf *b, const struct map *m, size_t o)
{
	const char *owner = o < m->nowners ? m->owners[o] : NULL;
	qms_buf_printf(b,
		       "\tsubgraph cluster_owner_%zu {\n\t\tgraph [id=\"owner-%zu\", class=\"owner\", "
		       "style=\"rounded,filled\", fillcolor=\"%s\", color=\"#94a3b8\", fontsize=11, "
		       "label=<<B>",
		       o, o, o % 2 ? "#f1f5f9" : "#f8fafc");
	add_wrapped(b, owner ? owner : m->w->no_owner, 36, 3);
	qms_buf_adds(b, "</B>>];\n");
	size_t in_cluster = 0;
	for (size_t i = 0; i < m->nprocs; i++)
		if (map_mine(m, i) && (owner ? str_eq(m->procs[i].owner, owner) : !m->procs[i].owner))
			in_cluster++;
	size_t per_column = 1;
	while (per_column * per_column < in_cluster)
		per_column++;
	size_t prev[64];
	size_t seen = 0;
	for (size_t i = 0; i < m->nprocs; i++) {
		if (!map_mine(m, i) || !(owner ? str_eq(m->procs[i].owner, owner) : !m->procs[i].owner))
			continue;
		map_node(b, i, &m->procs[i], m->link_ext, NULL, false);
		if (per_column > 1 && per_column <= 64) {
			if (seen >= per_column)
				qms_buf_printf(b, "\t\tp%zu -> p%zu [style=invis];\n", prev[seen % per_column], i);
			prev[seen % per_column] = i;
		}
		seen++;
	}
	qms_buf_adds(b, "\t}\n");
}

/* The procedures of other agencies, and the codes of none, called. */
static void map_outside(struct qms_buf *b, const struct map *m)
{
	if (m->any_external) {
		qms_buf_printf(b,
			       "\tsubgraph cluster_external {\n\t\tgraph [id=\"external\", class=\"external\", "
			       "style=\"rounded,dashed\", color=\"#94a3b8\", fontsize=11, label=<<B>%s</B>>];\n",
			       m->w->other_agency);
		for (size_t i = 0; i < m->nprocs; i++)
			if (m->external[i])
				map_node(b, i, &m->procs[i], m->link_ext, m->procs[i].agency, true);
		qms_buf_adds(b, "\t}\n");
	}
	if (m->nunknown) {
		qms_buf_printf(b,
			       "\tsubgraph cluster_unknown {\n\t\tgraph [id=\"unknown\", class=\"unknown\", "
			       "style=\"rounded,dashed\", color=\"" COLOR_CRITICAL "\", fontsize=11, "
			       "label=<<B>%s</B>>];\n",
			       m->w->unknown_code);
		for (size_t k = 0; k < m->nunknown; k++) {
			struct qms_render_map_proc u = {.code = m->unknown[k]};
			map_node(b, m->nprocs + k, &u, m->link_ext, m->w->not_found, true);
		}
		qms_buf_adds(b, "\t}\n");
	}
}

/* One edge per calling and called pair, in code order. */
static void map_edges(struct qms_buf *b, const struct map *m)
{
	const struct qms_render_map_proc *procs = m->procs;
	for (size_t i = 0; i < m->nprocs; i++) {
		if (!map_mine(m, i))
			continue;
		for (size_t c = 0; c < procs[i].ncalls; c++) {
			bool repeated = false;
			for (size_t d = 0; d < c; d++)
				repeated |= !strcmp(procs[i].calls[d], procs[i].calls[c]);
			if (repeated)
				continue;
			size_t t = qms_strmap_get(&m->by_code, procs[i].calls[c]);
			if (t == SIZE_MAX) {
				for (size_t k = 0; k < m->nunknown; k++)
					if (!strcmp(m->unknown[k], procs[i].calls[c]))
						t = m->nprocs + k;
			}
			qms_buf_printf(b, "\tp%zu -> p%zu [class=\"call\", tooltip=\"", i, t);
			struct qms_buf tip;
			qms_buf_init(&tip);
			qms_buf_printf(&tip, "%s %s %s", procs[i].code, m->w->calls, procs[i].calls[c]);
			qms_render_add_attr(b, tip.buf);
			qms_buf_release(&tip);
			qms_buf_adds(b, "\"];\n");
		}
	}
}

void qms_render_map_dot(struct qms_buf *b, const char *agency, const char *agency_name,
			const struct qms_render_map_proc *procs, size_t nprocs, const char *link_ext,
			const struct qms_render_options *opt)
{
	struct map *m = qms_xcalloc(1, sizeof(*m));
	m->agency = agency;
	m->procs = procs;
	m->nprocs = nprocs;
	m->link_ext = link_ext ? link_ext : "svg";
	m->w = words_of(opt->lang);
	m->by_code.arena = &m->arena;
	for (size_t i = 0; i < nprocs; i++)
		if (procs[i].code)
			qms_strmap_put(&m->by_code, procs[i].code, i);
	map_owners(m);
	map_callees(m);
	map_head(b, m, agency_name);
	for (size_t o = 0; o < m->nowners + m->no_owner; o++)
		map_owner(b, m, o);
	map_outside(b, m);
	map_edges(b, m);
	qms_buf_adds(b, "}\n");
	qms_arena_release(&m->arena);
	free(m);
}
