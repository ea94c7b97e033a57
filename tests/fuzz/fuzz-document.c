/* Fuzz target: any bytes as a document of any kind, through everything
 * `qms check` does with one file: load, decode, flow and time rules (on a
 * calendar with days off), the rules of a calendar file, the clause rules
 * against the shipped catalogs, the coverage of a system.
 * Built with libFuzzer (meson -Dfuzz=true, clang); replayed over the
 * corpus by an ordinary test under gcc and the sanitizers. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "coverage.h"
#include "flow.h"
#include "index.h"
#include "iso.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct qms_catalogs catalogs;
static int catalogs_loaded;
static struct qms_calendar calendar;
static struct qms_arena calendar_arena;

/* Tết 2020 and a make-up Saturday: days off for the time rules to count. */
static void calendar_init(void)
{
	int32_t off[7], on[1] = {qms_date_parse("2020-02-08")};
	for (int i = 0; i < 7; i++)
		off[i] = qms_date_parse("2020-01-23") + i;
	int years[] = {2020};
	qms_calendar_init(&calendar, 8);
	qms_calendar_set(&calendar, &calendar_arena, off, 7, on, 1, years, 1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct qms_diags diags;
	qms_diags_init(&diags);
	calendar_init();
	char *err = NULL;
	if (qms_catalogs_open(&catalogs, NULL, &diags, &err) < 0) {
		/* the clause rules are part of the target: never skip them */
		fprintf(stderr, "fuzz-document: %s\n", err);
		abort();
	}
	catalogs_loaded = 1;
	qms_diags_release(&diags);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!catalogs_loaded)
		LLVMFuzzerInitialize(NULL, NULL);
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, "fuzz.yaml", (const char *)data, size, &diags) == 0) {
		struct qms_document d;
		if (qms_document_decode(&d, doc, &diags) == 0) {
			if (d.kind == QMS_KIND_PROCESS) {
				const struct qms_process *p = &((const struct qms_process_file *)d.data)->process;
				struct qms_time_settings ts = {
					.workday_hours = 8, .time_cut = 40, .calendar = &calendar};
				qms_process_check(p, "fuzz.yaml", &ts, &diags);
				/* what the index keeps of its times, and the facts reports show */
				struct qms_arena arena = {0};
				struct qms_index_process ip;
				memset(&ip, 0, sizeof(ip));
				qms_index_summarise_times(&ip, &arena, p, 8);
				struct qms_time_facts tf;
				qms_time_facts(&tf, p, ip.time.has_path ? &ip.time.path : NULL, &ts);
				qms_arena_release(&arena);
			}
			if (d.kind == QMS_KIND_CALENDAR)
				qms_calendar_check_year(&((const struct qms_calendar_file *)d.data)->calendar,
							"calendar/2020.yaml", &diags);
			if (d.kind == QMS_KIND_WORKSPACE)
				qms_calendar_check_workspace(&((const struct qms_workspace_file *)d.data)->workspace,
							     "qms.yaml", &diags);
			qms_iso_check_document(&catalogs, &d, "fuzz.yaml", &diags);
			if (d.kind == QMS_KIND_SYSTEM) {
				struct qms_index ix;
				memset(&ix, 0, sizeof(ix));
				qms_iso_check_system(&catalogs, &ix, &((const struct qms_system_file *)d.data)->system,
						     "fuzz.yaml", &diags);
			}
			qms_document_release(&d);
		} else {
			qms_doc_free(doc);
		}
	}
	/* every diagnostic has a position inside the file and a message */
	for (size_t i = 0; i < diags.len; i++)
		if (!diags.items[i].message || diags.items[i].line == 0)
			abort();
	qms_diags_sort(&diags);
	qms_diags_release(&diags);
	return 0;
}
