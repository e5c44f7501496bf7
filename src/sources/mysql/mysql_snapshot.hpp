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
// Thread safety: acquire/release are thread safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

class SnapshotPool;

// A session on loan from the pool; returned when destroyed.
class Lease {
 public:
  Lease(SnapshotPool* pool, Session session) : pool_(pool), session_(std::move(session)) {}
  Lease(Lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), session_(std::move(o.session_)) {}
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Session& operator*() { return session_; }
  Session* operator->() { return &session_; }

 private:
  SnapshotPool* pool_;
  Session session_;
};

// A session to read through: lent by the snapshot pool, or owned.
using ReadSession = std::variant<Lease, Session>;
inline Session& session_of(ReadSession& s) {
  if (auto* lease = std::get_if<Lease>(&s)) return **lease;
  return std::get<Session>(s);
}

class SnapshotPool {
 public:
  static Result<std::unique_ptr<SnapshotPool>> open(const ConnectionConfig& config, int sessions);

  Lease acquire();
  bool consistent() const { return consistent_; }
  const std::string& consistency() const { return consistency_; }

 private:
  friend class Lease;
  void release(Session s);
  Status start(const ConnectionConfig& config, int sessions);

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Session> free_;  // guarded by mu_
  bool consistent_ = false;
  std::string consistency_;
};

}  // namespace cutover::mysql
