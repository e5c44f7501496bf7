#include "sources/postgres/postgres_source.hpp"

#include <fmt/format.h>

#include "sources/postgres/postgres_catalog.hpp"
#include "sources/postgres/postgres_chunker.hpp"
#include "sources/postgres/postgres_reader.hpp"
#include "sources/postgres/postgres_types.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover::postgres {

Result<Catalog> PgSource::load_catalog() {
  return snapshot_.on_coordinator([](pg::Connection& c) { return postgres::load_catalog(c); });
}

TypeDecision PgSource::map_type(const Table& table, const Column& column, const ColumnProfile*,
                                const CastRule* cast) const {
  return postgres::map_type(table, column, cast);
}

Result<std::vector<ChunkSpec>> PgSource::plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) {
  return snapshot_.on_coordinator(
      [&](pg::Connection& c) { return postgres::plan_chunks(c, table, chunk_rows, reason); });
}

Result<pg::Connection> PgSource::open_in_snapshot(const TablePlan& table, int* generation) {
  auto conn = snapshot_.connect();
  if (!conn) return fail(std::move(conn.error().in_table(table.source.qualified())));
  auto joined = snapshot_.join(*conn);
  if (!joined) return fail(std::move(joined.error().in_table(table.source.qualified())));
  *generation = *joined;
  return conn;
}

Result<std::unique_ptr<ChunkReader>> PgSource::open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                           const ReadOptions& options) {
  int generation = 0;
  auto conn = open_in_snapshot(table, &generation);
  if (!conn) return fail(std::move(conn.error()));
  if (generation > 0) snapshot_.note_outside(table.source.qualified(), chunk.index);
  auto reader = PgChunkReader::open(std::make_unique<pg::Connection>(std::move(*conn)), table, chunk, options);
  if (!reader) return fail(std::move(reader.error()));
  return std::unique_ptr<ChunkReader>(std::move(*reader));
}

Result<int64_t> PgSource::count_rows(const TablePlan& table, const ChunkSpec& chunk) {
  int generation = 0;
  auto conn = open_in_snapshot(table, &generation);
  if (!conn) return fail(std::move(conn.error()));
  auto r = conn->query(fmt::format("SELECT count(*) FROM ONLY {}{}",
                                   pg::qualified(table.source.schema, table.source.name), chunk_where(chunk)));
  if (!r) return fail(std::move(r.error()));
  return r->get_int64(0, 0);
}

}  // namespace cutover::postgres
