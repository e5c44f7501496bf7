#include "core/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

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

}  // namespace

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
