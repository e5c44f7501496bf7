// Case-insensitive source collations (MySQL's *_ci, SQL Server's *_CI_*,
// the defaults of both): PostgreSQL compares text exactly, so a unique key
// over such a column no longer makes 'A' and 'a' collide. The planner says
// so per key, in the table's warnings (issue: keys that change meaning).
#pragma once

#include <string_view>

#include "core/plan.hpp"

namespace cutover {

// True for collation names that compare case-insensitively:
// "utf8mb4_general_ci", "utf8mb4_0900_ai_ci", "SQL_Latin1_General_CP1_CI_AS".
bool case_insensitive_collation(std::string_view collation);

// A warning per primary key or unique index of `t` with a text column in a
// case-insensitive collation.
void warn_case_insensitive_keys(TablePlan& t);

}  // namespace cutover
