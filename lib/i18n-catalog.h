/* The compiled message catalogs (made by po/po2c.py at build time from
 * po/<lang>.po): entries sorted by the bytes of msgid. Internal to
 * i18n.c and the build. */
#ifndef QMS_I18N_CATALOG_H
#define QMS_I18N_CATALOG_H

#include <stddef.h>

struct qms_catalog_entry {
	const char *msgid;
	const char *msgstr; /* plural entries: the forms, each NUL-ended */
};

extern const struct qms_catalog_entry qms_catalog_vi[];
extern const size_t qms_catalog_vi_len;

#endif
