// Key totals: exact sums of the integer and decimal columns of a table,
// computed from canonical values on the source side while copying, and
// compared with SUM(column) on the target (the check a runbook does by
// hand). Floats are left to the checksum: their sums depend on order.
//
// Thread safety: none; one instance per chunk, merged afterwards.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/row_batch.hpp"

namespace cutover {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class ColumnTotals {
 public:
  ColumnTotals() = default;
  // `kinds` are the canonical kinds of the batch's columns; only integer
  // kinds, uint64 and decimal are summed.
  explicit ColumnTotals(const std::vector<ValueKind>& kinds);

  static bool summable(ValueKind k);
  void add(const RowBatch& batch);
  // Adds only the rows whose `skip` entry is false.
  void add(const RowBatch& batch, const std::vector<bool>& skip);
  void merge(const ColumnTotals& other);

  // Column index -> exact sum as decimal text ("-12.50"), or "overflow".
  std::map<size_t, std::string> sums() const;
  // Restores from sums() output (for chunks recorded by an earlier process).
  void add_text(size_t column, const std::string& sum);

 private:
  struct Acc {
    Int128 mantissa = 0;
    int scale = 0;
    bool overflow = false;
    bool any = false;
  };
  void add_decimal(Acc& acc, std::string_view digits);
  std::map<size_t, Acc> acc_;
};

// Decimal text of a scaled 128-bit integer: (12345, 2) -> "123.45".
std::string int128_to_decimal(Int128 mantissa, int scale);

}  // namespace cutover
