#include "plan/planner_native.hpp"

#include <map>
#include <set>

#include "plan/options_loader.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

const std::string* renamed(const SchemaMap& map, std::string_view name) {
  for (const auto& [from, to] : map)
    if (from == name) return &to;
  return nullptr;
}

// End of a quoted run starting at `i` (the opening quote), doubled quotes
// inside; backslash escapes too when `backslashes` (E'...').
size_t quoted_end(std::string_view s, size_t i, char q, bool backslashes) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (backslashes && s[j] == '\\') ++j;
    else if (s[j] == q && j + 1 < s.size() && s[j + 1] == q) ++j;
    else if (s[j] == q) return j + 1;
  }
  return s.size();
}

// A literal's content with a leading schema qualifier renamed.
std::string map_literal(std::string_view lit, const SchemaMap& map) {
  std::string body(lit.substr(1, lit.size() - 2));
  for (const auto& [from, to] : map) {
    std::string prefix = pg::quote_ident(from) + ".";
    if (body.starts_with(prefix)) {
      std::string target = pg::quote_ident(to);
      std::string escaped;
      for (char c : target) escaped += c == '\'' ? std::string("''") : std::string(1, c);
      return "'" + escaped + "." + body.substr(prefix.size()) + "'";
    }
  }
  return std::string(lit);
}

// "$tag$" at i, or "" when i starts no dollar quote.
std::string_view dollar_tag(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && ident_char(s[j]) && s[j] != '$') ++j;
  if (j < s.size() && s[j] == '$' && (j == i + 1 || ident_start(s[i + 1]))) return s.substr(i, j - i + 1);
  return {};
}

}  // namespace

std::string target_schema_for(const Options& options, const std::string& source_schema) {
  const std::string* to = renamed(options.schema_map, source_schema);
  return to ? *to : source_schema;
}

std::string table_target_schema(const Options& options, const Catalog& catalog, const std::string& source_schema,
                                bool fold) {
  if (catalog.engine == "postgresql") return target_schema_for(options, source_schema);
  if (!catalog.keeps_schemas) return options.target_schema;
  auto folded = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const auto& [from, to] : options.schema_map)
    if (folded(from) == folded(source_schema)) return to;
  if (folded(source_schema) == folded(catalog.default_schema)) return options.target_schema;
  return fold ? folded(source_schema) : source_schema;
}

std::string map_schema_names(std::string_view s, const SchemaMap& map) {
  if (map.empty()) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    bool after_dot = !out.empty() && out.back() == '.';
    if (c == '\'') {
      bool e = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');
      size_t end = quoted_end(s, i, '\'', e);
      out += map_literal(s.substr(i, end - i), map);
      i = end;
    } else if (c == '"' || ident_start(c)) {
      size_t end = c == '"' ? quoted_end(s, i, '"', false) : i;
      if (c != '"')
        while (end < s.size() && ident_char(s[end])) ++end;
      std::string_view token = s.substr(i, end - i);
      std::string name = c == '"' ? std::string(token.substr(1, token.size() - 2)) : std::string(token);
      if (c == '"')
        for (size_t p = name.find("\"\""); p != std::string::npos; p = name.find("\"\"", p + 1)) name.erase(p, 1);
      const std::string* to = end < s.size() && s[end] == '.' && !after_dot ? renamed(map, name) : nullptr;
      out += to ? pg::quote_ident(*to) : std::string(token);
      i = end;
    } else if (c == '$' && !dollar_tag(s, i).empty()) {
      std::string_view tag = dollar_tag(s, i);
      size_t close = s.find(tag, i + tag.size());
      size_t end = close == std::string_view::npos ? s.size() : close + tag.size();
      out += s.substr(i, end - i);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

void map_table(TablePlan& t, const SchemaMap& m) {
  for (std::string* s : {&t.source.partition_of, &t.source.inherits, &t.source.partition_by})
    *s = map_schema_names(*s, m);
  for (auto* list : {&t.columns, &t.generated})
    for (auto& c : *list) {
      c.type.target_type = map_schema_names(c.type.target_type, m);
      c.identity_definition = map_schema_names(c.identity_definition, m);
      if (c.default_sql) c.default_sql = map_schema_names(*c.default_sql, m);
      if (c.generated_sql) c.generated_sql = map_schema_names(*c.generated_sql, m);
    }
  if (t.primary_key) t.primary_key->definition = map_schema_names(t.primary_key->definition, m);
  for (auto& ix : t.indexes) ix.definition = map_schema_names(ix.definition, m);
  for (auto& ck : t.checks) ck.definition = map_schema_names(ck.definition, m);
  for (auto& fk : t.foreign_keys) fk.definition = map_schema_names(fk.definition, m);
}

bool schema_selected(const Options& o, const std::string& schema) {
  if (o.schemas.empty()) return true;
  for (const auto& p : o.schemas)
    if (matches_pattern(p, "", schema)) return true;
  return false;
}

// Which statements a mode runs: data only sets sequences and refreshes
// materialized views; schema only leaves sequences at their start; both
// creates materialized views with their data (no refresh needed).
bool mode_runs(Mode mode, const std::string& kind) {
  if (mode == Mode::data_only) return kind == "sequence_set" || kind == "refresh";
  return kind != "refresh" && !(mode == Mode::schema_only && kind == "sequence_set");
}

// Statements about a schema itself name it without a qualifier.
std::string map_statement(const NativeStatement& s, const std::string& target_schema, const SchemaMap& map) {
  for (const char* prefix : {"CREATE SCHEMA IF NOT EXISTS ", "COMMENT ON SCHEMA "}) {
    std::string own = prefix + pg::quote_ident(s.schema);
    if (s.sql.starts_with(own)) return prefix + pg::quote_ident(target_schema) + s.sql.substr(own.size());
  }
  return map_schema_names(s.sql, map);
}

}  // namespace

void plan_native(MigrationPlan& plan, const Catalog& catalog) {
  const Options& o = plan.options;
  std::set<std::pair<std::string, std::string>> planned, catalog_tables;
  std::map<std::string, std::string> key_by_quoted;
  for (const auto& t : catalog.tables) catalog_tables.emplace(t.schema, t.name);
  for (auto& t : plan.tables) {
    planned.emplace(t.source.schema, t.source.name);
    key_by_quoted[pg::qualified(t.source.schema, t.source.name)] = t.target_schema + "." + t.target_name;
  }
  for (auto& t : plan.tables) {
    if (auto it = key_by_quoted.find(t.source.partition_parent); it != key_by_quoted.end())
      t.partition_parent = it->second;
    map_table(t, o.schema_map);
  }
  auto keep = [&](const NativeStatement& s) {
    if (!mode_runs(o.mode, s.kind)) return false;
    if (s.kind != "extension" && !schema_selected(o, s.schema)) return false;
    if (s.table.empty()) return true;
    if (catalog_tables.count({s.schema, s.table})) return planned.count({s.schema, s.table}) > 0;
    return table_selected(o, s.schema, s.table);  // a view
  };
  for (auto [from, to] : {std::pair{&catalog.pre_data, &plan.pre_data}, std::pair{&catalog.post_data, &plan.post_data}})
    for (const auto& s : *from)
      if (keep(s)) {
        NativeStatement m = s;
        m.schema = target_schema_for(o, s.schema);
        m.sql = map_statement(s, m.schema, o.schema_map);
        if (s.kind == "schema") m.name = m.schema;
        to->push_back(std::move(m));
      }
}

}  // namespace cutover
