#include "plan/planner_native_names.hpp"

#include <algorithm>
#include <set>

#include "plan/planner_native.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

namespace {

bool renames_table(const TableRename& r, const std::string& schema, const std::string& name) {
  return r.from_schema == schema && r.from_name == name;
}

// Indexes (and key constraints' indexes) of the moved table `r`.
void add_indexes(const TablePlan& t, const TableRename& r, std::vector<TableRename>& out) {
  if (t.primary_key && !t.source.primary_key_name.empty())
    out.push_back({r.from_schema, t.source.primary_key_name, r.to_schema, t.primary_key->name});
  for (const auto& ix : t.indexes)
    out.push_back({r.from_schema, ix.source_name, r.to_schema, ix.name});
}

// Sequences owned by a column of the moved table `r` (serial or identity).
void add_sequences(const Catalog& catalog, const TableRename& r, std::vector<TableRename>& out) {
  for (const auto& s : catalog.post_data) {
    bool owned = s.kind == "sequence_set" || s.kind == "sequence_owner";
    bool seen = std::any_of(out.begin(), out.end(), [&](const TableRename& q) {
      return renames_table(q, s.schema, s.name);
    });
    if (owned && !seen && renames_table(r, s.schema, s.table))
      out.push_back({s.schema, s.name, r.to_schema, s.name});
  }
}

}  // namespace

NativeRenames native_renames(const MigrationPlan& plan, const Catalog& catalog,
                             const std::vector<TableRename>& tables) {
  NativeRenames out;
  out.map.schemas = plan.options.schema_map;
  out.map.tables = tables;
  out.tables = tables;
  for (const auto& r : tables) {
    if (r.to_schema == target_schema_for(plan.options, r.from_schema))
      continue;  // nothing moves with it
    for (const auto& t : plan.tables)
      if (renames_table(r, t.source.schema, t.source.name)) add_indexes(t, r, out.map.tables);
    add_sequences(catalog, r, out.sequences);
  }
  out.map.tables.insert(out.map.tables.end(), out.sequences.begin(), out.sequences.end());
  return out;
}

void place_statement(const NativeStatement& s, NativeStatement& m, const NativeRenames& renames,
                     const Options& o) {
  m.schema = target_schema_for(o, s.schema);
  for (const auto& r : renames.tables)
    if (!s.table.empty() && renames_table(r, s.schema, s.table)) {
      m.schema = r.to_schema;
      m.table = r.to_name;
    }
  if (s.kind.starts_with("sequence"))
    for (const auto& r : renames.sequences)
      if (renames_table(r, s.schema, s.name)) m.schema = r.to_schema;
}

std::vector<NativeStatement> rename_schemas(const std::vector<TableRename>& renames,
                                            const std::vector<NativeStatement>& pre_data) {
  std::set<std::string> created;
  for (const auto& s : pre_data)
    if (s.kind == "schema") created.insert(s.schema);
  std::vector<NativeStatement> out;
  for (const auto& r : renames)
    if (created.insert(r.to_schema).second)
      out.push_back({"schema", r.to_schema, "", r.to_schema,
                     "CREATE SCHEMA IF NOT EXISTS " + pg::quote_ident(r.to_schema)});
  return out;
}

}  // namespace cutover
