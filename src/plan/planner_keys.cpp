#include "plan/planner_keys.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include "util/text.hpp"

namespace cutover {

namespace {

// Target name of a source column; the source name when it is not copied.
std::string target_column(const TablePlan& t, const std::string& source_name) {
  for (const auto* list : {&t.columns, &t.generated})
    for (const auto& c : *list)
      if (c.source_name == source_name) return c.target_name;
  return source_name;
}

std::string joined_columns(const TablePlan& t, const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) out += "_" + target_column(t, c);
  return out;
}

// Index elements in target SQL; nullopt when an expression does not translate.
std::optional<std::vector<std::string>> index_elements(const TablePlan& t, const Index& index,
                                                       const Source& source,
                                                       const ExprRewrite& rewrite) {
  std::vector<std::string> out;
  for (const auto& col : index.columns) {
    std::string e;
    if (!col.name.empty()) {
      e = pg::quote_ident(target_column(t, col.name));
    } else {
      auto expr = source.translate_expression(col.expression);
      if (!expr) return std::nullopt;
      e = "(" + rewrite(*expr) + ")";
    }
    out.push_back(col.descending ? e + " DESC" : e);
  }
  return out;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string fold_name(const std::string& name, bool fold) {
  if (!fold) return name;
  return ascii_lower(name);
}

}  // namespace

std::string KeyContext::name(const std::string& wanted) const { return fold_name(wanted, fold); }

void plan_primary_key(TablePlan& t, const KeyContext& k) {
  if (t.source.primary_key.empty()) return;
  IndexPlan pk;
  pk.primary = pk.unique = pk.as_constraint = true;
  pk.source_name = "PRIMARY KEY";
  if (k.key_has_nulls) {
    // SQLite lets a non-INTEGER primary key of a rowid table hold NULLs;
    // PostgreSQL's cannot. A UNIQUE constraint keeps every row, stays
    // unique for the non-NULL keys, and foreign keys can still reference it.
    pk.primary = false;
    t.warnings.push_back(fmt::format(
        "primary key ({}) holds NULLs in the source; created as a UNIQUE constraint instead",
        fmt::join(t.source.primary_key, ", ")));
  }
  pk.definition = t.source.primary_key_definition;
  pk.index_definition = t.source.primary_key_index_definition;
  // A named key (SQL Server's PK_orders) is folded like the indexes beside it.
  pk.name = k.relations.allocate(!t.source.primary_key_name.empty() ? k.name(t.source.primary_key_name)
                                                                   : t.target_name + (pk.primary ? "_pkey" : "_key"));
  for (const auto& c : t.source.primary_key) pk.elements.push_back(pg::quote_ident(target_column(t, c)));
  t.primary_key = std::move(pk);
}

// An index or constraint carried as its native definition (PostgreSQL source).
IndexPlan native_index(const Index& index, const KeyContext& k) {
  IndexPlan ip;
  ip.source_name = index.name;
  ip.unique = index.unique;
  ip.as_constraint = index.from_constraint;
  ip.definition = index.definition;
  ip.index_definition = index.index_definition;
  ip.name = k.relations.allocate(index.name);
  return ip;
}

// A MySQL SPATIAL index: GiST on the column when it became PostGIS geometry.
void plan_spatial_index(TablePlan& t, const Index& index, const KeyContext& k) {
  const std::string& column = index.columns.front().name;
  const ColumnPlan* c = nullptr;
  for (const auto& cp : t.columns)
    if (cp.source_name == column && cp.derived.empty()) c = &cp;
  if (c == nullptr || !c->type.target_type.starts_with("geometry")) {
    t.warnings.push_back(fmt::format("spatial index {} is not migrated: column {} is not PostGIS geometry "
                                     "(install PostGIS on the target, without --no-postgis)", index.name, column));
    return;
  }
  IndexPlan ip;
  ip.source_name = index.name;
  ip.name = k.relations.allocate(index.name);
  ip.definition = fmt::format("USING gist ({})", pg::quote_ident(c->target_name));
  t.indexes.push_back(std::move(ip));
}

// A MySQL FULLTEXT index: GIN on the 'simple' text search vector of its
// columns (no stemming, as MySQL's built-in parser), said in a warning:
// queries change (MATCH ... AGAINST becomes @@) and must use the same
// expression for PostgreSQL to use the index.
void plan_fulltext_index(TablePlan& t, const Index& index, const KeyContext& k) {
  std::vector<std::string> parts;
  for (const auto& col : index.columns) {
    const ColumnPlan* c = nullptr;
    for (const auto& cp : t.columns)
      if (cp.source_name == col.name && cp.derived.empty()) c = &cp;
    if (c == nullptr || c->type.kind != ValueKind::text) {
      t.warnings.push_back(fmt::format("fulltext index {} is not migrated: column {} is not text in PostgreSQL",
                                       index.name, col.name));
      return;
    }
    parts.push_back(pg::quote_ident(c->target_name));
  }
  std::string document = parts.size() == 1 ? parts[0] : fmt::format("coalesce({}, '')", fmt::join(parts, ", '') || ' ' || coalesce("));
  IndexPlan ip;
  ip.source_name = index.name;
  ip.name = k.relations.allocate(k.name(index.name));
  ip.definition = fmt::format("USING gin (to_tsvector('simple'::regconfig, {}))", document);
  t.warnings.push_back(fmt::format("fulltext index {} became GIN on to_tsvector('simple', {}): queries "
                                   "match that expression with @@ plainto_tsquery('simple', ...) instead of "
                                   "MATCH ... AGAINST", index.name, document));
  t.indexes.push_back(std::move(ip));
}

void plan_indexes(TablePlan& t, const KeyContext& k) {
  for (const auto& index : t.source.indexes) {
    if (index.spatial) {
      plan_spatial_index(t, index, k);
      continue;
    }
    if (index.fulltext) {
      plan_fulltext_index(t, index, k);
      continue;
    }
    if (!index.definition.empty()) {
      t.indexes.push_back(native_index(index, k));
      continue;
    }
    auto elements = index_elements(t, index, k.source, k.rewrite);
    std::optional<std::string> predicate;
    if (index.predicate) predicate = k.source.translate_expression(*index.predicate);
    if (predicate) predicate = k.rewrite(*predicate);
    if (!elements || (index.predicate && !predicate)) {
      t.warnings.push_back(fmt::format("index {} skipped: its {} does not translate to PostgreSQL",
                                       index.name, elements ? "WHERE clause" : "expression"));
      continue;
    }
    IndexPlan ip;
    ip.source_name = index.name;
    ip.unique = index.unique;
    ip.elements = std::move(*elements);
    ip.predicate = predicate;
    bool plain_columns = !predicate;
    for (const auto& c : index.columns) plain_columns = plain_columns && !c.name.empty() && !c.descending;
    ip.as_constraint = index.from_constraint && index.unique && plain_columns;
    std::string wanted = index.name;
    if (starts_with(wanted, "sqlite_autoindex_") || wanted.empty()) {
      std::vector<std::string> cols;
      for (const auto& c : index.columns) cols.push_back(c.name);
      wanted = t.target_name + joined_columns(t, cols) + (index.unique ? "_key" : "_idx");
    }
    ip.name = k.relations.allocate(k.name(wanted));
    t.indexes.push_back(std::move(ip));
  }
}

void plan_checks(TablePlan& t, const KeyContext& k) {
  pg::NameAllocator names;
  for (const auto& check : t.source.checks) {
    if (!check.definition.empty()) {
      t.checks.push_back({names.allocate(check.name), check.expression, check.definition});
      continue;
    }
    auto expr = k.source.translate_in_table(check.expression, t.source);
    if (!expr) {
      t.warnings.push_back(fmt::format("CHECK ({}) skipped: it does not translate to PostgreSQL",
                                       check.expression));
      continue;
    }
    std::string wanted = check.name.empty() ? t.target_name + "_check" : k.name(check.name);
    t.checks.push_back({names.allocate(wanted), k.rewrite(*expr)});
  }
}

void plan_foreign_keys(TablePlan& t, const TablesByName& tables, bool fold) {
  pg::NameAllocator names;
  for (const auto& fk : t.source.foreign_keys) {
    auto it = fk.ref_schema.empty() ? tables.end() : tables.find(fk.ref_schema + "." + fk.ref_table);
    if (it == tables.end() && fk.definition.empty()) it = tables.find(fk.ref_table);
    if (it == tables.end()) {
      t.warnings.push_back(fmt::format("foreign key to {} skipped: that table is not migrated",
                                       fk.ref_table));
      continue;
    }
    const TablePlan& ref = *it->second;
    ForeignKeyPlan p;
    for (const auto& c : fk.columns) p.columns.push_back(target_column(t, c));
    const auto& ref_cols = fk.ref_columns.empty() ? ref.source.primary_key : fk.ref_columns;
    if (ref_cols.empty()) {
      t.warnings.push_back(fmt::format(
          "foreign key to {} skipped: it names no columns and {} has no primary key", fk.ref_table, fk.ref_table));
      continue;
    }
    for (const auto& c : ref_cols) p.ref_columns.push_back(target_column(ref, c));
    p.ref_schema = ref.target_schema;
    p.ref_table = ref.target_name;
    p.on_delete = fk.on_delete;
    p.on_update = fk.on_update;
    p.deferrable = fk.deferrable;
    p.initially_deferred = fk.initially_deferred;
    p.definition = fk.definition;
    std::string wanted = fk.name.empty() ? t.target_name + joined_columns(t, fk.columns) + "_fkey"
                                         : fold_name(fk.name, fold);
    p.name = names.allocate(wanted);
    t.foreign_keys.push_back(std::move(p));
  }
}

}  // namespace cutover
