// SQLite catalog discovery: tables, columns, keys, indexes, foreign keys,
// CHECK constraints, views; triggers and virtual tables are listed as not
// migrated. One query per kind of object (sql/*.sql, pragma table-valued
// functions joined to sqlite_schema), plus one count(*) per table for the
// exact row count. What the pragmas do not tell (CHECKs, generated
// expressions, AUTOINCREMENT, collations, constraint names, DEFERRABLE) is
// read from the CREATE text by sqlite_ddl.hpp.
#pragma once

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "sources/sqlite/sqlite_ddl.hpp"
#include "sources/sqlite/sqlite_session.hpp"

namespace cutover::sqlite {

// Schema is "main" for every table. Errors: query errors from the session
// (a file that is not a database reports it in the hint).
Result<Catalog> load_catalog(Session& session);

// Parts of load_catalog (sqlite_catalog_keys.cpp). `parsed` is aligned with
// catalog.tables: the parsed CREATE TABLE of each.
// Fills Table::indexes: CREATE INDEX (origin 'c') and UNIQUE constraints
// (origin 'u', from_constraint); primary-key indexes are skipped.
Status load_indexes(Session& session, Catalog& catalog, const std::vector<ParsedTable>& parsed);
// Fills Table::foreign_keys, with names and DEFERRABLE from the CREATE text.
Status load_foreign_keys(Session& session, Catalog& catalog,
                         const std::vector<ParsedTable>& parsed);

}  // namespace cutover::sqlite
