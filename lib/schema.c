#include "schema.h"
#include "source.h"
#include "i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- choices ---- */

const char *const qms_step_kind_names[] = {"task", "start", "decision", "end", "subprocess", NULL};
const char *const qms_standard_names[] = {"ISO 9001:2015", "ISO 9001:2008", NULL};
const char *const qms_level_names[] = {"province", "district", "commune", NULL};
const char *const qms_lang_names[] = {"vi", "en", NULL};
const char *const qms_stage_names[] = {"plan",           "training",          "gap-analysis", "documentation", "apply",
				       "internal-audit", "management-review", "announcement", "report",        NULL};
const char *const qms_grade_names[] = {"major", "minor", "observation", "improvement", NULL};
const char *const qms_audit_kind_names[] = {"internal", "external", "inspection", NULL};
const char *const qms_clause_level_names[] = {"system", "process", NULL};
const char *const qms_documented_names[] = {"maintain", "retain", "maintain-and-retain", "procedure", NULL};
const char *const qms_relation_names[] = {"equal", "superset", "subset", "intersect", NULL};
const char *const qms_filing_names[] = {"in-person", "post", "online", NULL};
const char *const qms_online_names[] = {"full", "partial", NULL};
const char *const qms_copy_kind_names[] = {"original", "copy", "certified-copy", "present", NULL};
const char *const qms_doc_kind_names[] = {"document", "record", NULL};
const char *const qms_doc_status_names[] = {"draft", "in-force", "withdrawn", NULL};

/* ---- tables ---- */

/* clang-format off */
#define FIELD(S, k, t, fl, d) {#k, t, fl, offsetof(S, k), NULL, NULL, 0, 0, d}
#define RANGE(S, k, t, fl, lo, hi, d) {#k, t, fl, offsetof(S, k), NULL, NULL, lo, hi, d}
#define CHOICE(S, k, names, fl, d) {#k, QMS_T_CHOICE, fl, offsetof(S, k), NULL, names, 0, 0, d}
#define SUB(S, k, sch, fl, d) {#k, QMS_T_MAP, fl, offsetof(S, k), &sch, NULL, 0, 0, d}
#define END {NULL, 0, 0, 0, NULL, NULL, 0, 0, NULL}
/* clang-format on */
#define REQ QMS_F_REQUIRED
#define LIST QMS_F_LIST
#define SCHEMA(var, nm, S, fields) static const struct qms_schema var = {nm, sizeof(S), fields, false}
#define ROOT_SCHEMA(var, S, fields) static const struct qms_schema var = {"the top level", sizeof(S), fields, true}

static const struct qms_field ws_migration_fields[] = {
	FIELD(struct qms_ws_migration, from, QMS_T_TEXT, 0, "standard the agencies convert from, e.g. `ISO 9001:2008`"),
	FIELD(struct qms_ws_migration, to, QMS_T_TEXT, 0, "standard they convert to, e.g. `ISO 9001:2015`"),
	FIELD(struct qms_ws_migration, deadline, QMS_T_DATE, 0, "date by which every agency must have announced"),
	RANGE(struct qms_ws_migration, at_risk_days_per_stage, QMS_T_INT, 0, 1, 365,
	      "days per remaining stage below which an agency is at risk (default 10)"),
	FIELD(struct qms_ws_migration, plan, QMS_T_TEXT, 0,
	      "number of the plan that set the deadline, e.g. `111/KH-BCĐ` (the report cites it)"),
	FIELD(struct qms_ws_migration, plan_date, QMS_T_DATE, 0, "date the plan was issued"),
	FIELD(struct qms_ws_migration, plan_issuer, QMS_T_TEXT, 0, "who issued the plan, e.g. `Ban Chỉ đạo ISO tỉnh`"),
	END};
SCHEMA(ws_migration_schema, "migration", struct qms_ws_migration, ws_migration_fields);

static const struct qms_field repealed_fields[] = {
	FIELD(struct qms_withdrawn_doc, number, QMS_T_TEXT, REQ, "number and symbol as cited, e.g. `63/2010/NĐ-CP`"),
	FIELD(struct qms_withdrawn_doc, by, QMS_T_TEXT, 0, "the text that replaced it"),
	FIELD(struct qms_withdrawn_doc, date, QMS_T_DATE, 0, "date it stopped being in force (for the record)"), END};
SCHEMA(repealed_schema, "repealed text", struct qms_withdrawn_doc, repealed_fields);

static const struct qms_field superseded_fields[] = {
	FIELD(struct qms_withdrawn_doc, form, QMS_T_TEXT, REQ, "the form as cited, e.g. `Mẫu 03/2013/TT-LLTP`"),
	FIELD(struct qms_withdrawn_doc, by, QMS_T_TEXT, 0, "the form that replaced it"),
	FIELD(struct qms_withdrawn_doc, date, QMS_T_DATE, 0, "date it stopped being used (for the record)"), END};
SCHEMA(superseded_schema, "superseded form", struct qms_withdrawn_doc, superseded_fields);

#define COLUMN(k, d) FIELD(struct qms_ws_columns, k, QMS_T_TEXT, 0, d)
static const struct qms_field ws_columns_fields[] = {
	COLUMN(dossier, "the dossier's number (Mã hồ sơ)"),
	COLUMN(procedure, "the procedure code of the workspace (Mã quy trình)"),
	COLUMN(tthc, "the TTHC code of the national database (Mã thủ tục)"),
	COLUMN(agency, "the agency (Cơ quan)"),
	COLUMN(field, "the field (Lĩnh vực)"),
	COLUMN(level, "the level (Cấp)"),
	COLUMN(received, "the date of receipt (Ngày tiếp nhận)"),
	COLUMN(due, "the due date (Ngày hẹn trả)"),
	COLUMN(finished, "the date of the result (Ngày có kết quả)"),
	COLUMN(status, "the status (Trạng thái)"),
	COLUMN(apology, "the apology slip (Xin lỗi)"),
	COLUMN(step, "step events: the step (Bước)"),
	COLUMN(start, "step events: the start (Bắt đầu)"),
	COLUMN(end, "step events: the end (Kết thúc)"),
	COLUMN(handler, "step events: the handler (Người xử lý)"),
	END};
#undef COLUMN
SCHEMA(ws_columns_schema, "dossier columns", struct qms_ws_columns, ws_columns_fields);

static const struct qms_field workspace_fields[] = {
	FIELD(struct qms_workspace_cfg, name, QMS_T_TEXT, 0, "name of the workspace, e.g. the province"),
	CHOICE(struct qms_workspace_cfg, lang, qms_lang_names, 0,
	       "language of reports, legends and headings (default `vi`)"),
	FIELD(struct qms_workspace_cfg, time_cut, QMS_T_PERCENT, 0,
	      "minimum cut of committed against statutory time (default `40%`)"),
	RANGE(struct qms_workspace_cfg, workday_hours, QMS_T_NUMBER, 0, 1, 24,
	      "working hours in a working day (default 8)"),
	SUB(struct qms_workspace_cfg, migration, ws_migration_schema, 0, "the conversion the workspace follows"),
	FIELD(struct qms_workspace_cfg, holidays, QMS_T_DATE, LIST,
	      "days off (public holidays, Tết, compensatory days off): not working days; calendar/<year>.yaml keeps "
	      "them by year"),
	FIELD(struct qms_workspace_cfg, make_up_days, QMS_T_DATE, LIST, "weekend days declared working days (làm bù)"),
	SUB(struct qms_workspace_cfg, repealed, repealed_schema, LIST,
	    "legal texts no longer in force: a procedure in force that cites one is flagged"),
	SUB(struct qms_workspace_cfg, superseded_forms, superseded_schema, LIST,
	    "forms replaced by newer ones: a procedure in force that uses one is flagged"),
	SUB(struct qms_workspace_cfg, dossier_columns, ws_columns_schema, 0,
	    "header names of the one-stop system's dossier exports that `qms results` does not know (docs/results.md)"),
	END};
