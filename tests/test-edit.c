/* The in-place editor: every operation changes only the bytes it must,
 * in the style around it, and the result parses to what was asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "edit.h"

/* One edit session on a text. */
struct session {
	struct qms_doc *doc;
	struct qms_edit e;
	struct qms_buf out;
	const char *text;
};

static void start(struct session *s, const char *text)
{
	struct qms_diags d;
	qms_diags_init(&d);
	s->text = text;
	int rc = qms_doc_parse(&s->doc, "t.yaml", text, strlen(text), &d);
	if (rc < 0)
		fail_msg("does not parse: %s", d.items[0].message);
	qms_diags_release(&d);
	qms_edit_init(&s->e, s->doc, text, strlen(text));
	qms_buf_init(&s->out);
}

/* Apply, compare with `want`, check the result parses. */
static void finish(struct session *s, const char *want)
{
	assert_int_equal(qms_edit_apply(&s->e, &s->out), 0);
	assert_string_equal(s->out.buf, want);
	struct qms_diags d;
	qms_diags_init(&d);
	struct qms_doc *again;
	if (qms_doc_parse(&again, "t.yaml", s->out.buf, s->out.len, &d) < 0)
		fail_msg("the result does not parse: %s", d.items[0].message);
	qms_doc_free(again);
	qms_diags_release(&d);
	qms_buf_release(&s->out);
	qms_edit_release(&s->e);
	qms_doc_free(s->doc);
}

static const struct qms_node *at(const struct qms_node *n, const char *path)
{
	/* "a.b.2.c": keys and list indexes */
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *tok = strtok(buf, "."); tok && n; tok = strtok(NULL, ".")) {
		if (n->type == QMS_NODE_SEQ) {
			long i = strtol(tok, NULL, 10);
			n = n->first;
			while (n && i--)
				n = n->next;
		} else {
			n = qms_node_get(n, tok);
		}
	}
	assert_non_null(n);
	return n;
}

static struct qms_yval sv(const char *text)
{
	return (struct qms_yval){.type = QMS_YVAL_SCALAR, .text = text};
}

static void test_scalar_quoting(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		bool flow;
		const char *want;
	} cases[] = {
		{"Kế hoạch 12/KH-STP", false, "Kế hoạch 12/KH-STP"},
		{"ISO 9001:2015", false, "ISO 9001:2015"},
		{"2020-09-30", false, "2020-09-30"},
		{"", false, "\"\""},
		{"null", false, "\"null\""},
		{"~", false, "\"~\""},
		{"- x", false, "\"- x\""},
		{"a: b", false, "\"a: b\""},
		{"a #b", false, "\"a #b\""},
		{"a#b", false, "a#b"},
		{"x, y", false, "x, y"},
		{"x, y", true, "\"x, y\""},
		{"[x]", false, "\"[x]\""},
		{" lead", false, "\" lead\""},
		{"tail:", false, "\"tail:\""},
		{"say \"hi\"", false, "say \"hi\""},
		{"\"quoted\"", false, "\"\\\"quoted\\\"\""},
		{"two\nlines", false, "\"two\\nlines\""},
		{"tab\there", false, "\"tab\\there\""},
		{"back\\slash", false, "back\\slash"},
		{"'q", false, "\"'q\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_yaml_add_scalar(&b, cases[i].value, cases[i].flow);
		assert_string_equal(b.buf, cases[i].want);
		/* and it reads back as the value */
		struct qms_buf doc;
		qms_buf_init(&doc);
		qms_buf_printf(&doc, cases[i].flow ? "k: [%s, z]\n" : "k: %s\n", b.buf);
		struct qms_diags d;
		qms_diags_init(&d);
		struct qms_doc *parsed;
		assert_int_equal(qms_doc_parse(&parsed, "t.yaml", doc.buf, doc.len, &d), 0);
		const struct qms_node *v = qms_node_get(parsed->root, "k");
		if (cases[i].flow)
			v = v->first;
		assert_string_equal(v->text, cases[i].value);
		qms_doc_free(parsed);
		qms_diags_release(&d);
		qms_buf_release(&doc);
		qms_buf_release(&b);
	}
}

