/* The workspace handle (workspace.h): a command's files, settings and
 * catalogs, read once. */
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "index.h"
#include "source.h"
#include "status.h"
#include "util.h"

struct qms_workspace {
	struct qms_location loc;
	struct qms_source *source; /* owned, installed while open */
	bool have_settings; /* settings read and kept */
	bool reading_settings; /* qms_settings_read() runs for the handle */
	struct qms_settings settings; /* strings in arena */
	struct qms_arena arena;
	struct qms_catalogs catalogs; /* owned; empty until qms_catalogs_open() keeps them */
};

static struct qms_workspace *current;

int qms_workspace_open(struct qms_workspace **out, const char *path, unsigned flags, char **err)
{
	*out = NULL;
	struct qms_workspace *ws = qms_xcalloc(1, sizeof(*ws));
	if (qms_locate(&ws->loc, path, err) < 0) {
		free(ws);
		return -1;
	}
	ws->source = qms_source_new(flags & QMS_WORKSPACE_KEEP_DOCUMENTS);
	qms_workspace_close(current); /* one at a time */
	current = ws;
	qms_source_install(ws->source);
	*out = ws;
	return 0;
}

static void forget_settings(struct qms_workspace *ws)
{
	ws->have_settings = false;
	memset(&ws->settings, 0, sizeof(ws->settings));
	qms_arena_release(&ws->arena);
}

static void forget_catalogs(struct qms_workspace *ws)
{
	qms_catalogs_release(&ws->catalogs);
}

void qms_workspace_close(struct qms_workspace *ws)
{
	if (!ws)
		return;
	if (current == ws) {
		current = NULL;
		qms_source_install(NULL);
	}
	forget_settings(ws);
	forget_catalogs(ws);
	qms_source_free(ws->source);
	qms_location_release(&ws->loc);
	free(ws);
}

struct qms_workspace *qms_workspace_current(void)
{
	return current;
}

const char *qms_workspace_root(const struct qms_workspace *ws)
{
	return ws->loc.root;
}

bool qms_workspace_has_config(const struct qms_workspace *ws)
{
	return ws->loc.has_config;
}

const struct qms_settings *qms_workspace_settings(struct qms_workspace *ws)
{
	if (ws->have_settings)
		return &ws->settings;
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_arena arena = {0};
	struct qms_settings st;
	ws->reading_settings = true;
	qms_settings_read(&st, &arena, ws->loc.root ? ws->loc.root : "/nonexistent", &diags);
	ws->reading_settings = false;
	/* kept only when clean: a reader must see the problems of qms.yaml
	 * in its own language */
	qms_arena_release(&ws->arena);
	ws->arena = arena;
	ws->settings = st;
	ws->have_settings = diags.len == 0 && ws->loc.root;
	qms_diags_release(&diags);
	return &ws->settings;
}

const struct qms_settings *qms_workspace_kept_settings(const char *root)
{
	struct qms_workspace *ws = current;
	if (!ws || ws->reading_settings || !ws->loc.root || !root || strcmp(ws->loc.root, root))
		return NULL;
	if (!ws->have_settings)
		qms_workspace_settings(ws);
	return ws->have_settings ? &ws->settings : NULL;
}

struct qms_catalogs *qms_workspace_kept_catalogs(void)
{
	return current ? &current->catalogs : NULL;
}

/* rel is under folder `dir` of the workspace. */
static bool under(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(rel, dir, n) && rel[n] == '/';
}

enum qms_change qms_workspace_changed(struct qms_workspace *ws, const char *abs)
{
	qms_source_forget(ws->source, abs);
	const char *root = ws->loc.root;
	size_t n = root ? strlen(root) : 0;
	const char *rel = root && !strncmp(abs, root, n) && abs[n] == '/' ? abs + n + 1 : NULL;
	if (rel && (!strcmp(rel, "qms.yaml") || under(rel, "calendar") || under(rel, "standards"))) {
		forget_settings(ws);
		forget_catalogs(ws);
		return QMS_CHANGE_GLOBAL;
	}
	return QMS_CHANGE_FILE;
}

size_t qms_workspace_disk_reads(const struct qms_workspace *ws)
{
	return qms_source_disk_reads(ws->source);
}
