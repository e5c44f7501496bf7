#include "odbc_client.hpp"

#include <fmt/format.h>

namespace tdstest {

std::string odbc_diagnostics(SQLSMALLINT type, SQLHANDLE h, int* native, std::string* state) {
  std::string out;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR st[6] = {0};
    SQLINTEGER nat = 0;
    SQLCHAR msg[1024];
    SQLSMALLINT len = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, i, st, &nat, msg, sizeof msg, &len))) break;
    if (i == 1 && native != nullptr) *native = static_cast<int>(nat);
    if (i == 1 && state != nullptr) *state = reinterpret_cast<char*>(st);
    out += fmt::format("{} [{}] {}\n", reinterpret_cast<char*>(st), nat,
                       reinterpret_cast<char*>(msg));
  }
  return out;
}

namespace {

[[noreturn]] void throw_diag(SQLSMALLINT type, SQLHANDLE h, const char* what) {
  int native = 0;
  std::string state;
  std::string d = odbc_diagnostics(type, h, &native, &state);
  throw OdbcError(fmt::format("{} failed: {}", what, d), state, native);
}

}  // namespace

OdbcStatement::OdbcStatement(SQLHDBC dbc) {
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &h_))) {
    throw_diag(SQL_HANDLE_DBC, dbc, "SQLAllocHandle(STMT)");
  }
}

OdbcStatement::~OdbcStatement() {
  if (h_ != SQL_NULL_HSTMT) SQLFreeHandle(SQL_HANDLE_STMT, h_);
}

void OdbcStatement::check(SQLRETURN rc, const char* what) {
  if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA) throw_diag(SQL_HANDLE_STMT, h_, what);
}

SQLRETURN OdbcStatement::execute(const std::string& sql) {
  SQLRETURN rc = SQLExecDirect(h_, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                               SQL_NTS);
  check(rc, "SQLExecDirect");
  return rc;
}

SQLRETURN OdbcStatement::execute(const std::string& sql, std::vector<Param> params) {
  std::vector<SQLLEN> lengths(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    Param& p = params[i];
    lengths[i] = static_cast<SQLLEN>(p.data.size());
    check(SQLBindParameter(h_, static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, p.c_type,
                           p.sql_type, p.column_size, p.digits, p.data.data(),
                           static_cast<SQLLEN>(p.data.size()), &lengths[i]),
          "SQLBindParameter");
  }
  SQLRETURN rc = execute(sql);
  SQLFreeStmt(h_, SQL_RESET_PARAMS);
  return rc;
}

bool OdbcStatement::fetch() {
  SQLRETURN rc = SQLFetch(h_);
  check(rc, "SQLFetch");
  return rc != SQL_NO_DATA;
}

bool OdbcStatement::more_results() {
  SQLRETURN rc = SQLMoreResults(h_);
  check(rc, "SQLMoreResults");
  return rc != SQL_NO_DATA;
}

int OdbcStatement::column_count() {
  SQLSMALLINT n = 0;
  check(SQLNumResultCols(h_, &n), "SQLNumResultCols");
  return n;
}

std::optional<std::string> OdbcStatement::pieces(int col, SQLSMALLINT c_type,
                                                 std::size_t max_bytes) {
  std::string out;
  char buf[4096];
  const std::size_t terminator = c_type == SQL_C_CHAR ? 1 : 0;
  for (std::size_t round = 0;; ++round) {
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(h_, static_cast<SQLUSMALLINT>(col), c_type, buf, sizeof buf, &ind);
    if (rc == SQL_NO_DATA) return out;
    check(rc, "SQLGetData");
    if (ind == SQL_NULL_DATA) return std::nullopt;
    std::size_t got = ind == SQL_NO_TOTAL || static_cast<std::size_t>(ind) >= sizeof buf - terminator
                          ? sizeof buf - terminator
                          : static_cast<std::size_t>(ind);
    out.append(buf, got);
    if (rc == SQL_SUCCESS) return out;
    if (out.size() > max_bytes || round > max_bytes / 1024 + 16) {
      throw OdbcError(fmt::format("column {}: value larger than {} bytes", col, max_bytes), "", 0);
    }
  }
}

std::optional<std::string> OdbcStatement::text(int col, std::size_t max_bytes) {
  return pieces(col, SQL_C_CHAR, max_bytes);
}

std::optional<std::string> OdbcStatement::bytes(int col, std::size_t max_bytes) {
  return pieces(col, SQL_C_BINARY, max_bytes);
}

namespace {

template <class T>
std::optional<T> fixed(SQLHSTMT h, int col, SQLSMALLINT c_type) {
  T v{};
  SQLLEN ind = 0;
  SQLRETURN rc = SQLGetData(h, static_cast<SQLUSMALLINT>(col), c_type, &v, sizeof v, &ind);
  if (!SQL_SUCCEEDED(rc)) throw_diag(SQL_HANDLE_STMT, h, "SQLGetData");
  if (ind == SQL_NULL_DATA) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::int64_t> OdbcStatement::integer(int col) {
  return fixed<std::int64_t>(h_, col, SQL_C_SBIGINT);
}
std::optional<double> OdbcStatement::real(int col) { return fixed<double>(h_, col, SQL_C_DOUBLE); }
std::optional<SQL_DATE_STRUCT> OdbcStatement::date(int col) {
  return fixed<SQL_DATE_STRUCT>(h_, col, SQL_C_TYPE_DATE);
}
std::optional<SQL_TIMESTAMP_STRUCT> OdbcStatement::timestamp(int col) {
  return fixed<SQL_TIMESTAMP_STRUCT>(h_, col, SQL_C_TYPE_TIMESTAMP);
}

OdbcConnection::OdbcConnection(const std::string& cs) {
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
  SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0);
  SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
  SQLSetConnectAttr(dbc_, SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(10), 0);
  SQLRETURN rc = SQLDriverConnect(dbc_, nullptr,
                                  reinterpret_cast<SQLCHAR*>(const_cast<char*>(cs.c_str())),
                                  SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    int native = 0;
    std::string state;
    std::string d = odbc_diagnostics(SQL_HANDLE_DBC, dbc_, &native, &state);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
    throw OdbcError("SQLDriverConnect failed: " + d, state, native);
  }
}

OdbcConnection::~OdbcConnection() {
  SQLDisconnect(dbc_);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

void OdbcConnection::set_autocommit(bool on) {
  SQLRETURN rc = SQLSetConnectAttr(
      dbc_, SQL_ATTR_AUTOCOMMIT,
      reinterpret_cast<SQLPOINTER>(static_cast<std::uintptr_t>(on ? SQL_AUTOCOMMIT_ON
                                                                  : SQL_AUTOCOMMIT_OFF)),
      0);
  if (!SQL_SUCCEEDED(rc)) throw_diag(SQL_HANDLE_DBC, dbc_, "SQLSetConnectAttr(AUTOCOMMIT)");
}

void OdbcConnection::end_transaction(bool commit) {
  SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc_, commit ? SQL_COMMIT : SQL_ROLLBACK);
  if (!SQL_SUCCEEDED(rc)) throw_diag(SQL_HANDLE_DBC, dbc_, "SQLEndTran");
}

std::string freetds_connection_string(int port, const std::string& user,
                                      const std::string& password, const std::string& database,
                                      const std::string& extra) {
  return fmt::format(
      "Driver={};Server=127.0.0.1;Port={};UID={};PWD={};Database={};TDS_Version=7.4;"
      "ClientCharset=UTF-8;{}",
      TDS_ODBC_DRIVER, port, user, password, database, extra);
}

}  // namespace tdstest
