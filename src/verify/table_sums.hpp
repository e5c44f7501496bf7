// One side of a table's verification: rows and checksums per chunk (rows
// assigned to the plan's chunks by their key value) or for the whole table,
// and the key totals of the rows. Fed with canonical rows by a source read
// or a target scan, so both sides are summed the same way.
//
// Thread safety: none; one instance per side and table.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/plan.hpp"
#include "core/row_batch.hpp"
#include "verify/totals.hpp"

namespace cutover {

struct RangeSums {
  int64_t rows = 0;
  uint64_t checksum = 0;  // wrapping sum of row hashes
  bool operator==(const RangeSums&) const = default;
};

// The copied column holding the chunks' key on the target side: the chunk
// key (ChunkSpec::key_range: one integer column) when it is a copied column
// of an integer kind (a SQLite INTEGER PRIMARY KEY alias, an integer WITHOUT
// ROWID key, a MySQL integer key) or a relayed smallint/integer/bigint of a
// PostgreSQL source. nullopt when the table's ranges do not map to the
// target (a rowid without an alias, ctid pages, composite or text keys: only
// the whole table can be compared). A table of one whole-table chunk maps
// trivially (key_column_of returns nullopt but ranges_map is true).
std::optional<size_t> key_column_of(const TablePlan& table);
bool ranges_map(const TablePlan& table);

class TableSums {
 public:
  // `by_chunk`: assign rows to chunks (REQUIRES ranges_map(table)).
  TableSums(const TablePlan& table, bool by_chunk);
  void add(const RowBatch& batch);

  // Per chunk, in the plan's chunk order (empty unless by_chunk).
  const std::vector<RangeSums>& chunks() const { return chunks_; }
  // Rows whose key lies in no chunk (by_chunk only; e.g. a NULL key).
  const RangeSums& outside() const { return outside_; }
  RangeSums total() const { return total_; }
  const ColumnTotals& totals() const { return totals_; }

 private:
  size_t chunk_of(const RowBatch& batch, size_t row) const;  // chunks_.size() = outside

  const TablePlan& table_;
  std::optional<size_t> key_;
  bool by_chunk_;
  std::vector<KeyRange> ranges_;                    // per chunk, when key_
  std::vector<std::pair<int64_t, size_t>> starts_;  // (lower bound, chunk) of key ranges
  size_t null_chunk_ = 0;                           // the NULL-key chunk, or chunks.size()
  std::vector<RangeSums> chunks_;
  RangeSums outside_, total_;
  ColumnTotals totals_;
};

}  // namespace cutover
