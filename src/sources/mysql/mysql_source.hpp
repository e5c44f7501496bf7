// The MySQL/MariaDB Source (sources/source.hpp), bound to one database.
// Planning calls open their own sessions; after start_snapshot the readers
// and row counts read through the snapshot pool (mysql_snapshot.hpp), so
// every chunk sees the same point in time. Without start_snapshot (tests,
// `plan`), each reader opens its own session.
#pragma once

#include <memory>
#include <string>

#include "sources/mysql/mysql_snapshot.hpp"
#include "sources/mysql/mysql_url.hpp"
#include "sources/source.hpp"

namespace cutover::mysql {

class MysqlSource final : public Source {
 public:
  explicit MysqlSource(ConnectionConfig config) : config_(std::move(config)) {}

  std::string engine() const override { return "mysql"; }
  Result<Catalog> load_catalog() override;
  Result<std::vector<ColumnProfile>> profile(const Table& table, const ChunkSpec& chunk) override;
  TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                        const CastRule* cast) const override;
  std::optional<std::string> translate_expression(std::string_view expr) const override;
  Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) override;
  Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                   const ReadOptions& options) override;
  Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) override;
  Status start_snapshot(int readers, const std::vector<TablePlan>& tables) override;
  std::string consistency() const override;

 private:
  ConnectionConfig config_;
  std::unique_ptr<SnapshotPool> pool_;
};

}  // namespace cutover::mysql
