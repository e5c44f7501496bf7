#include "plan/planner_translated.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "plan/expr_rewrite.hpp"
#include "plan/planner_native.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {
namespace {

std::string target_name(const std::string& name, bool fold) { return fold ? ascii_lower(name) : name; }

// PostgreSQL sequences are at most bigint: decimal bounds beyond it are
// clamped (with a warning).
std::string clamp(const std::string& value, bool& clamped) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec == std::errc() && end == value.data() + value.size()) return value;
  clamped = true;
  return std::to_string(value.starts_with('-') ? std::numeric_limits<int64_t>::min()
                                                : std::numeric_limits<int64_t>::max());
}

std::string pg_sequence_type(const std::string& type) {
  if (type == "int") return "integer";
  if (type == "smallint" || type == "tinyint") return "smallint";
  return "bigint";
}

std::string create_sequence_sql(const Sequence& s, const std::string& qualified, bool& clamped) {
  return fmt::format("CREATE SEQUENCE IF NOT EXISTS {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} {}",
                     qualified, pg_sequence_type(s.type), s.increment, clamp(s.min_value, clamped),
                     clamp(s.max_value, clamped), s.start, s.cycle ? "CYCLE" : "NO CYCLE");
}

// Never used: the next call gives the start; else the one after the last.
std::string setval_sql(const Sequence& s, const std::string& qualified) {
  return s.last ? fmt::format("SELECT setval({}, {}, true)", pg::quote_literal(qualified), *s.last)
                : fmt::format("SELECT setval({}, {}, false)", pg::quote_literal(qualified), s.start);
}

// A default naming a sequence that is not migrated (not selected) would
// make its table fail: dropped with a warning.
void point_defaults(MigrationPlan& plan, const std::map<std::string, std::string>& targets) {
  for (auto& t : plan.tables)
    for (auto& c : t.columns) {
      if (!c.default_sql || c.default_sql->find("nextval(") == std::string::npos) continue;
      bool pointed = false;
      for (const auto& [source, target] : targets) {  // names compare case-insensitively, as in SQL Server
        std::string from = ascii_lower("nextval(" + pg::quote_literal(source) + "::regclass)");
        std::string to = "nextval(" + pg::quote_literal(target) + "::regclass)";
        for (size_t at = ascii_lower(*c.default_sql).find(from); at != std::string::npos;
             at = ascii_lower(*c.default_sql).find(from, at + to.size())) {
          c.default_sql->replace(at, from.size(), to);
          pointed = true;
        }
      }
      if (pointed) continue;
      t.warnings.push_back(fmt::format("column {}: default {} names a sequence that is not migrated and was dropped",
                                       c.source_name, *c.default_sql));
      c.default_sql.reset();
    }
}

}  // namespace

void plan_sequences(MigrationPlan& plan, const Catalog& catalog, bool fold) {
  const Options& o = plan.options;
  std::map<std::string, std::string> targets;  // "dbo.Seq" (and "Seq" in dbo) -> "public.seq"
  std::set<std::string> schemas;
  for (const auto& s : catalog.sequences) {
    if (!schema_selected(o, s.schema)) continue;
    std::string schema = table_target_schema(o, catalog, s.schema, fold);
    std::string name = target_name(s.name, fold);
    std::string qualified = pg::qualified(schema, name);
    targets[s.schema + "." + s.name] = qualified;
    if (ascii_lower(s.schema) == ascii_lower(catalog.default_schema)) targets[s.name] = qualified;
    bool clamped = false;
    if (o.mode != Mode::data_only) {
      if (schemas.insert(schema).second)
        plan.pre_data.push_back({"schema", schema, "", schema, "CREATE SCHEMA IF NOT EXISTS " + pg::quote_ident(schema)});
      plan.pre_data.push_back({"sequence", schema, "", name, create_sequence_sql(s, qualified, clamped)});
    }
    if (o.mode != Mode::schema_only) plan.post_data.push_back({"sequence_set", schema, "", name, setval_sql(s, qualified)});
    if (clamped)
      plan.warnings.push_back(fmt::format("sequence {}.{}: bounds beyond bigint are clamped to bigint's range on the "
                                          "target (PostgreSQL sequences are bigint)", s.schema, s.name));
  }
  if (catalog.keeps_schemas) point_defaults(plan, targets);
}

void plan_views(MigrationPlan& plan, const Catalog& catalog, bool fold) {
  const Options& o = plan.options;
  std::map<std::string, std::string> schemas;  // lower-case source schema -> target schema
  auto add = [&](const std::string& s) { schemas[ascii_lower(s)] = table_target_schema(o, catalog, s, fold); };
  for (const auto& t : catalog.tables) add(t.schema);
  for (const auto& v : catalog.views) add(v.schema);
  for (const auto& s : catalog.sequences) add(s.schema);
  std::vector<View> views;
  for (View v : plan.views) {
    if (v.source_names) {
      if (!schema_selected(o, v.schema)) continue;
      v.target_schema = table_target_schema(o, catalog, v.schema, fold);
      v.name = target_name(v.name, fold);
      v.definition = map_schema_qualifiers(fold ? lower_quoted_identifiers(v.definition) : v.definition, schemas);
    }
    views.push_back(std::move(v));
  }
  plan.views = std::move(views);
}

}  // namespace cutover
