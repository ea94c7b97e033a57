/* Finding a workspace and its files on disk. */
#ifndef QMS_WORKSPACE_H
#define QMS_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

/* A list of owned strings. */
struct qms_strlist {
	char **items;
	size_t len;
	size_t cap;
};

void qms_strlist_push(struct qms_strlist *l, char *owned);
void qms_strlist_sort(struct qms_strlist *l);
void qms_strlist_release(struct qms_strlist *l);

/* Where a path belongs. `root` is the absolute folder of the workspace:
 * the nearest folder at or above `path` that holds qms.yaml, else `path`
 * itself when it is a folder. A file outside any workspace is alone
 * (root NULL). Returns 0, or -1 with *err set (caller frees) when the path
 * cannot be used. */
struct qms_location {
	char *abs; /* absolute, symlinks resolved */
	bool is_dir;
	char *root; /* absolute workspace folder, or NULL for a lone file */
	bool has_config; /* root/qms.yaml exists */
};

int qms_locate(struct qms_location *out, const char *path, char **err);
void qms_location_release(struct qms_location *loc);

/* The files of the workspace at `root` (absolute): qms.yaml, then every
 * *.yaml and *.yml under processes/, audits/, standards/ (a workspace
 * may carry its own catalogs) and calendar/, sorted. Appends absolute paths to out. */
void qms_workspace_files(struct qms_strlist *out, const char *root);

/* Whether a file of this name is a document of the workspace (.yaml,
 * .yml): the files qms_collect_yaml() finds. */
bool qms_is_yaml_name(const char *name);

/* Every *.yaml / *.yml under dir (absolute), hidden folders skipped,
 * symlink loops followed once. Appends absolute paths to out. */
void qms_collect_yaml(struct qms_strlist *out, const char *dir);

/* abs relative to the current folder when it lies under it, else abs
 * itself. Caller frees. */
char *qms_display_path(const char *abs);
/* abs relative to the folder cwd (absolute), as qms_display_path(). */
char *qms_path_relative(const char *abs, const char *cwd);
/* The same as a pointer into abs, or NULL when it is "." (abs is cwd). */
const char *qms_path_relative_in(const char *abs, const char *cwd);

/* Join two path parts with one '/'. Caller frees. */
char *qms_path_join(const char *a, const char *b);

bool qms_is_dir(const char *path);
bool qms_is_file(const char *path);

/* ---- the workspace handle ----
 *
 * What a command reads of a workspace, read once: the bytes of every file
 * (a source, source.h, installed in the process while the handle is
 * open, so that the check, the index, the status, the report, the site
 * and the diagram workers all read through it), the settings (qms.yaml
 * and the calendars), and the catalogs of ISO 9001 (qms_catalogs_open()
 * hands out the handle's copy). One handle is open at a time.
 *
 * Not thread-safe itself: open, refresh and close from one thread; what
 * it installs may be read from many (the check's workers). */
struct qms_workspace;
struct qms_settings;
struct qms_catalogs;

enum {
	/* Keep the decoded documents of every file too, not only their
	 * bytes: for a process that builds again and again (`qms serve`).
	 * Without it a one-off command keeps the bytes only, and its memory
	 * grows with the files' size, not with their models; the last reader
	 * of a file may let its bytes go (qms_source_done(): the report does). */
	QMS_WORKSPACE_KEEP_DOCUMENTS = 1u << 0,
};

/* Open the workspace holding path (as qms_locate() finds it; a lone file
 * gives a handle whose root is NULL) and install its source. Returns 0
 * and *out (qms_workspace_close() frees it), or -1 with *err (caller
 * frees) when path cannot be used. */
int qms_workspace_open(struct qms_workspace **out, const char *path, unsigned flags, char **err);
/* Uninstall and free; NULL is fine. */
void qms_workspace_close(struct qms_workspace *ws);
/* The handle open in this process, or NULL. */
struct qms_workspace *qms_workspace_current(void);

/* The absolute folder of the workspace, NULL for a lone file. */
const char *qms_workspace_root(const struct qms_workspace *ws);
/* Whether root/qms.yaml exists. */
bool qms_workspace_has_config(const struct qms_workspace *ws);

/* The settings (qms_settings_read()), read on first use and kept when
 * reading them reported nothing (a problem of qms.yaml is reported, in
 * the language of the moment, by each reader). Owned by ws. */
const struct qms_settings *qms_workspace_settings(struct qms_workspace *ws);
/* The settings of root as kept by the handle open in this process, or
 * NULL when none is kept for that root (qms_settings_read() uses it). */
const struct qms_settings *qms_workspace_kept_settings(const char *root);
/* The slot where qms_catalogs_open() keeps the catalogs of the handle
 * open in this process (empty until the first clean load), or NULL when
 * no handle is open. */
struct qms_catalogs *qms_workspace_kept_catalogs(void);

/* A file changed on disk (abs: absolute): forget its bytes and document,
 * and, for qms.yaml, a calendar or a catalog, the settings and catalogs.
 * Returns QMS_CHANGE_FILE for a file that only its readers need again,
 * QMS_CHANGE_GLOBAL for one that every file's checks depend on
 * (qms.yaml, calendar/, standards/). */
enum qms_change { QMS_CHANGE_FILE, QMS_CHANGE_GLOBAL };
enum qms_change qms_workspace_changed(struct qms_workspace *ws, const char *abs);

/* Files read from the disk since the handle was opened (source.h). */
size_t qms_workspace_disk_reads(const struct qms_workspace *ws);

#endif
