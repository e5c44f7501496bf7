// One consistent snapshot shared by all readers (mydumper's method):
//
//   control session:  FLUSH TABLES WITH READ LOCK      (writes wait, briefly)
//   every reader:     START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY
//   control session:  SHOW MASTER STATUS (binlog position, when available)
//                     UNLOCK TABLES
//
// While the global read lock is held nothing commits, so every reader's
// snapshot is the same point in time. The pool then lends its sessions to
// chunk readers (and row counts): a chunk always reads through a session
// that joined the snapshot. acquire() blocks while all sessions are lent;
// the pool has as many sessions as readers run at once (--jobs), so it
// never waits for long.
//
// Fallback: without the RELOAD privilege (or when the lock times out after
// lock_wait_timeout = 30 s) each session starts its own consistent snapshot
// and the copy is not point-in-time consistent across chunks — unless the
// pool has one session (--jobs 1), whose single snapshot is. consistency()
// says which. Non-transactional tables (MyISAM, Aria) are read as of each
// chunk's SELECT in any case.
//
// Lost connections: acquire() checks the session it lends (one ping); a
// session that is gone (KILL <id>, server restarted) is replaced by a new
// connection, waiting up to k_reconnect_wait for a restarting server. A
// replacement cannot join the original snapshot: it starts its own, the
// lease says so (in_snapshot() false), the source records the chunks read
// through it (note_outside) and consistency() then says the copy is no
// longer point-in-time consistent, naming those chunks.
//
// Thread safety: acquire/release/note_outside/consistency are thread safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

class SnapshotPool;

// A pooled connection: nullopt when a replacement failed to connect (the
// next acquire tries again).
struct PoolSlot {
  std::optional<Session> session;
  bool in_snapshot = true;  // joined the shared snapshot (not a replacement)
};

// A session on loan from the pool; returned when destroyed.
class Lease {
 public:
  Lease(SnapshotPool* pool, PoolSlot slot) : pool_(pool), slot_(std::move(slot)) {}
  Lease(Lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), slot_(std::move(o.slot_)) {}
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Session& operator*() { return *slot_.session; }
  Session* operator->() { return &*slot_.session; }
  bool in_snapshot() const { return slot_.in_snapshot; }

 private:
  SnapshotPool* pool_;
  PoolSlot slot_;
};

// A session to read through: lent by the snapshot pool, or owned.
using ReadSession = std::variant<Lease, Session>;
inline Session& session_of(ReadSession& s) {
  if (auto* lease = std::get_if<Lease>(&s)) return **lease;
  return std::get<Session>(s);
}

class SnapshotPool {
 public:
  // How long a replacement connection waits for an unreachable server.
  static constexpr std::chrono::seconds k_reconnect_wait{60};

  static Result<std::unique_ptr<SnapshotPool>> open(const ConnectionConfig& config, int sessions);

  // A live session; an error when a lost one cannot be replaced.
  Result<Lease> acquire();
  // Records that chunk `chunk` of `table` was read outside the snapshot.
  void note_outside(const std::string& table, int chunk);
  std::string consistency() const;

 private:
  friend class Lease;
  explicit SnapshotPool(ConnectionConfig config) : config_(std::move(config)) {}
  void release(PoolSlot s);
  Status start(int sessions);
  Status replace(PoolSlot& slot);

  ConnectionConfig config_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PoolSlot> free_;  // guarded by mu_
  bool consistent_ = false;     // set by start()
  std::string consistency_;     // set by start()
  int replaced_ = 0;                  // guarded by mu_
  std::map<std::string, std::vector<int>> outside_;  // guarded by mu_
};

}  // namespace cutover::mysql
