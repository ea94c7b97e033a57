/* The loader: every refusal gives one positioned error; what YAML allows
 * and the format accepts (BOM, CRLF) loads with correct positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "readahead.h"
#include "schema.h"
#include "source.h"
#include "textscan.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef QMS_HAVE_IO_URING
#include <liburing.h>
#endif

struct outcome {
	int rc;
	struct qms_diags diags;
	struct qms_doc *doc;
};

static struct outcome parse_bytes(const char *text, size_t len)
{
	struct outcome o;
	qms_diags_init(&o.diags);
	o.rc = qms_doc_parse(&o.doc, "t.yaml", text, len, &o.diags);
	return o;
}

static struct outcome parse(const char *text)
{
	return parse_bytes(text, strlen(text));
}

static void outcome_release(struct outcome *o)
{
	qms_doc_free(o->doc);
	qms_diags_release(&o->diags);
}

/* Exactly one diagnostic with this code at this position. */
static void assert_refused(const char *text, size_t len, const char *code, unsigned line, unsigned col)
{
	struct outcome o = parse_bytes(text, len);
	assert_int_equal(o.rc, -1);
	assert_null(o.doc);
	assert_int_equal(o.diags.len, 1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, code);
	assert_int_equal(o.diags.items[0].line, line);
	assert_int_equal(o.diags.items[0].col, col);
	assert_string_equal(o.diags.items[0].file, "t.yaml");
	outcome_release(&o);
}

#define REFUSED(text, code, line, col) assert_refused(text, sizeof(text) - 1, code, line, col)

static void test_syntax_error(void **state)
{
	(void)state;
	REFUSED("process:\n  code: [a, b\n", "L001", 3, 1);
	REFUSED("process:\n  title: \"open\n", "L001", 3, 1);
	REFUSED("a: b: c\n", "L001", 1, 5);
}

static void test_tab_indent(void **state)
{
	(void)state;
	struct outcome o = parse("process:\n\tcode: x\n");
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.diags.len, 1);
	assert_int_equal(o.diags.items[0].line, 2);
	assert_int_equal(o.diags.items[0].col, 1);
	assert_non_null(strstr(o.diags.items[0].message, "tab"));
	outcome_release(&o);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	REFUSED("process:\n  code: a\n  title: t\n  code: b\n", "L002", 4, 3);
	struct outcome o = parse("process:\n  code: a\n  code: b\n");
	assert_non_null(strstr(o.diags.items[0].message, "first at line 2"));
	outcome_release(&o);
}

static void test_duplicate_key_in_large_mapping(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	for (int i = 0; i < 5000; i++)
		qms_buf_printf(&b, "k%d: v\n", i);
	qms_buf_adds(&b, "k1234: again\n");
	struct outcome o = parse_bytes(b.buf, b.len);
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.diags.len, 1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, "L002");
	assert_int_equal(o.diags.items[0].line, 5001);
	assert_non_null(strstr(o.diags.items[0].message, "first at line 1235"));
	outcome_release(&o);
	qms_buf_release(&b);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	REFUSED("process:\n  title: caf\xc3\n", "L003", 2, 13);
	REFUSED("a: \xc0\xaf\n", "L003", 1, 4); /* overlong */
	REFUSED("a: \xed\xa0\x80\n", "L003", 1, 4); /* surrogate */
	REFUSED("a: \xf4\x90\x80\x80\n", "L003", 1, 4); /* above U+10FFFF */
	REFUSED("a: Tiếng Việt \xff\n", "L003", 1, 15); /* column counts characters */
}

static void test_utf16(void **state)
{
	(void)state;
	REFUSED("\xff\xfep\x00r\x00", "L003", 1, 1);
	REFUSED("\xfe\xff\x00p\x00r", "L003", 1, 1);
}

static void test_nul_byte(void **state)
{
	(void)state;
	REFUSED("process:\n  code: a\0b\n", "L004", 2, 10);
}

static void test_control_characters(void **state)
{
	(void)state;
	REFUSED("process:\n  code: X-1\n  title: T\vx\n", "L004", 3, 11);
	REFUSED("a: \x1b[31m\n", "L004", 1, 4);
	REFUSED("a: b\x7f\n", "L004", 1, 5);
	REFUSED("a: \xc2\x9b\n", "L004", 1, 4); /* C1 control U+009B */
}

/* The bytes are checked in full only when libyaml refuses the text, yet
 * a bad byte is still the one problem reported, wherever it is and
 * whatever the parse met before it. */
