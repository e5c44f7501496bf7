// SQLite session: RAII owner of a sqlite3* plus Open/Query/Execute, the same
// roles as the session class of every other engine adapter.
//
// Not thread safe: one session per thread. Readers open their own
// read-only sessions on the same file.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace cutover::sqlite {

// RAII prepared statement.
class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  sqlite3_stmt* get() const { return stmt_; }
  // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> Error.
  Result<bool> step();
  Status bind_int64(int index, int64_t value);  // 1-based like sqlite3_bind_*
  Status bind_text(int index, std::string_view value);
  Status reset();

  // Column accessors (0-based).
  int64_t column_int64(int i) const { return sqlite3_column_int64(stmt_, i); }
  std::string column_text(int i) const;  // "" for NULL
  bool column_is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Session {
 public:
  // Opens `path` read-only (SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX),
  // with a busy timeout. A missing file is a config error naming the path.
  static Result<Session> open_read_only(const std::string& path);
  // Opens read-write, creating the file (tests and fixtures only).
  static Result<Session> open_read_write(const std::string& path);

  Session(Session&&) noexcept = default;
  Session& operator=(Session&&) noexcept = default;
  ~Session() = default;

  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

  Result<Statement> prepare(std::string_view sql);
  Status execute(std::string_view sql);  // one or more statements, no results
  // Runs `sql` and calls `row` for each result row; stop early by returning false.
  Status query(std::string_view sql, const std::function<bool(Statement&)>& row);
  // First column of the first row as int64 (nullopt-free: error if no row).
  Result<int64_t> query_int64(std::string_view sql);

  // Error from the handle's last failure, with engine context and code.
  Error last_error(std::string_view what) const;

 private:
  struct Closer { void operator()(sqlite3* db) const { sqlite3_close_v2(db); } };
  Session(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

// Catalog SQL embedded from src/sources/sqlite/sql/*.sql ("name" without .sql).
std::string_view catalog_sql(std::string_view name);

}  // namespace cutover::sqlite
