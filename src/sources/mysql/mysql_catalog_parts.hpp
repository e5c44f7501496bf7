// Internal to the MySQL catalog loader (mysql_catalog*.cpp): the per-kind
// loaders over one shared state.
#pragma once

#include <map>
#include <string>

#include "core/catalog.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {

struct CatalogLoad {
  Session& session;
  Catalog catalog;
  std::map<std::string, size_t> position;  // table name -> index in catalog.tables

  Table* table(const std::string& name) {
    auto it = position.find(name);
    return it == position.end() ? nullptr : &catalog.tables[it->second];
  }
};

Status load_columns(CatalogLoad& l);
Status load_indexes(CatalogLoad& l);
Status load_foreign_keys(CatalogLoad& l);
Status load_checks(CatalogLoad& l);
void add_enum_checks(Table& t);

// A view body in PostgreSQL spelling as far as lexing goes: the database
// qualifier dropped, `names` -> "names" (mysql_expr.cpp).
std::string translate_view(std::string_view sql, std::string_view database);

}  // namespace cutover::mysql
