// End-of-run verification: the chunk records of this run (the source side,
// computed while copying) against one binary COPY scan of each target table,
// per key range (exec/verifier.hpp); no second read of the source rows.
#include <fmt/format.h>

#include "exec/scheduler.hpp"
#include "exec/verifier.hpp"

#include <algorithm>

namespace cutover {

// Tables are verified in parallel, each with one scan of the target.
void Scheduler::verify_tables() {
  auto committed = target_.committed_chunks();
  if (!committed) {
    run_.errors.push_back("verification: " + committed.error().describe());
    return;
  }
  std::map<std::string, std::map<int, ChunkRecord>> stored;
  for (const auto& tp : plan_.tables) stored[tp.target_schema + "." + tp.target_name];  // no insertion below
  for (auto& cc : *committed) stored[cc.table][cc.index] = std::move(cc.record);
  VerifyOptions opt;
  opt.cancel = &cancel_;
  opt.progress = &progress_;
  {
    TaskPool pool(std::max(1, plan_.options.jobs));
    for (size_t t = 0; t < plan_.tables.size(); ++t) {
      if (tables_[t]->failed || plan_.options.mode == Mode::schema_only) continue;
      pool.add([this, t, &stored, &opt] {
        const TablePlan& tp = plan_.tables[t];
        verify_table(source_, target_, tp, stored.at(tp.target_schema + "." + tp.target_name), opt,
                     tables_[t]->result);
      });
    }
    pool.wait();
  }
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
