// cutover compare-schema, the --data-only compatibility check, and the
// schema tree of cutover inspect (PostgreSQL sources).
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "plan/planner.hpp"
#include "plan/schema_compare.hpp"
#include "sources/postgres/postgres_source.hpp"
#include "verify/report.hpp"

namespace cutover {

namespace {

// The schema-only plan of one PostgreSQL database under `o`'s scope.
Result<MigrationPlan> schema_plan(const std::string& url, Options o) {
  postgres::PgSource source(url);
  auto catalog = source.load_catalog();
  if (!catalog) return fail(std::move(catalog.error()));
  o.mode = Mode::schema_only;
  return build_plan(source, *catalog, o);
}

// The target side sees the source's scope under the target's names: its
// schemas mapped (--map-schema, --target-schema), renamed tables
// (--map-table) under their new names.
Options target_scope(const MigrationPlan& source) {
  const Options& o = source.options;
  Options t = o;
  t.schema_map.clear();
  t.table_map.clear();
  t.target_schema_given = false;
  for (auto& s : t.schemas)
    for (const auto& [from, to] : o.schema_map)
      if (s == from) s = to;
  for (auto& pattern : t.tables)
    for (const auto& tp : source.tables)
      if (pattern == tp.source.name || pattern == tp.source.qualified())
        pattern = tp.target_schema + "." + tp.target_name;
  return t;
}

std::string human_size(int64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

// Tables by schema, partitions under their parents ("s.p" quoted key).
struct Tree {
  std::map<std::string, std::vector<const Table*>> roots;            // schema -> top-level tables
  std::map<std::string, std::vector<const Table*>> children;         // quoted parent -> partitions
};

Tree build_tree(const Catalog& c) {
  Tree t;
  for (const auto& table : c.tables) {
    if (!table.partition_parent.empty()) t.children[table.partition_parent].push_back(&table);
    else t.roots[table.schema].push_back(&table);
  }
  return t;
}

std::string quoted_key(const Table& t) {
  auto q = [](const std::string& s) {
    bool plain = !s.empty() && (std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_');
    for (char ch : s) plain = plain && (std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '_');
    return plain ? s : "\"" + s + "\"";
  };
  return q(t.schema) + "." + q(t.name);
}

// Rows and bytes of a table with its partitions.
std::pair<int64_t, int64_t> totals(const Tree& tree, const Table& t) {
  std::pair<int64_t, int64_t> sum{t.row_estimate, t.size_bytes};
  if (auto it = tree.children.find(quoted_key(t)); it != tree.children.end())
    for (const Table* p : it->second) {
      auto [r, b] = totals(tree, *p);
      sum.first += r;
      sum.second += b;
    }
  return sum;
}

void tree_lines(const Tree& tree, const Table& t, int depth, std::string& out) {
  auto [rows, bytes] = totals(tree, t);
  out += fmt::format("{:{}}{:<{}} {:>12} rows {:>10}{}\n", "", 2 + depth * 2, t.name, 40 - depth * 2, rows,
                     human_size(bytes), t.partitioned ? "  partitioned" : "");
  if (auto it = tree.children.find(quoted_key(t)); it != tree.children.end())
    for (const Table* p : it->second) tree_lines(tree, *p, depth + 1, out);
}

nlohmann::json tree_json(const Tree& tree, const Table& t) {
  auto [rows, bytes] = totals(tree, t);
  nlohmann::json j = {{"name", t.name}, {"rows", rows}, {"size_bytes", bytes}, {"partitioned", t.partitioned}};
  if (auto it = tree.children.find(quoted_key(t)); it != tree.children.end()) {
    j["partitions"] = nlohmann::json::array();
    for (const Table* p : it->second) j["partitions"].push_back(tree_json(tree, *p));
  }
  return j;
}

}  // namespace

std::string schema_tree_text(const Catalog& catalog) {
  Tree tree = build_tree(catalog);
  std::string out = fmt::format("{} {} (version {}): {} schemas, {} tables\n", catalog.engine, catalog.database,
                                catalog.server_version, tree.roots.size(), catalog.tables.size());
  for (const auto& [schema, tables] : tree.roots) {
    int64_t rows = 0, bytes = 0;
    for (const Table* t : tables) {
      auto [r, b] = totals(tree, *t);
      rows += r;
      bytes += b;
    }
    out += fmt::format("\n{} — {} tables, {} rows, {}\n", schema, tables.size(), rows, human_size(bytes));
    for (const Table* t : tables) tree_lines(tree, *t, 0, out);
  }
  return out;
}

nlohmann::json schema_tree_json(const Catalog& catalog) {
  Tree tree = build_tree(catalog);
  nlohmann::json schemas = nlohmann::json::array();
  for (const auto& [schema, tables] : tree.roots) {
    nlohmann::json list = nlohmann::json::array();
    int64_t rows = 0, bytes = 0;
    for (const Table* t : tables) {
      list.push_back(tree_json(tree, *t));
      rows += list.back()["rows"].get<int64_t>();
      bytes += list.back()["size_bytes"].get<int64_t>();
    }
    schemas.push_back({{"name", schema}, {"rows", rows}, {"size_bytes", bytes}, {"tables", list}});
  }
  return {{"engine", catalog.engine}, {"database", catalog.database}, {"version", catalog.server_version},
          {"schemas", schemas}};
}

Status check_data_only_target(const MigrationPlan& plan) {
  postgres::PgSource target(plan.options.target_url);
  auto catalog = target.load_catalog();
  if (!catalog) return fail(std::move(catalog.error()));
  auto diffs = data_only_differences(plan, *catalog);
  if (diffs.empty()) return {};
  std::string list;
  for (const auto& d : diffs) list += "\n  - " + d;
  return fail(ErrorKind::config, "--data-only: the target tables cannot take the source rows as they are:" + list,
              "create the tables first (cutover migrate --mode schema), or fix the differences; "
              "cutover compare-schema SOURCE TARGET lists every difference");
}

int cmd_compare_schema(const Command& cmd) {
  const Options& o = cmd.options;
  auto src = schema_plan(o.source_url, o);
  if (!src) return std::fprintf(stderr, "cutover: %s\n", src.error().describe().c_str()), k_exit_usage;
  auto dst = schema_plan(o.target_url, target_scope(*src));
  if (!dst) return std::fprintf(stderr, "cutover: %s\n", dst.error().describe().c_str()), k_exit_usage;
  auto diffs = compare_schemas(schema_fingerprint(*src), schema_fingerprint(*dst));
  if (cmd.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : diffs) out.push_back({{"object", d.object}, {"source", d.source}, {"target", d.target}});
    std::cout << nlohmann::json{{"equal", diffs.empty()}, {"differences", out}}.dump(2) << "\n";
  } else {
    for (const auto& d : diffs) std::cout << d.describe() << "\n";
    std::cout << (diffs.empty() ? "schemas are equal\n" : fmt::format("{} differences\n", diffs.size()));
  }
  return diffs.empty() ? k_exit_ok : k_exit_failed;
}

}  // namespace cutover
