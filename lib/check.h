/* `qms check`: load every document under some paths, run every rule, and
 * collect the diagnostics in a stable order. */
#ifndef QMS_CHECK_H
#define QMS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct qms_check_options {
	unsigned jobs; /* worker threads; 0 = one per core */
	/* Called now and then with the number of files done out of total,
	 * from any worker thread but never from two at once; may be NULL. */
	void (*progress)(size_t done, size_t total, void *ctx);
	void *progress_ctx;
	/* One document given as bytes instead of a file (`qms check -`):
	 * checked as if it were the file stdin_name, with its workspace;
	 * that file need not exist, its folder must. Not owned. */
	const char *stdin_name;
	const char *stdin_data;
	size_t stdin_len;
	/* The caller reads none of the files again after the check (`qms
	 * check`): the installed source (source.h) then keeps only the bytes
	 * of the files the check reads twice, not those of every file. */
	bool read_once;
};

struct qms_check_result {
	struct qms_diags diags; /* sorted; only of the files under the paths */
	size_t files; /* documents checked */
};

/* Check the files and folders in paths (see docs for how the workspace of
 * each is found). Returns 0 and fills *out (release with
 * qms_check_result_release()) or -1 with *err set (caller frees) when a
 * path cannot be used or the catalogs of the clause rules cannot be loaded
 * (see qms_catalogs_open()); *out is then empty. */
int qms_check_paths(struct qms_check_result *out, const char *const *paths, size_t npaths,
		    const struct qms_check_options *opt, char **err);
void qms_check_result_release(struct qms_check_result *r);

/* Fill in the end of every diagnostic: the end of the word or value that
 * starts at its position (a quoted value to its closing quote, a plain one
 * to the `,`, `]`, `}`, ` #` or end of line that ends it). The files are
 * read again; `data` stands for the file named `name` when not NULL. */
void qms_diags_fill_ends(struct qms_diags *d, const char *name, const char *data, size_t len);

/* What a long-lived process (`qms serve`) keeps of each file's check:
 * the diagnostics of the rules of one document, by file, with a digest
 * of its bytes, the language and the name they were made for; a file
 * read again with the same bytes is not checked again on its own (the
 * rules across files still run). Installed in the process; the caller
 * clears it when the settings or the catalogs may have changed. */
struct qms_check_memo;
struct qms_check_memo *qms_check_memo_new(void);
void qms_check_memo_free(struct qms_check_memo *m);
void qms_check_memo_clear(struct qms_check_memo *m);
/* m (NULL: none) is what qms_check_paths() and qms_index_load() use. */
void qms_check_memo_install(struct qms_check_memo *m);
bool qms_check_memo_installed(void);
/* For check.c: the kept diagnostics of file abs (shown as path) appended
 * to out when kept for these bytes; true then. Thread-safe. */
bool qms_check_memo_get(const char *abs, const char *path, const char *bytes, size_t len, struct qms_diags *out);
/* Keep diags from start on as those of abs for these bytes. */
void qms_check_memo_put(const char *abs, const char *path, const char *bytes, size_t len, const struct qms_diags *diags,
			size_t start);

#endif
