/* The file layer (lib/fs.c): atomic writes and what they keep, the policy
 * for links, hard links, devices and FIFOs, locks, output folders reached
 * through no link, and bounded names. The tests run as root on CI: none
 * relies on a permission being denied. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs.h"

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/qms-test-fs-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static char *in(const char *dir, const char *name)
{
	static char path[4][1024];
	static unsigned i;
	char *p = path[i++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void assert_file(const char *path, const char *want)
{
	struct qms_buf b;
	qms_buf_init(&b);
	char *err = NULL;
	assert_int_equal(qms_file_read(&b, path, &err), 0);
	assert_string_equal(b.buf, want);
	qms_buf_release(&b);
}

static void remove_all(const char *dir)
{
	struct qms_dir d;
	char *err = NULL;
	char *parent = strdup(dir);
	*strrchr(parent, '/') = '\0';
	assert_int_equal(qms_dir_open(&d, parent, false, &err), 0);
	assert_int_equal(qms_dir_remove_tree(&d, strrchr(dir, '/') + 1), 0);
	qms_dir_close(&d);
	free(parent);
}

static void test_atomic_write(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *path = in(dir, "a.yaml");
	char *err = NULL;
	assert_int_equal(qms_file_write_atomic(path, "one\n", 4, QMS_WRITE_NEW, &err), 0);
	assert_int_equal(qms_file_write_atomic(path, "two\n", 4, QMS_WRITE_NEW, &err), QMS_ERR_USAGE);
	assert_int_equal(errno, EEXIST);
	assert_non_null(strstr(err, "exists"));
	free(err);
	err = NULL;
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(qms_file_write_atomic(path, "three\n", 6, 0, &err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_file(path, "three\n");

	/* a temporary file a killed writer left: removed once the lock is held */
	char *stale = in(dir, ".a.yaml.tmp-AbC123");
	put(stale, "");
	int lock = qms_file_lock(path, &err);
	assert_true(lock >= 0);
	qms_file_unlock(lock);
	assert_int_equal(access(stale, F_OK), -1);

	struct qms_buf b;
	qms_buf_init(&b);
	assert_int_equal(qms_file_read(&b, "/nonexistent/qms", &err), QMS_ERR_IO);
	assert_int_equal(errno, ENOENT);
	free(err);
	qms_buf_release(&b);
	remove_all(dir);
	free(dir);
}

/* Finding 15: a rewrite keeps the extended attributes (and, as root, the
 * owner and group: chown needs root). */
static void test_keeps_attributes(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *path = in(dir, "t.yaml");
	put(path, "old\n");
	bool xattrs = setxattr(path, "user.qms", "kept", 4, 0) == 0;
	bool root = geteuid() == 0;
	if (root)
		assert_int_equal(chown(path, 65534, 100), 0);
	char *err = NULL;
	assert_int_equal(qms_file_write_atomic(path, "new\n", 4, 0, &err), 0);
	char v[16] = {0};
	if (xattrs) {
		assert_int_equal(getxattr(path, "user.qms", v, sizeof(v)), 4);
		assert_string_equal(v, "kept");
	}
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	if (root) {
		assert_int_equal(st.st_uid, 65534);
		assert_int_equal(st.st_gid, 100);
	}
	remove_all(dir);
	free(dir);
}

/* Findings 1 and 10: a link is written through, the link stays; a link to
 * nothing, a hard-linked file, a folder and (for files people keep) a FIFO
 * are refused. */
