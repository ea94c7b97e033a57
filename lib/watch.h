/* Watching a workspace for changes (Linux inotify), for `qms serve`.
 *
 * Watched: the workspace folder itself (for qms.yaml and for processes/,
 * audits/ and calendar/ appearing), and every folder under processes/,
 * audits/ and calendar/, recursively; a folder created there later is
 * added when its creation is read. A change is a file written and closed,
 * created, removed, moved in or out, or its mode changed. Names that start
 * with '.' (lock files, the temporary files of atomic writes, editors'
 * swap files) or end with '~' are not changes. Symbolic links to folders
 * are not followed. */
#ifndef QMS_WATCH_H
#define QMS_WATCH_H

#include <stdbool.h>
#include <stddef.h>

struct qms_watch;

/* Start watching the workspace folder root (copied). Returns a watch
 * (qms_watch_close() frees it) or NULL with *err (caller frees). */
struct qms_watch *qms_watch_open(const char *root, char **err);
/* The descriptor to poll() for reading. */
int qms_watch_fd(const struct qms_watch *w);
/* Read the events waiting (never blocks) and add watches for folders
 * created. Returns how many were changes to the workspace (0 when none, or
 * only ignored names), or -1 with *err. */
int qms_watch_read(struct qms_watch *w, char **err);
/* The files changed since the last call, appended to out (absolute,
 * as watched: under the root given to qms_watch_open()); *all set when
 * some changes name no one file (events were lost, a folder came or
 * went), so that everything must be read again. */
struct qms_strlist;
void qms_watch_take_changes(struct qms_watch *w, struct qms_strlist *out, bool *all);
/* How many folders are watched. */
size_t qms_watch_count(const struct qms_watch *w);
void qms_watch_close(struct qms_watch *w);

#endif
