// One chunk into PostgreSQL: BEGIN; COPY ... FROM STDIN (FORMAT binary);
// INSERT the chunk record; COMMIT. A table of one chunk is TRUNCATEd first
// and loaded with COPY ... FREEZE, in the same transaction. verify --fix first DELETEs the range (or
// COPYs into a temporary table and merges it by key), and may chain chunks
// in one transaction (next_chunk). Data is sent in slices of about 1 MiB so
// memory stays flat; nothing is visible to anyone until the commit.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "targets/postgres/pg_copy_encoder.hpp"
#include "targets/postgres/pg_target.hpp"

namespace cutover::pg {

class PgChunkWriter final : public ChunkWriter {
 public:
  PgChunkWriter(ConnectionPool& pool, Connection conn, const TablePlan& table,
                const ChunkSpec& chunk, std::string run_id);
  ~PgChunkWriter() override;

  Status begin() override;
  Status write(const RowBatch& batch) override;
  Status commit(const ChunkRecord& record) override;
  void abort() noexcept override;
  int64_t bytes_written() const override { return bytes_sent_ + static_cast<int64_t>(buffer_.size()); }
  void set_isolating(bool on) override { isolating_ = on; }
  void set_replace(const ReplaceSpec& spec) override { replace_ = spec; }
  Status next_chunk(const ChunkRecord& done, const ChunkSpec& next) override;
  std::vector<RefusedRow> take_refused() override { return std::exchange(refused_, {}); }

 private:
  Status send(std::string_view data);  // COPY data to the server, counted
  Status flush(bool force);
  Status start_copy();
  Status end_copy();
  // The chunk's state record (skipped when no run is attached).
  Status record_chunk(const ChunkRecord& record);
  // Isolation mode: COPY rows [lo, hi) under a savepoint, bisecting on refusal.
  Status write_range(const RowBatch& batch, size_t lo, size_t hi);
  Status copy_rows(const RowBatch& batch, size_t lo, size_t hi);
  Error with_context(Error e) const;
  void append_header();
  void append_trailer();
  Status append_row(const RowBatch& batch, size_t row);

  ConnectionPool& pool_;
  Connection conn_;
  const TablePlan& table_;
  const ChunkSpec* chunk_;
  ReplaceSpec replace_;
  std::string run_id_;
  CopyBinaryEncoder encoder_;
  bool text_relay_ = false;  // COPY text fields relayed from a PostgreSQL source
  std::string buffer_;
  int64_t bytes_sent_ = 0;
  bool open_ = false;     // transaction open
  bool copying_ = false;  // COPY in progress
  bool isolating_ = false;
  bool freeze_ = false;  // TRUNCATE + COPY FREEZE (TablePlan::truncate_freeze)
  std::vector<RefusedRow> refused_;
};

// Wire forms of the copied columns of a table (from their target types).
Result<std::vector<PgWire>> wire_columns(const TablePlan& table);

}  // namespace cutover::pg