static void test_set_scalar_styles(void **state)
{
	(void)state;
	struct session s;
	start(&s, "# head\na: 1   # keep me\nb: \"2.001417\"\nc: 'x'\nd: plain\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "Tiếp nhận"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "b"), "2.001418"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "c"), "it's"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "d"), "a: b"), 0);
	finish(&s, "# head\na: Tiếp nhận   # keep me\nb: \"2.001418\"\nc: 'it''s'\nd: \"a: b\"\n");
}

static void test_set_scalar_in_flow(void **state)
{
	(void)state;
	struct session s;
	/* multi-byte characters before the value: columns are characters */
	start(&s, "steps:\n  - {id: nộp, name: Công dân nộp hồ sơ, next: tiếp}\n  - [á, b]\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "steps.0.next"), "thẩm, định"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "steps.1.1"), "bé"), 0);
	finish(&s, "steps:\n  - {id: nộp, name: Công dân nộp hồ sơ, next: \"thẩm, định\"}\n  - [á, bé]\n");
}

static void test_set_block_scalar(void **state)
{
	(void)state;
	struct session s;
	start(&s, "f:\n  text: >-\n    04/20 hồ sơ không lưu\n    văn bản.\n\n  cause: x\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "f.text"), "Mới"), 0);
	finish(&s, "f:\n  text: >-\n    Mới\n\n  cause: x\n");
	start(&s, "a: |\n  one\n  two\nb: 1\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "x\ny"), 0);
	finish(&s, "a: |\n  x\n  y\nb: 1\n");
}

static void test_set_empty_value(void **state)
{
	(void)state;
	struct session s;
	start(&s, "a:\nb:    # later\nc: ~\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "1"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "b"), "2"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "c"), "3"), 0);
	finish(&s, "a: 1\nb: 2    # later\nc: 3\n");
}

static void test_map_put_block(void **state)
{
	(void)state;
	static const char *const before_closed[] = {"id", "text", "cause", "action", "owner", "due", NULL};
	static const char *const before_cause[] = {"id", "text", NULL};
	struct session s;
	start(&s, "findings:\n"
		  "  - id: NC-01   # first\n"
		  "    text: >-\n"
		  "      long text\n"
		  "      on two lines\n"
		  "    # a comment about the owner\n"
		  "    owner: Phòng HCTP\n"
		  "  - id: NC-02\n"
		  "    text: t\n");
	const struct qms_node *f = at(s.doc->root, "findings.0");
	struct qms_yval date = sv("2020-08-28"), cause = sv("Chưa phân công");
	assert_int_equal(qms_edit_map_put(&s.e, f, "cause", &cause, before_cause), 0);
	assert_int_equal(qms_edit_map_put(&s.e, f, "closed", &date, before_closed), 0);
	struct qms_yval v = sv("NC-2");
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "findings.1"), "id", &v, NULL), 0);
	finish(&s, "findings:\n"
		   "  - id: NC-01   # first\n"
		   "    text: >-\n"
		   "      long text\n"
		   "      on two lines\n"
		   "    cause: Chưa phân công\n"
		   "    # a comment about the owner\n"
		   "    owner: Phòng HCTP\n"
		   "    closed: 2020-08-28\n"
		   "  - id: NC-2\n"
		   "    text: t\n");
}

static void test_map_put_first_and_flow(void **state)
{
	(void)state;
	static const char *const none[] = {"nothing", NULL};
	struct session s;
	start(&s, "- id: a\n  b: 1\n- {stage: plan, done: 2020-02-10}\n- {}\n");
	struct qms_yval z = sv("v"), ev = sv("KH 12/KH-STP, 2020"), k = sv("1");
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "0"), "z", &z, none), 0);
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "1"), "evidence", &ev, NULL), 0);
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "2"), "k", &k, NULL), 0);
	finish(&s, "- z: v\n  id: a\n  b: 1\n- {stage: plan, done: 2020-02-10, evidence: \"KH 12/KH-STP, 2020\"}\n- "
		   "{k: 1}\n");
}

static void test_map_put_refuses_collection(void **state)
{
	(void)state;
	struct session s;
	start(&s, "a: [1]\n");
	struct qms_yval v = sv("x");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "a", &v, NULL), -1);
	assert_non_null(strstr(s.e.error, "list"));
	finish(&s, "a: [1]\n");
}

