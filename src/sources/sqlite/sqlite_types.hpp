// SQLite -> PostgreSQL type mapping. SQLite stores any value in any column
// (only the declared type's affinity nudges it), so the target type comes
// from the declaration AND the column's profile: the chosen PostgreSQL type
// must hold every stored value. The full default table, with the rule names
// and reasons, is in docs/types-sqlite.md; the decision code is in
// sqlite_types.cpp (defaults) and sqlite_types_cast.cpp (user casts).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "core/type_decision.hpp"

namespace cutover::sqlite {

// Column affinity, https://www.sqlite.org/datatype3.html §3.1, in rule order:
// "INT" -> integer; "CHAR"/"CLOB"/"TEXT" -> text; "BLOB" or no type -> blob;
// "REAL"/"FLOA"/"DOUB" -> real; anything else -> numeric.
enum class Affinity { integer, text, blob, real, numeric };
Affinity affinity_of(std::string_view declared_type);
const char* to_string(Affinity a);

// What a declared type name means beyond its affinity.
enum class Hint {
  none,
  boolean,      // BOOL, BOOLEAN
  small_int,    // TINYINT, SMALLINT, INT2
  date,         // DATE
  datetime,     // DATETIME, TIMESTAMP, SMALLDATETIME, DATETIME2
  datetime_tz,  // TIMESTAMPTZ, TIMESTAMP WITH TIME ZONE, DATETIMEOFFSET
  time,         // TIME
  json,         // JSON, JSONB
  uuid,         // UUID, GUID, UNIQUEIDENTIFIER
  decimal,      // DECIMAL, NUMERIC, DEC, MONEY
  sized_text,   // VARCHAR(n), CHAR(n), NVARCHAR(n), CHARACTER VARYING(n), ...
};

struct DeclaredType {
  std::string base;        // lower case, single spaces: "decimal", "character varying"
  std::vector<int64_t> args;  // the numbers in parentheses
  Hint hint = Hint::none;
  Affinity affinity = Affinity::blob;
};
DeclaredType parse_declared_type(std::string_view declared_type);

// The default decision for `column` given its profile (nullptr: no profile,
// the declaration alone decides), or the user's cast when `cast` is set.
// Never fails: unknown types follow their affinity; unknown cast targets
// become text with a warning in the reason.
TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                      const CastRule* cast);

// The decision for a user cast (sqlite_types_cast.cpp).
TypeDecision map_cast(const Column& column, const ColumnProfile* profile, const CastRule& cast);

// The canonical kind a PostgreSQL type name holds; nullopt when unknown.
std::optional<ValueKind> kind_of_pg_type(std::string_view pg_type);

// Integers whose magnitude stays below 2^53 convert to double exactly.
inline constexpr int64_t k_max_exact_double_int = int64_t{1} << 53;

}  // namespace cutover::sqlite
