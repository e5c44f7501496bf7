// Northwind, built from Microsoft's install script (instnwnd.sql in
// /work/shared/data, MIT) by the TDS test server's script loader at test
// time, migrated end to end through FreeTDS ODBC: every value of every
// table, keys, indexes, foreign keys, checks, defaults and identity columns.
#include <fmt/format.h>

#include <set>

#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The target table as regclass::text prints it (public is on the search path).
std::string reg(const std::string& table) {
  std::string name = lower(table);
  return name.find(' ') == std::string::npos ? name : "\"" + name + "\"";
}

std::string target_of(const std::string& table) { return "public." + reg(table); }

class MssqlNorthwindTest : public MssqlSharedMigrationTest {
 public:
  static void SetUpTestSuite() { set_up_suite("northwind", northwind_script(), {"--chunk-rows", "500", "-j", "3"}); }
  static void TearDownTestSuite() { tear_down_suite(); }

 protected:
  void SetUp() override { set_up_test(northwind_script()); }
  const tdstest::Database& northwind() { return *fixtures().find_database("northwind"); }
};

TEST_F(MssqlNorthwindTest, EveryTableAndValueArrivesExact) {
  ASSERT_TRUE(shared_run_ok());
  const auto& report = shared_run().report;
  EXPECT_EQ(report["status"], "ok");
  ASSERT_EQ(northwind().tables.size(), 13u);
  std::int64_t total = 0;
  for (const tdstest::Table& t : northwind().tables) {
    expect_table_matches(t, target_of(t.name));
    total += static_cast<std::int64_t>(t.rows.size());
  }
  EXPECT_EQ(total, 3308);
  EXPECT_EQ(report["totals"]["rows_copied"], 3308);
  // Large tables are split: Order Details by its (OrderID, ProductID) key
  // sampled on the server, Orders by ranges of its integer key.
  EXPECT_EQ(chunk_rows("public.order details"), (std::vector<std::int64_t>{500, 500, 500, 500, 155}));
  EXPECT_EQ(report_table(report, "Orders")["chunks"], 2);
  EXPECT_TRUE(report["consistency"].get<std::string>().starts_with("point-in-time consistent: yes"));
  EXPECT_EQ(report["not_migrated"].size(), 7u) << report["not_migrated"].dump();  // 7 procedures
}

