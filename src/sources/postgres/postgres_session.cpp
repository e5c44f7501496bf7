#include "sources/postgres/postgres_session.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

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

// While a COPY streams, the reader is woken once per k_wake_bytes (or after
// k_wake_ms) instead of once per 8 kB the server flushes: SO_RCVLOWAT holds
// back the socket's readiness, and a non-blocking read still returns
// whatever has arrived. The default is restored before anything else runs
// on the connection (libpq's own waits have no timeout).
constexpr int k_wake_bytes = 64 << 10;
constexpr int k_wake_ms = 2;

void set_wake_bytes(PGconn* conn, int bytes) {
  int fd = PQsocket(conn);
  if (fd >= 0) (void)setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &bytes, sizeof bytes);
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
  set_wake_bytes(conn_.raw(), 1);
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
  set_wake_bytes(conn_.raw(), k_wake_bytes);
  return {};
}

// PQgetCopyData without blocking in libpq: waits for the socket here, after
// reading what has arrived (TLS may hold decrypted bytes the socket no
// longer shows).
int CopyOut::get(char** buffer) {
  PGconn* conn = conn_.raw();
  for (bool read = false;; read = !read) {
    int n = PQgetCopyData(conn, buffer, 1);
    if (n != 0) return n;
    if (read) {
      pollfd p{PQsocket(conn), POLLIN, 0};
      (void)poll(&p, 1, k_wake_ms);
    }
    if (!PQconsumeInput(conn)) return -2;
  }
}

Result<bool> CopyOut::next(std::string_view& message) {
  if (buffer_) {
    PQfreemem(buffer_);
    buffer_ = nullptr;
  }
  int n = get(&buffer_);
  if (n > 0) {
    message = {buffer_, static_cast<size_t>(n)};
    return true;
  }
  set_wake_bytes(conn_.raw(), 1);
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
