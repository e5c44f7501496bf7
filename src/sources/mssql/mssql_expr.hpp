// T-SQL expressions of defaults, computed columns and checks (as
// sys.default_constraints / computed_columns / check_constraints print
// them: "((0))", "(getdate())", "([qty]>(0))") -> PostgreSQL.
//
// Identifiers [x] become "x", N'..' strings '..', and the functions that
// have a PostgreSQL equal are renamed: getdate()/sysdatetime() ->
// LOCALTIMESTAMP, getutcdate()/sysutcdatetime() -> (now() AT TIME ZONE
// 'utc'), sysdatetimeoffset() -> now(), newid()/newsequentialid() ->
// gen_random_uuid(), len -> length, isnull -> coalesce; upper, lower, abs,
// round, coalesce, ltrim, rtrim are kept. Anything else (other functions,
// NEXT VALUE FOR, + on strings is kept as is only for numbers...) gives
// nullopt: the caller drops the expression with a warning.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cutover::mssql {

std::optional<std::string> translate_expression(std::string_view expr);

}  // namespace cutover::mssql
