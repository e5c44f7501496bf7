// Columns, index parts, foreign keys and checks of the MySQL catalog.
#include <fmt/format.h>

#include <algorithm>

#include "sources/mysql/mysql_catalog.hpp"
#include "sources/mysql/mysql_catalog_parts.hpp"
#include "util/text.hpp"

namespace cutover::mysql {
namespace {

bool is_expression_default(const std::string& extra, const std::string& value) {
  std::string v = ascii_lower(value);
  return extra.find("DEFAULT_GENERATED") != std::string::npos || v.starts_with("current_timestamp") ||
         v.starts_with("now(") || v.starts_with("b'");
}

// MariaDB 10.2.7+ writes defaults as expressions (strings quoted, NULL as
// NULL); MySQL writes literal values unquoted and marks expressions
// DEFAULT_GENERATED. Either way the result is a MySQL expression.
std::optional<std::string> normalize_default(const Row& r, bool mariadb, const std::string& data_type) {
  if (r.is_null(3)) return std::nullopt;
  std::string v = r.text(3);
  std::string extra = r.text(8);
  if (mariadb) return v == "NULL" ? std::nullopt : std::optional(v);
  if (is_expression_default(extra, v)) return v;
  static const char* k_numeric[] = {"tinyint", "smallint", "mediumint", "int", "bigint", "decimal",
                                    "float", "double", "year", "bit"};
  for (const char* n : k_numeric)
    if (data_type == n) return v;
  return quote_string(v);
}

// "on update current_timestamp()" / "on update CURRENT_TIMESTAMP(3)"
std::optional<std::string> on_update(const std::string& extra) {
  std::string l = ascii_lower(extra);
  size_t at = l.find("on update ");
  if (at == std::string::npos) return std::nullopt;
  return extra.substr(at + 10);
}

Column column_of(const Row& r, bool mariadb) {
  Column c;
  c.name = r.text(1);
  c.ordinal = static_cast<int>(r.int64(2)) - 1;
  c.not_null = r.text(4) == "NO";
  std::string data_type = ascii_lower(r.text(5));
  c.declared_type = r.text(6);
  c.collation = r.text(7);
  std::string extra = r.text(8);
  c.comment = r.text(9);
  std::string lextra = ascii_lower(extra);
  c.autoincrement = lextra.find("auto_increment") != std::string::npos;
  c.on_update_expr = on_update(extra);
  if (lextra.find("virtual") != std::string::npos || lextra.find("stored") != std::string::npos ||
      lextra.find("persistent") != std::string::npos) {
    c.generated_expr = r.optional(10);
    c.generated_stored = lextra.find("virtual") == std::string::npos;
  } else {
    c.default_expr = normalize_default(r, mariadb, data_type);
  }
  return c;
}

// "PRIMARY" parts, or a secondary index's parts.
void add_index_part(Table& t, const Row& r) {
  std::string name = r.text(1);
  std::string kind = r.text(6);
  if (kind == "FULLTEXT") {  // its columns; the planner makes it GIN on to_tsvector
    if (r.int64(3) == 1) {
      Index idx;
      idx.name = name;
      idx.fulltext = true;
      t.indexes.push_back(std::move(idx));
    }
    t.indexes.back().columns.push_back({r.text(4), "", false});
    return;
  }
  if (kind == "SPATIAL") {  // one column; the planner makes it GiST or reports it
    Index idx;
    idx.name = name;
    idx.spatial = true;
    idx.columns.push_back({r.text(4), "", false});
    t.indexes.push_back(std::move(idx));
    return;
  }
  IndexColumn part;
  part.name = r.text(4);
  part.descending = r.text(7) == "D";
  if (!r.is_null(5)) {  // prefix index: the first n characters
    part.expression = fmt::format("left({}, {})", quote_identifier(part.name), r.int64(5));
    part.name.clear();
  }
  if (name == "PRIMARY") {
    t.primary_key.push_back(r.text(4));
    return;
  }
  if (t.indexes.empty() || t.indexes.back().name != name || r.int64(3) == 1) {
    Index idx;
    idx.name = name;
    idx.unique = r.int64(2) == 0;
    idx.from_constraint = idx.unique;
    t.indexes.push_back(std::move(idx));
  }
  t.indexes.back().columns.push_back(std::move(part));
}

// MariaDB's JSON is LONGTEXT with CHECK (json_valid(`c`)): the column is
// declared json and the check dropped.
bool json_check(Table& t, const std::string& clause) {
  if (!clause.starts_with("json_valid(`") || !clause.ends_with("`)")) return false;
  std::string col = clause.substr(12, clause.size() - 14);
  for (auto& c : t.columns)
    if (c.name == col && ascii_lower(c.declared_type) == "longtext") {
      c.declared_type = "json";
      return true;
    }
  return false;
}

}  // namespace

Status load_columns(CatalogLoad& l) {
  bool mariadb = l.session.is_mariadb();
  return l.session.query(catalog_sql("columns"), [&](const Row& r) {
    if (Table* t = l.table(r.text(0))) t->columns.push_back(column_of(r, mariadb));
    return true;
  });
}

Status load_indexes(CatalogLoad& l) {
  return l.session.query(catalog_sql("indexes"), [&](const Row& r) {
    if (Table* t = l.table(r.text(0))) add_index_part(*t, r);
    return true;
  });
}

Status load_foreign_keys(CatalogLoad& l) {
  return l.session.query(catalog_sql("foreign_keys"), [&](const Row& r) {
    Table* t = l.table(r.text(0));
    if (t == nullptr) return true;
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != r.text(1)) {
      ForeignKey fk;
      fk.name = r.text(1);
      fk.ref_schema = r.text(3);
      fk.ref_table = r.text(4);
      fk.on_update = r.text(6);
      fk.on_delete = r.text(7);
      t->foreign_keys.push_back(std::move(fk));
    }
    t->foreign_keys.back().columns.push_back(r.text(2));
    t->foreign_keys.back().ref_columns.push_back(r.text(5));
    return true;
  });
}

Status load_checks(CatalogLoad& l) {
  auto st = l.session.query(catalog_sql(l.session.is_mariadb() ? "checks_mariadb" : "checks_mysql"),
                            [&](const Row& r) {
                              Table* t = l.table(r.text(0));
                              if (t == nullptr || json_check(*t, r.text(2))) return true;
                              t->checks.push_back({r.text(1), r.text(2)});
                              return true;
                            });
  if (!st && st.error().native_code == 1109) return {};  // MySQL < 8.0.16: no check_constraints
  return st;
}

void add_enum_checks(Table& t) {
  for (const auto& c : t.columns) {
    if (!ascii_lower(c.declared_type).starts_with("enum(")) continue;
    std::string list;
    for (const auto& label : enum_labels(c.declared_type)) list += (list.empty() ? "" : ", ") + quote_string(label);
    t.checks.push_back({fmt::format("{}_{}_enum", t.name, c.name),
                        fmt::format("{} IN ({})", quote_identifier(c.name), list)});
  }
}

}  // namespace cutover::mysql
