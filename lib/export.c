#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "docx.h"
#include "edit.h"
#include "fs.h"
#include "html.h"
#include "i18n.h"
#include "procdoc.h"
#include "render.h"
#include "report.h"
#include "workspace.h"

const char *const qms_export_format_names[] = {"pdf", "docx", NULL};

/* The procedure named by its code or by the path of its file. */
static size_t find_procedure(const struct qms_report *r, const char *what)
{
	for (size_t i = 0; i < r->nprocedures; i++)
		if (!r->procedures[i].duplicate && !strcmp(r->procedures[i].code, what))
			return i;
	char want[PATH_MAX], have[PATH_MAX];
	if (!realpath(what, want))
		return SIZE_MAX;
	for (size_t i = 0; i < r->nprocedures; i++)
		if (realpath(r->procedures[i].path, have) && !strcmp(want, have))
			return i;
	return SIZE_MAX;
}

static int not_found(const struct qms_report *r, const char *what, char **err)
{
	const char **codes = qms_xmalloc((r->nprocedures ? r->nprocedures : 1) * sizeof(*codes));
	for (size_t i = 0; i < r->nprocedures; i++)
		codes[i] = r->procedures[i].code;
	const char *close = qms_closest(what, codes, r->nprocedures);
	int rc = close ? qms_error(err, QMS_ERR_USAGE, "no procedure '%s' in the workspace; did you mean '%s'?", what,
				   close)
		       : qms_error(err, QMS_ERR_USAGE,
				   "no procedure '%s' in the workspace; give its code (e.g. STP-QT-01) or the path of "
				   "its file",
				   what);
	free(codes);
	return rc;
}

/* The diagram of the procedure as SVG or PNG, into out; false when it
 * could not be made (the document goes without it). */
static bool diagram(struct qms_buf *out, const struct qms_report *r, size_t pi, const char *dir,
		    enum qms_render_format format)
{
	const struct qms_report_procedure *rp = &r->procedures[pi];
	const char *paths[] = {rp->path};
	struct qms_render_request req = {
		.paths = paths,
		.npaths = 1,
		.out_dir = dir,
		.opt = {.format = format,
			.lanes = QMS_LANES_VERTICAL,
			.lang = r->lang,
			.workday_hours = r->settings.time.workday_hours,
			.as_of = 0},
		.lang_set = true,
		.jobs = 1,
	};
	struct qms_render_result res;
	char *err = NULL;
	if (qms_render_paths(&res, &req, &err) < 0) {
		free(err);
		return false;
	}
	qms_render_result_release(&res);
	struct qms_buf name;
	qms_buf_init(&name);
	qms_buf_printf(&name, "%s/%s.%s", dir, rp->code, qms_render_format_names[format]);
	bool ok = qms_file_read(out, name.buf, &err) == 0;
	free(err);
	qms_buf_release(&name);
	return ok;
}

/* ---- PDF ---- */

/* A CSS string holding text: quotes, backslashes and line ends escaped. */
static void add_css_string(struct qms_buf *b, const char *t)
{
	qms_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p == '"' || *p == '\\' || *p < 0x20 || *p == 0x7f)
			qms_buf_printf(b, "\\%x ", *p);
		else
			qms_buf_addc(b, (char)*p);
	}
	qms_buf_addc(b, '"');
}

static void print_page(struct qms_buf *b, const struct qms_report *r, size_t pi, const struct qms_buf *svg)
{
	const struct qms_report_procedure *rp = &r->procedures[pi];
	qms_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		       r->lang == QMS_LANG_VI ? "vi" : "en");
	qms_html_printf(b, "%s - %s", rp->code, rp->title);
	qms_buf_adds(b, "</title>\n<style>\n");
	qms_buf_adds(b, qms_html_css);
	/* the running head on every page; the page number is the style
	 * sheet's (page x/y at the bottom) */
	struct qms_buf head;
	qms_buf_init(&head);
	qms_procdoc_add_running_head(&head, r, pi);
	qms_buf_adds(b, "@page{@bottom-right{content:none}@top-right{content:");
	add_css_string(b, head.buf);
	qms_buf_adds(b, " \" · \" ");
	add_css_string(b, qms_tr(r->lang, N_("Page")));
	qms_buf_adds(b, " \" \" counter(page) \"/\" counter(pages);font-size:9pt;color:#5f6b7a}}\n"
			"@page diagram{@top-right{content:none}}\n"
			"html{background:#fff}main{padding:0}\n</style>\n</head>\n<body>\n<main class=\"wide\">\n"
			"<div class=\"procedure\">\n<article class=\"doc\">\n");
	qms_buf_release(&head);
	struct qms_docw_html h;
	qms_docw_html_init(&h, b);
	qms_procdoc_write(&h.w, r, pi, NULL);
	qms_buf_adds(b, "</article>\n");
	if (svg) {
		qms_buf_adds(b, "<aside class=\"diagram-side\"><h2>");
		qms_html_add_text(b, qms_tr(r->lang, N_("Flow chart")));
		qms_buf_adds(b, "</h2>\n<figure id=\"diagram\"><div class=\"diagram-box\">");
		if (qms_html_add_svg(b, svg->buf, svg->len, rp->title, "diagram", NULL, NULL) < 0)
			qms_buf_adds(b, "<p>-</p>");
		qms_buf_adds(b, "</div></figure></aside>\n");
	}
	qms_buf_adds(b, "</div>\n</main>\n</body>\n</html>\n");
}