SCHEMA(workspace_schema, "workspace", struct qms_workspace_cfg, workspace_fields);

static const struct qms_field workspace_file_fields[] = {
	SUB(struct qms_workspace_file, workspace, workspace_schema, REQ, "the workspace settings"), END};
ROOT_SCHEMA(workspace_file_schema, struct qms_workspace_file, workspace_file_fields);

/* ---- the TTHC record and document control (docs/format.md) ---- */

static const struct qms_field decision_fields[] = {
	FIELD(struct qms_decision, number, QMS_T_TEXT, REQ, "number and symbol (số, ký hiệu), e.g. `1063/QĐ-UBND`"),
	FIELD(struct qms_decision, date, QMS_T_DATE, 0, "date it was signed"),
	FIELD(struct qms_decision, issuer, QMS_T_TEXT, 0, "who issued it, e.g. `Chủ tịch UBND tỉnh Thái Bình`"), END};
SCHEMA(decision_schema, "decision", struct qms_decision, decision_fields);

static const struct qms_field dossier_item_fields[] = {
	FIELD(struct qms_dossier_item, name, QMS_T_TEXT, REQ, "the paper, as the TTHC record names it"),
	CHOICE(struct qms_dossier_item, kind, qms_copy_kind_names, 0,
	       "original (bản chính), copy (bản sao), certified copy (bản sao có chứng thực), or shown only (xuất "
	       "trình)"),
	RANGE(struct qms_dossier_item, count, QMS_T_INT, 0, 1, 99,
	      "how many of it (số lượng); every component needs one"),
	FIELD(struct qms_dossier_item, form, QMS_T_ID, 0, "id of its form under `forms`, when it is written on a form"),
	END};
SCHEMA(dossier_item_schema, "dossier component", struct qms_dossier_item, dossier_item_fields);

static const struct qms_field dossier_fields[] = {
	RANGE(struct qms_dossier, sets, QMS_T_INT, 0, 1, 99, "number of sets (số lượng hồ sơ)"),
	SUB(struct qms_dossier, components, dossier_item_schema, LIST, "the papers (thành phần hồ sơ)"), END};
SCHEMA(dossier_schema, "dossier", struct qms_dossier, dossier_fields);

static const struct qms_field fee_fields[] = {
	FIELD(struct qms_fee, name, QMS_T_TEXT, 0, "which fee or charge (phí, lệ phí)"),
	FIELD(struct qms_fee, amount, QMS_T_TEXT, 0, "amount in đồng, e.g. `50.000 đồng` or `200.000 đồng/lần`"),
	FIELD(struct qms_fee, basis, QMS_T_TEXT, 0, "the legal text that sets it, when it states no single amount"),
	FIELD(struct qms_fee, exempt, QMS_T_TEXT, 0, "why it is not charged (miễn), with the text that says so"), END};
SCHEMA(fee_schema, "fee", struct qms_fee, fee_fields);

static const struct qms_field tthc_fields[] = {
	FIELD(struct qms_tthc, id, QMS_T_TEXT, 0,
	      "mã TTHC in the national database: digits in groups joined by dots, quoted (`\"1.001193\"`)"),
	FIELD(struct qms_tthc, name, QMS_T_TEXT, 0, "its name, when it differs from the procedure's title"),
	SUB(struct qms_tthc, published, decision_schema, 0, "the decision that published it (quyết định công bố)"),
	CHOICE(struct qms_tthc, level, qms_level_names, 0, "level that resolves it"),
	FIELD(struct qms_tthc, target, QMS_T_TEXT, LIST | QMS_F_ONE_OR_LIST,
	      "who may ask for it (đối tượng thực hiện)"),
	CHOICE(struct qms_tthc, filing, qms_filing_names, LIST | QMS_F_ONE_OR_LIST,
	       "how to file (cách thức thực hiện): in person, public postal service, online"),
	CHOICE(struct qms_tthc, online, qms_online_names, 0,
	       "online public service level: whole procedure online (toàn trình) or part of it (một phần)"),
	FIELD(struct qms_tthc, place, QMS_T_TEXT, 0, "where the dossier is filed"),
	SUB(struct qms_tthc, dossier, dossier_schema, 0, "the dossier: its components and number of sets"),
	SUB(struct qms_tthc, fees, fee_schema, LIST, "fees and charges: an amount, a legal basis or an exemption each"),
	FIELD(struct qms_tthc, result, QMS_T_TEXT, 0, "result handed to the citizen"),
	FIELD(struct qms_tthc, result_form, QMS_T_ID, 0, "id of the result's form under `forms`"),
	FIELD(struct qms_tthc, conditions, QMS_T_TEXT, LIST | QMS_F_ONE_OR_LIST,
	      "requirements and conditions (yêu cầu, điều kiện)"),
	FIELD(struct qms_tthc, legal_basis, QMS_T_TEXT, LIST | QMS_F_ONE_OR_LIST, "legal basis (căn cứ pháp lý)"),
	END};
SCHEMA(tthc_schema, "tthc", struct qms_tthc, tthc_fields);

static const struct qms_field signature_fields[] = {
	FIELD(struct qms_signature, name, QMS_T_TEXT, REQ, "full name"),
	FIELD(struct qms_signature, position, QMS_T_TEXT, 0, "position (chức vụ)"),
	FIELD(struct qms_signature, date, QMS_T_DATE, 0, "date signed"), END};
SCHEMA(signature_schema, "signature", struct qms_signature, signature_fields);

static const struct qms_field revision_fields[] = {
	RANGE(struct qms_revision, edition, QMS_T_INT, REQ, 1, 999, "edition (lần ban hành) this revision made"),
	FIELD(struct qms_revision, date, QMS_T_DATE, 0, "date of the revision"),
	FIELD(struct qms_revision, change, QMS_T_TEXT, 0, "what changed (nội dung sửa đổi)"),
	FIELD(struct qms_revision, pages, QMS_T_TEXT, 0, "pages changed, e.g. `3-5` or `Toàn bộ`"), END};
SCHEMA(revision_schema, "revision", struct qms_revision, revision_fields);

static const struct qms_field doc_control_fields[] = {
	SUB(struct qms_doc_control, decision, decision_schema, 0,
	    "the decision that issued the procedure (quyết định ban hành)"),
	SUB(struct qms_doc_control, drafted, signature_schema, 0, "người lập"),
	SUB(struct qms_doc_control, checked, signature_schema, 0, "người kiểm tra"),
	SUB(struct qms_doc_control, approved, signature_schema, 0, "người phê duyệt"),
	SUB(struct qms_doc_control, revisions, revision_schema, LIST,
	    "revision history, oldest first; the last is the `edition` of the header"),
	FIELD(struct qms_doc_control, distribution, QMS_T_TEXT, LIST,
	      "units that receive a controlled copy (nơi nhận)"),
	FIELD(struct qms_doc_control, withdrawn, QMS_T_DATE, 0,
	      "date it stopped being in force (no longer checked for repealed texts)"),
	END};
SCHEMA(doc_control_schema, "document", struct qms_doc_control, doc_control_fields);

