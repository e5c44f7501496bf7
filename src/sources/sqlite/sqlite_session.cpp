#include "sources/sqlite/sqlite_session.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "core/embedded_sql.hpp"

namespace cutover::sqlite {
namespace {

constexpr int k_busy_timeout_ms = 10'000;

Error sqlite_error(ErrorKind kind, std::string message, int code) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  e.native_code = code;
  e.context.engine = "sqlite";
  e.retryable = code == SQLITE_BUSY || code == SQLITE_LOCKED;
  return e;
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Result<sqlite3*> open_handle(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    Error e = sqlite_error(ErrorKind::config,
                           fmt::format("cannot open SQLite file '{}': {}", path, msg), rc);
    return fail(e.with_hint("check the path and that the file is readable"));
  }
  sqlite3_busy_timeout(db, k_busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

}  // namespace

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  return fail(sqlite_error(ErrorKind::query,
                           fmt::format("SQLite statement failed: {} (in: {})", sqlite3_errmsg(db),
                                       sqlite3_sql(stmt_)),
                           rc));
}

Status Statement::bind_int64(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc == SQLITE_OK) return {};
  return fail(sqlite_error(ErrorKind::internal,
                           fmt::format("cannot bind parameter {}: {}", index, sqlite3_errstr(rc)),
                           rc));
}

Status Statement::bind_text(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc == SQLITE_OK) return {};
  return fail(sqlite_error(ErrorKind::internal,
                           fmt::format("cannot bind parameter {}: {}", index, sqlite3_errstr(rc)),
                           rc));
}

Status Statement::reset() {
  int rc = sqlite3_reset(stmt_);
  if (rc == SQLITE_OK) return {};
  return fail(sqlite_error(ErrorKind::query,
                           fmt::format("cannot reset statement: {}", sqlite3_errstr(rc)), rc));
}

std::string Statement::column_text(int i) const {
  const auto* p = sqlite3_column_text(stmt_, i);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, i))};
}

Result<Session> Session::open_read_only(const std::string& path) {
  if (!is_regular_file(path)) {
    Error e = sqlite_error(ErrorKind::config,
                           fmt::format("SQLite file '{}' does not exist or is not a file", path),
                           SQLITE_CANTOPEN);
    return fail(e.with_hint("give the path of an existing SQLite database file"));
  }
  auto db = open_handle(path, SQLITE_OPEN_READONLY);
  if (!db) return fail(db.error());
  Session s(*db, path);
  // A modest page cache and no memory map: readers scan each page once, and
  // a mapped file would count in the process's resident memory, which must
  // stay flat whatever the file size (DESIGN.md §1).
  if (auto st = s.execute("PRAGMA cache_size = -4096; PRAGMA mmap_size = 0;"); !st)
    return fail(s.last_error(fmt::format("cannot read SQLite file '{}'", path)));
  return s;
}

Result<Session> Session::open_read_write(const std::string& path) {
  auto db = open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) return fail(db.error());
  return Session(*db, path);
}

Result<Statement> Session::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    Error e = last_error("cannot prepare statement");
    e.message += fmt::format(" (in: {})", sql);
    return fail(e);
  }
  return Statement(stmt);
}

Status Session::execute(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return {};
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return fail(sqlite_error(ErrorKind::query, fmt::format("SQLite: {} (in: {})", msg, sql), rc));
}

Status Session::query(std::string_view sql, const std::function<bool(Statement&)>& row) {
  auto stmt = prepare(sql);
  if (!stmt) return fail(stmt.error());
  for (;;) {
    auto has = stmt->step();
    if (!has) return fail(has.error());
    if (!*has || !row(*stmt)) return {};
  }
}

Result<int64_t> Session::query_int64(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return fail(stmt.error());
  auto has = stmt->step();
  if (!has) return fail(has.error());
  if (!*has)
    return fail(sqlite_error(ErrorKind::internal, fmt::format("query returned no row: {}", sql),
                             SQLITE_DONE));
  return stmt->column_int64(0);
}

Error Session::last_error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_.get());
  Error e = sqlite_error(ErrorKind::query,
                         fmt::format("{}: {}", what, sqlite3_errmsg(db_.get())), code);
  if ((code & 0xff) == SQLITE_NOTADB) {
    e.kind = ErrorKind::config;
    e.hint = fmt::format("'{}' is not a SQLite database file", path_);
  }
  return e;
}

std::string_view catalog_sql(std::string_view name) {
  return sql_file(fmt::format("sources/sqlite/sql/{}.sql", name));
}

}  // namespace cutover::sqlite
