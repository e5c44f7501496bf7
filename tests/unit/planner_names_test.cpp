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

TEST(MapTable, NamerRefusesTwoTablesOnOneName) {
  Options o = with_map({{"shop.orders", "shop.Lines"}});
  auto renames = resolve_table_map(o, catalog(), true);
  ASSERT_TRUE(renames);
  std::map<std::string, pg::NameAllocator> relations;
  TableNamer namer(o, *renames, true, false, relations);
  MigrationPlan plan;
  TablePlan a, b;
  a.source = catalog().tables[0];
  b.source = catalog().tables[1];
  ASSERT_TRUE(namer.name(a, plan));
  EXPECT_EQ(a.target_name, "Lines");
  auto st = namer.name(b, plan);
  ASSERT_FALSE(st);
  EXPECT_EQ(
      st.error().message,
      "--map-table maps table shop.orders to shop.Lines, the target name of table shop.Lines too");
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
  std::map<std::string, pg::NameAllocator> relations;
  TableNamer namer(o, {}, true, false, relations);
  MigrationPlan plan;
  TablePlan a, b;
  a.source = c.tables[0];
  b.source = c.tables[2];
  ASSERT_TRUE(namer.name(a, plan));
  EXPECT_EQ(a.target_schema, "app");
  auto st = namer.name(b, plan);
  ASSERT_FALSE(st);
  EXPECT_EQ(
      st.error().message,
      "--target-schema app puts tables shop.orders and hr.orders in one schema as app.orders");
  Options both = o;
  both.schema_map = {{"shop", "x"}};
  EXPECT_EQ(resolve_target_schema(both, c).error().message,
            "--target-schema and --map-schema cannot be used together");
}

}  // namespace
}  // namespace cutover
