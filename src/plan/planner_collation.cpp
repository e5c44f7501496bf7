#include "plan/planner_collation.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <string>
#include <vector>

namespace cutover {

namespace {

// The case-insensitive text columns among `names`, and the collation of the first.
std::vector<std::string> ci_columns(const TablePlan& t, const std::vector<std::string>& names, std::string& collation) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    const Column* c = t.source.find_column(name);
    if (c == nullptr || !case_insensitive_collation(c->collation)) continue;
    for (const auto& cp : t.columns)
      if (cp.source_name == name && cp.derived.empty() && cp.type.kind == ValueKind::text) {
        if (out.empty()) collation = c->collation;
        out.push_back(name);
      }
  }
  return out;
}

void warn_key(TablePlan& t, const std::string& key, const std::vector<std::string>& names) {
  std::string collation;
  auto cols = ci_columns(t, names, collation);
  if (cols.empty()) return;
  t.warnings.push_back(fmt::format(
      "{} ({}) is case-insensitive in the source (collation {}): PostgreSQL compares text exactly, so "
      "values differing only in case no longer collide; if the application relies on it, add a unique "
      "index on lower({})", key, fmt::join(names, ", "), collation, fmt::join(cols, "), lower(")));
}

}  // namespace

bool case_insensitive_collation(std::string_view collation) {
  std::string c;
  for (char ch : collation) c += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return c.ends_with("_ci") || c.find("_ci_") != std::string::npos;
}

void warn_case_insensitive_keys(TablePlan& t) {
  if (!t.source.primary_key.empty()) warn_key(t, "primary key", t.source.primary_key);
  for (const auto& index : t.source.indexes) {
    if (!index.unique) continue;
    std::vector<std::string> names;
    for (const auto& c : index.columns)
      if (!c.name.empty()) names.push_back(c.name);
    warn_key(t, "unique key " + index.name, names);
  }
}

}  // namespace cutover
