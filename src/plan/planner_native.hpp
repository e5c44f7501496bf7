// The planner's part for sources whose DDL is native PostgreSQL: target
// schemas (--schemas, --map-schema), schema names mapped inside the
// carried definitions, and the native statements before and after the data
// (docs/architecture.md, "Native DDL").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "plan/sql_names.hpp"

namespace cutover {

// The target schema of a source schema: its --map-schema rename, or itself.
std::string target_schema_for(const Options& options, const std::string& source_schema);

// The target schema of a table of `source_schema`: PostgreSQL sources as
// target_schema_for; sources that keep their schemas (Catalog::keeps_schemas,
// SQL Server) the --map-schema rename (names compared case-insensitively),
// else --target-schema for the default schema (dbo), else the schema's own
// name (lower case when `fold`); other sources --target-schema.
std::string table_target_schema(const Options& options, const Catalog& catalog, const std::string& source_schema,
                                bool fold);

// --schemas (empty: every schema).
bool schema_selected(const Options& options, const std::string& schema);

// Maps the definitions of every planned table (schema renames and the
// --map-table `renames`), resolves partition parents, and selects (by
// schema, table and mode) and maps the native statements. An error when
// schemas merged into one (--target-schema, --map-schema a=x,b=x) would
// create two types, sequences, views or functions of the same name.
Status plan_native(MigrationPlan& plan, const Catalog& catalog, const std::vector<TableRename>& renames);

}  // namespace cutover
