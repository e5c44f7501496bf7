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

namespace cutover::postgres {

// COPY (SELECT copied columns FROM ONLY table [WHERE chunk]) TO STDOUT ...
std::string copy_out_sql(const TablePlan& table, const ChunkSpec& chunk);

// Splits COPY data into cells: binary tuples (after the 19-byte header) or
// text lines. Input may end inside a tuple: the rest waits for more data.
class CopyFieldParser {
 public:
  CopyFieldParser(size_t columns, bool text) : columns_(columns), text_(text) {}
  // Appends the complete rows of pending data + `data` to `batch`.
  Status feed(std::string_view data, RowBatch& batch);
  bool finished() const { return finished_; }  // binary trailer seen

 private:
  // Parses rows from `data`; returns the bytes consumed.
  Result<size_t> parse(std::string_view data, RowBatch& batch);
  Result<size_t> parse_binary_row(std::string_view data, RowBatch& batch);
  Result<size_t> parse_text_row(std::string_view data, RowBatch& batch);

  size_t columns_;
  bool text_;
  bool header_done_ = false;
  bool finished_ = false;
  std::string pending_;
};

class PgChunkReader final : public ChunkReader {
 public:
  // Connects, joins `snapshot` (empty: a fresh REPEATABLE READ one) and
  // starts the COPY.
  static Result<std::unique_ptr<PgChunkReader>> open(const std::string& conninfo, const std::string& snapshot,
                                                     const TablePlan& table, const ChunkSpec& chunk,
                                                     const ReadOptions& options);
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
