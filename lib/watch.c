/* qms_watch_*: inotify over the files of a workspace (watch.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "watch.h"
#include "workspace.h"

/* The folders of a workspace whose files are the workspace's, and its file. */
static const char *const watched_top[] = {"processes", "audits", "calendar", NULL};
#define TOP_FILE "qms.yaml"

#define EVENTS                                                                                                         \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF |           \
	 IN_MOVE_SELF | IN_ONLYDIR)

struct wd_path {
	int wd;
	char *path; /* owned */
};

struct qms_watch {
	int fd;
	int root_wd;
	char *root; /* owned */
	struct wd_path *dirs; /* owned; the root is not in it */
	size_t ndirs, cap;
	struct qms_strlist changed; /* files changed since qms_watch_take_changes() */
	bool all; /* and changes that name no one file */
};

static bool ignored_name(const char *name)
{
	size_t n = strlen(name);
	return !n || name[0] == '.' || name[n - 1] == '~';
}

static bool is_top_dir(const char *name)
{
	for (size_t i = 0; watched_top[i]; i++)
		if (!strcmp(name, watched_top[i]))
			return true;
	return false;
}

static const char *dir_of(const struct qms_watch *w, int wd)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd)
			return w->dirs[i].path;
	return NULL;
}

static void remember(struct qms_watch *w, int wd, const char *path)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd) { /* the same folder again, or a new name for it */
			free(w->dirs[i].path);
			w->dirs[i].path = qms_xstrdup(path);
			return;
		}
	if (w->ndirs == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->dirs = qms_xrealloc(w->dirs, w->cap * sizeof(*w->dirs));
	}
	w->dirs[w->ndirs++] = (struct wd_path){wd, qms_xstrdup(path)};
}

static void forget(struct qms_watch *w, int wd)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd) {
			free(w->dirs[i].path);
			w->dirs[i] = w->dirs[--w->ndirs];
			return;
		}
}

/* Watch path and the folders under it (not through links). A folder that
 * vanished meanwhile is no error; running out of watches is. */
static int add_tree(struct qms_watch *w, const char *path, char **err)
{
	int wd = inotify_add_watch(w->fd, path, EVENTS | IN_DONT_FOLLOW);
	if (wd < 0) {
		if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
			return 0;
		qms_error(err, QMS_ERR_IO, "cannot watch '%s': %s", path, strerror(errno));
		return -1;
	}
	remember(w, wd, path);
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (ignored_name(e->d_name))
			continue;
		char *sub = qms_path_join(path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_tree(w, sub, err);
		free(sub);
	}
	closedir(d);
	return rc;
}

struct qms_watch *qms_watch_open(const char *root, char **err)
{
	struct qms_watch *w = qms_xcalloc(1, sizeof(*w));
	w->root = qms_xstrdup(root);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		qms_error(err, QMS_ERR_IO, "cannot watch '%s': %s", root, strerror(errno));
		qms_watch_close(w);
		return NULL;
	}
	w->root_wd = inotify_add_watch(w->fd, root, EVENTS | IN_DONT_FOLLOW);
	if (w->root_wd < 0) {
		qms_error(err, QMS_ERR_IO, "cannot watch '%s': %s", root, strerror(errno));
		qms_watch_close(w);
		return NULL;
	}
	for (size_t i = 0; watched_top[i]; i++) {
		char *p = qms_path_join(root, watched_top[i]);
		int rc = add_tree(w, p, err);
		free(p);
		if (rc < 0) {
			qms_watch_close(w);
			return NULL;
		}
	}
	return w;
}

int qms_watch_fd(const struct qms_watch *w)
{
	return w->fd;
}

size_t qms_watch_count(const struct qms_watch *w)
{
	return w->ndirs;
}

/* One event: whether it is a change; a new folder is watched. */
static int one_event(struct qms_watch *w, const struct inotify_event *ev, char **err)
{
	if (ev->mask & IN_IGNORED) {
		forget(w, ev->wd);
		return 0;
	}
	if (ev->mask & IN_Q_OVERFLOW) {
		w->all = true;
		return 1; /* events were lost: take it as a change */
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		w->all |= ev->wd != w->root_wd;
		return ev->wd != w->root_wd;
	}
	const char *name = ev->len ? ev->name : "";
	if (ignored_name(name))
		return 0;
	const char *dir = ev->wd == w->root_wd ? w->root : dir_of(w, ev->wd);
	if (!dir)
		return 0;
	if (ev->wd == w->root_wd && strcmp(name, TOP_FILE) && !is_top_dir(name))
		return 0;
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
	    (ev->wd != w->root_wd || is_top_dir(name))) {
		char *p = qms_path_join(dir, name);
		int rc = add_tree(w, p, err);
		free(p);
		if (rc < 0)
			return -1;
	}
	if (ev->mask & IN_ISDIR)
		w->all = true; /* a folder came or went: the files in it are not named */
	else
		qms_strlist_push(&w->changed, qms_path_join(dir, name));
	return 1;
}

void qms_watch_take_changes(struct qms_watch *w, struct qms_strlist *out, bool *all)
{
	*all = w->all;
	w->all = false;
	for (size_t i = 0; i < w->changed.len; i++)
		qms_strlist_push(out, w->changed.items[i]);
	free(w->changed.items);
	memset(&w->changed, 0, sizeof(w->changed));
}

int qms_watch_read(struct qms_watch *w, char **err)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changes = 0;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return changes;
		if (n <= 0) {
			qms_error(err, QMS_ERR_IO, "cannot watch '%s': %s", w->root, strerror(n < 0 ? errno : EIO));
			return -1;
		}
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			int c = one_event(w, ev, err);
			if (c < 0)
				return -1;
			changes += c;
			p += sizeof(*ev) + ev->len;
		}
	}
}

void qms_watch_close(struct qms_watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	free(w->root);
	qms_strlist_release(&w->changed);
	free(w);
}
