#include "sources/sqlite/sqlite_source.hpp"

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_chunker.hpp"
#include "sources/sqlite/sqlite_expr.hpp"
#include "sources/sqlite/sqlite_profile.hpp"
#include "sources/sqlite/sqlite_reader.hpp"
#include "sources/sqlite/sqlite_session.hpp"
#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite {

Result<Catalog> SqliteSource::load_catalog() {
  auto session = Session::open_read_only(path_);
  if (!session) return fail(session.error());
  return sqlite::load_catalog(*session);
}

Result<std::vector<ColumnProfile>> SqliteSource::profile(const Table& table, const ChunkSpec& chunk) {
  auto session = Session::open_read_only(path_);
  if (!session) return fail(session.error());
  return profile_table(*session, table, chunk);
}

TypeDecision SqliteSource::map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                                    const CastRule* cast) const {
  return sqlite::map_type(table, column, profile, cast);
}

std::optional<std::string> SqliteSource::translate_expression(std::string_view expr) const {
  return sqlite::translate_expression(expr);
}

Result<std::vector<ChunkSpec>> SqliteSource::plan_chunks(const Table& table, int64_t chunk_rows,
                                                         std::string& reason) {
  auto session = Session::open_read_only(path_);
  if (!session) return fail(session.error());
  return sqlite::plan_chunks(*session, table, chunk_rows, reason);
}

Result<std::unique_ptr<ChunkReader>> SqliteSource::open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                               const ReadOptions& options) {
  return sqlite::open_reader(path_, table, chunk, options);
}

Result<int64_t> SqliteSource::count_rows(const TablePlan& table, const ChunkSpec& chunk) {
  return count_chunk_rows(path_, table, chunk);
}

}  // namespace cutover::sqlite
