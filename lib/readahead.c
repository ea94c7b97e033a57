/* Reading a thread's next files in one go, through io_uring: the only
 * code of the project that includes liburing.h (readahead.h says what
 * is read ahead and what is left to the usual read). */
#include "readahead.h"

#ifdef QMS_HAVE_IO_URING

#include "doc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <liburing.h>

/* A batch's bytes are bounded: files beyond this are read the usual way. */
#define READAHEAD_BYTES (1024 * 1024)

struct ahead_file {
	const char *path; /* borrowed from the caller of qms_readahead() */
	int fd; /* open by the batch, or -1 */
	size_t at, size; /* its bytes: buf[at, at + size), one byte of room after */
	bool ok; /* read whole, not yet taken */
};

struct ahead {
	struct io_uring ring;
	char *buf; /* zeroed when grown: valgrind cannot see the kernel write it */
	size_t cap;
	struct ahead_file files[QMS_READAHEAD_MAX];
	struct statx sx[QMS_READAHEAD_MAX];
	int res[2 * QMS_READAHEAD_MAX]; /* each completion's result, by user_data */
	size_t n, next; /* files in the batch; where a take looks first */
};

static _Thread_local struct ahead *ahead;
/* The kernel refused a ring once: no thread asks again. */
static atomic_bool refused;

/* QMS_READAHEAD=0: read every file the usual way (docs/cli.md, for a
 * file system that misbehaves under io_uring, and to measure it). */
static bool turned_off(void)
{
	const char *v = getenv("QMS_READAHEAD");
	return v && !strcmp(v, "0");
}

static struct ahead *ahead_get(void)
{
	if (ahead || atomic_load(&refused))
		return ahead;
	if (turned_off()) {
		atomic_store(&refused, true);
		return NULL;
	}
	struct ahead *a = qms_xcalloc(1, sizeof(*a));
	if (io_uring_queue_init(2 * QMS_READAHEAD_MAX, &a->ring, 0) < 0) {
		atomic_store(&refused, true);
		free(a);
		return NULL;
	}
	ahead = a;
	return a;
}

/* Submit the count queued requests and reap their completions into
 * a->res. False when the ring failed (give_up(): the process reads no
 * more ahead). */
static bool ring_run(struct ahead *a, unsigned count)
{
	if (!count)
		return true;
	int rc = io_uring_submit_and_wait(&a->ring, count); /* one system call, mostly */
	if (rc < 0 || (unsigned)rc != count)
		return false;
	for (unsigned i = 0; i < count; i++) {
		struct io_uring_cqe *cqe;
		while ((rc = io_uring_wait_cqe(&a->ring, &cqe)) == -EINTR)
			;
		if (rc < 0)
			return false;
		if (cqe->user_data < QMS_ARRAY_LEN(a->res))
			a->res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(&a->ring, cqe);
	}
	return true;
}

static void queue(struct ahead *a, struct io_uring_sqe *sqe, size_t slot)
{
	io_uring_sqe_set_data64(sqe, slot);
	a->res[slot] = -ECANCELED;
}

/* Open every path; the flags of qms_doc_read_file(). */
static bool open_all(struct ahead *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&a->ring);
		if (!sqe) /* never: the ring holds two batches */
			return false;
		io_uring_prep_openat(sqe, AT_FDCWD, a->files[i].path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
		queue(a, sqe, i);
	}
	bool ran = ring_run(a, (unsigned)a->n);
	for (size_t i = 0; i < a->n; i++)
		a->files[i].fd = ran && a->res[i] >= 0 ? a->res[i] : -1;
	return ran;
}

/* Size every open file; those to read (regular, within the limits) get
 * their place in the buffer. */
static bool size_all(struct ahead *a)
{
	unsigned count = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->files[i].fd < 0)
			continue;
		memset(&a->sx[i], 0, sizeof(a->sx[i]));
		struct io_uring_sqe *sqe = io_uring_get_sqe(&a->ring);
		if (!sqe)
			return false;
		io_uring_prep_statx(sqe, a->files[i].fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, &a->sx[i]);
		queue(a, sqe, i);
		count++;
	}
	if (!ring_run(a, count))
		return false;
	size_t at = 0;
	for (size_t i = 0; i < a->n; i++) {
		struct ahead_file *f = &a->files[i];
		const struct statx *sx = &a->sx[i];
		f->ok = f->fd >= 0 && a->res[i] == 0 &&
			(sx->stx_mask & (STATX_TYPE | STATX_SIZE)) == (STATX_TYPE | STATX_SIZE) &&
			S_ISREG(sx->stx_mode) && sx->stx_size <= QMS_MAX_FILE_SIZE &&
			at + sx->stx_size + 1 <= READAHEAD_BYTES;
		if (!f->ok)
			continue;
		f->at = at;
		f->size = (size_t)sx->stx_size;
		at += f->size + 1;
	}
	if (at > a->cap) {
		a->buf = qms_xrealloc(a->buf, at);
		memset(a->buf + a->cap, 0, at - a->cap);
		a->cap = at;
	}
	return true;
}

