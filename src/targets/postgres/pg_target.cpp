#include "targets/postgres/pg_target.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "core/embedded_sql.hpp"
#include "plan/plan_json.hpp"
#include "targets/postgres/pg_ddl.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "targets/postgres/pg_writer.hpp"

namespace cutover::pg {

namespace {

std::string table_key(const TablePlan& t) { return t.target_schema + "." + t.target_name; }

// Session settings for every connection: the chunk record commits with the
// rows, so an asynchronous commit can lose both but never one of them.
constexpr const char* k_session_setup =
    "SET synchronous_commit = off; SET client_min_messages = warning; "
    "SET statement_timeout = 0; SET lock_timeout = 0; SET DateStyle = 'ISO, YMD'; "
    "SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'";

}  // namespace

Result<Connection> ConnectionPool::acquire() {
  std::string name;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      Connection c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    name = application_name_;
  }
  auto conn = Connection::connect(conninfo_);
  if (!conn) return conn;
  if (auto st = conn->execute(k_session_setup); !st) return fail(std::move(st.error()));
  if (!name.empty())
    if (auto st = conn->execute("SET application_name = " + quote_literal(name)); !st)
      return fail(std::move(st.error()));
  return conn;
}

void ConnectionPool::set_application_name(std::string name) {
  std::lock_guard lock(mu_);
  application_name_ = std::move(name);
  idle_.clear();  // reopened with the new name when needed
}

void ConnectionPool::release(Connection conn) {
  if (!conn.ok() || PQtransactionStatus(conn.raw()) != PQTRANS_IDLE) return;
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(conn));
}

Result<std::unique_ptr<PgTarget>> PgTarget::open(const std::string& url) {
  std::unique_ptr<PgTarget> t(new PgTarget(url));
  auto conn = t->pool_.acquire();
  if (!conn) return fail(std::move(conn.error()));
  t->server_version_ = conn->server_version();
  t->pool_.release(std::move(*conn));
  return t;
}

