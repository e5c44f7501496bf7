// MySQL/MariaDB session: RAII owner of a MYSQL* (MariaDB Connector/C) with
// Open/Query/Execute, the same roles as the session of every other adapter.
//
// Every session is set up the same way, so catalog, profile and readers see
// values alike: results in utf8mb4 (binary strings stay bytes), time_zone
// '+00:00' (TIMESTAMP values read in UTC), sql_mode '' (backslash escapes and
// backtick quoting as this adapter writes SQL), long network timeouts (a
// reader may wait on a slow target while its result is open).
//
// Results are streamed (mysql_use_result): rows come off the socket as the
// caller reads them, never buffered whole. While a Stream is open its
// session can run nothing else.
//
// Not thread safe: one session per thread.
#pragma once

#include <mysql.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "sources/mysql/mysql_url.hpp"

namespace cutover::mysql {

// The current row of a result: values are views into the client's buffer,
// valid until the next fetch.
class Row {
 public:
  Row() = default;
  Row(MYSQL_ROW values, const unsigned long* lengths, unsigned columns)
      : values_(values), lengths_(lengths), columns_(columns) {}
  unsigned columns() const { return columns_; }
  bool is_null(unsigned i) const { return values_[i] == nullptr; }
  std::string_view view(unsigned i) const {
    return values_[i] ? std::string_view(values_[i], lengths_[i]) : std::string_view{};
  }
  std::string text(unsigned i) const { return std::string(view(i)); }  // "" for NULL
  std::optional<std::string> optional(unsigned i) const {
    return is_null(i) ? std::nullopt : std::optional<std::string>(text(i));
  }
  int64_t int64(unsigned i) const;  // 0 for NULL or non-numbers

 private:
  MYSQL_ROW values_ = nullptr;
  const unsigned long* lengths_ = nullptr;
  unsigned columns_ = 0;
};

// An open unbuffered result. Destroying it before the end reads and drops
// the remaining rows (the protocol requires it before the next statement).
class Stream {
 public:
  Stream(MYSQL* conn, MYSQL_RES* res) : conn_(conn), res_(res) {}
  Stream(Stream&& o) noexcept : conn_(o.conn_), res_(std::exchange(o.res_, nullptr)) {}
  Stream& operator=(Stream&&) = delete;
  ~Stream();

  // true with a row in row(), false at the end; an error when the
  // connection broke mid-result.
  Result<bool> next();
  const Row& row() const { return row_; }
  unsigned columns() const;

 private:
  MYSQL* conn_;
  MYSQL_RES* res_;
  Row row_;
};

class Session {
 public:
  static Result<Session> open(const ConnectionConfig& config);

  Session(Session&&) noexcept = default;
  Session& operator=(Session&&) noexcept = default;

  MYSQL* handle() const { return conn_.get(); }
  const std::string& server_version() const { return version_; }
  bool is_mariadb() const { return mariadb_; }

  Status execute(std::string_view sql);
  Result<Stream> stream(std::string_view sql);
  // Calls `row` for each row; return false to stop early (the rest is drained).
  Status query(std::string_view sql, const std::function<bool(const Row&)>& row);
  // First column of the first row; nullopt for NULL or no row.
  Result<std::optional<std::string>> query_value(std::string_view sql);

  // One round trip (mysql_ping, never reconnecting): false when the
  // connection is gone (killed, server restarted).
  bool alive() const;

  // The server's last error as an Error (kind, code, SQLSTATE, flags).
  Error last_error(std::string_view what) const;

 private:
  struct Closer {
    void operator()(MYSQL* m) const { mysql_close(m); }
  };
  explicit Session(MYSQL* m) : conn_(m) {}
  std::unique_ptr<MYSQL, Closer> conn_;
  std::string version_;
  bool mariadb_ = false;
};

// True for error codes that mean the connection is gone: lost, killed
// (KILL <id>), or closed by a server shutting down.
bool connection_lost(unsigned code);

// Error from a connection's last failure (also used by Stream).
Error mysql_error_of(MYSQL* conn, std::string_view what);

// Catalog SQL embedded from src/sources/mysql/sql/*.sql ("name" without .sql).
std::string_view catalog_sql(std::string_view name);

// `name` quoted with backticks (embedded backticks doubled).
std::string quote_identifier(std::string_view name);
// A string literal for SQL text sent by this adapter's sessions (sql_mode
// '' so backslash escapes apply): 'it\'s'.
std::string quote_string(std::string_view value);

}  // namespace cutover::mysql
