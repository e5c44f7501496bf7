#include "sources/mssql/mssql_source.hpp"

#include <fmt/format.h>

#include "sources/mssql/mssql_catalog.hpp"
#include "sources/mssql/mssql_chunker.hpp"
#include "sources/mssql/mssql_expr.hpp"
#include "sources/mssql/mssql_reader.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {

Result<Catalog> MssqlSource::load_catalog() {
  auto session = Session::open(config_);
  if (!session) return fail(session.error());
  return mssql::load_catalog(*session, config_.database);
}

Result<std::vector<ColumnProfile>> MssqlSource::profile(const Table& table, const ChunkSpec& chunk) {
  (void)table;
  (void)chunk;
  return std::vector<ColumnProfile>{};  // declared types are authoritative
}

TypeDecision MssqlSource::map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                                   const CastRule* cast) const {
  (void)table;
  (void)profile;
  return mssql::map_type(column, cast);
}

std::vector<DerivedColumn> MssqlSource::derived_columns(const Column& column, const TypeDecision& decision,
                                                        const Options& options) const {
  return mssql::derived_columns(column, decision, options);
}

std::optional<std::string> MssqlSource::translate_expression(std::string_view expr) const {
  return mssql::translate_expression(expr);
}

std::optional<std::string> MssqlSource::translate_in_table(std::string_view expr, const Table& table) const {
  return mssql::translate_expression(expr, mssql::column_types(table));
}

Result<std::vector<ChunkSpec>> MssqlSource::plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) {
  auto session = Session::open(config_);
  if (!session) return fail(session.error());
  return mssql::plan_chunks(*session, table, chunk_rows, reason);
}

Result<std::unique_ptr<ChunkReader>> MssqlSource::open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                              const ReadOptions& options) {
  auto session = read_session<Session>(pool_.get(), [&] { return open_session(); }, table.source.name, chunk.index);
  if (!session) return fail(session.error().in_table(table.source.name));
  return mssql::open_reader(std::move(*session), table, chunk, options);
}

Result<int64_t> MssqlSource::count_rows(const TablePlan& table, const ChunkSpec& chunk) {
  auto session = read_session<Session>(pool_.get(), [&] { return open_session(); });
  if (!session) return fail(session.error().in_table(table.source.name));
  auto n = session_of(*session).query_value(
      fmt::format("SELECT COUNT_BIG(*) FROM {}{}", qualified_name(table.source), chunk_where(chunk)));
  if (!n) return fail(n.error().in_table(table.source.name));
  return n->has_value() ? std::stoll(**n) : 0;
}

Status MssqlSource::start_snapshot(int readers, const std::vector<TablePlan>& tables) {
  auto started = mssql::start_snapshot(config_, readers, tables);
  if (!started) return fail(started.error());
  pool_ = std::move(started->pool);
  consistency_ = std::move(started->consistency);
  return {};
}

std::string MssqlSource::consistency() const {
  if (pool_) return pool_->consistency();
  if (!consistency_.empty()) return consistency_;
  return "point-in-time consistent: no — each chunk was read in its own READ COMMITTED statement";
}

}  // namespace cutover::mssql
