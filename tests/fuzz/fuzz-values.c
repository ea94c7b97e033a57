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
