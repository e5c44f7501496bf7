#include "sources/mssql/mssql_catalog.hpp"

#include <fmt/format.h>

#include <map>

namespace cutover::mssql {
namespace {

using TextRow = Session::TextRow;

std::string str(const TextRow& r, size_t i) { return r[i].value_or(""); }
int64_t num(const TextRow& r, size_t i) { return r[i] ? std::stoll(*r[i]) : 0; }
bool flag(const TextRow& r, size_t i) { return r[i] && *r[i] == "1"; }

struct CatalogLoad {
  Session& session;
  Catalog catalog;
  std::map<std::pair<std::string, std::string>, size_t> position;

  Table* table(const TextRow& r) {
    auto it = position.find({str(r, 0), str(r, 1)});
    return it == position.end() ? nullptr : &catalog.tables[it->second];
  }
};

Status load_tables(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("tables"), [&](const TextRow& r) {
    Table t;
    t.schema = str(r, 0);
    t.name = str(r, 1);
    t.row_estimate = num(r, 2);
    t.comment = str(r, 3);
    l.position[{t.schema, t.name}] = l.catalog.tables.size();
    l.catalog.tables.push_back(std::move(t));
  });
}

void set_identity(Table& t, Column& c, const TextRow& r) {
  c.autoincrement = true;
  int64_t increment = r[11] ? num(r, 11) : 1;
  t.sequence_value = r[12] ? num(r, 12) : num(r, 10) - increment;
}

Status load_columns(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("columns"), [&](const TextRow& r) {
    Table* t = l.table(r);
    if (t == nullptr) return;
    Column c;
    c.name = str(r, 2);
    c.ordinal = static_cast<int>(t->columns.size());
    c.declared_type = declared_type(str(r, 4), static_cast<int>(num(r, 5)), static_cast<int>(num(r, 6)),
                                    static_cast<int>(num(r, 7)));
    c.not_null = !flag(r, 8);
    if (flag(r, 9)) set_identity(*t, c, r);
    if (flag(r, 13) && r[14]) {
      c.generated_expr = *r[14];
      c.generated_stored = flag(r, 15);
    }
    c.default_expr = r[16];
    c.collation = str(r, 17);
    c.comment = str(r, 18);
    t->columns.push_back(std::move(c));
  });
}

void add_index_column(CatalogLoad& l, Table& t, const TextRow& r) {
  std::string name = str(r, 2);
  if (flag(r, 11)) {
    l.catalog.warnings.push_back(fmt::format("INCLUDE column {} of index {} on {}.{} is not carried over", str(r, 9),
                                             name, t.schema, t.name));
    return;
  }
  if (flag(r, 3)) {
    t.primary_key.push_back(str(r, 9));
    t.primary_key_name = name;
    return;
  }
  if (t.indexes.empty() || t.indexes.back().name != name) {
    Index ix;
    ix.name = name;
    ix.unique = flag(r, 4);
    ix.from_constraint = flag(r, 5);
    ix.predicate = r[7];
    t.indexes.push_back(std::move(ix));
  }
  t.indexes.back().columns.push_back({str(r, 9), "", flag(r, 10)});
}

Status load_indexes(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("indexes"), [&](const TextRow& r) {
    Table* t = l.table(r);
    if (t == nullptr) return;
    std::string kind = str(r, 6);
    if (kind != "CLUSTERED" && kind != "NONCLUSTERED") {
      std::string what = fmt::format("{} index {} on {}.{}", kind, str(r, 2), t->schema, t->name);
      if (l.catalog.not_migrated.empty() || l.catalog.not_migrated.back() != what) l.catalog.not_migrated.push_back(what);
      return;
    }
    add_index_column(l, *t, r);
  });
}

std::string action(const std::string& desc) {
  std::string out = desc;
  for (auto& ch : out)
    if (ch == '_') ch = ' ';
  return out;
}

Status load_foreign_keys(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("foreign_keys"), [&](const TextRow& r) {
    Table* t = l.table(r);
    if (t == nullptr) return;
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != str(r, 2)) {
      ForeignKey fk;
      fk.name = str(r, 2);
      fk.ref_schema = str(r, 3);
      fk.ref_table = str(r, 4);
      fk.on_delete = action(str(r, 7));
      fk.on_update = action(str(r, 8));
      t->foreign_keys.push_back(std::move(fk));
    }
    t->foreign_keys.back().columns.push_back(str(r, 5));
    t->foreign_keys.back().ref_columns.push_back(str(r, 6));
  });
}

Status load_checks(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("checks"), [&](const TextRow& r) {
    if (Table* t = l.table(r)) t->checks.push_back({str(r, 2), str(r, 3), ""});
  });
}

Status load_not_migrated(CatalogLoad& l) {
  return l.session.query_rows(catalog_sql("not_migrated"), [&](const TextRow& r) {
    l.catalog.not_migrated.push_back(str(r, 0));
  });
}

}  // namespace

std::string declared_type(const std::string& type_name, int max_length, int precision, int scale) {
  const std::string& t = type_name;
  auto length = [&](int bytes) { return max_length < 0 ? std::string("max") : std::to_string(bytes); };
  if (t == "char" || t == "varchar" || t == "binary" || t == "varbinary")
    return fmt::format("{}({})", t, length(max_length));
  if (t == "nchar" || t == "nvarchar") return fmt::format("{}({})", t, length(max_length / 2));
  if (t == "decimal" || t == "numeric") return fmt::format("{}({},{})", t, precision, scale);
  if (t == "time" || t == "datetime2" || t == "datetimeoffset") return fmt::format("{}({})", t, scale);
  return t;
}

Result<Catalog> load_catalog(Session& session, const std::string& database) {
  CatalogLoad l{session, {}, {}};
  l.catalog.engine = "mssql";
  l.catalog.keeps_schemas = true;
  l.catalog.default_schema = "dbo";
  l.catalog.database = database;
  l.catalog.server_version = session.server_version();
  for (auto step : {load_tables, load_columns, load_indexes, load_foreign_keys, load_checks, load_not_migrated})
    if (auto st = step(l); !st) return fail(st.error());
  return std::move(l.catalog);
}

}  // namespace cutover::mssql
