/* The HTTP side of `qms serve` (tools/serve-http.c, the one file that
 * uses libmicrohttpd): GET and HEAD of the files of a generated site, and
 * /__qms/version, the number of the last build, which a script injected
 * into every HTML page polls to reload itself when it changes.
 *
 * Served: only regular files under the site folder, reached through no
 * symbolic link (qms_dir_read()); a name with "..", ".", an empty
 * component, a control character or a component starting with '.' (the
 * marker, the hidden build folder) is refused with 403 after the URL is
 * decoded (so %2e%2e too); a missing file is 404; a method other than GET
 * or HEAD is 405. When bound to a loopback address, a request whose Host
 * is not a loopback name is refused (403), so that a web page elsewhere
 * cannot read the site through DNS rebinding. Requests are answered in
 * one thread of the library's, one at a time; qms serve runs it in a
 * process of its own (tools/cmd-serve.c), version in shared memory. */
#ifndef QMS_SERVE_HTTP_H
#define QMS_SERVE_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>

#include "qms.h"

struct qms_http;

/* Listen on bind (a numeric IPv4 or IPv6 address) and port (0: a free
 * one), serving the folder site (borrowed, must outlive the server) and
 * *version (borrowed; the caller bumps it after each build). Returns the
 * server or NULL with *err (caller frees). */
struct qms_http *qms_http_start(const char *bind, unsigned port, const struct qms_dir *site, atomic_ulong *version,
				char **err);
/* Whether bind is an address qms_http_start() takes (numeric IPv4 or
 * IPv6), to refuse a wrong one before the first build. */
bool qms_http_address_ok(const char *bind);
/* The port listened on. */
unsigned qms_http_port(const struct qms_http *h);
/* Stop listening, finish the request in progress, free h. */
void qms_http_stop(struct qms_http *h);

#endif
