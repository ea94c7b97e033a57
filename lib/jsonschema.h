/* JSON Schema (draft-07, what yaml-language-server supports best) of each
 * kind of document, generated from the same tables as the checks and
 * docs/format.md (lib/schema.c), so an editor completes and checks keys as
 * qms does: unknown keys, required keys, choices, and patterns for ids,
 * dates, durations, percentages and clause numbers. Descriptions in
 * English and Vietnamese. The editor's check is a first aid: `qms check`
 * remains the judge (flows, times and everything across files). */
#ifndef QMS_JSONSCHEMA_H
#define QMS_JSONSCHEMA_H

#include "model.h"
#include "util.h"

/* The schema of one kind (QMS_KIND_PROCESS...), appended to out. */
void qms_jsonschema_write(struct qms_buf *out, enum qms_kind kind);

#endif