/* Read each file to read (asking one byte more than its size: a file
 * that grew is left to the usual read, which reports it) and close
 * every open one, the close after the read whatever the read gave. */
static bool read_all(struct ahead *a)
{
	unsigned count = 0;
	for (size_t i = 0; i < a->n; i++) {
		struct ahead_file *f = &a->files[i];
		if (f->fd < 0)
			continue;
		struct io_uring_sqe *sqe;
		if (f->ok) {
			sqe = io_uring_get_sqe(&a->ring);
			if (!sqe)
				return false;
			io_uring_prep_read(sqe, f->fd, a->buf + f->at, (unsigned)f->size + 1, 0);
			sqe->flags |= IOSQE_IO_HARDLINK;
			queue(a, sqe, i);
			count++;
		}
		sqe = io_uring_get_sqe(&a->ring);
		if (!sqe)
			return false;
		io_uring_prep_close(sqe, f->fd);
		queue(a, sqe, QMS_READAHEAD_MAX + i);
		count++;
	}
	bool ran = ring_run(a, count);
	for (size_t i = 0; i < a->n; i++) {
		struct ahead_file *f = &a->files[i];
		if (f->fd < 0)
			continue;
		if (ran && a->res[QMS_READAHEAD_MAX + i] == -ECANCELED)
			close(f->fd); /* the ring did not close it */
		f->fd = -1; /* a failed ring may close it yet: never twice */
		f->ok = ran && f->ok && a->res[i] >= 0 && (size_t)a->res[i] == f->size;
	}
	return ran;
}

/* The ring failed mid-batch: the files it opened and said so are
 * closed here (one whose opening it never reported stays open: a ring
 * that fails is a kernel fault, not a case of the check), and the
 * process reads no more ahead. */
static void give_up(struct ahead *a)
{
	for (size_t i = 0; i < a->n; i++) {
		if (a->files[i].fd >= 0)
			close(a->files[i].fd);
		a->files[i].fd = -1;
		a->files[i].ok = false;
	}
	qms_readahead_release();
	atomic_store(&refused, true);
}

void qms_readahead(const char *const *paths, size_t n)
{
	if (ahead)
		ahead->n = ahead->next = 0;
	struct ahead *a = n > 1 ? ahead_get() : NULL;
	if (!a)
		return;
	a->n = n < QMS_READAHEAD_MAX ? n : QMS_READAHEAD_MAX;
	for (size_t i = 0; i < a->n; i++)
		a->files[i] = (struct ahead_file){.path = paths[i], .fd = -1};
	if (!open_all(a) || !size_all(a) || !read_all(a))
		give_up(a);
}

bool qms_readahead_take(const char *path, const char **buf, size_t *len)
{
	struct ahead *a = ahead;
	for (size_t k = 0; a && k < a->n; k++) {
		size_t i = (a->next + k) % a->n;
		struct ahead_file *f = &a->files[i];
		if (f->path != path && strcmp(f->path, path))
			continue;
		if (!f->ok)
			return false;
		f->ok = false;
		a->next = i + 1;
		*buf = a->buf + f->at;
		*len = f->size;
		return true;
	}
	return false;
}

void qms_readahead_release(void)
{
	if (!ahead)
		return;
	io_uring_queue_exit(&ahead->ring);
	free(ahead->buf);
	free(ahead);
	ahead = NULL;
}

#else /* without liburing: every file is read the usual way */

void qms_readahead(const char *const *paths, size_t n)
{
	(void)paths;
	(void)n;
}

bool qms_readahead_take(const char *path, const char **buf, size_t *len)
{
	(void)path;
	(void)buf;
	(void)len;
	return false;
}

void qms_readahead_release(void)
{
}

#endif
