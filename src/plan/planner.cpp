#include "plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <map>
#include <set>

#include "exec/task_pool.hpp"
#include "plan/expr_rewrite.hpp"
#include "plan/options_loader.hpp"
#include "plan/planner_collation.hpp"
#include "plan/planner_keys.hpp"
#include "plan/planner_names.hpp"
#include "plan/planner_comments.hpp"
#include "plan/planner_native.hpp"
#include "plan/planner_translated.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {

namespace {

// "DECIMAL( 10, 2 )" -> "decimal(10,2)"
std::string normalize_type(const std::string& t) {
  std::string out;
  for (char ch : ascii_lower(t))
    if (ch != ' ' || (!out.empty() && out.back() != ' ' && out.back() != '(' && out.back() != ','))
      out += ch;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string cleaned;
  for (size_t i = 0; i < out.size(); ++i)
    if (!(out[i] == ' ' && i + 1 < out.size() && (out[i + 1] == '(' || out[i + 1] == ',' || out[i + 1] == ')')))
      cleaned += out[i];
  return cleaned;
}

bool is_integer_kind(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64;
}

void note_rename(MigrationPlan& plan, const char* kind, const std::string& from,
                 const std::string& to) {
  plan.renames.push_back({kind, from, to, "longer than 63 bytes or already taken"});
}

// Adapts a translated default to the chosen type: SQLite's 0/1 booleans
// become false/true; epoch-number defaults of columns read as timestamps
// become CURRENT_TIMESTAMP or to_timestamp(n).
std::optional<std::string> adapt_default(std::optional<std::string> sql, const TypeDecision& type) {
  if (!sql) return sql;
  std::string v = *sql;
  while (v.size() >= 2 && v.front() == '(' && v.back() == ')') v = v.substr(1, v.size() - 2);
  if (type.kind == ValueKind::boolean) {
    if (v == "1" || v == "'1'" || ascii_lower(v) == "true" || ascii_lower(v) == "'t'") return "true";
    if (v == "0" || v == "'0'" || ascii_lower(v) == "false" || ascii_lower(v) == "'f'") return "false";
  }
  bool epoch = type.decode == Decode::epoch_s || type.decode == Decode::epoch_ms || type.decode == Decode::epoch_us;
  if (epoch && ascii_lower(v).find("extract(epoch") != std::string::npos) return "CURRENT_TIMESTAMP";
  if (epoch && !v.empty() && v.find_first_not_of("0123456789") == std::string::npos) {
    const char* div = type.decode == Decode::epoch_s ? "" : type.decode == Decode::epoch_ms ? " / 1000.0" : " / 1000000.0";
    return fmt::format("to_timestamp({}{})", v, div);
  }
  return sql;
}

// A SQL Server geometry or geography column as PostGIS's type of the same
// name, without a typmod (SQL Server has no column SRID): each value keeps
// its SRID (the reader writes EWKB).
void use_postgis_mssql(const Column& column, TypeDecision& type) {
  type.target_type = ascii_lower(column.declared_type) == "geography" ? "geography" : "geometry";
  type.rule = "mssql.spatial_postgis";
  type.reason = fmt::format("{} as PostGIS {} with each value's SRID (AsBinaryZM() and STSrid read on the server: "
                            "Z and M kept)", type.target_type, type.target_type);
  type.lossy = false;
}

// A MySQL spatial column as PostGIS geometry of the declared shape; each
// value keeps its SRID (the reader writes EWKB).
void use_postgis(const Column& column, TypeDecision& type) {
  static const std::map<std::string, std::string> k_shapes = {
      {"point", "Point"}, {"linestring", "LineString"}, {"polygon", "Polygon"}, {"multipoint", "MultiPoint"},
      {"multilinestring", "MultiLineString"}, {"multipolygon", "MultiPolygon"},
      {"geometrycollection", "GeometryCollection"}, {"geomcollection", "GeometryCollection"}};
  auto shape = k_shapes.find(ascii_lower(column.declared_type));
  type.target_type = shape == k_shapes.end() ? "geometry" : "geometry(" + shape->second + ")";
  type.rule = "mysql.spatial_postgis";
  type.reason = "spatial value as PostGIS geometry with its SRID";
  type.lossy = false;
}

// `--cast ...=drop`: the column is not copied (not for PostgreSQL sources,
// whose tables are created from their own definitions).
bool is_drop_rule(const CastRule& cast, const std::string& engine) {
  return ascii_lower(cast.target_type) == "drop" && engine != "postgresql";
}

TypeDecision drop_decision(const CastRule& cast) {
  TypeDecision d;
  d.rule = "drop";
  d.reason = fmt::format("cast rule '{}': the column is not copied", cast.text);
  d.lossy = true;
  return d;
}

ColumnPlan plan_column(const Source& source, const Options& options, const Table& table,
                       const Column& column, const ColumnProfile* profile, TablePlan& tp) {
  ColumnPlan c;
  c.source_name = column.name;
  c.ordinal = column.ordinal;
  const CastRule* cast = find_cast(options.casts, source.engine(), table, column);
  if (cast && is_drop_rule(*cast, source.engine())) {
    c.type = drop_decision(*cast);
    return c;
  }
  if (cast && ascii_lower(cast->target_type) == "drop") {
    tp.warnings.push_back(fmt::format("column {}: cast rule '{}' ignored: a PostgreSQL source's columns cannot be "
                                      "dropped (leave the rule out)", column.name, cast->text));
    cast = nullptr;
  }
  c.type = source.map_type(table, column, profile, cast);
  bool postgis = options.postgis && options.target_has_postgis;
  if (c.type.rule == "mysql.spatial_wkb" && postgis) use_postgis(column, c.type);
  if (c.type.rule == "mssql.spatial_wkb" && postgis) use_postgis_mssql(column, c.type);
  if (c.type.rule == "mssql.spatial_wkb" && !postgis)
    tp.warnings.push_back(fmt::format("column {}: {} copied as WKB bytea without its SRIDs: {}", column.name,
                                      column.declared_type,
                                      options.postgis ? "the target has no PostGIS" : "--no-postgis"));
  c.not_null = column.not_null && !c.type.relax_not_null;
  if (column.not_null && c.type.relax_not_null)
    tp.warnings.push_back(fmt::format("column {}: NOT NULL dropped: {}", column.name, c.type.reason));
  c.identity = column.autoincrement && is_integer_kind(c.type.kind) && !cast;
  c.identity_definition = column.identity_definition;
  c.identity_increment = column.identity_increment;
  if (column.generated_expr) {
    auto expr = source.translate_in_table(*column.generated_expr, table);
    if (expr && column.generated_stored) c.generated_sql = expr;
    else
      tp.warnings.push_back(fmt::format(
          "column {}: generated expression '{}' is copied as plain values ({})", column.name,
          *column.generated_expr, expr ? "virtual in the source" : "it does not translate"));
  }
  if (column.default_expr && !c.identity && !c.generated_sql) {
    c.default_sql = adapt_default(source.translate_in_table(*column.default_expr, table), c.type);
    if (!c.default_sql)
      tp.warnings.push_back(fmt::format("column {}: default '{}' does not translate and was dropped",
                                        column.name, *column.default_expr));
  }
  if (column.on_update_expr && !c.generated_sql) {
    c.on_update_sql = source.translate_expression(*column.on_update_expr);
    if (!c.on_update_sql)
      tp.warnings.push_back(fmt::format("column {}: ON UPDATE {} does not translate; no trigger is created",
                                        column.name, *column.on_update_expr));
  }
  return c;
}

// A column derived from `column` (Source::derived_columns), named
// <column><suffix>, nullable.
void plan_derived(const Column& column, DerivedColumn d, pg::NameAllocator& names, TablePlan& tp, MigrationPlan& plan,
                  bool fold) {
  ColumnPlan c;
  c.source_name = column.name;
  c.ordinal = column.ordinal;
  c.derived = std::move(d.derived);
  c.type = std::move(d.type);
  std::string wanted = (fold ? ascii_lower(column.name) : column.name) + d.suffix;
  bool changed = false;
  c.target_name = names.allocate(wanted, &changed);
  if (changed) note_rename(plan, "column", tp.source.name + "." + wanted, c.target_name);
  tp.columns.push_back(std::move(c));
}

// Columns of one table, from its (merged) profile.
void plan_columns(const Source& source, const Options& options, const Table& table,
                  const std::vector<ColumnProfile>& profiles, TablePlan& tp, MigrationPlan& plan,
                  bool fold) {
  pg::NameAllocator column_names;
  for (const auto& column : table.columns) {
    const ColumnProfile* profile = column.ordinal < static_cast<int>(profiles.size())
                                       ? &profiles[column.ordinal] : nullptr;
    ColumnPlan c = plan_column(source, options, table, column, profile, tp);
    if (c.type.rule == "drop") {
      tp.dropped.push_back(std::move(c));
      continue;
    }
    bool changed = false;
    c.target_name = column_names.allocate(fold ? ascii_lower(column.name) : column.name, &changed);
    if (changed) note_rename(plan, "column", table.name + "." + column.name, c.target_name);
    auto derived = c.generated_sql ? std::vector<DerivedColumn>{} : source.derived_columns(column, c.type, options);
    (c.generated_sql ? tp.generated : tp.columns).push_back(std::move(c));
    for (auto& d : derived) plan_derived(column, std::move(d), column_names, tp, plan, fold);
  }
  tp.sequence_floor = table.sequence_value;
}

// --enum-as type: each enum column of the source (a decision with labels and
// no user cast) gets a PostgreSQL enum type named <table>_<column>, taken
// from the relations' names (types and tables share a namespace), and its
// label CHECK (<table>_<column>_enum from the catalog) is no longer needed.
void plan_enum_types(TablePlan& tp, pg::NameAllocator& relations) {
  for (auto& c : tp.columns) {
    if (c.type.labels.empty() || c.type.rule == "cast") continue;
    c.enum_labels = c.type.labels;
    c.type.target_type = pg::qualified(tp.target_schema, relations.allocate(tp.target_name + "_" + c.target_name));
    c.type.rule = "enum_type";
    c.type.reason = "enum labels as a PostgreSQL enum type in the same order (--enum-as type)";
    std::string check = fmt::format("{}_{}_enum", tp.source.name, c.source_name);
    std::erase_if(tp.source.checks, [&](const CheckConstraint& ck) { return ck.name == check; });
  }
}

// Profiles every chunk of every table on `jobs` threads (each its own
// read-only connection) and merges them per table.
Result<std::vector<std::vector<ColumnProfile>>> profile_tables(
    Source& source, const std::vector<TablePlan>& tables, const Options& options,
    const PlanProgress& progress) {
  std::vector<std::vector<ColumnProfile>> merged(tables.size());
  if (!options.profile) return merged;
  std::mutex mu;
  std::optional<Error> error;
  {
    TaskPool pool(std::max(1, options.jobs));
    for (size_t t = 0; t < tables.size(); ++t) {
      if (progress) progress("profiling " + tables[t].source.name);
      std::vector<ChunkSpec> ranges = tables[t].chunks;
      if (ranges.empty()) ranges.push_back(ChunkSpec{});
      for (const auto& range : ranges)
        pool.add([&, t, range] {
          auto p = source.profile(tables[t].source, range);
          std::lock_guard lock(mu);
          if (!p) {
            if (!error) error = p.error().in_table(tables[t].source.name);
            return;
          }
          if (merged[t].empty()) merged[t] = std::move(*p);
          else
            for (size_t c = 0; c < p->size() && c < merged[t].size(); ++c) merge_profile(merged[t][c], (*p)[c]);
        });
    }
    pool.wait();
  }
  if (error) return fail(std::move(*error));
  return merged;
}

// Checks, generated columns and index expressions name source columns as
// the user wrote them and compare SQLite values; they are rewritten to the
// target names, with boolean columns as (col)::int (expr_rewrite.hpp).
ExprRewrite rewrite_for_types(TablePlan& t) {
  std::map<std::string, std::string> refs;
  for (const auto* list : {&t.columns, &t.generated})
    for (const auto& c : *list) {
      if (!c.derived.empty()) continue;
      std::string name = pg::quote_ident(c.target_name);
      refs[ascii_lower(c.source_name)] = c.type.kind == ValueKind::boolean ? "(" + name + ")::int" : name;
    }
  ExprRewrite rewrite = [refs](const std::string& sql) { return rewrite_column_refs(sql, refs); };
  for (auto& c : t.generated)
    if (c.generated_sql) c.generated_sql = rewrite(*c.generated_sql);
  return rewrite;
}

}  // namespace

