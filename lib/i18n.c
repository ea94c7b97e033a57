#include "i18n.h"
#include "i18n-catalog.h"

#include <stdlib.h>
#include <string.h>

static enum qms_lang current = QMS_LANG_EN;

void qms_lang_set(enum qms_lang lang)
{
	current = lang;
}

enum qms_lang qms_lang_get(void)
{
	return current;
}

int qms_lang_parse(const char *s, enum qms_lang *out)
{
	static const char *const names[] = {[QMS_LANG_VI] = "vi", [QMS_LANG_EN] = "en"};
	for (int i = 0; i < 2; i++) {
		if (strncmp(s, names[i], 2) || (s[2] && s[2] != '_' && s[2] != '.' && s[2] != '@'))
			continue;
		*out = (enum qms_lang)i;
		return 0;
	}
	return -1;
}

bool qms_lang_from_env(enum qms_lang *out)
{
	const char *list = getenv("LANGUAGE");
	while (list && *list) {
		char item[64];
		size_t n = strcspn(list, ":");
		if (n && n < sizeof(item)) {
			memcpy(item, list, n);
			item[n] = '\0';
			if (!qms_lang_parse(item, out))
				return true;
		}
		list += n + (list[n] == ':');
	}
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !qms_lang_parse(v, out);
	}
	return false;
}

/* strcmp(ctx "\004" msgid, key), or strcmp(msgid, key) when ctx is
 * NULL: a message with a context is keyed as gettext keys it. */
static int key_cmp(const char *ctx, const char *msgid, const char *key)
{
	if (ctx) {
		size_t n = strlen(ctx);
		int c = strncmp(ctx, key, n);
		if (c)
			return c;
		if ((unsigned char)key[n] != 4)
			return 4 - (unsigned char)key[n];
		key += n + 1;
	}
	return strcmp(msgid, key);
}

/* The compiled entry of msgid (in context ctx, or none), or NULL. */
static const char *lookup(enum qms_lang lang, const char *ctx, const char *msgid)
{
	if (lang != QMS_LANG_VI || !msgid || !*msgid)
		return NULL;
	size_t lo = 0, hi = qms_catalog_vi_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(ctx, msgid, qms_catalog_vi[mid].msgid);
		if (!c)
			return qms_catalog_vi[mid].msgstr;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *qms_tr(enum qms_lang lang, const char *msgid)
{
	const char *s = lookup(lang, NULL, msgid);
	return s ? s : msgid;
}

const char *qms_tr_ctx(enum qms_lang lang, const char *ctx, const char *msgid)
{
	const char *s = lookup(lang, ctx, msgid);
	return s ? s : msgid;
}

const char *qms_gettext(const char *msgid)
{
	return qms_tr(current, msgid);
}

const char *qms_tr_n(enum qms_lang lang, const char *one, const char *other, unsigned long n)
{
	const char *s = lookup(lang, NULL, one);
	if (s)
		return s; /* Vietnamese: one form, the first */
	return n == 1 ? one : other;
}

const char *qms_ngettext(const char *one, const char *other, unsigned long n)
{
	return qms_tr_n(current, one, other, n);
}
