/* Fuzz target: the readers of dossier exports (tabread.h). Input that
 * starts like a ZIP archive goes to the XLSX reader, anything else to the
 * CSV reader; every field of every record goes through the date parser of
 * `qms results`. Invariants: records come in order of their lines, no
 * more fields than QMS_TABREAD_MAX_FIELDS, columns at least 1, every field
 * a NUL-terminated string, and a parsed date gives a minute of the day. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "tabread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	unsigned long last_line;
	size_t records, errors;
};

static int on_row(void *ctx, const struct qms_tabrow *row)
{
	struct seen *s = ctx;
	if (row->line < s->last_line || row->nfields > QMS_TABREAD_MAX_FIELDS)
		abort();
	s->last_line = row->line;
	s->records++;
	for (size_t i = 0; i < row->nfields; i++) {
		(void)strlen(row->fields[i]);
		if (qms_tabrow_column(row, i) < 1)
			abort();
		int32_t day;
		int minute;
		if (qms_results_parse_date(&day, &minute, row->fields[i], row->flags & QMS_ROW_XLSX) == 0 &&
		    (minute < 0 || minute > 1439))
			abort();
	}
	return 0;
}

static void on_err(void *ctx, unsigned long line, unsigned long col, const char *msgid)
{
	struct seen *s = ctx;
	if (!msgid || !*msgid || col < 1)
		abort();
	(void)line;
	s->errors++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = {0};
	char *err = NULL;
	if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		qms_xlsx_read_mem((const char *)data, size, on_row, on_err, &s, &err);
	else
		qms_csv_read_mem((const char *)data, size, on_row, on_err, &s, &err);
	free(err);
	return 0;
}
