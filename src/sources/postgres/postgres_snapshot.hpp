// The run's one snapshot on a PostgreSQL source: a coordinator session
// opened with the catalog load exports it (pg_export_snapshot) and stays in
// its REPEATABLE READ READ ONLY transaction; every reader joins it with SET
// TRANSACTION SNAPSHOT. No superuser or replication privilege is needed.
//
// Lost snapshot: an exported snapshot lives only as long as the transaction
// that exported it. When the source server restarts, or the coordinator's
// backend is terminated, readers can no longer join it (SQLSTATE 22023 or
// 55000 on SET TRANSACTION SNAPSHOT). join() then checks the coordinator
// (one query); when it is gone, a new coordinator exports a new snapshot
// (generation 1, 2, ...) that the rest of the run shares, and the chunks
// read in it are recorded (note_outside). consistency() then says the copy is
// not point-in-time consistent and names them. The copy goes on: a restarted
// source costs retries, never the run.
//
// Restarting server: once the server has been reached, connect() waits for
// it while it is unreachable, up to k_reconnect_wait from when it was first
// found unreachable (the wait is shared: a source that stays down fails every
// reader after that time, not after that time each).
//
// Thread safety: every method is thread safe; the coordinator is used under
// the mutex (on_coordinator).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "targets/postgres/pg_session.hpp"

namespace cutover::postgres {

class SharedSnapshot {
 public:
  static constexpr std::chrono::seconds k_reconnect_wait{60};

  explicit SharedSnapshot(std::string conninfo) : conninfo_(std::move(conninfo)) {}

  // A new source session (connect_source), waiting for a restarting server
  // once the server has been reached (see above).
  Result<pg::Connection> connect();

  // Runs fn(coordinator) under the mutex, opening the coordinator (and
  // exporting the snapshot) first when there is none.
  template <class F>
  auto on_coordinator(F&& fn) -> decltype(fn(std::declval<pg::Connection&>())) {
    std::lock_guard lock(mu_);
    if (auto st = ensure_coordinator(); !st) return fail(std::move(st.error()));
    return fn(*coordinator_);
  }

  // Begins `conn`'s REPEATABLE READ READ ONLY transaction in the run's
  // snapshot, exporting a new one when it was lost. Returns the generation
  // joined: 0 is the snapshot the catalog was read in.
  Result<int> join(pg::Connection& conn);

  // Records that chunk `chunk` of `table` was read in a later snapshot.
  void note_outside(const std::string& table, int chunk);
  // For the report's `consistency`: "point-in-time consistent: yes — ..." or
  // "... no — ..." naming the chunks read in a later snapshot.
  std::string consistency() const;

 private:
  struct Exported {
    std::string id;
    int generation = 0;
  };
  // REQUIRES mu_.
  Status ensure_coordinator();
  Exported current();
  // The snapshot of generation `seen` could not be joined (`why`): a new
  // one when its coordinator is gone, else `why`.
  Result<Exported> renew(int seen, const Error& why);
  // Whether to try connecting again after a failure (waits 0.5 s first).
  bool wait_for_server(const Error& e);

  std::string conninfo_;
  std::atomic<bool> reached_{false};

  mutable std::mutex mu_;
  std::unique_ptr<pg::Connection> coordinator_;       // guarded by mu_
  Exported exported_;                                 // guarded by mu_
  std::map<std::string, std::vector<int>> outside_;  // guarded by mu_

  std::mutex down_mu_;
  std::optional<std::chrono::steady_clock::time_point> down_since_;  // guarded by down_mu_
};

}  // namespace cutover::postgres
