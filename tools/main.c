#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef QMS_VERSION
#define QMS_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"audit", qms_cmd_audit, "the migration tracker: stages, audits, findings; status and board as of a date"},
	{"check", qms_cmd_check, "check procedures, systems and trackers against the format and the rules"},
	{"coverage", qms_cmd_coverage, "ISO 9001:2015 clause by clause for an agency: covered, excluded, missing"},
	{"clauses", qms_cmd_clauses, "browse the clauses of ISO 9001:2015 and 2008 and their correlation"},
	{"render", qms_cmd_render, "flow diagrams of procedures (swimlanes, critical path, audit findings); agency maps"},
	{"migrate", qms_cmd_migrate, "the ISO 9001:2008 -> 2015 worklist of an agency; --apply converts its procedures"},
	{"report", qms_cmd_report, "the provincial report: migration, audits, procedures, coverage (md, html, csv, json)"},
	{"site", qms_cmd_site, "a static HTML site of the report, agencies and procedures that opens offline"},
};

static void print_help(FILE *out)
{
	fputs("usage: qms [-C DIR] [--version] [--help] COMMAND [ARGS]\n"
	      "\n"
	      "Quality management under ISO 9001:2015 for state administrative agencies.\n"
	      "\n"
	      "commands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "options:\n"
	      "  -C DIR      run as if started in DIR (the workspace)\n"
	      "  --version   print the version\n"
	      "  --help      print this help; `qms COMMAND --help` for a command\n"
	      "\n"
	      "exit status: 0 clean, 1 findings, 2 usage or I/O error\n",
	      out);
}

bool qms_cli_use_color(FILE *stream)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	return isatty(fileno(stream));
}

const char *qms_cli_option_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
				 bool *matched)
{
	const char *a = argv[*i];
	size_t n = strlen(lng);
	*matched = true;
	if (!strcmp(a, lng) || (shrt && !strcmp(a, shrt)))
		return *i + 1 < argc ? argv[++*i] : NULL;
	if (!strncmp(a, lng, n) && a[n] == '=')
		return a + n + 1;
	if (shrt && !strncmp(a, shrt, 2) && a[2])
		return a + 2;
	*matched = false;
	return NULL;
}

void qms_cli_progress(size_t done, size_t total, void *ctx)
{
	fprintf(stderr, "\r%s: %zu/%zu", (const char *)ctx, done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

int qms_cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("qms: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return QMS_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help(stdout);
			return QMS_EXIT_CLEAN;
		} else if (!strcmp(a, "--version")) {
			printf("qms %s\n", QMS_VERSION);
			return QMS_EXIT_CLEAN;
		} else if (!strcmp(a, "-C")) {
			if (i + 1 >= argc)
				return qms_cli_usage_error("-C needs a folder");
			if (chdir(argv[i + 1]) < 0)
				return qms_cli_usage_error("cannot change to '%s': %m", argv[i + 1]);
			i += 2;
		} else if (!strncmp(a, "-C", 2)) {
			if (chdir(a + 2) < 0)
				return qms_cli_usage_error("cannot change to '%s': %m", a + 2);
			i++;
		} else {
			return qms_cli_usage_error("unknown option '%s'; see 'qms --help'", a);
		}
	}
	if (i >= argc) {
		print_help(stderr);
		return QMS_EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(argv[i], commands[k].name))
			continue;
		/* `-C DIR` is also accepted after the command name (`qms check
		 * -C ws`); take it out before the command parses its options. */
		int argn = i + 1;
		int out = i + 1;
		for (; argn < argc; argn++) {
			if (!strcmp(argv[argn], "--"))
				break;
			if (!strcmp(argv[argn], "-C")) {
				if (argn + 1 >= argc)
					return qms_cli_usage_error("-C needs a folder");
				if (chdir(argv[argn + 1]) < 0)
					return qms_cli_usage_error("cannot change to '%s': %m", argv[argn + 1]);
				argn++;
				continue;
			}
			argv[out++] = argv[argn];
		}
		for (; argn < argc; argn++)
			argv[out++] = argv[argn];
		argv[out] = NULL;
		return commands[k].fn(out - i, argv + i);
	}
	return qms_cli_usage_error("'%s' is not a qms command; see 'qms --help'", argv[i]);
}