static void test_bad_byte_after_other_problems(void **state)
{
	(void)state;
	REFUSED("a: [1, 2\nb: c\xff\n", "L003", 2, 5); /* after a syntax error */
	REFUSED("a: &x 1\nb: \x01\n", "L004", 2, 4); /* after an anchor */
	REFUSED("a: 1\na: 2\nb: \xc3\n", "L003", 3, 4); /* after a duplicate key */
	REFUSED("a: tiếng\tx\n\xe0\x80\x80: 1\n", "L003", 2, 1); /* overlong, in a text with a tab */
}

/* What the quick pass over the text lets through unchecked is only what
 * needs no check: text with a tab, an escape, an invisible or a
 * decomposed character still gets its checks. */
static void test_scalar_checks_in_every_kind_of_text(void **state)
{
	(void)state;
	REFUSED("a: tiếng\nb: \"x\\u0085y\"\n", "L004", 2, 4); /* C1 by an escape */
	REFUSED("a: tiếng\n\"x\\ty\": 1\n", "L004", 2, 1); /* tab in a key, by an escape */
	REFUSED("a: tiếng\n? 'x\n\n  y'\n: 1\n", "L004", 2, 3); /* a line break in a key, unescaped */
	struct outcome o = parse("a: Vi\xe1\xbb\x87t\nb: x\xe2\x80\x8by\n"); /* zero-width space */
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.diags.len, 1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, "L013");
	assert_int_equal(o.diags.items[0].col, 5);
	outcome_release(&o);
	o = parse("a: Vi\xe1\xbb\x87t\nb: Vie\xcc\xa3\xcc\x82t\n"); /* NFD: composed, one column */
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.doc->root->first->next->value->text, "Vi\xe1\xbb\x87t");
	outcome_release(&o);
}

static void test_cr_line_ends(void **state)
{
	(void)state;
	/* old Mac line ends count as line ends in positions too */
	REFUSED("process:\r  code: X\r  title: caf\xc3\r", "L003", 3, 13);
}

static void test_key_three_times(void **state)
{
	(void)state;
	struct outcome o = parse("process:\n  code: a\n  code: b\n  code: c\n");
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.diags.len, 2); /* lines 3 and 4, each against line 2 */
	assert_int_equal(o.diags.items[0].line, 3);
	assert_int_equal(o.diags.items[1].line, 4);
	assert_non_null(strstr(o.diags.items[1].message, "first at line 2"));
	outcome_release(&o);
}

static void test_too_deep(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, "a: ");
	for (int i = 0; i < 200000; i++)
		qms_buf_addc(&b, '[');
	for (int i = 0; i < 200000; i++)
		qms_buf_addc(&b, ']');
	struct outcome o = parse_bytes(b.buf, b.len);
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.diags.len, 1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, "L005");
	assert_int_equal(o.diags.items[0].line, 1);
	assert_int_equal(o.diags.items[0].col, 4 + QMS_MAX_DEPTH - 1);
	outcome_release(&o);
	qms_buf_release(&b);
}

static void test_too_large(void **state)
{
	(void)state;
	size_t len = QMS_MAX_FILE_SIZE + 1;
	char *big = malloc(len);
	memset(big, 'a', len);
	struct outcome o = parse_bytes(big, len);
	assert_int_equal(o.rc, -1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, "L006");
	outcome_release(&o);
	/* a single scalar over the scalar limit, in a file under the file limit */
	size_t slen = QMS_MAX_SCALAR_SIZE + 100;
	memcpy(big, "a: ", 3);
	memset(big + 3, 'x', slen - 4);
	big[slen - 1] = '\n';
	o = parse_bytes(big, slen);
	assert_int_equal(o.rc, -1);
	assert_int_equal(o.diags.len, 1);
	assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, "L006");
	assert_int_equal(o.diags.items[0].line, 1);
	assert_int_equal(o.diags.items[0].col, 4);
	outcome_release(&o);
	free(big);
}

static void test_anchors_and_aliases(void **state)
{
	(void)state;
	REFUSED("a: &x [1, 2]\nb: *x\n", "L007", 1, 4);
	REFUSED("a: &a [*a]\n", "L007", 1, 4);
	REFUSED("a: [x]\nb: *nothing\n", "L007", 2, 4);
	/* the classic bomb ends at the first anchor */
	REFUSED("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\n", "L007", 1, 4);
}

static void test_empty(void **state)
{
	(void)state;
	REFUSED("", "L008", 1, 1);
	REFUSED("# only a comment\n", "L008", 1, 1);
}

static void test_multiple_documents(void **state)
{
	(void)state;
	REFUSED("a: 1\n---\nb: 2\n", "L009", 2, 1);
}

