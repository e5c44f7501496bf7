// The scheduler: executes a MigrationPlan against a source and a target in
// the order of DESIGN.md §5 — tables, then chunks in parallel (largest
// tables first), then per table as soon as its last chunk lands: primary
// key, indexes, checks in parallel, identity; then its foreign keys are
// queued (each once both its tables are that far) and ANALYZE runs; the
// verification scan of a table starts with its keys. Chunks already committed by an interrupted run of the
// same plan are skipped, and so are finished steps.
//
// Thread safety: run() is called once, from one thread.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "exec/progress.hpp"
#include "exec/run_result.hpp"
#include "exec/task_pool.hpp"
#include "sources/source.hpp"
#include "targets/target.hpp"
#include "verify/totals.hpp"

namespace cutover {

// Sleeps 0.5 s * 2^attempt plus up to 50 % jitter (retry backoff).
void sleep_backoff(int attempt);

class Scheduler {
 public:
  Scheduler(Source& source, Target& target, const MigrationPlan& plan, ProgressSink& progress,
            const std::atomic<bool>& cancel);
  // Never throws; every failure ends up in the RunResult.
  RunResult run(bool resumed);

 private:
  struct TableState {
    std::mutex mu;
    TableResult result;     // guarded by mu
    ColumnTotals totals;    // guarded by mu
    int chunks_left = 0;    // guarded by mu
    int post_left = 0;      // guarded by mu
    bool failed = false;    // guarded by mu
    bool finished = false;  // keys built, identity set: FKs may reference it (guarded by mu)
    double first_start = -1, last_end = 0;  // guarded by mu
  };

  Status load_state();
  // Native DDL before the tables or after the data (PostgreSQL source);
  // false when one failed (the error is in the run result).
  bool run_native(const std::vector<NativeStatement>& statements, const char* phase);
  // One native statement as a recorded step (skipped when done), retried
  // after retryable errors.
  Status execute_native(const NativeStatement& s);
  // --owners / --grants, after everything else.
  void run_access();
  // A partition finished: its partitioned parent's keys may be next.
  void partition_finished(size_t t);
  void create_tables();
  bool detach_foreign_keys();
  void reattach_foreign_keys();
  void schedule_chunks(TaskPool& pool);
  void run_chunk_task(TaskPool& pool, size_t t, size_t c);
  void chunk_finished(TaskPool& pool, size_t t);
  // A table's post-data steps, on post_ (keys, indexes, checks; then
  // identity, trigger; then its FKs once the referenced table is that far,
  // and ANALYZE).
  void schedule_post(size_t t);
  void post_task_done(size_t t);
  void finish_table(size_t t);
  void schedule_foreign_keys();
  void add_foreign_key(size_t t, const ForeignKeyPlan& fk);
  void report_skipped_foreign_keys();
  void create_views();
  Status create_view(const View& v, const std::string& schema, const std::map<std::string, std::string>& refs);
  // Lower-case source table/column name -> target SQL, for view bodies
  // (names used with different meanings in different tables are left out).
  // Source names (lower case) of tables, columns and views -> their target
  // SQL; booleans as (col)::int when `boolean_ints` (SQLite, MySQL 0/1).
  std::map<std::string, std::string> view_refs(bool boolean_ints) const;
  // A table is verified as soon as its last chunk lands, beside its keys
  // and FKs and the copy of other tables (a read of the target: no lock
  // conflicts with index or FK builds); finish_verification closes the run.
  void schedule_verify(TaskPool& pool, size_t t);
  void verify_table(size_t t);
  void finish_verification();
  void table_failed(size_t t, const Error& e);
  bool step_done(const std::string& step);
  // Runs fn(name) unless an earlier run finished step `name`; fn must have
  // the target record the step with its effect (Target's contract).
  void step(size_t t, const std::string& name, const std::function<Status(const std::string&)>& fn);
  void write_rejects(size_t t, const std::vector<RejectedRow>& rows);
  double now() const;

  Source& source_;
  Target& target_;
  const MigrationPlan& plan_;
  ProgressSink& progress_;
  const std::atomic<bool>& cancel_;
  std::atomic<bool> stopping_{false};  // --fail-fast: a table failed, start nothing new
  std::vector<std::unique_ptr<TableState>> tables_;
  std::vector<std::optional<size_t>> parent_;  // partitioned parent of each table
  std::set<std::pair<std::string, int>> committed_;
  std::mutex steps_mu_;
  std::set<std::string> steps_;  // guarded by steps_mu_
  double verify_seconds_ = 0;  // guarded by run_mu_
  std::mutex run_mu_;
  RunResult run_;  // errors/warnings guarded by run_mu_
  std::mutex reject_mu_;
  std::mutex fk_mu_;
  std::set<const ForeignKeyPlan*> fks_scheduled_;  // guarded by fk_mu_
  // Chunks scheduled and not yet copied (or given up): while any are, index
  // builds take no parallel workers of the target's (the copy's --jobs
  // streams already keep its cores busy; a parallel build would only add
  // its workers' coordination to the same cores).
  std::atomic<int> chunks_to_copy_{0};
  double start_ = 0;
  TaskPool* post_ = nullptr;  // the post-data workers while run() copies
};

}  // namespace cutover
