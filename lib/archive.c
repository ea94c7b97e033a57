/* Zip archives through libzip, opened on first use (archive.h). */
#include "archive.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The functions of libzip qms uses, from dlsym(). */
static struct zip_fns {
	__typeof__(zip_close) *close;
	__typeof__(zip_discard) *discard;
	__typeof__(zip_error_code_zip) *error_code_zip;
	__typeof__(zip_error_fini) *error_fini;
	__typeof__(zip_error_init) *error_init;
	__typeof__(zip_error_init_with_code) *error_init_with_code;
	__typeof__(zip_error_set) *error_set;
	__typeof__(zip_error_strerror) *error_strerror;
	__typeof__(zip_fclose) *fclose;
	__typeof__(zip_file_add) *file_add;
	__typeof__(zip_file_set_dostime) *file_set_dostime;
	__typeof__(zip_file_strerror) *file_strerror;
	__typeof__(zip_fopen) *fopen;
	__typeof__(zip_fread) *fread;
	__typeof__(zip_get_error) *get_error;
	__typeof__(zip_name_locate) *name_locate;
	__typeof__(zip_open) *open;
	__typeof__(zip_open_from_source) *open_from_source;
	__typeof__(zip_source_buffer) *source_buffer;
	__typeof__(zip_source_buffer_create) *source_buffer_create;
	__typeof__(zip_source_close) *source_close;
	__typeof__(zip_source_error) *source_error;
	__typeof__(zip_source_free) *source_free;
	__typeof__(zip_source_keep) *source_keep;
	__typeof__(zip_source_open) *source_open;
	__typeof__(zip_source_read) *source_read;
	__typeof__(zip_source_stat) *source_stat;
} z;

#define ZIP_SYMBOL(f) QMS_DSO_SYMBOL("zip_", struct zip_fns, f)

static const struct qms_dso_symbol zip_symbols[] = {
	ZIP_SYMBOL(close),
	ZIP_SYMBOL(discard),
	ZIP_SYMBOL(error_code_zip),
	ZIP_SYMBOL(error_fini),
	ZIP_SYMBOL(error_init),
	ZIP_SYMBOL(error_init_with_code),
	ZIP_SYMBOL(error_set),
	ZIP_SYMBOL(error_strerror),
	ZIP_SYMBOL(fclose),
	ZIP_SYMBOL(file_add),
	ZIP_SYMBOL(file_set_dostime),
	ZIP_SYMBOL(file_strerror),
	ZIP_SYMBOL(fopen),
	ZIP_SYMBOL(fread),
	ZIP_SYMBOL(get_error),
	ZIP_SYMBOL(name_locate),
	ZIP_SYMBOL(open),
	ZIP_SYMBOL(open_from_source),
	ZIP_SYMBOL(source_buffer),
	ZIP_SYMBOL(source_buffer_create),
	ZIP_SYMBOL(source_close),
	ZIP_SYMBOL(source_error),
	ZIP_SYMBOL(source_free),
	ZIP_SYMBOL(source_keep),
	ZIP_SYMBOL(source_open),
	ZIP_SYMBOL(source_read),
	ZIP_SYMBOL(source_stat),
};

/* Debian 12's library (package libzip4), else the development link. */
static const char *const zip_files[] = {"libzip.so.4", "libzip.so"};

static pthread_once_t zip_once = PTHREAD_ONCE_INIT;
static void *zip_lib;
static char *zip_why; /* why the library did not load; kept for every caller */

static void load_zip(void)
{
	zip_lib = qms_dso_open(zip_files, QMS_ARRAY_LEN(zip_files), zip_symbols, QMS_ARRAY_LEN(zip_symbols), &z,
			       &zip_why);
}

/* 0 once libzip is loaded, else -1 with *why. Safe from any thread. */
static int need_zip(char **why)
{
	pthread_once(&zip_once, load_zip);
	if (zip_lib)
		return 0;
	qms_error(why, QMS_ERR_IO, "%s; install the package %s", zip_why, "libzip4");
	return -1;
}

/* *why from a libzip error (which is then cleared). */
static int zip_fail(char **why, zip_error_t *ze)
{
	*why = qms_xstrdup(z.error_strerror(ze));
	z.error_fini(ze);
	return -1;
}

/* The error of za in ze, then za discarded. */
static int archive_fail(char **why, zip_t *za, zip_source_t *src)
{
	zip_error_t ze;
	z.error_init(&ze);
	z.error_set(&ze, z.error_code_zip(z.get_error(za)), 0);
	z.discard(za);
	z.source_free(src);
	return zip_fail(why, &ze);
}

