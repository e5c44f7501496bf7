#include "sources/mssql/mssql_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sources/mssql/mssql_chunker.hpp"

namespace cutover::mssql {
namespace {

constexpr int k_lock_timeout_ms = 30'000;

struct SnapshotState {
  bool allowed = false;
  std::string desc;  // ON, OFF, IN_TRANSITION_TO_ON, ...
};

Result<SnapshotState> snapshot_state(Session& s) {
  SnapshotState out{false, "unknown"};
  auto st = s.query_rows(catalog_sql("snapshot_state"), [&](const Session::TextRow& r) {
    out.allowed = r[0] && *r[0] == "1";
    out.desc = r[1].value_or("unknown");
  });
  if (!st) return fail(st.error());
  return out;
}

Result<Session> open_snapshot_reader(const ConnectionConfig& config, const Table& probe) {
  auto s = reopen_session(config);
  if (!s) return s;
  if (auto st = s->execute(snapshot_begin_sql(probe)); !st) return fail(st.error());
  return s;
}

// The control session's shared locks on every table, in one transaction
// that the first refused lock ends (XACT_ABORT).
Status lock_tables(Session& control, const std::vector<TablePlan>& tables) {
  std::string sql = fmt::format("SET XACT_ABORT ON; SET LOCK_TIMEOUT {}; SET DEADLOCK_PRIORITY LOW; BEGIN TRANSACTION",
                                k_lock_timeout_ms);
  for (const auto& t : tables) sql += "; " + table_lock_sql(t.source);
  auto st = control.execute(sql);
  if (!st) (void)control.execute("IF @@TRANCOUNT > 0 ROLLBACK");
  return st;
}

std::string statement(const Status& locked, size_t tables, size_t readers) {
  if (locked)
    return fmt::format("point-in-time consistent: yes — every reader's SNAPSHOT transaction began while brief "
                       "shared locks (TABLOCK, HOLDLOCK) on the {} tables held writers off them",
                       tables);
  if (readers == 1)
    return fmt::format("point-in-time consistent: yes — one reader, one SNAPSHOT transaction (the shared table "
                       "locks were not granted: {})",
                       locked.error().message);
  return fmt::format("point-in-time consistent: no — the shared table locks that hold writers off while the "
                     "readers' snapshots begin were not granted ({}), so the {} readers' SNAPSHOT transactions may "
                     "each see a different point in time; run while the tables are not written to, or use --jobs 1, "
                     "for one snapshot",
                     locked.error().message, readers);
}

std::string not_allowed(const std::string& database, const std::string& desc) {
  return fmt::format("point-in-time consistent: no — snapshot isolation is not allowed in database {} "
                     "(ALLOW_SNAPSHOT_ISOLATION is {}), so each chunk was read in its own READ COMMITTED statement; "
                     "ALTER DATABASE {} SET ALLOW_SNAPSHOT_ISOLATION ON for a point-in-time copy",
                     database, desc, quote_identifier(database));
}

}  // namespace

std::string table_lock_sql(const Table& t) {
  return fmt::format("SELECT TOP (1) 1 AS probe FROM {} WITH (TABLOCK, HOLDLOCK)", qualified_name(t));
}

std::string snapshot_begin_sql(const Table& t) {
  return fmt::format("SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRANSACTION; SELECT TOP (1) 1 AS probe FROM {}",
                     qualified_name(t));
}

Result<SnapshotStart> start_snapshot(const ConnectionConfig& config, int readers,
                                     const std::vector<TablePlan>& tables) {
  auto control = Session::open(config);
  if (!control) return fail(control.error());
  auto state = snapshot_state(*control);
  if (!state) return fail(state.error());
  if (!state->allowed) return SnapshotStart{nullptr, not_allowed(config.database, state->desc)};
  if (tables.empty()) return SnapshotStart{nullptr, "point-in-time consistent: yes — no table is read"};
  Status locked = lock_tables(*control, tables);
  std::vector<Session> sessions;
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto s = open_snapshot_reader(config, tables.front().source);
    if (!s) return fail(s.error());
    sessions.push_back(std::move(*s));
  }
  if (locked)
    if (auto st = control->execute("COMMIT"); !st) return fail(st.error());
  const Table probe = tables.front().source;
  SnapshotPool::Engine engine{[config, probe] { return open_snapshot_reader(config, probe); },
                              [](Session& s) {
                                auto n = s.query_value("SELECT @@TRANCOUNT");
                                return n && *n == std::optional<std::string>("1");
                              }};
  std::string text = statement(locked, tables.size(), sessions.size());
  return SnapshotStart{std::make_unique<SnapshotPool>(std::move(sessions), std::move(engine), std::move(text),
                                                      locked || readers <= 1),
                       ""};
}

}  // namespace cutover::mssql
