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

enum qms_lang { QMS_LANG_VI, QMS_LANG_EN };

/* Process-wide language of messages. Default: English. Not thread-safe:
 * call before starting threads. */
void qms_lang_set(enum qms_lang lang);
enum qms_lang qms_lang_get(void);

/* msgid translated into `lang`; msgid itself when there is no
 * translation (or lang is English). Never NULL; static storage. */
const char *qms_tr(enum qms_lang lang, const char *msgid) __attribute__((format_arg(2)));
/* msgid in the process-wide language. */
const char *qms_gettext(const char *msgid) __attribute__((format_arg(1)));

#define _(s) qms_gettext(s)
#define N_(s) (s)

#endif
