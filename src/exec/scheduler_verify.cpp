// End-of-run verification: the chunk records of this run (the source side,
// computed while copying) against one binary COPY scan of each target table,
// per key range (exec/verifier.hpp); no second read of the source rows.
#include <fmt/format.h>

#include "exec/scheduler.hpp"
#include "exec/verifier.hpp"

#include <algorithm>

namespace cutover {

// Tables are verified in parallel: one scan of each target table.
void Scheduler::verify_tables() {
  auto committed = target_.committed_chunks();
  if (!committed) {
    run_.errors.push_back("verification: " + committed.error().describe());
    return;
  }
  std::map<std::string, std::map<int, ChunkRecord>> stored;
  for (auto& cc : *committed) stored[cc.table][cc.index] = std::move(cc.record);
  VerifyOptions opt;
  opt.cancel = &cancel_;
  opt.progress = &progress_;
  std::vector<const TablePlan*> tables;
  std::vector<const std::map<int, ChunkRecord>*> records;
  std::vector<TableResult*> results;
  for (size_t t = 0; t < plan_.tables.size(); ++t) {
    if (tables_[t]->failed || plan_.options.mode == Mode::schema_only) continue;
    const TablePlan& tp = plan_.tables[t];
    tables.push_back(&tp);
    records.push_back(&stored[tp.target_schema + "." + tp.target_name]);
    results.push_back(&tables_[t]->result);
  }
  cutover::verify_tables(source_, target_, tables, records, opt, plan_.options.jobs, results);
  run_.verified = !cancel_;
  for (auto& ts : tables_)
    if (ts->result.status == TableStatus::ok && ts->result.rejected_rows > 0)
      ts->result.status = TableStatus::rejected_rows;
}

const char* to_string(TableStatus s) {
  switch (s) {
    case TableStatus::ok: return "ok";
    case TableStatus::rejected_rows: return "rejected_rows";
    case TableStatus::failed: return "failed";
    case TableStatus::skipped: return "skipped";
  }
  return "unknown";
}

}  // namespace cutover
