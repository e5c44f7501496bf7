// cutover verify SOURCE TARGET [--fix | --stored]: the plan of migrate, the
// source read again chunk by chunk (with --stored: the chunk records of the
// migrate instead), each target table scanned once; tables in parallel on
// --jobs threads (exec/verifier.hpp, docs/verify.md).
#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "cli/command_common.hpp"
#include "cli/commands.hpp"
#include "exec/verifier.hpp"

namespace cutover {

namespace {

RunResult verify_all(Source& source, Target& target, const MigrationPlan& plan,
                     const std::vector<CommittedChunk>& committed, const Command& cmd, ProgressSink& progress) {
  const Options& o = plan.options;
  RunResult run;
  std::map<std::string, std::map<int, ChunkRecord>> stored;
  for (const auto& tp : plan.tables) {
    TableResult r;
    r.source_name = tp.source.name;
    r.target_name = tp.target_schema + "." + tp.target_name;
    r.chunks = static_cast<int>(tp.chunks.size());
    r.warnings = tp.warnings;
    stored[r.target_name];
    run.tables.push_back(std::move(r));
  }
  for (const auto& cc : committed)
    if (auto it = stored.find(cc.table); it != stored.end()) it->second[cc.index] = cc.record;
  if (cmd.stored)  // the source side is the copy's: rows and checksums as recorded
    for (auto& r : run.tables)
      for (const auto& [index, rec] : stored[r.target_name]) {
        r.copied_rows += rec.rows;
        r.rejected_rows += rec.rejected;
        r.checksum += rec.checksum;
      }
  VerifyOptions opt;
  opt.read_source = !cmd.stored;
  opt.fix = cmd.fix;
  opt.read = {o.batch_rows, o.batch_bytes, o.nul_policy, o.nul_replacement};
  opt.queue_bytes = o.queue_bytes;
  opt.cancel = &g_cancel;
  opt.progress = &progress;
  std::vector<const TablePlan*> tables;
  std::vector<const std::map<int, ChunkRecord>*> records;
  std::vector<TableResult*> results;
  for (size_t t = 0; t < plan.tables.size(); ++t) {
    tables.push_back(&plan.tables[t]);
    records.push_back(&stored[run.tables[t].target_name]);
    results.push_back(&run.tables[t]);
  }
  verify_tables(source, target, tables, records, opt, o.jobs, results);
  run.interrupted = g_cancel.load();
  run.verified = !run.interrupted;
  for (auto& r : run.tables)
    if (r.status == TableStatus::ok && r.rejected_rows > 0) r.status = TableStatus::rejected_rows;
  return run;
}

}  // namespace

int cmd_verify(const Command& cmd) {
  auto t0 = std::chrono::steady_clock::now();
  Options o = cmd.options;
  if (o.report_path.empty()) o.report_path = "cutover-verify-report.json";
  ReportMeta meta;
  meta.command = "verify";
  meta.started_at = utc_now_iso();
  auto p = prepare(o, meta);
  if (!p) return early_failure(o, p.error(), meta);
  auto stored = p->target->attach_run(p->id);
  if (!stored) return early_failure(o, stored.error(), meta);
  double plan_seconds = seconds_since(t0);
  if (cmd.stored && !*stored) {
    Error e;
    e.kind = ErrorKind::config;
    e.message = "verify --stored: the target holds no run of this plan";
    e.hint = "give the same options as the migrate, or verify without --stored to read the source again";
    return early_failure(o, e, meta);
  }
  if (!*stored && !o.quiet)
    std::fprintf(stderr, "cutover: the target holds no run of this plan (same options as the migrate?); "
                         "verifying without its chunk records%s\n",
                 cmd.fix ? ", and --fix records no chunks" : "");

  stop_on_signals();
  auto progress = o.quiet ? std::unique_ptr<ProgressSink>(new NullProgress) : make_terminal_progress();
  std::vector<ProgressTable> pt;
  for (const auto& t : p->plan.tables)
    pt.push_back({t.target_schema + "." + t.target_name, t.source.row_estimate, static_cast<int>(t.chunks.size())});
  progress->start(pt);
  progress->phase(cmd.fix ? "verifying and fixing" : "verifying");
  auto v0 = std::chrono::steady_clock::now();
  RunResult run = verify_all(*p->loaded.source, *p->target, p->plan,
                             stored->value_or(std::vector<CommittedChunk>{}), cmd, *progress);
  progress->stop();
  run.verify_seconds = seconds_since(v0);
  run.plan_seconds = plan_seconds;
  run.seconds = seconds_since(t0);
  return report_run(o, p->plan, run, meta);
}

}  // namespace cutover
