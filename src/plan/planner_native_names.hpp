// Names in a PostgreSQL source's native statements under --map-schema,
// --target-schema and --map-table (part of planner_native). A table that
// --map-table moves to another schema takes its indexes and its owned
// sequences along (PostgreSQL keeps them in the table's schema: OWNED BY
// and identity sequences must be), and the schemas only --map-table names
// are created before everything else.
#pragma once

#include <vector>

#include "core/plan.hpp"
#include "plan/sql_names.hpp"

namespace cutover {

struct NativeRenames {
  NameMap map;                         // for the SQL: schemas, tables, moved indexes and sequences
  std::vector<TableRename> tables;     // --map-table
  std::vector<TableRename> sequences;  // owned sequences moved with their table
};

// REQUIRES the plan's tables planned (names, keys and indexes).
NativeRenames native_renames(const MigrationPlan& plan, const Catalog& catalog,
                             const std::vector<TableRename>& tables);

// The target schema and table of a statement (`m`, a copy of `s`): its
// table's when --map-table renamed that, its sequence's when one moved,
// else its schema's.
void place_statement(const NativeStatement& s, NativeStatement& m, const NativeRenames& renames,
                     const Options& o);

// CREATE SCHEMA for the target schemas of `renames` that no statement in
// `pre_data` creates.
std::vector<NativeStatement> rename_schemas(const std::vector<TableRename>& renames,
                                            const std::vector<NativeStatement>& pre_data);

}  // namespace cutover
