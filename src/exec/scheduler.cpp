#include "exec/scheduler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <thread>

#include "exec/chunk_runner.hpp"

namespace cutover {

namespace {

std::string key_of(const TablePlan& t) { return t.target_schema + "." + t.target_name; }

}  // namespace

void sleep_backoff(int attempt) {
  thread_local std::mt19937 rng(std::random_device{}());
  int base_ms = 500 << std::min(attempt, 6);
  std::uniform_int_distribution<int> jitter(0, base_ms / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(base_ms + jitter(rng)));
}

Scheduler::Scheduler(Source& source, Target& target, const MigrationPlan& plan,
                     ProgressSink& progress, const std::atomic<bool>& cancel)
    : source_(source), target_(target), plan_(plan), progress_(progress), cancel_(cancel) {
  for (const auto& t : plan.tables) {
    auto st = std::make_unique<TableState>();
    st->result.source_name = t.source.name;
    st->result.target_name = key_of(t);
    std::vector<ValueKind> kinds;
    for (const auto& c : t.columns) kinds.push_back(c.type.kind);
    st->totals = ColumnTotals(kinds);
    st->chunks_left = static_cast<int>(t.chunks.size());
    st->result.chunks = static_cast<int>(t.chunks.size());
    st->result.warnings = t.warnings;
    tables_.push_back(std::move(st));
  }
  // A partitioned table's keys and indexes wait for its partitions' rows.
  parent_.resize(plan.tables.size());
  for (size_t t = 0; t < plan.tables.size(); ++t)
    for (size_t p = 0; p < plan.tables.size() && !plan.tables[t].partition_parent.empty(); ++p)
      if (key_of(plan.tables[p]) == plan.tables[t].partition_parent) {
        parent_[t] = p;
        tables_[p]->chunks_left++;
      }
}

double Scheduler::now() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Status Scheduler::load_state() {
  auto steps = target_.done_steps();
  if (!steps) return fail(std::move(steps.error()));
  steps_ = std::move(*steps);
  auto chunks = target_.committed_chunks();
  if (!chunks) return fail(std::move(chunks.error()));
  for (const auto& cc : *chunks) {
    for (size_t t = 0; t < plan_.tables.size(); ++t) {
      if (key_of(plan_.tables[t]) != cc.table) continue;
      committed_.insert({cc.table, cc.index});
      auto& ts = *tables_[t];
      ts.result.copied_rows += cc.record.rows;
      ts.result.rejected_rows += cc.record.rejected;
      ts.result.bytes += cc.record.bytes;
      ts.result.checksum += cc.record.checksum;
      ts.result.rules.merge(cc.record.rules);
      ts.result.chunks_resumed++;
      ts.result.resumed_rows += cc.record.rows;
      ts.result.resumed_bytes += cc.record.bytes;
      ts.chunks_left--;
      const auto& cols = plan_.tables[t].columns;
      for (const auto& [name, sum] : cc.record.totals)
        for (size_t i = 0; i < cols.size(); ++i)
          if (cols[i].target_name == name) ts.totals.add_text(i, sum);
    }
  }
  return {};
}

bool Scheduler::step_done(const std::string& step) {
  std::lock_guard lock(steps_mu_);
  return steps_.count(step) > 0;
}

void Scheduler::table_failed(size_t t, const Error& e) {
  if (plan_.options.fail_fast) stopping_ = true;
  auto& ts = *tables_[t];
  std::lock_guard lock(ts.mu);
  ts.failed = true;
  ts.result.status = TableStatus::failed;
  ts.result.errors.push_back(e.describe());
  progress_.message(fmt::format("table {} failed: {}", ts.result.target_name, e.describe()));
}

// Runs a named step once per run: skipped when an earlier run finished it.
void Scheduler::step(size_t t, const std::string& name,
                     const std::function<Status(const std::string&)>& fn) {
  if (step_done(name)) return;
  double started = now();
  auto st = fn(name);
  for (int attempt = 0; !st && st.error().retryable && attempt < 3 && !cancel_; ++attempt) {
    progress_.message(fmt::format("{} failed, retrying: {}", name, st.error().describe()));
    {
      std::lock_guard lock(tables_[t]->mu);
      ++tables_[t]->result.retries;
    }
    sleep_backoff(attempt);
    st = fn(name);
  }
  if (!st) {
    table_failed(t, st.error());
    return;
  }
  std::lock_guard lock(steps_mu_);
  steps_.insert(name);
  if (!name.starts_with("table:")) run_.steps.push_back({name, now() - started, started - start_});
}

void Scheduler::create_tables() {
  if (plan_.options.mode == Mode::data_only) return;
  progress_.phase("creating tables");
  bool replace = plan_.options.drop_existing;
  for (size_t t = 0; t < plan_.tables.size(); ++t) {
    const auto& tp = plan_.tables[t];
    step(t, "table:" + key_of(tp), [&](const std::string& name) -> Status {
      auto warnings = target_.create_table(tp, replace, name);
      if (!warnings) return fail(std::move(warnings.error()));
      for (auto& w : *warnings) tables_[t]->result.warnings.push_back(std::move(w));
      return {};
    });
  }
}

// --data-only: chunks land in any order, so the target's foreign keys on
// the loaded tables are set aside for the load (saved in the run state).
bool Scheduler::detach_foreign_keys() {
  auto n = target_.detach_foreign_keys(plan_.tables);
  if (!n) {
    run_.errors.push_back(n.error().describe());
    return false;
  }
  if (*n > 0) progress_.message(fmt::format("{} foreign keys set aside during the load; restored after it", *n));
  return true;
}

void Scheduler::reattach_foreign_keys() {
  progress_.phase("restoring foreign keys");
  auto warnings = target_.reattach_foreign_keys();
  if (!warnings) {
    run_.errors.push_back(warnings.error().describe() +
                          " — the definitions are kept in cutover_state.detached_constraints; re-run to restore them");
    return;
  }
  for (auto& w : *warnings) run_.warnings.push_back(std::move(w));
}

RunResult Scheduler::run(bool resumed) {
  start_ = now();
  run_.resumed = resumed;
  if (auto st = load_state(); !st) {
    run_.errors.push_back(st.error().describe());
    return std::move(run_);
  }
  std::vector<ProgressTable> pt;
  for (const auto& t : plan_.tables)
    pt.push_back({key_of(t), t.source.row_estimate, static_cast<int>(t.chunks.size())});
  progress_.start(pt);
  if (!run_native(plan_.pre_data, "creating types, functions and sequences")) {
    progress_.stop();
    for (auto& ts : tables_) run_.tables.push_back(std::move(ts->result));
    return std::move(run_);
  }
  create_tables();
  if (plan_.options.mode == Mode::data_only && !detach_foreign_keys()) {
    progress_.stop();
    for (auto& ts : tables_) run_.tables.push_back(std::move(ts->result));
    return std::move(run_);
  }
  {
    // Keys, indexes, FKs and ANALYZE run on workers of their own beside the
    // copy (as pgcopydb's --index-jobs): a table's index builds do not hold
    // up the chunks of the next table. Only copy tasks add post tasks.
    TaskPool post(std::max(1, plan_.options.jobs));
    TaskPool copy(std::max(1, plan_.options.jobs));
    post_ = &post;
    progress_.phase(plan_.options.mode == Mode::schema_only ? "building keys and indexes"
                                                             : "copying data");
    schedule_chunks(copy);
    copy.wait();
    post.wait();
    post_ = nullptr;
  }
  if (plan_.options.mode == Mode::data_only && !cancel_) reattach_foreign_keys();
  run_.copy_seconds = now() - start_;
  for (const auto& ts : tables_) run_.data_seconds = std::max(run_.data_seconds, ts->last_end - start_);
  report_skipped_foreign_keys();
  double views_start = now();
  create_views();
  if (!cancel_) run_native(plan_.post_data, "creating views, triggers and comments");
  run_access();
  run_.post_seconds = now() - views_start;
  run_.interrupted = cancel_.load();
  if (plan_.options.verify && !run_.interrupted) finish_verification();
  progress_.stop();
  for (auto& ts : tables_) run_.tables.push_back(std::move(ts->result));
  run_.seconds = now() - start_;
  return std::move(run_);
}

void Scheduler::schedule_chunks(TaskPool& pool) {
  std::vector<size_t> order(plan_.tables.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plan_.tables[a].source.row_estimate > plan_.tables[b].source.row_estimate;
  });
  for (size_t t : order) {
    if (tables_[t]->failed) continue;
    const auto& tp = plan_.tables[t];
    bool any = false;
    for (size_t c = 0; c < tp.chunks.size(); ++c) {
      if (committed_.count({key_of(tp), tp.chunks[c].index})) continue;
      any = true;
      ++chunks_to_copy_;
      pool.add([this, &pool, t, c] { run_chunk_task(pool, t, c); });
    }
    if (!any) {
      std::unique_lock lock(tables_[t]->mu);
      if (tables_[t]->chunks_left > 0) continue;  // a partitioned table waits for its partitions
      lock.unlock();
      schedule_verify(pool, t);
      schedule_post(t);
    }
  }
}

}  // namespace cutover
