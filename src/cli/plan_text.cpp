#include "cli/plan_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "targets/postgres/pg_ddl.hpp"
#include "util/url.hpp"

namespace cutover {

namespace {

std::string table_section(const TablePlan& t) {
  std::string out = fmt::format("\n== {} -> {}.{} ({} rows)\n", t.source.name, t.target_schema,
                                t.target_name, t.source.row_estimate);
  for (const auto* list : {&t.columns, &t.generated, &t.dropped})
    for (const auto& c : *list)
      out += fmt::format("  {:<28} {:<22} -> {:<28} [{}] {}\n",
                         c.derived.empty() ? c.source_name : fmt::format("{} ({})", c.source_name, c.derived),
                         t.source.find_column(c.source_name)->declared_type,
                         c.type.rule == "drop" ? "(not copied)" : c.type.target_type, c.type.rule, c.type.reason);
  out += fmt::format("  chunks: {} — {}{}\n", t.chunks.size(), t.chunk_reason,
                     t.truncate_freeze ? "; loaded with TRUNCATE + COPY FREEZE" : "");
  out += "  DDL:\n";
  for (const auto& s : pg::create_enum_types_sql(t)) out += "    " + s + ";\n";
  out += "    " + pg::create_table_sql(t) + ";\n";
  if (t.primary_key)
    for (const auto& s : pg::index_sql(t, *t.primary_key)) out += "    " + s + ";\n";
  for (const auto& ix : t.indexes)
    for (const auto& s : pg::index_sql(t, ix)) out += "    " + s + ";\n";
  for (const auto& ck : t.checks) out += "    " + pg::check_sql(t, ck, false) + ";\n";
  for (const auto& fk : t.foreign_keys) out += "    " + pg::foreign_key_sql(t, fk, false) + ";\n";
  for (const auto& s : pg::on_update_trigger_sql(t)) out += "    " + s + ";\n";
  for (const auto& w : t.warnings) out += "  warning: " + w + "\n";
  return out;
}

}  // namespace

std::string plan_text(const MigrationPlan& plan) {
  const Options& o = plan.options;
  std::string out = fmt::format(
      "plan: {} -> {} (schema {}, mode {}, jobs {}, chunk rows {})\n", redact_url(o.source_url),
      redact_url(o.target_url), o.target_schema, to_string(o.mode), o.jobs, o.chunk_rows);
  for (const auto& t : plan.tables) out += table_section(t);
  if (!plan.renames.empty()) out += "\nrenamed identifiers:\n";
  for (const auto& r : plan.renames) out += fmt::format("  {} {} -> {}\n", r.kind, r.source, r.target);
  for (const auto& v : plan.views) out += fmt::format("\nview {} is listed, not migrated\n", v.name);
  for (const auto& n : plan.not_migrated) out += "not migrated: " + n + "\n";
  for (const auto& w : plan.warnings) out += "warning: " + w + "\n";
  return out;
}

std::string catalog_text(const Catalog& catalog) {
  std::string out = fmt::format("{} {} ({} tables, {} views)\n", catalog.engine, catalog.database,
                                catalog.tables.size(), catalog.views.size());
  for (const auto& t : catalog.tables) {
    out += fmt::format("\n{} — {} rows{}\n", t.name, t.row_estimate, t.without_rowid ? ", WITHOUT ROWID" : "");
    for (const auto& c : t.columns)
      out += fmt::format("  {:<28} {:<20}{}{}\n", c.name, c.declared_type, c.not_null ? " NOT NULL" : "",
                         c.default_expr ? " DEFAULT " + *c.default_expr : "");
    if (!t.primary_key.empty()) out += fmt::format("  primary key ({})\n", fmt::join(t.primary_key, ", "));
    for (const auto& ix : t.indexes) {
      std::vector<std::string> cols;
      for (const auto& c : ix.columns) cols.push_back(c.name.empty() ? c.expression : c.name);
      out += fmt::format("  {}index {} ({}){}\n", ix.unique ? "unique " : "", ix.name, fmt::join(cols, ", "),
                         ix.predicate ? " WHERE " + *ix.predicate : "");
    }
    for (const auto& fk : t.foreign_keys)
      out += fmt::format("  foreign key ({}) references {} ({})\n", fmt::join(fk.columns, ", "),
                         fk.ref_table, fmt::join(fk.ref_columns, ", "));
  }
  for (const auto& v : catalog.views) out += fmt::format("\nview {}\n", v.name);
  for (const auto& n : catalog.not_migrated) out += "not migrated: " + n + "\n";
  return out;
}

}  // namespace cutover
