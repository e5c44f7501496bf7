// The SQL Server Source (sources/source.hpp), bound to one database. Every
// call that reads opens its own session (one connection per worker thread,
// FreeTDS ODBC through unixODBC). No snapshot yet: each chunk is read in
// its own autocommit statement (READ COMMITTED), and consistency() says so.
#pragma once

#include <memory>
#include <string>

#include "sources/mssql/mssql_url.hpp"
#include "sources/source.hpp"

namespace cutover::mssql {

class MssqlSource final : public Source {
 public:
  explicit MssqlSource(ConnectionConfig config) : config_(std::move(config)) {}

  std::string engine() const override { return "mssql"; }
  Result<Catalog> load_catalog() override;
  Result<std::vector<ColumnProfile>> profile(const Table& table, const ChunkSpec& chunk) override;
  TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                        const CastRule* cast) const override;
  std::optional<std::string> translate_expression(std::string_view expr) const override;
  Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) override;
  Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                   const ReadOptions& options) override;
  Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) override;
  std::string consistency() const override;

 private:
  ConnectionConfig config_;
};

}  // namespace cutover::mssql
