// The PostgreSQL source: native schema (postgres_catalog), values relayed as
// COPY sends them (postgres_reader), chunks by integer key or ctid ranges
// (postgres_chunker). Every read runs in ONE snapshot: a coordinator
// connection opened with the catalog load exports it (pg_export_snapshot)
// and stays open, in its REPEATABLE READ READ ONLY transaction, until the
// source is destroyed; readers adopt it with SET TRANSACTION SNAPSHOT. No
// superuser or replication privilege is needed.
//
// Thread safety: open_reader and count_rows may run concurrently (each
// opens its own connection); the coordinator is guarded by a mutex.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sources/source.hpp"
#include "targets/postgres/pg_session.hpp"

namespace cutover::postgres {

class PgSource final : public Source {
 public:
  explicit PgSource(std::string conninfo) : conninfo_(std::move(conninfo)) {}

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

  // The exported snapshot every reader uses ("" before load_catalog).
  std::string snapshot();

 private:
  // Opens the coordinator and exports the snapshot, once. REQUIRES mu_.
  Status ensure_coordinator();

  std::string conninfo_;
  std::mutex mu_;
  std::unique_ptr<pg::Connection> coordinator_;  // guarded by mu_
  std::string snapshot_;                         // guarded by mu_
};

}  // namespace cutover::postgres
