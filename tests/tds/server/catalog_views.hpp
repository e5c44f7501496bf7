// Answers the SQL Server adapter's catalog queries (src/sources/mssql/sql/
// *.sql, routed by their `-- cutover:mssql_<name>` tags) from the fixture
// model of the session's current database, with the column types SQL
// Server gives those sys.* view columns: names sysname (nvarchar(128) NOT
// NULL), ids int, max_length smallint, precision/scale tinyint, flags bit,
// definitions nvarchar(max), type_desc nvarchar(60). The SQL itself is not
// interpreted: a real SQL Server must run it (tests/tds/README.md).
#pragma once

#include "model.hpp"
#include "router.hpp"

namespace tdstest {

void add_catalog_views(Router& router, const Catalog& catalog);

}  // namespace tdstest
