/* Files and folders: the one place that writes them. See fs.h. */
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "i18n.h"

#define MAX_LINKS 40 /* symbolic links followed in a row, as the kernel does */
#define MAX_DEPTH 64 /* folders removed one inside the other */

static void close_keep_errno(int fd)
{
	int saved = errno;
	close(fd);
	errno = saved;
}

/* Folder and name of path; the folder is "." for a bare name. */
static void split_path(const char *path, char **dir, const char **name)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = qms_xstrdup(".");
		*name = path;
	} else {
		*dir = slash == path ? qms_xstrdup("/") : qms_xstrndup(path, (size_t)(slash - path));
		*name = slash + 1;
	}
}

/* A descriptor of the folder of path, and the last component in *name. */
static int open_parent(const char *path, const char **name, char **err)
{
	char *dir;
	split_path(path, &dir, name);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", dir, strerror(errno));
	free(dir);
	return dfd;
}

/* `.<name><suffix>`, the name shortened (see qms_name_bound()) so that
 * the whole fits in a file name. */
static void side_name(struct qms_buf *b, const char *name, const char *suffix)
{
	qms_buf_reset(b);
	qms_buf_addc(b, '.');
	qms_buf_adds(b, name);
	qms_name_bound(b, 0, NAME_MAX - strlen(suffix));
	qms_buf_adds(b, suffix);
}

/* n unpredictable characters from [A-Za-z0-9]. */
static void random_chars(char *out, size_t n)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned counter;
	unsigned char r[16];
	if (n > sizeof(r))
		n = sizeof(r);
	if (getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
		/* no entropy yet: still distinct per process and call; O_EXCL
		 * keeps it safe, only guessable */
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ ++counter;
		for (size_t i = 0; i < n; i++, x = x * 6364136223846793005ull + 1442695040888963407ull)
			r[i] = (unsigned char)(x >> 56);
	}
	for (size_t i = 0; i < n; i++)
		out[i] = set[r[i] % (sizeof(set) - 1)];
}

/* ---- reading ---- */

static int read_fd(int fd, struct qms_buf *out, const char *path, char **err)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return qms_error(err, QMS_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return qms_error(err, QMS_ERR_IO, "'%s' is not a regular file", path);
	}
	if ((unsigned long long)st.st_size > QMS_MAX_FILE_SIZE) {
		errno = EFBIG;
		return qms_error(err, QMS_ERR_IO, "'%s' is over the limit of %u bytes", path, QMS_MAX_FILE_SIZE);
	}
	size_t start = out->len;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return qms_error(err, QMS_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
		if (n == 0)
			return 0;
		qms_buf_add(out, chunk, (size_t)n);
		if (out->len - start > QMS_MAX_FILE_SIZE) {
			errno = EFBIG;
			return qms_error(err, QMS_ERR_IO, "'%s' is over the limit of %u bytes", path,
					 QMS_MAX_FILE_SIZE);
		}
	}
}

int qms_file_read(struct qms_buf *out, const char *path, char **err)
{
	/* O_NONBLOCK: a FIFO is refused by read_fd(), not waited on */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return qms_error(err, QMS_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
	int rc = read_fd(fd, out, path, err);
	close_keep_errno(fd);
	return rc;
}

/* ---- locks ---- */

static int open_lock(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0) {
		/* whatever the umask: another user of the folder opens it
		 * read-only to lock it (it stays empty) */
		if (fchmod(fd, 0644) < 0) {
			/* a file system without modes: nothing to share */
		}
		return fd;
	}
	if (errno != EEXIST)
		return QMS_ERR_IO;
	/* O_NONBLOCK: a FIFO planted there is refused, not waited on */
	fd = openat(dfd, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == EACCES) /* another user's lock: flock needs no write access */
		fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	return fd;
}

/* Removes the temporary files a killed writer of path left behind; only
 * while holding the lock of path (no writer is at work then). */