static void test_map_put_block_value(void **state)
{
	(void)state;
	/* a new key holding a list of mappings, in the file's indentation
	 * (mappings nested by 4 here; lists by the default 2) */
	struct session s;
	start(&s, "agency:\n    id: a\n    name: A\nmigration:   # not started\n");
	const char *keys[] = {"id", "kind", "auditors"};
	struct qms_yval names[] = {sv("Nguyễn Văn A"), sv("Lê B")};
	struct qms_yval vals[] = {
		sv("DGNB-01"), sv("internal"), {.type = QMS_YVAL_SEQ, .items = names, .n = 2, .flow = true}};
	struct qms_yval item = {.type = QMS_YVAL_MAP, .keys = keys, .items = vals, .n = 3};
	struct qms_yval list = {.type = QMS_YVAL_SEQ, .items = &item, .n = 1};
	static const char *const after[] = {"agency", NULL};
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "audits", &list, after), 0);
	const char *skeys[] = {"stages"};
	struct qms_yval stage_keys_vals[] = {sv("plan"), sv("2020-02-10")};
	const char *stage_keys[] = {"stage", "done"};
	struct qms_yval stage = {
		.type = QMS_YVAL_MAP, .keys = stage_keys, .items = stage_keys_vals, .n = 2, .flow = true};
	struct qms_yval stages = {.type = QMS_YVAL_SEQ, .items = &stage, .n = 1};
	struct qms_yval mig = {.type = QMS_YVAL_MAP, .keys = skeys, .items = &stages, .n = 1};
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "migration", &mig, NULL), 0);
	finish(&s, "agency:\n    id: a\n    name: A\n"
		   "audits:\n"
		   "  - id: DGNB-01\n"
		   "    kind: internal\n"
		   "    auditors: [Nguyễn Văn A, Lê B]\n"
		   "migration:   # not started\n"
		   "    stages:\n"
		   "      - {stage: plan, done: 2020-02-10}\n");
}

static void test_seq_append_block(void **state)
{
	(void)state;
	struct session s;
	start(&s, "stages:\n"
		  "  - {stage: plan, done: 2020-02-10}   # KH 12\n"
		  "  - {stage: training, done: 2020-03-05}\n"
		  "  # next: gap analysis in March\n"
		  "audits:\n"
		  "- id: A\n"
		  "  kind: internal\n"
		  "- id: B\n"
		  "  kind: external\n"
		  "  findings:\n"
		  "    -   id: F\n"
		  "        grade: minor\n");
	const char *keys[] = {"stage", "done"};
	struct qms_yval vals[] = {sv("gap-analysis"), sv("2020-03-20")};
	struct qms_yval item = {.type = QMS_YVAL_MAP, .keys = keys, .items = vals, .n = 2};
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "stages"), &item), 0);
	const char *akeys[] = {"id", "kind"};
	struct qms_yval avals[] = {sv("C"), sv("inspection")};
	struct qms_yval audit = {.type = QMS_YVAL_MAP, .keys = akeys, .items = avals, .n = 2, .flow = true};
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "audits"), &audit), 0);
	const char *fkeys[] = {"id", "grade"};
	struct qms_yval fvals[] = {sv("G"), sv("major")};
	struct qms_yval finding = {.type = QMS_YVAL_MAP, .keys = fkeys, .items = fvals, .n = 2};
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "audits.1.findings"), &finding), 0);
	/* the new items take the style of the last: flow stays flow, block
	 * stays block whatever was asked, indentation and the gap after the
	 * dash as written */
	finish(&s, "stages:\n"
		   "  - {stage: plan, done: 2020-02-10}   # KH 12\n"
		   "  - {stage: training, done: 2020-03-05}\n"
		   "  - {stage: gap-analysis, done: 2020-03-20}\n"
		   "  # next: gap analysis in March\n"
		   "audits:\n"
		   "- id: A\n"
		   "  kind: internal\n"
		   "- id: B\n"
		   "  kind: external\n"
		   "  findings:\n"
		   "    -   id: F\n"
		   "        grade: minor\n"
		   "    -   id: G\n"
		   "        grade: major\n"
		   "- id: C\n"
		   "  kind: inspection\n");
}

