/* Files and folders: the one place that writes them (and reads whole ones).
 *
 * Every file qms writes goes through here, under one policy:
 *
 *  - A file is replaced atomically: a temporary file in the same folder,
 *    created with O_EXCL under an unpredictable name (so a link planted
 *    there is never followed), written, fsync'ed, renamed over the old
 *    name, then the folder fsync'ed. A reader or a crash sees the old file
 *    or the new one, never a mix. The new file keeps the old one's mode,
 *    owner and group (as far as the user may set them) and its extended
 *    attributes (ACLs, SELinux labels, user.*).
 *  - A file people keep or name (a procedure, a tracker, an output given
 *    with -o) that is a symbolic link is written through the link: the file
 *    it points to is replaced, the link stays. Refused: a link that points
 *    to nothing, and a link in a shared sticky folder (such as /tmp) owned
 *    by neither the user nor the folder's owner (the rule of the kernel's
 *    fs.protected_symlinks, which a rename does not apply by itself).
 *  - A file with more than one hard link is refused: replacing it would
 *    leave its other names with the old text.
 *  - An output named by the user that is not a regular file (a device such
 *    as /dev/null, a FIFO, /dev/stdout) is written through, never replaced
 *    (qms_file_write_output()). A folder is refused.
 *  - In an output folder qms owns (struct qms_dir: the site, the diagrams)
 *    every name is opened relative to the folder and never through a
 *    symbolic link: a link where a subfolder should be is refused, a link
 *    where a file goes is replaced (its target untouched), and nothing
 *    outside the folder is ever removed or written.
 *  - Locks: `.<name>.lock` beside the file, opened without following a
 *    link, left readable by everyone (it is empty), so that every user who
 *    may edit the file may take the lock.
 *
 * Functions that fail return a negative enum qms_err with *err (caller
 * frees; err may be NULL) and errno set: QMS_ERR_IO, or QMS_ERR_USAGE for
 * a name that is a folder where a file is meant (or the reverse) and a
 * new file that exists already. "-1" below means any such value (test
 * `< 0`); a descriptor returned is -1 on failure. None prints. Not for use by two threads on one qms_dir at
 * once; separate processes are fine (that is what the locks are for). */
#ifndef QMS_FS_H
#define QMS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "util.h"
#include "workspace.h"

/* ---- reading ---- */

/* Read the whole regular file at path (at most QMS_MAX_FILE_SIZE bytes)
 * into out (appended). A FIFO or device is refused without blocking.
 * Returns 0, or -1 with *err; errno tells ENOENT. */
int qms_file_read(struct qms_buf *out, const char *path, char **err);

/* ---- locks ---- */

/* Take an exclusive lock (flock) for path, waiting for other holders: on
 * the file `.<name>.lock` beside it (name shortened when it would be too
 * long), created when missing and left in place (removing it would let two
 * writers lock different files). A lock file that is a symbolic link or
 * not a plain file is refused. Once held, the temporary files a killed
 * writer of path left (`.<name>.tmp-XXXXXX`) are removed: no writer is at
 * work then. Returns a descriptor for qms_file_unlock(), or -1 with *err. */
int qms_file_lock(const char *path, char **err);
void qms_file_unlock(int fd);

/* ---- writing a file people keep or name ---- */

/* The path to read, lock and replace for path: path itself, or the file
 * its symbolic link(s) point to, refused as the policy above says. A path
 * that does not exist is returned as it is. Returns a new string (caller
 * frees) or NULL with *err. */
char *qms_file_resolve(const char *path, char **err);

enum {
	QMS_WRITE_NEW = 1 << 0, /* fail with EEXIST when path exists */
	QMS_WRITE_NO_SYNC = 1 << 1, /* no fsync: the caller syncs (qms_dir_sync()) */
};

/* Write data[0..len) to path atomically, as the policy above says: a
 * regular file (through its links) is replaced, keeping its mode, owner,
 * group and extended attributes; a new one gets 0666 less the umask; with
 * QMS_WRITE_NEW the file is linked into place only when the name is free.
 * Refused: a folder, a device or FIFO (this is for files people keep), a
 * file with several hard links. Returns 0, or -1 with *err and errno. */
int qms_file_write_atomic(const char *path, const char *data, size_t len, unsigned flags, char **err);