static void remove_stale(const char *path)
{
	const char *name;
	int dfd = open_parent(path, &name, NULL);
	if (dfd < 0)
		return;
	struct qms_buf prefix;
	qms_buf_init(&prefix);
	side_name(&prefix, name, ".tmp-XXXXXX");
	prefix.len -= 6;
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
	} else {
		struct dirent *ent;
		while ((ent = readdir(d)))
			if (!strncmp(ent->d_name, prefix.buf, prefix.len) && strlen(ent->d_name) == prefix.len + 6)
				unlinkat(dfd, ent->d_name, 0);
		closedir(d);
	}
	qms_buf_release(&prefix);
}

int qms_file_lock(const char *path, char **err)
{
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	struct qms_buf lock;
	qms_buf_init(&lock);
	side_name(&lock, name, ".lock");
	char *shown = qms_path_join(dir, lock.buf);
	int fd = -1;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", dir, strerror(errno));
		goto out;
	}
	fd = open_lock(dfd, lock.buf);
	close_keep_errno(dfd);
	struct stat st;
	if (fd < 0 && errno == ELOOP) {
		qms_error(err, QMS_ERR_IO,
			  "the lock file '%s' is a symbolic link; qms does not follow links there: remove it", shown);
	} else if (fd < 0 && errno == EACCES) {
		qms_error(err, QMS_ERR_IO,
			  "cannot open the lock file '%s': %s; its owner can make it readable by all "
			  "(chmod a+r) or remove it",
			  shown, strerror(errno));
	} else if (fd < 0) {
		qms_error(err, QMS_ERR_IO, "cannot create the lock file '%s': %s", shown, strerror(errno));
	} else if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		fd = -1;
		errno = EINVAL;
		qms_error(err, QMS_ERR_IO, "the lock file '%s' is not a plain file: remove it", shown);
	}
	while (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		qms_error(err, QMS_ERR_IO, "cannot lock '%s': %s", shown, strerror(errno));
		close_keep_errno(fd);
		fd = -1;
	}
	if (fd >= 0)
		remove_stale(path);
out:
	free(shown);
	free(dir);
	qms_buf_release(&lock);
	return fd;
}

void qms_file_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* ---- writing a file people keep or name ---- */

/* Whether the link at path (lstat'ed into *lst) may be followed: not when
 * it sits in a sticky folder anyone may write to and belongs to neither
 * the user nor the folder's owner (fs.protected_symlinks). */
static bool link_trusted(const char *path, const struct stat *lst)
{
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	struct stat ds;
	bool ok = stat(dir, &ds) < 0 || !(ds.st_mode & S_ISVTX) || !(ds.st_mode & S_IWOTH) ||
		  lst->st_uid == geteuid() || lst->st_uid == ds.st_uid;
	free(dir);
	return ok;
}

/* The target of the link at path, as a path (relative targets joined to
 * the link's folder). Caller frees; NULL with errno. */
static char *link_target(const char *path, const struct stat *lst)
{
	size_t cap = lst->st_size > 0 ? (size_t)lst->st_size + 1 : PATH_MAX;
	char *t = qms_xmalloc(cap + 1);
	ssize_t n = readlink(path, t, cap);
	if (n < 0 || (size_t)n >= cap) {
		free(t);
		if (n >= 0)
			errno = ENAMETOOLONG; /* the link changed meanwhile */
		return NULL;
	}
	t[n] = '\0';
	if (t[0] == '/')
		return t;
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	char *joined = qms_path_join(dir, t);
	free(dir);
	free(t);
	return joined;
}

