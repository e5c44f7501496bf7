// PostgreSQL target: DDL, chunk writers over binary COPY with state in the
// same transaction, post-data steps and verification queries.
//
// Thread safety: all methods may be called concurrently; each call takes a
// connection from an internal pool (one connection per concurrent caller).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "targets/postgres/pg_session.hpp"
#include "targets/target.hpp"

namespace cutover::pg {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  // A pooled connection, or a new one. Session settings are applied once.
  Result<Connection> acquire();
  // Returns a healthy connection to the pool (broken ones are dropped).
  void release(Connection conn);
  // application_name of connections opened from now on ("cutover <run id>").
  void set_application_name(std::string name);

 private:
  std::string conninfo_;
  std::mutex mu_;
  std::vector<Connection> idle_;  // guarded by mu_
  std::string application_name_;  // guarded by mu_
};

// Acquires a connection, runs f(conn) and gives the connection back.
template <class F>
auto with_connection(ConnectionPool& pool, F&& f) -> decltype(f(std::declval<Connection&>())) {
  auto conn = pool.acquire();
  if (!conn) return fail(std::move(conn.error()));
  auto result = f(*conn);
  pool.release(std::move(*conn));
  return result;
}

// CREATE EXTENSION IF NOT EXISTS `name`; when refused, an error that says
// `why` it is needed and a hint: a superuser creates it, `otherwise` ...
Status create_extension(Connection& c, std::string_view name, std::string_view why, std::string_view otherwise);

class PgTarget final : public Target {
 public:
  // Connects once to check the URL and the server version.
  static Result<std::unique_ptr<PgTarget>> open(const std::string& url);

  std::string engine() const override { return "postgresql"; }
  const std::string& server_version() const { return server_version_; }
  // PostGIS installed in the target database, or available to CREATE EXTENSION.
  Result<bool> has_postgis();
  // CREATE EXTENSION IF NOT EXISTS postgis, with a hint when not allowed.
  Status create_postgis();
  // --ci-collation: CREATE EXTENSION IF NOT EXISTS citext, or CREATE
  // COLLATION IF NOT EXISTS <schema>.cutover_ci[_ai] (ICU, nondeterministic)
  // per target schema, as the plan's columns need; a config error naming
  // what to install when the target cannot (pg_target_collation.cpp).
  Status create_ci_support(const MigrationPlan& plan);

  // The plan JSON of an unfinished run (running or failed) with this id, if
  // the target holds one.
  Result<std::optional<std::string>> unfinished_plan(const std::string& run_id);
  Result<bool> begin_run(const RunIdentity& run, bool restart) override;
  Status finish_run(bool success) override;
  Result<std::vector<CommittedChunk>> committed_chunks() override;
  Result<std::set<std::string>> done_steps() override;
  Status mark_step(const std::string& step) override;
  Status execute_step(const std::string& sql, const std::string& step) override;
  Result<std::set<std::string>> role_names() override;

  Result<std::vector<std::string>> create_table(const TablePlan& table, bool replace,
                                                const std::string& step) override;
  Result<std::unique_ptr<ChunkWriter>> open_writer(const TablePlan& table,
                                                   const ChunkSpec& chunk) override;

  Status build_index(const TablePlan& table, const IndexPlan& index, const std::string& step,
                     bool serial) override;
  Result<bool> add_foreign_key(const TablePlan& table, const ForeignKeyPlan& fk, const std::string& step) override;
  Result<bool> add_check(const TablePlan& table, const CheckPlan& check, const std::string& step) override;
  Status restart_identity(const TablePlan& table, const std::string& step) override;
  Status create_on_update_trigger(const TablePlan& table, const std::string& step) override;
  Status create_view(const std::string& schema, const std::string& name,
                     const std::string& select_sql) override;
  Status analyze(const TablePlan& table, const std::string& step) override;

  Result<int> detach_foreign_keys(const std::vector<TablePlan>& tables) override;
  Result<std::vector<std::string>> reattach_foreign_keys() override;

  // pg_target_verify.cpp
  Result<std::optional<std::vector<CommittedChunk>>> attach_run(const RunIdentity& run) override;
  Status scan_rows(const TablePlan& table, const ChunkSpec* range,
                   const std::function<Status(const RowBatch&)>& on_rows) override;
  Result<std::vector<std::string>> referenced_by(const TablePlan& table) override;

  const std::string& run_id() const { return run_id_; }

 private:
  explicit PgTarget(std::string url) : pool_(std::move(url)) {}
  // Runs body(c) on a pooled connection inside BEGIN ... COMMIT, recording
  // `step` (when not empty) in the same transaction; rolls back on error.
  Status in_step(const std::string& step, const std::function<Status(Connection&)>& body);
  // Runs statements on a pooled connection, in one transaction that also
  // records `step` (when not empty).
  Status run_statements(const std::vector<std::string>& sql, const std::string& step = {});
  // Runs `sql`; on a data violation (23xxx) runs `fallback` instead.
  Status validate_foreign_key(const TablePlan& table, const ForeignKeyPlan& fk, const std::string& step);
  Result<bool> with_not_valid_fallback(const std::string& sql, const std::string& fallback,
                                       const std::string& step);
  // Ends server sessions left by an earlier process of this run (a killed
  // client's backend may still be building an index or copying a chunk).
  Status end_stale_sessions(Connection& c);
  // The first column of a query's rows.
  Result<std::set<std::string>> first_column(const std::string& sql,
                                             const std::vector<std::optional<std::string>>& params);
  Status create_in_transaction(Connection& c, const TablePlan& table, bool replace,
                               std::vector<std::string>& warnings);

  ConnectionPool pool_;
  std::string server_version_;
  std::string run_id_;
};

}  // namespace cutover::pg