static const struct qms_field time_limit_fields[] = {
	FIELD(struct qms_time_limit, statutory, QMS_T_DURATION, 0,
	      "limit set by law (thời hạn theo quy định), in the unit the law writes"),
	FIELD(struct qms_time_limit, committed, QMS_T_DURATION, 0, "shorter limit the agency commits to"),
	FIELD(struct qms_time_limit, extension, QMS_T_DURATION, 0,
	      "extension the law allows with a written notice (gia hạn), e.g. `10 ngày`"),
	FIELD(struct qms_time_limit, cutoff, QMS_T_CLOCK, 0,
	      "same-day limits: dossiers received after this time (e.g. `15:00`) are returned the next working day"),
	FIELD(struct qms_time_limit, cut, QMS_T_PERCENT, 0,
	      "cut this procedure must make (overrides the workspace's `time_cut`)"),
	FIELD(struct qms_time_limit, cut_exempt, QMS_T_TEXT, 0,
	      "why no cut is required (same-day limit, limit fixed by another authority)"),
	FIELD(struct qms_time_limit, not_counted, QMS_T_TEXT, LIST,
	      "time the law leaves out of the limit, e.g. `thời gian bổ sung hồ sơ`"),
	END};
SCHEMA(time_limit_schema, "time_limit", struct qms_time_limit, time_limit_fields);

static const struct qms_field lane_fields[] = {
	FIELD(struct qms_lane, id, QMS_T_ID, REQ, "short id used by steps"),
	FIELD(struct qms_lane, name, QMS_T_TEXT, REQ, "the responsible unit as printed"),
	FIELD(struct qms_lane, agency, QMS_T_ID, 0,
	      "inter-agency work: id of the other agency of the workspace doing it"),
	FIELD(struct qms_lane, body, QMS_T_TEXT, 0,
	      "inter-agency work: a body outside the workspace doing it (instead of `agency`)"),
	FIELD(struct qms_lane, procedure, QMS_T_ID, 0,
	      "code of that agency's own procedure for its part; its committed limit caps the share"),
	FIELD(struct qms_lane, allowed, QMS_T_DURATION, 0,
	      "that agency's share of the time set by the interlinked decision"),
	END};
SCHEMA(lane_schema, "lane", struct qms_lane, lane_fields);

static const struct qms_field form_fields[] = {FIELD(struct qms_form, id, QMS_T_ID, REQ, "form number, e.g. `BM01`"),
					       FIELD(struct qms_form, name, QMS_T_TEXT, REQ, "form title"), END};
SCHEMA(form_schema, "form", struct qms_form, form_fields);

static const struct qms_field branch_fields[] = {
	FIELD(struct qms_branch, when, QMS_T_TEXT, REQ, "label of the answer, e.g. `Đủ`"),
	FIELD(struct qms_branch, next, QMS_T_ID, REQ, "step taken on that answer"), END};
SCHEMA(branch_schema, "branch", struct qms_branch, branch_fields);

static const struct qms_field step_fields[] = {
	FIELD(struct qms_step, id, QMS_T_ID, REQ, "unique within the procedure"),
	CHOICE(struct qms_step, kind, qms_step_kind_names, 0,
	       "`start`, `task` (default), `decision`, `end` or `subprocess`"),
	FIELD(struct qms_step, lane, QMS_T_ID, 0,
	      "lane id of the responsible unit (required when there are several lanes)"),
	FIELD(struct qms_step, name, QMS_T_TEXT, REQ, "what is done (nội dung công việc)"),
	FIELD(struct qms_step, duration, QMS_T_DURATION, 0,
	      "time the step takes; a subprocess without one takes its called procedure's"),
	FIELD(struct qms_step, not_counted, QMS_T_TEXT, 0,
	      "why its time is not counted in the limit (the citizen completes the dossier, pays a fee)"),
	FIELD(struct qms_step, extension, QMS_T_TEXT, 0,
	      "taken only when the limit is extended: the written notice, e.g. `Thông báo gia hạn (BM05)`"),
	FIELD(struct qms_step, forms, QMS_T_ID, LIST, "ids of the forms used or produced"),
	FIELD(struct qms_step, next, QMS_T_ID, LIST | QMS_F_ONE_OR_LIST,
	      "following step, or a list of steps done in parallel"),
	SUB(struct qms_step, branches, branch_schema, LIST, "decision only: the answers and where each leads"),
	FIELD(struct qms_step, calls, QMS_T_ID, 0, "subprocess only: code of the procedure it runs"),
	FIELD(struct qms_step, note, QMS_T_TEXT, 0, "explanation (diễn giải)"),
	END};
SCHEMA(step_schema, "step", struct qms_step, step_fields);

static const struct qms_field record_fields[] = {
	FIELD(struct qms_record, name, QMS_T_TEXT, REQ, "record kept"),
	FIELD(struct qms_record, keeper, QMS_T_TEXT, 0, "unit that keeps it"),
	FIELD(struct qms_record, retention, QMS_T_TEXT, 0, "how long, e.g. `5 years`"), END};
SCHEMA(record_schema, "record", struct qms_record, record_fields);

static const struct qms_field risk_fields[] = {
	FIELD(struct qms_risk, risk, QMS_T_TEXT, REQ, "the risk or opportunity"),
	FIELD(struct qms_risk, action, QMS_T_TEXT, 0, "the action that addresses it"), END};
SCHEMA(risk_schema, "risk", struct qms_risk, risk_fields);

static const struct qms_field indicator_fields[] = {
	FIELD(struct qms_indicator, name, QMS_T_TEXT, REQ, "what is measured"),
	FIELD(struct qms_indicator, target, QMS_T_TEXT, 0, "target, e.g. `>= 98%`"), END};
SCHEMA(indicator_schema, "indicator", struct qms_indicator, indicator_fields);

static const struct qms_field process_fields[] = {
	FIELD(struct qms_process, code, QMS_T_ID, REQ, "mã hiệu, unique in the workspace, e.g. `STP-QT-01`"),
	FIELD(struct qms_process, title, QMS_T_TEXT, REQ, "name of the procedure"),
	FIELD(struct qms_process, agency, QMS_T_ID, REQ, "id of the agency (its tracker in `audits/`)"),
	RANGE(struct qms_process, edition, QMS_T_INT, 0, 1, 999, "lần ban hành, from 1"),
	FIELD(struct qms_process, effective, QMS_T_DATE, 0, "date it takes effect"),
	CHOICE(struct qms_process, standard, qms_standard_names, REQ,
	       "`ISO 9001:2015`, or `ISO 9001:2008` while not converted"),
	FIELD(struct qms_process, owner, QMS_T_TEXT, 0, "unit that owns the procedure"),
	FIELD(struct qms_process, purpose, QMS_T_TEXT, 0, "mục đích"),
	FIELD(struct qms_process, scope, QMS_T_TEXT, 0, "phạm vi"),
	FIELD(struct qms_process, references, QMS_T_TEXT, LIST, "tài liệu viện dẫn, legal basis"),
	FIELD(struct qms_process, clauses, QMS_T_CLAUSE, LIST, "clauses of `standard` the procedure implements"),
	SUB(struct qms_process, tthc, tthc_schema, LIST | QMS_F_ONE_OR_LIST,
	    "the administrative procedure (TTHC) it handles, or a list when it handles several"),
	SUB(struct qms_process, time_limit, time_limit_schema, 0, "statutory and committed time limits"),
	SUB(struct qms_process, lanes, lane_schema, REQ | LIST, "responsible units, in display order"),
	SUB(struct qms_process, forms, form_schema, LIST, "forms (biểu mẫu)"),
	SUB(struct qms_process, steps, step_schema, REQ | LIST, "the steps, in order"),
	SUB(struct qms_process, records, record_schema, LIST, "hồ sơ cần lưu"),
	SUB(struct qms_process, risks, risk_schema, LIST, "risks of the process and their actions (6.1)"),
	SUB(struct qms_process, indicators, indicator_schema, LIST, "indicators and targets (9.1)"),
	SUB(struct qms_process, document, doc_control_schema, 0,
	    "document control: issuing decision, signatures, revisions, distribution (7.5.2, 7.5.3)"),
	END};
