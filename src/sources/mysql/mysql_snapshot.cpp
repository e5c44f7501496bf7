#include "sources/mysql/mysql_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "sources/chunk_list.hpp"

namespace cutover::mysql {
namespace {

constexpr std::string_view k_begin =
    "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";

// "binlog mysql-bin.000003:1234" or "" when binary logging is off or not visible.
std::string binlog_position(Session& control) {
  std::string out;
  (void)control.query("SHOW MASTER STATUS", [&](const Row& r) {
    out = fmt::format("binlog {}:{}", r.text(0), r.text(1));
    return false;
  });
  return out;
}

Result<Session> open_reader_session(const ConnectionConfig& config) {
  auto s = Session::open(config);
  if (!s) return fail(s.error());
  for (auto sql : {"SET SESSION wait_timeout = 86400", "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"})
    if (auto st = s->execute(sql); !st) return fail(st.error());
  return s;
}

Result<std::vector<Session>> open_sessions(const ConnectionConfig& config, int n) {
  std::vector<Session> out;
  for (int i = 0; i < n; ++i) {
    auto s = open_reader_session(config);
    if (!s) return fail(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

// A new reader session in its own consistent snapshot, retried while the
// server is unreachable (restarting) for up to `wait`.
Result<Session> open_replacement(const ConnectionConfig& config, std::chrono::seconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    auto s = open_reader_session(config);
    Status st = s ? s->execute(k_begin) : Status(fail(s.error()));
    if (st) return s;
    if (!st.error().retryable || std::chrono::steady_clock::now() >= deadline) return fail(st.error());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

Status begin_all(std::vector<Session>& sessions) {
  for (auto& s : sessions)
    if (auto st = s.execute(k_begin); !st) return st;
  return {};
}

}  // namespace

Lease::~Lease() {
  if (pool_ != nullptr) pool_->release(std::move(slot_));
}

Result<std::unique_ptr<SnapshotPool>> SnapshotPool::open(const ConnectionConfig& config, int sessions) {
  std::unique_ptr<SnapshotPool> pool(new SnapshotPool(config));
  if (auto st = pool->start(std::max(1, sessions)); !st) return fail(st.error());
  return pool;
}

Status SnapshotPool::start(int n) {
  auto sessions = open_sessions(config_, n);
  if (!sessions) return fail(sessions.error());
  auto control = Session::open(config_);
  if (!control) return fail(control.error());
  (void)control->execute("SET SESSION lock_wait_timeout = 30");
  auto locked = control->execute("FLUSH TABLES WITH READ LOCK");
  if (auto st = begin_all(*sessions); !st) return st;
  if (locked) {
    std::string position = binlog_position(*control);
    if (auto st = control->execute("UNLOCK TABLES"); !st) return st;
    consistent_ = true;
    consistency_ = fmt::format(
        "point-in-time consistent: yes — every reader joined one snapshot taken under a brief FLUSH TABLES "
        "WITH READ LOCK{} (InnoDB tables; non-transactional tables are read as of each chunk)",
        position.empty() ? "" : " at " + position);
  } else if (n == 1) {
    consistent_ = true;
    consistency_ = fmt::format("point-in-time consistent: yes — one reader, one consistent-snapshot transaction "
                               "(FLUSH TABLES WITH READ LOCK was refused: {})", locked.error().message);
  } else {
    consistency_ = fmt::format(
        "point-in-time consistent: no — FLUSH TABLES WITH READ LOCK was refused ({}), so each of the {} readers "
        "has its own snapshot; grant RELOAD to the user, or use --jobs 1, for one snapshot",
        locked.error().message, n);
  }
  for (auto& session : *sessions) free_.push_back({std::move(session), true});
  return {};
}

Result<Lease> SnapshotPool::acquire() {
  PoolSlot slot;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    slot = std::move(free_.back());
    free_.pop_back();
  }
  if (slot.session && slot.session->alive()) return Lease(this, std::move(slot));
  if (auto st = replace(slot); !st) {
    release(std::move(slot));
    return fail(st.error());
  }
  return Lease(this, std::move(slot));
}

// The slot's session is gone (or never came back): a new connection, which
// cannot join the original snapshot.
Status SnapshotPool::replace(PoolSlot& slot) {
  slot.session.reset();
  slot.in_snapshot = false;
  auto s = open_replacement(config_, k_reconnect_wait);
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

void SnapshotPool::note_outside(const std::string& table, int chunk) {
  std::lock_guard lock(mu_);
  outside_[table].push_back(chunk);
}

std::string SnapshotPool::consistency() const {
  std::lock_guard lock(mu_);
  if (replaced_ == 0) return consistency_;
  if (!consistent_) return fmt::format("{}; besides, {} lost reader connection(s) were replaced", consistency_, replaced_);
  return fmt::format(
      "point-in-time consistent: no — {} reader connection(s) of the shared snapshot were lost (killed, or the "
      "server restarted) and replaced; a new connection cannot join the original snapshot, so these chunks were "
      "read outside it, each in a later snapshot of its own: {}",
      replaced_, outside_.empty() ? "none" : describe_chunks(outside_));
}

void SnapshotPool::release(PoolSlot s) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(s));
  }
  cv_.notify_one();
}

}  // namespace cutover::mysql
