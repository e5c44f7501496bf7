#include "plan/schema_compare.hpp"

#include <fmt/format.h>

#include <set>

namespace cutover {

namespace {

std::string column_line(const ColumnPlan& c) {
  std::string out = c.type.target_type;
  if (!c.identity_definition.empty()) return out + " " + c.identity_definition;
  if (c.not_null) out += " NOT NULL";
  if (c.generated_sql) out += " GENERATED ALWAYS AS (" + *c.generated_sql + ") STORED";
  if (c.default_sql) out += " DEFAULT " + *c.default_sql;
  return out;
}

void add_table(SchemaFingerprint& f, const TablePlan& t) {
  std::string key = t.target_schema + "." + t.target_name;
  const Table& s = t.source;
  f["table " + key] = fmt::format("{}{}{}{}", s.unlogged ? "UNLOGGED " : "", s.partition_of, s.inherits, s.partition_by);
  for (const auto* list : {&t.columns, &t.generated})
    for (const auto& c : *list) f["column " + key + "." + c.target_name] = column_line(c);
  if (t.primary_key) f["constraint " + key + "." + t.primary_key->name] = t.primary_key->definition;
  for (const auto& ix : t.indexes)
    f[(ix.as_constraint ? "constraint " : "index ") + key + "." + ix.name] =
        (ix.unique && !ix.as_constraint ? "UNIQUE " : "") + ix.definition;
  for (const auto& ck : t.checks) f["constraint " + key + "." + ck.name] = ck.definition;
  for (const auto& fk : t.foreign_keys) f["constraint " + key + "." + fk.name] = fk.definition;
}

void add_statement(SchemaFingerprint& f, const NativeStatement& s) {
  if (s.kind == "sequence_set") return;  // positions are data, not schema
  std::string key = s.kind == "comment" ? s.sql.substr(0, s.sql.find(" IS "))
                                        : fmt::format("{} {}.{}{}", s.kind, s.schema, s.table.empty() ? "" : s.table + ".", s.name);
  f[key] = s.sql;
}

}  // namespace

SchemaFingerprint schema_fingerprint(const MigrationPlan& plan) {
  SchemaFingerprint f;
  for (const auto& t : plan.tables) add_table(f, t);
  for (const auto* list : {&plan.pre_data, &plan.post_data})
    for (const auto& s : *list) add_statement(f, s);
  return f;
}

std::string SchemaDifference::describe() const {
  if (target.empty()) return fmt::format("missing in target: {}: {}", object, source);
  if (source.empty()) return fmt::format("only in target: {}: {}", object, target);
  return fmt::format("differs: {}\n  source: {}\n  target: {}", object, source, target);
}

std::vector<SchemaDifference> compare_schemas(const SchemaFingerprint& source, const SchemaFingerprint& target) {
  std::vector<SchemaDifference> out;
  for (const auto& [k, v] : source) {
    auto it = target.find(k);
    if (it == target.end()) out.push_back({k, v.empty() ? "(exists)" : v, ""});
    else if (it->second != v) out.push_back({k, v, it->second});
  }
  for (const auto& [k, v] : target)
    if (!source.count(k)) out.push_back({k, "", v.empty() ? "(exists)" : v});
  return out;
}

std::vector<std::string> data_only_differences(const MigrationPlan& plan, const Catalog& target) {
  std::vector<std::string> out;
  for (const auto& t : plan.tables) {
    std::string name = t.target_schema + "." + t.target_name;
    const Table* dst = target.find_table(t.target_schema, t.target_name);
    if (!dst) {
      out.push_back(fmt::format("table {} does not exist in the target", name));
      continue;
    }
    std::set<std::string> copied;
    for (const auto& c : t.columns) {
      copied.insert(c.target_name);
      const Column* dc = dst->find_column(c.target_name);
      std::string type = c.type.target_type.substr(0, c.type.target_type.find(" COLLATE "));
      if (!dc)
        out.push_back(fmt::format("table {}: column {} ({}) does not exist in the target", name, c.target_name, type));
      else if (dc->declared_type != type)
        out.push_back(fmt::format("table {}: column {} is {} in the source but {} in the target", name,
                                  c.target_name, type, dc->declared_type));
    }
    for (const auto& dc : dst->columns)
      if (!copied.count(dc.name) && dc.not_null && !dc.default_expr && !dc.generated_expr &&
          dc.identity_definition.empty())
        out.push_back(fmt::format("table {}: target column {} is NOT NULL without a default and the source "
                                  "has no such column", name, dc.name));
  }
  return out;
}

}  // namespace cutover
