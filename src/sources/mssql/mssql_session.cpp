#include "sources/mssql/mssql_session.hpp"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "core/embedded_sql.hpp"

namespace cutover::mssql {
namespace {

constexpr std::string_view k_session_setup =
    "SET TEXTSIZE 2147483647; SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER ON; SET ANSI_WARNINGS ON; "
    "SET ARITHABORT ON; SET CONCAT_NULL_YIELDS_NULL ON; SET NOCOUNT ON";

ErrorKind kind_of(const std::string& state, int native) {
  if (connection_lost(state, native) || state == "28000") return ErrorKind::connect;
  if (state == "HYT00" || state == "HYT01") return ErrorKind::timeout;
  return ErrorKind::query;
}

std::string connect_hint(int native, const std::string& state) {
  if (native == 18456 || state == "28000")
    return "check the user and password (a password with @ : / # % & must be percent-encoded, or set MSSQL_PWD)";
  if (native == 4060) return "check the database name at the end of the URL and that the login may use it";
  return "check that SQL Server runs and accepts TCP connections at this host and port (for host\\instance, "
         "that the SQL Server Browser answers on UDP 1434)";
}

Handle alloc(SQLSMALLINT type, SQLHANDLE parent) {
  SQLHANDLE h = SQL_NULL_HANDLE;
  if (!SQL_SUCCEEDED(SQLAllocHandle(type, parent, &h))) return Handle(type, SQL_NULL_HANDLE);
  return Handle(type, h);
}

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    if (h_ != SQL_NULL_HANDLE) SQLFreeHandle(type_, h_);
    type_ = o.type_;
    h_ = std::exchange(o.h_, SQLHANDLE{});
  }
  return *this;
}

Handle::~Handle() {
  if (h_ != SQL_NULL_HANDLE) SQLFreeHandle(type_, h_);
}

namespace {

bool connection_dead(SQLHDBC dbc) {
  SQLUINTEGER dead = SQL_CD_FALSE;
  if (dbc == SQL_NULL_HDBC) return false;
  return SQL_SUCCEEDED(SQLGetConnectAttr(dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr)) && dead == SQL_CD_TRUE;
}

}  // namespace

Error odbc_error(const Handle& h, std::string_view what, SQLHDBC dbc) {
  Error e;
  e.context.engine = "mssql";
  std::string text;
  for (SQLSMALLINT i = 1; h.get() != SQL_NULL_HANDLE; ++i) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR msg[1024] = {0};
    SQLSMALLINT len = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRec(h.type(), h.get(), i, state, &native, msg, sizeof msg, &len))) break;
    if (i == 1) {
      e.sqlstate = reinterpret_cast<const char*>(state);
      e.native_code = static_cast<int>(native);
    }
    text += fmt::format("{}{} (SQLSTATE {}, error {})", text.empty() ? "" : "; ", reinterpret_cast<const char*>(msg),
                        reinterpret_cast<const char*>(state), native);
  }
  e.kind = kind_of(e.sqlstate, e.native_code);
  e.message = fmt::format("{}: {}", what, text.empty() ? "no diagnostics from the driver" : text);
  e.retryable = transient_error(e.sqlstate, e.native_code);
  e.poisons_connection = connection_lost(e.sqlstate, e.native_code);
  if (!e.poisons_connection && connection_dead(dbc)) {
    e.kind = ErrorKind::connect;
    e.retryable = e.poisons_connection = true;
  }
  return e;
}

bool connection_lost(std::string_view sqlstate, int native_code) {
  // FreeTDS's TDSEFCON, TDSEREAD, TDSEWRIT, TDSECONN, TDSESEOF (include/freetds/tds.h).
  constexpr int k_freetds_lost[] = {20002, 20004, 20006, 20009, 20017};
  return sqlstate.starts_with("08") || std::ranges::find(k_freetds_lost, native_code) != std::end(k_freetds_lost);
}

