#include "sources/postgres/postgres_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/embedded_sql.hpp"

namespace cutover::postgres {

namespace {

// A query result read by column name.
class Rows {
 public:
  explicit Rows(pg::PgResult r) : r_(std::move(r)) {}
  int size() const { return r_.rows(); }
  std::string text(int row, const char* col) const {
    return r_.get_opt(row, PQfnumber(r_.raw(), col)).value_or("");
  }
  std::optional<std::string> opt(int row, const char* col) const { return r_.get_opt(row, PQfnumber(r_.raw(), col)); }
  int64_t number(int row, const char* col) const { return r_.get_int64(row, PQfnumber(r_.raw(), col)); }
  bool flag(int row, const char* col) const { return text(row, col) == "t"; }

 private:
  pg::PgResult r_;
};

Result<Rows> run(pg::Connection& conn, const char* file) {
  auto r = conn.query(sql_file(fmt::format("sources/postgres/sql/{}", file)));
  if (!r) return fail(std::move(r.error()));
  return Rows(std::move(*r));
}

Table table_from(const Rows& r, int i) {
  Table t;
  t.schema = r.text(i, "schema");
  t.name = r.text(i, "name");
  t.row_estimate = r.number(i, "row_estimate");
  t.size_bytes = r.number(i, "size_bytes");
  t.pages = r.number(i, "pages");
  t.comment = r.text(i, "comment");
  t.partition_by = r.text(i, "partition_by");
  t.partition_of = r.text(i, "partition_of");
  t.partition_parent = r.text(i, "partition_parent");
  t.inherits = r.text(i, "inherits");
  t.partitioned = r.text(i, "relkind") == "p";
  t.unlogged = r.text(i, "persistence") == "UNLOGGED";
  return t;
}

Column column_from(const Rows& r, int i, int ordinal) {
  Column c;
  c.name = r.text(i, "name");
  c.declared_type = r.text(i, "type");
  c.ordinal = ordinal;
  c.not_null = r.flag(i, "not_null");
  c.collation = r.text(i, "collation");
  c.comment = r.text(i, "comment");
  c.identity_definition = r.text(i, "identity_definition");
  c.autoincrement = !c.identity_definition.empty();
  c.inherited = r.flag(i, "inherited");
  std::string generated = r.text(i, "generated");
  if (generated == "s") {
    c.generated_expr = r.opt(i, "default_expr");
    c.generated_stored = true;
  } else if (c.identity_definition.empty()) {
    c.default_expr = r.opt(i, "default_expr");
  }
  return c;
}

std::vector<std::string> split_names(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!s.empty() && start <= s.size()) {
    size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// One constraint row into the table: PK, unique/exclusion (as indexes
// from constraints), check or foreign key, each with its native definition.
void add_constraint(Table& t, const Rows& r, int i) {
  std::string type = r.text(i, "type");
  std::string name = r.text(i, "name");
  std::string def = r.text(i, "definition");
  auto columns = split_names(r.text(i, "columns"));
  if (type == "p") {
    t.primary_key = columns;
    t.primary_key_name = name;
    t.primary_key_definition = def;
    t.primary_key_index_definition = r.text(i, "index_definition");
  } else if (type == "u" || type == "x") {
    Index ix;
    ix.name = name;
    ix.unique = type == "u";
    ix.from_constraint = true;
    for (const auto& c : columns) ix.columns.push_back({c, "", false});
    ix.definition = def;
    ix.index_definition = r.text(i, "index_definition");
    t.indexes.push_back(std::move(ix));
  } else if (type == "c") {
    t.checks.push_back({name, def, def});
  } else if (type == "f") {
    ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.ref_schema = r.text(i, "ref_schema");
    fk.ref_table = r.text(i, "ref_table");
    fk.deferrable = r.flag(i, "deferrable");
    fk.initially_deferred = r.flag(i, "deferred");
    fk.definition = def;
    t.foreign_keys.push_back(std::move(fk));
  }
}

std::vector<NativeStatement> statements(const Rows& r, bool with_role = false) {
  std::vector<NativeStatement> out;
  for (int i = 0; i < r.size(); ++i)
    out.push_back({r.text(i, "kind"), r.text(i, "schema"), r.text(i, "tbl"), r.text(i, "name"), r.text(i, "sql"),
                   with_role ? r.text(i, "role") : ""});
  return out;
}

// Owners and grants (applied with --owners / --grants).
Status load_access(pg::Connection& conn, Catalog& cat) {
  for (const char* file : {"owners.sql", "grants.sql"}) {
    auto rows = run(conn, file);
    if (!rows) return fail(std::move(rows.error()));
    for (auto& s : statements(*rows, true)) cat.access.push_back(std::move(s));
  }
  return {};
}

// Functions go before the tables, or after the tables or views whose row
// types they use; sequences after the functions (their defaults may call one).
void place_statements(Catalog& cat, std::vector<NativeStatement> pre, const Rows& functions,
                      std::vector<NativeStatement> post) {
  auto after = [&](const char* what) {
    std::vector<NativeStatement> out;
    for (int i = 0; i < functions.size(); ++i)
      if (functions.text(i, "after") == what)
        out.push_back({"function", functions.text(i, "schema"), "", functions.text(i, "name"), functions.text(i, "sql")});
    return out;
  };
  auto first_sequence = std::find_if(pre.begin(), pre.end(), [](const auto& s) { return s.kind == "sequence"; });
  auto before = after("");
  pre.insert(first_sequence, before.begin(), before.end());
  cat.pre_data = std::move(pre);
  cat.post_data = after("tables");
  auto last_view = std::find_if(post.rbegin(), post.rend(), [](const auto& s) {
    return s.kind == "view" || s.kind == "materialized_view";
  });
  auto on_views = after("views");
  post.insert(last_view.base(), on_views.begin(), on_views.end());
  cat.post_data.insert(cat.post_data.end(), post.begin(), post.end());
}

}  // namespace

Result<Catalog> load_catalog(pg::Connection& conn) {
  Catalog cat;
  cat.engine = "postgresql";
  cat.server_version = conn.server_version();
  cat.database = PQdb(conn.raw());
  auto tables = run(conn, "tables.sql");
  if (!tables) return fail(std::move(tables.error()));
  std::map<int64_t, size_t> by_oid;
  for (int i = 0; i < tables->size(); ++i) {
    by_oid[tables->number(i, "oid")] = cat.tables.size();
    cat.tables.push_back(table_from(*tables, i));
  }
  auto columns = run(conn, "columns.sql");
  if (!columns) return fail(std::move(columns.error()));
  for (int i = 0; i < columns->size(); ++i) {
    auto it = by_oid.find(columns->number(i, "table_oid"));
    if (it == by_oid.end()) continue;
    Table& t = cat.tables[it->second];
    t.columns.push_back(column_from(*columns, i, static_cast<int>(t.columns.size())));
    if (!columns->flag(i, "binary_portable")) t.text_relay = true;
  }
  auto constraints = run(conn, "constraints.sql");
  if (!constraints) return fail(std::move(constraints.error()));
  for (int i = 0; i < constraints->size(); ++i)
    if (auto it = by_oid.find(constraints->number(i, "table_oid")); it != by_oid.end())
      add_constraint(cat.tables[it->second], *constraints, i);
  auto indexes = run(conn, "indexes.sql");
  if (!indexes) return fail(std::move(indexes.error()));
  for (int i = 0; i < indexes->size(); ++i) {
    auto it = by_oid.find(indexes->number(i, "table_oid"));
    if (it == by_oid.end()) continue;
    Index ix;
    ix.name = indexes->text(i, "name");
    ix.unique = indexes->flag(i, "is_unique");
    ix.definition = indexes->text(i, "definition");
    cat.tables[it->second].indexes.push_back(std::move(ix));
  }
  auto pre = run(conn, "pre_data.sql");
  if (!pre) return fail(std::move(pre.error()));
  auto functions = run(conn, "functions.sql");
  if (!functions) return fail(std::move(functions.error()));
  auto post = run(conn, "post_data.sql");
  if (!post) return fail(std::move(post.error()));
  place_statements(cat, statements(*pre), *functions, statements(*post));
  if (auto st = load_access(conn, cat); !st) return fail(std::move(st.error()));
  return cat;
}

}  // namespace cutover::postgres
