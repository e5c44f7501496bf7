// The SQL Server Source (sources/source.hpp), bound to one database.
// Planning calls open their own sessions (one connection per worker thread,
// FreeTDS ODBC through unixODBC). After start_snapshot, readers and row
// counts read through the snapshot pool (mssql_snapshot.hpp) when the
// database allows SNAPSHOT isolation; otherwise, and without start_snapshot
// (tests, `plan`), each chunk is read in its own autocommit READ COMMITTED
// statement on a session of its own, which waits up to a minute for a
// server that is unreachable (restarting). consistency() says which.
#pragma once

#include <memory>
#include <string>

#include "sources/mssql/mssql_snapshot.hpp"
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
  std::vector<DerivedColumn> derived_columns(const Column& column, const TypeDecision& decision,
                                             const Options& options) const override;
  std::optional<std::string> translate_expression(std::string_view expr) const override;
  std::optional<std::string> translate_in_table(std::string_view expr, const Table& table) const override;
  Result<std::vector<ChunkSpec>> plan_chunks(const Table& table, int64_t chunk_rows, std::string& reason) override;
  Result<std::unique_ptr<ChunkReader>> open_reader(const TablePlan& table, const ChunkSpec& chunk,
                                                   const ReadOptions& options) override;
  Result<int64_t> count_rows(const TablePlan& table, const ChunkSpec& chunk) override;
  Status start_snapshot(int readers, const std::vector<TablePlan>& tables) override;
  std::string consistency() const override;

 private:
  // A reader's own session (no snapshot pool). The server answered when the
  // catalog was read, so one unreachable now is restarting or failing over:
  // wait for it, as the pool does for its replacements.
  Result<Session> open_session() const {
    return open_with_retries<Session>([this] { return reopen_session(config_); }, SnapshotPool::k_reconnect_wait);
  }

  ConnectionConfig config_;
  std::unique_ptr<SnapshotPool> pool_;
  std::string consistency_;
};

}  // namespace cutover::mssql