static void test_links_and_special_files(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *err = NULL;
	put(in(dir, "real"), "old\n");
	assert_int_equal(symlink("real", in(dir, "link")), 0);
	assert_int_equal(symlink("link", in(dir, "link2")), 0);
	assert_int_equal(qms_file_write_atomic(in(dir, "link2"), "new\n", 4, 0, &err), 0);
	struct stat st;
	assert_int_equal(lstat(in(dir, "link2"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(in(dir, "link"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file(in(dir, "real"), "new\n");

	assert_int_equal(symlink("missing/x", in(dir, "dangling")), 0);
	assert_int_equal(qms_file_write_output(in(dir, "dangling"), "x", 1, &err), QMS_ERR_IO);
	assert_non_null(strstr(err, "does not exist"));
	free(err);
	assert_int_equal(access(in(dir, "missing"), F_OK), -1);

	assert_int_equal(link(in(dir, "real"), in(dir, "hard")), 0);
	assert_int_equal(qms_file_write_atomic(in(dir, "hard"), "x", 1, 0, &err), QMS_ERR_IO);
	assert_int_equal(errno, EMLINK);
	assert_non_null(strstr(err, "hard links"));
	free(err);
	assert_file(in(dir, "real"), "new\n");

	assert_int_equal(mkdir(in(dir, "folder"), 0777), 0);
	assert_int_equal(qms_file_write_output(in(dir, "folder"), "x", 1, &err), QMS_ERR_USAGE);
	assert_int_equal(errno, EISDIR);
	free(err);

	/* a FIFO: refused for a file people keep, written through as an
	 * output (a reader is there, so opening it does not wait) */
	char *fifo = in(dir, "fifo");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(qms_file_write_atomic(fifo, "x", 1, 0, &err), QMS_ERR_IO);
	free(err);
	int r = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(r >= 0);
	assert_int_equal(qms_file_write_output(fifo, "through\n", 8, &err), 0);
	char got[16] = {0};
	assert_int_equal(read(r, got, sizeof(got)), 8);
	assert_string_equal(got, "through\n");
	close(r);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	/* reading one is refused, not waited on */
	struct qms_buf b;
	qms_buf_init(&b);
	assert_int_equal(qms_file_read(&b, fifo, &err), QMS_ERR_IO);
	free(err);
	qms_buf_release(&b);
	remove_all(dir);
	free(dir);
}

/* Finding 4: the lock is readable by all whatever the umask, and a lock
 * file planted as a link or a FIFO is refused without being followed or
 * waited on. */
static void test_lock_files(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *err = NULL;
	char *path = in(dir, "t.yaml");
	mode_t old = umask(077);
	int fd = qms_file_lock(path, &err);
	umask(old);
	assert_true(fd >= 0);
	qms_file_unlock(fd);
	struct stat st;
	assert_int_equal(stat(in(dir, ".t.yaml.lock"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	assert_int_equal(symlink(in(dir, "elsewhere"), in(dir, ".u.yaml.lock")), 0);
	assert_int_equal(qms_file_lock(in(dir, "u.yaml"), &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	assert_int_equal(access(in(dir, "elsewhere"), F_OK), -1);

	assert_int_equal(mkfifo(in(dir, ".v.yaml.lock"), 0644), 0);
	assert_int_equal(qms_file_lock(in(dir, "v.yaml"), &err), -1);
	assert_non_null(strstr(err, "not a plain file"));
	free(err);
	remove_all(dir);
	free(dir);
}

/* Finding 2: in an output folder, no link is followed: a link for a
 * subfolder is refused, a link at a file's name is replaced (its target
 * untouched), removal and tree removal stay inside. */
static void test_output_folder(void **state)
{
	(void)state;
	char *dir = tmpdir();
	char *err = NULL;
	char *outside = in(dir, "outside");
	assert_int_equal(mkdir(outside, 0777), 0);
	put(in(dir, "outside/victim"), "precious\n");
	struct qms_dir d;
	assert_int_equal(qms_dir_open(&d, in(dir, "out/site"), true, &err), 0);
	assert_int_equal(qms_dir_write(&d, "a/b/c.html", "c\n", 2, 0, &err), 0);
	assert_file(in(dir, "out/site/a/b/c.html"), "c\n");

	assert_int_equal(symlink(outside, in(dir, "out/site/agencies")), 0);
	assert_int_equal(qms_dir_write(&d, "agencies/x.html", "x", 1, 0, &err), QMS_ERR_IO);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	assert_int_equal(qms_dir_remove(&d, "agencies/victim"), QMS_ERR_IO);
	assert_file(in(dir, "outside/victim"), "precious\n");

	assert_int_equal(symlink(in(dir, "outside/victim"), in(dir, "out/site/page.html")), 0);
	assert_int_equal(qms_dir_write(&d, "page.html", "page\n", 5, 0, &err), 0);
	struct stat st;
	assert_int_equal(lstat(in(dir, "out/site/page.html"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_file(in(dir, "outside/victim"), "precious\n");

	struct qms_buf b;
	qms_buf_init(&b);
	assert_int_equal(qms_dir_read(&d, "agencies/victim", &b, &err), QMS_ERR_IO);
	free(err);
	assert_int_equal(qms_dir_write(&d, "../escape", "x", 1, 0, &err), QMS_ERR_IO);
	free(err);
	qms_buf_release(&b);

	/* the tree goes, what its links point to stays */
	assert_int_equal(qms_dir_remove_tree(&d, "agencies"), 0);
	assert_int_equal(qms_dir_remove_tree(&d, "a"), 0);
	assert_file(in(dir, "outside/victim"), "precious\n");
	assert_int_equal(access(in(dir, "out/site/a"), F_OK), -1);

	/* two folders exchanged: the old one lands where the new one was */
	struct qms_dir stage;
	assert_int_equal(qms_dir_make_temp(&stage, &d, ".stage-", &err), 0);
	assert_int_equal(qms_dir_write(&stage, "sub/new", "new", 3, 0, &err), 0);
	assert_int_equal(qms_dir_write(&d, "sub/old", "old", 3, 0, &err), 0);
	assert_int_equal(qms_dir_swap(&stage, &d, "sub", &err), 0);
	assert_file(in(dir, "out/site/sub/new"), "new");
	assert_int_equal(qms_dir_stat(&stage, "sub/old", &st), 0);
	qms_dir_close(&stage);
	qms_dir_close(&d);
	remove_all(dir);
	free(dir);
}

static void test_safe_names(void **state)
{
	(void)state;
	static const char *const good[] = {"a", "a/b.html", "procedures/A..01.html", "x/.y", "~"};
	static const char *const bad[] = {"", "/a", "a//b", "a/", "..", "a/../b", ".", "./a", "a/.", "a\nb"};
	for (size_t i = 0; i < QMS_ARRAY_LEN(good); i++)
		assert_true(qms_path_safe_rel(good[i]));
	for (size_t i = 0; i < QMS_ARRAY_LEN(bad); i++)
		assert_false(qms_path_safe_rel(bad[i]));
}

/* Finding 6: long names keep a start, end in a hash of the whole, and
 * never cut a UTF-8 character or a ~XX escape. */
static void test_bounded_names(void **state)
{
	(void)state;
	struct qms_buf a, b;
	qms_buf_init(&a);
	qms_buf_init(&b);
	qms_buf_adds(&a, "x/");
	for (int i = 0; i < 100; i++)
		qms_buf_adds(&a, "~C3~A1");
	qms_buf_adds(&b, a.buf);
	qms_buf_adds(&a, "1");
	qms_buf_adds(&b, "2");
	qms_name_bound(&a, 2, 200);
	qms_name_bound(&b, 2, 200);
	assert_true(a.len - 2 <= 200);
	assert_string_not_equal(a.buf, b.buf);
	assert_int_equal(a.buf[a.len - 17], '~');
	assert_int_equal((a.len - 2 - 17) % 3, 0); /* whole escapes before the hash */
	qms_buf_reset(&a);
	for (int i = 0; i < 200; i++)
		qms_buf_adds(&a, "ệ");
	qms_name_bound(&a, 0, 100);
	assert_true(a.len <= 100);
	assert_int_equal((a.len - 17) % 3, 0); /* whole characters (3 bytes each) */
	qms_buf_reset(&a);
	qms_buf_adds(&a, "short");
	qms_name_bound(&a, 0, 100);
	assert_string_equal(a.buf, "short");
	qms_buf_release(&a);
	qms_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_keeps_attributes),
		cmocka_unit_test(test_links_and_special_files),
		cmocka_unit_test(test_lock_files),
		cmocka_unit_test(test_output_folder),
		cmocka_unit_test(test_safe_names),
		cmocka_unit_test(test_bounded_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