static void test_seq_insert_first_and_middle(void **state)
{
	(void)state;
	struct session s;
	start(&s, "s:\n  - b\n  - d\nf: [b, d]\n");
	struct qms_yval a = sv("a"), c = sv("c");
	const struct qms_node *seq = at(s.doc->root, "s"), *flow = at(s.doc->root, "f");
	assert_int_equal(qms_edit_seq_insert(&s.e, seq, NULL, &a), 0);
	assert_int_equal(qms_edit_seq_insert(&s.e, seq, seq->first, &c), 0);
	assert_int_equal(qms_edit_seq_insert(&s.e, flow, NULL, &a), 0);
	assert_int_equal(qms_edit_seq_insert(&s.e, flow, flow->first, &c), 0);
	finish(&s, "s:\n  - a\n  - b\n  - c\n  - d\nf: [a, b, c, d]\n");
}

static void test_seq_append_flow(void **state)
{
	(void)state;
	struct session s;
	start(&s, "a: [x, y]   # c\nb: []\nc: [\n  p,\n  q,\n]\nd: [{k: 1}]\n");
	struct qms_yval z = sv("z, w");
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "a"), &z), 0);
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "b"), &z), 0);
	struct qms_yval r = sv("r");
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "c"), &r), 0);
	const char *keys[] = {"k"};
	struct qms_yval two = sv("2");
	struct qms_yval m = {.type = QMS_YVAL_MAP, .keys = keys, .items = &two, .n = 1};
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "d"), &m), 0);
	finish(&s, "a: [x, y, \"z, w\"]   # c\nb: [\"z, w\"]\nc: [\n  p,\n  q, r,\n]\nd: [{k: 1}, {k: 2}]\n");
}

static void test_crlf_bom_and_no_final_newline(void **state)
{
	(void)state;
	struct session s;
	start(&s, "\xef\xbb\xbf"
		  "a:\r\n  - {x: 1}\r\nb: é\r\n");
	struct qms_yval v = sv("2");
	const char *keys[] = {"x"};
	struct qms_yval item = {.type = QMS_YVAL_MAP, .keys = keys, .items = &v, .n = 1};
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "a"), &item), 0);
	struct qms_yval w = sv("ê");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "b"), "ô"), 0);
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "c", &w, NULL), 0);
	finish(&s, "\xef\xbb\xbf"
		   "a:\r\n  - {x: 1}\r\n  - {x: 2}\r\nb: ô\r\nc: ê\r\n");

	start(&s, "a:\n  - one\n  - two");
	struct qms_yval three = sv("three");
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "a"), &three), 0);
	finish(&s, "a:\n  - one\n  - two\n  - three");

	/* a NEL is a line break for YAML: refused (positions after it did
	 * not always agree with libyaml's; see test_fuzz_findings_issue17) */
	start(&s, "a:\xc2\x85  x\nb: 1\n");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "c", &w, NULL), -1);
	assert_non_null(strstr(s.e.error, "U+0085"));
	finish(&s, "a:\xc2\x85  x\nb: 1\n");

	/* a BOM after the start: libyaml skips it but counts it as a column */
	start(&s, "a: 1\n\xef\xbb\xbf\nb: 2\n");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "c", &w, NULL), -1);
	assert_non_null(strstr(s.e.error, "byte order mark"));
	finish(&s, "a: 1\n\xef\xbb\xbf\nb: 2\n");
}

static void test_remove(void **state)
{
	(void)state;
	struct session s;
	start(&s, "clauses: [4.4, 7.5, 8.1]\n"
		  "refs:\n"
		  "  - A   # first\n"
		  "  - B\n"
		  "only:\n"
		  "  - X\n"
		  "m: {a: 1, b: 2}\n"
		  "items:\n"
		  "  - id: x\n"
		  "    drop: me\n"
		  "    keep: 1\n"
		  "  - drop: first\n"
		  "    id: y\n");
	const struct qms_node *cl = at(s.doc->root, "clauses");
	assert_int_equal(qms_edit_seq_remove(&s.e, cl, cl->first->next), 0);
	const struct qms_node *refs = at(s.doc->root, "refs");
	assert_int_equal(qms_edit_seq_remove(&s.e, refs, refs->first), 0);
	const struct qms_node *only = at(s.doc->root, "only");
	assert_int_equal(qms_edit_seq_remove(&s.e, only, only->first), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "m"), "a"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "items.0"), "drop"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "items.1"), "drop"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "items.1"), "nothing"), -1);
	finish(&s, "clauses: [4.4, 8.1]\n"
		   "refs:\n"
		   "  - B\n"
		   "only: []\n"
		   "m: {b: 2}\n"
		   "items:\n"
		   "  - id: x\n"
		   "    keep: 1\n"
		   "  - id: y\n");
}