static int run_chromium(const char *chromium, const char *dir, unsigned timeout, char **err)
{
	struct qms_buf profile, pdf, url, log;
	qms_buf_init(&profile);
	qms_buf_init(&pdf);
	qms_buf_init(&url);
	qms_buf_init(&log);
	qms_buf_printf(&profile, "--user-data-dir=%s/profile", dir);
	qms_buf_printf(&pdf, "--print-to-pdf=%s/doc.pdf", dir);
	qms_buf_printf(&url, "file://%s/doc.html", dir);
	qms_buf_printf(&log, "%s/chromium.log", dir);
	const char *argv[] = {chromium,
			      "--headless",
			      "--disable-gpu",
			      "--no-first-run",
			      "--disable-background-networking",
			      "--disable-component-update",
			      "--disable-sync",
			      "--disable-extensions",
			      "--no-pdf-header-footer",
			      profile.buf,
			      pdf.buf,
			      url.buf,
			      geteuid() == 0 ? "--no-sandbox" : NULL,
			      NULL};
	int rc = 0;
	pid_t pid = fork();
	if (pid < 0) {
		rc = qms_error(err, QMS_ERR_IO, "cannot start %s: %s", chromium, strerror(errno));
	} else if (pid == 0) {
		setpgid(0, 0);
		int in = open("/dev/null", O_RDONLY);
		int out = open(log.buf, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
		if (in >= 0)
			dup2(in, 0);
		if (out >= 0) {
			dup2(out, 1);
			dup2(out, 2);
		}
		execvp(chromium, (char *const *)argv);
		_exit(127);
	} else {
		setpgid(pid, pid);
		int status = 0;
		struct timespec tick = {0, 50 * 1000 * 1000};
		unsigned long waited = 0;
		pid_t w;
		while ((w = waitpid(pid, &status, WNOHANG)) == 0 && waited < timeout * 20UL) {
			nanosleep(&tick, NULL);
			waited++;
		}
		if (w == 0) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			rc = qms_error(err, QMS_ERR_IO, "%s did not print the document within %u seconds", chromium,
				       timeout);
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
			rc = qms_error(
				err, QMS_ERR_IO,
				"cannot run '%s': install Debian's chromium, or name the browser with QMS_CHROMIUM",
				chromium);
		} else {
			kill(-pid, SIGKILL); /* helpers it may have left */
		}
	}
	qms_buf_release(&profile);
	qms_buf_release(&pdf);
	qms_buf_release(&url);
	qms_buf_release(&log);
	return rc;
}

/* Chromium dates the file when it prints it: date it from the document
 * (its effective date, else 1 January 2000) so the bytes depend on the
 * input only. "D:YYYYMMDDHHmmSS" keeps its length. */
static void fix_dates(struct qms_buf *pdf, const struct qms_process *p)
{
	char stamp[16];
	char d[11] = "2000-01-01";
	if (p->effective.text)
		qms_date_format(d, p->effective.date);
	snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2s000000", d, d + 5, d + 8);
	static const char *const keys[] = {"/CreationDate (D:", "/ModDate (D:"};
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(keys[k]);
		for (char *at = pdf->buf; (at = memmem(at, pdf->len - (size_t)(at - pdf->buf), keys[k], n)); at += n) {
			if ((size_t)(at - pdf->buf) + n + 14 <= pdf->len)
				memcpy(at + n, stamp, 14);
		}
	}
}

static bool is_node_id(const char *p, const char *end)
{
	if (end - p < 12 || memcmp(p, "node", 4))
		return false;
	for (int i = 4; i < 12; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static int id_cmp(const void *a, const void *b)
{
	return memcmp(*(const char *const *)a, *(const char *const *)b, 12);
}

/* The tagged PDF names its structure elements after Chromium's DOM nodes
 * ("node00000027"), numbered from a counter that differs between runs.
 * Number them by rank instead: the same length keeps every offset of the
 * file, the same order keeps the ID tree sorted. */
static void fix_node_ids(struct qms_buf *pdf)
{
	const char *end = pdf->buf + pdf->len;
	size_t n = 0, cap = 64;
	char **at = qms_xmalloc(cap * sizeof(*at));
	for (char *p = pdf->buf; (p = memmem(p, (size_t)(end - p), "node", 4)); p += 4) {
		if (!is_node_id(p, end))
			continue;
		if (n == cap)
			at = qms_xrealloc(at, (cap *= 2) * sizeof(*at));
		at[n++] = p;
	}
	char **sorted = qms_xmalloc((n ? n : 1) * sizeof(*sorted));
	memcpy(sorted, at, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), id_cmp);
	/* distinct ids, in order, with their rank */
	char(*ids)[12] = qms_xmalloc((n ? n : 1) * sizeof(*ids));
	size_t nids = 0;
	for (size_t i = 0; i < n; i++)
		if (!nids || memcmp(ids[nids - 1], sorted[i], 12))
			memcpy(ids[nids++], sorted[i], 12);
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = nids;
		while (lo + 1 < hi) {
			size_t mid = (lo + hi) / 2;
			if (memcmp(ids[mid], at[i], 12) <= 0)
				lo = mid;
			else
				hi = mid;
		}
		char rank[32];
		snprintf(rank, sizeof(rank), "node%08zu", (lo + 1) % 100000000);
		memcpy(at[i], rank, 12);
	}
	free(ids);
	free(sorted);
	free(at);
}

