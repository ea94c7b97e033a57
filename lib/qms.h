/* qms.h: the public interface of libqms, the library behind the `qms`
 * command (quality management under ISO 9001:2015 for Vietnamese state
 * administrative agencies).
 *
 * This is the one header a program includes: the `qms` command itself
 * (tools/) includes nothing else from lib/, and a check in the test suite
 * (tests/check-public-header.py) keeps it so. The headers it includes are
 * installed beside it (`include/qms/`, with `qms.pc` for pkg-config);
 * the other headers of lib/ (the editor, the HTML and layout writers, the
 * rule table, the table readers, the message catalog) are internal and
 * not installed. Build against the installed library with
 *
 *     cc prog.c $(pkg-config --cflags --libs qms)
 *
 * (libqms is a static library; qms.pc requires the libraries it uses:
 * libyaml, Graphviz, utf8proc, libzip and expat).
 *
 * Conventions, the same in every header:
 *
 * Ownership. A function's comment says who owns what it returns. The
 * rules behind those comments: a `char *` returned or stored through an
 * out-parameter is the caller's, freed with free(); a `const char *` is
 * borrowed and lives as long as the object it came from. A struct filled
 * by `qms_X_init()`, `qms_X_load()` or `qms_X_open()` is released with
 * `qms_X_release()` (or `_free()` for a pointer the library allocated),
 * which frees everything the struct points to. Memory exhaustion aborts
 * with a message (util.h's qms_x* allocators): no function returns NULL
 * for lack of memory.
 *
 * Errors. Functions that can fail return an int: 0 on success, a
 * negative `enum qms_err` (util.h) on failure, with a message in the
 * user's language through their `char **err` (the caller frees it),
 * naming the file and what to do. The value is the kind of failure:
 * QMS_ERR_USAGE (-1: what was asked cannot be done as asked),
 * QMS_ERR_IO (the system failed: a file, folder, lock or program),
 * QMS_ERR_DATA (a document the call needs cannot be used as it is).
 * Test `rc < 0` and pass rc on; a bare -1 is a usage failure. A few
 * functions that cannot say more than "not found" or "not valid" return
 * -1 alone (their comment says so). A few return 1 for "nothing to do"
 * (say so in their comment). Problems found in a user's documents are
 * not failures: they are diagnostics (diag.h), collected in a `struct
 * qms_diags` with file, line, column, rule code and severity, and the
 * function still returns 0. The command maps them to its exit status:
 * 0 clean, 1 findings (a diagnostic of severity error, or
 * QMS_ERR_DATA), 2 QMS_ERR_USAGE, 3 QMS_ERR_IO.
 *
 * Language. Messages are written in the language chosen with
 * qms_lang_set() (i18n.h): Vietnamese or English. It is process-wide;
 * set it once before any other call.
 *
 * Threads. The library keeps no state between calls apart from the
 * language, Graphviz's messages in the renderer, and per-thread reuse
 * buffers (util.c, schema.c), so separate objects may be used from
 * separate threads. qms_check_paths() and the
 * dossier reader start worker threads of their own; the renderer and the
 * export start worker processes (fork) for Graphviz, which is not
 * thread-safe: call them from one thread at a time. An object (a report,
 * a catalog set, an index) is not locked: share it read-only, or not at
 * all.
 *
 * Files. Writes go through fs.h: atomic (a temporary file in the same
 * folder, fsync, rename), keeping the mode, group and extended
 * attributes of the file replaced, refusing to follow a planted link
 * where the path is not the user's own. Reads refuse FIFOs and devices.
 */
#ifndef QMS_H
#define QMS_H

/* Strings, arenas, buffers, the language. */
#include "i18n.h"
#include "util.h"

/* Reading documents: YAML into nodes, nodes into the model. */
#include "doc.h"
#include "model.h"
#include "schema.h"
#include "values.h"

/* Diagnostics and their formats (text, JSON, SARIF, ...). */
#include "diag-format.h"
#include "diag.h"

/* Workspaces, files, the index of procedures, catalogs of the standards. */
#include "catalog.h"
#include "fs.h"
#include "index.h"
#include "watch.h"
#include "workspace.h"

/* The jobs: check, coverage, migration, trackers, reports, drawings,
 * pages, exports, dossier results, skeletons and the JSON Schema. */
#include "board.h"
#include "check.h"
#include "coverage.h"
#include "export.h"
#include "migrate.h"
#include "render.h"
#include "report.h"
#include "results.h"
#include "site.h"
#include "skeleton.h"
#include "status.h"
#include "tracker.h"

/* Output writers. */
#include "json.h"
#include "jsonschema.h"
#include "table.h"

#endif
