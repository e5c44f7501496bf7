// SQLite side of the harness: SqlValue and SqliteFile (harness.hpp).
#include <stdexcept>

#include <fmt/format.h>

#include "harness.hpp"

namespace cutover::it {

namespace {

void check_sqlite(int rc, sqlite3* db, const std::string& what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(fmt::format("sqlite: {}: {}", what, sqlite3_errmsg(db)));
}

SqlValue column_value(sqlite3_stmt* st, int i) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return SqlValue::integer(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT: return SqlValue::real(sqlite3_column_double(st, i));
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      return SqlValue::text(
          std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
    }
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_column_blob(st, i));
      return SqlValue::blob(
          std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
    }
    default: return SqlValue::null();
  }
}

void bind_value(sqlite3_stmt* st, int i, const SqlValue& v) {
  switch (v.type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(st, i, v.i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(st, i, v.f); break;
    case SQLITE_TEXT:
      sqlite3_bind_text(st, i, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT);
      break;
    case SQLITE_BLOB:
      sqlite3_bind_blob(st, i, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT);
      break;
    default: sqlite3_bind_null(st, i);
  }
}

// The admin URL's database (scripts/test.sh creates it); the maintenance
// database "postgres" when that one does not exist (a bare server).

}  // namespace

std::string SqlValue::describe() const {
  switch (type) {
    case SQLITE_INTEGER: return fmt::format("integer {}", i);
    case SQLITE_FLOAT: return fmt::format("real {}", f);
    case SQLITE_TEXT: return fmt::format("text ({} bytes) '{}'", bytes.size(), bytes.substr(0, 60));
    case SQLITE_BLOB: return fmt::format("blob ({} bytes)", bytes.size());
    default: return "NULL";
  }
}

SqliteFile::SqliteFile(const std::string& path) : path_(path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  db_.reset(db);
  check_sqlite(rc, db, "open " + path);
}

void SqliteFile::exec(const std::string& sql) {
  char* msg = nullptr;
  int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &msg);
  std::string text = msg ? msg : "";
  sqlite3_free(msg);
  if (rc != SQLITE_OK)
    throw std::runtime_error(fmt::format("sqlite exec failed: {}\n{}", text, sql));
}

void SqliteFile::insert(const std::string& table, const std::vector<SqlValue>& row) {
  std::string sql = "INSERT INTO \"" + table + "\" VALUES (";
  for (size_t i = 0; i < row.size(); ++i) sql += i ? ", ?" : "?";
  sql += ")";
  sqlite3_stmt* st = nullptr;
  check_sqlite(sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &st, nullptr), db_.get(), sql);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
  for (size_t i = 0; i < row.size(); ++i) bind_value(st, static_cast<int>(i + 1), row[i]);
  check_sqlite(sqlite3_step(st), db_.get(), sql);
}

std::vector<std::vector<SqlValue>> SqliteFile::rows(const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  check_sqlite(sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &st, nullptr), db_.get(), sql);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
  std::vector<std::vector<SqlValue>> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<SqlValue> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) row.push_back(column_value(st, i));
    out.push_back(std::move(row));
  }
  check_sqlite(rc, db_.get(), sql);
  return out;
}

}  // namespace cutover::it
