#include "sources/sqlite/sqlite_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sources/sqlite/sqlite_lexer.hpp"

namespace cutover::sqlite {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

struct Loader {
  Session& session;
  Catalog& catalog;
  std::vector<ParsedTable> parsed;  // aligned with catalog.tables
  std::map<std::string, size_t> position;
  bool has_sequence = false;

  Table* table(const std::string& name) {
    auto it = position.find(name);
    return it == position.end() ? nullptr : &catalog.tables[it->second];
  }

  void add_table(const std::string& name, ParsedTable p) {
    position[name] = catalog.tables.size();
    Table t;
    t.schema = "main";
    t.name = name;
    catalog.tables.push_back(std::move(t));
    parsed.push_back(std::move(p));
  }

  // Virtual tables and their shadow tables (name "<virtual>_suffix") are not
  // migrated: PostgreSQL has no modules like fts5 or rtree.
  Status load_tables() {
    std::vector<std::pair<std::string, ParsedTable>> all;
    std::vector<std::string> virtuals;
    auto st = session.query(catalog_sql("tables"), [&](Statement& s) {
      std::string name = s.column_text(0);
      if (starts_with_ci(name, "sqlite_")) {
        has_sequence = has_sequence || name == "sqlite_sequence";
        return true;
      }
      ParsedTable p = parse_create_table(s.column_text(1));
      if (p.is_virtual) {
        catalog.not_migrated.push_back(fmt::format("virtual table {} (USING {})", name, p.module));
        virtuals.push_back(name);
      } else {
        all.emplace_back(std::move(name), std::move(p));
      }
      return true;
    });
    if (!st) return st;
    for (auto& [name, p] : all) {
      auto shadow_of = std::find_if(virtuals.begin(), virtuals.end(), [&](const std::string& v) {
        return starts_with_ci(name, v + "_");
      });
      if (shadow_of != virtuals.end())
        catalog.not_migrated.push_back(
            fmt::format("shadow table {} of virtual table {}", name, *shadow_of));
      else
        add_table(name, std::move(p));
    }
    return {};
  }

  Status load_columns() {
    std::map<std::string, std::map<int64_t, std::string>> pk_parts;
    auto st = session.query(catalog_sql("columns"), [&](Statement& s) {
      std::string tname = s.column_text(0);
      Table* t = table(tname);
      if (t == nullptr) return true;
      Column c;
      c.ordinal = static_cast<int>(s.column_int64(1));
      c.name = s.column_text(2);
      c.declared_type = s.column_text(3);
      c.not_null = s.column_int64(4) != 0;
      if (!s.column_is_null(5)) c.default_expr = s.column_text(5);
      if (int64_t pk = s.column_int64(6); pk > 0) pk_parts[tname][pk] = c.name;
      int64_t hidden = s.column_int64(7);
      if (hidden == 2 || hidden == 3) c.generated_expr = "";  // text filled from CREATE
      c.generated_stored = hidden == 3;
      t->columns.push_back(std::move(c));
      return true;
    });
    for (auto& [tname, parts] : pk_parts)
      for (auto& [pos, col] : parts) table(tname)->primary_key.push_back(col);
    return st;
  }

  void apply_parsed(Table& t, const ParsedTable& p) {
    t.without_rowid = p.without_rowid;
    t.checks = p.checks;
    for (auto& c : t.columns) {
      const ParsedColumn* pc = p.find_column(c.name);
      if (pc == nullptr) continue;
      c.collation = pc->collation;
      c.autoincrement = pc->autoincrement;
      if (c.generated_expr && pc->generated_expr) c.generated_expr = pc->generated_expr;
    }
    for (auto& c : t.columns) {
      if (c.generated_expr && c.generated_expr->empty()) {
        catalog.warnings.push_back(fmt::format(
            "{}.{}: generated column expression not found in CREATE TABLE; copied as data",
            t.name, c.name));
        c.generated_expr.reset();
      }
      bool in_pk = std::find(t.primary_key.begin(), t.primary_key.end(), c.name) != t.primary_key.end();
      if (in_pk && t.without_rowid) c.not_null = true;
    }
    set_rowid_alias(t, p);
  }

  // SQLite rule (lang_createtable.html#rowid): a single-column PRIMARY KEY
  // declared exactly "INTEGER" aliases the rowid, except in WITHOUT ROWID
  // tables and for "INTEGER PRIMARY KEY DESC". It is an auto id even without
  // AUTOINCREMENT, so it is marked autoincrement (the target makes it identity).
  static void set_rowid_alias(Table& t, const ParsedTable& p) {
    if (t.without_rowid || t.primary_key.size() != 1) return;
    for (auto& c : t.columns) {
      if (c.name != t.primary_key[0] || !iequals(c.declared_type, "INTEGER")) continue;
      const ParsedColumn* pc = p.find_column(c.name);
      if (pc != nullptr && pc->primary_key_desc) return;
      t.rowid_alias = c.name;
      c.autoincrement = true;
      c.not_null = true;
    }
  }

  Status load_sequences() {
    if (!has_sequence) return {};
    return session.query(catalog_sql("sequences"), [&](Statement& s) {
      Table* t = table(s.column_text(0));
      if (t != nullptr && !s.column_is_null(1)) t->sequence_value = s.column_int64(1);
      return true;
    });
  }

  Status load_views_and_triggers() {
    return session.query(catalog_sql("views_triggers"), [&](Statement& s) {
      std::string type = s.column_text(0);
      if (type == "view")
        catalog.views.push_back({"main", s.column_text(1), view_query(s.column_text(3))});
      else
        catalog.not_migrated.push_back(
            fmt::format("trigger {} on {}", s.column_text(1), s.column_text(2)));
      return true;
    });
  }

  Status count_rows() {
    for (auto& t : catalog.tables) {
      auto n = session.query_int64(fmt::format("SELECT count(*) FROM {}", quote_identifier(t.name)));
      if (!n) return fail(n.error().in_table(t.name));
      t.row_estimate = *n;
    }
    return {};
  }
};

}  // namespace

Result<Catalog> load_catalog(Session& session) {
  Catalog catalog;
  catalog.engine = "sqlite";
  catalog.database = session.path();
  catalog.server_version = sqlite3_libversion();
  Loader loader{session, catalog, {}, {}, false};
  if (auto st = loader.load_tables(); !st) return fail(st.error());
  if (auto st = loader.load_columns(); !st) return fail(st.error());
  for (size_t i = 0; i < catalog.tables.size(); ++i)
    loader.apply_parsed(catalog.tables[i], loader.parsed[i]);
  if (auto st = loader.load_sequences(); !st) return fail(st.error());
  if (auto st = load_indexes(session, catalog, loader.parsed); !st) return fail(st.error());
  if (auto st = load_foreign_keys(session, catalog, loader.parsed); !st) return fail(st.error());
  if (auto st = loader.load_views_and_triggers(); !st) return fail(st.error());
  if (auto st = loader.count_rows(); !st) return fail(st.error());
  return catalog;
}

}  // namespace cutover::sqlite
