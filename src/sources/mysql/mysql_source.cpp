#include "sources/mysql/mysql_source.hpp"

#include <fmt/format.h>

#include "sources/mysql/mysql_catalog.hpp"
#include "sources/mysql/mysql_chunker.hpp"
#include "sources/mysql/mysql_expr.hpp"
#include "sources/mysql/mysql_profile.hpp"
#include "sources/mysql/mysql_reader.hpp"
#include "sources/mysql/mysql_types.hpp"

namespace cutover::mysql {

Result<Catalog> MysqlSource::load_catalog() {
  auto session = Session::open(config_);
  if (!session) return fail(session.error());
  return mysql::load_catalog(*session, config_.database);
}

Result<std::vector<ColumnProfile>> MysqlSource::profile(const Table& table, const ChunkSpec& chunk) {
  if (!needs_profile(table)) return std::vector<ColumnProfile>{};
  auto session = Session::open(config_);
  if (!session) return fail(session.error());
  return profile_table(*session, table, chunk);
}

TypeDecision MysqlSource::map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                                   const CastRule* cast) const {
  (void)table;
  return mysql::map_type(column, profile, cast);
}

std::optional<std::string> MysqlSource::translate_expression(std::string_view expr) const {
  return mysql::translate_expression(expr);
}

Result<std::vector<ChunkSpec>> MysqlSource::plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) {
  auto session = Session::open(config_);
  if (!session) return fail(session.error());
  return mysql::plan_chunks(*session, table, chunk_rows, reason);
}

Result<std::unique_ptr<ChunkReader>> MysqlSource::open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                              const ReadOptions& options) {
  auto session = read_session<Session>(pool_.get(), [&] { return Session::open(config_); }, table.source.name,
                                       chunk.index);
  if (!session) return fail(session.error().in_table(table.source.name));
  return mysql::open_reader(std::move(*session), table, chunk, options);
}

Result<int64_t> MysqlSource::count_rows(const TablePlan& table, const ChunkSpec& chunk) {
  auto session = read_session<Session>(pool_.get(), [&] { return Session::open(config_); });
  if (!session) return fail(session.error().in_table(table.source.name));
  auto n = session_of(*session).query_value(fmt::format("SELECT COUNT(*) FROM {}{}", quote_identifier(table.source.name), chunk_where(chunk)));
  if (!n) return fail(n.error().in_table(table.source.name));
  return n->has_value() ? std::stoll(**n) : 0;
}

Status MysqlSource::start_snapshot(int readers, const std::vector<TablePlan>& tables) {
  (void)tables;
  auto pool = open_snapshot_pool(config_, readers);
  if (!pool) return fail(pool.error());
  pool_ = std::move(*pool);
  return {};
}

std::string MysqlSource::consistency() const {
  if (pool_) return pool_->consistency();
  return "point-in-time consistent: no — each chunk was read in its own transaction";
}

}  // namespace cutover::mysql
