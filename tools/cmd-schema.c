/* qms schema: the JSON Schema of each kind of document, for editors
 * (yaml-language-server). The work is in lib/jsonschema.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qms.h"
#include "opts.h"

/* The kinds people write, in the order of docs/format.md. */
static const char *const schema_kinds[] = {"workspace", "process", "system", "agency", NULL};
static const enum qms_kind kind_ids[] = {QMS_KIND_WORKSPACE, QMS_KIND_PROCESS, QMS_KIND_SYSTEM, QMS_KIND_AGENCY};

struct schema_args {
	int kind;
	const char *output, *out;
};

#define O(f) offsetof(struct schema_args, f)
static const struct qms_opt schema_opts[] = {
	{"kind", 0, QMS_OPT_CHOICE, N_("KIND"), schema_kinds, O(kind),
	 N_("the kind of document: workspace, process, system or agency")},
	{"output", 'o', QMS_OPT_FILE, N_("FILE"), NULL, O(output),
	 N_("with --kind: write to FILE instead of the standard output")},
	{"out", 0, QMS_OPT_DIR, N_("DIR"), NULL, O(out), N_("write every kind into DIR as KIND.schema.json (created)")},
	{0},
};
#undef O

const struct qms_cli_command qms_schema_command = {
	.name = "schema",
	.run = qms_cmd_schema,
	.usage = N_("schema --kind KIND [-o FILE]\n"
		    "schema --out DIR"),
	.summary = N_("JSON Schema of each kind of document, for editors (yaml-language-server)"),
	.description = N_("Write the JSON Schema (draft-07) of a kind of document, made from the same\n"
			  "tables as the checks: its keys with English and Vietnamese descriptions,\n"
			  "the required ones, choices, and patterns for ids, dates, durations,\n"
			  "percentages and clause numbers. An editor with yaml-language-server (VS\n"
			  "Code's YAML extension...) then completes keys and marks unknown ones as you\n"
			  "type. 'qms init' writes them into .qms/schema/ and wires them to the\n"
			  "workspace's files; 'qms check' remains the judge."),
	.opts = schema_opts,
	.exit_status = N_("0 written, 2 usage error, 3 I/O error"),
};

/* Write every kind into dir as KIND.schema.json. Returns an exit status. */
int qms_cli_write_schemas(const char *dir, bool quiet)
{
	int rc = qms_cli_make_dir(dir);
	for (size_t i = 0; schema_kinds[i] && rc == QMS_EXIT_CLEAN; i++) {
		struct qms_buf b, path;
		qms_buf_init(&b);
		qms_buf_init(&path);
		qms_jsonschema_write(&b, kind_ids[i]);
		qms_buf_printf(&path, "%s/%s.schema.json", dir, schema_kinds[i]);
		rc = qms_cli_write_output(path.buf, &b);
		if (rc == QMS_EXIT_CLEAN && !quiet)
			printf(_("wrote %s\n"), path.buf);
		qms_buf_release(&b);
		qms_buf_release(&path);
	}
	return rc;
}

int qms_cmd_schema(int argc, char **argv)
{
	struct schema_args a;
	memset(&a, 0, sizeof(a));
	qms_opts_defaults(&qms_schema_command, &a);
	const char *pos[1];
	int npos;
	int rc = qms_opts_parse(&qms_schema_command, argc, argv, &a, pos, &npos);
	if (rc)
		return rc == 1 ? QMS_EXIT_CLEAN : QMS_EXIT_USAGE;
	if ((a.kind < 0) == !a.out)
		return qms_cli_usage_error(
			_("'qms schema' needs --kind KIND or --out DIR (one of them); see 'qms schema --help'"));
	if (a.out) {
		if (a.output)
			return qms_cli_usage_error(_("--out writes every kind into a folder: no -o with it"));
		return qms_cli_write_schemas(a.out, false);
	}
	struct qms_buf b;
	qms_buf_init(&b);
	qms_jsonschema_write(&b, kind_ids[a.kind]);
	rc = qms_cli_write_output(a.output, &b);
	qms_buf_release(&b);
	return rc;
}
