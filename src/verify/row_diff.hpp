// Localising a checksum mismatch to rows: both sides of a range are hashed
// by row key (the identifying columns) and compared, and up to `limit`
// keys that are missing from the target, extra in it, or different (with
// the columns that differ) are listed.
//
// Memory: 16 bytes per row and side (key hash, row hash); the rows listed
// are captured in a second pass over both sides (capture()).
// Thread safety: none.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/plan.hpp"
#include "core/row_batch.hpp"

namespace cutover {

// The copied columns that identify a row: the source's primary key, else
// the first unique index of plain columns without a predicate; empty when
// the table has neither (its mismatches cannot be narrowed to rows).
std::vector<size_t> identifying_columns(const TablePlan& table);

// A cell for people: numbers as digits, text shortened and escaped, bytes
// as \x hex, dates and timestamps in ISO form, arrays as {a,b}, NULL as NULL.
std::string cell_text(const RowBatch& batch, size_t row, size_t col);
using CellText = std::function<std::string(const RowBatch& batch, size_t row, size_t col)>;

struct ColumnDifference {
  std::string column;  // target name
  std::string source, target;
};

struct RowDifference {
  std::string key;   // "id=42"
  std::string kind;  // "missing" (in the source, not the target), "extra", "different"
  std::vector<ColumnDifference> columns;  // "different": the columns whose values differ
};

class RowDiff {
 public:
  // `text` shows keys and values (cell_text unless the caller knows better,
  // e.g. relayed PostgreSQL fields).
  RowDiff(const TablePlan& table, std::vector<size_t> key_columns, CellText text = cell_text);

  // First pass: every row of each side.
  void add_source(const RowBatch& batch) { index(batch, source_); }
  void add_target(const RowBatch& batch) { index(batch, target_); }
  // After the first pass: chooses up to `limit` differing keys; returns
  // how many rows differ in all (missing + extra + different).
  size_t compare(size_t limit);
  // Second pass: keeps the chosen rows' values.
  void capture_source(const RowBatch& batch) { capture(batch, true); }
  void capture_target(const RowBatch& batch) { capture(batch, false); }
  std::vector<RowDifference> differences() const;

 private:
  struct Captured {
    std::string key;
    std::vector<std::string> source, target;  // cell_text per column, when seen
    std::vector<uint64_t> source_hash, target_hash;
  };
  uint64_t key_hash(const RowBatch& batch, size_t row) const;
  void index(const RowBatch& batch, std::vector<std::pair<uint64_t, uint64_t>>& side);
  void capture(const RowBatch& batch, bool source);

  const TablePlan& table_;
  std::vector<size_t> key_columns_;
  CellText text_;
  std::vector<std::pair<uint64_t, uint64_t>> source_, target_;  // (key hash, row hash)
  std::map<uint64_t, std::string> chosen_;                      // key hash -> kind
  std::map<uint64_t, Captured> captured_;
};

}  // namespace cutover
