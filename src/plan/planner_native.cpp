#include "plan/planner_native.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "plan/options_loader.hpp"
#include "plan/planner_native_names.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {

std::string target_schema_for(const Options& options, const std::string& source_schema) {
  for (const auto& [from, to] : options.schema_map)
    if (from == source_schema) return to;
  return source_schema;
}

std::string table_target_schema(const Options& options, const Catalog& catalog, const std::string& source_schema,
                                bool fold) {
  if (catalog.engine == "postgresql") return target_schema_for(options, source_schema);
  if (!catalog.keeps_schemas) return options.target_schema;
  for (const auto& [from, to] : options.schema_map)
    if (ascii_lower(from) == ascii_lower(source_schema)) return to;
  if (ascii_lower(source_schema) == ascii_lower(catalog.default_schema)) return options.target_schema;
  return fold ? ascii_lower(source_schema) : source_schema;
}

bool schema_selected(const Options& o, const std::string& schema) {
  if (o.schemas.empty()) return true;
  for (const auto& p : o.schemas)
    if (matches_pattern(p, "", schema)) return true;
  return false;
}

namespace {

void map_table(TablePlan& t, const NameMap& m) {
  for (std::string* s : {&t.source.partition_of, &t.source.inherits, &t.source.partition_by})
    *s = map_names(*s, m);
  for (auto* list : {&t.columns, &t.generated})
    for (auto& c : *list) {
      c.type.target_type = map_names(c.type.target_type, m);
      c.identity_definition = map_names(c.identity_definition, m);
      if (c.default_sql) c.default_sql = map_names(*c.default_sql, m);
      if (c.generated_sql) c.generated_sql = map_names(*c.generated_sql, m);
    }
  if (t.primary_key) t.primary_key->definition = map_names(t.primary_key->definition, m);
  for (auto& ix : t.indexes) ix.definition = map_names(ix.definition, m);
  for (auto& ck : t.checks) ck.definition = map_names(ck.definition, m);
  for (auto& fk : t.foreign_keys) fk.definition = map_names(fk.definition, m);
}

// Which statements a mode runs: data only sets sequences and refreshes
// materialized views; schema only leaves sequences at their start; both
// creates materialized views with their data (no refresh needed). Owners
// and grants go with the schema.
bool mode_runs(Mode mode, const std::string& kind) {
  if (mode == Mode::data_only) return kind == "sequence_set" || kind == "refresh";
  return kind != "refresh" && !(mode == Mode::schema_only && kind == "sequence_set");
}

// Statements about a schema itself (and an extension's WITH SCHEMA) name
// it without a qualifier, after this marker.
std::string_view schema_marker(const NativeStatement& s) {
  if (s.kind == "schema") return "CREATE SCHEMA IF NOT EXISTS ";
  if (s.kind == "extension") return " WITH SCHEMA ";
  if (!s.table.empty()) return "";
  if (s.kind == "grant") return " ON SCHEMA ";  // the first ON: the object
  if (s.name != s.schema) return "";
  if (s.kind == "comment") return "COMMENT ON SCHEMA ";
  if (s.kind == "owner") return "ALTER SCHEMA ";
  return "";
}

std::string map_statement(const NativeStatement& s, const std::string& target_schema, const NameMap& map) {
  std::string_view marker = schema_marker(s);
  std::string own = std::string(marker) + pg::quote_ident(s.schema);
  size_t at = marker.empty() ? std::string::npos : s.sql.find(own);
  size_t end = at + own.size();
  if (at != std::string::npos && (end == s.sql.size() || s.sql[end] == ' '))
    return s.sql.substr(0, at) + std::string(marker) + pg::quote_ident(target_schema) + s.sql.substr(end);
  if (s.kind == "function") return map_function_names(s.sql, map);
  bool view = s.kind == "view" || s.kind == "materialized_view";
  return map_names(s.sql, map, view);
}

// Objects of schemas merged into one target schema must not share a name:
// relations and types share one namespace, functions another.
class MergeCheck {
 public:
  explicit MergeCheck(const Options& o) : o_(o) {}