/* Append the bytes of src (an archive written to memory) to out. */
static int read_back(struct qms_buf *out, zip_source_t *src, char **why)
{
	zip_stat_t st;
	if (z.source_stat(src, &st) < 0 || z.source_open(src) < 0) {
		*why = qms_xstrdup(z.error_strerror(z.source_error(src)));
		return -1;
	}
	char chunk[65536];
	zip_int64_t got;
	while ((got = z.source_read(src, chunk, sizeof(chunk))) > 0)
		qms_buf_add(out, chunk, (size_t)got);
	int rc = 0;
	if (got < 0) {
		*why = qms_xstrdup(z.error_strerror(z.source_error(src)));
		rc = -1;
	}
	z.source_close(src);
	return rc;
}

int qms_zip_write(struct qms_buf *out, const struct qms_zip_part *parts, size_t n, const char **what, char **why)
{
	*what = "open";
	if (need_zip(why) < 0)
		return -1;
	zip_error_t ze;
	z.error_init(&ze);
	zip_source_t *src = z.source_buffer_create(NULL, 0, 0, &ze);
	*what = "memory";
	if (!src)
		return zip_fail(why, &ze);
	z.source_keep(src);
	zip_t *za = z.open_from_source(src, ZIP_TRUNCATE, &ze);
	*what = "open";
	if (!za) {
		z.source_free(src);
		return zip_fail(why, &ze);
	}
	z.error_fini(&ze);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = z.source_buffer(za, parts[i].data, parts[i].len, 0);
		zip_int64_t idx = s ? z.file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			*what = parts[i].name;
			z.source_free(s);
			return archive_fail(why, za, src);
		}
		z.file_set_dostime(za, (zip_uint64_t)idx, 0, (0 << 9) | (1 << 5) | 1, 0);
	}
	*what = "write";
	if (z.close(za) < 0)
		return archive_fail(why, za, src);
	*what = "read back";
	int rc = read_back(out, src, why);
	z.source_free(src);
	return rc;
}

struct qms_zip {
	zip_t *za;
};

int qms_zip_open_file(struct qms_zip **out, const char *path, char **why)
{
	*out = NULL;
	if (need_zip(why) < 0)
		return -1;
	int code = 0;
	zip_t *za = z.open(path, ZIP_RDONLY, &code);
	if (!za) {
		zip_error_t ze;
		z.error_init_with_code(&ze, code);
		return zip_fail(why, &ze);
	}
	*out = qms_xmalloc(sizeof(**out));
	(*out)->za = za;
	return 0;
}

int qms_zip_open_mem(struct qms_zip **out, const void *data, size_t len, char **why)
{
	*out = NULL;
	if (need_zip(why) < 0)
		return -1;
	zip_error_t ze;
	z.error_init(&ze);
	zip_source_t *src = z.source_buffer_create(data, len, 0, &ze);
	if (!src)
		return zip_fail(why, &ze);
	zip_t *za = z.open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		z.source_free(src);
		return zip_fail(why, &ze);
	}
	z.error_fini(&ze);
	*out = qms_xmalloc(sizeof(**out));
	(*out)->za = za;
	return 0;
}

void qms_zip_close(struct qms_zip *a)
{
	if (!a)
		return;
	z.discard(a->za);
	free(a);
}

bool qms_zip_has(struct qms_zip *a, const char *name)
{
	return z.name_locate(a->za, name, 0) >= 0;
}

struct qms_zip_entry {
	zip_file_t *zf;
};

int qms_zip_entry_open(struct qms_zip_entry **out, struct qms_zip *a, const char *name, char **why)
{
	(void)why; /* libzip says no more than "not found" or "cannot read": the file counts as absent */
	zip_file_t *zf = z.fopen(a->za, name, 0);
	*out = NULL;
	if (!zf)
		return 1;
	*out = qms_xmalloc(sizeof(**out));
	(*out)->zf = zf;
	return 0;
}

long long qms_zip_entry_read(struct qms_zip_entry *e, void *buf, size_t n, char **why)
{
	zip_int64_t got = z.fread(e->zf, buf, n);
	if (got < 0)
		*why = qms_xstrdup(z.file_strerror(e->zf));
	return got < 0 ? -1 : (long long)got;
}

void qms_zip_entry_close(struct qms_zip_entry *e)
{
	if (!e)
		return;
	z.fclose(e->zf);
	free(e);
}
