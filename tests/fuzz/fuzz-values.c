/* Fuzz target: the scalar parsers (dates, durations, percentages, numbers,
 * clause numbers, ids) and the suggestion distance, on each line of the
 * input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = qms_xstrndup((const char *)data, size);
	char *save = NULL;
	const char *prev = "";
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int32_t day = qms_date_parse(line);
		if (day >= 0) {
			char back[11];
			qms_date_format(back, day);
			if (strcmp(back, line))
				abort(); /* a valid date prints back as written */
		}
		struct qms_duration d;
		if (qms_duration_parse(&d, line) == 0 && !(d.amount > 0))
			abort();
		if (qms_duration_parse(&d, line) == 0) {
			/* a sum of a million such durations prints as a positive
			 * number (issue 17: it printed negative past 2^63) */
			struct qms_buf b;
			qms_buf_init(&b);
			qms_buf_add_number(&b, d.amount * 24 * 1e6);
			if (b.buf[0] < '0' || b.buf[0] > '9')
				abort();
			qms_buf_release(&b);
		}
		double v;
		if (qms_percent_parse(&v, line) == 0 && (v < 0 || v > 100))
			abort();
		qms_number_parse(&v, line);
		qms_clause_valid(line);
		qms_id_valid(line);
		size_t dist = qms_edit_distance(line, prev, 3);
		if (dist > 4)
			abort();
		prev = line;
	}
	free(text);
	return 0;
}