static int export_pdf(struct qms_buf *out, const struct qms_report *r, size_t pi, const char *dir,
		      const struct qms_export_options *opt, char **err)
{
	struct qms_buf svg, page;
	qms_buf_init(&svg);
	qms_buf_init(&page);
	bool has_svg = diagram(&svg, r, pi, dir, QMS_RENDER_SVG);
	print_page(&page, r, pi, has_svg ? &svg : NULL);
	struct qms_buf path;
	qms_buf_init(&path);
	qms_buf_printf(&path, "%s/doc.html", dir);
	int rc = qms_file_write_atomic(path.buf, page.buf, page.len, QMS_WRITE_NEW, err);
	const char *chromium = opt->chromium ? opt->chromium : getenv("QMS_CHROMIUM");
	if (!chromium || !*chromium)
		chromium = "chromium";
	if (rc == 0)
		rc = run_chromium(chromium, dir, opt->timeout ? opt->timeout : 120, err);
	if (rc == 0) {
		qms_buf_reset(&path);
		qms_buf_printf(&path, "%s/doc.pdf", dir);
		char *e = NULL;
		if (qms_file_read(out, path.buf, &e) < 0 || out->len < 5 || memcmp(out->buf, "%PDF-", 5)) {
			rc = qms_error(err, QMS_ERR_IO,
				       "%s printed no PDF (see its messages by running it on the page yourself)",
				       chromium);
			free(e);
		} else {
			fix_dates(out, r->procedures[pi].process);
			fix_node_ids(out);
		}
	}
	qms_buf_release(&path);
	qms_buf_release(&svg);
	qms_buf_release(&page);
	return rc;
}

/* ---- the command ---- */

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static char *make_temp_dir(char **err)
{
	const char *tmp = getenv("TMPDIR");
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%s/qms-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(b.buf)) {
		qms_error(err, QMS_ERR_IO, "cannot make a temporary folder in %s: %s", tmp && *tmp ? tmp : "/tmp",
			  strerror(errno));
		qms_buf_release(&b);
		return NULL;
	}
	return qms_buf_detach(&b);
}

static int export_one(struct qms_buf *out, const struct qms_report *r, size_t pi, const struct qms_export_options *opt,
		      char **err)
{
	char *dir = make_temp_dir(err);
	if (!dir)
		return -1;
	int rc;
	if (opt->format == QMS_EXPORT_PDF) {
		rc = export_pdf(out, r, pi, dir, opt, err);
	} else {
		struct qms_buf png;
		qms_buf_init(&png);
		bool has_png = diagram(&png, r, pi, dir, QMS_RENDER_PNG);
		rc = qms_docx_build(out, r, pi, has_png ? png.buf : NULL, png.len, err);
		qms_buf_release(&png);
	}
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return rc;
}

int qms_export(char **written, const struct qms_export_options *opt, char **err)
{
	struct qms_report r;
	struct qms_report_options ro = {.as_of = 0, .lang = opt->lang, .jobs = 0, .keep_procedures = true};
	*written = NULL;
	int rc = qms_report_compute(&r, ".", &ro, err);
	if (rc < 0)
		return rc;
	rc = -1;
	size_t pi = find_procedure(&r, opt->procedure);
	if (pi == SIZE_MAX) {
		not_found(&r, opt->procedure, err);
	} else if (!r.procedures[pi].process) {
		qms_error(err, QMS_ERR_DATA, "%s cannot be read; 'qms check %s' says why", r.procedures[pi].path,
			  r.procedures[pi].path);
	} else {
		struct qms_buf out, name;
		qms_buf_init(&out);
		qms_buf_init(&name);
		if (opt->output)
			qms_buf_adds(&name, opt->output);
		else
			qms_buf_printf(&name, "%s.%s", r.procedures[pi].code, qms_export_format_names[opt->format]);
		rc = export_one(&out, &r, pi, opt, err);
		if (rc == 0)
			rc = qms_file_write_atomic(name.buf, out.buf, out.len, 0, err);
		if (rc == 0)
			*written = qms_buf_detach(&name);
		qms_buf_release(&name);
		qms_buf_release(&out);
	}
	qms_report_release(&r);
	return rc;
}
