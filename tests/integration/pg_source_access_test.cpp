// --owners and --grants (PostgreSQL source): objects get their source
// owners and GRANTs on the target, only when asked; without the options the
// migrating user owns everything and nobody else has privileges. Roles are
// cluster-wide, so each test creates its own and drops them at the end.
// (A role the target lacks is left out with a warning: the test server is
// one cluster, so that branch is unit-tested in native_access_test.cpp.)
#include <fmt/format.h>

#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

const std::string k_fixture = CUTOVER_TEST_DATA "/pg/fixture.sql";

class PgSourceAccessTest : public PgSourceTest {
 protected:
  void SetUp() override {
    PgSourceTest::SetUp();
    if (IsSkipped()) return;
    owner_ = unique_db_name() + "_owner";
    reader_ = unique_db_name() + "_reader";
    PgConn(*admin_url())
        .exec(
            fmt::format("CREATE ROLE \"{}\" NOLOGIN; CREATE ROLE \"{}\" NOLOGIN", owner_, reader_));
    load_sql(k_fixture);
    src().exec(fmt::format(R"(
      ALTER SCHEMA hr OWNER TO "{0}";
      ALTER TABLE hr.events OWNER TO "{0}";
      ALTER TABLE shop.customers OWNER TO "{0}";
      ALTER TYPE shop.mood OWNER TO "{0}";
      ALTER FUNCTION shop.add_tax(numeric) OWNER TO "{0}";
      ALTER VIEW shop.big_orders OWNER TO "{0}";
      ALTER SEQUENCE shop.invoice_no OWNER TO "{0}";
      GRANT USAGE ON SCHEMA shop TO "{1}";
      GRANT SELECT, INSERT ON shop.orders TO "{1}" WITH GRANT OPTION;
      GRANT SELECT ON shop.big_orders TO "{1}";
      GRANT USAGE ON SEQUENCE shop.invoice_no TO "{1}";
      GRANT SELECT ON hr.events TO PUBLIC;)",
                           owner_, reader_));
  }
  void TearDown() override {
    PgSourceTest::TearDown();  // drops both databases, and with them what the roles own there
    if (!owner_.empty())
      PgConn(*admin_url()).exec(fmt::format("DROP ROLE \"{}\"; DROP ROLE \"{}\"", owner_, reader_));
  }
  // The same catalog value on both sides.
  void expect_same(const std::string& sql) {
    EXPECT_EQ(pg().scalar(sql), src().scalar(sql)) << sql;
  }

  std::string owner_, reader_;
};

TEST_F(PgSourceAccessTest, OwnersAndGrantsAreCopiedWhenAsked) {
  CutoverRun r = migrate_pg({"--owners", "--grants"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(pg().scalar("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'hr'"),
            owner_);
  for (const char* rel : {"hr.events", "shop.customers", "shop.customers_id_seq", "shop.big_orders",
                          "shop.invoice_no"})
    EXPECT_EQ(
        pg().scalar(fmt::format(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '{}'::regclass", rel)),
        owner_)
        << rel;
  EXPECT_EQ(
      pg().scalar("SELECT pg_get_userbyid(typowner) FROM pg_type WHERE oid = 'shop.mood'::regtype"),
      owner_);
  EXPECT_EQ(pg().scalar("SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE oid = "
                        "'shop.add_tax(numeric)'::regprocedure"),
            owner_);
  for (const char* rel : {"shop.orders", "shop.big_orders", "shop.invoice_no", "hr.events"})
    expect_same(fmt::format("SELECT relacl::text FROM pg_class WHERE oid = '{}'::regclass", rel));
  expect_same("SELECT nspacl::text FROM pg_namespace WHERE nspname = 'shop'");
  EXPECT_EQ(
      pg().scalar(fmt::format(
          "SELECT has_table_privilege('{}', 'shop.orders', 'INSERT WITH GRANT OPTION')", reader_)),
      "t");
  EXPECT_TRUE(r.report["missing_roles"].empty()) << r.report["missing_roles"].dump();
  expect_same_data();
}

TEST_F(PgSourceAccessTest, WithoutTheOptionsTheMigratingUserOwnsEverything) {
  CutoverRun r = migrate_pg({"--tables", "hr.events,shop.orders", "--mode", "schema"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(pg().scalar(
                "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'hr.events'::regclass"),
            pg().scalar("SELECT current_user"));
  EXPECT_EQ(pg().scalar("SELECT relacl::text FROM pg_class WHERE oid = 'shop.orders'::regclass"),
            std::nullopt);
  EXPECT_EQ(pg().scalar(fmt::format("SELECT has_schema_privilege('{}', 'shop', 'USAGE')", reader_)),
            "f");
}

}  // namespace
}  // namespace cutover::it
