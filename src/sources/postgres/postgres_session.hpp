// PostgreSQL source session: the target's libpq wrapper (pg::Connection)
// opened with settings that make deparsed SQL and COPY output portable
// (search_path '' so every name is schema-qualified, ISO dates, UTC), plus
// the two things only a source needs: exported snapshots and a pull-style
// COPY TO STDOUT.
//
// Not thread safe: one Connection (and one CopyOut) per thread.
#pragma once

#include <string>

#include "core/error.hpp"
#include "targets/postgres/pg_session.hpp"

namespace cutover::postgres {

// Connects with a libpq URI or keyword string (PG* variables and .pgpass
// apply as in psql) and applies the source session settings.
Result<pg::Connection> connect_source(const std::string& conninfo);

// BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY, adopting `snapshot`
// (from pg_export_snapshot) when it is not empty.
Status begin_snapshot(pg::Connection& conn, const std::string& snapshot);

// COPY ... TO STDOUT, one CopyData message at a time.
class CopyOut {
 public:
  explicit CopyOut(pg::Connection& conn) : conn_(conn) {}
  ~CopyOut();
  CopyOut(const CopyOut&) = delete;
  CopyOut& operator=(const CopyOut&) = delete;

  Status start(const std::string& copy_sql);
  // The next message (valid until the next call), or false at the end of
  // the COPY, once the server confirmed it succeeded.
  Result<bool> next(std::string_view& message);

 private:
  int get(char** buffer);

  pg::Connection& conn_;
  char* buffer_ = nullptr;
  bool active_ = false;
};

}  // namespace cutover::postgres