SCHEMA(process_schema, "process", struct qms_process, process_fields);

static const struct qms_field process_file_fields[] = {
	SUB(struct qms_process_file, process, process_schema, REQ, "the procedure"), END};
ROOT_SCHEMA(process_file_schema, struct qms_process_file, process_file_fields);

static const struct qms_field exclusion_fields[] = {
	FIELD(struct qms_exclusion, clause, QMS_T_CLAUSE, REQ, "clause not applicable"),
	FIELD(struct qms_exclusion, justification, QMS_T_TEXT, REQ, "why it does not apply"), END};
SCHEMA(exclusion_schema, "exclusion", struct qms_exclusion, exclusion_fields);

static const struct qms_field context_fields[] = {
	FIELD(struct qms_context, internal, QMS_T_TEXT, LIST, "internal issues (4.1)"),
	FIELD(struct qms_context, external, QMS_T_TEXT, LIST, "external issues (4.1)"), END};
SCHEMA(context_schema, "context", struct qms_context, context_fields);

static const struct qms_field party_fields[] = {
	FIELD(struct qms_party, party, QMS_T_TEXT, REQ, "the interested party"),
	FIELD(struct qms_party, needs, QMS_T_TEXT, 0, "its needs and expectations"), END};
SCHEMA(party_schema, "interested party", struct qms_party, party_fields);

static const struct qms_field objective_fields[] = {
	FIELD(struct qms_objective, objective, QMS_T_TEXT, REQ, "the quality objective"),
	FIELD(struct qms_objective, target, QMS_T_TEXT, 0, "measurable target"),
	FIELD(struct qms_objective, due, QMS_T_DATE, 0, "when it is to be met"), END};
SCHEMA(objective_schema, "objective", struct qms_objective, objective_fields);

static const struct qms_field sys_document_fields[] = {
	FIELD(struct qms_sys_document, id, QMS_T_ID, REQ, "document code"),
	FIELD(struct qms_sys_document, title, QMS_T_TEXT, REQ, "document title"),
	FIELD(struct qms_sys_document, clauses, QMS_T_CLAUSE, LIST, "clauses it addresses"),
	CHOICE(struct qms_sys_document, kind, qms_doc_kind_names, 0,
	       "`document` (maintained: procedure, policy, plan; the default) or `record` (retained: minutes, report, "
	       "log)"),
	FIELD(struct qms_sys_document, issued, QMS_T_DATE, 0,
	      "date a document was issued or a record made; without it the document is not yet evidence"),
	CHOICE(struct qms_sys_document, status, qms_doc_status_names, 0,
	       "`draft`, `in-force` (the default once issued) or `withdrawn`"),
	END};
SCHEMA(sys_document_schema, "document", struct qms_sys_document, sys_document_fields);

static const struct qms_field system_fields[] = {
	FIELD(struct qms_system, agency, QMS_T_ID, REQ, "id of the agency"),
	CHOICE(struct qms_system, standard, qms_standard_names, REQ, "standard of the system"),
	FIELD(struct qms_system, scope, QMS_T_TEXT, REQ, "scope of the QMS (4.3)"),
	FIELD(struct qms_system, issued, QMS_T_DATE, 0,
	      "date this description of the system was issued; without it its fields are a draft"),
	SUB(struct qms_system, exclusions, exclusion_schema, LIST, "requirements declared not applicable"),
	SUB(struct qms_system, context, context_schema, 0, "internal and external issues (4.1)"),
	SUB(struct qms_system, interested_parties, party_schema, LIST, "interested parties (4.2)"),
	FIELD(struct qms_system, policy, QMS_T_TEXT, 0, "quality policy (5.2)"),
	SUB(struct qms_system, objectives, objective_schema, LIST, "quality objectives (6.2)"),
	SUB(struct qms_system, risks, risk_schema, LIST, "risks and opportunities (6.1)"),
	FIELD(struct qms_system, knowledge, QMS_T_TEXT, LIST, "organisational knowledge (7.1.6)"),
	SUB(struct qms_system, documents, sys_document_schema, LIST, "other documented information"),
	END};
SCHEMA(system_schema, "system", struct qms_system, system_fields);

static const struct qms_field system_file_fields[] = {
	SUB(struct qms_system_file, system, system_schema, REQ, "the agency's system"), END};
ROOT_SCHEMA(system_file_schema, struct qms_system_file, system_file_fields);

static const struct qms_field agency_fields[] = {
	FIELD(struct qms_agency, id, QMS_T_ID, REQ, "agency id, used by procedures"),
	FIELD(struct qms_agency, name, QMS_T_TEXT, REQ, "full name"),
	CHOICE(struct qms_agency, level, qms_level_names, REQ, "`province`, `district` or `commune`"), END};
SCHEMA(agency_schema, "agency", struct qms_agency, agency_fields);

static const struct qms_field migration_from_fields[] = {
	CHOICE(struct qms_migration_from, standard, qms_standard_names, 0, "standard of the old system"),
	FIELD(struct qms_migration_from, announced, QMS_T_DATE, 0, "date the old system was announced"),
	FIELD(struct qms_migration_from, decision, QMS_T_TEXT, 0, "decision that announced it"), END};
SCHEMA(migration_from_schema, "from", struct qms_migration_from, migration_from_fields);

static const struct qms_field stage_fields[] = {
	CHOICE(struct qms_stage, stage, qms_stage_names, REQ, "one of the nine stages"),
	FIELD(struct qms_stage, done, QMS_T_DATE, REQ, "date it was done"),
	FIELD(struct qms_stage, evidence, QMS_T_TEXT, 0, "plan, decision or report that shows it"), END};
SCHEMA(stage_schema, "stage", struct qms_stage, stage_fields);

static const struct qms_field migration_fields[] = {
	SUB(struct qms_migration, from, migration_from_schema, 0, "the system being converted"),
	FIELD(struct qms_migration, deadline, QMS_T_DATE, 0, "overrides the workspace deadline"),
	SUB(struct qms_migration, stages, stage_schema, LIST, "stages done, in order"), END};
SCHEMA(migration_schema, "migration", struct qms_migration, migration_fields);

static const struct qms_field finding_fields[] = {
	FIELD(struct qms_finding, id, QMS_T_ID, REQ, "finding id, e.g. `NC-01`"),
	CHOICE(struct qms_finding, grade, qms_grade_names, REQ, "`major`, `minor`, `observation` or `improvement`"),
	FIELD(struct qms_finding, clause, QMS_T_CLAUSE, REQ, "clause of the audit's standard"),
	FIELD(struct qms_finding, process, QMS_T_ID, 0, "code of the procedure concerned"),
	FIELD(struct qms_finding, step, QMS_T_ID, 0, "step of that procedure"),
	FIELD(struct qms_finding, text, QMS_T_TEXT, REQ, "what was found"),
	FIELD(struct qms_finding, cause, QMS_T_TEXT, 0, "root cause"),
	FIELD(struct qms_finding, action, QMS_T_TEXT, 0, "corrective action"),
	FIELD(struct qms_finding, owner, QMS_T_TEXT, 0, "unit responsible"),
	FIELD(struct qms_finding, due, QMS_T_DATE, 0, "date the action is due"),
	FIELD(struct qms_finding, closed, QMS_T_DATE, 0, "date the action was completed"),
	FIELD(struct qms_finding, verified, QMS_T_DATE, 0, "date its effectiveness was checked"),
	END};
