// Target names of tables: --map-table and --target-schema (PostgreSQL
// source), and the errors when two tables would share a name.
#include "plan/planner_names.hpp"

#include <gtest/gtest.h>

namespace cutover {
namespace {

Catalog catalog() {
  Catalog c;
  c.engine = "postgresql";
  for (auto [schema, name] :
       {std::pair{"shop", "orders"}, {"shop", "Lines"}, {"hr", "orders"}, {"hr", "staff"}}) {
    Table t;
    t.schema = schema;
    t.name = name;
    c.tables.push_back(t);
  }
  return c;
}

Options with_map(std::vector<std::pair<std::string, std::string>> map) {
  Options o;
  o.table_map = std::move(map);
  return o;
}

std::string error_of(const Options& o) {
  auto r = resolve_table_map(o, catalog(), true);
  return r ? "" : r.error().message;
}

TEST(MapTable, ResolvesNamesAndSchemas) {
  Options o = with_map(
      {{"shop.orders", "crm.purchases"}, {"staff", "people"}, {"shop.lines", "order_lines"}});
  o.schema_map = {{"hr", "people_dept"}};
  auto r = resolve_table_map(o, catalog(), true);
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].to_schema + "." + (*r)[0].to_name, "crm.purchases");
  EXPECT_EQ((*r)[1].from_schema + "." + (*r)[1].from_name, "hr.staff");
  EXPECT_EQ((*r)[1].to_schema + "." + (*r)[1].to_name,
            "people_dept.people");        // the table's own target schema
  EXPECT_EQ((*r)[2].from_name, "Lines");  // any case when the spelling finds none
}

TEST(MapTable, Errors) {
  EXPECT_EQ(error_of(with_map({{"shop.nope", "x"}})),
            "--map-table shop.nope=x: the source has no table shop.nope");
  EXPECT_EQ(error_of(with_map({{"orders", "x"}})),
            "--map-table orders=x: orders names 2 tables (shop.orders, hr.orders)");
  EXPECT_EQ(error_of(with_map({{"shop.orders", "x"}, {"hr.staff", "shop.x"}})),
            "--map-table hr.staff=shop.x: tables shop.orders and hr.staff both map to shop.x");
  Options o = with_map({{"hr.staff", "x"}});
  o.schemas = {"shop"};
  EXPECT_EQ(error_of(o), "--map-table hr.staff=x: table hr.staff is not selected");
}

// Names catalog table `first`, then `second`: the second's error ("" when none).
std::string second_error(const Options& o, std::vector<TableRename> renames, size_t first,
                         size_t second, TablePlan& a, MigrationPlan& plan) {
  std::map<std::string, pg::NameAllocator> relations;
  Catalog cat = catalog();
  TableNamer namer(o, cat, std::move(renames), true, false, relations);
  TablePlan b;
  a.source = catalog().tables[first];
  b.source = catalog().tables[second];
  if (auto st = namer.name(a, plan); !st) return "first: " + st.error().message;
  auto st = namer.name(b, plan);
  return st ? "" : st.error().message;
}

TEST(MapTable, NamerRefusesTwoTablesOnOneName) {
  Options o = with_map({{"shop.orders", "shop.Lines"}});
  auto renames = resolve_table_map(o, catalog(), true);
  ASSERT_TRUE(renames);
  TablePlan a;
  MigrationPlan plan;
  EXPECT_EQ(
      second_error(o, *renames, 0, 1, a, plan),
      "--map-table maps table shop.orders to shop.Lines, the target name of table shop.Lines too");
  EXPECT_EQ(a.target_name, "Lines");
  ASSERT_EQ(plan.renames.size(), 1u);
  EXPECT_EQ(plan.renames[0].reason, "--map-table");
}

TEST(TargetSchema, MergesSchemasUnlessNamesClash) {
  Options o;
  o.target_schema = "app";
  o.target_schema_given = true;
  Catalog c = catalog();
  ASSERT_TRUE(resolve_target_schema(o, c));
  EXPECT_EQ(o.schema_map,
            (std::vector<std::pair<std::string, std::string>>{{"hr", "app"}, {"shop", "app"}}));
  TablePlan a;
  MigrationPlan plan;
  EXPECT_EQ(
      second_error(o, {}, 0, 2, a, plan),
      "--target-schema app puts tables shop.orders and hr.orders in one schema as app.orders");
  EXPECT_EQ(a.target_schema, "app");
  Options both = o;
  both.schema_map = {{"shop", "x"}};
  EXPECT_EQ(resolve_target_schema(both, c).error().message,
            "--target-schema and --map-schema cannot be used together");
}

}  // namespace
}  // namespace cutover