static void test_complex_key(void **state)
{
	(void)state;
	REFUSED("? [a, b]\n: c\n", "L011", 1, 3);
	REFUSED("{[a]: b}\n", "L011", 1, 2);
}

static void test_bom_and_crlf(void **state)
{
	(void)state;
	struct outcome o = parse("\xef\xbb\xbfprocess:\r\n  code: STP-QT-01\r\n  title: Cấp phiếu\r\n");
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.diags.len, 0);
	const struct qms_node *p = qms_node_get(o.doc->root, "process");
	assert_non_null(p);
	const struct qms_node *code = qms_node_get(p, "code");
	assert_string_equal(code->text, "STP-QT-01");
	assert_int_equal(code->line, 2);
	assert_int_equal(code->col, 9);
	const struct qms_node *title = qms_node_get(p, "title");
	assert_string_equal(title->text, "Cấp phiếu");
	assert_int_equal(title->line, 3);
	outcome_release(&o);
}

/* Text is NFC whichever way it was typed; the composed fast path never
 * skips a text that needs composing. */
static void test_nfc(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *nfc;
	} cases[] = {
		{"a: Cấp phiếu\n", "Cấp phiếu"}, /* composed: kept */
		{"a: Ca\xcc\x82\xcc\x81p\n", "Cấp"}, /* decomposed */
		{"a: c\xc3\xa2\xcc\x81p\n", "cấp"}, /* composed â + combining acute */
		{"a: \xe1\xbb\x87\xcc\x80\n", "\xe1\xbb\x87\xcc\x80"}, /* ệ + grave: nothing composes */
		{"a: 5 \xe2\x84\xab\n", "5 \xc3\x85"}, /* U+212B angstrom, a singleton */
		{"a: \xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x93 y\n", "\xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x93 y"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct outcome o = parse(cases[i].typed);
		assert_int_equal(o.rc, 0);
		assert_string_equal(qms_node_get(o.doc->root, "a")->text, cases[i].nfc);
		outcome_release(&o);
	}
}

static void test_positions_are_one_based(void **state)
{
	(void)state;
	struct outcome o = parse("process:\n  steps:\n    - {id: a, name: Tiếp nhận}\n    - id: b\n");
	assert_int_equal(o.rc, 0);
	const struct qms_node *steps = qms_node_get(qms_node_get(o.doc->root, "process"), "steps");
	assert_int_equal(steps->type, QMS_NODE_SEQ);
	assert_int_equal(steps->count, 2);
	const struct qms_node *first = steps->first;
	assert_int_equal(first->line, 3);
	assert_int_equal(first->col, 7);
	const struct qms_node *name = qms_node_get(first, "name");
	assert_int_equal(name->col, 21);
	const struct qms_node *b = qms_node_get(first->next, "id");
	assert_int_equal(b->line, 4);
	assert_int_equal(b->col, 11);
	outcome_release(&o);
}

static void test_kind_detection(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int rc;
		const char *code;
		const char *needle;
	} cases[] = {
		{"- a\n- b\n", -1, "L010", "is a list"},
		{"just text\n", -1, "L010", "is text"},
		{"proces:\n  code: a\n", -1, "L010", "did you mean 'process'"},
		{"foo: 1\n", -1, "L010", "top-level key"},
		{"process: {}\nsystem: {}\n", -1, "L010", "'process' and 'system'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct outcome o = parse(cases[i].text);
		assert_int_equal(o.rc, 0);
		struct qms_document d;
		int rc = qms_document_decode(&d, o.doc, &o.diags);
		assert_int_equal(rc, cases[i].rc);
		assert_int_equal(o.diags.len, 1);
		assert_string_equal(qms_rule_get(o.diags.items[0].rule)->code, cases[i].code);
		assert_non_null(strstr(o.diags.items[0].message, cases[i].needle));
		outcome_release(&o);
	}
}

static void test_load_missing_file(void **state)
{
	(void)state;
	struct qms_diags diags;
	struct qms_doc *doc;
	qms_diags_init(&diags);
	assert_int_equal(qms_doc_load(&doc, "/nonexistent/x.yaml", &diags), -1);
	assert_null(doc);
	assert_int_equal(diags.len, 1);
	assert_string_equal(qms_rule_get(diags.items[0].rule)->code, "L012");
	qms_diags_release(&diags);
	qms_diags_init(&diags);
	assert_int_equal(qms_doc_load(&doc, "/", &diags), -1);
	assert_string_equal(qms_rule_get(diags.items[0].rule)->code, "L012");
	qms_diags_release(&diags);
}

