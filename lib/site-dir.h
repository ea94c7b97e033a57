/* The folder of a site (internal to site.c): what qms may write and remove
 * there, and the new site built beside the old one and swapped in at the
 * end, so that a run that fails leaves the previous site whole.
 *
 * A site folder holds what qms wrote, listed in its marker (.qms-site),
 * and whatever else the user keeps at its top (a .git folder, a CNAME):
 * that stays. The folders qms writes (those the marker's names start with)
 * must be real folders holding only what the marker lists; anything else
 * there is refused before any work, and nothing is ever written or removed
 * outside the site folder (every name is opened relative to it, through
 * no symbolic link: fs.h's struct qms_dir).
 *
 * Usage: qms_site_dir_begin(), write every file of the new site into
 * sd.stage (a hidden folder inside the site folder), then
 * qms_site_dir_publish(): the marker lists old and new files, each top
 * entry of the stage takes the place of the old one (folders exchanged
 * atomically where the file system can), the old ones are removed (only
 * the files the old marker lists), the marker lists the new files.
 * qms_site_dir_release() removes the stage of a run that did not publish. */
#ifndef QMS_SITE_DIR_H
#define QMS_SITE_DIR_H

#include "fs.h"

/* The folders a site has (NULL-terminated): made by site.c, checked here
 * like those the old marker names. */
extern const char *const qms_site_folders[];

struct qms_site_dir {
	struct qms_dir root; /* the site folder */
	struct qms_dir stage; /* root/.qms-site-new-XXXXXX: the new site */
	struct qms_strlist old; /* what the previous marker lists, sorted */
	bool published;
};

/* Open (create) the site folder dir, refuse it as qms_site_check_dir()
 * does, remove the stages killed runs left, and make a new stage.
 * Returns 0, or -1 with *err (caller frees); release sd in both cases. */
int qms_site_dir_begin(struct qms_site_dir *sd, const char *dir, char **err);

/* Put the stage in place of the old site; files: what the stage holds,
 * relative names (sorted here). *kept is set (caller frees) to a folder
 * left in the site folder because it holds files the old marker does not
 * list (written meanwhile), else NULL. Returns 0, or -1 with *err. */
int qms_site_dir_publish(struct qms_site_dir *sd, struct qms_strlist *files, char **kept, char **err);

/* Or update the site in place (`qms serve`, site.h's memo): open the
 * site folder as qms_site_dir_begin() does, without a stage; write into
 * sd.root; then remove the files the old marker lists that files does
 * not, and write the marker when the list changed. Each returns 0, or -1
 * with *err. */
int qms_site_dir_begin_in_place(struct qms_site_dir *sd, const char *dir, char **err);
int qms_site_dir_finish_in_place(struct qms_site_dir *sd, struct qms_strlist *files, char **err);

void qms_site_dir_release(struct qms_site_dir *sd);

#endif
