// SQL text for verification scans and verify --fix: pure string building.
#include <fmt/format.h>

#include "targets/postgres/pg_ddl.hpp"
#include "targets/postgres/pg_identifiers.hpp"

namespace cutover::pg {

namespace {

std::string table_name(const TablePlan& t) { return qualified(t.target_schema, t.target_name); }

std::string columns_of(const TablePlan& t, std::string_view alias) {
  std::string out;
  for (const auto& c : t.columns)
    out += fmt::format("{}{}{}", out.empty() ? "" : ", ", alias, quote_ident(c.target_name));
  return out;
}

std::string where(const std::string& predicate) { return predicate.empty() ? "" : " WHERE " + predicate; }

// "t.a = f.a AND t.b = f.b"
std::string key_match(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += fmt::format("{}t.{} = f.{}", out.empty() ? "" : " AND ", quote_ident(k), quote_ident(k));
  return out;
}

}  // namespace

std::string range_predicate(const TablePlan& table, const ChunkSpec* range, std::string_view alias) {
  auto r = range ? range->key_range() : std::nullopt;
  if (!r) return {};
  const ColumnPlan* key = table.find_target_column(r->column);
  std::string k = std::string(alias) + quote_ident(key ? key->target_name : r->column);
  if (r->null_keys) return k + " IS NULL";
  if (r->lo && r->hi) return fmt::format("{0} >= {1} AND {0} < {2}", k, *r->lo, *r->hi);
  if (r->lo) return fmt::format("{} >= {}", k, *r->lo);
  if (r->hi) return fmt::format("{} < {}", k, *r->hi);
  return {};  // one chunk over every key
}

std::string copy_out_sql(const TablePlan& table, const ChunkSpec* range) {
  // Tables relayed as COPY text (PostgreSQL sources) are read back as text,
  // so their fields compare with the source's as the same escaped text.
  bool text = !table.columns.empty() && table.columns.front().type.decode == Decode::pg_text;
  return fmt::format("COPY (SELECT {} FROM ONLY {}{}) TO STDOUT{}", columns_of(table, ""), table_name(table),
                     where(range_predicate(table, range, "")), text ? "" : " (FORMAT binary)");
}

std::string delete_range_sql(const TablePlan& table, const ChunkSpec* range) {
  return fmt::format("DELETE FROM ONLY {}{}", table_name(table), where(range_predicate(table, range, "")));
}

std::string create_fix_table_sql(const TablePlan& table) {
  return fmt::format("CREATE TEMP TABLE {} (LIKE {}) ON COMMIT DROP", k_fix_table, table_name(table));
}

std::vector<std::string> merge_sql(const TablePlan& table, const std::vector<std::string>& keys,
                                   const ChunkSpec* range) {
  std::string scope = range_predicate(table, range, "t.");
  std::string in_scope = scope.empty() ? "" : scope + " AND ";
  std::string match = key_match(keys);
  return {
      fmt::format("DELETE FROM {} t WHERE {}NOT EXISTS (SELECT 1 FROM {} f WHERE {})", table_name(table),
                  in_scope, k_fix_table, match),
      fmt::format("UPDATE {} t SET ({}) = ROW({}) FROM {} f WHERE {}{}", table_name(table),
                  columns_of(table, ""), columns_of(table, "f."), k_fix_table, in_scope, match),
      fmt::format("INSERT INTO {} ({}) SELECT {} FROM {} f WHERE NOT EXISTS (SELECT 1 FROM {} t WHERE {})",
                  table_name(table), columns_of(table, ""), columns_of(table, "f."), k_fix_table,
                  table_name(table), match),
  };
}

}  // namespace cutover::pg
