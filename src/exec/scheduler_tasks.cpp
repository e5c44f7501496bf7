// The scheduler's tasks: one chunk, and a table's post-data steps.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "exec/chunk_runner.hpp"
#include "exec/scheduler.hpp"

namespace cutover {

namespace {

constexpr int k_max_attempts = 4;

std::string key_of(const TablePlan& t) { return t.target_schema + "." + t.target_name; }

void sleep_backoff(int attempt) {
  thread_local std::mt19937 rng(std::random_device{}());
  int base_ms = 500 << std::min(attempt, 6);
  std::uniform_int_distribution<int> jitter(0, base_ms / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(base_ms + jitter(rng)));
}

}  // namespace

void Scheduler::run_chunk_task(TaskPool& pool, size_t t, size_t c) {
  const TablePlan& tp = plan_.tables[t];
  const ChunkSpec& chunk = tp.chunks[c];
  auto& ts = *tables_[t];
  {
    std::lock_guard lock(ts.mu);
    if (ts.failed || cancel_) return;
    if (ts.first_start < 0) ts.first_start = now();
  }
  ChunkRunOptions opt;
  opt.read = {plan_.options.batch_rows, plan_.options.batch_bytes, plan_.options.nul_policy,
              plan_.options.nul_replacement};
  opt.queue_bytes = plan_.options.queue_bytes;
  opt.cancel = &cancel_;
  int64_t sent_rows = 0;
  opt.on_batch = [&](int64_t rows, int64_t bytes) {
    sent_rows += rows;
    progress_.rows_copied(t, rows, bytes);
  };
  Result<ChunkOutcome> out = fail(ErrorKind::internal, "chunk not run");
  for (int attempt = 0; attempt < k_max_attempts; ++attempt) {
    out = run_chunk(source_, target_, tp, chunk, opt);
    if (out || !out.error().retryable || cancel_) break;
    progress_.rows_copied(t, -sent_rows, 0);
    sent_rows = 0;
    progress_.message(fmt::format("{} chunk {} attempt {} failed, retrying: {}", key_of(tp),
                                  chunk.index, attempt + 1, out.error().describe()));
    sleep_backoff(attempt);
  }
  if (!out) {
    if (out.error().kind == ErrorKind::interrupted) return;
    Error e = out.error();
    e.context.chunk = chunk.index;
    if (e.context.table.empty()) e.context.table = key_of(tp);
    table_failed(t, e);
    return;
  }
  write_rejects(t, out->rejects);
  {
    std::lock_guard lock(ts.mu);
    ts.result.copied_rows += out->record.rows;
    ts.result.rejected_rows += out->record.rejected;
    ts.result.bytes += out->record.bytes;
    ts.result.checksum += out->record.checksum;
    ts.result.rules.merge(out->record.rules);
    ts.totals.merge(out->totals);
    ts.last_end = now();
    ts.result.seconds = ts.last_end - ts.first_start;
  }
  progress_.chunk_done(t);
  chunk_finished(pool, t);
}

void Scheduler::chunk_finished(TaskPool& pool, size_t t) {
  auto& ts = *tables_[t];
  bool last;
  {
    std::lock_guard lock(ts.mu);
    last = --ts.chunks_left == 0 && !ts.failed;
  }
  if (last) schedule_post(pool, t);
}

// Primary key, indexes and checks run as parallel tasks; identity and
// ANALYZE after the last of them.
void Scheduler::schedule_post(TaskPool& pool, size_t t) {
  const TablePlan& tp = plan_.tables[t];
  std::vector<std::function<void()>> tasks;
  if (tp.primary_key)
    tasks.push_back([this, t, &tp] {
      step(t, "pk:" + key_of(tp), [&] { return target_.build_index(tp, *tp.primary_key); });
    });
  for (const auto& ix : tp.indexes)
    tasks.push_back([this, t, &tp, &ix] {
      step(t, "index:" + tp.target_schema + "." + ix.name, [&] { return target_.build_index(tp, ix); });
    });
  for (const auto& ck : tp.checks)
    tasks.push_back([this, t, &tp, &ck] {
      step(t, "check:" + key_of(tp) + "." + ck.name, [&]() -> Status {
        auto valid = target_.add_check(tp, ck);
        if (!valid && valid.error().sqlstate.rfind("42", 0) == 0) {
          std::lock_guard lock(tables_[t]->mu);
          tables_[t]->result.warnings.push_back(fmt::format(
              "CHECK {} ({}) skipped: PostgreSQL refused it: {}", ck.name, ck.expression,
              valid.error().message));
          return {};
        }
        if (!valid) return fail(std::move(valid.error()));
        if (!*valid) {
          std::lock_guard lock(tables_[t]->mu);
          tables_[t]->result.warnings.push_back(fmt::format(
              "CHECK {} is violated by source rows; added NOT VALID", ck.name));
        }
        return {};
      });
    });
  auto& ts = *tables_[t];
  {
    std::lock_guard lock(ts.mu);
    ts.post_left = static_cast<int>(tasks.size());
  }
  if (tasks.empty()) {
    pool.add_front([this, t] { finish_table(t); });
    return;
  }
  for (auto& task : tasks)
    pool.add_front([this, &pool, t, task = std::move(task)] {
      task();
      post_task_done(pool, t);
    });
}

void Scheduler::post_task_done(TaskPool& pool, size_t t) {
  auto& ts = *tables_[t];
  bool last;
  {
    std::lock_guard lock(ts.mu);
    last = --ts.post_left == 0;
  }
  if (last) pool.add_front([this, t] { finish_table(t); });
}

void Scheduler::finish_table(size_t t) {
  const TablePlan& tp = plan_.tables[t];
  if (tables_[t]->failed) return;
  step(t, "identity:" + key_of(tp), [&] { return target_.restart_identity(tp); });
  step(t, "analyze:" + key_of(tp), [&] { return target_.analyze(tp); });
  auto& ts = *tables_[t];
  std::lock_guard lock(ts.mu);
  if (ts.first_start >= 0) ts.result.seconds = ts.last_end - ts.first_start;
}

void Scheduler::add_foreign_keys() {
  bool any = false;
  for (size_t t = 0; t < plan_.tables.size(); ++t) {
    const TablePlan& tp = plan_.tables[t];
    for (const auto& fk : tp.foreign_keys) {
      if (cancel_ || tables_[t]->failed) break;
      bool ref_failed = false;
      for (size_t r = 0; r < plan_.tables.size(); ++r)
        if (plan_.tables[r].target_name == fk.ref_table && tables_[r]->failed) ref_failed = true;
      if (ref_failed) continue;
      if (!any) progress_.phase("adding foreign keys");
      any = true;
      step(t, "fk:" + key_of(tp) + "." + fk.name, [&]() -> Status {
        auto valid = target_.add_foreign_key(tp, fk);
        if (!valid) return fail(std::move(valid.error()));
        if (!*valid)
          tables_[t]->result.warnings.push_back(fmt::format(
              "foreign key {} is violated by source rows; added NOT VALID (find them with a "
              "LEFT JOIN on {})", fk.name, fk.ref_table));
        return {};
      });
    }
  }
}

void Scheduler::write_rejects(size_t t, const std::vector<RejectedRow>& rows) {
  if (rows.empty()) return;
  namespace fs = std::filesystem;
  std::string dir = plan_.options.reject_dir.empty() ? "cutover-rejects" : plan_.options.reject_dir;
  std::string path = (fs::path(dir) / (tables_[t]->result.target_name + ".rejects.jsonl")).string();
  std::lock_guard lock(reject_mu_);
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream out(path, std::ios::app);
  for (const auto& r : rows)
    out << nlohmann::json{{"table", r.table}, {"key", r.key}, {"column", r.column},
                          {"value", r.value}, {"reason", r.reason}, {"rule", r.rule}}.dump()
        << '\n';
  std::lock_guard tl(tables_[t]->mu);
  tables_[t]->result.reject_file = fs::absolute(path, ec).string();
}

}  // namespace cutover
