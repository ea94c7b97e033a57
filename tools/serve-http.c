/* qms_http_*: libmicrohttpd serving a generated site (serve-http.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "qms.h"
#include "serve-http.h"

#define VERSION_PATH "/__qms/version"

/* libmicrohttpd is opened when a server starts, not when qms starts:
 * with GnuTLS and the eight libraries it brings it took 4.5 ms of every
 * command's start, `qms check` of one file included (issue 10). Only
 * its headers are used at build time; the functions come from dlsym(). */
static struct mhd_fns {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
} mhd;

#define MHD_SYMBOL(f) QMS_DSO_SYMBOL("MHD_", struct mhd_fns, f)

static const struct qms_dso_symbol mhd_symbols[] = {
	MHD_SYMBOL(start_daemon),        MHD_SYMBOL(stop_daemon),
	MHD_SYMBOL(get_daemon_info),     MHD_SYMBOL(create_response_from_buffer),
	MHD_SYMBOL(add_response_header), MHD_SYMBOL(queue_response),
	MHD_SYMBOL(destroy_response),    MHD_SYMBOL(lookup_connection_value),
};

/* Debian 12's library (package libmicrohttpd12), else the development
 * link of another version. */
static const char *const mhd_files[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

/* Open the library and fill mhd, once per process. 0, or the kind of
 * the error in *err. */
static int mhd_open(char **err)
{
	static void *lib;
	char *why = NULL;
	if (!lib)
		lib = qms_dso_open(mhd_files, QMS_ARRAY_LEN(mhd_files), mhd_symbols, QMS_ARRAY_LEN(mhd_symbols), &mhd,
				   &why);
	if (lib)
		return 0;
	int rc = qms_error(err, QMS_ERR_IO, "%s; install the package %s", why, "libmicrohttpd12");
	free(why);
	return rc;
}

struct qms_http {
	struct MHD_Daemon *daemon;
	const struct qms_dir *site;
	atomic_ulong *version;
	bool loopback; /* check Host */
	unsigned port;
};

static const struct {
	const char *ext, *type;
} content_types[] = {
	{".html", "text/html; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json"},
	{".csv", "text/csv; charset=utf-8"},
	{".md", "text/markdown; charset=utf-8"},
	{".png", "image/png"},
	{".pdf", "application/pdf"},
	{".txt", "text/plain; charset=utf-8"},
	{NULL, NULL},
};

static const char *content_type(const char *rel)
{
	size_t n = strlen(rel);
	for (size_t i = 0; content_types[i].ext; i++) {
		size_t e = strlen(content_types[i].ext);
		if (n > e && !strcmp(rel + n - e, content_types[i].ext))
			return content_types[i].type;
	}
	return "application/octet-stream";
}

/* The script each HTML page gets: poll the version, reload on a change. */
static void add_reload_script(struct qms_buf *b, unsigned long version)
{
	qms_buf_printf(b,
		       "<script>/* qms serve: reload when the site is rebuilt */(function(){var v=%lu;"
		       "function p(){fetch('" VERSION_PATH "',{cache:'no-store'}).then(function(r){return r.text()})"
		       ".then(function(t){if(+t!==v)location.reload();else setTimeout(p,250)},"
		       "function(){setTimeout(p,1000)})}setTimeout(p,250)})();</script>\n",
		       version);
}

/* body, with the reload script before its last </body> (or at its end). */
static void inject(struct qms_buf *out, const struct qms_buf *page, unsigned long version)
{
	const char *at = NULL;
	for (const char *p = page->buf; (p = strstr(p, "</body>")); p++)
		at = p;
	size_t head = at ? (size_t)(at - page->buf) : page->len;
	qms_buf_add(out, page->buf, head);
	add_reload_script(out, version);
	qms_buf_add(out, page->buf + head, page->len - head);
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type, struct qms_buf *body)
{
	/* the buffer goes to the library, which frees it */
	struct MHD_Response *r = mhd.create_response_from_buffer(body->len, body->buf, MHD_RESPMEM_MUST_FREE);
	qms_buf_init(body);
	if (!r)
		return MHD_NO;
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	enum MHD_Result rc = mhd.queue_response(c, status, r);
	mhd.destroy_response(r);
	return rc;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%s\n", text);
	return reply(c, status, "text/plain; charset=utf-8", &b);
}

/* Whether the Host header names the loopback (localhost, 127.x, ::1). */
static bool loopback_host(const char *host)
{
	if (!host)
		return false;
	if (*host == '[')
		return !strncmp(host, "[::1]", 5);
	size_t n = strcspn(host, ":");
	if (n == 9 && !strncasecmp(host, "localhost", 9))
		return true;
	return n >= 4 && !strncmp(host, "127.", 4);
}

/* The site's name for url ("/" and ".../" are index.html), or NULL when
 * it may not be served. Caller frees. */
static char *site_name(const char *url)
{
	if (*url != '/')
		return NULL;
	url++;
	size_t n = strlen(url);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, url);
	if (!n || url[n - 1] == '/')
		qms_buf_adds(&b, "index.html");
	char *rel = b.buf;
	bool ok = qms_path_safe_rel(rel) && rel[0] != '.' && !strstr(rel, "/.");
	if (!ok) {
		free(rel);
		return NULL;
	}
	return rel;
}

