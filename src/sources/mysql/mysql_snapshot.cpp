#include "sources/mysql/mysql_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>

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

// A new reader session in its own consistent snapshot (a lost one's replacement).
Result<Session> open_replacement(const ConnectionConfig& config) {
  auto s = open_reader_session(config);
  if (!s) return s;
  if (auto st = s->execute(k_begin); !st) return fail(st.error());
  return s;
}

Status begin_all(std::vector<Session>& sessions) {
  for (auto& s : sessions)
    if (auto st = s.execute(k_begin); !st) return st;
  return {};
}

struct SnapshotStart {
  std::string text;
  bool consistent = false;
};

// Begins every reader's snapshot, under the global read lock when it is granted.
Result<SnapshotStart> begin_snapshots(const ConnectionConfig& config, std::vector<Session>& sessions) {
  auto control = Session::open(config);
  if (!control) return fail(control.error());
  (void)control->execute("SET SESSION lock_wait_timeout = 30");
  auto locked = control->execute("FLUSH TABLES WITH READ LOCK");
  if (auto st = begin_all(sessions); !st) return fail(st.error());
  if (locked) {
    std::string position = binlog_position(*control);
    if (auto st = control->execute("UNLOCK TABLES"); !st) return fail(st.error());
    return SnapshotStart{fmt::format("point-in-time consistent: yes — every reader joined one snapshot taken under a "
                                 "brief FLUSH TABLES WITH READ LOCK{} (InnoDB tables; non-transactional tables are "
                                 "read as of each chunk)",
                                 position.empty() ? "" : " at " + position),
                     true};
  }
  if (sessions.size() == 1)
    return SnapshotStart{fmt::format("point-in-time consistent: yes — one reader, one consistent-snapshot transaction "
                                 "(FLUSH TABLES WITH READ LOCK was refused: {})",
                                 locked.error().message),
                     true};
  return SnapshotStart{fmt::format("point-in-time consistent: no — FLUSH TABLES WITH READ LOCK was refused ({}), "
                               "so each of the {} readers has its own snapshot; grant RELOAD to the user, or use "
                               "--jobs 1, for one snapshot",
                               locked.error().message, sessions.size()),
                   false};
}

}  // namespace

Result<std::unique_ptr<SnapshotPool>> open_snapshot_pool(const ConnectionConfig& config, int n) {
  auto sessions = open_sessions(config, std::max(1, n));
  if (!sessions) return fail(sessions.error());
  auto statement = begin_snapshots(config, *sessions);
  if (!statement) return fail(statement.error());
  SnapshotPool::Engine engine{[config] { return open_replacement(config); }, [](Session& s) { return s.alive(); }};
  return std::make_unique<SnapshotPool>(std::move(*sessions), std::move(engine), std::move(statement->text),
                                        statement->consistent);
}

}  // namespace cutover::mysql