SCHEMA(finding_schema, "finding", struct qms_finding, finding_fields);

static const struct qms_field audit_fields[] = {
	FIELD(struct qms_audit, id, QMS_T_ID, REQ, "audit id"),
	CHOICE(struct qms_audit, kind, qms_audit_kind_names, REQ, "`internal`, `external` or `inspection`"),
	CHOICE(struct qms_audit, standard, qms_standard_names, 0, "standard audited against"),
	FIELD(struct qms_audit, date, QMS_T_DATE, REQ, "date of the audit"),
	FIELD(struct qms_audit, auditors, QMS_T_TEXT, LIST, "auditors' names"),
	FIELD(struct qms_audit, scope, QMS_T_ID, LIST, "codes of the procedures audited"),
	SUB(struct qms_audit, findings, finding_schema, LIST, "findings"),
	END};
SCHEMA(audit_schema, "audit", struct qms_audit, audit_fields);

static const struct qms_field agency_file_fields[] = {
	SUB(struct qms_agency_file, agency, agency_schema, REQ, "who the agency is"),
	SUB(struct qms_agency_file, migration, migration_schema, 0, "its conversion, once started"),
	SUB(struct qms_agency_file, audits, audit_schema, LIST, "audits and inspections"), END};
ROOT_SCHEMA(agency_file_schema, struct qms_agency_file, agency_file_fields);

static const struct qms_field titles_fields[] = {
	FIELD(struct qms_titles, en, QMS_T_TEXT, REQ, "in English"),
	FIELD(struct qms_titles, vi, QMS_T_TEXT, REQ, "in Vietnamese (TCVN wording)"), END};
SCHEMA(titles_schema, "title", struct qms_titles, titles_fields);

static const struct qms_field catalog_clause_fields[] = {
	FIELD(struct qms_catalog_clause, number, QMS_T_CLAUSE, REQ, "clause number, quoted: `\"7.5.3\"`"),
	FIELD(struct qms_catalog_clause, en, QMS_T_TEXT, REQ, "English title"),
	FIELD(struct qms_catalog_clause, vi, QMS_T_TEXT, REQ, "Vietnamese title (TCVN wording)"),
	CHOICE(struct qms_catalog_clause, level, qms_clause_level_names, REQ,
	       "met once for the whole system, or in each process"),
	CHOICE(struct qms_catalog_clause, documented, qms_documented_names, 0,
	       "documented information the standard requires (`procedure`: a 2008 mandatory procedure)"),
	FIELD(struct qms_catalog_clause, evidence, QMS_T_TEXT, 0,
	      "what that documented information is (required with `documented`)"),
	FIELD(struct qms_catalog_clause, evidence_vi, QMS_T_TEXT, 0,
	      "the same in Vietnamese (required with `evidence`)"),
	FIELD(struct qms_catalog_clause, questions, QMS_T_TEXT, LIST,
	      "one to three check questions an auditor asks, in our own words"),
	FIELD(struct qms_catalog_clause, questions_vi, QMS_T_TEXT, LIST, "the same questions in Vietnamese"),
	END};
SCHEMA(catalog_clause_schema, "clause", struct qms_catalog_clause, catalog_clause_fields);

static const struct qms_field standard_fields[] = {
	FIELD(struct qms_standard_doc, id, QMS_T_TEXT, REQ, "the edition, as documents name it: `ISO 9001:2015`"),
	SUB(struct qms_standard_doc, title, titles_schema, 0, "title of the standard"),
	FIELD(struct qms_standard_doc, national, QMS_T_TEXT, 0, "the national adoption, e.g. `TCVN ISO 9001:2015`"),
	FIELD(struct qms_standard_doc, published, QMS_T_DATE, 0, "publication date"),
	SUB(struct qms_standard_doc, clauses, catalog_clause_schema, REQ | LIST,
	    "every numbered clause, in the standard's order"),
	END};
SCHEMA(standard_schema, "standard", struct qms_standard_doc, standard_fields);

static const struct qms_field standard_file_fields[] = {
	SUB(struct qms_standard_file, standard, standard_schema, REQ, "a catalog of one edition"), END};
ROOT_SCHEMA(standard_file_schema, struct qms_standard_file, standard_file_fields);

static const struct qms_field corr_target_fields[] = {
	FIELD(struct qms_corr_target, clause, QMS_T_CLAUSE, REQ, "clause of the new edition"),
	CHOICE(struct qms_corr_target, relation, qms_relation_names, REQ, "how it relates to the old clause"), END};
SCHEMA(corr_target_schema, "target", struct qms_corr_target, corr_target_fields);

static const struct qms_field corr_pair_fields[] = {
	FIELD(struct qms_corr_pair, from, QMS_T_CLAUSE, REQ, "clause of the old edition"),
	SUB(struct qms_corr_pair, to, corr_target_schema, REQ | LIST, "where its requirements went"),
	FIELD(struct qms_corr_pair, note, QMS_T_TEXT, 0, "what changed, in a few words"), END};
SCHEMA(corr_pair_schema, "pair", struct qms_corr_pair, corr_pair_fields);

static const struct qms_field corr_new_fields[] = {
	FIELD(struct qms_corr_note, clause, QMS_T_CLAUSE, REQ, "clause of the new edition with no full predecessor"),
	FIELD(struct qms_corr_note, note, QMS_T_TEXT, 0, "what to address"), END};
SCHEMA(corr_new_schema, "new clause", struct qms_corr_note, corr_new_fields);

static const struct qms_field corr_dropped_fields[] = {
	FIELD(struct qms_corr_note, from, QMS_T_CLAUSE, REQ, "clause of the old edition"),
	FIELD(struct qms_corr_note, note, QMS_T_TEXT, REQ, "what is no longer required"), END};
SCHEMA(corr_dropped_schema, "no longer required", struct qms_corr_note, corr_dropped_fields);

static const struct qms_field correlation_fields[] = {
	FIELD(struct qms_correlation, from, QMS_T_TEXT, REQ, "the old edition: `ISO 9001:2008`"),
	FIELD(struct qms_correlation, to, QMS_T_TEXT, REQ, "the new edition: `ISO 9001:2015`"),
	FIELD(struct qms_correlation, source, QMS_T_TEXT, 0, "where the table comes from"),
	SUB(struct qms_correlation, pairs, corr_pair_schema, REQ | LIST, "one entry per clause of the old edition"),
	{"new", QMS_T_MAP, LIST, offsetof(struct qms_correlation, new_clauses), &corr_new_schema, NULL, 0, 0,
	 "clauses of the new edition to address afresh"},
	SUB(struct qms_correlation, no_longer_required, corr_dropped_schema, LIST,
	    "what the new edition no longer asks for"),
	END};
SCHEMA(correlation_schema, "correlation", struct qms_correlation, correlation_fields);

static const struct qms_field correlation_file_fields[] = {SUB(struct qms_correlation_file, correlation,
							       correlation_schema, REQ,
							       "a clause correlation between two editions"),
							   END};
ROOT_SCHEMA(correlation_file_schema, struct qms_correlation_file, correlation_file_fields);

