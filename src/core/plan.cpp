#include "core/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

namespace cutover {

const char* to_string(Mode m) {
  switch (m) {
    case Mode::both: return "both";
    case Mode::schema_only: return "schema-only";
    case Mode::data_only: return "data-only";
  }
  return "unknown";
}

namespace {

// "a" or "(a, b)"
std::string tuple_text(const std::vector<std::string>& items) {
  if (items.size() == 1) return items[0];
  return fmt::format("({})", fmt::join(items, ", "));
}

// "42" -> 42; nullopt unless the whole text is an integer within int64.
std::optional<int64_t> int64_literal(const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<KeyRange> ChunkSpec::key_range() const {
  if (key_columns.empty()) {
    if (key_column.empty()) return std::nullopt;
    return KeyRange{key_column, null_keys, lo, hi};
  }
  if (key_columns.size() != 1) return std::nullopt;
  KeyRange r{key_columns[0], false, std::nullopt, std::nullopt};
  if (!lower.empty() && !(r.lo = int64_literal(lower[0]))) return std::nullopt;
  if (!upper.empty() && !(r.hi = int64_literal(upper[0]))) return std::nullopt;
  return r;
}

std::string ChunkSpec::describe() const {
  if (!key_columns.empty()) {
    auto lo_s = lower.empty() ? std::string("-inf") : tuple_text(lower);
    auto hi_s = upper.empty() ? std::string("+inf") : tuple_text(upper);
    return fmt::format("{} in [{}, {})", tuple_text(key_columns), lo_s, hi_s);
  }
  if (key_column.empty()) return "whole table";
  if (null_keys) return fmt::format("{} is null", key_column);
  auto lo_s = lo ? std::to_string(*lo) : std::string("-inf");
  auto hi_s = hi ? std::to_string(*hi) : std::string("+inf");
  return fmt::format("{} in [{}, {})", key_column, lo_s, hi_s);
}

const ColumnPlan* TablePlan::find_target_column(std::string_view source_name) const {
  for (const auto& c : columns)
    if (c.source_name == source_name) return &c;
  return nullptr;
}

}  // namespace cutover
