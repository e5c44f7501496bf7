// Target schemas per source engine (plan/planner_native.hpp, table_target_schema).
#include <gtest/gtest.h>

#include "plan/planner_native.hpp"

namespace cutover {
namespace {

Catalog mssql_catalog() {
  Catalog c;
  c.engine = "mssql";
  c.keeps_schemas = true;
  c.default_schema = "dbo";
  return c;
}

TEST(TableTargetSchema, SqlServerDboGoesToTargetSchemaOthersKeepTheirNames) {
  Options o;
  Catalog c = mssql_catalog();
  EXPECT_EQ(table_target_schema(o, c, "dbo", true), "public");
  EXPECT_EQ(table_target_schema(o, c, "Sales", true), "sales");
  EXPECT_EQ(table_target_schema(o, c, "Sales", false), "Sales");
  o.target_schema = "app";
  EXPECT_EQ(table_target_schema(o, c, "DBO", true), "app");
}

TEST(TableTargetSchema, SqlServerMapSchemaMatchesCaseInsensitively) {
  Options o;
  o.schema_map = {{"DBO", "core"}, {"sales", "Crm"}};
  Catalog c = mssql_catalog();
  EXPECT_EQ(table_target_schema(o, c, "dbo", true), "core");
  EXPECT_EQ(table_target_schema(o, c, "Sales", true), "Crm");
  EXPECT_EQ(table_target_schema(o, c, "hr", true), "hr");
}

TEST(TableTargetSchema, OtherEnginesUseTargetSchemaPostgresKeepsOrMaps) {
  Options o;
  o.target_schema = "app";
  o.schema_map = {{"sales", "crm"}};
  Catalog mysql;
  mysql.engine = "mysql";
  EXPECT_EQ(table_target_schema(o, mysql, "shop", true), "app");
  Catalog pg;
  pg.engine = "postgresql";
  EXPECT_EQ(table_target_schema(o, pg, "sales", false), "crm");
  EXPECT_EQ(table_target_schema(o, pg, "Hr", false), "Hr");
}

}  // namespace
}  // namespace cutover