static enum MHD_Result serve_file(struct qms_http *h, struct MHD_Connection *c, const char *url)
{
	char *rel = site_name(url);
	if (!rel)
		return send_text(c, MHD_HTTP_FORBIDDEN, _("forbidden"));
	/* read the version first: a page of a newer build with an older
	 * number only reloads once more */
	unsigned long version = atomic_load(h->version);
	struct qms_buf page;
	qms_buf_init(&page);
	char *err = NULL;
	if (qms_dir_read(h->site, rel, &page, &err) < 0) {
		int e = errno;
		free(err);
		free(rel);
		qms_buf_release(&page);
		bool missing = e == ENOENT || e == ENOTDIR;
		return send_text(c, missing ? MHD_HTTP_NOT_FOUND : MHD_HTTP_FORBIDDEN,
				 missing ? _("not found") : _("forbidden"));
	}
	const char *type = content_type(rel);
	free(rel);
	if (strncmp(type, "text/html", 9))
		return reply(c, MHD_HTTP_OK, type, &page);
	struct qms_buf out;
	qms_buf_init(&out);
	inject(&out, &page, version);
	qms_buf_release(&page);
	return reply(c, MHD_HTTP_OK, type, &out);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *http_version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)http_version;
	(void)upload_data;
	struct qms_http *h = cls;
	if (!*con_cls) { /* the headers; the body, if any, comes in later calls */
		*con_cls = h;
		return MHD_YES;
	}
	if (*upload_size) { /* a body is not read: GET and HEAD have none */
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, _("only GET and HEAD"));
	if (h->loopback && !loopback_host(mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
		return send_text(c, MHD_HTTP_FORBIDDEN, _("forbidden"));
	if (!strcmp(url, VERSION_PATH)) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, "%lu", atomic_load(h->version));
		return reply(c, MHD_HTTP_OK, "text/plain; charset=utf-8", &b);
	}
	return serve_file(h, c, url);
}

/* addr from bind and port; whether it is a loopback address. Returns the
 * address's size, or 0 when bind is not a numeric address. */
static socklen_t make_addr(struct sockaddr_storage *ss, const char *bind, unsigned port, bool *loopback)
{
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
		return sizeof(*v4);
	}
	if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
		return sizeof(*v6);
	}
	return 0;
}

struct qms_http *qms_http_start(const char *bind, unsigned port, const struct qms_dir *site, atomic_ulong *version,
				char **err)
{
	struct sockaddr_storage ss;
	bool loopback = false;
	socklen_t len = make_addr(&ss, bind, port, &loopback);
	if (!len) {
		qms_error(err, QMS_ERR_USAGE, "'%s' is not an IP address (such as 127.0.0.1 or ::1)", bind);
		return NULL;
	}
	if (mhd_open(err) < 0)
		return NULL;
	struct qms_http *h = qms_xcalloc(1, sizeof(*h));
	h->site = site;
	h->version = version;
	h->loopback = loopback;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	h->daemon = mhd.start_daemon(flags, (uint16_t)port, NULL, NULL, answer, h, MHD_OPTION_SOCK_ADDR,
				     (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
	if (!h->daemon) {
		qms_error(err, QMS_ERR_IO, "cannot listen on %s port %u: %s", bind, port,
			  strerror(errno ? errno : EADDRINUSE));
		free(h);
		return NULL;
	}
	const union MHD_DaemonInfo *info = mhd.get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
	h->port = info ? info->port : port;
	return h;
}

bool qms_http_address_ok(const char *bind)
{
	struct sockaddr_storage ss;
	bool loopback;
	return make_addr(&ss, bind, 0, &loopback) != 0;
}

unsigned qms_http_port(const struct qms_http *h)
{
	return h->port;
}

void qms_http_stop(struct qms_http *h)
{
	if (!h)
		return;
	mhd.stop_daemon(h->daemon);
	free(h);
}
