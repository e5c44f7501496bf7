// Reading a `cutover verify` report in tests (docs/report.md,
// tables[].mismatches): the mismatches of a table by chunk, and the rows a
// mismatch was narrowed to, as one line. Header-only: used by the verify
// tests of every source.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "harness.hpp"

namespace cutover::it {

// The mismatches of a table in a verify report, by chunk index (-1 = whole table).
inline std::map<int, nlohmann::json> mismatches_of(const nlohmann::json& report, const std::string& table) {
  std::map<int, nlohmann::json> out;
  for (const auto& m : report_table(report, table)["mismatches"])
    out[m["chunk"].is_null() ? -1 : m["chunk"].get<int>()] = m;
  return out;
}

// "different:id=42[name] missing:id=555": kind, key and differing columns of each row.
inline std::string row_kinds(const nlohmann::json& mismatch) {
  std::string out;
  for (const auto& r : mismatch["rows"]) {
    out += (out.empty() ? "" : " ") + r["kind"].get<std::string>() + ":" + r["key"].get<std::string>();
    for (const auto& c : r["columns"]) out += "[" + c["column"].get<std::string>() + "]";
  }
  return out;
}

}  // namespace cutover::it
