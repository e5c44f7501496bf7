// Reads one chunk of a PostgreSQL table with COPY (SELECT ...) TO STDOUT in
// the run's exported snapshot. Values are not decoded: each cell is the
// field as COPY sent it (ValueKind::bytes; binary payload, or escaped COPY
// text for text-relay tables), which the PostgreSQL writer sends on as is
// (Decode::pg_binary / pg_text). Checksums hash these bytes.
//
// Not thread safe: one reader per chunk, on the chunk's reader thread.
#pragma once

#include <memory>
#include <string>

#include "sources/postgres/postgres_session.hpp"
#include "sources/source.hpp"
#include "targets/postgres/pg_copy_fields.hpp"

namespace cutover::postgres {

using pg::CopyFieldParser;

// COPY (SELECT copied columns FROM ONLY table [WHERE chunk]) TO STDOUT ...
std::string copy_out_sql(const TablePlan& table, const ChunkSpec& chunk);

class PgChunkReader final : public ChunkReader {
 public:
  // Starts the COPY on `conn`, a connection already in the transaction
  // (and snapshot) to read in; the reader commits it at the end.
  static Result<std::unique_ptr<PgChunkReader>> open(std::unique_ptr<pg::Connection> conn, const TablePlan& table,
                                                     const ChunkSpec& chunk, const ReadOptions& options);
  Result<bool> next(RowBatch& batch) override;
  std::vector<RejectedRow> take_rejects() override { return {}; }
  const RuleCounts& rule_counts() const override { return rules_; }

 private:
  PgChunkReader(std::unique_ptr<pg::Connection> conn, size_t columns, bool text, const ReadOptions& options)
      : conn_(std::move(conn)), copy_(*conn_), parser_(columns, text), options_(options) {}

  std::unique_ptr<pg::Connection> conn_;
  CopyOut copy_;
  CopyFieldParser parser_;
  ReadOptions options_;
  RuleCounts rules_;
  bool done_ = false;
};

}  // namespace cutover::postgres
