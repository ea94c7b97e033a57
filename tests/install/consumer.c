/* A program built against the installed library, as a reader of qms.h
 * would write it: check the paths given, print the counts. Built and run
 * by tests/run-install.py with `pkg-config --cflags --libs --static qms`.
 * Prints "files N errors E warnings W". */
#include <qms.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	qms_lang_set(QMS_LANG_EN);
	struct qms_check_options opt = {.jobs = 1};
	struct qms_check_result r;
	char *err = NULL;
	if (qms_check_paths(&r, (const char *const *)argv + 1, (size_t)argc - 1, &opt, &err) < 0) {
		fprintf(stderr, "consumer: %s\n", err);
		free(err);
		return 2;
	}
	printf("files %zu errors %zu warnings %zu\n", r.files, qms_diags_count(&r.diags, QMS_ERROR),
	       qms_diags_count(&r.diags, QMS_WARNING));
	qms_check_result_release(&r);
	return 0;
}