  Status add(const char* space, const std::string& kind, const std::string& source_schema,
             const std::string& target_schema, const std::string& name) {
    std::string what = fmt::format("{} {}.{}", kind, source_schema, name);
    auto [it, fresh] = seen_.try_emplace({space, target_schema, name}, source_schema, what);
    if (fresh || it->second.first == source_schema) return {};
    return fail(ErrorKind::config,
                fmt::format("{} puts {} and {} in one schema as {}.{}", how(), it->second.second, what,
                            target_schema, name),
                "give each source schema its own target schema with --map-schema (e.g. --map-schema "
                "shop=app,hr=app_hr), or rename a table with --map-table");
  }

 private:
  std::string how() const {
    return o_.target_schema_given ? "--target-schema " + o_.target_schema : std::string("--map-schema/--map-table");
  }
  const Options& o_;
  // (namespace, target schema, name) -> (source schema, "kind schema.name")
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::string, std::string>> seen_;
};

Status check_merge(MergeCheck& check, const NativeStatement& source, const std::string& target_schema) {
  static const std::set<std::string> relations = {"type", "sequence", "view", "materialized_view"};
  if (relations.count(source.kind))
    return check.add("relation", source.kind, source.schema, target_schema, source.name);
  if (source.kind == "function") return check.add("function", source.kind, source.schema, target_schema, source.name);
  return {};
}

}  // namespace

Status plan_native(MigrationPlan& plan, const Catalog& catalog, const std::vector<TableRename>& renames) {
  const Options& o = plan.options;
  const NativeRenames names = native_renames(plan, catalog, renames);
  std::set<std::pair<std::string, std::string>> planned, catalog_tables;
  std::map<std::string, std::string> key_by_quoted;
  MergeCheck merge(o);
  for (const auto& t : catalog.tables) catalog_tables.emplace(t.schema, t.name);
  for (auto& t : plan.tables) {
    planned.emplace(t.source.schema, t.source.name);
    key_by_quoted[pg::qualified(t.source.schema, t.source.name)] = t.target_schema + "." + t.target_name;
    if (auto st = merge.add("relation", "table", t.source.schema, t.target_schema, t.target_name); !st) return st;
  }
  for (auto& t : plan.tables) {
    if (auto it = key_by_quoted.find(t.source.partition_parent); it != key_by_quoted.end())
      t.partition_parent = it->second;
    map_table(t, names.map);
  }
  auto keep = [&](const NativeStatement& s) {
    if (!mode_runs(o.mode, s.kind)) return false;
    if ((s.kind == "owner" && !o.owners) || (s.kind == "grant" && !o.grants)) return false;
    if (s.kind != "extension" && !schema_selected(o, s.schema)) return false;
    if (s.table.empty()) return true;
    if (catalog_tables.count({s.schema, s.table})) return planned.count({s.schema, s.table}) > 0;
    return table_selected(o, s.schema, s.table);  // a view
  };
  for (auto [from, to] : {std::pair{&catalog.pre_data, &plan.pre_data}, std::pair{&catalog.post_data, &plan.post_data},
                          std::pair{&catalog.access, &plan.access}})
    for (const auto& s : *from) {
      if (!keep(s)) continue;
      NativeStatement m = s;
      place_statement(s, m, names, o);
      if (auto st = check_merge(merge, s, m.schema); !st) return st;
      m.sql = map_statement(s, m.schema, names.map);
      if (s.kind == "schema") m.name = m.schema;
      to->push_back(std::move(m));
    }
  if (o.mode != Mode::data_only) {
    auto schemas = rename_schemas(renames, plan.pre_data);
    plan.pre_data.insert(plan.pre_data.begin(), schemas.begin(), schemas.end());
  }
  return {};
}

}  // namespace cutover
