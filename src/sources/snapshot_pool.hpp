// Reader sessions that joined one snapshot of the source, lent to chunk
// readers and row counts, for engines whose snapshot belongs to a session
// (MySQL: consistent-snapshot transactions opened under a brief global read
// lock; SQL Server: SNAPSHOT transactions begun under brief shared table
// locks). The adapter opens the sessions and starts their snapshot; the pool
// lends them: acquire() blocks while all are lent, and the pool has as many
// sessions as readers run at once (--jobs), so it never waits for long.
//
// Lost connections: acquire() checks the session it lends (`alive`, one
// round trip); one that is gone (killed, server restarted) is replaced by
// `reopen`, a new connection in a snapshot of its own, retried while the
// server is unreachable for up to k_reconnect_wait. A replacement cannot
// join the original snapshot: the lease says so (in_snapshot() false), the
// chunks read through it are noted (note_outside), and consistency() then
// says the copy is no longer point-in-time consistent, naming those chunks.
//
// Thread safety: acquire, note_outside and consistency are thread safe;
// leases return their session when destroyed, from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace cutover {

// What the pool says in the report's `consistency`: the statement of the
// snapshot, then what lost connections changed.
std::string pool_consistency(const std::string& statement, bool consistent, int replaced,
                             const std::map<std::string, std::vector<int>>& outside);

// Calls `open` until it succeeds, fails with a non-retryable error, or `wait` has passed.
template <class S>
Result<S> open_with_retries(const std::function<Result<S>()>& open, std::chrono::seconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    auto s = open();
    if (s || !s.error().retryable || std::chrono::steady_clock::now() >= deadline) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

template <class S>
class SnapshotPool;

// A pooled connection: nullopt when a replacement failed to connect (the
// next acquire tries again).
template <class S>
struct PoolSlot {
  std::optional<S> session;
  bool in_snapshot = true;  // joined the shared snapshot (not a replacement)
};

// A session on loan from the pool; returned when destroyed.
template <class S>
class PoolLease {
 public:
  PoolLease(SnapshotPool<S>* pool, PoolSlot<S> slot) : pool_(pool), slot_(std::move(slot)) {}
  PoolLease(PoolLease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), slot_(std::move(o.slot_)) {}
  PoolLease& operator=(PoolLease&&) = delete;
  ~PoolLease() {
    if (pool_ != nullptr) pool_->release(std::move(slot_));
  }
  S& operator*() { return *slot_.session; }
  S* operator->() { return &*slot_.session; }
  bool in_snapshot() const { return slot_.in_snapshot; }

 private:
  SnapshotPool<S>* pool_;
  PoolSlot<S> slot_;
};

// A session to read through: lent by the snapshot pool, or owned.
template <class S>
using ReadSession = std::variant<PoolLease<S>, S>;

template <class S>
S& session_of(ReadSession<S>& s) {
  if (auto* lease = std::get_if<PoolLease<S>>(&s)) return **lease;
  return std::get<S>(s);
}

template <class S>
class SnapshotPool {
 public:
  static constexpr std::chrono::seconds k_reconnect_wait{60};

  struct Engine {
    std::function<Result<S>()> reopen;  // a new session in a snapshot of its own
    std::function<bool(S&)> alive;      // still connected and in its snapshot
  };

  // `statement`: what the shared snapshot guarantees (the report's
  // consistency); `consistent`: it is one point in time.
  SnapshotPool(std::vector<S> sessions, Engine engine, std::string statement, bool consistent)
      : engine_(std::move(engine)), statement_(std::move(statement)), consistent_(consistent) {
    for (auto& s : sessions) free_.push_back({std::move(s), true});
  }

  // A live session; an error when a lost one cannot be replaced.
  Result<PoolLease<S>> acquire() {
    PoolSlot<S> slot;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !free_.empty(); });
      slot = std::move(free_.back());
      free_.pop_back();
    }
    if (slot.session && engine_.alive(*slot.session)) return PoolLease<S>(this, std::move(slot));
    if (auto st = replace(slot); !st) {
      release(std::move(slot));
      return fail(st.error());
    }
    return PoolLease<S>(this, std::move(slot));
  }

  // Records that chunk `chunk` of `table` was read outside the snapshot.
  void note_outside(const std::string& table, int chunk) {
    std::lock_guard lock(mu_);
    outside_[table].push_back(chunk);
  }

  std::string consistency() const {
    std::lock_guard lock(mu_);
    return pool_consistency(statement_, consistent_, replaced_, outside_);
  }

 private:
  friend class PoolLease<S>;

  void release(PoolSlot<S> s) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(s));
    }
    cv_.notify_one();
  }

  Status replace(PoolSlot<S>& slot) {
    slot.session.reset();
    slot.in_snapshot = false;
    auto s = open_with_retries(engine_.reopen, k_reconnect_wait);
    if (!s) {
      Error e = s.error();
      e.retryable = true;  // the chunk's retry tries again
      e.message = "a lost reader connection could not be replaced: " + e.message;
      return fail(e);
    }
    slot.session.emplace(std::move(*s));
    std::lock_guard lock(mu_);
    ++replaced_;
    return {};
  }

  Engine engine_;
  const std::string statement_;
  const bool consistent_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PoolSlot<S>> free_;                    // guarded by mu_
  int replaced_ = 0;                                 // guarded by mu_
  std::map<std::string, std::vector<int>> outside_;  // guarded by mu_
};

// A session for one read: lent by `pool` when there is one (and, for a
// chunk, noted when the lent session is outside the snapshot), else opened.
template <class S>
Result<ReadSession<S>> read_session(SnapshotPool<S>* pool, const std::function<Result<S>()>& open,
                                    const std::string& table = "", int chunk = -1) {
  if (pool == nullptr) {
    auto s = open();
    if (!s) return fail(s.error());
    return ReadSession<S>(std::move(*s));
  }
  auto lease = pool->acquire();
  if (!lease) return fail(lease.error());
  if (!lease->in_snapshot() && chunk >= 0) pool->note_outside(table, chunk);
  return ReadSession<S>(std::move(*lease));
}

}  // namespace cutover
