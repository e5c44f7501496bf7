#include "sources/postgres/postgres_source.hpp"

#include <fmt/format.h>

#include "sources/postgres/postgres_catalog.hpp"
#include "sources/postgres/postgres_chunker.hpp"
#include "sources/postgres/postgres_reader.hpp"
#include "sources/postgres/postgres_session.hpp"
#include "sources/postgres/postgres_types.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover::postgres {

Status PgSource::ensure_coordinator() {
  if (coordinator_) return {};
  auto conn = connect_source(conninfo_);
  if (!conn) return fail(std::move(conn.error()));
  auto owned = std::make_unique<pg::Connection>(std::move(*conn));
  if (auto st = begin_snapshot(*owned, ""); !st) return st;
  auto snap = owned->query("SELECT pg_catalog.pg_export_snapshot()");
  if (!snap) return fail(std::move(snap.error()));
  snapshot_ = std::string(snap->get(0, 0));
  coordinator_ = std::move(owned);
  return {};
}

std::string PgSource::snapshot() {
  std::lock_guard lock(mu_);
  return snapshot_;
}

Result<Catalog> PgSource::load_catalog() {
  std::lock_guard lock(mu_);
  if (auto st = ensure_coordinator(); !st) return fail(std::move(st.error()));
  return postgres::load_catalog(*coordinator_);
}

TypeDecision PgSource::map_type(const Table& table, const Column& column, const ColumnProfile*,
                                const CastRule* cast) const {
  return postgres::map_type(table, column, cast);
}

Result<std::vector<ChunkSpec>> PgSource::plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) {
  std::lock_guard lock(mu_);
  if (auto st = ensure_coordinator(); !st) return fail(std::move(st.error()));
  return postgres::plan_chunks(*coordinator_, table, chunk_rows, reason);
}

Result<std::unique_ptr<ChunkReader>> PgSource::open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                           const ReadOptions& options) {
  auto reader = PgChunkReader::open(conninfo_, snapshot(), table, chunk, options);
  if (!reader) return fail(std::move(reader.error()));
  return std::unique_ptr<ChunkReader>(std::move(*reader));
}

Result<int64_t> PgSource::count_rows(const TablePlan& table, const ChunkSpec& chunk) {
  auto conn = connect_source(conninfo_);
  if (!conn) return fail(std::move(conn.error()));
  if (auto st = begin_snapshot(*conn, snapshot()); !st) return fail(std::move(st.error()));
  auto r = conn->query(fmt::format("SELECT count(*) FROM ONLY {}{}",
                                   pg::qualified(table.source.schema, table.source.name), chunk_where(chunk)));
  if (!r) return fail(std::move(r.error()));
  return r->get_int64(0, 0);
}

}  // namespace cutover::postgres
