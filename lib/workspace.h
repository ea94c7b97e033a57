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
	char *abs;       /* absolute, symlinks resolved */
	bool is_dir;
	char *root;      /* absolute workspace folder, or NULL for a lone file */
	bool has_config; /* root/qms.yaml exists */
};

int qms_locate(struct qms_location *out, const char *path, char **err);
void qms_location_release(struct qms_location *loc);

/* The files of the workspace at `root` (absolute): qms.yaml, then every
 * *.yaml and *.yml under processes/, audits/, standards/ (a workspace
 * may carry its own catalogs) and calendar/, sorted. Appends absolute paths to out. */
void qms_workspace_files(struct qms_strlist *out, const char *root);

/* Every *.yaml / *.yml under dir (absolute), hidden folders skipped,
 * symlink loops followed once. Appends absolute paths to out. */
void qms_collect_yaml(struct qms_strlist *out, const char *dir);

/* abs relative to the current folder when it lies under it, else abs
 * itself. Caller frees. */
char *qms_display_path(const char *abs);
/* abs relative to the folder cwd (absolute), as qms_display_path(). */
char *qms_path_relative(const char *abs, const char *cwd);

/* Join two path parts with one '/'. Caller frees. */
char *qms_path_join(const char *a, const char *b);

bool qms_is_dir(const char *path);
bool qms_is_file(const char *path);

#endif
