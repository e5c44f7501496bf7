#include "catalog_views.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace tdstest {
namespace {

using I = std::int64_t;

Column col(std::string name, std::string_view type, bool nullable = false) {
  return {std::move(name), parse_type(type, nullable)};
}

Value str(std::string s) { return Value{std::move(s)}; }
Value flag(bool b) { return Value{I{b ? 1 : 0}}; }

std::string type_name(const ColumnType& t) {
  if (!t.udt_name.empty()) return t.udt_name;
  std::string n = t.sql_name.substr(0, t.sql_name.find_first_of("( "));
  for (auto& ch : n) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return n;
}

// sys.columns.max_length: bytes, -1 for (max) and xml, 16 for text pointers.
I max_length(const ColumnType& t) {
  if (t.is_text_family()) return 16;
  if (t.is_plp()) return -1;
  if (t.length != 0) return t.length;
  return fixed_wire_size(t.wire);
}

template <class F>
void each_table(const Catalog& c, Response& r, F f) {
  const Database* db = c.find_database(r.state().database);
  if (db == nullptr) return;
  for (const Table& t : db->tables) f(t);
}

void tables(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  each_table(c, r, [&](const Table& t) {
    rows.push_back({str(t.schema), str(t.name), Value{t.row_count()}, t.comment.empty() ? Value{} : str(t.comment)});
  });
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("table_name", "nvarchar(128)"),
                         col("row_estimate", "bigint", true), col("comment", "nvarchar(4000)", true)},
                        std::move(rows)));
}

// sys.identity_columns.last_value: the largest value used (generated
// tables: ids 1..N), NULL before the first row.
std::optional<I> identity_last(const Table& t) {
  if (t.identity_last) return t.identity_last;
  if (t.generate) return t.row_count() > 0 ? std::optional<I>(t.row_count()) : std::nullopt;
  auto col = t.column_index(t.identity);
  std::optional<I> last;
  for (const Row& r : t.rows)
    if (auto* v = std::get_if<I>(&r[*col]); v && (!last || *v > *last)) last = *v;
  return last;
}

Row column_row(const Table& t, const Column& c, I id) {
  const ColumnType& ty = c.type;
  bool identity = c.name == t.identity;
  Row row = {str(t.schema), str(t.name), str(c.name), Value{id}, str(type_name(ty)), Value{max_length(ty)},
             Value{I{ty.precision}}, Value{I{ty.scale}}, flag(ty.nullable), flag(identity), Value{}, Value{}, Value{},
             flag(false), Value{}, Value{}, Value{}, Value{}, Value{}};
  if (identity) {
    row[10] = t.identity_seed;
    row[11] = t.identity_increment;
    if (auto last = identity_last(t)) row[12] = *last;
  }
  for (const FixtureComputed& cc : t.computed)
    if (iequals(cc.column, c.name)) {
      row[13] = I{1};
      row[14] = cc.definition;
      row[15] = flag(cc.persisted);
    }
  if (ty.has_collation()) row[17] = ty.collation.name;
  for (const auto& [column, definition] : t.defaults)
    if (iequals(column, c.name)) row[16] = definition;
  for (const auto& [column, text] : t.column_comments)
    if (iequals(column, c.name)) row[18] = text;
  return row;
}

void columns(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  each_table(c, r, [&](const Table& t) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) rows.push_back(column_row(t, t.columns[i], static_cast<I>(i + 1)));
  });
  r.result(materialized(
      {col("schema_name", "nvarchar(128)"), col("table_name", "nvarchar(128)"), col("column_name", "nvarchar(128)", true),
       col("column_id", "int"), col("type_name", "nvarchar(128)", true), col("max_length", "smallint"),
       col("precision", "tinyint"), col("scale", "tinyint"), col("is_nullable", "bit", true), col("is_identity", "bit"),
       col("identity_seed", "bigint", true), col("identity_increment", "bigint", true),
       col("identity_last", "bigint", true), col("is_computed", "bit"), col("computed_definition", "nvarchar(max)", true),
       col("is_persisted", "bit", true), col("default_definition", "nvarchar(max)", true),
       col("collation_name", "nvarchar(128)", true), col("comment", "nvarchar(4000)", true)},
      std::move(rows)));
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names)
    if (iequals(n, name)) return true;
  return false;
}

// Key columns in key order (key_ordinal 1..n), then included ones (0).
void index_rows(const Table& t, const FixtureIndex& ix, bool pk, std::vector<Row>& rows) {
  bool clustered = pk && t.primary_key_clustered;
  auto add = [&](const std::string& column, I ordinal, bool included) {
    rows.push_back({str(t.schema), str(t.name), str(ix.name), flag(pk), flag(ix.unique), flag(ix.constraint),
                    str(clustered ? "CLUSTERED" : "NONCLUSTERED"), ix.filter.empty() ? Value{} : str(ix.filter),
                    Value{ordinal}, str(column), flag(listed(ix.descending, column)), flag(included)});
  };
  for (std::size_t k = 0; k < ix.columns.size(); ++k) add(ix.columns[k], static_cast<I>(k + 1), false);
  for (const auto& column : ix.included) add(column, 0, true);
}