const CastRule* find_cast(const std::vector<CastRule>& casts, const std::string& engine,
                          const Table& table, const Column& column) {
  for (const auto& r : casts)
    if (!r.column.empty() && ascii_lower(r.column) == ascii_lower(column.name) &&
        (r.table.empty() || ascii_lower(r.table) == ascii_lower(table.name) ||
         ascii_lower(r.table) == ascii_lower(table.qualified())))
      return &r;
  std::string declared = normalize_type(column.declared_type);
  std::string base = declared.substr(0, declared.find('('));
  for (const auto& r : casts) {
    if (!r.column.empty() || (!r.engine.empty() && r.engine != engine)) continue;
    std::string pattern = normalize_type(r.source_type);
    bool exact = pattern.find('(') != std::string::npos;
    if (exact ? pattern == declared : pattern == base) return &r;
  }
  return nullptr;
}

namespace {

// Options as planned: --target-schema resolved for a PostgreSQL source.
Result<Options> planned_options(const Options& options, const Catalog& catalog) {
  Options o = options;
  bool native = catalog.engine == "postgresql";
  if (native)
    if (auto st = resolve_target_schema(o, catalog); !st) return fail(std::move(st.error()));
  if (!native && (o.owners || o.grants))
    return fail(ErrorKind::config, fmt::format("{} needs a PostgreSQL source", o.owners ? "--owners" : "--grants"),
                "owners and grants are copied only from PostgreSQL; leave the option out");
  return o;
}

// Selected tables with their target names and chunks.
Status plan_tables(Source& source, const Catalog& catalog, TableNamer& namer, MigrationPlan& plan) {
  const Options& options = plan.options;
  for (const auto& table : catalog.tables) {
    if (!table_selected(options, table.schema, table.name)) continue;
    TablePlan tp;
    tp.source = table;
    if (auto st = namer.name(tp, plan); !st) return st;
    if (options.mode != Mode::schema_only) {
      auto chunks = source.plan_chunks(table, options.chunk_rows, tp.chunk_reason);
      if (!chunks) return fail(chunks.error().in_table(table.name));
      tp.chunks = std::move(*chunks);
      tp.truncate_freeze = tp.chunks.size() == 1 && options.mode == Mode::both;
    }
    plan.tables.push_back(std::move(tp));
  }
  return {};
}

}  // namespace

