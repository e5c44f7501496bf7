// PostgreSQL -> PostgreSQL with renames on the fixture: --map-table (tables
// renamed in place, moved to another schema, a partition and an
// inheritance parent) with everything that names them, and --target-schema
// (every source schema into one, refused when names clash).
#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

const std::string k_fixture = CUTOVER_TEST_DATA "/pg/fixture.sql";
constexpr auto npos = std::string::npos;

class PgSourceRenameTest : public PgSourceTest {
 protected:
  void SetUp() override {
    PgSourceTest::SetUp();
    if (!IsSkipped()) load_sql(k_fixture);
  }
  std::string target_of(const std::string& catalog_query) {
    return pg().scalar(catalog_query).value_or("");
  }
};

const std::vector<std::string> k_renames = {
    "--map-table", "shop.orders=purchases,shop.customers=crm.clients",
    "--map-table", "hr.payroll_2024=hr.payroll_y2024",
    "--map-table", "hr.people=everyone"};

TEST_F(PgSourceRenameTest, MapTableRenamesTheTableAndWhatNamesIt) {
  std::vector<std::string> args = k_renames;
  args.insert(args.end(), {"--chunk-rows", "700"});
  CutoverRun r = migrate_pg(args);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(pg().table_exists("shop", "purchases"));
  EXPECT_TRUE(pg().table_exists("crm", "clients"));
  EXPECT_FALSE(pg().table_exists("shop", "orders"));
  EXPECT_FALSE(pg().table_exists("shop", "customers"));
  expect_same_data({}, {{"shop.orders", "shop.purchases"},
                        {"shop.customers", "crm.clients"},
                        {"hr.payroll_2024", "hr.payroll_y2024"},
                        {"hr.people", "hr.everyone"}});
  expect_same_schema(k_renames);
  // Foreign keys, partitions, inheritance children, triggers, views and
  // comments name the new tables; a moved table takes its indexes and
  // owned sequences to its new schema.
  EXPECT_EQ(target_of("SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = "
                      "'order_lines_order_fkey'"),
            "shop.purchases");
  EXPECT_EQ(target_of("SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = "
                      "'orders_customer_id_fkey'"),
            "crm.clients");
  EXPECT_EQ(target_of("SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = "
                      "'hr.payroll_2024_eu'::regclass"),
            "hr.payroll_y2024");
  EXPECT_EQ(target_of("SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = "
                      "'hr.staff'::regclass"),
            "hr.everyone");
  EXPECT_EQ(
      target_of("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'customers_touch'"),
      "crm.clients");
  EXPECT_EQ(target_of("SELECT obj_description('crm.customers_lower_name_idx'::regclass)"),
            "case-insensitive lookups");
  EXPECT_EQ(target_of("SELECT pg_get_serial_sequence('crm.clients', 'id')"),
            "crm.customers_id_seq");
  EXPECT_EQ(target_of("SELECT last_value FROM crm.customers_id_seq"),
            src().scalar("SELECT last_value FROM shop.customers_id_seq"));
  EXPECT_EQ(target_of("SELECT pg_get_serial_sequence('shop.purchases', 'id')"),
            "shop.orders_id_seq");
  EXPECT_EQ(target_of("SELECT count(*) FROM shop.big_order_customers"),
            src().scalar("SELECT count(*) FROM shop.big_order_customers"));
  EXPECT_EQ(target_of("SELECT count(*) FROM shop.order_totals"), "2500");
  EXPECT_EQ(target_of("SELECT shop.order_count()"), src().scalar("SELECT shop.order_count()"));  // its body
  // The report names both.
  const auto& t = report_table(r.report, "customers");
  EXPECT_EQ(t["source_schema"], "shop");
  EXPECT_EQ(t["target"], "crm.clients");
  bool listed = false;
  for (const auto& n : r.report["renames"])
    listed |= n["source"] == "shop.customers" && n["target"] == "crm.clients" &&
              n["reason"] == "--map-table";
  EXPECT_TRUE(listed) << r.report["renames"].dump();
}

TEST_F(PgSourceRenameTest, MapTableErrorsNameTheTables) {
  CutoverRun missing = migrate_pg({"--map-table", "shop.nope=x"});
  EXPECT_EQ(missing.exit_code, 2) << describe(missing);
  EXPECT_NE(missing.err.find("--map-table shop.nope=x: the source has no table shop.nope"), npos)
      << missing.err;
  CutoverRun taken = migrate_pg({"--map-table", "shop.orders=hr.events"});
  EXPECT_EQ(taken.exit_code, 2) << describe(taken);
  EXPECT_NE(taken.err.find("--map-table maps table shop.orders to hr.events, the target name of "
                           "table hr.events too"),
            npos)
      << taken.err;
  CutoverRun two = migrate_pg({"--map-table", "shop.orders=x,hr.events=shop.x"});
  EXPECT_NE(two.err.find("tables shop.orders and hr.events both map to shop.x"), npos) << two.err;
  EXPECT_FALSE(pg().table_exists("shop", "everything"));
}

TEST_F(PgSourceRenameTest, TargetSchemaPutsEverySchemaInOne) {
  const std::vector<std::string> scope = {"--schemas", "shop,hr", "--target-schema", "app"};
  std::vector<std::string> args = scope;
  args.insert(args.end(), {"--chunk-rows", "1000"});
  CutoverRun r = migrate_pg(args);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"everything", "orders", "events", "payroll", "payroll_2024_eu", "staff"})
    EXPECT_TRUE(pg().table_exists("app", t)) << t;
  EXPECT_FALSE(pg().table_exists("shop", "orders"));
  expect_same_data({{"shop", "app"}, {"hr", "app"}});
  expect_same_schema(scope);
  EXPECT_EQ(report_table(r.report, "events")["target"], "app.events");
  EXPECT_EQ(target_of("SELECT pg_get_serial_sequence('app.customers', 'id')"),
            "app.customers_id_seq");
  EXPECT_EQ(target_of("SELECT count(*) FROM app.big_order_customers"),
            src().scalar("SELECT count(*) FROM shop.big_order_customers"));
  EXPECT_EQ(target_of("SELECT app.order_count()"), src().scalar("SELECT shop.order_count()"));
  EXPECT_EQ(target_of("SELECT app.customer_count()"), src().scalar("SELECT shop.customer_count()"));
}

TEST_F(PgSourceRenameTest, TargetSchemaRefusesClashingNames) {
  src().exec("CREATE TABLE hr.orders (id int PRIMARY KEY)");
  CutoverRun r = migrate_pg({"--target-schema", "app"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(
      r.err.find(
          "--target-schema app puts tables hr.orders and shop.orders in one schema as app.orders"),
      npos)
      << r.err;
  EXPECT_NE(r.err.find("--map-schema shop=app,hr=app_hr"), npos) << r.err;
  EXPECT_FALSE(pg().table_exists("app", "orders"));
  CutoverRun both = migrate_pg({"--target-schema", "app", "--map-schema", "shop=x"});
  EXPECT_NE(both.err.find("--target-schema and --map-schema cannot be used together"), npos)
      << both.err;
  CutoverRun renamed = migrate_pg(
      {"--schemas", "shop,hr", "--target-schema", "app", "--map-table", "hr.orders=hr_orders"});
  ASSERT_EQ(renamed.exit_code, 0) << describe(renamed);
  EXPECT_TRUE(pg().table_exists("app", "hr_orders"));
  EXPECT_TRUE(pg().table_exists("app", "orders"));
}

}  // namespace
}  // namespace cutover::it
