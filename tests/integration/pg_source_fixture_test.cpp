// PostgreSQL -> PostgreSQL on the fixture with every object kind
// (tests/fixtures/pg/fixture.sql): every value equal as text, sequences at
// the same position, and the schemas compare equal — in each mode and scope.
#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

const std::string k_fixture = CUTOVER_TEST_DATA "/pg/fixture.sql";

class PgSourceFixtureTest : public PgSourceTest {
 protected:
  void SetUp() override {
    PgSourceTest::SetUp();
    if (!IsSkipped()) load_sql(k_fixture);
  }
};

TEST_F(PgSourceFixtureTest, BothModesCopiesEveryObjectAndValue) {
  CutoverRun r = migrate_pg({"--chunk-rows", "700", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_data();
  expect_same_sequences();
  expect_same_schema();
  EXPECT_NE(r.report["consistency"].get<std::string>().find("one snapshot"), std::string::npos);
  // Split by integer key, by ctid pages (no single integer key), and not at all.
  EXPECT_GT(report_table(r.report, "orders")["chunks"].get<int>(), 1);
  EXPECT_GT(report_table(r.report, "events")["chunks"].get<int>(), 1);
  EXPECT_EQ(report_table(r.report, "payroll")["chunks"].get<int>(), 0);
  // Identity ALWAYS keeps copying its values and goes on from the source's position.
  EXPECT_EQ(pg().scalar("SELECT max(id) FROM shop.everything"), src().scalar("SELECT max(id) FROM shop.everything"));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM shop.order_totals"), "2500");
}

TEST_F(PgSourceFixtureTest, SchemaThenDataEqualsBoth) {
  CutoverRun schema = migrate_pg({"--mode", "schema"});
  ASSERT_EQ(schema.exit_code, 0) << describe(schema);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM shop.orders"), "0");
  expect_same_schema();
  CutoverRun data = migrate_pg({"--mode", "data", "--chunk-rows", "1000", "--report", dir() + "/data.json"});
  ASSERT_EQ(data.exit_code, 0) << describe(data);
  expect_same_data({});
  expect_same_sequences();
}

TEST_F(PgSourceFixtureTest, OneSchemaRenamed) {
  CutoverRun r = migrate_pg({"--schemas", "shop", "--map-schema", "shop=store"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_FALSE(pg().table_exists("hr", "events"));
  EXPECT_TRUE(pg().table_exists("store", "orders"));
  src().exec("DROP SCHEMA hr CASCADE");
  expect_same_data({{"shop", "store"}});
  expect_same_schema({"--schemas", "shop", "--map-schema", "shop=store"});
  // Defaults, identity sequences and views name the new schema.
  EXPECT_EQ(pg().scalar("SELECT pg_get_serial_sequence('store.customers', 'id')"), "store.customers_id_seq");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM store.big_order_customers"),
            src().scalar("SELECT count(*) FROM shop.big_order_customers"));
  // Function bodies and their search_path name the new schema.
  EXPECT_EQ(pg().scalar("SELECT store.order_count()"), src().scalar("SELECT shop.order_count()"));
  EXPECT_EQ(pg().scalar("SELECT store.customer_count()"), src().scalar("SELECT shop.customer_count()"));
}

TEST_F(PgSourceFixtureTest, SomeTables) {
  CutoverRun r = migrate_pg({"--tables", "shop.customers,shop.orders"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(pg().table_exists("shop", "orders"));
  EXPECT_FALSE(pg().table_exists("shop", "order_lines"));
  EXPECT_FALSE(pg().table_exists("hr", "events"));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM shop.orders"), "5000");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_trigger WHERE tgname = 'customers_touch'"), "1");
}

TEST_F(PgSourceFixtureTest, DataOnlySaysWhatDiffers) {
  pg().exec("CREATE SCHEMA shop; CREATE TABLE shop.customers (id bigint, email text, extra int NOT NULL)");
  CutoverRun r = migrate_pg({"--mode", "data", "--tables", "shop.customers"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("column id is integer in the source but bigint in the target"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("column name (text) does not exist in the target"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("target column extra is NOT NULL without a default"), std::string::npos) << r.err;
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM shop.customers"), "0");
}

TEST_F(PgSourceFixtureTest, CompareSchemaListsDifferences) {
  ASSERT_EQ(migrate_pg().exit_code, 0);
  pg().exec("DROP INDEX shop.customers_doc_idx; ALTER TABLE shop.orders ALTER COLUMN status SET DEFAULT 'x'");
  CutoverRun r = cutover({"compare-schema", source_url(), target_url()});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_NE(r.out.find("missing in target: index shop.customers.customers_doc_idx"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("differs: column shop.orders.status"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 differences"), std::string::npos) << r.out;
}

TEST_F(PgSourceFixtureTest, InspectShowsSchemasTablesAndPartitions) {
  src().exec("ANALYZE");
  CutoverRun r = cutover({"inspect", source_url(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto tree = nlohmann::json::parse(r.out);
  ASSERT_EQ(tree["schemas"].size(), 2u);
  const auto& hr = tree["schemas"][0];
  EXPECT_EQ(hr["name"], "hr");
  bool found = false;
  for (const auto& t : hr["tables"])
    if (t["name"] == "payroll") {
      found = true;
      EXPECT_EQ(t["rows"], 3000);
      EXPECT_EQ(t["partitions"].size(), 3u);
    }
  EXPECT_TRUE(found);
  CutoverRun text = cutover({"inspect", source_url()});
  EXPECT_NE(text.out.find("shop — 4 tables"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace cutover::it
