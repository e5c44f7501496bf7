// Rewrites translated expressions for columns whose type the planner
// changed: a SQLite 0/1 column that became boolean is referenced as
// (col)::int, so `active = 1`, `flag IN (0, 1)` and `NOT deleted` keep
// their meaning.
#pragma once

#include <set>
#include <string>

namespace cutover {

// `columns` are target column names. String literals and function names
// are left alone; bare and double-quoted identifiers are matched.
std::string rewrite_boolean_refs(const std::string& sql, const std::set<std::string>& columns);

}  // namespace cutover
