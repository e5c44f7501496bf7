// Target schema and name of every planned table (part of the planner):
// --map-table renames, --target-schema for a PostgreSQL source, and the
// errors when two tables would land on one name.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "plan/sql_names.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

// PostgreSQL source: --target-schema T maps every selected source schema
// (--schemas) to T, as --map-schema s=T would, into `o.schema_map`. An
// error together with --map-schema. Nothing when it was not given.
Status resolve_target_schema(Options& o, const Catalog& catalog);

// --map-table entries against the catalog: each names one selected source
// table ("s.t", or "t" when only one schema has it; exact spelling first,
// then case-insensitive), and no two map to one target. The target schema
// is the one written, else the table's own target schema (--map-schema for
// a PostgreSQL source, --target-schema otherwise); names are kept as written.
Result<std::vector<TableRename>> resolve_table_map(const Options& o, const Catalog& catalog,
                                                   bool native);

// Names the planned tables one by one: a renamed table gets its --map-table
// target; any other its source name (lower-cased when `fold`) in its target
// schema, shortened or suffixed by the schema's NameAllocator when needed.
// A table whose name another table already took through --map-table, or
// (PostgreSQL source) whose schema was merged with one holding the same
// name, is an error.
class TableNamer {
 public:
  TableNamer(const Options& o, const Catalog& catalog, std::vector<TableRename> renames, bool native, bool fold,
             std::map<std::string, pg::NameAllocator>& relations);
  Status name(TablePlan& tp, MigrationPlan& plan);
  const std::vector<TableRename>& renames() const { return renames_; }

 private:
  const Options& o_;
  const Catalog& catalog_;
  std::vector<TableRename> renames_;
  bool native_, fold_;
  std::map<std::string, pg::NameAllocator>& relations_;
  struct Owner {
    std::string schema;    // source schema
    std::string source;    // source "schema.name"
    bool renamed = false;  // by --map-table
  };
  std::map<std::string, Owner> taken_;  // wanted target "schema.name" -> the table that has it
};

}  // namespace cutover
