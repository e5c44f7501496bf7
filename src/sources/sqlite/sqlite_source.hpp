// The SQLite Source (sources/source.hpp): a factory bound to one database
// file. Every call opens its own read-only session, so readers run on job
// threads in parallel without sharing handles.
#pragma once

#include <memory>
#include <string>

#include "sources/source.hpp"

namespace cutover::sqlite {

class SqliteSource final : public Source {
 public:
  explicit SqliteSource(std::string path) : path_(std::move(path)) {}

  std::string engine() const override { return "sqlite"; }
  Result<Catalog> load_catalog() override;
  Result<std::vector<ColumnProfile>> profile(const Table& table, const ChunkSpec& chunk) override;
  TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                        const CastRule* cast) const override;
  std::optional<std::string> translate_expression(std::string_view expr) const override;
  Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows,
                                             std::string& reason) override;
  Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                   const ReadOptions& options) override;
  Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) override;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace cutover::sqlite
