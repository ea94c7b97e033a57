/* The XLSX reader of tabread.h: the first worksheet of a workbook, streamed
 * from the archive (archive.h) through expat, one row at a time. The only
 * code that includes expat.h. */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "i18n.h"
#include "tabread.h"
#include "util.h"

#define XML_CHUNK (64u * 1024)
/* a cell's text longer than this is cut (the rest is not a dossier field) */
#define MAX_CELL (64u * 1024)
/* shared strings beyond this many are refused (a hostile workbook) */
#define MAX_SHARED (1u << 26)

/* An element's name without its namespace prefix. */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Stream the entry `name` of za through a parser set up by the caller.
 * Returns 0, 1 when the entry is absent, or -1 with *err. */
static int parse_entry(struct qms_zip *za, const char *name, XML_Parser xp, const char *shown, char **err)
{
	struct qms_zip_entry *e;
	char *why = NULL;
	if (qms_zip_entry_open(&e, za, name, &why) != 0)
		return 1;
	char *chunk = qms_xmalloc(XML_CHUNK);
	int rc = 0;
	for (;;) {
		long long n = qms_zip_entry_read(e, chunk, XML_CHUNK, &why);
		if (n < 0) {
			rc = qms_error(err, QMS_ERR_DATA, "%s: cannot unpack: %s", shown, why);
			free(why);
			break;
		}
		enum XML_Status st = XML_Parse(xp, chunk, (int)n, n == 0);
		if (st == XML_STATUS_ERROR) {
			enum XML_Error xe = XML_GetErrorCode(xp);
			if (xe != XML_ERROR_ABORTED)
				rc = qms_error(err, QMS_ERR_DATA, "%s: line %lu: %s", shown,
					       (unsigned long)XML_GetCurrentLineNumber(xp), XML_ErrorString(xe));
			else
				rc = 2;
			break;
		}
		if (n == 0)
			break;
	}
	free(chunk);
	qms_zip_entry_close(e);
	return rc;
}

/* ---- workbook: where the first sheet is ---- */

struct book {
	char *rid; /* r:id of the first sheet */
	char *target; /* its part */
};

static void book_start(void *ud, const char *el, const char **atts)
{
	struct book *b = ud;
	const char *n = local(el);
	if (!b->rid && strcmp(n, "sheet") == 0) {
		const char *id = attr(atts, "id");
		if (id)
			b->rid = qms_xstrdup(id);
	} else if (b->rid && !b->target && strcmp(n, "Relationship") == 0) {
		const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
		if (id && t && strcmp(id, b->rid) == 0) {
			size_t len = strlen(t) + 4;
			b->target = qms_xmalloc(len);
			snprintf(b->target, len, "%s%s", t[0] == '/' ? "" : "xl/", t[0] == '/' ? t + 1 : t);
		}
	}
}

static char *first_sheet(struct qms_zip *za)
{
	struct book b = {0};
	const char *parts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
	for (size_t i = 0; i < 2; i++) {
		XML_Parser xp = XML_ParserCreate("UTF-8");
		XML_SetUserData(xp, &b);
		XML_SetStartElementHandler(xp, book_start);
		char *ignored = NULL;
		parse_entry(za, parts[i], xp, parts[i], &ignored);
		free(ignored);
		XML_ParserFree(xp);
	}
	free(b.rid);
	if (b.target && qms_zip_has(za, b.target))
		return b.target;
	free(b.target);
	return qms_xstrdup("xl/worksheets/sheet1.xml");
}

/* ---- shared strings ---- */

struct sst {
	struct qms_arena arena;
	const char **items;
	size_t n, cap;
	struct qms_buf text;
	int in_t; /* inside <t> of an <si> (not of a phonetic run) */
	int in_rph;
	bool in_si;
	bool too_many;
};

static void sst_start(void *ud, const char *el, const char **atts)
{
	struct sst *s = ud;
	const char *n = local(el);
	if (strcmp(n, "si") == 0) {
		s->in_si = true;
		qms_buf_reset(&s->text);
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph++;
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t++;
	}
}