bool transient_error(std::string_view sqlstate, int native_code) {
  constexpr int k_freetds_timeout = 20003, k_deadlock_victim = 1205, k_lock_timeout = 1222,
                k_snapshot_update_conflict = 3960;
  // Azure SQL Database's transient errors (learn.microsoft.com, "Troubleshoot
  // transient connection errors"): 40197 service error, 40501 service busy,
  // 40613 database unavailable, 49918-49920 cannot process request, 4221
  // login to a read-secondary timed out, 10928/10929 resource limits; and the
  // network errors SQL Server reports itself: 10053/10054 connection
  // aborted/reset, 10060 connect timed out, 233 no process at the other end
  // of the pipe, 64 network name no longer available.
  constexpr int k_azure_transient[] = {40197, 40501, 40613, 49918, 49919, 49920, 4221,
                                       10928, 10929, 10053, 10054, 10060, 233,   64};
  return connection_lost(sqlstate, native_code) || sqlstate == "HYT00" || sqlstate == "HYT01" ||
         sqlstate == "40001" || native_code == k_freetds_timeout || native_code == k_deadlock_victim ||
         native_code == k_lock_timeout || native_code == k_snapshot_update_conflict ||
         std::ranges::find(k_azure_transient, native_code) != std::end(k_azure_transient);
}

Result<Session> reopen_session(const ConnectionConfig& c) {
  constexpr int k_cannot_open_database = 4060;
  auto s = Session::open(c);
  if (!s && s.error().native_code == k_cannot_open_database) {
    Error e = s.error();
    e.retryable = true;
    return fail(e);
  }
  return s;
}

Statement::~Statement() { close(); }

void Statement::close() {
  if (h_.get() != SQL_NULL_HANDLE) SQLFreeStmt(h_.get(), SQL_CLOSE);
}

std::string Statement::fmt_column_error(int col) { return fmt::format("reading column {} failed", col); }

Status Statement::execute(std::string_view sql) {
  SQLRETURN rc = SQLExecDirect(h_.get(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.data())),
                               static_cast<SQLINTEGER>(sql.size()));
  if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA)
    return fail(error(fmt::format("SQL Server statement failed (in: {})", sql.substr(0, 200))));
  return {};
}

Result<bool> Statement::fetch() {
  SQLRETURN rc = SQLFetch(h_.get());
  if (rc == SQL_NO_DATA) return false;
  if (!SQL_SUCCEEDED(rc)) return fail(error("reading rows failed"));
  return true;
}

Result<bool> Statement::more_results() {
  SQLRETURN rc = SQLMoreResults(h_.get());
  if (rc == SQL_NO_DATA) return false;
  if (!SQL_SUCCEEDED(rc)) return fail(error("moving to the next result set failed"));
  return true;
}

Result<int> Statement::column_count() {
  SQLSMALLINT n = 0;
  if (!SQL_SUCCEEDED(SQLNumResultCols(h_.get(), &n))) return fail(error("SQLNumResultCols failed"));
  return static_cast<int>(n);
}

Result<std::optional<std::string>> Statement::pieces(int col, SQLSMALLINT c_type, std::size_t max_bytes) {
  std::string out;
  char buf[8192];
  // A NUL terminator follows each character piece, none follows bytes.
  const std::size_t room = c_type == SQL_C_BINARY ? sizeof buf : sizeof buf - 1;
  for (;;) {
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(h_.get(), static_cast<SQLUSMALLINT>(col), c_type, buf, sizeof buf, &ind);
    if (rc == SQL_NO_DATA) break;
    if (!SQL_SUCCEEDED(rc)) return fail(error(fmt_column_error(col)));
    if (ind == SQL_NULL_DATA) return std::optional<std::string>{};
    bool whole = ind != SQL_NO_TOTAL && static_cast<std::size_t>(ind) <= room;
    out.append(buf, whole ? static_cast<std::size_t>(ind) : room);
    if (out.size() > max_bytes)
      return fail(ErrorKind::data, fmt::format("column {} holds more than {} bytes", col, max_bytes),
                  "raise the reader's value budget or exclude the column");
    if (rc == SQL_SUCCESS || whole) break;
  }
  return std::optional<std::string>(std::move(out));
}

Result<std::optional<int64_t>> Statement::integer(int col) { return fixed<int64_t>(col, SQL_C_SBIGINT); }

Session::~Session() {
  if (connected_ && dbc_.get() != SQL_NULL_HANDLE) SQLDisconnect(dbc_.get());
}

