/* Messages in the reader's language.
 *
 * Every sentence qms prints for people is written in English in the
 * source, wrapped in _() where it is used or N_() where it sits in a
 * static table (translate it with _() when it is printed). The English
 * text is the key; po/vi.po holds the Vietnamese. Translators edit only
 * the .po file: the build compiles it into a table, so no locale needs to
 * be installed and the language can come from the workspace.
 *
 * The language is chosen once per process, before any work starts
 * (qms_lang_set()); reading it is then safe from any thread. */
#ifndef QMS_I18N_H
#define QMS_I18N_H

#include <stdbool.h>

enum qms_lang { QMS_LANG_VI, QMS_LANG_EN };

/* Process-wide language of messages. Default: English. Not thread-safe:
 * call before starting threads. */
void qms_lang_set(enum qms_lang lang);
enum qms_lang qms_lang_get(void);

/* "vi" or "en" (also "vi_VN.UTF-8", "en_GB" ...: the part before '_' or
 * '.'). Returns 0 and sets *out, or -1 for any other text. */
int qms_lang_parse(const char *s, enum qms_lang *out);
/* The language the environment asks for: the first entry of LANGUAGE
 * (a colon-separated list) that is vi or en, else the first set of
 * LC_ALL, LC_MESSAGES, LANG when it is vi or en. False when none does. */
bool qms_lang_from_env(enum qms_lang *out);

/* msgid translated into `lang`; msgid itself when there is no
 * translation (or lang is English). Never NULL; static storage. */
const char *qms_tr(enum qms_lang lang, const char *msgid) __attribute__((format_arg(2)));
/* msgid in the sense ctx names (gettext's msgctxt: po/vi.po gives it a
 * `msgctxt "ctx"` line), translated into `lang`: for an English word that
 * needs two renderings ("Migration board": a link's short name, a
 * section's full title). msgid itself when untranslated. */
const char *qms_tr_ctx(enum qms_lang lang, const char *ctx, const char *msgid) __attribute__((format_arg(3)));
/* msgid in the process-wide language. */
const char *qms_gettext(const char *msgid) __attribute__((format_arg(1)));
/* The form of a message for n things: English uses `one` for 1 and
 * `other` for the rest; Vietnamese has one form. */
const char *qms_tr_n(enum qms_lang lang, const char *one, const char *other, unsigned long n)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)));
const char *qms_ngettext(const char *one, const char *other, unsigned long n) __attribute__((format_arg(1)))
__attribute__((format_arg(2)));

#define _(s) qms_gettext(s)
#define N_(s) (s)

#endif
