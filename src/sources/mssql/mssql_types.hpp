// SQL Server -> PostgreSQL type mapping. The declared type (rebuilt from
// sys.columns by the catalog: "nvarchar(100)", "datetime2(7)") decides; no
// column is profiled. Rule names and the full table: docs/types-mssql.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "core/type_decision.hpp"
#include "util/text.hpp"

namespace cutover::mssql {

struct MssqlType {
  std::string base;   // lower case: "int", "nvarchar", "datetime2", ...
  int64_t length = -1;  // (n) of char types, -1 for (max) or none
  bool max = false;     // (max)
  int precision = 0, scale = 0;  // decimal(p,s); scale = n of time/datetime2/datetimeoffset(n)
};
MssqlType parse_mssql_type(std::string_view declared);

// ASCII lower case (T-SQL names and keywords).

// The default mapping or the user's cast. Never fails: an unknown type
// becomes text with a warning in the reason.
TypeDecision map_type(const Column& column, const CastRule* cast);

// Columns derived from a source column planned as `decision` (not a cast):
// a sql_variant's base type (<column>_type text, always), a datetimeoffset's
// offset (<column>_offset smallint, minutes east of UTC, with --keep-offset).
std::vector<DerivedColumn> derived_columns(const Column& column, const TypeDecision& decision, const Options& options);

}  // namespace cutover::mssql
