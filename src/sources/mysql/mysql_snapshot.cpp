#include "sources/mysql/mysql_snapshot.hpp"

#include <fmt/format.h>

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

Result<std::vector<Session>> open_sessions(const ConnectionConfig& config, int n) {
  std::vector<Session> out;
  for (int i = 0; i < n; ++i) {
    auto s = Session::open(config);
    if (!s) return fail(s.error());
    for (auto sql : {"SET SESSION wait_timeout = 86400", "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"})
      if (auto st = s->execute(sql); !st) return fail(st.error());
    out.push_back(std::move(*s));
  }
  return out;
}

Status begin_all(std::vector<Session>& sessions) {
  for (auto& s : sessions)
    if (auto st = s.execute(k_begin); !st) return st;
  return {};
}

}  // namespace

Lease::~Lease() {
  if (pool_ != nullptr) pool_->release(std::move(session_));
}

Result<std::unique_ptr<SnapshotPool>> SnapshotPool::open(const ConnectionConfig& config, int sessions) {
  std::unique_ptr<SnapshotPool> pool(new SnapshotPool);
  if (auto st = pool->start(config, std::max(1, sessions)); !st) return fail(st.error());
  return pool;
}

Status SnapshotPool::start(const ConnectionConfig& config, int n) {
  auto sessions = open_sessions(config, n);
  if (!sessions) return fail(sessions.error());
  auto control = Session::open(config);
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
  free_ = std::move(*sessions);
  return {};
}

Lease SnapshotPool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  Session s = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(s));
}

void SnapshotPool::release(Session s) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(s));
  }
  cv_.notify_one();
}

}  // namespace cutover::mysql