static void test_overlap_refused(void **state)
{
	(void)state;
	struct session s;
	start(&s, "a: 1\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "2"), 0);
	/* a second value for the same node is refused at once */
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "3"), -1);
	assert_non_null(s.e.error);
	assert_int_equal(qms_edit_apply(&s.e, &s.out), 0);
	assert_string_equal(s.out.buf, "a: 2\n");
	qms_buf_release(&s.out);
	qms_edit_release(&s.e);
	qms_doc_free(s.doc);
}

static void test_removed_entry_is_not_edited(void **state)
{
	(void)state;
	/* an edit inside an entry that the same session removes, either way
	 * round, is refused: the new text would land where the entry was */
	struct session s;
	start(&s, "pess:\n  code: A\nlist:\n  - x\n");
	struct qms_yval v = sv("v");
	const struct qms_node *pess = at(s.doc->root, "pess");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "pess"), 0);
	assert_int_equal(qms_edit_map_put(&s.e, pess, "note", &v, NULL), -1);
	assert_non_null(strstr(s.e.error, "removes"));
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "pess.code"), "B"), -1);
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "pess", &v, NULL), -1);
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "pess"), -1);
	finish(&s, "list:\n  - x\n");

	start(&s, "pess:\n  code: A\nlist:\n  - x\n");
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "pess"), "note", &v, NULL), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "pess"), -1);
	assert_non_null(strstr(s.e.error, "already changes"));
	const struct qms_node *list = at(s.doc->root, "list");
	assert_int_equal(qms_edit_set_scalar(&s.e, list->first, "y"), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, list, list->first), -1);
	/* the refused operations left nothing behind */
	finish(&s, "pess:\n  code: A\n  note: v\nlist:\n  - y\n");
}

static void test_insertions_at_one_place(void **state)
{
	(void)state;
	/* what goes into the deeper node comes first, whatever the order of
	 * the calls and the indentation: an indentless list ends where its
	 * key's mapping goes on; an empty flow value before a new entry */
	static const char *const after_p[] = {"p", NULL};
	struct session s;
	start(&s, "p:\n- a\n");
	struct qms_yval v = sv("v"), b = sv("b");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &v, after_p), 0);
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "p"), &b), 0);
	finish(&s, "p:\n- a\n- b\nnote: v\n");

	start(&s, "{a, b: 1}\n");
	static const char *const after_a[] = {"a", NULL};
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &v, after_a), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "x"), 0);
	finish(&s, "{a: x, note: v, b: 1}\n");

	/* an empty block scalar filled, and an item added after it */
	start(&s, "- |\n\n- y\n");
	const struct qms_node *root = s.doc->root;
	assert_int_equal(qms_edit_seq_insert(&s.e, root, root->first, &b), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, root->first, "text"), 0);
	finish(&s, "- |\n  text\n- b\n\n- y\n");

	/* a flow key without a value gets one only when it can become an
	 * implicit key: on one line */
	start(&s, "{a\n b, c: 1}\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, s.doc->root->first->value, "x"), -1);
	finish(&s, "{a\n b, c: 1}\n");
}

