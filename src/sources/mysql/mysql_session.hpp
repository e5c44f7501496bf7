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

// A value the binary protocol sent as a number or a date (the text
// protocol's values are all text).
struct Native {
  enum class Tag : uint8_t { int_signed, int_unsigned, floating, date, datetime, time } tag;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  const MYSQL_TIME* time = nullptr;
};

// An open unbuffered result, read row by row.
class RowStream {
 public:
  virtual ~RowStream() = default;
  // true with a row, false at the end; an error when the connection broke
  // mid-result.
  virtual Result<bool> next() = 0;
  // Column i of the current row.
  virtual bool is_null(unsigned i) const = 0;
  virtual std::string_view text(unsigned i) = 0;                   // as the text protocol writes it
  virtual std::optional<Native> native(unsigned) const { return std::nullopt; }  // none: only text()
};

// A result of the text protocol. Destroying it before the end reads and
// drops the remaining rows (the protocol requires it before the next statement).
class Stream final : public RowStream {
 public:
  Stream(MYSQL* conn, MYSQL_RES* res) : conn_(conn), res_(res) {}
  Stream(Stream&& o) noexcept : conn_(o.conn_), res_(std::exchange(o.res_, nullptr)) {}
  Stream& operator=(Stream&&) = delete;
  ~Stream() override;

  Result<bool> next() override;
  const Row& row() const { return row_; }
  bool is_null(unsigned i) const override { return row_.is_null(i); }
  std::string_view text(unsigned i) override { return row_.view(i); }
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
  // The rows of `sql` by the binary protocol (a server-side prepared
  // statement: the server sends numbers and dates without formatting
  // them, its largest cost on big reads), presented as the text protocol's
  // values (mysql_binary_stream.hpp); the text protocol when the server
  // cannot prepare the statement.
  Result<std::unique_ptr<RowStream>> binary_stream(std::string_view sql);
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
// Error from a prepared statement's last failure.
Error mysql_error_of(MYSQL_STMT* stmt, std::string_view what);
// A failure that left no error code anywhere: the connection is gone
// (retryable, poisons the connection).
Error lost_connection_error(std::string_view what);

// Catalog SQL embedded from src/sources/mysql/sql/*.sql ("name" without .sql).
std::string_view catalog_sql(std::string_view name);

// `name` quoted with backticks (embedded backticks doubled).
std::string quote_identifier(std::string_view name);
// A string literal for SQL text sent by this adapter's sessions (sql_mode
// '' so backslash escapes apply): 'it\'s'.
std::string quote_string(std::string_view value);

}  // namespace cutover::mysql