static const struct qms_field calendar_day_fields[] = {
	FIELD(struct qms_calendar_day, date, QMS_T_DATE, 0, "the day (or `from` and `to`)"),
	FIELD(struct qms_calendar_day, from, QMS_T_DATE, 0, "first day of a run of days"),
	FIELD(struct qms_calendar_day, to, QMS_T_DATE, 0, "last day of the run, included"),
	FIELD(struct qms_calendar_day, name, QMS_T_TEXT, 0, "what the day is, e.g. `Tết Nguyên đán`"), END};
SCHEMA(calendar_day_schema, "day", struct qms_calendar_day, calendar_day_fields);

static const struct qms_field calendar_fields[] = {
	RANGE(struct qms_calendar_year, year, QMS_T_INT, REQ, 1970, 9999, "the year; every day of the file lies in it"),
	FIELD(struct qms_calendar_year, source, QMS_T_TEXT, 0, "the announcement the days come from"),
	SUB(struct qms_calendar_year, holidays, calendar_day_schema, LIST,
	    "days off that year: public holidays, Tết, compensatory days off"),
	SUB(struct qms_calendar_year, make_up_days, calendar_day_schema, LIST,
	    "weekend days declared working days (làm bù)"),
	END};
SCHEMA(calendar_schema, "calendar", struct qms_calendar_year, calendar_fields);

static const struct qms_field calendar_file_fields[] = {
	SUB(struct qms_calendar_file, calendar, calendar_schema, REQ, "the working-day calendar of a year"), END};
ROOT_SCHEMA(calendar_file_schema, struct qms_calendar_file, calendar_file_fields);

static const struct qms_kind_info kinds[QMS_KIND_COUNT] = {
	[QMS_KIND_WORKSPACE] = {"workspace", &workspace_file_schema,
				"`qms.yaml` at the root of the workspace (optional)"},
	[QMS_KIND_PROCESS] = {"process", &process_file_schema, "`processes/<agency>/<code>.yaml`"},
	[QMS_KIND_SYSTEM] = {"system", &system_file_schema, "`processes/<agency>/system.yaml`"},
	[QMS_KIND_AGENCY] = {"agency", &agency_file_schema, "`audits/<agency>.yaml`"},
	[QMS_KIND_STANDARD] = {"standard", &standard_file_schema, "`standards/<edition>.yaml`, shipped with qms"},
	[QMS_KIND_CORRELATION] = {"correlation", &correlation_file_schema,
				  "`standards/correlation-<from>-<to>.yaml`, shipped with qms"},
	[QMS_KIND_CALENDAR] = {"calendar", &calendar_file_schema,
			       "`calendar/<year>.yaml`: the days off and make-up working days of a year"},
};

const struct qms_kind_info *qms_kind_info(enum qms_kind kind)
{
	return kind < QMS_KIND_COUNT ? &kinds[kind] : NULL;
}

/* ---- decoder ---- */

struct decoder {
	struct qms_arena *arena;
	struct qms_diags *diags;
	const char *path;
};

