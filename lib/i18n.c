#include "i18n.h"

#include <stddef.h>

static enum qms_lang current = QMS_LANG_EN;

void qms_lang_set(enum qms_lang lang)
{
	current = lang;
}

enum qms_lang qms_lang_get(void)
{
	return current;
}

/* The compiled catalog arrives with the build step for po/vi.po; until
 * then every message is its English msgid. */
const char *qms_tr(enum qms_lang lang, const char *msgid)
{
	(void)lang;
	return msgid;
}

const char *qms_gettext(const char *msgid)
{
	return qms_tr(current, msgid);
}
