// The planner's part for sources whose DDL is native PostgreSQL: target
// schemas (--schemas, --map-schema), schema names mapped inside the
// carried definitions, and the native statements before and after the data
// (docs/architecture.md, "Native DDL").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plan.hpp"

namespace cutover {

using SchemaMap = std::vector<std::pair<std::string, std::string>>;

// The target schema of a source schema: its --map-schema rename, or itself.
std::string target_schema_for(const Options& options, const std::string& source_schema);

// The target schema of a table of `source_schema`: PostgreSQL sources as
// target_schema_for; sources that keep their schemas (Catalog::keeps_schemas,
// SQL Server) the --map-schema rename (names compared case-insensitively),
// else --target-schema for the default schema (dbo), else the schema's own
// name (lower case when `fold`); other sources --target-schema.
std::string table_target_schema(const Options& options, const Catalog& catalog, const std::string& source_schema,
                                bool fold);

// Rewrites schema qualifiers old.x to new.x in SQL: identifiers (bare or
// quoted) followed by a dot, and string literals that start with one (as in
// nextval('public.seq'::regclass)). Dollar-quoted bodies are left alone.
std::string map_schema_names(std::string_view sql, const SchemaMap& map);

// Maps the definitions of every planned table, resolves partition parents,
// and selects (by schema, table and mode) and maps the native statements.
void plan_native(MigrationPlan& plan, const Catalog& catalog);

}  // namespace cutover