static void sst_end(void *ud, const char *el)
{
	struct sst *s = ud;
	const char *n = local(el);
	if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = false;
		if (s->n >= MAX_SHARED) {
			s->too_many = true;
			return;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 1024;
			s->items = qms_xrealloc(s->items, s->cap * sizeof(*s->items));
		}
		s->items[s->n++] = qms_arena_strndup_packed(&s->arena, s->text.buf, s->text.len);
	} else if (strcmp(n, "rPh") == 0 && s->in_rph) {
		s->in_rph--;
	} else if (strcmp(n, "t") == 0 && s->in_t) {
		s->in_t--;
	}
}

static void sst_text(void *ud, const char *t, int len)
{
	struct sst *s = ud;
	if (s->in_t && s->text.len + (size_t)len <= MAX_CELL)
		qms_buf_add(&s->text, t, (size_t)len);
}

/* ---- the worksheet ---- */

struct sheet {
	const struct sst *sst;
	qms_tabrow_fn on_row;
	qms_taberr_fn on_err;
	void *ctx;
	XML_Parser xp;
	int rc;
	unsigned long row; /* number of the current row */
	unsigned long col; /* 1-based column of the current cell */
	char type[16]; /* its t attribute */
	bool in_cell, in_value, in_is;
	struct qms_buf value; /* the cell's text */
	struct qms_buf cells; /* the row's cells, each NUL-terminated */
	size_t off[QMS_TABREAD_MAX_FIELDS];
	bool set[QMS_TABREAD_MAX_FIELDS];
	size_t nfields;
	bool wide_reported;
	bool skip_row; /* a row out of order, reported and left out */
};

/* "BC12" -> 55 (the column); 0 when there are no letters. */
static unsigned long cell_column(const char *ref)
{
	unsigned long c = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c < 100000 ? c * 26 + (unsigned long)(*ref - 'A' + 1) : c;
	return c;
}

