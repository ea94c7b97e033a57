/* Reading a thread's next files in one go.
 *
 * A check reads thousands of small files, and each costs four system
 * calls (open, fstat, read, close) whose entry and exit cost more than the
 * copy of a few kilobytes. qms_readahead() hands a batch of paths to the
 * kernel at once through io_uring (Linux 5.6 and later, liburing): three
 * system calls a batch. qms_readahead_take() then gives the bytes of one
 * of them to qms_doc_read_file(), which reads as before whatever the
 * batch did not read.
 *
 * Only the plain case is read ahead: a regular file of at most
 * QMS_MAX_FILE_SIZE bytes read whole, its size what the kernel said
 * before the read. Anything else (a path that cannot be opened, a folder,
 * a FIFO, a file that grows or shrinks meanwhile, any failure of the
 * ring) is left to qms_doc_read_file(), so that every message stays what
 * it was. Where io_uring is missing or refused (an older kernel, a
 * sandbox that forbids it, a build without liburing) or the environment
 * says QMS_READAHEAD=0, nothing is read ahead and every file is read the
 * usual way.
 *
 * State is per thread: a batch is read and taken by one thread. */
#ifndef QMS_READAHEAD_H
#define QMS_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>

/* The most paths a batch takes; more are left to the usual read. */
#define QMS_READAHEAD_MAX 16

/* Read paths[0..n) (the strings are borrowed until the next batch) into
 * this thread's read-ahead buffer, dropping the previous batch and what
 * was not taken of it. */
void qms_readahead(const char *const *paths, size_t n);

/* The bytes of path when the current batch read it: true with *buf
 * (this thread's, valid until its next qms_readahead()) and *len; the
 * file is taken (a second take says false). False when the batch holds
 * no such path or could not read it. */
bool qms_readahead_take(const char *path, const char **buf, size_t *len);

/* Free this thread's ring and buffer (a worker ends). */
void qms_readahead_release(void);

#endif
