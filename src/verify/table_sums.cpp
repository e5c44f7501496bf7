#include "verify/table_sums.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "verify/checksum.hpp"

namespace cutover {

namespace {

bool is_integer_kind(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64;
}

// A relayed integer column of a PostgreSQL source (its fields are the
// bytes COPY sent: see integer_key).
bool is_relayed_integer(const ColumnPlan& c) {
  const std::string& t = c.type.target_type;
  return (c.type.decode == Decode::pg_binary || c.type.decode == Decode::pg_text) &&
         (t == "smallint" || t == "integer" || t == "bigint");
}

std::vector<ValueKind> kinds_of(const TablePlan& t) {
  std::vector<ValueKind> kinds;
  for (const auto& c : t.columns) kinds.push_back(c.type.kind);
  return kinds;
}

bool in_range(const KeyRange& k, int64_t v) { return !k.null_keys && (!k.lo || v >= *k.lo) && (!k.hi || v < *k.hi); }

// The value of an integer key cell: a canonical integer, or a relayed
// field — binary big-endian int2/int4/int8, or COPY text digits. nullopt for
// NULL or a field that is neither (the row then lies outside every range).
std::optional<int64_t> integer_key(const ColumnPlan& col, const RowBatch& batch, size_t row, size_t c) {
  const Cell& cell = batch.at(row, c);
  if (is_integer_kind(cell.kind)) return cell.i;
  if (cell.kind != ValueKind::bytes) return std::nullopt;
  std::string_view f = batch.payload(cell);
  int64_t v = 0;
  if (col.type.decode == Decode::pg_text) {
    auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    return ec == std::errc() && end == f.data() + f.size() ? std::optional(v) : std::nullopt;
  }
  if (f.size() != 2 && f.size() != 4 && f.size() != 8) return std::nullopt;
  for (char ch : f) v = static_cast<int64_t>(static_cast<uint64_t>(v) << 8 | static_cast<unsigned char>(ch));
  int unused = 64 - 8 * static_cast<int>(f.size());  // sign-extend the narrower widths
  return unused == 0 ? v : static_cast<int64_t>(static_cast<uint64_t>(v) << unused) >> unused;
}

}  // namespace

std::optional<size_t> key_column_of(const TablePlan& table) {
  if (table.chunks.empty()) return std::nullopt;
  auto first = table.chunks[0].key_range();
  if (!first) return std::nullopt;
  for (const auto& c : table.chunks)
    if (auto k = c.key_range(); !k || k->column != first->column) return std::nullopt;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnPlan& c = table.columns[i];
    if (c.source_name == first->column && (is_integer_kind(c.type.kind) || is_relayed_integer(c))) return i;
  }
  return std::nullopt;
}

bool ranges_map(const TablePlan& table) { return table.chunks.size() <= 1 || key_column_of(table).has_value(); }

TableSums::TableSums(const TablePlan& table, bool by_chunk)
    : table_(table), key_(key_column_of(table)), by_chunk_(by_chunk), totals_(kinds_of(table)) {
  if (!by_chunk_) return;
  chunks_.resize(table.chunks.size());
  null_chunk_ = table.chunks.size();
  if (!key_) return;
  for (size_t i = 0; i < table.chunks.size(); ++i) {
    KeyRange k = *table.chunks[i].key_range();
    ranges_.push_back(k);
    if (k.null_keys) null_chunk_ = i;
    else starts_.emplace_back(k.lo.value_or(INT64_MIN), i);
  }
  std::sort(starts_.begin(), starts_.end());
}

// Binary search over the ranges' lower bounds (one range per row).
size_t TableSums::chunk_of(const RowBatch& batch, size_t row) const {
  const auto& chunks = table_.chunks;
  if (!key_) return chunks.size() == 1 ? 0 : chunks.size();
  if (batch.at(row, *key_).kind == ValueKind::null) return null_chunk_;
  auto key = integer_key(table_.columns[*key_], batch, row, *key_);
  if (!key) return chunks.size();
  auto it = std::upper_bound(starts_.begin(), starts_.end(), std::pair{*key, SIZE_MAX});
  if (it == starts_.begin()) return chunks.size();
  size_t c = std::prev(it)->second;
  return in_range(ranges_[c], *key) ? c : chunks.size();
}

void TableSums::add(const RowBatch& batch) {
  totals_.add(batch);
  for (size_t r = 0; r < batch.rows(); ++r) {
    uint64_t h = row_hash(batch, r);
    total_.rows++;
    total_.checksum += h;
    if (!by_chunk_) continue;
    size_t c = chunk_of(batch, r);
    RangeSums& s = c < chunks_.size() ? chunks_[c] : outside_;
    s.rows++;
    s.checksum += h;
  }
}

}  // namespace cutover
