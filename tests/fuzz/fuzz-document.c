/* Fuzz target: any bytes as a document of any kind, through everything
 * `qms check` does with one file: load, decode, flow and time rules, the
 * clause rules against the shipped catalogs, the coverage of a system.
 * Built with libFuzzer (meson -Dfuzz=true, clang); replayed over the
 * corpus by an ordinary test under gcc and the sanitizers. */
#include <stddef.h>
#include <stdint.h>
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct qms_diags diags;
	qms_diags_init(&diags);
	char *dir = qms_standards_dir(NULL);
	catalogs_loaded = qms_catalogs_load(&catalogs, dir, &diags) == 0;
	free(dir);
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
				struct qms_time_settings ts = {.workday_hours = 8, .time_cut = 40};
				qms_process_check(p, "fuzz.yaml", &ts, &diags);
			}
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