static void test_remove_several(void **state)
{
	(void)state;
	struct session s;
	/* the removals of one collection are cut together */
	start(&s, "c: [a, b, c, d]\n"
		  "e: [a, b,]\n"
		  "m:\n"
		  "  - a: 1\n"
		  "    b: 2\n"
		  "    c: 3\n"
		  "n:\n"
		  "  - - a\n"
		  "    - b\n"
		  "  - - x\n"
		  "k: !!seq\n"
		  "  - a\n");
	const struct qms_node *c = at(s.doc->root, "c"), *e = at(s.doc->root, "e");
	assert_int_equal(qms_edit_seq_remove(&s.e, c, c->first), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, c, c->first->next), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, e, e->first->next), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, e, e->first), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "m.0"), "b"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "m.0"), "a"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "m.0"), "c"), -1);
	assert_non_null(strstr(s.e.error, "last key"));
	const struct qms_node *n0 = at(s.doc->root, "n.0"), *n1 = at(s.doc->root, "n.1");
	assert_int_equal(qms_edit_seq_remove(&s.e, n0, n0->first), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, n1, n1->first), 0);
	const struct qms_node *k = at(s.doc->root, "k");
	assert_int_equal(qms_edit_seq_remove(&s.e, k, k->first), 0);
	finish(&s, "c: [c, d]\n"
		   "e: []\n"
		   "m:\n"
		   "  - c: 3\n"
		   "n:\n"
		   "  - - b\n"
		   "  - []\n"
		   "k: !!seq []\n");

	start(&s, "- a\n- b\n");
	assert_int_equal(qms_edit_seq_remove(&s.e, s.doc->root, s.doc->root->first), 0);
	assert_int_equal(qms_edit_seq_remove(&s.e, s.doc->root, s.doc->root->first->next), 0);
	finish(&s, "[]\n");
}

static void test_block_scalar_texts(void **state)
{
	(void)state;
	struct session s;
	/* folded: an empty line for each break between lines of text, none
	 * next to a line that starts with a blank (kept as it is) */
	start(&s, "a: >\n  old\nb: |2\n     old\nc: |\n  old\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "p1\n\np2\nnext\n  indented\nend"), 0);
	/* an indentation indicator: leading blanks are text */
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "b"), "  lead\nx"), 0);
	/* without one, the first line cannot start with a blank */
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "c"), "  lead"), -1);
	assert_non_null(strstr(s.e.error, "blank"));
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "c"), "bell\a"), -1);
	finish(&s, "a: >\n  p1\n\n\n  p2\n\n  next\n    indented\n  end\nb: |2\n    lead\n  x\nc: |\n  old\n");
	start(&s, "a: >\n  old\n");
	struct qms_diags d;
	qms_diags_init(&d);
	struct qms_doc *again;
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "p1\n\np2\nnext\n  indented\nend"), 0);
	assert_int_equal(qms_edit_apply(&s.e, &s.out), 0);
	assert_int_equal(qms_doc_parse(&again, "t.yaml", s.out.buf, s.out.len, &d), 0);
	assert_string_equal(at(again->root, "a")->text, "p1\n\np2\nnext\n  indented\nend\n");
	qms_doc_free(again);
	qms_diags_release(&d);
	qms_buf_release(&s.out);
	qms_edit_release(&s.e);
	qms_doc_free(s.doc);
}

static void test_tab_lines_after_plain_value(void **state)
{
	(void)state;
	/* a plain value takes in the blank lines after it, tabs included;
	 * after a quoted one a tab there is an error */
	struct session s;
	struct qms_yval q = sv("# quoted");
	start(&s, "a: x\n  \t\nb: 1\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "# quoted"), -1);
	assert_non_null(strstr(s.e.error, "tab"));
	static const char *const after_a[] = {"a", NULL};
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &q, after_a), 0);
	finish(&s, "a: x\n  \t\nnote: \"# quoted\"\nb: 1\n");
	start(&s, "a: 'y'\nb: x\n  \t\nc: 1\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "b"), 0);
	finish(&s, "a: 'y'\nc: 1\n");
	/* in flow context the other way round: a plain value there takes in
	 * the blanks after it, and then rejects a tab starting a line */
	start(&s, "p: {n: !\n\t}\nq: [a, !\n\t]\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "p.n"), "v"), 0);
	const struct qms_node *qn = at(s.doc->root, "q");
	assert_int_equal(qms_edit_seq_remove(&s.e, qn, qn->first->next), 0);
	finish(&s, "p: {n: ! \"v\"\n\t}\nq: [a]\n");
}

static void test_tagged_and_nested_lists(void **state)
{
	(void)state;
	/* a tag before a block collection: the entries' own column counts */
	struct session s;
	start(&s, "k: !!seq\n  - a\nm: !!map\n  a: 1\nn:\n  - - x\n");
	struct qms_yval b = sv("b"), v = sv("v");
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "k"), &b), 0);
	assert_int_equal(qms_edit_map_put(&s.e, at(s.doc->root, "m"), "z", &v, NULL), 0);
	assert_int_equal(qms_edit_seq_insert(&s.e, at(s.doc->root, "n.0"), NULL, &b), 0);
	finish(&s, "k: !!seq\n  - a\n  - b\nm: !!map\n  a: 1\n  z: v\nn:\n  - - b\n    - x\n");
	/* a tagged flow list, a tagged block scalar: the node starts at the
	 * tag, its brackets or its header after it */
	start(&s, "f: !!seq []\nt: !!str |\n  x\nu: !!str >\n  y\nz: 1\n");
	assert_int_equal(qms_edit_seq_append(&s.e, at(s.doc->root, "f"), &b), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "t"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "u"), "w"), 0);
	finish(&s, "f: !!seq [b]\nu: !!str >\n  w\nz: 1\n");
	/* a tagged value keeps its tag and its quotes; a comment may follow a
	 * closing quote at once, but not a plain value */
	start(&s, "a: !t 'x'# c\nb: !t\nc: \"y\"#d\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), "v"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "b"), "w"), 0);
	finish(&s, "a: !t 'v'# c\nb: !t w\nc: \"y\"#d\n");
}

