// A thin ODBC client for the TDS tests: the real FreeTDS driver through
// unixODBC, as the SQL Server adapter will use it (ODBC 3.80, connection
// strings, bounded SQLGetData loops). Failures throw OdbcError carrying the
// driver's diagnostics (SQLSTATE, native error, text).
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tdstest {

struct OdbcError : std::runtime_error {
  OdbcError(const std::string& what, std::string state, int native)
      : std::runtime_error(what), sqlstate(std::move(state)), native_error(native) {}
  std::string sqlstate;
  int native_error = 0;
};

// Diagnostics of a handle: "SQLSTATE [native] text" lines; first native error in `native`.
std::string odbc_diagnostics(SQLSMALLINT type, SQLHANDLE h, int* native = nullptr,
                             std::string* state = nullptr);

class OdbcStatement {
 public:
  explicit OdbcStatement(SQLHDBC dbc);
  ~OdbcStatement();
  OdbcStatement(const OdbcStatement&) = delete;
  OdbcStatement& operator=(const OdbcStatement&) = delete;

  // SQLExecDirect; returns SQL_SUCCESS or SQL_SUCCESS_WITH_INFO (see info()).
  SQLRETURN execute(const std::string& sql);
  // Binds parameters as text with the given SQL types, then executes
  // (FreeTDS sends sp_executesql with typed parameters).
  struct Param {
    SQLSMALLINT c_type;
    SQLSMALLINT sql_type;
    SQLULEN column_size;
    SQLSMALLINT digits;
    std::string data;  // the C value's bytes
  };
  SQLRETURN execute(const std::string& sql, std::vector<Param> params);
  bool fetch();          // false at the end of the result set
  bool more_results();   // SQLMoreResults
  int column_count();
  void cancel() { SQLCancel(h_); }
  void close() { SQLFreeStmt(h_, SQL_CLOSE); }
  std::string info() { return odbc_diagnostics(SQL_HANDLE_STMT, h_); }

  // Values of the current row (NULL -> nullopt). Text and bytes are read in
  // a loop of 4 KB pieces, bounded at `max_bytes`.
  std::optional<std::string> text(int col, std::size_t max_bytes = 64u << 20);
  std::optional<std::string> bytes(int col, std::size_t max_bytes = 64u << 20);
  std::optional<std::int64_t> integer(int col);
  std::optional<double> real(int col);
  std::optional<SQL_DATE_STRUCT> date(int col);
  std::optional<SQL_TIMESTAMP_STRUCT> timestamp(int col);

  SQLHSTMT handle() const { return h_; }

 private:
  std::optional<std::string> pieces(int col, SQLSMALLINT c_type, std::size_t max_bytes);
  void check(SQLRETURN rc, const char* what);
  SQLHSTMT h_ = SQL_NULL_HSTMT;
};

class OdbcConnection {
 public:
  // Connects with SQLDriverConnect; throws OdbcError with the diagnostics.
  explicit OdbcConnection(const std::string& connection_string);
  ~OdbcConnection();
  OdbcConnection(const OdbcConnection&) = delete;
  OdbcConnection& operator=(const OdbcConnection&) = delete;

  OdbcStatement statement() { return OdbcStatement(dbc_); }
  void set_autocommit(bool on);
  void end_transaction(bool commit);
  SQLHDBC handle() const { return dbc_; }

 private:
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
};

// The connection string for the FreeTDS driver and a test server on 127.0.0.1.
std::string freetds_connection_string(int port, const std::string& user,
                                      const std::string& password,
                                      const std::string& database = "cutover",
                                      const std::string& extra = "");

}  // namespace tdstest
