#include "index.h"

#include <stdlib.h>
#include <string.h>

const struct qms_index_process *qms_index_find_process(const struct qms_index *ix, const char *code)
{
	size_t i = qms_strmap_get(&ix->by_code, code);
	return i == SIZE_MAX ? NULL : &ix->processes[i];
}

const struct qms_index_agency *qms_index_find_agency(const struct qms_index *ix, const char *id)
{
	size_t i = qms_strmap_get(&ix->by_agency, id);
	return i == SIZE_MAX ? NULL : &ix->agencies[i];
}

size_t qms_index_process_step(const struct qms_index_process *p, const char *id)
{
	const char *s = p->step_ids;
	for (size_t i = 0; i < p->nstep_ids; i++, s += strlen(s) + 1)
		if (!strcmp(s, id))
			return i;
	return SIZE_MAX;
}

void qms_index_release(struct qms_index *ix)
{
	qms_strmap_release(&ix->by_code);
	qms_strmap_release(&ix->by_agency);
	qms_arena_release(&ix->arena);
	memset(ix, 0, sizeof(*ix));
}

void qms_index_free(struct qms_index *ix)
{
	if (!ix)
		return;
	qms_index_release(ix);
	free(ix);
}
