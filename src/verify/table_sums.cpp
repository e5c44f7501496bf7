#include "verify/table_sums.hpp"

#include <algorithm>
#include <cstdint>

#include "verify/checksum.hpp"

namespace cutover {

namespace {

bool is_integer_kind(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64;
}

std::vector<ValueKind> kinds_of(const TablePlan& t) {
  std::vector<ValueKind> kinds;
  for (const auto& c : t.columns) kinds.push_back(c.type.kind);
  return kinds;
}

bool in_chunk(const ChunkSpec& c, int64_t v) {
  return !c.null_keys && (!c.lo || v >= *c.lo) && (!c.hi || v < *c.hi);
}

}  // namespace

std::optional<size_t> key_column_of(const TablePlan& table) {
  if (table.chunks.empty() || table.chunks[0].key_column.empty()) return std::nullopt;
  for (size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i].source_name == table.chunks[0].key_column && is_integer_kind(table.columns[i].type.kind))
      return i;
  return std::nullopt;
}

bool ranges_map(const TablePlan& table) { return table.chunks.size() <= 1 || key_column_of(table).has_value(); }

TableSums::TableSums(const TablePlan& table, bool by_chunk)
    : table_(table), key_(key_column_of(table)), by_chunk_(by_chunk), totals_(kinds_of(table)) {
  if (!by_chunk_) return;
  chunks_.resize(table.chunks.size());
  null_chunk_ = table.chunks.size();
  for (size_t i = 0; i < table.chunks.size(); ++i) {
    const ChunkSpec& c = table.chunks[i];
    if (c.null_keys) null_chunk_ = i;
    else starts_.emplace_back(c.lo.value_or(INT64_MIN), i);
  }
  std::sort(starts_.begin(), starts_.end());
}

// Binary search over the ranges' lower bounds (one range per row).
size_t TableSums::chunk_of(const Cell& key) const {
  const auto& chunks = table_.chunks;
  if (!key_) return chunks.size() == 1 ? 0 : chunks.size();
  if (key.kind == ValueKind::null) return null_chunk_;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), std::pair{key.i, SIZE_MAX});
  if (it == starts_.begin()) return chunks.size();
  size_t c = std::prev(it)->second;
  return in_chunk(chunks[c], key.i) ? c : chunks.size();
}

void TableSums::add(const RowBatch& batch) {
  static const Cell k_no_key;
  totals_.add(batch);
  for (size_t r = 0; r < batch.rows(); ++r) {
    uint64_t h = row_hash(batch, r);
    total_.rows++;
    total_.checksum += h;
    if (!by_chunk_) continue;
    size_t c = chunk_of(key_ ? batch.at(r, *key_) : k_no_key);
    RangeSums& s = c < chunks_.size() ? chunks_[c] : outside_;
    s.rows++;
    s.checksum += h;
  }
}

}  // namespace cutover
