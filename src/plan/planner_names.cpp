#include "plan/planner_names.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plan/options_loader.hpp"
#include "plan/planner_native.hpp"
#include "util/text.hpp"

namespace cutover {

namespace {

// "s.t" -> {"s", "t"}; "t" -> {"", "t"}.
std::pair<std::string, std::string> split_name(const std::string& s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos) return {"", s};
  return {s.substr(0, dot), s.substr(dot + 1)};
}

std::string how_merged(const Options& o) {
  return o.target_schema_given ? "--target-schema " + o.target_schema : std::string("--map-schema");
}

// The one source table `written` names: exact spelling first, then any case.
Result<const Table*> find_source_table(const Catalog& c, const std::string& written,
                                       const std::string& item) {
  auto [schema, name] = split_name(written);
  std::vector<const Table*> exact, any_case;
  for (const auto& t : c.tables) {
    if ((schema.empty() || t.schema == schema) && t.name == name)
      exact.push_back(&t);
    else if ((schema.empty() || ascii_lower(t.schema) == ascii_lower(schema)) && ascii_lower(t.name) == ascii_lower(name))
      any_case.push_back(&t);
  }
  const auto& found = exact.empty() ? any_case : exact;
  if (found.size() == 1) return found.front();
  if (found.empty())
    return fail(ErrorKind::config,
                fmt::format("--map-table {}: the source has no table {}", item, written),
                "list the source's tables with `cutover inspect SOURCE`");
  std::vector<std::string> names;
  for (const Table* t : found) names.push_back(t->qualified());
  return fail(ErrorKind::config,
              fmt::format("--map-table {}: {} names {} tables ({})", item, written, names.size(),
                          fmt::join(names, ", ")),
              fmt::format("qualify it with its schema, e.g. --map-table {}={}", names.front(),
                          split_name(item).second));
}

Status check_unique(const std::vector<TableRename>& done, const TableRename& r,
                    const std::string& item) {
  for (const auto& p : done) {
    if (p.from_schema == r.from_schema && p.from_name == r.from_name)
      return fail(ErrorKind::config,
                  fmt::format("--map-table renames table {}.{} twice", r.from_schema, r.from_name),
                  "give each source table one target");
    if (p.to_schema == r.to_schema && p.to_name == r.to_name)
      return fail(ErrorKind::config,
                  fmt::format("--map-table {}: tables {}.{} and {}.{} both map to {}.{}", item,
                              p.from_schema, p.from_name, r.from_schema, r.from_name, r.to_schema,
                              r.to_name),
                  "two tables cannot share a name: give each its own target");
  }
  return {};
}

}  // namespace

Status resolve_target_schema(Options& o, const Catalog& catalog) {
  if (!o.target_schema_given) return {};
  if (!o.schema_map.empty())
    return fail(
        ErrorKind::config, "--target-schema and --map-schema cannot be used together",
        "--target-schema puts every source schema in one, --map-schema names a target per schema: "
        "use one of them");
  std::set<std::string> schemas;
  for (const auto& s : catalog.pre_data)
    if (s.kind == "schema") schemas.insert(s.schema);
  for (const auto& t : catalog.tables) schemas.insert(t.schema);
  for (const auto& s : schemas)
    if (schema_selected(o, s)) o.schema_map.emplace_back(s, o.target_schema);
  return {};
}

Result<std::vector<TableRename>> resolve_table_map(const Options& o, const Catalog& catalog,
                                                   bool native) {
  std::vector<TableRename> out;
  for (const auto& [src, dst] : o.table_map) {
    std::string item = src + "=" + dst;
    auto t = find_source_table(catalog, src, item);
    if (!t) return fail(std::move(t.error()));
    const Table& table = **t;
    if (!table_selected(o, table.schema, table.name))
      return fail(ErrorKind::config,
                  fmt::format("--map-table {}: table {} is not selected", item, table.qualified()),
                  "--tables, --exclude or --schemas leave it out: select it, or drop the rename");
    auto [to_schema, to_name] = split_name(dst);
    bool fold = o.identifier_case == IdentifierCase::lower ||
                (o.identifier_case == IdentifierCase::automatic && !native);
    if (to_schema.empty()) to_schema = table_target_schema(o, catalog, table.schema, fold);
    if (to_name.size() > pg::k_max_identifier_bytes)
      return fail(ErrorKind::config,
                  fmt::format("--map-table {}: {} is longer than 63 bytes", item, to_name),
                  "PostgreSQL names hold at most 63 bytes: choose a shorter one");
    TableRename r{table.schema, table.name, to_schema, to_name};
    if (auto st = check_unique(out, r, item); !st) return fail(std::move(st.error()));
    out.push_back(std::move(r));
  }
  return out;
}

TableNamer::TableNamer(const Options& o, const Catalog& catalog, std::vector<TableRename> renames, bool native,
                       bool fold, std::map<std::string, pg::NameAllocator>& relations)
    : o_(o), catalog_(catalog), renames_(std::move(renames)), native_(native), fold_(fold), relations_(relations) {
  for (const auto& r : renames_) {
    relations_[r.to_schema].reserve(r.to_name);
    taken_[r.to_schema + "." + r.to_name] = {r.from_schema, r.from_schema + "." + r.from_name,
                                             true};
  }
}

Status TableNamer::name(TablePlan& tp, MigrationPlan& plan) {
  const Table& s = tp.source;
  for (const auto& r : renames_)
    if (r.from_schema == s.schema && r.from_name == s.name) {
      tp.target_schema = r.to_schema;
      tp.target_name = r.to_name;
      plan.renames.push_back(
          {"table", s.qualified(), r.to_schema + "." + r.to_name, "--map-table"});
      return {};
    }
  tp.target_schema = table_target_schema(o_, catalog_, s.schema, fold_);
  std::string wanted = fold_ ? ascii_lower(s.name) : s.name;
  std::string key = tp.target_schema + "." + wanted;
  if (auto it = taken_.find(key); it != taken_.end()) {
    if (it->second.renamed)
      return fail(
          ErrorKind::config,
          fmt::format("--map-table maps table {} to {}, the target name of table {} too",
                      it->second.source, key, s.qualified()),
          "two tables cannot share a name: rename the other one as well, or --exclude one of them");
    if (native_ && it->second.schema != s.schema)
      return fail(
          ErrorKind::config,
          fmt::format("{} puts tables {} and {} in one schema as {}", how_merged(o_),
                      it->second.source, s.qualified(), key),
          "give each source schema its own target schema with --map-schema (e.g. --map-schema "
          "shop=app,hr=app_hr), or rename one table with --map-table");
  }
  bool changed = false;
  tp.target_name = relations_[tp.target_schema].allocate(wanted, &changed);
  if (changed)
    plan.renames.push_back(
        {"table", s.name, tp.target_name, "longer than 63 bytes or already taken"});
  taken_[key] = {s.schema, s.qualified(), false};
  return {};
}

}  // namespace cutover
