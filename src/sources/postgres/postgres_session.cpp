#include "sources/postgres/postgres_session.hpp"

#include <fmt/format.h>

#include "util/url.hpp"

namespace cutover::postgres {

namespace {

constexpr const char* k_source_setup =
    "SET search_path = ''; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; "
    "SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET statement_timeout = 0; "
    "SET idle_in_transaction_session_timeout = 0; SET client_min_messages = warning";

// A COPY failure with the server's SQLSTATE and the retry flags it implies.
Error copy_error(const char* what, PGresult* res, PGconn* conn) {
  Error e{ErrorKind::query, fmt::format("{}: {}", what, res ? PQresultErrorMessage(res) : PQerrorMessage(conn))};
  while (!e.message.empty() && (e.message.back() == '\n' || e.message.back() == ' ')) e.message.pop_back();
  e.context.engine = "postgresql";
  if (const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr) e.sqlstate = state;
  pg::classify_sqlstate(e);
  if (PQstatus(conn) != CONNECTION_OK) e.retryable = e.poisons_connection = true;
  return e;
}

}  // namespace

Result<pg::Connection> connect_source(const std::string& conninfo) {
  auto conn = pg::Connection::connect(conninfo);
  if (!conn) {
    Error e = std::move(conn.error());
    e.hint = "check host, port, user and database in the source URL (PG* variables and ~/.pgpass "
             "apply), and that the server accepts connections";
    return fail(std::move(e));
  }
  if (auto st = conn->execute(k_source_setup); !st) return fail(std::move(st.error()));
  return conn;
}

Status begin_snapshot(pg::Connection& conn, const std::string& snapshot) {
  if (auto st = conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !st) return st;
  if (snapshot.empty()) return {};
  return conn.execute(fmt::format("SET TRANSACTION SNAPSHOT '{}'", snapshot));
}

CopyOut::~CopyOut() {
  if (buffer_) PQfreemem(buffer_);
  if (!active_ || !conn_.raw()) return;
  // Abandoned mid-COPY: cancel, then drain what the server still sends.
  if (PGcancel* cancel = PQgetCancel(conn_.raw())) {
    char err[256];
    PQcancel(cancel, err, sizeof err);
    PQfreeCancel(cancel);
  }
  char* rest = nullptr;
  while (PQgetCopyData(conn_.raw(), &rest, 0) > 0) PQfreemem(rest);
  while (PGresult* r = PQgetResult(conn_.raw())) PQclear(r);
}

Status CopyOut::start(const std::string& copy_sql) {
  pg::PgResult res(PQexec(conn_.raw(), copy_sql.c_str()));
  if (PQresultStatus(res.raw()) != PGRES_COPY_OUT)
    return fail(copy_error("source COPY could not start", res.raw(), conn_.raw()));
  active_ = true;
  return {};
}

Result<bool> CopyOut::next(std::string_view& message) {
  if (buffer_) {
    PQfreemem(buffer_);
    buffer_ = nullptr;
  }
  int n = PQgetCopyData(conn_.raw(), &buffer_, 0);
  if (n > 0) {
    message = {buffer_, static_cast<size_t>(n)};
    return true;
  }
  active_ = false;
  pg::PgResult res(PQgetResult(conn_.raw()));
  Status st;
  if (n == -2 || PQresultStatus(res.raw()) != PGRES_COMMAND_OK)
    st = fail(copy_error("source COPY failed", n == -2 ? nullptr : res.raw(), conn_.raw()));
  while (PGresult* extra = PQgetResult(conn_.raw())) PQclear(extra);
  if (!st) return fail(std::move(st.error()));
  return false;
}

}  // namespace cutover::postgres
