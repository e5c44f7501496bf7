#include "sources/mysql/mysql_catalog.hpp"

#include <fmt/format.h>

#include <map>

#include "sources/mysql/mysql_catalog_parts.hpp"

namespace cutover::mysql {

std::vector<std::string> enum_labels(std::string_view type) {
  std::vector<std::string> out;
  size_t open = type.find('(');
  if (open == std::string_view::npos) return out;
  std::string cur;
  bool in = false;
  for (size_t i = open + 1; i < type.size(); ++i) {
    char c = type[i];
    if (!in) {
      if (c == '\'') in = true, cur.clear();
      continue;
    }
    if (c == '\'' && i + 1 < type.size() && type[i + 1] == '\'') {
      cur += '\'';
      ++i;
    } else if (c == '\\' && i + 1 < type.size()) {
      cur += type[++i];
    } else if (c == '\'') {
      in = false;
      out.push_back(cur);
    } else {
      cur += c;
    }
  }
  return out;
}

namespace {

Status load_tables(CatalogLoad& l) {
  return l.session.query(catalog_sql("tables"), [&](const Row& r) {
    if (r.text(1) == "VIEW") return true;  // views.sql
    Table t;
    t.schema = l.catalog.database;
    t.name = r.text(0);
    t.row_estimate = r.int64(2);
    t.size_bytes = r.int64(3);
    if (!r.is_null(4) && r.int64(4) > 1) t.sequence_value = r.int64(4) - 1;
    t.comment = r.text(5);
    l.position[t.name] = l.catalog.tables.size();
    l.catalog.tables.push_back(std::move(t));
    return true;
  });
}

Status load_views(CatalogLoad& l) {
  return l.session.query(catalog_sql("views"), [&](const Row& r) {
    l.catalog.views.push_back({l.catalog.database, r.text(0), translate_view(r.text(1), l.catalog.database)});
    return true;
  });
}

Status load_not_migrated(CatalogLoad& l) {
  return l.session.query(catalog_sql("not_migrated"), [&](const Row& r) {
    l.catalog.not_migrated.push_back(r.text(0));
    return true;
  });
}

}  // namespace

Result<Catalog> load_catalog(Session& session, const std::string& database) {
  CatalogLoad l{session, {}, {}};
  l.catalog.engine = "mysql";
  l.catalog.database = database;
  l.catalog.server_version = session.server_version();
  for (auto step : {load_tables, load_columns, load_indexes, load_foreign_keys, load_checks, load_views,
                    load_not_migrated})
    if (auto st = step(l); !st) return fail(st.error());
  for (auto& t : l.catalog.tables) add_enum_checks(t);
  return std::move(l.catalog);
}

}  // namespace cutover::mysql