Result<MigrationPlan> build_plan(Source& source, const Catalog& catalog, const Options& options,
                                 const PlanProgress& progress) {
  MigrationPlan plan;
  auto planned = planned_options(options, catalog);
  if (!planned) return fail(std::move(planned.error()));
  plan.options = std::move(*planned);
  plan.source_engine = catalog.engine;
  plan.views = catalog.views;
  plan.not_migrated = catalog.not_migrated;
  plan.warnings = catalog.warnings;
  std::map<std::string, pg::NameAllocator> relations_in;  // per target schema
  const bool native = catalog.engine == "postgresql";
  const bool fold = options.identifier_case == IdentifierCase::lower ||
                    (options.identifier_case == IdentifierCase::automatic && catalog.engine != "postgresql");
  auto renames = resolve_table_map(plan.options, catalog, native);
  if (!renames) return fail(std::move(renames.error()));
  TableNamer namer(plan.options, catalog, std::move(*renames), native, fold, relations_in);
  if (auto st = plan_tables(source, catalog, namer, plan); !st) return fail(std::move(st.error()));
  auto profiles = profile_tables(source, plan.tables, options, progress);
  if (!profiles) return fail(std::move(profiles.error()));
  std::vector<bool> key_has_nulls(plan.tables.size(), false);
  for (size_t t = 0; t < plan.tables.size(); ++t) {
    plan_columns(source, options, plan.tables[t].source, (*profiles)[t], plan.tables[t], plan, fold);
    if (options.enum_as == EnumAs::type) plan_enum_types(plan.tables[t], relations_in[plan.tables[t].target_schema]);
    for (const auto& key : plan.tables[t].source.primary_key)
      if (const Column* c = plan.tables[t].source.find_column(key);
          c && c->ordinal < static_cast<int>((*profiles)[t].size()) && (*profiles)[t][c->ordinal].nulls > 0)
        key_has_nulls[t] = true;
  }
  TablesByName by_name;
  for (size_t i = 0; i < plan.tables.size(); ++i) {
    TablePlan& t = plan.tables[i];
    KeyContext k{source, relations_in[t.target_schema], rewrite_for_types(t), fold, key_has_nulls[i]};
    plan_primary_key(t, k);
    plan_indexes(t, k);
    plan_checks(t, k);
    if (!native) {
      apply_ci_collation(t, plan.options.ci_collation);
      warn_case_insensitive_keys(t);
    }
    by_name.emplace(t.source.name, &t);
    by_name[t.source.schema + "." + t.source.name] = &t;
  }
  for (auto& t : plan.tables) plan_foreign_keys(t, by_name, fold);
  if (native) {
    if (auto st = plan_native(plan, catalog, namer.renames()); !st) return fail(std::move(st.error()));
  } else {
    plan_comments(plan);
    plan_sequences(plan, catalog, fold);
    plan_views(plan, catalog, fold);
  }
  return plan;
}

}  // namespace cutover