char *qms_file_resolve(const char *path, char **err)
{
	char *cur = qms_xstrdup(path);
	for (int hops = 0;; hops++) {
		struct stat lst;
		if (lstat(cur, &lst) < 0) {
			if (errno == ENOENT && hops == 0)
				return cur;
			if (errno == ENOENT)
				qms_error(err, QMS_ERR_IO,
					  "'%s' is a symbolic link to '%s', which does not exist; qms writes "
					  "through a link only to an existing file",
					  path, cur);
			else
				qms_error(err, QMS_ERR_IO, "cannot use '%s': %s", cur, strerror(errno));
			break;
		}
		if (!S_ISLNK(lst.st_mode))
			return cur;
		if (hops == MAX_LINKS) {
			errno = ELOOP;
			qms_error(err, QMS_ERR_IO, "cannot use '%s': %s", path, strerror(errno));
			break;
		}
		if (!link_trusted(cur, &lst)) {
			errno = EPERM;
			qms_error(err, QMS_ERR_IO,
				  "'%s' is a symbolic link of another user in a folder anyone may write to "
				  "(sticky, like /tmp); qms does not write through it: remove it or name the "
				  "file it points to",
				  cur);
			break;
		}
		char *next = link_target(cur, &lst);
		if (!next) {
			qms_error(err, QMS_ERR_IO, "cannot use '%s': %s", cur, strerror(errno));
			break;
		}
		free(cur);
		cur = next;
	}
	free(cur);
	return NULL;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return QMS_ERR_IO;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A new temporary file beside `name` in folder dfd, `.<name>.tmp-XXXXXX`
 * with unpredictable X's, created with O_EXCL: never through a link. */
static int temp_at(int dfd, const char *name, struct qms_buf *tmp)
{
	for (int tries = 0; tries < 100; tries++) {
		side_name(tmp, name, ".tmp-XXXXXX");
		random_chars(tmp->buf + tmp->len - 6, 6);
		int fd = openat(dfd, tmp->buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return QMS_ERR_IO;
}

static void copy_xattrs(int from, int to)
{
	ssize_t n = flistxattr(from, NULL, 0);
	if (n <= 0)
		return;
	char *names = qms_xmalloc((size_t)n);
	n = flistxattr(from, names, (size_t)n);
	for (ssize_t i = 0; i < n; i += (ssize_t)strlen(names + i) + 1) {
		ssize_t vn = fgetxattr(from, names + i, NULL, 0);
		if (vn < 0)
			continue;
		char *v = qms_xmalloc((size_t)vn + 1);
		vn = fgetxattr(from, names + i, v, (size_t)vn);
		if (vn >= 0 && fsetxattr(to, names + i, v, (size_t)vn, 0) < 0) {
			/* not the user's to set (security.*, trusted.*) or not
			 * supported here: the file is still written */
		}
		free(v);
	}
	free(names);
}

/* Give the temporary file fd what the file it replaces has: owner and
 * group (as far as the user may: root keeps both, a member of the group
 * keeps the group), extended attributes (old_fd: the old file open, or
 * -1), then the mode. */
static int keep_attributes(int fd, const struct stat *old, int old_fd)
{
	if (old->st_uid != geteuid() || old->st_gid != getegid()) {
		if (fchown(fd, old->st_uid, old->st_gid) < 0 && fchown(fd, (uid_t)-1, old->st_gid) < 0) {
			/* not a group of the user: the folder's rules decide */
		}
	}
	if (old_fd >= 0)
		copy_xattrs(old_fd, fd);
	if (fchmod(fd, old->st_mode & 07777) == 0)
		return 0;
	return fchmod(fd, old->st_mode & 0777); /* set-id bits the user may not set */
}

/* Write data as `name` in folder dfd through a temporary file renamed
 * over it (linked, with QMS_WRITE_NEW). old: the regular file replaced,
 * whose attributes are kept, or NULL. shown names the file in messages. */
static int replace_at(int dfd, const char *name, const char *shown, const struct stat *old, const char *data,
		      size_t len, unsigned flags, char **err)
{
	struct qms_buf tmp;
	qms_buf_init(&tmp);
	int rc = QMS_ERR_IO;
	int fd = temp_at(dfd, name, &tmp);
	if (fd < 0) {
		qms_error(err, QMS_ERR_IO, "cannot create a temporary file beside '%s': %s", shown, strerror(errno));
		goto out;
	}
	if (old) {
		int ofd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		struct stat now;
		bool same = ofd >= 0 && fstat(ofd, &now) == 0 && now.st_ino == old->st_ino && now.st_dev == old->st_dev;
		int r = keep_attributes(fd, old, same ? ofd : -1);
		if (ofd >= 0)
			close_keep_errno(ofd);
		if (r < 0)
			goto write_failed;
	}
	/* errors name the user's file: the temporary one is gone after them */
	if (write_all(fd, data, len) < 0 || (!(flags & QMS_WRITE_NO_SYNC) && fsync(fd) < 0))
		goto write_failed;
	int closed = close(fd);
	fd = -1;
	if (closed < 0)
		goto write_failed;
	if (flags & QMS_WRITE_NEW) {
		if (linkat(dfd, tmp.buf, dfd, name, 0) < 0) {
			qms_error(err, QMS_ERR_IO,
				  errno == EEXIST ? N_("'%s' already exists") : N_("cannot create '%s': %s"), shown,
				  strerror(errno));
			goto fail;
		}
		unlinkat(dfd, tmp.buf, 0);
	} else if (renameat(dfd, tmp.buf, dfd, name) < 0) {
		qms_error(err, QMS_ERR_IO, "cannot replace '%s': %s", shown, strerror(errno));
		goto fail;
	}
	if (!(flags & QMS_WRITE_NO_SYNC) && fsync(dfd) < 0) {
		qms_error(err, QMS_ERR_IO, "cannot sync the folder of '%s': %s", shown, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
write_failed:
	qms_error(err, QMS_ERR_IO, "cannot write '%s': %s", shown, strerror(errno));
	if (fd >= 0)
		close_keep_errno(fd);
fail : {
	int saved = errno;
	unlinkat(dfd, tmp.buf, 0);
	errno = saved;
}
out:
	qms_buf_release(&tmp);
	return rc;
}

/* Whether what lstat found at path (shown as shown) may be replaced. */
static int check_replaceable(const char *shown, const struct stat *st, char **err)
{
	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		return qms_error(err, QMS_ERR_USAGE, "'%s' is a folder; give the name of a file", shown);
	}
	if (S_ISLNK(st->st_mode))
		return 0; /* put there since it was resolved: replaced, not followed */
	if (!S_ISREG(st->st_mode)) {
		errno = EINVAL;
		return qms_error(err, QMS_ERR_IO,
				 "'%s' is not a regular file (a device, FIFO or socket); qms replaces only "
				 "regular files",
				 shown);
	}
	if (st->st_nlink > 1) {
		errno = EMLINK;
		return qms_error(err, QMS_ERR_IO,
				 "'%s' has %ju hard links: replacing it would leave the other names with "
				 "the old text; make it a single file (or a symbolic link) and run again",
				 shown, (uintmax_t)st->st_nlink);
	}
	return 0;
}

/* qms_file_write_atomic() of target, the resolved form of shown. */
static int write_resolved(const char *target, const char *shown, const char *data, size_t len, unsigned flags,
			  char **err)
{
	const char *name;
	int dfd = open_parent(target, &name, err);
	if (dfd < 0)
		return QMS_ERR_IO;
	int rc = QMS_ERR_IO;
	struct stat st;
	const struct stat *old = NULL;
	if (!*name) {
		errno = EISDIR;
		rc = qms_error(err, QMS_ERR_USAGE, "'%s' is a folder; give the name of a file", shown);
	} else if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (flags & QMS_WRITE_NEW) {
			errno = EEXIST;
			rc = qms_error(err, QMS_ERR_USAGE, "'%s' already exists", shown);
		} else {
			rc = check_replaceable(shown, &st, err);
			old = rc == 0 && S_ISREG(st.st_mode) ? &st : NULL;
		}
	} else if (errno != ENOENT) {
		qms_error(err, QMS_ERR_IO, "cannot use '%s': %s", shown, strerror(errno));
	} else {
		rc = 0;
	}
	if (rc == 0)
		rc = replace_at(dfd, name, shown, old, data, len, flags, err);
	close_keep_errno(dfd);
	return rc;
}

int qms_file_write_atomic(const char *path, const char *data, size_t len, unsigned flags, char **err)
{
	char *target = qms_file_resolve(path, err);
	if (!target)
		return QMS_ERR_IO;
	int rc = write_resolved(target, path, data, len, flags, err);
	free(target);
	return rc;
}

/* The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or
 * /proc/self/fd/N names, or -1. */
static int named_fd(const char *path)
{
	if (!strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	const char *n = !strncmp(path, "/dev/fd/", 8)          ? path + 8
			: !strncmp(path, "/proc/self/fd/", 14) ? path + 14
							       : NULL;
	if (!n || !*n || strlen(n) > 6 || strspn(n, "0123456789") != strlen(n))
		return QMS_ERR_IO;
	return atoi(n);
}

/* Write into the device or FIFO at target as it is: no new file, no
 * truncation. 1 when it turned out to be a regular file (do not write
 * into it in place). */
static int write_through(const char *target, const char *shown, const char *data, size_t len, char **err)
{
	int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return qms_error(err, QMS_ERR_IO, "cannot open '%s': %s", shown, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		close(fd);
		return 1;
	}
	int rc = 0;
	if (write_all(fd, data, len) < 0) {
		rc = qms_error(err, QMS_ERR_IO, "cannot write '%s': %s", shown, strerror(errno));
		close(fd);
	} else if (close(fd) < 0) {
		rc = qms_error(err, QMS_ERR_IO, "cannot write '%s': %s", shown, strerror(errno));
	}
	return rc;
}

int qms_file_write_output(const char *path, const char *data, size_t len, char **err)
{
	int fd = named_fd(path);
	if (fd >= 0) {
		if (write_all(fd, data, len) < 0)
			return qms_error(err, QMS_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		return 0;
	}
	char *target = qms_file_resolve(path, err);
	if (!target)
		return QMS_ERR_IO;
	struct stat st;
	int rc = 1;
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		rc = write_through(target, path, data, len, err);
	if (rc == 1)
		rc = write_resolved(target, path, data, len, 0, err);
	free(target);
	return rc;
}

/* ---- folders ---- */

int qms_dir_make(const char *path, char **err)
{
	if (!*path) {
		errno = ENOENT;
		return qms_error(err, QMS_ERR_USAGE, "give the name of a folder");
	}
	char *p = qms_xstrdup(path);
	int rc = 0;
	for (char *q = p + 1;; q++) {
		if (*q && *q != '/')
			continue;
		char c = *q;
		*q = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			rc = qms_error(err, QMS_ERR_IO, "cannot create the folder '%s': %s", p, strerror(errno));
			break;
		}
		*q = c;
		if (!c)
			break;
	}
	free(p);
	if (rc == 0 && !qms_is_dir(path)) {
		errno = ENOTDIR;
		rc = qms_error(err, QMS_ERR_USAGE, "'%s' is not a folder", path);
	}
	return rc;
}

int qms_dir_open(struct qms_dir *d, const char *path, bool create, char **err)
{
	d->fd = -1;
	d->path = NULL;
	/* a link the user named is followed, unless planted in a sticky
	 * folder by someone else */
	char *real = qms_file_resolve(path, err);
	if (!real)
		return QMS_ERR_IO;
	int rc = create ? qms_dir_make(real, err) : 0;
	if (rc == 0) {
		d->fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (d->fd < 0)
			rc = qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", path, strerror(errno));
		else
			d->path = qms_xstrdup(path);
	}
	free(real);
	return rc;
}

void qms_dir_close(struct qms_dir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	free(d->path);
	d->fd = -1;
	d->path = NULL;
}

/* The subfolder comp of folder fd, through no link, made when create. */
static int open_sub(int fd, const char *comp, bool create)
{
	int sub = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0 && errno == ENOENT && create) {
		if (mkdirat(fd, comp, 0777) < 0 && errno != EEXIST)
			return QMS_ERR_IO;
		sub = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (sub < 0 && errno == ENOTDIR) {
		struct stat st; /* O_NOFOLLOW|O_DIRECTORY says ENOTDIR for a link on some kernels */
		if (fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			errno = ELOOP;
		else
			errno = ENOTDIR;
	}
	return sub;
}

static int sub_fail(char **err, const struct qms_dir *d, const char *rel, size_t n)
{
	struct qms_buf shown;
	qms_buf_init(&shown);
	qms_buf_printf(&shown, "%s/%.*s", d->path, (int)n, rel);
	if (errno == ELOOP)
		qms_error(err, QMS_ERR_IO,
			  "'%s' is a symbolic link; qms writes only into real folders under '%s': remove "
			  "the link",
			  shown.buf, d->path);
	else if (errno == ENOTDIR)
		qms_error(err, QMS_ERR_IO, "'%s' is not a folder; move it out of '%s'", shown.buf, d->path);
	else
		qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", shown.buf, strerror(errno));
	qms_buf_release(&shown);
	return QMS_ERR_IO;
}

/* A descriptor (to close) of the folder holding the last component of rel,
 * reached from d through no link, folders made when create; that
 * component in *name. -1 with *err. */
static int walk(const struct qms_dir *d, const char *rel, bool create, const char **name, char **err)
{
	if (!qms_path_safe_rel(rel)) {
		errno = EINVAL;
		return qms_error(err, QMS_ERR_IO, "'%s' is not a name qms writes under '%s'", rel, d->path);
	}
	int fd = fcntl(d->fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", d->path, strerror(errno));
	for (const char *p = rel;;) {
		const char *slash = strchr(p, '/');
		if (!slash) {
			*name = p;
			return fd;
		}
		char *comp = qms_xstrndup(p, (size_t)(slash - p));
		int sub = open_sub(fd, comp, create);
		free(comp);
		close_keep_errno(fd);
		if (sub < 0)
			return sub_fail(err, d, rel, (size_t)(slash - rel));
		fd = sub;
		p = slash + 1;
	}
}

int qms_dir_open_sub(struct qms_dir *d, const struct qms_dir *parent, const char *rel, bool create, char **err)
{
	d->fd = -1;
	d->path = NULL;
	const char *name;
	int fd = walk(parent, rel, create, &name, err);
	if (fd < 0)
		return QMS_ERR_IO;
	d->fd = open_sub(fd, name, create);
	close_keep_errno(fd);
	if (d->fd < 0)
		return sub_fail(err, parent, rel, strlen(rel));
	d->path = qms_path_join(parent->path, rel);
	return 0;
}

int qms_dir_make_temp(struct qms_dir *d, const struct qms_dir *parent, const char *prefix, char **err)
{
	d->fd = -1;
	d->path = NULL;
	struct qms_buf name;
	qms_buf_init(&name);
	int rc = QMS_ERR_IO;
	for (int tries = 0; tries < 100 && rc < 0; tries++) {
		qms_buf_reset(&name);
		qms_buf_printf(&name, "%sXXXXXX", prefix);
		random_chars(name.buf + name.len - 6, 6);
		rc = mkdirat(parent->fd, name.buf, 0777);
		if (rc < 0 && errno != EEXIST)
			break;
	}
	if (rc == 0)
		rc = qms_dir_open_sub(d, parent, name.buf, false, err);
	else
		qms_error(err, QMS_ERR_IO, "cannot create a folder in '%s': %s", parent->path, strerror(errno));
	qms_buf_release(&name);
	return rc;
}

int qms_dir_write(const struct qms_dir *d, const char *rel, const char *data, size_t len, unsigned flags, char **err)
{
	const char *name;
	int fd = walk(d, rel, true, &name, err);
	if (fd < 0)
		return QMS_ERR_IO;
	char *shown = qms_path_join(d->path, rel);
	struct stat st;
	const struct stat *old = NULL;
	int rc = 0;
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			rc = qms_error(err, QMS_ERR_IO, "'%s' is a folder; move it out of '%s'", shown, d->path);
		}
		old = S_ISREG(st.st_mode) ? &st : NULL; /* a link or device is replaced, not followed */
	}
	if (rc == 0)
		rc = replace_at(fd, name, shown, old, data, len, flags & ~(unsigned)QMS_WRITE_NEW, err);
	close_keep_errno(fd);
	free(shown);
	return rc;
}

int qms_dir_read(const struct qms_dir *d, const char *rel, struct qms_buf *out, char **err)
{
	const char *name;
	int dfd = walk(d, rel, false, &name, err);
	if (dfd < 0)
		return QMS_ERR_IO;
	char *shown = qms_path_join(d->path, rel);
	int rc;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		rc = qms_error(err, QMS_ERR_IO, "cannot open '%s': %s", shown, strerror(errno));
	} else {
		rc = read_fd(fd, out, shown, err);
		close_keep_errno(fd);
	}
	close_keep_errno(dfd);
	free(shown);
	return rc;
}

int qms_dir_stat(const struct qms_dir *d, const char *rel, struct stat *st)
{
	const char *name;
	int fd = walk(d, rel, false, &name, NULL);
	if (fd < 0)
		return QMS_ERR_IO;
	int rc = fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW);
	close_keep_errno(fd);
	return rc;
}

static int unlink_rel(const struct qms_dir *d, const char *rel, int flags)
{
	const char *name;
	int fd = walk(d, rel, false, &name, NULL);
	if (fd < 0)
		return QMS_ERR_IO;
	int rc = unlinkat(fd, name, flags);
	close_keep_errno(fd);
	return rc;
}

int qms_dir_remove(const struct qms_dir *d, const char *rel)
{
	return unlink_rel(d, rel, 0);
}

int qms_dir_remove_empty(const struct qms_dir *d, const char *rel)
{
	return unlink_rel(d, rel, AT_REMOVEDIR);
}

static int remove_tree_at(int parent, const char *name, int depth)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) /* a file or a link: the link goes, not what it points to */
		return unlinkat(parent, name, 0) == 0 || errno == ENOENT ? 0 : -1;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return QMS_ERR_IO;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (depth >= MAX_DEPTH || remove_tree_at(fd, e->d_name, depth + 1) < 0)
			rc = QMS_ERR_IO;
	}
	closedir(dir);
	if (unlinkat(parent, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		rc = QMS_ERR_IO;
	return rc;
}

int qms_dir_remove_tree(const struct qms_dir *d, const char *rel)
{
	const char *name;
	int fd = walk(d, rel, false, &name, NULL);
	if (fd < 0)
		return QMS_ERR_IO;
	int rc = remove_tree_at(fd, name, 0);
	close_keep_errno(fd);
	return rc;
}

int qms_dir_list(const struct qms_dir *d, const char *rel, struct qms_strlist *out, char **err)
{
	struct qms_dir sub = {.fd = -1};
	int fd;
	if (!*rel) {
		fd = fcntl(d->fd, F_DUPFD_CLOEXEC, 0);
		if (fd < 0)
			return qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", d->path, strerror(errno));
	} else {
		int rc = qms_dir_open_sub(&sub, d, rel, false, err);
		if (rc < 0)
			return rc;
		fd = sub.fd;
		sub.fd = -1;
		qms_dir_close(&sub);
	}
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close_keep_errno(fd);
		return qms_error(err, QMS_ERR_IO, "cannot open the folder '%s': %s", d->path, strerror(errno));
	}
	struct dirent *e;
	while ((e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			qms_strlist_push(out, qms_xstrdup(e->d_name));
	closedir(dir);
	return 0;
}

/* Put the folder from/name in the place of to/name, the old one going to
 * from/name, where the file system cannot exchange them: two renames, with
 * a moment when to/name is missing. */
static int swap_by_renames(const struct qms_dir *from, const struct qms_dir *to, const char *name)
{
	struct qms_buf aside;
	qms_buf_init(&aside);
	side_name(&aside, name, ".old");
	int rc = renameat(to->fd, name, from->fd, aside.buf);
	if (rc == 0 && renameat(from->fd, name, to->fd, name) < 0) {
		int saved = errno;
		if (renameat(from->fd, aside.buf, to->fd, name) < 0) {
			/* the old folder stays in from, under its aside name */
		}
		errno = saved;
		rc = QMS_ERR_IO;
	}
	if (rc == 0 && renameat(from->fd, aside.buf, from->fd, name) < 0)
		rc = QMS_ERR_IO;
	qms_buf_release(&aside);
	return rc;
}

int qms_dir_swap(const struct qms_dir *from, const struct qms_dir *to, const char *name, char **err)
{
	struct stat here, there;
	if (fstatat(from->fd, name, &here, AT_SYMLINK_NOFOLLOW) < 0)
		return qms_error(err, QMS_ERR_IO, "cannot move '%s/%s': %s", from->path, name, strerror(errno));
	bool exists = fstatat(to->fd, name, &there, AT_SYMLINK_NOFOLLOW) == 0;
	int rc;
	if (S_ISDIR(here.st_mode) && exists) {
		if (!S_ISDIR(there.st_mode)) {
			errno = ENOTDIR;
			return qms_error(err, QMS_ERR_IO, "'%s/%s' is in the way: it is not a folder; move it out",
					 to->path, name);
		}
		rc = renameat2(from->fd, name, to->fd, name, RENAME_EXCHANGE);
		if (rc < 0 && (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP))
			rc = swap_by_renames(from, to, name);
	} else {
		rc = renameat(from->fd, name, to->fd, name);
	}
	if (rc < 0)
		return qms_error(err, QMS_ERR_IO, "cannot move '%s/%s' into '%s': %s", from->path, name, to->path,
				 strerror(errno));
	return 0;
}

int qms_dir_rename(const struct qms_dir *d, const char *from, const char *to)
{
	const char *a, *b;
	int fa = walk(d, from, false, &a, NULL);
	if (fa < 0)
		return QMS_ERR_IO;
	int fb = walk(d, to, false, &b, NULL);
	int rc = fb < 0 ? -1 : renameat(fa, a, fb, b);
	if (fb >= 0)
		close_keep_errno(fb);
	close_keep_errno(fa);
	return rc;
}

int qms_dir_sync(const struct qms_dir *d, char **err)
{
	if (syncfs(d->fd) < 0)
		return qms_error(err, QMS_ERR_IO, "cannot sync the folder '%s': %s", d->path, strerror(errno));
	return 0;
}

/* ---- names ---- */

bool qms_path_safe_rel(const char *rel)
{
	if (!*rel || *rel == '/')
		return false;
	for (const char *p = rel;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return false;
		if (!p[n])
			return true;
		p += n + 1;
	}
}

void qms_name_bound(struct qms_buf *b, size_t from, size_t max)
{
	if (b->len - from <= max)
		return;
	uint64_t h = qms_hash(b->buf + from);
	size_t cut = from + max - 17;
	/* not inside a UTF-8 character, nor inside a `~XX` escape */
	while (cut > from && ((unsigned char)b->buf[cut] & 0xC0) == 0x80)
		cut--;
	if (cut > from && b->buf[cut - 1] == '~')
		cut--;
	else if (cut > from + 1 && b->buf[cut - 2] == '~')
		cut -= 2;
	b->len = cut;
	b->buf[cut] = '\0';
	qms_buf_printf(b, "~%016llx", (unsigned long long)h);
}
