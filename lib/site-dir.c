/* The folder of a site. See site-dir.h. */
#include "site-dir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define MARKER_HEAD "qms site 1\n"
#define STAGE_PREFIX ".qms-site-new-"
#define KEPT_PREFIX ".qms-site-old-"
#define MAX_NESTING 8 /* folders inside a site folder: diagrams/maps is 2 */

const char *const qms_site_folders[] = {"agencies", "procedures", "diagrams", NULL};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool listed(const struct qms_strlist *l, const char *rel)
{
	return l->len && bsearch(&rel, l->items, l->len, sizeof(*l->items), str_cmp);
}

/* A temporary file of a killed writer: `.<name>.tmp-XXXXXX` (fs.c) or
 * `.<name>.<pid>.tmp` (diagrams of qms before 0.2). */
static bool is_temp_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' &&
	       ((n > 11 && !strncmp(name + n - 11, ".tmp-", 5)) || (n > 4 && !strcmp(name + n - 4, ".tmp")));
}

static bool is_stage_name(const char *name)
{
	return !strncmp(name, STAGE_PREFIX, strlen(STAGE_PREFIX)) && strlen(name) == strlen(STAGE_PREFIX) + 6;
}

/* The names the marker of d lists (sorted), into out; false when d has no
 * marker qms wrote (a link there counts as none). */
static bool read_marker(const struct qms_dir *d, struct qms_strlist *out)
{
	struct qms_buf text;
	qms_buf_init(&text);
	bool ours = qms_dir_read(d, QMS_SITE_MARKER, &text, NULL) == 0 &&
		    !strncmp(text.buf, MARKER_HEAD, strlen(MARKER_HEAD));
	for (char *line = text.buf + strlen(MARKER_HEAD); ours && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (*line)
			qms_strlist_push(out, qms_xstrdup(line));
		if (!nl)
			break;
		line = nl + 1;
	}
	qms_buf_release(&text);
	qms_strlist_sort(out);
	return ours;
}

/* The first component of rel, when rel has more than one, in out. */
static bool top_folder(const char *rel, struct qms_buf *out)
{
	const char *slash = strchr(rel, '/');
	qms_buf_reset(out);
	if (slash)
		qms_buf_add(out, rel, (size_t)(slash - rel));
	return slash && qms_path_safe_rel(out->buf);
}

/* Every entry under the folder rel of d is listed in old (or a temporary
 * file of a killed writer) and every folder is real; else refuse. */
static int check_owned(const struct qms_dir *d, struct qms_buf *rel, const struct qms_strlist *old, int depth,
		       char **err)
{
	struct qms_strlist names = {0};
	int rc = qms_dir_list(d, rel->buf, &names, err);
	if (rc < 0)
		return rc;
	size_t len = rel->len;
	for (size_t i = 0; i < names.len && rc == 0; i++) {
		rel->len = len;
		rel->buf[len] = '\0';
		qms_buf_printf(rel, "/%s", names.items[i]);
		struct stat st;
		if (qms_dir_stat(d, rel->buf, &st) < 0)
			continue; /* gone meanwhile, or a name qms never writes */
		if (S_ISDIR(st.st_mode) && depth < MAX_NESTING)
			rc = check_owned(d, rel, old, depth + 1, err);
		else if (!listed(old, rel->buf) && !is_temp_name(names.items[i]))
			rc = qms_error(err, QMS_ERR_USAGE,
				       "'%s/%s' is not a file qms wrote (the site's %s does not list it); move it "
				       "out of the site folder, nothing was written",
				       d->path, rel->buf, QMS_SITE_MARKER);
	}
	rel->len = len;
	rel->buf[len] = '\0';
	qms_strlist_release(&names);
	return rc;
}

/* The folders of a site, and those the old marker names, must be real
 * folders holding only what it lists. */
static int check_site(const struct qms_dir *d, const struct qms_strlist *old, char **err)
{
	struct qms_strlist tops = {0};
	for (size_t i = 0; qms_site_folders[i]; i++)
		qms_strlist_push(&tops, qms_xstrdup(qms_site_folders[i]));
	struct qms_buf top;
	qms_buf_init(&top);
	for (size_t i = 0; i < old->len; i++)
		if (top_folder(old->items[i], &top))
			qms_strlist_push(&tops, qms_buf_detach(&top));
	qms_buf_release(&top);
	qms_strlist_sort(&tops);
	int rc = 0;
	for (size_t i = 0; i < tops.len && rc == 0; i++) {
		struct stat st;
		if ((i && !strcmp(tops.items[i], tops.items[i - 1])) || qms_dir_stat(d, tops.items[i], &st) < 0)
			continue; /* seen, or not there: nothing to check */
		qms_buf_reset(&top);
		qms_buf_adds(&top, tops.items[i]);
		rc = check_owned(d, &top, old, 0, err); /* refuses a link or a file */
	}
	qms_buf_release(&top);
	qms_strlist_release(&tops);
	return rc;
}