static void sheet_start(void *ud, const char *el, const char **atts)
{
	struct sheet *s = ud;
	const char *n = local(el);
	if (strcmp(n, "row") == 0) {
		const char *r = attr(atts, "r");
		unsigned long v = r ? strtoul(r, NULL, 10) : 0;
		/* rows are in order in a sheet (ECMA-376 18.3.1.73): a row
		 * numbered at or before the one above is a damaged file, and
		 * its records would come out of order */
		s->skip_row = v && v <= s->row;
		if (s->skip_row && s->on_err)
			s->on_err(s->ctx, v, 1,
				  N_("a row numbered at or before the row above it (the rows of the sheet are out of "
				     "order); the row is left out: save the file again from the spreadsheet program"));
		if (!s->skip_row)
			s->row = v ? v : s->row + 1;
		s->col = 0;
		s->nfields = 0;
		qms_buf_reset(&s->cells);
	} else if (strcmp(n, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t");
		unsigned long c = r ? cell_column(r) : 0;
		s->col = c ? c : s->col + 1;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->in_cell = true;
		qms_buf_reset(&s->value);
	} else if (s->in_cell && strcmp(n, "is") == 0) {
		s->in_is = true;
	} else if (s->in_cell && (strcmp(n, "v") == 0 || (s->in_is && strcmp(n, "t") == 0))) {
		s->in_value = true;
	}
}

static void put_cell(struct sheet *s, const char *text, size_t len)
{
	if (s->col > QMS_TABREAD_MAX_FIELDS) {
		if (!s->wide_reported && s->on_err)
			s->on_err(s->ctx, s->row, s->col, N_("more than 256 fields"));
		s->wide_reported = true;
		return;
	}
	size_t i = s->col - 1;
	while (s->nfields <= i)
		s->set[s->nfields++] = false;
	s->off[i] = s->cells.len;
	s->set[i] = true;
	qms_buf_add(&s->cells, text, len);
	qms_buf_addc(&s->cells, '\0');
}

static void end_cell(struct sheet *s)
{
	if (s->skip_row)
		return;
	const char *v = s->value.buf;
	if (strcmp(s->type, "s") == 0) {
		char *end;
		unsigned long k = strtoul(v, &end, 10);
		if (end == v || k >= s->sst->n) {
			if (s->on_err)
				s->on_err(s->ctx, s->row, s->col,
					  N_("a shared string that the workbook does not have"));
			put_cell(s, "", 0);
			return;
		}
		put_cell(s, s->sst->items[k], strlen(s->sst->items[k]));
	} else {
		put_cell(s, v, s->value.len);
	}
}

static void end_row(struct sheet *s)
{
	const char *fields[QMS_TABREAD_MAX_FIELDS];
	uint32_t cols[QMS_TABREAD_MAX_FIELDS];
	for (size_t i = 0; i < s->nfields; i++) {
		fields[i] = s->set[i] ? s->cells.buf + s->off[i] : "";
		cols[i] = (uint32_t)(i + 1);
	}
	if (s->nfields == 0 || s->skip_row)
		return; /* an empty row is not a record */
	struct qms_tabrow row = {fields, cols, s->nfields, s->row, NULL, QMS_ROW_XLSX};
	int rc = s->on_row(s->ctx, &row);
	if (rc) {
		s->rc = rc;
		XML_StopParser(s->xp, XML_FALSE);
	}
}

static void sheet_end(void *ud, const char *el)
{
	struct sheet *s = ud;
	const char *n = local(el);
	if (strcmp(n, "row") == 0) {
		end_row(s);
	} else if (strcmp(n, "c") == 0 && s->in_cell) {
		end_cell(s);
		s->in_cell = s->in_is = s->in_value = false;
	} else if (strcmp(n, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
		s->in_value = false;
	}
}

static void sheet_text(void *ud, const char *t, int len)
{
	struct sheet *s = ud;
	if (s->in_value && s->value.len + (size_t)len <= MAX_CELL)
		qms_buf_add(&s->value, t, (size_t)len);
}

static int read_archive(struct qms_zip *za, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err)
{
	struct sst sst = {0};
	qms_buf_init(&sst.text);
	XML_Parser xp = XML_ParserCreate("UTF-8");
	XML_SetUserData(xp, &sst);
	XML_SetElementHandler(xp, sst_start, sst_end);
	XML_SetCharacterDataHandler(xp, sst_text);
	int rc = parse_entry(za, "xl/sharedStrings.xml", xp, "xl/sharedStrings.xml", err);
	XML_ParserFree(xp);
	if (rc == 1)
		rc = 0;
	if (rc == 0 && sst.too_many)
		rc = qms_error(err, QMS_ERR_DATA, "xl/sharedStrings.xml: more than %u strings", MAX_SHARED);
	char *part = NULL;
	if (rc == 0) {
		part = first_sheet(za);
		struct sheet s = {.sst = &sst, .on_row = on_row, .on_err = on_err, .ctx = ctx};
		qms_buf_init(&s.value);
		qms_buf_init(&s.cells);
		s.xp = XML_ParserCreate("UTF-8");
		XML_SetUserData(s.xp, &s);
		XML_SetElementHandler(s.xp, sheet_start, sheet_end);
		XML_SetCharacterDataHandler(s.xp, sheet_text);
		rc = parse_entry(za, part, s.xp, part, err);
		if (rc == 1)
			rc = qms_error(err, QMS_ERR_DATA, "the workbook has no worksheet %s", part);
		else if (rc == 2)
			rc = s.rc;
		XML_ParserFree(s.xp);
		qms_buf_release(&s.value);
		qms_buf_release(&s.cells);
	}
	free(part);
	free(sst.items);
	qms_arena_release(&sst.arena);
	qms_buf_release(&sst.text);
	return rc;
}

int qms_xlsx_read_file(const char *path, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err)
{
	struct qms_zip *za;
	char *why = NULL;
	if (qms_zip_open_file(&za, path, &why) < 0) {
		int rc = qms_error(err, QMS_ERR_DATA, "cannot open the workbook: %s", why);
		free(why);
		return rc;
	}
	int rc = read_archive(za, on_row, on_err, ctx, err);
	qms_zip_close(za);
	return rc;
}

int qms_xlsx_read_mem(const char *data, size_t len, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err)
{
	struct qms_zip *za;
	char *why = NULL;
	if (qms_zip_open_mem(&za, data, len, &why) < 0) {
		int rc = qms_error(err, QMS_ERR_DATA, "cannot open the workbook: %s", why);
		free(why);
		return rc;
	}
	int rc = read_archive(za, on_row, on_err, ctx, err);
	qms_zip_close(za);
	return rc;
}
