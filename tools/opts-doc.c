/* What the option tables give besides parsing: the man pages, the shell
 * completion and a JSON dump for the CLI test. All deterministic: no date
 * in the man pages, tables in their order. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "qms.h"

#ifndef QMS_VERSION
#define QMS_VERSION "0.1.0"
#endif

/* ---- man pages ---- */

/* Text for roff: backslashes doubled, dashes escaped, and a line that
 * would start with a control character protected. */
static void roff_text(FILE *out, const char *s)
{
	bool line_start = true;
	for (; *s; s++) {
		if (line_start && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		line_start = *s == '\n';
	}
}

static void man_name(FILE *out, const char *name, bool upper)
{
	fputs(upper ? "QMS" : "qms", out);
	if (name)
		fputc('-', out);
	for (const char *p = name; p && *p; p++)
		fputc(*p == ' ' ? '-' : upper && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
}

static void man_option(FILE *out, const struct qms_opt *o)
{
	fputs(".TP\n", out);
	if (o->shrt)
		fprintf(out, "\\fB\\-%c\\fR, ", o->shrt);
	fputs("\\fB\\-\\-", out);
	roff_text(out, o->name);
	fputs("\\fR", out);
	if (o->arg) {
		fputs(" \\fI", out);
		roff_text(out, _(o->arg));
		fputs("\\fR", out);
	}
	fputc('\n', out);
	roff_text(out, _(o->help));
	fputc('\n', out);
}

static void man_header(FILE *out, const char *name, const char *summary)
{
	fputs(".TH ", out);
	man_name(out, name, true);
	fprintf(out, " 1 \"\" \"qms %s\" \"qms\"\n.SH %s\n", QMS_VERSION, _("NAME"));
	man_name(out, name, false);
	fputs(" \\- ", out);
	roff_text(out, summary);
	fputc('\n', out);
}

static void man_main(FILE *out)
{
	man_header(out, NULL, _("quality management under ISO 9001:2015 for state administrative agencies"));
	fprintf(out, ".SH %s\n.B qms\n[\\-C \\fIDIR\\fR] [\\-\\-lang vi|en] [\\-\\-version] [\\-\\-help] \\fI%s\\fR\n",
		_("SYNOPSIS"), _("COMMAND [ARGS]"));
	fprintf(out, ".SH %s\n", _("COMMANDS"));
	for (size_t i = 0; qms_cli_commands[i]; i++) {
		const struct qms_cli_command *c = qms_cli_commands[i];
		fputs(".TP\n.B ", out);
		man_name(out, c->name, false);
		fputs("(1)\n", out);
		roff_text(out, _(c->summary));
		fputc('\n', out);
	}
	fprintf(out, ".SH %s\n.TP\n\\fB\\-C\\fR \\fIDIR\\fR\n", _("OPTIONS"));
	roff_text(out, _("run as if started in DIR (the workspace)"));
	fputs("\n.TP\n\\fB\\-\\-lang\\fR vi|en\n", out);
	roff_text(out, _("language of messages: vi or en"));
	fputs("\n.TP\n\\fB\\-\\-version\\fR\n", out);
	roff_text(out, _("print the version and the editions of the catalogs"));
	fprintf(out, "\n.SH %s\n", _("EXIT STATUS"));
	roff_text(out, _("0 clean, 1 findings, 2 usage error, 3 I/O error"));
	fputc('\n', out);
}

void qms_opts_print_man(const struct qms_cli_command *cmd, FILE *out)
{
	if (!cmd) {
		man_main(out);
		return;
	}
	man_header(out, cmd->name, _(cmd->summary));
	fprintf(out, ".SH %s\n.nf\n", _("SYNOPSIS"));
	for (const char *p = _(cmd->usage); *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fputs(*p == ' ' ? "    " : "qms ", out);
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		roff_text(out, line);
		fputc('\n', out);
		p += n + (nl ? 1 : 0);
	}
	fprintf(out, ".fi\n.SH %s\n.nf\n", _("DESCRIPTION"));
	roff_text(out, _(cmd->description));
	fprintf(out, "\n.fi\n.SH %s\n", _("OPTIONS"));
	for (const struct qms_opt *o = cmd->opts; o && o->name; o++)
		man_option(out, o);
	for (const struct qms_opt *o = qms_common_opts; o->name; o++)
		man_option(out, o);
	if (cmd->see_also) {
		fprintf(out, ".SH %s\n", _("NOTES"));
		roff_text(out, _(cmd->see_also));
		fputc('\n', out);
	}
	fprintf(out, ".SH %s\n", _("EXIT STATUS"));
	roff_text(out, _(cmd->exit_status));
	fprintf(out, "\n.SH %s\n.BR qms (1)\n", _("SEE ALSO"));
}

/* ---- bash completion ---- */

static void words_of(FILE *out, const struct qms_cli_command *c)
{
	const struct qms_opt *tables[] = {c->opts, qms_common_opts};
	bool first = true;
	for (size_t t = 0; t < 2; t++)
		for (const struct qms_opt *o = tables[t]; o && o->name; o++) {
			fprintf(out, "%s--%s", first ? "" : " ", o->name);
			first = false;
			if (o->shrt)
				fprintf(out, " -%c", o->shrt);
		}
}

/* The completion of an option's value, as a bash command line. */
static const char *value_completion(const struct qms_opt *o)
{
	switch (o->type) {
	case QMS_OPT_LANG: return "compgen -W 'vi en'";
	case QMS_OPT_DIR: return "compgen -d";
	case QMS_OPT_FILE: return "compgen -f";
	case QMS_OPT_STRING:
		if (!strcmp(o->name, "agency") || !strcmp(o->name, "map"))
			return "_qms_agencies";
		if (!strcmp(o->name, "process") || !strcmp(o->name, "scope"))
			return "_qms_procedures";
		return "";
	case QMS_OPT_LIST: return !strcmp(o->name, "scope") ? "_qms_procedures" : "";
	default: return "";
	}
}

static void completion_values(FILE *out, const struct qms_cli_command *c)
{
	const struct qms_opt *tables[] = {c->opts, qms_common_opts};
	for (size_t t = 0; t < 2; t++)
		for (const struct qms_opt *o = tables[t]; o && o->name; o++) {
			if (o->type == QMS_OPT_FLAG)
				continue;
			fprintf(out, "\t\t\"%s --%s\"", c->name, o->name);
			if (o->shrt)
				fprintf(out, "|\"%s -%c\"", c->name, o->shrt);
			fputs(") ", out);
			if (o->type == QMS_OPT_CHOICE) {
				fputs("_qms_reply \"$(compgen -W '", out);
				for (size_t i = 0; o->choices[i]; i++)
					fprintf(out, "%s%s", i ? " " : "", o->choices[i]);
				fputs("' -- \"$cur\")\"", out);
			} else if (*value_completion(o) == '_') {
				fprintf(out, "_qms_reply \"$(compgen -W \"$(%s)\" -- \"$cur\")\"", value_completion(o));
			} else if (*value_completion(o)) {
				fprintf(out, "_qms_reply \"$(%s -- \"$cur\")\"", value_completion(o));
			} else {
				fputs("COMPREPLY=()", out);
			}
			fputs("; return ;;\n", out);
		}
}

static const char completion_head[] =
	"# bash completion for qms, generated from its option tables (qms __completion)\n"
	"_qms_reply() { local IFS=$'\\n'; COMPREPLY=($1); }\n"
	"_qms_root() {\n"
	"\tlocal d=$PWD i\n"
	"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	"\t\tif [[ ${COMP_WORDS[i]} == -C ]]; then\n"
	"\t\t\tcase ${COMP_WORDS[i+1]} in /*) d=${COMP_WORDS[i+1]} ;; *) d=$d/${COMP_WORDS[i+1]} ;; esac\n"
	"\t\tfi\n"
	"\tdone\n"
	"\twhile [[ -n $d && $d != / && ! -f $d/qms.yaml ]]; do d=${d%/*}; done\n"
	"\t[[ -f $d/qms.yaml ]] && printf '%s' \"$d\"\n"
	"}\n"
	"_qms_agencies() {\n"
	"\tlocal r f; r=$(_qms_root) || return\n"
	"\tfor f in \"$r\"/audits/*.yaml \"$r\"/processes/*/; do\n"
	"\t\t[[ -e $f ]] || continue; f=${f%/}; f=${f##*/}; printf '%s\\n' \"${f%.yaml}\"\n"
	"\tdone | sort -u\n"
	"}\n"
	"_qms_procedures() {\n"
	"\tlocal r f; r=$(_qms_root) || return\n"
	"\tfor f in \"$r\"/processes/*/*.yaml; do\n"
	"\t\t[[ -e $f && ${f##*/} != system.yaml ]] && { f=${f##*/}; printf '%s\\n' \"${f%.yaml}\"; }\n"
	"\tdone\n"
	"}\n"
	"_qms() {\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= npos=0 i w\n"
	"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tcase $w in\n"
	"\t\t-C|--lang) ((i++)); continue ;;\n"
	"\t\t-*) continue ;;\n"
	"\t\tesac\n"
	"\t\tif [[ -z $cmd ]]; then cmd=$w\n"
	"\t\telif [[ $cmd == audit && $npos == 0 && $w != -* ]]; then cmd=\"audit $w\"\n"
	"\t\telse ((npos++)); fi\n"
	"\tdone\n"
	"\tcase $prev in\n"
	"\t-C) _qms_reply \"$(compgen -d -- \"$cur\")\"; return ;;\n"
	"\t--lang) _qms_reply \"$(compgen -W 'vi en' -- \"$cur\")\"; return ;;\n"
	"\tesac\n"
	"\tcase \"$cmd $prev\" in\n";

void qms_opts_print_bash_completion(FILE *out)
{
	fputs(completion_head, out);
	for (size_t i = 0; qms_cli_commands[i]; i++)
		completion_values(out, qms_cli_commands[i]);
	fputs("\tesac\n\tif [[ $cur == -* ]]; then\n\t\tcase $cmd in\n", out);
	for (size_t i = 0; qms_cli_commands[i]; i++) {
		fprintf(out, "\t\t\"%s\") _qms_reply \"$(compgen -W '", qms_cli_commands[i]->name);
		words_of(out, qms_cli_commands[i]);
		fputs("' -- \"$cur\")\" ;;\n", out);
	}
	fputs("\t\t*) _qms_reply \"$(compgen -W '-C --lang --version --help' -- \"$cur\")\" ;;\n"
	      "\t\tesac\n\t\treturn\n\tfi\n\tcase $cmd in\n\t\"\") _qms_reply \"$(compgen -W '",
	      out);
	bool first = true;
	for (size_t i = 0; qms_cli_commands[i]; i++)
		if (qms_cli_commands[i]->run) {
			fprintf(out, "%s%s", first ? "" : " ", qms_cli_commands[i]->name);
			first = false;
		}
	fputs("' -- \"$cur\")\" ;;\n\taudit) _qms_reply \"$(compgen -W 'status board new stage add finding close "
	      "verify' -- \"$cur\")\" ;;\n",
	      out);
	for (size_t i = 0; qms_cli_commands[i]; i++) {
		const struct qms_cli_command *c = qms_cli_commands[i];
		if (!c->complete)
			continue;
		fprintf(out, "\t\"%s\") local kinds=(%s); local k=${kinds[npos]:-%s}\n", c->name, c->complete,
			c->max_pos < 0 ? "${kinds[-1]}" : "");
		fputs("\t\tcase $k in\n"
		      "\t\tkind) _qms_reply \"$(compgen -W 'procedure system tracker' -- \"$cur\")\" ;;\n"
		      "\t\tpath) _qms_reply \"$(compgen -f -- \"$cur\")\" ;;\n"
		      "\t\tagency) _qms_reply \"$(compgen -W \"$(_qms_agencies)\" -- \"$cur\")\" ;;\n"
		      "\t\tstage) _qms_reply \"$(compgen -W '",
		      out);
		for (size_t s = 0; qms_stage_names[s]; s++)
			fprintf(out, "%s%s", s ? " " : "", qms_stage_names[s]);
		fputs("' -- \"$cur\")\" ;;\n\t\tesac ;;\n", out);
	}
	fputs("\tesac\n}\ncomplete -F _qms qms\n", out);
}

/* ---- the tables as JSON ---- */

static const char *const type_names[] = {"flag", "string", "choice", "date", "jobs",
					 "uint", "lang",   "list",   "file", "dir"};

static void json_option(struct qms_json *j, const struct qms_opt *o)
{
	char shrt[2] = {o->shrt, '\0'};
	qms_json_object_inline(j);
	qms_json_kv_string(j, "name", o->name);
	qms_json_kv_string(j, "short", o->shrt ? shrt : NULL);
	qms_json_kv_string(j, "type", type_names[o->type]);
	qms_json_key(j, "choices");
	qms_json_array_inline(j);
	for (size_t k = 0; o->choices && o->choices[k]; k++)
		qms_json_string(j, o->choices[k]);
	qms_json_end(j);
	qms_json_end(j);
}

void qms_opts_print_json(FILE *out)
{
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_json j;
	qms_json_init(&j, &b, true);
	qms_json_array(&j);
	for (size_t i = 0; qms_cli_commands[i]; i++) {
		const struct qms_cli_command *c = qms_cli_commands[i];
		qms_json_object_inline(&j);
		qms_json_kv_string(&j, "name", c->name);
		qms_json_kv_int(&j, "min_pos", c->min_pos);
		qms_json_kv_int(&j, "max_pos", c->max_pos);
		qms_json_key(&j, "options");
		qms_json_array_inline(&j);
		const struct qms_opt *tables[] = {c->opts, qms_common_opts};
		for (size_t t = 0; t < 2; t++)
			for (const struct qms_opt *o = tables[t]; o && o->name; o++)
				json_option(&j, o);
		qms_json_end(&j);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	fwrite(b.buf, 1, b.len, out);
	qms_buf_release(&b);
}
