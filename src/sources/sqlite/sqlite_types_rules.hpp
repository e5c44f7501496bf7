// Internal to the SQLite type mapping (sqlite_types*.cpp): the per-hint
// rules and the helpers they share. See docs/types-sqlite.md for the table.
#pragma once

#include <string>

#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite::rules {

// What one mapping decision looks at.
struct Evidence {
  std::string_view table;
  const Column& column;
  const DeclaredType& declared;
  const ColumnProfile& p;  // all zero when the column was not profiled
};

// "1,204"
std::string count_text(int64_t n);
// "declared DATETIME" / "no declared type"
std::string declared_text(const Column& column);
// "900 texts, 100 integers" (non-zero storage classes only), "no values" when none.
std::string classes_text(const ColumnProfile& p);

// "; 3 texts contain NUL bytes (...)" or "".
std::string nul_note(const ColumnProfile& p);
// Integers and reals only, after the hints did not apply.
bool ints_exact_in_double(const ColumnProfile& p);

TypeDecision decide(std::string target, ValueKind kind, Decode decode, std::string rule,
                    std::string reason, bool lossy = false);

// From the storage classes present alone (affinity decides when empty).
TypeDecision by_storage(const Evidence& e);
// by_storage, with `why` (why the declared meaning did not apply) leading the reason.
TypeDecision fallback(const Evidence& e, const std::string& why);

// Integers and/or reals read as a point in time: Julian days when every
// value lies in the Julian-day range of years 0..9999, otherwise Unix
// epoch with the unit picked from the largest magnitude. `evidence` gets
// a phrase like "integers in 1,600,000,000..1,700,000,000 read as Unix seconds".
Decode numeric_datetime_decode(const ColumnProfile& p, std::string& evidence);
const char* epoch_rule(Decode d);

TypeDecision map_boolean(const Evidence& e);
TypeDecision map_small_int(const Evidence& e);
TypeDecision map_datetime(const Evidence& e);
TypeDecision map_time(const Evidence& e);
TypeDecision map_json(const Evidence& e);
TypeDecision map_uuid(const Evidence& e);
TypeDecision map_decimal(const Evidence& e);
TypeDecision map_sized_text(const Evidence& e);

}  // namespace cutover::sqlite::rules