static void derr(struct decoder *dc, const struct qms_node *at, enum qms_rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void derr(struct decoder *dc, const struct qms_node *at, enum qms_rule_id rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_diags_vadd(dc->diags, dc->path, at->line, at->col, rule, fmt, ap);
	va_end(ap);
}

static void decode_map(struct decoder *dc, const struct qms_schema *s, const struct qms_node *map, void *out);

/* The name of what a schema describes, for messages, translated. */
static const char *kind_name(const struct qms_schema *s)
{
	return s->is_root ? _("the top level") : _(s->name);
}

static void add_choices(struct qms_buf *b, const char *const *choices)
{
	for (size_t i = 0; choices[i]; i++)
		qms_buf_printf(b, "%s'%s'", i ? ", " : "", choices[i]);
}

static size_t choices_len(const char *const *choices)
{
	size_t n = 0;
	while (choices[n])
		n++;
	return n;
}

bool qms_is_placeholder(const char *text)
{
	size_t n = strlen(text);
	return n > 2 && text[0] == '<' && text[n - 1] == '>';
}

/* Decode one scalar into v; report and leave v absent when it is bad.
 * Long: one case per value type of the schema, each a few lines, after the
 * checks every scalar shares. */
static void decode_scalar(struct decoder *dc, const struct qms_field *f, const struct qms_node *n, struct qms_value *v)
{
	v->line = n->line;
	v->col = n->col;
	if (n->type != QMS_NODE_SCALAR) {
		derr(dc, n, QMS_RULE_S003, "'%s' must be %s, not %s", f->key,
		     f->type == QMS_T_ID ? _("an id") : _("text"), qms_node_type_name(n));
		return;
	}
	if (qms_node_is_null(n))
		return;
	const char *t = n->text;
	if (n->len > 2 && t[0] == '<' && t[n->len - 1] == '>') { /* qms_is_placeholder(), its length known */
		/* a skeleton's `<...>`: reported until filled; text keeps it so
		 * the document stays whole, other types stay absent */
		derr(dc, n, QMS_RULE_S012, "'%s' is a placeholder for '%s': write the real value", t, f->key);
		if (f->type != QMS_T_TEXT)
			return;
	}
	switch (f->type) {
	case QMS_T_TEXT:
	case QMS_T_MAP: break;
	case QMS_T_ID:
		if (!qms_id_valid(t)) {
			if (t[0] == '.')
				derr(dc, n, QMS_RULE_S009,
				     "'%s' is not a valid id for '%s': an id cannot start with '.' (its files "
				     "would be hidden)",
				     t, f->key);
			else
				derr(dc, n, QMS_RULE_S009,
				     "'%s' is not a valid id for '%s': use ASCII letters, digits, '-', '_' or '.'", t,
				     f->key);
			return;
		}
		break;
	case QMS_T_INT: {
		char *end;
		long i = strtol(t, &end, 10);
		if (end == t || *end || i < (long)f->min || i > (long)f->max) {
			derr(dc, n, QMS_RULE_S010, "'%s' must be a whole number from %ld to %ld, not '%s'", f->key,
			     (long)f->min, (long)f->max, t);
			return;
		}
		v->integer = i;
		break;
	}
	case QMS_T_NUMBER: {
		double d;
		if (qms_number_parse(&d, t) < 0 || d < f->min || d > f->max) {
			derr(dc, n, QMS_RULE_S010, "'%s' must be a number from %g to %g, not '%s'", f->key, f->min,
			     f->max, t);
			return;
		}
		v->number = d;
		break;
	}
	case QMS_T_DATE: {
		int32_t d = qms_date_parse(t);
		if (d < 0) {
			derr(dc, n, QMS_RULE_S004, "'%s' is not a real date for '%s'; write YYYY-MM-DD", t, f->key);
			return;
		}
		v->date = d;
		break;
	}
	case QMS_T_DURATION:
		if (qms_duration_parse(&v->duration, t) < 0) {
			derr(dc, n, QMS_RULE_S005,
			     "'%s' is not a duration for '%s'; write e.g. '15 phút', '4 giờ', '2 ngày làm việc', '15 "
			     "ngày' or 'trong ngày'",
			     t, f->key);
			return;
		}
		if (!qms_duration_within_limit(&v->duration)) {
			derr(dc, n, QMS_RULE_S005,
			     "'%s' for '%s' is longer than ten years (%d days, %d hours), more than any procedure "
			     "takes; check the number",
			     t, f->key, QMS_DURATION_MAX_DAYS, QMS_DURATION_MAX_DAYS * 24);
			return;
		}
		break;
	case QMS_T_CLOCK:
		if (qms_clock_parse(&v->clock, t) < 0) {
			derr(dc, n, QMS_RULE_S011, "'%s' is not a time of day for '%s'; write e.g. '15:00'", t, f->key);
			return;
		}
		break;
	case QMS_T_PERCENT:
		if (qms_percent_parse(&v->number, t) < 0) {
			derr(dc, n, QMS_RULE_S006, "'%s' is not a percentage for '%s'; write e.g. '40%%'", t, f->key);
			return;
		}
		break;
	case QMS_T_CLAUSE:
		if (!qms_clause_valid(t)) {
			derr(dc, n, QMS_RULE_S007,
			     "'%s' is not a clause number; write it as the standard numbers it, e.g. '7.5.3'", t);
			return;
		}
		break;
	case QMS_T_CHOICE: {
		size_t i;
		for (i = 0; f->choices[i]; i++)
			if (!strcmp(f->choices[i], t))
				break;
		if (!f->choices[i]) {
			struct qms_buf b;
			qms_buf_init(&b);
			add_choices(&b, f->choices);
			const char *close = qms_closest(t, f->choices, choices_len(f->choices));
			if (close)
				derr(dc, n, QMS_RULE_S008, "'%s' is not a valid '%s'; did you mean '%s'? (one of %s)",
				     t, f->key, close, b.buf);
			else
				derr(dc, n, QMS_RULE_S008, "'%s' is not a valid '%s'; use one of %s", t, f->key, b.buf);
			qms_buf_release(&b);
			return;
		}
		v->choice = (int)i;
		break;
	}
	}
	v->text = t;
}

static size_t item_size(const struct qms_field *f)
{
	return f->type == QMS_T_MAP ? f->schema->size : sizeof(struct qms_value);
}

static void decode_item(struct decoder *dc, const struct qms_field *f, const struct qms_node *n, void *slot)
{
	if (f->type != QMS_T_MAP) {
		decode_scalar(dc, f, n, slot);
		return;
	}
	if (n->type != QMS_NODE_MAP) {
		derr(dc, n, QMS_RULE_S003, "'%s' must be a mapping (key: value), not %s", f->key,
		     qms_node_is_null(n) ? _("empty") : qms_node_type_name(n));
		return;
	}
	decode_map(dc, f->schema, n, slot);
}

static void decode_field(struct decoder *dc, const struct qms_field *f, const struct qms_node *n, void *slot)
{
	if (!(f->flags & QMS_F_LIST)) {
		decode_item(dc, f, n, slot);
		return;
	}
	struct qms_list *list = slot;
	list->line = n->line;
	list->col = n->col;
	if (n->type == QMS_NODE_SEQ) {
		size_t size = item_size(f);
		list->items = qms_arena_alloc(dc->arena, size * (n->count ? n->count : 1));
		for (const struct qms_node *it = n->first; it; it = it->next) {
			void *item = (char *)list->items + size * list->len;
			decode_item(dc, f, it, item);
			/* an item that is not even a mapping is reported and left
			 * out: later rules see only items they can cite */
			if (f->type != QMS_T_MAP || ((struct qms_obj *)item)->present)
				list->len++;
		}
		return;
	}
	if ((f->flags & QMS_F_ONE_OR_LIST) && n->type == (f->type == QMS_T_MAP ? QMS_NODE_MAP : QMS_NODE_SCALAR)) {
		list->items = qms_arena_alloc(dc->arena, item_size(f));
		decode_item(dc, f, n, list->items);
		list->len = 1; /* one scalar, or one mapping for a list of mappings */
		return;
	}
	derr(dc, n, QMS_RULE_S003, "'%s' must be a list, not %s", f->key, qms_node_type_name(n));
}

static const char *const *schema_keys(const struct qms_schema *s, size_t *n)
{
	/* The field table is not an array of strings: copy the keys. Tables
	 * are small (at most ~20 keys). */
	static _Thread_local const char *keys[32];
	size_t i = 0;
	for (const struct qms_field *f = s->fields; f->key && i < 32; f++)
		keys[i++] = f->key;
	*n = i;
	return keys;
}

/* strcmp() inline: schema keys are a few letters, and most tries fail
 * at the first one. */
static bool key_is(const char *key, const struct qms_node *k)
{
	const char *t = k->text;
	size_t i = 0;
	while (key[i] && key[i] == t[i])
		i++;
	return key[i] == t[i];
}

/* The field of key k in the table `fields`, or NULL. Keys are mostly
 * written in the table's order: the search starts at `hint` (the field
 * after the previous key's) and wraps around. */
static const struct qms_field *find_field(const struct qms_field *fields, const struct qms_field *hint,
					  const struct qms_node *k)
{
	for (const struct qms_field *f = hint; f->key; f++)
		if (key_is(f->key, k))
			return f;
	for (const struct qms_field *f = fields; f != hint; f++)
		if (key_is(f->key, k))
			return f;
	return NULL;
}

static void decode_map(struct decoder *dc, const struct qms_schema *s, const struct qms_node *map, void *out)
{
	struct qms_obj *obj = out;
	obj->line = map->line;
	obj->col = map->col;
	obj->present = true;
	unsigned long seen = 0;
	const struct qms_field *hint = s->fields;
	for (const struct qms_node *k = map->first; k; k = k->next) {
		const struct qms_field *f = find_field(s->fields, hint, k);
		size_t idx = f ? (size_t)(f - s->fields) : 0;
		if (f)
			hint = f[1].key ? f + 1 : s->fields;
		if (!f) {
			size_t n;
			const char *const *keys = schema_keys(s, &n);
			const char *close = qms_closest(k->text, keys, n);
			if (k->text[0] >= '0' && k->text[0] <= '9')
				derr(dc, k, QMS_RULE_S001,
				     "unknown key '%s' in %s: inside { } a ',' separates entries, so write decimals "
				     "with '.' or in quotes ('0,5 giờ')",
				     k->text, kind_name(s));
			else if (strchr(k->text, ' ') && !close)
				derr(dc, k, QMS_RULE_S001,
				     "unknown key '%s' in %s: keys have no spaces; inside { } a ',' separates entries, "
				     "so put text with a comma in quotes",
				     k->text, kind_name(s));
			else if (close)
				derr(dc, k, QMS_RULE_S001,
				     s->is_root ? N_("unknown key '%s' at %s; did you mean '%s'?")
						: N_("unknown key '%s' in %s; did you mean '%s'?"),
				     k->text, kind_name(s), close);
			else
				derr(dc, k, QMS_RULE_S001,
				     s->is_root ? N_("unknown key '%s' at %s") : N_("unknown key '%s' in %s"), k->text,
				     kind_name(s));
			continue;
		}
		if (qms_node_is_null(k->value) && !(f->flags & QMS_F_REQUIRED))
			continue;
		if (qms_node_is_null(k->value)) {
			derr(dc, k, QMS_RULE_S002, "'%s' in %s has no value", f->key, kind_name(s));
			seen |= 1ul << idx;
			continue;
		}
		seen |= 1ul << idx;
		decode_field(dc, f, k->value, (char *)out + f->offset);
	}
	size_t idx = 0;
	for (const struct qms_field *f = s->fields; f->key; f++, idx++)
		if ((f->flags & QMS_F_REQUIRED) && !(seen & (1ul << idx)))
			derr(dc, map, QMS_RULE_S002, "missing required key '%s' in %s", f->key, kind_name(s));
}

int qms_document_decode(struct qms_document *out, struct qms_doc *doc, struct qms_diags *diags)
{
	struct decoder dc = {.arena = &doc->arena, .diags = diags, .path = doc->path};
	const struct qms_node *root = doc->root;
	memset(out, 0, sizeof(*out));
	if (root->type != QMS_NODE_MAP) {
		derr(&dc, root, QMS_RULE_L010,
		     "the document is %s; it must be a mapping whose first key names its kind (process, system, "
		     "agency, workspace, standard, correlation or calendar)",
		     qms_node_is_null(root) ? _("empty") : qms_node_type_name(root));
		return -1;
	}
	int kind = -1;
	const struct qms_node *kind_key = NULL;
	for (const struct qms_node *k = root->first; k; k = k->next) {
		for (int i = 0; i < QMS_KIND_COUNT; i++) {
			if (strcmp(k->text, kinds[i].key))
				continue;
			if (kind >= 0) {
				derr(&dc, k, QMS_RULE_L010,
				     "'%s' and '%s' in one file; put each document in its own file", kinds[kind].key,
				     kinds[i].key);
				return -1;
			}
			kind = i;
			kind_key = k;
		}
	}
	(void)kind_key;
	if (kind < 0) {
		const char *names[QMS_KIND_COUNT];
		for (int i = 0; i < QMS_KIND_COUNT; i++)
			names[i] = kinds[i].key;
		const struct qms_node *first = root->first;
		const char *close = first ? qms_closest(first->text, names, QMS_KIND_COUNT) : NULL;
		const struct qms_node *at = first ? first : root;
		if (close)
			derr(&dc, at, QMS_RULE_L010, "unknown kind of document '%s'; did you mean '%s'?", first->text,
			     close);
		else
			derr(&dc, at, QMS_RULE_L010,
			     "no kind of document: the top-level key must be process, system, agency, workspace, "
			     "standard, correlation or calendar");
		return -1;
	}
	const struct qms_schema *s = kinds[kind].root;
	void *data = qms_arena_alloc(&doc->arena, s->size);
	decode_map(&dc, s, root, data);
	out->kind = (enum qms_kind)kind;
	out->data = data;
	out->doc = doc;
	return 0;
}

/* ---- copying a model ---- */

static void copy_map(struct qms_arena *a, const struct qms_schema *s, void *obj);

/* slot holds a copy of the item f describes: give it its own strings. */
static void copy_item(struct qms_arena *a, const struct qms_field *f, void *slot)
{
	if (f->type == QMS_T_MAP) {
		copy_map(a, f->schema, slot);
		return;
	}
	struct qms_value *v = slot;
	v->text = qms_arena_strdup(a, v->text);
}

/* obj holds a copy of a struct of s: give it its own lists and strings. */
static void copy_map(struct qms_arena *a, const struct qms_schema *s, void *obj)
{
	for (const struct qms_field *f = s->fields; f->key; f++) {
		void *slot = (char *)obj + f->offset;
		if (!(f->flags & QMS_F_LIST)) {
			copy_item(a, f, slot);
			continue;
		}
		struct qms_list *l = slot;
		if (!l->items)
			continue;
		size_t size = item_size(f);
		void *items = qms_arena_alloc(a, size * (l->len ? l->len : 1));
		memcpy(items, l->items, size * l->len);
		l->items = items;
		for (size_t i = 0; i < l->len; i++)
			copy_item(a, f, (char *)items + size * i);
	}
}

void qms_document_copy(struct qms_document *out, const struct qms_document *d, struct qms_arena *arena)
{
	const struct qms_schema *s = kinds[d->kind].root;
	memset(out, 0, sizeof(*out));
	out->kind = d->kind;
	out->data = qms_arena_alloc_raw(arena, s->size);
	memcpy(out->data, d->data, s->size);
	copy_map(arena, s, out->data);
}

void qms_document_release(struct qms_document *d)
{
	if (!d->shared)
		qms_doc_free(d->doc);
	memset(d, 0, sizeof(*d));
}

int qms_document_load(struct qms_document *out, const char *path, struct qms_diags *diags)
{
	struct qms_doc *doc;
	memset(out, 0, sizeof(*out));
	/* a workspace open in this process may keep the decoded documents */
	int rc = qms_source_document(qms_source_installed(), out, path, diags);
	if (rc != 1)
		return rc;
	if (qms_doc_load(&doc, path, diags) < 0)
		return -1;
	if (qms_document_decode(out, doc, diags) < 0) {
		qms_doc_free(doc);
		return -1;
	}
	return 0;
}

/* ---- documentation ---- */

static const char *type_name(const struct qms_field *f)
{
	switch (f->type) {
	case QMS_T_TEXT: return "text";
	case QMS_T_ID: return "id";
	case QMS_T_INT: return "whole number";
	case QMS_T_NUMBER: return "number";
	case QMS_T_DATE: return "date";
	case QMS_T_DURATION: return "duration";
	case QMS_T_PERCENT: return "percentage";
	case QMS_T_CLAUSE: return "clause";
	case QMS_T_CHOICE: return "choice";
	case QMS_T_CLOCK: return "time of day";
	case QMS_T_MAP: return f->schema->name;
	}
	return "?";
}

static void format_schema(struct qms_buf *out, const struct qms_schema *s, const char *title,
			  const struct qms_schema **done, size_t *ndone)
{
	for (size_t i = 0; i < *ndone; i++)
		if (done[i] == s)
			return;
	done[(*ndone)++] = s;
	qms_buf_printf(out, "\n#### %s\n\n| key | type | required | meaning |\n|---|---|---|---|\n", title);
	for (const struct qms_field *f = s->fields; f->key; f++) {
		qms_buf_printf(out, "| `%s` | %s%s%s | %s | %s", f->key, (f->flags & QMS_F_LIST) ? "list of " : "",
			       type_name(f), (f->flags & QMS_F_ONE_OR_LIST) ? " (or one)" : "",
			       (f->flags & QMS_F_REQUIRED) ? "yes" : "", f->doc);
		if (f->type == QMS_T_CHOICE) {
			qms_buf_adds(out, ": ");
			for (size_t i = 0; f->choices[i]; i++)
				qms_buf_printf(out, "%s`%s`", i ? ", " : "", f->choices[i]);
		}
		if ((f->type == QMS_T_INT || f->type == QMS_T_NUMBER))
			qms_buf_printf(out, " (%g to %g)", f->min, f->max);
		qms_buf_adds(out, " |\n");
	}
	for (const struct qms_field *f = s->fields; f->key; f++)
		if (f->type == QMS_T_MAP)
			format_schema(out, f->schema, f->schema->name, done, ndone);
}

void qms_schema_format_md(struct qms_buf *out)
{
	const struct qms_schema *done[64];
	size_t ndone = 0;
	for (int k = 0; k < QMS_KIND_COUNT; k++) {
		const struct qms_schema *root = kinds[k].root;
		qms_buf_printf(out, "\n### Kind `%s`: %s\n", kinds[k].key, kinds[k].where);
		/* the file table itself lists the top-level keys */
		for (const struct qms_field *f = root->fields; f->key; f++)
			if (f->type == QMS_T_MAP)
				format_schema(out, f->schema, f->key, done, &ndone);
		if (root->fields[1].key) {
			qms_buf_adds(out, "\nTop-level keys of the file:");
			for (const struct qms_field *f = root->fields; f->key; f++)
				qms_buf_printf(out, " `%s`%s", f->key,
					       (f->flags & QMS_F_REQUIRED) ? " (required)" : "");
			qms_buf_adds(out, "\n");
		}
	}
}