Result<Session> Session::open(const ConnectionConfig& c) {
  auto driver = find_freetds_driver();
  if (!driver) return fail(driver.error());
  Session s;
  s.env_ = alloc(SQL_HANDLE_ENV, SQL_NULL_HANDLE);
  if (s.env_.get() == SQL_NULL_HANDLE) return fail(ErrorKind::internal, "SQLAllocHandle(ENV) failed: out of memory");
  SQLSetEnvAttr(s.env_.get(), SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0);
  s.dbc_ = alloc(SQL_HANDLE_DBC, s.env_.get());
  if (s.dbc_.get() == SQL_NULL_HANDLE) return fail(odbc_error(s.env_, "SQLAllocHandle(DBC) failed"));
  SQLSetConnectAttr(s.dbc_.get(), SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(c.connect_timeout)), 0);
  std::string cs = odbc_connection_string(c, *driver);
  SQLRETURN rc = SQLDriverConnect(s.dbc_.get(), nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, nullptr, 0,
                                  nullptr, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    Error e = odbc_error(s.dbc_, fmt::format("cannot connect to SQL Server source '{}'", c.redacted));
    e.kind = ErrorKind::connect;
    return fail(e.with_hint(connect_hint(e.native_code, e.sqlstate)));
  }
  s.connected_ = true;
  if (auto st = s.execute(k_session_setup); !st) return fail(st.error());
  auto version = s.query_value("SELECT @@VERSION");
  if (!version) return fail(version.error());
  s.version_ = version->value_or("");
  return s;
}

Result<Statement> Session::statement() {
  Handle h = alloc(SQL_HANDLE_STMT, dbc_.get());
  if (h.get() == SQL_NULL_HANDLE) return fail(odbc_error(dbc_, "SQLAllocHandle(STMT) failed"));
  return Statement(std::move(h), dbc_.get());
}

Status Session::execute(std::string_view sql) {
  auto st = statement();
  if (!st) return fail(st.error());
  if (auto r = st->execute(sql); !r) return r;
  for (;;) {  // drain every result (errors raised later in a batch surface here)
    auto more = st->more_results();
    if (!more) return fail(more.error());
    if (!*more) return {};
  }
}

Status Session::query(std::string_view sql, const std::function<bool(Statement&)>& row) {
  auto st = statement();
  if (!st) return fail(st.error());
  if (auto r = st->execute(sql); !r) return r;
  for (;;) {
    auto more = st->fetch();
    if (!more) return fail(more.error());
    if (!*more || !row(*st)) return {};
  }
}

Status Session::query_rows(std::string_view sql, const std::function<void(const TextRow&)>& row) {
  std::optional<Error> failed;
  int columns = -1;
  TextRow values;
  auto st = query(sql, [&](Statement& s) {
    if (columns < 0) {
      auto n = s.column_count();
      if (!n) return failed = n.error(), false;
      columns = *n;
    }
    values.assign(static_cast<size_t>(columns), std::nullopt);
    for (int i = 0; i < columns; ++i) {
      auto v = s.text(i + 1);
      if (!v) return failed = v.error(), false;
      values[static_cast<size_t>(i)] = std::move(*v);
    }
    row(values);
    return true;
  });
  if (!st) return st;
  if (failed) return fail(*failed);
  return {};
}

Result<std::optional<std::string>> Session::query_value(std::string_view sql) {
  Result<std::optional<std::string>> out = std::optional<std::string>{};
  auto st = query(sql, [&](Statement& s) {
    out = s.text(1);
    return false;
  });
  if (!st) return fail(st.error());
  return out;
}

Result<std::string> find_freetds_driver() {
  if (const char* env = std::getenv("CUTOVER_TDSODBC_DRIVER"); env != nullptr && *env != '\0') return std::string(env);
  glob_t g{};
  std::string found;
  if (::glob("/usr/lib/*/odbc/libtdsodbc.so", 0, nullptr, &g) == 0 && g.gl_pathc > 0) found = g.gl_pathv[0];
  ::globfree(&g);
  if (found.empty())
    return fail(ErrorKind::config, "the FreeTDS ODBC driver (libtdsodbc.so) is not installed under /usr/lib/*/odbc/",
                "install the Debian package tdsodbc, or set CUTOVER_TDSODBC_DRIVER to the driver's path");
  return found;
}

std::string_view catalog_sql(std::string_view name) {
  return sql_file(fmt::format("sources/mssql/sql/{}.sql", name));
}

std::string quote_identifier(std::string_view name) {
  std::string out = "[";
  for (char c : name) {
    if (c == ']') out += ']';
    out += c;
  }
  return out + "]";
}

std::string quote_string(std::string_view value) {
  std::string out = "N'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace cutover::mssql