void indexes(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  each_table(c, r, [&](const Table& t) {
    FixtureIndex pk{t.primary_key_name.empty() ? "PK_" + t.name : t.primary_key_name, true, t.primary_key,
                    {}, {}, "", false};
    if (!t.primary_key.empty()) index_rows(t, pk, true, rows);
    for (const FixtureIndex& ix : t.indexes) index_rows(t, ix, false, rows);
  });
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("table_name", "nvarchar(128)"),
                         col("index_name", "nvarchar(128)", true), col("is_primary_key", "bit", true),
                         col("is_unique", "bit", true), col("is_unique_constraint", "bit", true),
                         col("type_desc", "nvarchar(60)", true), col("filter_definition", "nvarchar(max)", true),
                         col("key_ordinal", "tinyint"), col("column_name", "nvarchar(128)", true),
                         col("is_descending_key", "bit", true), col("is_included_column", "bit", true)},
                        std::move(rows)));
}

void checks(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  each_table(c, r, [&](const Table& t) {
    for (const auto& [name, definition] : t.checks) rows.push_back({str(t.schema), str(t.name), str(name), str(definition)});
  });
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("table_name", "nvarchar(128)"),
                         col("check_name", "nvarchar(128)"), col("definition", "nvarchar(max)", true)},
                        std::move(rows)));
}

void foreign_keys(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  each_table(c, r, [&](const Table& t) {
    for (const FixtureForeignKey& fk : t.foreign_keys)
      for (std::size_t k = 0; k < fk.columns.size(); ++k)
        rows.push_back({str(t.schema), str(t.name), str(fk.name), str(fk.ref_schema), str(fk.ref_table),
                        str(fk.columns[k]), str(fk.ref_columns[k]), str(fk.on_delete), str(fk.on_update)});
  });
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("table_name", "nvarchar(128)"),
                         col("fk_name", "nvarchar(128)"), col("ref_schema", "nvarchar(128)"),
                         col("ref_table", "nvarchar(128)"), col("column_name", "nvarchar(128)", true),
                         col("ref_column", "nvarchar(128)", true),
                         col("delete_referential_action_desc", "nvarchar(60)", true),
                         col("update_referential_action_desc", "nvarchar(60)", true)},
                        std::move(rows)));
}

void not_migrated(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  if (const Database* db = c.find_database(r.state().database))
    for (const std::string& o : db->objects) rows.push_back({str(o)});
  r.result(materialized({col("object", "nvarchar(max)", true)}, std::move(rows)));
}

// sys.sequences with its sql_variant numbers converted as the adapter's SQL
// converts them (decimal(38,0) to nvarchar(40)).
void sequences(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  if (const Database* db = c.find_database(r.state().database))
    for (const FixtureSequence& s : db->sequences) {
      I precision = s.type == "tinyint" ? 3 : s.type == "smallint" ? 5 : s.type == "int" ? 10 : 19;
      rows.push_back({str(s.schema), str(s.name), str(s.type), Value{precision}, str(std::to_string(s.start)),
                      str(std::to_string(s.increment)), str(std::to_string(s.min_value)),
                      str(std::to_string(s.max_value)), flag(s.cycle),
                      s.last ? str(std::to_string(*s.last)) : Value{}});
    }
  auto number = [](const char* name) { return col(name, "nvarchar(40)", true); };
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("sequence_name", "nvarchar(128)"),
                         col("type_name", "nvarchar(128)"), col("precision", "int", true), number("start_value"),
                         number("increment"), number("minimum_value"), number("maximum_value"),
                         col("is_cycling", "bit", true), number("last_used_value")},
                        std::move(rows)));
}

// sys.views with sys.sql_modules.definition.
void views(const Catalog& c, Response& r) {
  std::vector<Row> rows;
  if (const Database* db = c.find_database(r.state().database))
    for (const FixtureView& v : db->views) rows.push_back({str(v.schema), str(v.name), str(v.definition)});
  r.result(materialized({col("schema_name", "nvarchar(128)"), col("view_name", "nvarchar(128)"),
                         col("definition", "nvarchar(max)", true)},
                        std::move(rows)));
}

// sys.databases.snapshot_isolation_state (tinyint) and its description.
void snapshot_state(const Catalog& c, Response& r) {
  const Database* db = c.find_database(r.state().database);
  bool on = db != nullptr && db->allow_snapshot_isolation;
  r.result(materialized({col("snapshot_isolation_state", "tinyint", true),
                         col("snapshot_isolation_state_desc", "nvarchar(60)", true)},
                        {{Value{I{on ? 1 : 0}}, str(on ? "ON" : "OFF")}}));
}

}  // namespace

void add_catalog_views(Router& router, const Catalog& catalog) {
  auto c = std::make_shared<const Catalog>(catalog);
  router.on_tag("mssql_tables", [c](const Query&, Response& r) { tables(*c, r); });
  router.on_tag("mssql_columns", [c](const Query&, Response& r) { columns(*c, r); });
  router.on_tag("mssql_indexes", [c](const Query&, Response& r) { indexes(*c, r); });
  router.on_tag("mssql_foreign_keys", [c](const Query&, Response& r) { foreign_keys(*c, r); });
  router.on_tag("mssql_checks", [c](const Query&, Response& r) { checks(*c, r); });
  router.on_tag("mssql_sequences", [c](const Query&, Response& r) { sequences(*c, r); });
  router.on_tag("mssql_views", [c](const Query&, Response& r) { views(*c, r); });
  router.on_tag("mssql_not_migrated", [c](const Query&, Response& r) { not_migrated(*c, r); });
  router.on_tag("mssql_snapshot_state", [c](const Query&, Response& r) { snapshot_state(*c, r); });
}

}  // namespace tdstest
