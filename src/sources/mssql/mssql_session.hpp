// SQL Server session: RAII owner of an ODBC environment (ODBC 3.80) and
// connection to FreeTDS's driver (libtdsodbc.so, found at run time under
// /usr/lib/*/odbc/), with the same roles as the session of every other
// adapter: open, execute, query, query_value.
//
// Every session is set up the same way: a connection string (no DSN) with
// TDS_Version=7.4 and ClientCharset=UTF-8, then SET TEXTSIZE 2147483647 so
// (max) values are never cut at the 4 KB default, and the ANSI settings
// SQL Server's own clients use.
//
// A Statement streams its result: rows come off the wire as the caller
// fetches them. Values are read with bounded SQLGetData loops; FreeTDS
// holds a whole (max) value of the current row, so callers budget memory
// per row. Not thread safe: one session per thread.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "sources/mssql/mssql_url.hpp"

namespace cutover::mssql {

// An ODBC handle freed on destruction.
class Handle {
 public:
  Handle() = default;
  Handle(SQLSMALLINT type, SQLHANDLE h) : type_(type), h_(h) {}
  Handle(Handle&& o) noexcept : type_(o.type_), h_(std::exchange(o.h_, SQLHANDLE{})) {}
  Handle& operator=(Handle&& o) noexcept;
  ~Handle();
  SQLHANDLE get() const { return h_; }
  SQLSMALLINT type() const { return type_; }

 private:
  SQLSMALLINT type_ = SQL_HANDLE_ENV;
  SQLHANDLE h_ = SQL_NULL_HANDLE;
};

// An error from a handle's diagnostics: SQLSTATE and native code of the
// first record, all records' text in the message, retryable when
// transient_error() says so. `dbc`, the handle's connection when known: a
// connection the driver knows is dead (SQL_ATTR_CONNECTION_DEAD) makes the
// error a lost connection, whatever its diagnostics say (FreeTDS gives a
// statement sent on a connection the server closed "Unknown error",
// SQLSTATE HY000, error 0).
Error odbc_error(const Handle& h, std::string_view what, SQLHDBC dbc = SQL_NULL_HDBC);

// Whether a retry of the same work may succeed: the connection lost or
// refused (connection_lost), a timeout (HYT00, HYT01, FreeTDS's 20003), a
// deadlock victim (1205; FreeTDS gives SQLSTATE 42000, the ODBC standard
// 40001), a lock timeout (1222), a snapshot update conflict (3960), or one
// of Azure SQL's transient errors (40197, 40501, 40613, 49918-49920, 4221,
// 10928, 10929) and network errors (10053, 10054, 10060, 233, 64).
bool transient_error(std::string_view sqlstate, int native_code);
// Whether the connection is unusable after the error: SQLSTATE 08xxx, or
// one of FreeTDS's own errors for a lost or refused connection, which it
// reports under SQLSTATE 01000 or 08S01 with its native number: 20002
// (connection failed), 20004 (read from the server failed), 20006 (write
// to the server failed), 20009 (server unavailable or does not exist),
// 20017 (unexpected EOF from the server, e.g. when it restarts).
bool connection_lost(std::string_view sqlstate, int native_code);

// The largest value one SQLGetData loop reads (the reader's row budget).
constexpr std::size_t k_max_value_bytes = std::size_t{1} << 30;

class Statement {
 public:
  // `dbc`: the connection the statement runs on (its errors ask it whether it died).
  Statement(Handle h, SQLHDBC dbc) : h_(std::move(h)), dbc_(dbc) {}
  Statement(Statement&&) noexcept = default;
  ~Statement();

  Status execute(std::string_view sql);
  // true with a row, false at the end of the current result set.
  Result<bool> fetch();
  // Moves to the next result set; false when there is none.
  Result<bool> more_results();
  Result<int> column_count();
  // Column `col` (1-based) of the current row in C type `c_type`
  // (SQL_C_CHAR: UTF-8 text; SQL_C_BINARY: bytes), read in pieces;
  // nullopt for NULL; an error past `max_bytes`.
  Result<std::optional<std::string>> pieces(int col, SQLSMALLINT c_type, std::size_t max_bytes = k_max_value_bytes);
  Result<std::optional<std::string>> text(int col) { return pieces(col, SQL_C_CHAR); }
  Result<std::optional<int64_t>> integer(int col);
  // A fixed-size C value (struct or number); nullopt for NULL.
  template <class T>
  Result<std::optional<T>> fixed(int col, SQLSMALLINT c_type) {
    T v{};
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(h_.get(), static_cast<SQLUSMALLINT>(col), c_type, &v, sizeof v, &ind);
    if (!SQL_SUCCEEDED(rc)) return fail(error(fmt_column_error(col)));
    if (ind == SQL_NULL_DATA) return std::optional<T>{};
    return std::optional<T>(v);
  }
  void close();
  SQLHSTMT handle() const { return h_.get(); }

 private:
  static std::string fmt_column_error(int col);
  Error error(std::string_view what) const { return odbc_error(h_, what, dbc_); }
  Handle h_;
  SQLHDBC dbc_ = SQL_NULL_HDBC;  // owned by the Session
};

class Session {
 public:
  static Result<Session> open(const ConnectionConfig& config);

  Session(Session&&) noexcept = default;
  Session& operator=(Session&&) noexcept = default;
  ~Session();

  Result<Statement> statement();
  Status execute(std::string_view sql);
  // Runs `sql`; calls `row` for each row of its first result set; return
  // false to stop early (the statement is closed, the rest dropped).
  Status query(std::string_view sql, const std::function<bool(Statement&)>& row);
  // Every column of each row as text (NULL -> nullopt), for catalog queries.
  using TextRow = std::vector<std::optional<std::string>>;
  Status query_rows(std::string_view sql, const std::function<void(const TextRow&)>& row);
  // First column of the first row as text; nullopt for NULL or no row.
  Result<std::optional<std::string>> query_value(std::string_view sql);
  const std::string& server_version() const { return version_; }
  SQLHDBC handle() const { return dbc_.get(); }

 private:
  Session() = default;
  Handle env_;
  Handle dbc_;
  bool connected_ = false;
  std::string version_;
};

// Session::open for a reconnect, after the server answered once: 4060
// (cannot open database) is then retryable too, as Azure SQL gives it while
// a database fails over; on a first connect it means a wrong name.
Result<Session> reopen_session(const ConnectionConfig& config);

// The FreeTDS ODBC driver: $CUTOVER_TDSODBC_DRIVER when set, else the
// first /usr/lib/*/odbc/libtdsodbc.so; an error naming the package.
Result<std::string> find_freetds_driver();

// Catalog SQL embedded from src/sources/mssql/sql/*.sql ("name" without .sql).
std::string_view catalog_sql(std::string_view name);

// [name] with ']' doubled.
std::string quote_identifier(std::string_view name);
// N'value' with quotes doubled.
std::string quote_string(std::string_view value);

}  // namespace cutover::mssql
