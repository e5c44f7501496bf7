// The PostgreSQL source: native schema (postgres_catalog), values relayed as
// COPY sends them (postgres_reader), chunks by integer key or ctid ranges
// (postgres_chunker). Every read runs in the run's one exported snapshot
// (postgres_snapshot: SharedSnapshot, which also says what happens when it
// is lost).
//
// Thread safety: open_reader and count_rows may run concurrently (each
// opens its own connection); the coordinator is used under a mutex.
#pragma once

#include <string>

#include "sources/postgres/postgres_snapshot.hpp"
#include "sources/source.hpp"

namespace cutover::postgres {

class PgSource final : public Source {
 public:
  explicit PgSource(std::string conninfo) : snapshot_(std::move(conninfo)) {}

  std::string engine() const override { return "postgresql"; }
  Result<Catalog> load_catalog() override;
  Result<std::vector<ColumnProfile>> profile(const Table&, const ChunkSpec&) override { return {}; }
  TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                        const CastRule* cast) const override;
  // Definitions are already PostgreSQL: returned as they are.
  std::optional<std::string> translate_expression(std::string_view expr) const override {
    return std::string(expr);
  }
  Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) override;
  Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                   const ReadOptions& options) override;
  Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) override;

  std::string consistency() const override { return snapshot_.consistency(); }

 private:
  // A connection in the run's snapshot.
  Result<pg::Connection> open_in_snapshot(const TablePlan& table, int* generation);

  SharedSnapshot snapshot_;
};

}  // namespace cutover::postgres