/* Whether d holds nothing but stages of killed runs. */
static bool is_empty(const struct qms_dir *d)
{
	struct qms_strlist names = {0};
	bool empty = qms_dir_list(d, "", &names, NULL) == 0;
	for (size_t i = 0; empty && i < names.len; i++)
		empty = is_stage_name(names.items[i]);
	qms_strlist_release(&names);
	return empty;
}

/* Open the site folder dir into root (made when create; root->fd stays -1
 * when it does not exist and create is false), its marker's names into
 * old, and refuse what may not be written. */
static int open_root(struct qms_dir *root, struct qms_strlist *old, const char *dir, bool create, char **err)
{
	root->fd = -1;
	root->path = NULL;
	char *real = qms_file_resolve(dir, err);
	if (!real)
		return QMS_ERR_IO;
	struct stat st;
	int rc;
	bool exists = stat(real, &st) == 0;
	if (!exists && errno != ENOENT)
		rc = qms_error(err, QMS_ERR_IO, "cannot use '%s': %s", dir, strerror(errno));
	else if (exists && !S_ISDIR(st.st_mode))
		rc = qms_error(err, QMS_ERR_USAGE, "'%s' exists and is not a folder; give a new folder for the site",
			       dir);
	else if (!exists && !create)
		rc = 0;
	else if ((rc = qms_dir_open(root, real, create, err)) == 0) {
		free(root->path);
		root->path = qms_xstrdup(dir);
		if (read_marker(root, old))
			rc = check_site(root, old, err);
		else if (is_empty(root))
			rc = 0;
		else
			rc = qms_error(err, QMS_ERR_USAGE,
				       "'%s' is not empty and is not a site qms wrote (it has no %s); give a new or "
				       "empty folder, nothing was written",
				       dir, QMS_SITE_MARKER);
	}
	free(real);
	return rc;
}

int qms_site_check_dir(const char *dir, char **err)
{
	struct qms_dir root;
	struct qms_strlist old = {0};
	int rc = open_root(&root, &old, dir, false, err);
	qms_dir_close(&root);
	qms_strlist_release(&old);
	return rc;
}

int qms_site_dir_begin(struct qms_site_dir *sd, const char *dir, char **err)
{
	memset(sd, 0, sizeof(*sd));
	sd->stage.fd = -1;
	int rc = open_root(&sd->root, &sd->old, dir, true, err);
	if (rc < 0)
		return rc;
	struct qms_strlist names = {0};
	rc = qms_dir_list(&sd->root, "", &names, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < names.len; i++)
		if (is_stage_name(names.items[i]))
			qms_dir_remove_tree(&sd->root, names.items[i]); /* all qms's: a killed run's */
	qms_strlist_release(&names);
	return qms_dir_make_temp(&sd->stage, &sd->root, STAGE_PREFIX, err);
}

/* The marker: MARKER_HEAD and the names of a and b (sorted, each once). */
static int write_marker(const struct qms_dir *root, const struct qms_strlist *a, const struct qms_strlist *b,
			char **err)
{
	struct qms_buf text;
	qms_buf_init(&text);
	qms_buf_adds(&text, MARKER_HEAD);
	size_t i = 0, j = 0;
	while (i < a->len || j < b->len) {
		int c = i == a->len ? 1 : j == b->len ? -1 : strcmp(a->items[i], b->items[j]);
		qms_buf_printf(&text, "%s\n", c <= 0 ? a->items[i] : b->items[j]);
		i += c <= 0;
		j += c >= 0;
	}
	int rc = qms_dir_write(root, QMS_SITE_MARKER, text.buf, text.len, 0, err);
	qms_buf_release(&text);
	return rc;
}

/* Remove from the folder rel of d the files old lists and temporary files,
 * then the folders left empty. Returns 0 when rel is gone. */
