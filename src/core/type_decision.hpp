// Type mapping returns a decision (DESIGN.md §3, STYLE.md §4):
// {target type, decode annotation, reason}. The decode annotation tells the
// source reader how to turn a stored value into the canonical kind; the rule
// names the policy so users can override it and the report can count it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace cutover {

enum class Decode : uint8_t {
  native,        // the storage class maps directly to the canonical kind
  bool01,        // integers 0/1 (and texts '0'/'1','true','false') -> boolean
  epoch_s,       // integer/real seconds since 1970 -> timestamptz
  epoch_ms,      // milliseconds since 1970
  epoch_us,      // microseconds since 1970
  iso_datetime,  // ISO-8601 text -> date / timestamp / timestamptz
  julian_day,    // REAL Julian day number -> timestamp
  json_text,     // text that must be valid JSON
  uuid_text,     // 36-char text -> uuid
  uuid_blob,     // 16-byte blob -> uuid
  decimal_any,   // integer, real or numeric text -> exact decimal digits
  text_any,      // any storage class rendered as text (SQLite's own rendering)
  bytes_any,     // any storage class as bytes (text as its UTF-8 bytes)
  // PostgreSQL to PostgreSQL relay: the cell (ValueKind::bytes) holds the
  // field exactly as the source's COPY sent it, and the writer sends it on
  // unchanged, binary (pg_binary) or text (pg_text, the escaped COPY text).
  pg_binary,
  pg_text,
};

const char* to_string(Decode d);

struct TypeDecision {
  std::string target_type;  // target SQL type, e.g. "numeric(10,2)", "timestamptz"
  ValueKind kind = ValueKind::text;
  Decode decode = Decode::native;
  std::string rule;    // named, overridable rule, e.g. "sqlite.bool01"; "cast" for user casts
  std::string reason;  // one sentence a user can read in the plan
  bool lossy = false;  // the rule may change or drop values (counted in the report)
  // The rule turns some values into NULL (MySQL zero dates): a NOT NULL
  // source column is created nullable, with a warning in the plan.
  bool relax_not_null = false;
  // Enum labels in source order when the source column is an enumeration
  // (--enum-as type makes a PostgreSQL enum type of them).
  std::vector<std::string> labels;
};

// Per-rule counters: how many values each named lossy/policy rule touched,
// and how many rows were rejected for which reason. Merged up the chain
// chunk -> table -> run and printed in the report.
struct RuleCounts {
  std::map<std::string, int64_t> counts;
  void add(const std::string& rule, int64_t n = 1) { counts[rule] += n; }
  void merge(const RuleCounts& other) {
    for (const auto& [k, v] : other.counts) counts[k] += v;
  }
};

}  // namespace cutover