static void test_entry_ends(void **state)
{
	(void)state;
	/* an empty value without a `:` (`? key`) sits, for libyaml, where the
	 * next token starts: the entry still ends with its key */
	static const char *const after_p[] = {"p", NULL};
	struct session s;
	start(&s, "p:\n  ?\nb: 1\n");
	struct qms_yval v = sv("v");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &v, after_p), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "p"), 0);
	finish(&s, "note: v\nb: 1\n");
	/* what separates an entry from the comma after it stays when the
	 * entries after it go; a tag keeps a blank after it */
	start(&s, "a: [x # c\n  , y]\nb: {k: !, l: 1}\n");
	const struct qms_node *a = at(s.doc->root, "a");
	assert_int_equal(qms_edit_seq_remove(&s.e, a, a->first->next), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, at(s.doc->root, "b"), "l"), 0);
	finish(&s, "a: [x # c\n  ]\nb: {k: ! }\n");
	/* after a block scalar, the lines an entry removed leaves behind would
	 * be its text (a comment as indented, blanks with `+`): they go too */
	start(&s, "a: |\n  x\nb: 1\n  # about b\nc: |+\n  y\nd: |\n  z\n\n\ne: 2\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "b"), 0);
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "d"), 0);
	finish(&s, "a: |\n  x\nc: |+\n  y\ne: 2\n");
}

/* Issue 17, finding 16: the four inputs fuzz-edit found in a 15-minute
 * run (also in tests/fuzz/corpus/edit/regression-*). */