/* Write an output the user named (`-o FILE`): /dev/stdout, /dev/stderr and
 * /dev/fd/N go to that descriptor; a device or FIFO (also through a link)
 * is written through, opened without creating or truncating it; anything
 * else as qms_file_write_atomic(). Returns 0, or -1 with *err. */
int qms_file_write_output(const char *path, const char *data, size_t len, char **err);

/* ---- folders ---- */

/* mkdir -p: create path and the folders above it that are missing.
 * Returns 0 (also when it exists as a folder), or -1 with *err. */
int qms_dir_make(const char *path, char **err);

/* An output folder qms owns: every name under it is opened relative to it,
 * without following a symbolic link. */
struct qms_dir {
	int fd; /* O_DIRECTORY descriptor, or -1 */
	char *path; /* as given, for messages and for callers that need a path; owned */
};

/* Open the folder path (made with qms_dir_make() when `create`). path
 * itself may be or pass through a link (the user named it), refused as
 * qms_file_resolve() refuses one. Returns 0, or -1 with *err; d->fd is -1
 * then. */
int qms_dir_open(struct qms_dir *d, const char *path, bool create, char **err);
/* Open the subfolder rel of parent (created when `create`), through no
 * link. */
int qms_dir_open_sub(struct qms_dir *d, const struct qms_dir *parent, const char *rel, bool create, char **err);
/* A new, empty subfolder of parent named prefix + 6 unpredictable
 * characters, opened in d (mode 0777 less the umask). */
int qms_dir_make_temp(struct qms_dir *d, const struct qms_dir *parent, const char *prefix, char **err);
void qms_dir_close(struct qms_dir *d);

/* Write data as rel (a qms_path_safe_rel() name, its folders created) in d,
 * atomically (see qms_file_write_atomic(); flags QMS_WRITE_NO_SYNC). A
 * symbolic link at rel is replaced, one on the way refused. */
int qms_dir_write(const struct qms_dir *d, const char *rel, const char *data, size_t len, unsigned flags, char **err);
/* Read the regular file rel of d into out, through no link. */
int qms_dir_read(const struct qms_dir *d, const char *rel, struct qms_buf *out, char **err);
/* lstat() of rel in d, reached through no link. Returns 0 or -1 with
 * errno. */
int qms_dir_stat(const struct qms_dir *d, const char *rel, struct stat *st);
/* Remove the file (or link) rel of d, reached through no link. Returns 0,
 * or -1 with errno (ENOENT when it is not there). */
int qms_dir_remove(const struct qms_dir *d, const char *rel);
/* Remove the empty folder rel of d. Returns 0 or -1 with errno. */
int qms_dir_remove_empty(const struct qms_dir *d, const char *rel);
/* Remove everything under the subfolder rel of d, and the folder: files,
 * links (not what they point to) and folders, never leaving d. Returns 0,
 * or -1 when something could not be removed. */
int qms_dir_remove_tree(const struct qms_dir *d, const char *rel);
/* The names in the subfolder rel of d ("" for d itself), "." and ".."
 * left out, unsorted; appended to out. Returns 0, or -1 with *err (a link
 * for a folder is refused). */
int qms_dir_list(const struct qms_dir *d, const char *rel, struct qms_strlist *out, char **err);
/* Move the entry `name` of from to the same name in to (both folders on
 * one file system): a file replaces what is there; a folder takes the
 * place of the one there, which moves to from/name (an atomic exchange
 * where the file system has one). Returns 0, or -1 with *err. */
int qms_dir_swap(const struct qms_dir *from, const struct qms_dir *to, const char *name, char **err);
/* Rename the entry `from` of d to `to` (an empty folder there is
 * replaced by a folder), both reached through no link. Returns 0 or -1
 * with errno. */
int qms_dir_rename(const struct qms_dir *d, const char *from, const char *to);
/* Flush every file written to d's file system (after QMS_WRITE_NO_SYNC). */
int qms_dir_sync(const struct qms_dir *d, char **err);

/* ---- names ---- */

/* Whether rel is a name qms may open under an output folder: relative,
 * components separated by single '/', none empty, "." or "..", no control
 * character. */
bool qms_path_safe_rel(const char *rel);

/* Bound the name that b holds from offset `from` on to `max` bytes: when
 * longer, its tail is replaced by '~' and 16 hex digits of a hash of the
 * whole name, so distinct long names stay distinct. `max` must be at
 * least 24. */
void qms_name_bound(struct qms_buf *b, size_t from, size_t max);

#endif
