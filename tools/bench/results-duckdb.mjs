// The baseline of tools/bench/results-bench: the figures of `qms results`
// (same period, same grouping by agency, level, field and procedure, same
// before / on / after the due date counts) by DuckDB's CSV reader and SQL.
//
// usage: node results-duckdb.mjs EXPORT.csv CODES.csv FROM TO THREADS
//   CODES.csv: tthc,code of the workspace's procedures (a dossier named by
//   its TTHC code is grouped under its procedure, as qms matches it)
// Prints the totals as JSON (the keys of `qms results --format json`) and the
// number of groups.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// the pinned package of tests/npm (scripts/install-npm.sh)
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'tests', 'npm', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [exportCsv, codesCsv, from, to, threads] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await inst.connect();
const q = (s) => s.replace(/'/g, "''");
const sql = `
with codes as (select * from read_csv('${q(codesCsv)}', header = true, all_varchar = true)),
raw as (
  select "Cơ quan" as agency, "Cấp" as level, "Lĩnh vực" as field,
         coalesce(nullif("Mã quy trình", ''), c.code, nullif("Mã thủ tục", '')) as proc,
         strptime("Ngày tiếp nhận", '%d/%m/%Y %H:%M')::date as rcv,
         strptime("Ngày hẹn trả", '%d/%m/%Y')::date as due,
         try_strptime("Ngày có kết quả", '%d/%m/%Y %H:%M')::date as fin,
         "Trạng thái" ilike '%trả lại%' as returned,
         coalesce("Xin lỗi", '') not in ('', '0', 'không', 'Không', 'no', 'false', '-') as apology
  from read_csv('${q(exportCsv)}', header = true, all_varchar = true) e
  left join codes c on c.tthc = e."Mã thủ tục"
),
t as (
  select *, case when returned then 'returned'
                 when fin is not null and fin <= date '${to}' then
                   case when fin < due then 'before' when fin = due then 'on_due' else 'late' end
                 when due >= date '${to}' then 'open_within' else 'open_late' end as o
  from raw where rcv <= date '${to}' and (fin is null or fin >= date '${from}')
)
select grouping(agency, level, field, proc) as g, agency, level, field, proc,
  count(*) filter (where rcv >= date '${from}') as received,
  count(*) filter (where rcv < date '${from}') as carried_over,
  count(*) filter (where o in ('before', 'on_due', 'late')) as resolved,
  count(*) filter (where o = 'before') as before_due,
  count(*) filter (where o = 'on_due') as on_due,
  count(*) filter (where o = 'late') as late,
  count(*) filter (where o = 'open_within') as in_progress_in_time,
  count(*) filter (where o = 'open_late') as in_progress_late,
  count(*) filter (where o = 'returned') as returned,
  count(*) filter (where o in ('late', 'open_late') and apology) as late_with_apology
from t
group by grouping sets ((agency), (level), (field), (proc), ())`;
const reader = await con.runAndReadAll(sql);
const rows = reader.getRowObjectsJS();
const total = rows.find((r) => r.agency === null && r.level === null && r.field === null && r.proc === null);
const out = {};
for (const k of ['received', 'carried_over', 'resolved', 'before_due', 'on_due', 'late', 'in_progress_in_time',
  'in_progress_late', 'returned', 'late_with_apology']) out[k] = Number(total[k]);
console.log(JSON.stringify({ total: out, groups: rows.length - 1 }));
