// Verification of a migrate run: the chunk records of this run (the source
// side, computed while copying) against one binary COPY scan of each target
// table, per key range (exec/verifier.hpp); no second read of the source
// rows. Each table is verified as soon as its data is in.
#include <fmt/format.h>

#include "exec/scheduler.hpp"
#include "exec/verifier.hpp"

#include <algorithm>

namespace cutover {

void Scheduler::schedule_verify(TaskPool& pool, size_t t) {
  if (!plan_.options.verify || plan_.options.mode == Mode::schema_only) return;
  pool.add([this, t] { verify_table(t); });
}

// The table's chunk records (the source side, computed while copying)
// against one scan of the target table. Works on a copy of the table's
// result, merged back under the table's lock: keys and FKs of the same
// table may report at the same time.
void Scheduler::verify_table(size_t t) {
  auto& ts = *tables_[t];
  const TablePlan& tp = plan_.tables[t];
  TableResult r;
  {
    std::lock_guard lock(ts.mu);
    if (ts.failed || cancel_ || stopping_) return;
    r = ts.result;
  }
  double started = now();
  std::map<int, ChunkRecord> records;
  auto committed = target_.committed_chunks();
  if (!committed) {
    std::lock_guard lock(ts.mu);
    ts.result.errors.push_back("verification: " + committed.error().describe());
    ts.result.status = TableStatus::failed;
    return;
  }
  for (auto& cc : *committed)
    if (cc.table == r.target_name) records[cc.index] = std::move(cc.record);
  size_t errors_before = r.errors.size();
  VerifyOptions opt;
  opt.cancel = &cancel_;
  opt.progress = &progress_;
  cutover::verify_tables(source_, target_, {&tp}, {&records}, opt, 1, {&r});
  {
    std::lock_guard lock(ts.mu);
    TableResult& out = ts.result;
    out.source_rows = r.source_rows;
    out.target_rows = r.target_rows;
    out.target_checksum = r.target_checksum;
    out.verified_by = r.verified_by;
    out.checks = std::move(r.checks);
    out.mismatches = std::move(r.mismatches);
    out.key_totals = std::move(r.key_totals);
    for (size_t i = errors_before; i < r.errors.size(); ++i) out.errors.push_back(std::move(r.errors[i]));
    if (r.status == TableStatus::failed) out.status = TableStatus::failed;
  }
  std::lock_guard lock(run_mu_);
  verify_seconds_ += now() - started;
}

void Scheduler::finish_verification() {
  run_.verified = !cancel_;
  run_.verify_seconds = verify_seconds_;
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