/* A file read once is not kept by the source (no copy, no entry) until
 * qms_source_keep(); then it is read from memory, not from the disk. */
static void test_source_bytes_once(void **state)
{
	(void)state;
	char path[] = "/tmp/qms-test-once-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a: 1\n", 5), 5);
	close(fd);
	struct qms_source *s = qms_source_new(false);
	struct qms_diags diags;
	qms_diags_init(&diags);
	const char *buf;
	size_t len;
	bool kept = true;
	assert_int_equal(qms_source_bytes_once(s, &buf, &len, &kept, path, &diags), 0);
	assert_false(kept);
	assert_int_equal(len, 5);
	assert_int_equal(qms_source_disk_reads(s), 1);
	assert_int_equal(qms_source_bytes_once(s, &buf, &len, &kept, path, &diags), 0);
	assert_false(kept);
	assert_int_equal(qms_source_disk_reads(s), 2);
	qms_source_keep(s, path, buf, len);
	unlink(path); /* from memory from now on */
	assert_int_equal(qms_source_bytes_once(s, &buf, &len, &kept, path, &diags), 0);
	assert_true(kept);
	assert_memory_equal(buf, "a: 1\n", 5);
	assert_int_equal(qms_source_bytes(s, &buf, &len, path, &diags), 0);
	assert_int_equal(qms_source_disk_reads(s), 2);
	assert_int_equal(qms_source_hits(s), 2);
	assert_int_equal(diags.len, 0);
	/* a file that cannot be read is said so, as by qms_source_bytes() */
	assert_int_equal(qms_source_bytes_once(s, &buf, &len, &kept, "/nonexistent/x.yaml", &diags), -1);
	assert_int_equal(diags.len, 1);
	qms_diags_release(&diags);
	qms_source_free(s);
}

/* The kernel lets this process make an io_uring ring, and read-ahead is
 * not turned off (QMS_READAHEAD=0): read-ahead reads. */
