/* qms export: one procedure as the signed document, PDF or Word. The work
 * is in lib/export.c, lib/procdoc.c and lib/docx.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

struct args {
	int format;
	const char *output;
};

#define O(f) offsetof(struct args, f)
static const struct qms_opt export_opts[] = {
	{"format", 0, QMS_OPT_CHOICE, N_("FORMAT"), qms_export_format_names, O(format),
	 N_("pdf (default): A4, printed by headless Chromium, the\n"
	    "code, edition, effective date and page x/y at the top\n"
	    "of every page, fonts embedded;\n"
	    "docx: a Word document with real tables to edit")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("the file to write (atomically); default CODE.pdf or\nCODE.docx in the current folder")},
	{0},
};
#undef O

const struct qms_cli_command qms_export_command = {
	.name = "export",
	.run = qms_cmd_export,
	.usage = N_("export PROCEDURE [--format pdf|docx] [-o FILE]"),
	.summary = N_("one procedure as the document the agency signs: PDF or Word (DOCX)"),
	.description = N_("Write a procedure of the workspace as the document the agency issues and\n"
			  "signs: the header (agency, title, code, edition, effective date), the\n"
			  "issuing decision, the signature block, the revision history, sections 1-7\n"
			  "with the TTHC record (dossier, time limits, agencies, who may ask, how to\n"
			  "file, fees, forms, conditions, legal basis), the step table, each agency's\n"
			  "share of the time, forms, records, and the flow chart.\n"
			  "PROCEDURE is its code (e.g. STP-QT-01) or the path of its file. The\n"
			  "language is --lang, else the workspace's."),
	.opts = export_opts,
	.positional = N_("a procedure"),
	.complete = "path",
	.min_pos = 1,
	.max_pos = 1,
	.see_also = N_("The browser is `chromium` from PATH, or the program QMS_CHROMIUM names."),
	.exit_status = N_("0 written, 1 the procedure's file does not load, 2 usage error (no\n"
			  "such procedure), 3 I/O error (no browser, a file that cannot be written)"),
};

int qms_cmd_export(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_export_command, &a);
	const char **pos = qms_xcalloc((size_t)argc + 1, sizeof(*pos));
	int npos = 0;
	int rc = qms_opts_parse(&qms_export_command, argc, argv, &a, pos, &npos);
	if (rc) {
		free(pos);
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	}
	struct qms_export_options opt = {
		.procedure = pos[0],
		.format = a.format < 0 ? QMS_EXPORT_PDF : (enum qms_export_format)a.format,
		.output = a.output && strcmp(a.output, "-") ? a.output : NULL,
		.lang = (int)qms_lang_get(),
	};
	free(pos);
	if (a.output && !strcmp(a.output, "-"))
		return qms_cli_usage_error(_("export writes a file, not the standard output: give -o FILE"));
	char *written = NULL, *err = NULL;
	rc = qms_export(&written, &opt, &err);
	if (rc < 0)
		return qms_cli_fail(rc, err);
	printf(_("wrote %s\n"), written);
	free(written);
	return QMS_EXIT_CLEAN;
}
