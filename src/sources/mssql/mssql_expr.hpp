// T-SQL expressions of defaults, computed columns and checks (as
// sys.default_constraints / computed_columns / check_constraints print
// them: "((0))", "(getdate())", "([qty]>(0))") and view definitions
// (sys.sql_modules) -> PostgreSQL.
//
// Identifiers [x] become "x", N'..' strings '..', and the functions that
// have a PostgreSQL equal are renamed: getdate()/sysdatetime() ->
// LOCALTIMESTAMP, getutcdate()/sysutcdatetime() -> (now() AT TIME ZONE
// 'utc'), sysdatetimeoffset() -> now(), newid()/newsequentialid() ->
// gen_random_uuid(), len -> length, isnull -> coalesce; upper, lower, abs,
// round, coalesce, ltrim, rtrim are kept. CAST(x AS t) and CONVERT(t, x)
// (without a style, or to a type that is not a string) become CAST(x AS the
// PostgreSQL type of t). NEXT VALUE FOR s.q becomes nextval('s.q'::regclass)
// in the source's names (the planner maps them: plan/planner_sequences.hpp).
//
// '+' is T-SQL's concatenation when one side is a string (a literal, or a
// column whose type `columns` knows to be character): it becomes '||' (both
// give NULL when a side is NULL, with CONCAT_NULL_YIELDS_NULL on). Between
// numbers it stays '+'. A '+' whose sides are of unknown types in an
// expression that holds a string literal is not translated.
//
// Expressions: anything else (other functions, ...) gives nullopt and the
// caller drops the expression with a warning. Views are translated as far as
// they go and PostgreSQL judges the rest.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace cutover::mssql {

// Lower-case column name -> its declared T-SQL type ("" when tables
// disagree on it).
using ColumnTypes = std::map<std::string, std::string>;
ColumnTypes column_types(const Table& table);
ColumnTypes column_types(const std::vector<Table>& tables);

std::optional<std::string> translate_expression(std::string_view expr, const ColumnTypes& columns = {});

// A CREATE VIEW statement -> the PostgreSQL SELECT of its body, names as
// the source spells them ([dbo].[Orders] -> "dbo"."Orders"): the header is
// dropped (a column list becomes SELECT * FROM (body) AS v(cols)),
// comments dropped, TOP 100 PERCENT dropped, TOP (n) -> LIMIT n, a bit
// column compared with 0 or 1 compared with false or true.
std::string translate_view(std::string_view create_view, const ColumnTypes& columns);

}  // namespace cutover::mssql
