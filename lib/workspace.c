#include "workspace.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void qms_strlist_push(struct qms_strlist *l, char *owned)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = qms_xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	l->items[l->len++] = owned;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void qms_strlist_sort(struct qms_strlist *l)
{
	if (l->len > 1)
		qsort(l->items, l->len, sizeof(*l->items), str_cmp);
}

void qms_strlist_release(struct qms_strlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

char *qms_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	bool slash = !(la == 1 && a[0] == '/');
	char *out = qms_xmalloc(la + slash + lb + 1); /* a walk joins one per file: one malloc */
	memcpy(out, a, la);
	out[la] = '/';
	memcpy(out + la + slash, b, lb + 1);
	return out;
}

bool qms_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool qms_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *parent_dir(const char *abs)
{
	const char *slash = strrchr(abs, '/');
	if (!slash || slash == abs)
		return qms_xstrdup("/");
	return qms_xstrndup(abs, (size_t)(slash - abs));
}

int qms_locate(struct qms_location *out, const char *path, char **err)
{
	memset(out, 0, sizeof(*out));
	char resolved[PATH_MAX];
	if (!realpath(path, resolved)) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, _("cannot check '%s': %s"), path, strerror(errno));
		*err = qms_buf_detach(&b);
		return -1;
	}
	out->abs = qms_xstrdup(resolved);
	out->is_dir = qms_is_dir(resolved);
	char *dir = out->is_dir ? qms_xstrdup(resolved) : parent_dir(resolved);
	for (;;) {
		char *cfg = qms_path_join(dir, "qms.yaml");
		bool found = qms_is_file(cfg);
		free(cfg);
		if (found) {
			out->root = dir;
			out->has_config = true;
			return 0;
		}
		if (!strcmp(dir, "/"))
			break;
		char *up = parent_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	if (out->is_dir)
		out->root = qms_xstrdup(resolved);
	return 0;
}

void qms_location_release(struct qms_location *loc)
{
	free(loc->abs);
	free(loc->root);
	memset(loc, 0, sizeof(*loc));
}

bool qms_is_yaml_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

struct visited {
	dev_t *dev;
	ino_t *ino;
	size_t len, cap;
};

static bool visit_once(struct visited *v, const struct stat *st)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->dev[i] == st->st_dev && v->ino[i] == st->st_ino)
			return false;
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->dev = qms_xrealloc(v->dev, v->cap * sizeof(*v->dev));
		v->ino = qms_xrealloc(v->ino, v->cap * sizeof(*v->ino));
	}
	v->dev[v->len] = st->st_dev;
	v->ino[v->len++] = st->st_ino;
	return true;
}

static void collect(struct qms_strlist *out, const char *dir, struct visited *seen, unsigned depth)
{
	struct stat st;
	if (depth > 32 || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || !visit_once(seen, &st))
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct qms_strlist names = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		/* Regular files need no stat: d_type says what they are. The
		 * callers sort the whole list: the order here does not matter. */
		if (e->d_type == DT_REG) {
			if (qms_is_yaml_name(e->d_name))
				qms_strlist_push(out, qms_path_join(dir, e->d_name));
			continue;
		}
		qms_strlist_push(&names, qms_xstrdup(e->d_name));
	}
	closedir(d);
	qms_strlist_sort(&names);
	for (size_t i = 0; i < names.len; i++) {
		char *p = qms_path_join(dir, names.items[i]);
		if (stat(p, &st) < 0) {
			/* a dangling link or a file gone meanwhile: let the
			 * loader report it if it looks like a document */
			if (qms_is_yaml_name(names.items[i]))
				qms_strlist_push(out, p);
			else
				free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			collect(out, p, seen, depth + 1);
			free(p);
		} else if (qms_is_yaml_name(names.items[i])) {
			qms_strlist_push(out, p);
		} else {
			free(p);
		}
	}
	qms_strlist_release(&names);
}

void qms_collect_yaml(struct qms_strlist *out, const char *dir)
{
	struct visited seen = {0};
	size_t from = out->len;
	collect(out, dir, &seen, 0);
	if (out->len - from > 1)
		qsort(out->items + from, out->len - from, sizeof(*out->items), str_cmp);
	free(seen.dev);
	free(seen.ino);
}

void qms_workspace_files(struct qms_strlist *out, const char *root)
{
	char *cfg = qms_path_join(root, "qms.yaml");
	if (qms_is_file(cfg))
		qms_strlist_push(out, cfg);
	else
		free(cfg);
	static const char *const subdirs[] = {"processes", "audits", "standards", "calendar"};
	for (size_t i = 0; i < QMS_ARRAY_LEN(subdirs); i++) {
		char *d = qms_path_join(root, subdirs[i]);
		qms_collect_yaml(out, d);
		free(d);
	}
}

char *qms_display_path(const char *abs)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return qms_xstrdup(abs);
	return qms_path_relative(abs, cwd);
}

const char *qms_path_relative_in(const char *abs, const char *cwd)
{
	size_t n = strlen(cwd);
	if (!strcmp(cwd, "/"))
		return abs[0] == '/' && abs[1] ? abs + 1 : abs;
	if (!strncmp(abs, cwd, n) && abs[n] == '/')
		return abs + n + 1;
	if (!strcmp(abs, cwd))
		return NULL;
	return abs;
}

char *qms_path_relative(const char *abs, const char *cwd)
{
	const char *in = qms_path_relative_in(abs, cwd);
	return qms_xstrdup(in ? in : ".");
}
