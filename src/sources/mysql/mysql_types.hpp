// MySQL/MariaDB -> PostgreSQL type mapping. The declared type (information_
// schema column_type) decides, except where MySQL's type does not say what
// the data holds; those columns are profiled (mysql_profile.hpp):
// tinyint(1) (boolean only when every value is 0 or 1), time (interval when
// a value is negative or 24 h and more), date/datetime/timestamp (zero and
// partial dates become NULL; a NOT NULL column holding them is relaxed).
// The full default table with rule names is docs/types-mysql.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/plan.hpp"
#include "core/type_decision.hpp"

namespace cutover::mysql {

struct MysqlType {
  std::string base;           // lower case: "int", "varchar", "enum", "json", ...
  std::vector<int64_t> args;  // numbers in parentheses: (10), (65,30); empty for enum/set
  bool is_unsigned = false;
  std::vector<std::string> labels;  // enum/set labels
};
MysqlType parse_mysql_type(std::string_view column_type);

// What the profile needs to look at for a column of this type.
enum class ProfileNeed { none, zero_one, time_range, invalid_dates };
ProfileNeed profile_need(const MysqlType& t);

// The default mapping given the column's profile (nullptr: not profiled),
// or the user's cast. Never fails: unknown types become text with a warning.
TypeDecision map_type(const Column& column, const ColumnProfile* profile, const CastRule* cast);

// The canonical kind a PostgreSQL type name holds; nullopt when unknown.
std::optional<ValueKind> kind_of_target(std::string_view pg_type);

}  // namespace cutover::mysql
