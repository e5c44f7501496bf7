#include "plan/plan_json.hpp"

#include <fmt/format.h>

#include "util/url.hpp"
#include "verify/checksum.hpp"

namespace cutover {

using nlohmann::json;

namespace {

json column_to_json(const Column& c) {
  json j = {{"name", c.name}, {"type", c.declared_type}, {"not_null", c.not_null}};
  if (c.default_expr) j["default"] = *c.default_expr;
  if (c.generated_expr) j["generated"] = *c.generated_expr;
  if (c.autoincrement) j["autoincrement"] = true;
  return j;
}

json index_to_json(const Index& ix) {
  json cols = json::array();
  for (const auto& c : ix.columns) cols.push_back(c.name.empty() ? c.expression : c.name);
  json j = {{"name", ix.name}, {"unique", ix.unique}, {"columns", cols}};
  if (ix.predicate) j["where"] = *ix.predicate;
  return j;
}

json column_plan_to_json(const ColumnPlan& c) {
  json j = {{"source", c.source_name},  {"target", c.target_name},
            {"type", c.type.target_type}, {"rule", c.type.rule},
            {"reason", c.type.reason},  {"decode", to_string(c.type.decode)},
            {"lossy", c.type.lossy},    {"not_null", c.not_null}};
  if (c.default_sql) j["default"] = *c.default_sql;
  if (c.on_update_sql) j["on_update"] = *c.on_update_sql;
  if (c.generated_sql) j["generated"] = *c.generated_sql;
  if (c.identity) j["identity"] = true;
  if (!c.derived.empty()) j["derived"] = c.derived;
  return j;
}

json index_plan_to_json(const IndexPlan& ix) {
  json j = {{"name", ix.name}, {"source", ix.source_name}, {"unique", ix.unique},
            {"elements", ix.elements}};
  if (ix.predicate) j["where"] = *ix.predicate;
  return j;
}

}  // namespace

json catalog_to_json(const Catalog& catalog) {
  json tables = json::array();
  for (const auto& t : catalog.tables) {
    json cols = json::array(), idx = json::array(), fks = json::array();
    for (const auto& c : t.columns) cols.push_back(column_to_json(c));
    for (const auto& i : t.indexes) idx.push_back(index_to_json(i));
    for (const auto& f : t.foreign_keys)
      fks.push_back({{"columns", f.columns}, {"references", f.ref_table},
                     {"ref_columns", f.ref_columns}, {"on_delete", f.on_delete},
                     {"on_update", f.on_update}});
    tables.push_back({{"schema", t.schema}, {"name", t.name}, {"rows", t.row_estimate},
                      {"columns", cols}, {"primary_key", t.primary_key}, {"indexes", idx},
                      {"foreign_keys", fks}, {"without_rowid", t.without_rowid}});
  }
  json views = json::array();
  for (const auto& v : catalog.views) views.push_back({{"name", v.name}, {"sql", v.definition}});
  return {{"engine", catalog.engine},   {"database", catalog.database},
          {"version", catalog.server_version}, {"tables", tables},
          {"views", views},             {"not_migrated", catalog.not_migrated},
          {"warnings", catalog.warnings}};
}

json table_plan_to_json(const TablePlan& t) {
  json cols = json::array(), chunks = json::array(), idx = json::array(), fks = json::array();
  for (const auto& c : t.columns) cols.push_back(column_plan_to_json(c));
  for (const auto& c : t.generated) cols.push_back(column_plan_to_json(c));
  for (const auto& c : t.dropped) {  // `=drop` casts: not copied
    json j = column_plan_to_json(c);
    j["target"] = nullptr;
    j["type"] = nullptr;
    j["dropped"] = true;
    cols.push_back(std::move(j));
  }
  for (const auto& c : t.chunks) {
    json chunk = {{"index", c.index}, {"range", c.describe()}};
    if (!c.key_columns.empty())  // tuple-bounded chunks only: SQLite plans (and their hash) stay as they were
      chunk.update({{"key_columns", c.key_columns}, {"lower", c.lower}, {"upper", c.upper}});
    chunks.push_back(std::move(chunk));
  }
  for (const auto& i : t.indexes) idx.push_back(index_plan_to_json(i));
  for (const auto& f : t.foreign_keys)
    fks.push_back({{"name", f.name}, {"columns", f.columns},
                   {"references", f.ref_schema + "." + f.ref_table}, {"ref_columns", f.ref_columns}});
  json j = {{"source", t.source.name}, {"target", t.target_schema + "." + t.target_name},
            {"rows", t.source.row_estimate}, {"columns", cols}, {"chunks", chunks},
            {"chunk_reason", t.chunk_reason}, {"indexes", idx}, {"foreign_keys", fks},
            {"warnings", t.warnings}};
  if (t.primary_key) j["primary_key"] = index_plan_to_json(*t.primary_key);
  return j;
}

json plan_to_json(const MigrationPlan& plan) {
  const Options& o = plan.options;
  json casts = json::array();
  for (const auto& c : o.casts) casts.push_back(c.text);
  json tables = json::array();
  for (const auto& t : plan.tables) tables.push_back(table_plan_to_json(t));
  json renames = json::array();
  for (const auto& r : plan.renames)
    renames.push_back({{"kind", r.kind}, {"source", r.source}, {"target", r.target}, {"reason", r.reason}});
  json views = json::array();
  for (const auto& v : plan.views) views.push_back(v.name);
  return {{"source", redact_url(o.source_url)}, {"target", redact_url(o.target_url)},
          {"source_engine", plan.source_engine}, {"mode", to_string(o.mode)},
          {"target_schema", o.target_schema}, {"jobs", o.jobs}, {"chunk_rows", o.chunk_rows},
          {"batch_rows", o.batch_rows}, {"casts", casts}, {"tables", tables},
          {"renames", renames}, {"views_not_migrated", views},
          {"not_migrated", plan.not_migrated}, {"warnings", plan.warnings}};
}

namespace {

std::map<std::string, json> tables_by_source(const json& plan) {
  std::map<std::string, json> out;
  for (const auto& t : plan.value("tables", json::array())) out[t.value("source", "")] = t;
  return out;
}

void compare_table(const std::string& name, const json& a, const json& b, std::vector<std::string>& out) {
  std::map<std::string, std::string> types_a, types_b;
  auto key = [](const json& c) {  // a derived column by its source column and what it derives
    std::string k = c["source"];
    return c.contains("derived") ? k + " (" + c["derived"].get<std::string>() + ")" : k;
  };
  auto type = [](const json& c) { return c["type"].is_null() ? std::string("dropped") : c["type"].get<std::string>(); };
  for (const auto& c : a["columns"]) types_a[key(c)] = type(c);
  for (const auto& c : b["columns"]) types_b[key(c)] = type(c);
  for (const auto& [col, type] : types_b) {
    auto it = types_a.find(col);
    if (it == types_a.end()) out.push_back(fmt::format("table {}: column {} is new", name, col));
    else if (it->second != type)
      out.push_back(fmt::format("table {}: column {} was {}, now {}", name, col, it->second, type));
  }
  for (const auto& [col, _] : types_a)
    if (!types_b.count(col)) out.push_back(fmt::format("table {}: column {} is gone", name, col));
  if (a["chunks"] != b["chunks"])
    out.push_back(fmt::format("table {}: chunks changed ({} before, {} now; source rows or --chunk-rows differ)",
                              name, a["chunks"].size(), b["chunks"].size()));
}

}  // namespace

std::vector<std::string> describe_plan_changes(const json& before, const json& after) {
  std::vector<std::string> out;
  for (const char* key : {"source", "mode", "target_schema", "chunk_rows", "casts"})
    if (before.value(key, json()) != after.value(key, json()))
      out.push_back(fmt::format("{} was {}, now {}", key, before.value(key, json()).dump(),
                                after.value(key, json()).dump()));
  auto a = tables_by_source(before), b = tables_by_source(after);
  for (const auto& [name, t] : b) {
    if (!a.count(name)) out.push_back(fmt::format("table {} is new", name));
    else compare_table(name, a[name], t, out);
  }
  for (const auto& [name, _] : a)
    if (!b.count(name)) out.push_back(fmt::format("table {} is no longer selected", name));
  if (out.empty() && before != after) out.push_back("details of the plan differ (indexes, keys or defaults)");
  return out;
}

RunIdentity make_run_identity(const MigrationPlan& plan) {
  RunIdentity id;
  id.source = redact_url(plan.options.source_url);
  std::string scope = id.source + "|" + plan.options.target_schema + "|" + to_string(plan.options.mode);
  for (const auto& t : plan.tables) scope += "|" + t.source.name;
  id.run_id = checksum_hex(hash_bytes(scope, 17));
  json p = plan_to_json(plan);
  p.erase("jobs");
  p.erase("target");
  // Row estimates are not part of what a run does, and MySQL's move as InnoDB
  // re-samples its statistics: a resume must not see a changed plan.
  for (auto& t : p["tables"]) t.erase("rows");
  id.plan_json = p.dump();
  id.plan_hash = checksum_hex(hash_bytes(id.plan_json, 23));
  return id;
}

}  // namespace cutover