static int prune(const struct qms_dir *d, struct qms_buf *rel, const struct qms_strlist *old, int depth)
{
	struct qms_strlist names = {0};
	if (qms_dir_list(d, rel->buf, &names, NULL) < 0)
		return -1;
	int rc = 0;
	size_t len = rel->len;
	for (size_t i = 0; i < names.len; i++) {
		rel->len = len;
		rel->buf[len] = '\0';
		qms_buf_printf(rel, "/%s", names.items[i]);
		struct stat st;
		/* the path in the site: without the stage's own name */
		const char *site_rel = strchr(rel->buf, '/') + 1;
		if (qms_dir_stat(d, rel->buf, &st) < 0)
			rc = -1;
		else if (S_ISDIR(st.st_mode) && depth < MAX_NESTING)
			rc |= prune(d, rel, old, depth + 1);
		else if (!(listed(old, site_rel) || is_temp_name(names.items[i])) || qms_dir_remove(d, rel->buf) < 0)
			rc = -1;
	}
	rel->len = len;
	rel->buf[len] = '\0';
	qms_strlist_release(&names);
	if (qms_dir_remove_empty(d, rel->buf) < 0)
		rc = -1;
	return rc;
}

/* After the swap the stage holds the old folders: remove what the old
 * marker lists; a stage left with other files is renamed KEPT_PREFIX... */
static void remove_old(struct qms_site_dir *sd, char **kept)
{
	const char *name = strrchr(sd->stage.path, '/') + 1;
	struct qms_buf rel;
	qms_buf_init(&rel);
	qms_buf_adds(&rel, name);
	if (prune(&sd->root, &rel, &sd->old, 0) < 0) {
		struct qms_dir aside;
		char *err = NULL;
		/* an empty folder takes the new name; the stage is moved into
		 * its place so that the next run does not remove it */
		if (qms_dir_make_temp(&aside, &sd->root, KEPT_PREFIX, &err) == 0) {
			const char *aside_name = strrchr(aside.path, '/') + 1;
			if (qms_dir_rename(&sd->root, name, aside_name) == 0)
				*kept = qms_xstrdup(aside.path);
		}
		free(err);
		qms_dir_close(&aside);
	}
	qms_buf_release(&rel);
}

int qms_site_dir_publish(struct qms_site_dir *sd, struct qms_strlist *files, char **kept, char **err)
{
	*kept = NULL;
	qms_strlist_sort(files);
	/* flushed before it is shown: the files were written without fsync */
	int rc = qms_dir_sync(&sd->stage, err);
	/* until the end, the marker lists old and new: a run killed in the
	 * middle leaves a folder the next run accepts */
	if (rc == 0)
		rc = write_marker(&sd->root, &sd->old, files, err);
	struct qms_strlist names = {0};
	if (rc == 0)
		rc = qms_dir_list(&sd->stage, "", &names, err);
	if (rc < 0)
		return rc;
	qms_strlist_sort(&names);
	for (size_t i = 0; i < names.len && rc == 0; i++)
		rc = qms_dir_swap(&sd->stage, &sd->root, names.items[i], err);
	/* old top entries the new site has not: files go, folders join the
	 * old ones in the stage */
	struct qms_buf top;
	qms_buf_init(&top);
	for (size_t i = 0; i < sd->old.len && rc == 0; i++) {
		const char *entry = top_folder(sd->old.items[i], &top) ? top.buf : sd->old.items[i];
		struct stat st;
		if (!qms_path_safe_rel(entry) || strchr(entry, '/') || listed(&names, entry) ||
		    qms_dir_stat(&sd->root, entry, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = qms_dir_swap(&sd->root, &sd->stage, entry, err);
		else
			qms_dir_remove(&sd->root, entry);
	}
	qms_buf_release(&top);
	qms_strlist_release(&names);
	if (rc == 0)
		rc = write_marker(&sd->root, &(struct qms_strlist){0}, files, err);
	if (rc == 0) {
		sd->published = true;
		remove_old(sd, kept);
	}
	return rc;
}

int qms_site_dir_begin_in_place(struct qms_site_dir *sd, const char *dir, char **err)
{
	memset(sd, 0, sizeof(*sd));
	sd->stage.fd = -1;
	return open_root(&sd->root, &sd->old, dir, true, err);
}

int qms_site_dir_finish_in_place(struct qms_site_dir *sd, struct qms_strlist *files, char **err)
{
	qms_strlist_sort(files);
	bool same = files->len == sd->old.len;
	for (size_t i = 0; i < sd->old.len; i++) {
		bool keep = listed(files, sd->old.items[i]);
		same &= keep;
		if (!keep && qms_path_safe_rel(sd->old.items[i]))
			qms_dir_remove(&sd->root, sd->old.items[i]);
	}
	sd->published = true;
	return same ? 0 : write_marker(&sd->root, &(struct qms_strlist){0}, files, err);
}

void qms_site_dir_release(struct qms_site_dir *sd)
{
	if (sd->stage.path && !sd->published) {
		const char *name = strrchr(sd->stage.path, '/') + 1;
		qms_dir_remove_tree(&sd->root, name);
	}
	qms_dir_close(&sd->stage);
	qms_dir_close(&sd->root);
	qms_strlist_release(&sd->old);
}
