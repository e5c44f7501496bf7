// Renames inside native PostgreSQL SQL (a PostgreSQL source's deparsed
// definitions, read with search_path = '' so every name is qualified):
// schema qualifiers (--map-schema, --target-schema) and qualified table
// names (--map-table). Pure string work, unit-tested in
// tests/unit/sql_names_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cutover {

using SchemaMap = std::vector<std::pair<std::string, std::string>>;

// One table renamed by --map-table: source schema.name -> target schema.name.
struct TableRename {
  std::string from_schema, from_name;
  std::string to_schema, to_name;
};

struct NameMap {
  SchemaMap schemas;
  std::vector<TableRename> tables;
  bool empty() const { return schemas.empty() && tables.empty(); }
};

// Rewrites `old.x` to `new.x` for renamed schemas and `s.t` to `s2.t2` for
// renamed tables: identifiers (bare or quoted) followed by a dot, and string
// literals holding such a name (nextval('public.seq'::regclass),
// 'shop.orders'::regclass). Dollar-quoted bodies are left alone.
// With `keep_alias` (view definitions), a renamed table that has no alias
// gets its old name as one: pg_get_viewdef qualifies columns by it
// ("FROM shop.orders WHERE orders.amount > 50").
std::string map_names(std::string_view sql, const NameMap& map, bool keep_alias = false);

// map_names for a CREATE FUNCTION/PROCEDURE (pg_get_functiondef): inside
// its dollar-quoted body too, where code is as the user wrote it (bare names
// fold to lower case; a trigger function's OLD.x and NEW.x are rows, never a
// schema), and in its SET search_path clause. Names the body builds at run
// time (EXECUTE format(...)) and unqualified names resolved through the
// caller's search_path are beyond it.
std::string map_function_names(std::string_view sql, const NameMap& map);

// map_names with schema renames only.
std::string map_schema_names(std::string_view sql, const SchemaMap& map);

}  // namespace cutover