TEST_F(MssqlNorthwindTest, KeysIndexesForeignKeysChecksAndIdentityAreInPlace) {
  ASSERT_TRUE(shared_run_ok());
  std::set<std::string> pks, fks, indexes, checks;
  for (const tdstest::Table& t : northwind().tables) {
    std::string target = reg(t.name);
    pks.insert(fmt::format("{}: PRIMARY KEY ({})", target, lower(fmt::format("{}", fmt::join(t.primary_key, ", ")))));
    for (const auto& fk : t.foreign_keys)
      fks.insert(lower(fmt::format("{}: FOREIGN KEY ({}) REFERENCES {}({})", target, fmt::join(fk.columns, ", "),
                                   reg(fk.ref_table), fmt::join(fk.ref_columns, ", "))));
    for (const auto& ix : t.indexes) indexes.insert(lower(fmt::format("{} ({})", target, fmt::join(ix.columns, ", "))));
    for (const auto& ck : t.checks) checks.insert(fmt::format("{}: {}", target, lower(ck.first)));
  }
  EXPECT_EQ(pks.size(), 13u);
  EXPECT_EQ(fks.size(), 13u);
  EXPECT_EQ(indexes.size(), 20u);  // 26 indexes, some twice on one column (CustomerID, CustomersOrders)
  EXPECT_EQ(checks.size(), 8u);
  const std::string constraints = "FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = ";
  EXPECT_EQ(db_set("SELECT conrelid::regclass::text || ': ' || pg_get_constraintdef(oid) " + constraints + "'p'"), pks);
  EXPECT_EQ(db_set("SELECT lower(conrelid::regclass::text || ': ' || pg_get_constraintdef(oid)) " + constraints + "'f'"),
            fks);
  EXPECT_EQ(db_set("SELECT conrelid::regclass::text || ': ' || lower(conname) " + constraints + "'c'"), checks);
  const std::string indexes_sql = "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                                  "WHERE c.relnamespace = 'public'::regnamespace AND NOT i.indisprimary";
  EXPECT_EQ(db_set("SELECT lower(indrelid::regclass::text || ' (' || pg_get_indexdef(indexrelid, 1, false) || ')') " +
                   indexes_sql),
            indexes);
  EXPECT_EQ(db().scalar("SELECT count(*) " + indexes_sql), "26");
  // Identity columns continue past the copied maximum.
  EXPECT_EQ(db().scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND "
                        "is_identity = 'YES'"),
            "6");
  db().exec("BEGIN");  // the shared migration is left as it was
  auto next = db().scalar("INSERT INTO orders (customerid) VALUES ('ALFKI') RETURNING orderid");
  ASSERT_TRUE(next);
  EXPECT_GT(std::stoll(*next), 11077);
  // Defaults and checks translated: (0) on bit is false, money 0, CHECK (Quantity > 0).
  auto product = db().scalar("INSERT INTO products (productname) VALUES ('Tofu 2') RETURNING "
                             "discontinued::text || ',' || unitprice::text || ',' || unitsinstock::text");
  EXPECT_EQ(product, "false,0.0000,0");
  db().exec("ROLLBACK");
  EXPECT_NE(db().error_of("INSERT INTO \"order details\" (orderid, productid, quantity) VALUES (10248, 1, 0)"), "");
}

// Northwind's 16 views are translated from T-SQL ("Order Details".UnitPrice,
// CONVERT(money, ...), FirstName + ' ' + LastName, bit = 0) and created in
// dependency order; each one's rows are what its query gives on the copied
// tables, counted here with SQL written independently of the view.
TEST_F(MssqlNorthwindTest, ViewsAreTranslatedAndReadTheCopiedRows) {
  ASSERT_TRUE(shared_run_ok());
  const auto& report = shared_run().report;
  EXPECT_EQ(report["views_not_migrated"].size(), 0u) << report["views_not_migrated"].dump();
  EXPECT_EQ(report["views_created"].size(), 16u) << report["views_created"].dump();
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_views WHERE schemaname = 'public'"), "16");
  auto count = [&](const std::string& from) { return db().scalar("SELECT count(*) FROM " + from); };
  EXPECT_EQ(count("\"current product list\""), count("products WHERE NOT discontinued"));
  EXPECT_EQ(count("\"current product list\""), "69");
  EXPECT_EQ(count("\"products above average price\""),
            count("products WHERE unitprice > (SELECT avg(unitprice) FROM products)"));
  EXPECT_EQ(count("\"products above average price\""), "25");
  // Reads another view (created after it although listed first).
  EXPECT_EQ(count("\"category sales for 1997\""),
            count("(SELECT DISTINCT p.categoryid FROM products p JOIN \"order details\" d USING (productid) JOIN "
                  "orders o USING (orderid) WHERE o.shippeddate BETWEEN '1997-01-01' AND '1997-12-31') c"));
  EXPECT_EQ(count("invoices"), count("\"order details\""));
  EXPECT_EQ(db().scalar("SELECT salesperson FROM invoices WHERE orderid = 10248 LIMIT 1"), "Steven Buchanan");
  // CONVERT(money, UnitPrice*Quantity*(1-Discount)/100)*100, in numeric(19,4) as in money.
  EXPECT_EQ(db().scalar("SELECT extendedprice::text FROM \"order details extended\" WHERE orderid = 10250 AND "
                        "productid = 51"),
            "1261.4000");
}

}  // namespace
}  // namespace cutover::it
