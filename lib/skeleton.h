/* Skeletons: the first files of a workspace (`qms init`) and of a
 * procedure or a system (`qms new`), commented in the workspace's
 * language. What only a person can write is a placeholder `<...>`, which
 * `qms check` reports (S012) until it is filled; everything else already
 * passes the checks. All functions append to a caller-owned buffer. */
#ifndef QMS_SKELETON_H
#define QMS_SKELETON_H

#include <stdint.h>

#include "i18n.h"
#include "util.h"

struct qms_workspace_skeleton {
	const char *name; /* "Tỉnh Thái Bình"; NULL: a placeholder */
	enum qms_lang lang;
	int32_t deadline; /* migration deadline, -1: none */
	int time_cut; /* percent, -1: the default (40) */
};

void qms_skeleton_workspace(struct qms_buf *out, const struct qms_workspace_skeleton *w);
/* The README of a new workspace: the next steps, in Vietnamese (and in
 * English when lang is English). */
void qms_skeleton_readme(struct qms_buf *out, enum qms_lang lang);
/* .gitignore: lock files and outputs. */
void qms_skeleton_gitignore(struct qms_buf *out);

struct qms_procedure_skeleton {
	const char *code; /* required: an id */
	const char *agency; /* required: an id */
	const char *title; /* NULL: a placeholder */
	enum qms_lang lang;
	int32_t effective; /* -1: a placeholder */
};

void qms_skeleton_procedure(struct qms_buf *out, const struct qms_procedure_skeleton *p);
void qms_skeleton_system(struct qms_buf *out, const char *agency, enum qms_lang lang);

/* A free procedure code for an agency whose procedure codes are codes[0..n)
 * (every code of the workspace, to stay unique): the next number of the
 * agency's own `PREFIX-QT-NN` codes, else the initials of the agency id
 * (`so-tu-phap` gives `STP-QT-01`). Caller frees. */
char *qms_skeleton_suggest_code(const char *agency, const char *const *own, size_t nown, const char *const *all,
				size_t nall);

#endif
