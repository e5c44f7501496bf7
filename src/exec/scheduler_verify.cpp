// End-of-run verification: row counts on both sides and key totals.
#include <fmt/format.h>

#include "exec/scheduler.hpp"

#include <algorithm>

namespace cutover {

namespace {

// "12.500" -> "12.5", "-0" -> "0", "null" stays.
std::string canonical_sum(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

}  // namespace

// Tables are verified in parallel, each with one scan on each side.
void Scheduler::verify_tables() {
  {
    TaskPool pool(std::max(1, plan_.options.jobs));
    for (size_t t = 0; t < plan_.tables.size(); ++t)
      if (!tables_[t]->failed) pool.add([this, t] { verify_table(t); });
    pool.wait();
  }
  run_.verified = true;
  for (auto& ts : tables_)
    if (ts->result.status == TableStatus::ok && ts->result.rejected_rows > 0)
      ts->result.status = TableStatus::rejected_rows;
}

void Scheduler::verify_table(size_t t) {
  {
    const TablePlan& tp = plan_.tables[t];
    auto& ts = *tables_[t];
    TableResult& r = ts.result;
    std::vector<std::string> columns;
    auto sums = ts.totals.sums();
    for (const auto& [col, _] : sums) columns.push_back(tp.columns[col].target_name);
    auto target_sums = target_.column_sums(tp, columns);
    if (!target_sums) {
      r.errors.push_back(target_sums.error().describe());
      r.status = TableStatus::failed;
      return;
    }
    r.target_rows = std::stoll((*target_sums)[""]);
    ChunkSpec whole;
    auto source_rows = source_.count_rows(tp, whole);
    r.source_rows = source_rows ? *source_rows : r.copied_rows + r.rejected_rows;
    if (plan_.options.mode != Mode::schema_only &&
        (r.target_rows != r.copied_rows || r.source_rows != r.copied_rows + r.rejected_rows)) {
      r.status = TableStatus::failed;
      r.errors.push_back(fmt::format(
          "row counts differ: source {}, copied {}, rejected {}, target {}", r.source_rows,
          r.copied_rows, r.rejected_rows, r.target_rows));
    }
    for (const auto& [col, sum] : sums) {
      const std::string& name = tp.columns[col].target_name;
      KeyTotal k{name, sum, (*target_sums)[name], false};
      k.match = sum == "overflow" || canonical_sum(k.source) == canonical_sum(k.target);
      if (!k.match && plan_.options.mode != Mode::schema_only) {
        r.status = TableStatus::failed;
        r.errors.push_back(fmt::format("key total of {} differs: source {}, target {}", name,
                                       k.source, k.target));
      }
      r.key_totals.push_back(std::move(k));
    }
  }
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
