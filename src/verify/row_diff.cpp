#include "verify/row_diff.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/convert.hpp"
#include "core/text_array.hpp"
#include "verify/checksum.hpp"

namespace cutover {

namespace {

std::optional<size_t> copied_column(const TablePlan& t, const std::string& source_name) {
  for (size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].source_name == source_name) return i;
  return std::nullopt;
}

// Indices of `names` among the copied columns; empty if one is not copied.
std::vector<size_t> copied_columns(const TablePlan& t, const std::vector<std::string>& names) {
  std::vector<size_t> out;
  for (const auto& n : names) {
    auto i = copied_column(t, n);
    if (!i) return {};
    out.push_back(*i);
  }
  return out;
}

std::string bytes_text(std::string_view b) {
  std::string out = "\\x";
  for (size_t i = 0; i < b.size() && i < 40; ++i)
    fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<unsigned char>(b[i]));
  if (b.size() > 40) out += fmt::format("…({} bytes)", b.size());
  return out;
}

}  // namespace

std::vector<size_t> identifying_columns(const TablePlan& table) {
  if (!table.source.primary_key.empty()) {
    auto cols = copied_columns(table, table.source.primary_key);
    if (!cols.empty()) return cols;
  }
  for (const auto& ix : table.source.indexes) {
    if (!ix.unique || ix.predicate) continue;
    std::vector<std::string> names;
    for (const auto& c : ix.columns) names.push_back(c.name);
    if (std::find(names.begin(), names.end(), "") != names.end()) continue;  // an expression
    auto cols = copied_columns(table, names);
    if (!cols.empty()) return cols;
  }
  return {};
}

std::string cell_text(const RowBatch& batch, size_t row, size_t col) {
  const Cell& c = batch.at(row, col);
  switch (c.kind) {
    case ValueKind::null: return "NULL";
    case ValueKind::boolean: return c.i ? "true" : "false";
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64: return std::to_string(c.i);
    case ValueKind::uint64: return std::to_string(c.u);
    case ValueKind::float32: return fmt::format("{}", c.f32);
    case ValueKind::float64: return fmt::format("{}", c.f64);
    case ValueKind::bytes: return bytes_text(batch.payload(c));
    case ValueKind::date: return format_date(static_cast<int32_t>(c.i));
    case ValueKind::time: return format_time_of_day(c.i);
    case ValueKind::timestamp: return format_timestamp(c.i);
    case ValueKind::timestamptz: return format_timestamp(c.i) + "+00";
    case ValueKind::uuid:
      return c.len == 16 ? format_uuid(reinterpret_cast<const uint8_t*>(batch.payload(c).data()))
                         : bytes_text(batch.payload(c));
    case ValueKind::interval: {
      Interval v = batch.interval(c);
      return fmt::format("{} months {} days {} us", v.months, v.days, v.micros);
    }
    case ValueKind::array: {
      std::vector<std::string> items;
      if (!for_each_array_element(batch.payload(c), [&](std::string_view e) { items.push_back(display_value(e)); }))
        return bytes_text(batch.payload(c));
      return fmt::format("{{{}}}", fmt::join(items, ","));
    }
    default: return display_value(batch.payload(c));
  }
}

RowDiff::RowDiff(const TablePlan& table, std::vector<size_t> key_columns, CellText text)
    : table_(table), key_columns_(std::move(key_columns)), text_(std::move(text)) {}

uint64_t RowDiff::key_hash(const RowBatch& batch, size_t row) const {
  uint64_t h = 0x6b6579;
  for (size_t k : key_columns_) h = hash_bytes(std::string_view(reinterpret_cast<const char*>(&h), 8), value_hash(batch, row, k));
  return h;
}

void RowDiff::index(const RowBatch& batch, std::vector<std::pair<uint64_t, uint64_t>>& side) {
  for (size_t r = 0; r < batch.rows(); ++r) side.emplace_back(key_hash(batch, r), row_hash(batch, r));
}

size_t RowDiff::compare(size_t limit) {
  std::sort(source_.begin(), source_.end());
  std::sort(target_.begin(), target_.end());
  size_t s = 0, t = 0, differing = 0;
  auto choose = [&](uint64_t key, const char* kind) {
    ++differing;
    if (chosen_.size() < limit) chosen_.emplace(key, kind);
  };
  while (s < source_.size() || t < target_.size()) {
    if (t == target_.size() || (s < source_.size() && source_[s].first < target_[t].first)) {
      choose(source_[s++].first, "missing");
    } else if (s == source_.size() || target_[t].first < source_[s].first) {
      choose(target_[t++].first, "extra");
    } else {
      if (source_[s].second != target_[t].second) choose(source_[s].first, "different");
      ++s, ++t;
    }
  }
  source_ = {};
  target_ = {};
  return differing;
}

void RowDiff::capture(const RowBatch& batch, bool source) {
  for (size_t r = 0; r < batch.rows(); ++r) {
    uint64_t k = key_hash(batch, r);
    if (!chosen_.count(k)) continue;
    Captured& c = captured_[k];
    if (c.key.empty())
      for (size_t col : key_columns_)
        c.key += fmt::format("{}{}={}", c.key.empty() ? "" : ",", table_.columns[col].target_name,
                             text_(batch, r, col));
    auto& text = source ? c.source : c.target;
    auto& hash = source ? c.source_hash : c.target_hash;
    text.clear();
    hash.clear();
    for (size_t col = 0; col < batch.columns(); ++col) {
      text.push_back(text_(batch, r, col));
      hash.push_back(value_hash(batch, r, col));
    }
  }
}

std::vector<RowDifference> RowDiff::differences() const {
  std::vector<RowDifference> out;
  for (const auto& [k, kind] : chosen_) {
    auto it = captured_.find(k);
    if (it == captured_.end()) continue;
    const Captured& c = it->second;
    RowDifference d{c.key, kind, {}};
    if (kind == "different" && !c.source.empty() && !c.target.empty())
      for (size_t col = 0; col < c.source.size(); ++col)
        if (c.source_hash[col] != c.target_hash[col])
          d.columns.push_back({table_.columns[col].target_name, c.source[col], c.target[col]});
    out.push_back(std::move(d));
  }
  // Shorter keys first, so integer keys come in numeric order ("id=950" before "id=5000").
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.key.size() != b.key.size() ? a.key.size() < b.key.size() : a.key < b.key;
  });
  return out;
}

}  // namespace cutover