static void test_fuzz_findings_issue17(void **state)
{
	(void)state;
	struct session s;
	struct qms_yval v = sv("2020-09-30");
	/* a value put before a comment keeps the comment a comment */
	start(&s, "{#( n&te\n}\n");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &v, NULL), 0);
	finish(&s, "{note: 2020-09-30 #( n&te\n}\n");
	/* removing the last items of a flow list over lines: no tab is left
	 * starting a line */
	start(&s, "x: [a \n,!\t]\n");
	const struct qms_node *x = at(s.doc->root, "x");
	assert_int_equal(qms_edit_seq_remove(&s.e, x, x->first->next), 0);
	finish(&s, "x: [a \n]\n");
	/* layouts refused before any change, with the reason */
	start(&s, "? |-\n  x\nb: 1\n  # c\nc: 2\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "b"), -1);
	assert_non_null(strstr(s.e.error, "block scalar"));
	finish(&s, "? |-\n  x\nb: 1\n  # c\nc: 2\n");
	/* found by the run of this session: removing `.....` would leave
	 * `...` alone at the start of a line, the end of the document */
	start(&s, "{#( n&\n...,.....\n}\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "....."), -1);
	assert_non_null(strstr(s.e.error, "'...'"));
	finish(&s, "{#( n&\n...,.....\n}\n");
	/* and: emptying a block text while removing the entry after it (the
	 * empty block would take in the comment that follows) */
	start(&s, "a:  |-\n  x\nb: 1\n #  c\nc: 2\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "b"), 0);
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), ""), -1);
	assert_non_null(strstr(s.e.error, "two edits"));
	finish(&s, "a:  |-\n  x\n #  c\nc: 2\n");
	start(&s, "- >\n  a\r  b\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, s.doc->root->first, ""), -1);
	assert_non_null(strstr(s.e.error, "mixes line ends"));
	finish(&s, "- >\n  a\r  b\n");
	/* the 60-minute run: a value starting with a combining mark */
	start(&s, "k:\n    -      \xcc\xb0"
		  "p y\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "k.0"), "x"), -1);
	assert_non_null(strstr(s.e.error, "accent"));
	finish(&s, "k:\n    -      \xcc\xb0"
		   "p y\n");
	/* the 60-minute run: removing `..+` leaves `...` at a line start */
	start(&s, "{#( n&\n..+,...\n}\n");
	assert_int_equal(qms_edit_map_remove(&s.e, s.doc->root, "..+"), -1);
	assert_non_null(strstr(s.e.error, "'...'"));
	finish(&s, "{#( n&\n..+,...\n}\n");
	/* the 60-minute run: emptying a block text before a comment indented
	 * deeper than its key would make the comment its text */
	start(&s, "a a:  |-\n  x:b: 2\n #  2\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a a"), ""), -1);
	assert_non_null(strstr(s.e.error, "comment"));
	finish(&s, "a a:  |-\n  x:b: 2\n #  2\n");
	start(&s, "a:  |-\n  x\n# c\nb: 1\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, at(s.doc->root, "a"), ""), 0);
	finish(&s, "a:  |-\n# c\nb: 1\n");
	/* the 60-minute run: a key put first in a flow mapping whose first
	 * entry is an explicit empty key followed by a comment (`?#e`: libyaml
	 * reads the `#` right after the `?` as a comment in flow) went after
	 * the `?`, into that entry */
	const char *none[] = {NULL};
	start(&s, "{\n \n   ?#e\n}\n");
	assert_int_equal(qms_edit_map_put(&s.e, s.doc->root, "note", &v, none), 0);
	finish(&s, "{\n \n   note: 2020-09-30, ?#e\n}\n");
	/* the 60-minute run: U+2028 ends a line for libyaml, not for the
	 * editor, so the value of "line 2" was written into a comment */
	start(&s, "# The\xe2\x80\xa8"
		  "õi chuyển đổi HTQLCL và đánh giá - Sở Tư pháp tỉnh Thái Bình\n# c\n");
	assert_int_equal(qms_edit_set_scalar(&s.e, s.doc->root, "# not a comment"), -1);
	assert_non_null(strstr(s.e.error, "U+2028"));
	finish(&s, "# The\xe2\x80\xa8"
		   "õi chuyển đổi HTQLCL và đánh giá - Sở Tư pháp tỉnh Thái Bình\n# c\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_quoting),
		cmocka_unit_test(test_set_scalar_styles),
		cmocka_unit_test(test_set_scalar_in_flow),
		cmocka_unit_test(test_set_block_scalar),
		cmocka_unit_test(test_set_empty_value),
		cmocka_unit_test(test_map_put_block),
		cmocka_unit_test(test_map_put_first_and_flow),
		cmocka_unit_test(test_map_put_refuses_collection),
		cmocka_unit_test(test_map_put_block_value),
		cmocka_unit_test(test_seq_append_block),
		cmocka_unit_test(test_seq_insert_first_and_middle),
		cmocka_unit_test(test_seq_append_flow),
		cmocka_unit_test(test_crlf_bom_and_no_final_newline),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_overlap_refused),
		cmocka_unit_test(test_removed_entry_is_not_edited),
		cmocka_unit_test(test_insertions_at_one_place),
		cmocka_unit_test(test_remove_several),
		cmocka_unit_test(test_block_scalar_texts),
		cmocka_unit_test(test_tab_lines_after_plain_value),
		cmocka_unit_test(test_tagged_and_nested_lists),
		cmocka_unit_test(test_entry_ends),
		cmocka_unit_test(test_fuzz_findings_issue17),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