Status PgTarget::in_step(const std::string& step, const std::function<Status(Connection&)>& body) {
  return with_connection(pool_, [&](Connection& c) -> Status {
    Status st = c.execute("BEGIN");
    if (st) st = body(c);
    if (st && !step.empty())
      st = c.execute("INSERT INTO cutover_state.steps (run_id, step) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                     {run_id_, step});
    if (st) st = c.execute("COMMIT");
    if (!st) (void)c.execute("ROLLBACK");
    return st;
  });
}

Status PgTarget::run_statements(const std::vector<std::string>& sql, const std::string& step) {
  return in_step(step, [&](Connection& c) -> Status {
    for (const auto& s : sql)
      if (auto st = c.execute(s); !st) return st;
    return {};
  });
}

Status PgTarget::end_stale_sessions(Connection& c) {
  std::string name = "cutover " + run_id_;
  const char* others =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()";
  auto killed = c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = $1 AND pid <> pg_backend_pid()", {name});
  if (!killed) return fail(std::move(killed.error()));
  for (int i = 0; i < 300; ++i) {  // up to 30 s for them to roll back and exit
    auto left = c.query(others, {name});
    if (!left) return fail(std::move(left.error()));
    if (left->get_int64(0, 0) == 0) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return fail(ErrorKind::query, "sessions of an earlier cutover process of this run are still active",
              "wait for them to end (pg_stat_activity, application_name '" + name + "') and run again");
}

namespace {

Error changed_plan_error(const std::string& stored_plan, const std::string& new_plan) {
  auto changes = describe_plan_changes(nlohmann::json::parse(stored_plan), nlohmann::json::parse(new_plan));
  std::string list;
  for (const auto& c : changes) list += "\n  - " + c;
  Error e;
  e.kind = ErrorKind::config;
  e.message = "an interrupted run into this target has a different plan; resuming it would mix "
              "two plans. What changed:" + list;
  e.hint = "re-run with the original options to resume, or add --restart to discard the "
           "interrupted run and start over (its tables are replaced)";
  return e;
}

}  // namespace

Result<bool> PgTarget::has_postgis() {
  return with_connection(pool_, [&](Connection& c) -> Result<bool> {
    auto r = c.query("SELECT count(*) FROM pg_catalog.pg_available_extensions WHERE name = 'postgis'");
    if (!r) return fail(std::move(r.error()));
    return r->get_int64(0, 0) > 0;
  });
}

Status create_extension(Connection& c, std::string_view name, std::string_view why, std::string_view otherwise) {
  auto st = c.execute(fmt::format("CREATE EXTENSION IF NOT EXISTS {}", name));
  if (st) return st;
  Error e = st.error();
  e.message = fmt::format("{} and creating extension {} failed: {}", why, name, e.message);
  e.hint = fmt::format("have a superuser run CREATE EXTENSION {} in the target database, or {}", name, otherwise);
  return fail(std::move(e));
}

Status PgTarget::create_postgis() {
  return with_connection(pool_, [&](Connection& c) {
    return create_extension(c, "postgis", "spatial columns need PostGIS on the target",
                            "pass --no-postgis to copy spatial values as WKB bytea");
  });
}

Result<std::optional<std::string>> PgTarget::unfinished_plan(const std::string& run_id) {
  return with_connection(pool_, [&](Connection& c) -> Result<std::optional<std::string>> {
    auto state = c.query("SELECT to_regclass('cutover_state.runs') IS NOT NULL", {});
    if (!state) return fail(std::move(state.error()));
    if (state->get(0, 0) != "t") return std::optional<std::string>{};
    auto prev = c.query("SELECT plan::text FROM cutover_state.runs WHERE run_id = $1 AND status IN ('running', 'failed')",
                        {run_id});
    if (!prev) return fail(std::move(prev.error()));
    if (prev->rows() == 0) return std::optional<std::string>{};
    return std::optional<std::string>{std::string(prev->get(0, 0))};
  });
}

Result<bool> PgTarget::begin_run(const RunIdentity& run, bool restart) {
  run_id_ = run.run_id;
  pool_.set_application_name("cutover " + run_id_);
  return with_connection(pool_, [&](Connection& c) -> Result<bool> {
    if (auto st = end_stale_sessions(c); !st) return fail(std::move(st.error()));
    if (auto st = c.execute(sql_file("targets/postgres/sql/state_schema.sql")); !st)
      return fail(std::move(st.error()));
    auto prev = c.query("SELECT status, plan_hash, plan::text FROM cutover_state.runs WHERE run_id = $1",
                        {run.run_id});
    if (!prev) return fail(std::move(prev.error()));
    // A failed run is unfinished too: re-running it redoes only what failed.
    bool running = prev->rows() == 1 && (prev->get(0, 0) == "running" || prev->get(0, 0) == "failed");
    if (running && !restart && prev->get(0, 1) != run.plan_hash)
      return fail(changed_plan_error(std::string(prev->get(0, 2)), run.plan_json));
    bool resume = running && !restart;
    if (!resume) {
      for (const char* t : {"chunks", "steps"})
        if (auto st = c.execute(fmt::format("DELETE FROM cutover_state.{} WHERE run_id = $1", t),
                                {run.run_id});
            !st)
          return fail(std::move(st.error()));
    }
    auto st = c.execute(sql_file("targets/postgres/sql/begin_run.sql"),
                        {run.run_id, run.plan_hash, run.plan_json, run.source});
    if (!st) return fail(std::move(st.error()));
    return resume;
  });
}

Status PgTarget::finish_run(bool success) {
  return with_connection(pool_, [&](Connection& c) {
    return c.execute("UPDATE cutover_state.runs SET status = $2, updated_at = now() WHERE run_id = $1",
                     {run_id_, std::string(success ? "done" : "failed")});
  });
}

Result<std::vector<CommittedChunk>> PgTarget::committed_chunks() {
  return with_connection(pool_, [&](Connection& c) -> Result<std::vector<CommittedChunk>> {
    auto r = c.query(
        "SELECT table_name, chunk_index, rows, bytes, checksum, rejected, rules::text, "
        "totals::text FROM cutover_state.chunks WHERE run_id = $1",
        {run_id_});
    if (!r) return fail(std::move(r.error()));
    std::vector<CommittedChunk> out;
    for (int i = 0; i < r->rows(); ++i) {
      CommittedChunk cc;
      cc.table = r->get(i, 0);
      cc.index = static_cast<int>(r->get_int64(i, 1));
      cc.record.rows = r->get_int64(i, 2);
      cc.record.bytes = r->get_int64(i, 3);
      cc.record.checksum = std::stoull(std::string(r->get(i, 4)), nullptr, 16);
      cc.record.rejected = r->get_int64(i, 5);
      cc.record.rules.counts = nlohmann::json::parse(r->get(i, 6)).get<std::map<std::string, int64_t>>();
      cc.record.totals = nlohmann::json::parse(r->get(i, 7)).get<std::map<std::string, std::string>>();
      out.push_back(std::move(cc));
    }
    return out;
  });
}

Result<std::set<std::string>> PgTarget::first_column(const std::string& sql,
                                                     const std::vector<std::optional<std::string>>& params) {
  return with_connection(pool_, [&](Connection& c) -> Result<std::set<std::string>> {
    auto r = c.query(sql, params);
    if (!r) return fail(std::move(r.error()));
    std::set<std::string> out;
    for (int i = 0; i < r->rows(); ++i) out.emplace(r->get(i, 0));
    return out;
  });
}

Result<std::set<std::string>> PgTarget::done_steps() {
  return first_column("SELECT step FROM cutover_state.steps WHERE run_id = $1", {run_id_});
}

Status PgTarget::mark_step(const std::string& step) {
  return with_connection(pool_, [&](Connection& c) {
    return c.execute(
        "INSERT INTO cutover_state.steps (run_id, step) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {run_id_, step});
  });
}

Status PgTarget::execute_step(const std::string& sql, const std::string& step) {
  return run_statements({sql}, step);
}

Result<std::set<std::string>> PgTarget::role_names() {
  return first_column("SELECT rolname FROM pg_catalog.pg_roles", {});
}

// One transaction: schema, table, defaults (each under a savepoint, so a
// default PostgreSQL refuses costs a warning), and the step record.
Result<std::vector<std::string>> PgTarget::create_table(const TablePlan& table, bool replace,
                                                        const std::string& step) {
  std::vector<std::string> warnings;
  auto created = in_step(step, [&](Connection& c) { return create_in_transaction(c, table, replace, warnings); });
  if (!created) return fail(std::move(created.error()));
  return warnings;
}

Status PgTarget::create_in_transaction(Connection& c, const TablePlan& table, bool replace,
                                       std::vector<std::string>& warnings) {
  if (auto st = c.execute(create_schema_sql(table.target_schema)); !st) return st;
  {
    auto exists = c.query("SELECT to_regclass($1) IS NOT NULL",
                          {qualified(table.target_schema, table.target_name)});
    if (!exists) return fail(std::move(exists.error()));
    if (exists->get(0, 0) == "t") {
      if (!replace) {
        Error e;
        e.kind = ErrorKind::config;
        e.message = fmt::format("target table {} already exists", table_key(table));
        e.hint = "use --drop-existing to replace it, --target-schema to load elsewhere, or --data-only";
        return fail(e.in_table(table_key(table)));
      }
      if (auto st = c.execute(drop_table_sql(table)); !st) return st;
    }
    std::vector<std::string> ddl = replace ? drop_enum_types_sql(table) : std::vector<std::string>{};
    for (auto& sql : create_enum_types_sql(table)) ddl.push_back(std::move(sql));
    ddl.push_back(create_table_sql(table));
    for (const auto& sql : ddl)
      if (auto st = c.execute(sql); !st) return st;
  }
  for (const auto& [column, sql] : set_default_sql(table)) {
    if (auto sp = c.execute("SAVEPOINT cutover_default"); !sp) return sp;
    if (auto st = c.execute(sql); !st) {
      warnings.push_back(fmt::format("column {}: default dropped, PostgreSQL refused it: {}", column,
                                     st.error().message));
      if (auto rb = c.execute("ROLLBACK TO SAVEPOINT cutover_default"); !rb) return rb;
    }
  }
  return {};
}

Result<std::unique_ptr<ChunkWriter>> PgTarget::open_writer(const TablePlan& table,
                                                           const ChunkSpec& chunk) {
  auto wires = wire_columns(table);
  if (!wires) return fail(std::move(wires.error()));
  auto conn = pool_.acquire();
  if (!conn) return fail(std::move(conn.error()));
  return std::make_unique<PgChunkWriter>(pool_, std::move(*conn), table, chunk, run_id_);
}

Status PgTarget::build_index(const TablePlan& table, const IndexPlan& index, const std::string& step,
                             bool serial) {
  std::vector<std::string> sql = index_sql(table, index);
  if (serial) sql.insert(sql.begin(), "SET LOCAL max_parallel_maintenance_workers = 0");
  return run_statements(sql, step);
}

Result<bool> PgTarget::with_not_valid_fallback(const std::string& sql, const std::string& fallback,
                                               const std::string& step) {
  auto st = run_statements({sql}, step);
  if (st) return true;
  if (st.error().sqlstate.rfind("23", 0) != 0) return fail(std::move(st.error()));
  if (auto st2 = run_statements({fallback}, step); !st2) return fail(std::move(st2.error()));
  return false;
}

// Added NOT VALID (a moment's lock on both tables), then validated in a
// transaction of its own, whose locks let the other foreign keys of these
// tables validate, and their verification scans run, at the same time. A run
// resumed between the two finds the constraint there and validates it.
// A partitioned table takes no NOT VALID foreign key: added validated.
Result<bool> PgTarget::add_foreign_key(const TablePlan& table, const ForeignKeyPlan& fk, const std::string& step) {
  if (!table.source.partition_by.empty())
    return with_not_valid_fallback(foreign_key_sql(table, fk, false), foreign_key_sql(table, fk, true), step);
  auto added = run_statements({foreign_key_sql(table, fk, true)}, "");
  if (!added && added.error().sqlstate != "42710") return fail(std::move(added.error()));
  if (fk.definition.ends_with(" NOT VALID")) {  // not valid on the source either
    if (auto st = run_statements({}, step); !st) return fail(std::move(st.error()));
    return true;
  }
  auto valid = validate_foreign_key(table, fk, step);
  if (valid) return true;
  if (valid.error().sqlstate.rfind("23", 0) != 0) return fail(std::move(valid.error()));
  if (auto st = run_statements({}, step); !st) return fail(std::move(st.error()));
  return false;
}

// VALIDATE CONSTRAINT with the join settings fk_validation_settings.sql
// chooses for the two tables' sizes.
Status PgTarget::validate_foreign_key(const TablePlan& table, const ForeignKeyPlan& fk, const std::string& step) {
  return in_step(step, [&](Connection& c) -> Status {
    std::vector<std::optional<std::string>> tables{qualified(table.target_schema, table.target_name),
                                                   qualified(fk.ref_schema, fk.ref_table)};
    auto settings = c.query(sql_file("targets/postgres/sql/fk_validation_settings.sql"), tables);
    if (!settings) return fail(std::move(settings.error()));
    if (std::string set{settings->get(0, 0)}; !set.empty())
      if (auto st = c.execute(set); !st) return st;
    return c.execute(validate_constraint_sql(table, fk.name));
  });
}

Result<bool> PgTarget::add_check(const TablePlan& table, const CheckPlan& check, const std::string& step) {
  return with_not_valid_fallback(check_sql(table, check, false), check_sql(table, check, true), step);
}

Status PgTarget::restart_identity(const TablePlan& table, const std::string& step) {
  auto sql = identity_restart_sql(table);
  return run_statements(sql.empty() ? std::vector<std::string>{} : std::vector<std::string>{sql}, step);
}

Status PgTarget::create_on_update_trigger(const TablePlan& table, const std::string& step) {
  return run_statements(on_update_trigger_sql(table), step);
}

Status PgTarget::create_view(const std::string& schema, const std::string& name,
                             const std::string& select_sql) {
  return with_connection(pool_, [&](Connection& c) -> Status {
    auto st = c.execute("BEGIN; SET LOCAL search_path = " + quote_ident(schema) + ", public; CREATE OR REPLACE VIEW " +
                        qualified(schema, name) + " AS " + select_sql);
    (void)c.execute(st ? "COMMIT" : "ROLLBACK");
    return st;
  });
}

Status PgTarget::analyze(const TablePlan& table, const std::string& step) {
  return run_statements({"ANALYZE " + qualified(table.target_schema, table.target_name)}, step);
}

namespace {

std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& s : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace

Result<int> PgTarget::detach_foreign_keys(const std::vector<TablePlan>& tables) {
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(qualified(t.target_schema, t.target_name));
  return with_connection(pool_, [&](Connection& c) -> Result<int> {
    if (auto st = c.execute("BEGIN"); !st) return fail(std::move(st.error()));
    auto saved = c.query(sql_file("targets/postgres/sql/detach_foreign_keys.sql"), {run_id_, text_array(names)});
    Status st = saved ? Status{} : fail(std::move(saved.error()));
    for (int i = 0; st && i < saved->rows(); ++i)
      st = c.execute(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", saved->get(i, 0),
                                 quote_ident(saved->get(i, 1))));
    if (st) st = c.execute("COMMIT");
    if (!st) {
      (void)c.execute("ROLLBACK");
      return fail(std::move(st.error()));
    }
    return saved->rows();
  });
}

Result<std::vector<std::string>> PgTarget::reattach_foreign_keys() {
  return with_connection(pool_, [&](Connection& c) -> Result<std::vector<std::string>> {
    auto rows = c.query("SELECT table_name, name, definition FROM cutover_state.detached_constraints "
                        "WHERE run_id = $1 ORDER BY table_name, name", {run_id_});
    if (!rows) return fail(std::move(rows.error()));
    std::vector<std::string> warnings;
    for (int i = 0; i < rows->rows(); ++i) {
      std::string table(rows->get(i, 0)), name(rows->get(i, 1)), def(rows->get(i, 2));
      std::string add = fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table, quote_ident(name), def);
      std::string forget = "DELETE FROM cutover_state.detached_constraints WHERE run_id = " +
                           quote_literal(run_id_) + " AND table_name = " + quote_literal(table) +
                           " AND name = " + quote_literal(name);
      auto st = c.execute("BEGIN; " + add + "; " + forget + "; COMMIT");
      if (!st) {
        (void)c.execute("ROLLBACK");
        if (st.error().sqlstate.rfind("23", 0) != 0) return fail(std::move(st.error()));
        if (auto nv = c.execute("BEGIN; " + add + " NOT VALID; " + forget + "; COMMIT"); !nv) {
          (void)c.execute("ROLLBACK");
          return fail(std::move(nv.error()));
        }
        warnings.push_back(fmt::format("foreign key {} on {} is violated by the loaded rows; restored NOT VALID",
                                       name, table));
      }
    }
    return warnings;
  });
}

}  // namespace cutover::pg
