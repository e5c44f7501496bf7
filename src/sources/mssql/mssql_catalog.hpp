// SQL Server catalog discovery from the sys.* views of the current
// database: one query per kind of object for the whole database (tables,
// columns, indexes and keys, foreign keys, checks, other objects), SQL in
// sql/*.sql, each file tagged `-- cutover:mssql_<name>` (the TDS test
// server answers by tag).
//
// Normalisations done here:
// - declared types are rebuilt from sys.columns as a person writes them:
//   nvarchar(100) (max_length is bytes: halved for n-types), varchar(max),
//   decimal(38,10), datetime2(7), time(3), datetimeoffset(0);
// - identity columns are autoincrement with the table's sequence_value at
//   the identity's last value (seed - increment when none was used yet),
//   and keep a seed or positive increment other than 1 (identity_definition);
// - computed columns keep their definition as generated_expr (stored when
//   PERSISTED); defaults keep the T-SQL definition with its parentheses;
// - columnstore and XML/spatial indexes are listed as not migrated;
//   included columns are dropped from the index with a warning;
// - sequences keep their bounds and position (last_used_value);
// - views are translated to PostgreSQL (mssql_expr.hpp, translate_view);
// - procedures, functions and triggers are listed as not migrated.
#pragma once

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "sources/mssql/mssql_session.hpp"

namespace cutover::mssql {

Result<Catalog> load_catalog(Session& session, const std::string& database);

// The T-SQL type text of a sys.columns row: ("nvarchar", 200, 0, 0) -> "nvarchar(100)".
std::string declared_type(const std::string& type_name, int max_length, int precision, int scale);

}  // namespace cutover::mssql