static bool ring_allowed(void)
{
#ifdef QMS_HAVE_IO_URING
	const char *off = getenv("QMS_READAHEAD");
	if (off && !strcmp(off, "0"))
		return false;
	struct io_uring ring;
	if (io_uring_queue_init(4, &ring, 0) < 0)
		return false;
	io_uring_queue_exit(&ring);
	return true;
#else
	return false;
#endif
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Read-ahead gives each regular file its own bytes, once, and leaves
 * everything else (missing, a folder, a FIFO, over the batch's bytes) to
 * qms_doc_read_file(), which says why as before. */
static void test_readahead(void **state)
{
	(void)state;
	char dir[] = "/tmp/qms-test-ahead-XXXXXX";
	assert_non_null(mkdtemp(dir));
	enum { NFILES = 8 };
	char paths[NFILES][64];
	static const char *const names[NFILES] = {"a.yaml",   "empty.yaml", "b.yaml",   "gone.yaml",
						  "dir.yaml", "fifo.yaml",  "big.yaml", "c.yaml"};
	for (size_t i = 0; i < NFILES; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", dir, names[i]);
	write_file(paths[0], "a: 1\n", 5);
	write_file(paths[1], "", 0);
	write_file(paths[2], "b: [1, 2]\n", 10);
	assert_int_equal(mkdir(paths[4], 0700), 0);
	assert_int_equal(mkfifo(paths[5], 0600), 0);
	size_t big_len = 2 * 1024 * 1024; /* over a batch's bytes */
	char *big = malloc(big_len);
	assert_non_null(big);
	memset(big, 'x', big_len);
	write_file(paths[6], big, big_len);
	write_file(paths[7], "c: 3\n", 5);
	const char *list[NFILES];
	for (size_t i = 0; i < NFILES; i++)
		list[i] = paths[i];
	qms_readahead(list, NFILES);

	bool ring = ring_allowed();
	const char *buf;
	size_t len;
	static const bool read_ahead[NFILES] = {true, true, true, false, false, false, false, true};
	for (size_t k = 0; k < NFILES; k++) {
		size_t i = (k * 3) % NFILES; /* taken in another order than read */
		assert_int_equal(qms_readahead_take(paths[i], &buf, &len), ring && read_ahead[i]);
		assert_false(qms_readahead_take(paths[i], &buf, &len)); /* once */
	}
	if (!ring)
		print_message("no read-ahead here (io_uring refused, or QMS_READAHEAD=0): every file was left to the "
			      "usual read\n");

	/* what the batch read and what it left: the bytes and errors of a plain read */
	qms_readahead(list, NFILES);
	static const char *const want[] = {"a: 1\n", "", "b: [1, 2]\n", NULL, NULL, NULL, NULL, "c: 3\n"};
	for (size_t i = 0; i < NFILES; i++) {
		struct qms_diags diags;
		qms_diags_init(&diags);
		int rc = qms_doc_read_file(&buf, &len, paths[i], &diags);
		if (want[i]) {
			assert_int_equal(rc, 0);
			assert_int_equal(len, strlen(want[i]));
			assert_memory_equal(buf, want[i], len);
		} else if (i == 6) {
			assert_int_equal(rc, 0); /* read the usual way */
			assert_int_equal(len, big_len);
			assert_memory_equal(buf, big, len);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(diags.len, 1);
			assert_int_equal(diags.items[0].rule, QMS_RULE_L012);
		}
		qms_diags_release(&diags);
	}
	qms_readahead_release();
	free(big);
	for (size_t i = 0; i < NFILES; i++)
		i == 4 ? rmdir(paths[i]) : unlink(paths[i]);
	rmdir(dir);
}

/* The reference of qms_text_skip_plain(): character by character. */
static size_t skip_plain_reference(const unsigned char *s, size_t i, size_t len)
{
	while (i < len) {
		if (s[i] >= 0x80 && !qms_composed_letter(s + i, len - i))
			return i;
		size_t n = s[i] < 0x80 ? 1 : s[i] < 0xe0 ? 2 : s[i] < 0xf0 ? 3 : 4;
		i += n;
	}
	return len;
}

/* Each way of the quick scan against the reference, from every character
 * of random valid texts made of what procedures hold and what must stop
 * the scan: it may stop early only at a composed letter starting 0xe1
 * (where the SWAR way cannot see the next byte), never late. */
static void test_text_skip_plain(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a",
		"Z",
		" ",
		"\n",
		":",
		"-",
		"\xc3\xa0" /* à */,
		"\xc6\xb0" /* ư */,
		"\xcb\x86" /* ˆ */,
		"\xe1\xba\xa1" /* ạ */,
		"\xe1\xbb\x87" /* ệ */,
		"\xe1\xb8\x80" /* Ḁ */,
		"\xc2\xa0" /* no-break space */,
		"\xc2\x85" /* NEL */,
		"\xcc\x81" /* combining acute */,
		"\xe2\x80\x94" /* em dash */,
		"\xe1\x80\x80" /* U+1000 */,
		"\xe1\xbc\x80" /* U+1F00 */,
		"\xef\xbb\xbf" /* BOM */,
		"\xf0\x9f\x98\x80" /* emoji */,
		"\xdf\xbf",
	};
	size_t (*const ways[])(const unsigned char *, size_t, size_t) = {qms_text_skip_plain, qms_text_skip_plain_swar,
									 qms_text_skip_plain_sse2};
	unsigned seed = 12345;
	unsigned char text[200];
	size_t starts[200];
	for (int round = 0; round < 3000; round++) {
		size_t len = 0, nstarts = 0, want = 1 + (size_t)(round % 150);
		bool rare = round % 3 == 0; /* long plain stretches, then one stop */
		while (len < want) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 100;
			size_t k = rare ? (r < 97 ? r % 10 : 10 + r % 11) : r % QMS_ARRAY_LEN(pieces);
			size_t n = strlen(pieces[k]);
			if (len + n > sizeof(text))
				break;
			starts[nstarts++] = len;
			memcpy(text + len, pieces[k], n);
			len += n;
		}
		for (size_t c = 0; c < nstarts; c++) {
			size_t want_at = skip_plain_reference(text, starts[c], len);
			for (size_t w = 0; w < QMS_ARRAY_LEN(ways); w++) {
				size_t got = ways[w](text, starts[c], len);
				assert_true(got >= starts[c] && got <= want_at);
				if (got < want_at)
					assert_int_equal(text[got], 0xe1);
			}
			/* SSE2 reads the byte after each 0xe1 but in the last
			 * sixteen: exact away from the end */
			size_t got = qms_text_skip_plain_sse2(text, starts[c], len);
			if (want_at + 17 <= len)
				assert_int_equal(got, want_at);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_tab_indent),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_in_large_mapping),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_bad_byte_after_other_problems),
		cmocka_unit_test(test_scalar_checks_in_every_kind_of_text),
		cmocka_unit_test(test_cr_line_ends),
		cmocka_unit_test(test_key_three_times),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_anchors_and_aliases),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_complex_key),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_positions_are_one_based),
		cmocka_unit_test(test_kind_detection),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test(test_source_bytes_once),
		cmocka_unit_test(test_text_skip_plain),
		cmocka_unit_test(test_readahead),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
