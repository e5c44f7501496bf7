// Schema objects after the copy: foreign keys (self-referencing, forward,
// ON DELETE CASCADE), partial and expression indexes, UNIQUE and CHECK
// constraints, defaults, and AUTOINCREMENT identities set past the data.
#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

class SchemaTest : public MigrationTest {
 protected:
  int64_t constraints(const std::string& table, const std::string& type) {
    return std::stoll(
        pg().scalar(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = $2",
                {quote_ident(table), type})
            .value());
  }
  // Migrates; the source rows violate the one constraint of `type` on `table`, so it
  // must be added NOT VALID with a warning and still refuse `bad_insert`.
  void expect_added_not_valid(const std::string& table, const std::string& type,
                              const std::string& bad_insert) {
    CutoverRun r = migrate();
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    expect_same_rows(source(), pg(), r.report, table);
    EXPECT_EQ(
        pg().scalar(
            "SELECT convalidated FROM pg_constraint WHERE conrelid = $1::regclass AND contype = $2",
            {table, type}),
        "f");
    EXPECT_NE(report_table(r.report, table)["warnings"].dump().find("NOT VALID"), std::string::npos)
        << report_table(r.report, table).dump(2);
    EXPECT_NE(pg().error_of(bad_insert), "") << "new rows are still checked";
  }
  std::string index_definitions(const std::string& table) {
    return pg()
        .scalar(
            "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes "
            "WHERE schemaname = 'public' AND tablename = $1",
            {table})
        .value_or("");
  }
};

TEST_F(SchemaTest, ForeignKeysSelfAndForwardReferencesAndCascadeWork) {
  source().exec(R"(
    CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT, manager_id INTEGER REFERENCES employee(id),
                           dept_id INTEGER REFERENCES dept(id) ON DELETE CASCADE);
    CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO dept VALUES (1, 'eng'), (2, 'ops');
    INSERT INTO employee VALUES (1, 'boss', NULL, 1), (2, 'dev', 1, 1), (3, 'sre', 1, 2);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "employee");
  expect_same_rows(source(), pg(), r.report, "dept");
  EXPECT_EQ(constraints("employee", "f"), 2);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'employee'::regclass "
                        "AND contype = 'f' AND confrelid = 'employee'::regclass"),
            "1")
      << "self reference";
  EXPECT_NE(pg().error_of("INSERT INTO employee VALUES (9, 'x', 42, 1)"), "")
      << "FK to a missing manager";
  pg().exec("DELETE FROM dept WHERE id = 2");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM employee WHERE dept_id = 2"), "0")
      << "ON DELETE CASCADE";
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM employee"), "2");
}

TEST_F(SchemaTest, ForeignKeyViolatedBySourceRowsIsAddedNotValidWithAWarning) {
  source().exec(R"(
    CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id));
    INSERT INTO customer VALUES (1, 'a');
    INSERT INTO orders VALUES (1, 1), (2, 7);
  )");
  expect_added_not_valid("orders", "f", "INSERT INTO orders VALUES (3, 8)");
}

// A referenced table of a million rows: the foreign key is validated by a
// merge join (fk_validation_settings.sql), which must catch an orphan too.
TEST_F(SchemaTest, ForeignKeyToAMillionRowTableIsStillValidated) {
  source().exec(R"(
    CREATE TABLE big (id INTEGER PRIMARY KEY);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) INSERT INTO big SELECT i FROM n;
    CREATE TABLE ref (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big(id));
    INSERT INTO ref VALUES (1, 1), (2, 1000000), (3, 1000001), (4, NULL);
  )");
  expect_added_not_valid("ref", "f", "INSERT INTO ref VALUES (5, 0)");
  EXPECT_EQ(pg().scalar("SELECT reltuples >= 1e6 FROM pg_class WHERE oid = 'big'::regclass"), "t");
}

TEST_F(SchemaTest, PartialAndExpressionIndexesAreCreated) {
  source().exec(R"(
    CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT, active INTEGER);
    CREATE INDEX account_active ON account (email) WHERE active = 1;
    CREATE INDEX account_email_lower ON account (lower(email));
    INSERT INTO account VALUES (1, 'A@x.org', 1), (2, 'b@x.org', 0);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "account");
  std::string defs = index_definitions("account");
  EXPECT_NE(defs.find("(email) WHERE (active = 1)"), std::string::npos) << defs;
  EXPECT_NE(defs.find("(lower(email))"), std::string::npos) << defs;
}

TEST_F(SchemaTest, UniqueAndCheckConstraintsAreEnforced) {
  source().exec(R"(
    CREATE TABLE product (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, price REAL CHECK (price >= 0));
    INSERT INTO product VALUES (1, 'a', 1.5), (2, 'b', 0);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "product");
  EXPECT_GE(constraints("product", "u") +
                (index_definitions("product").find("UNIQUE INDEX") != std::string::npos),
            1)
      << index_definitions("product");
  EXPECT_EQ(constraints("product", "c"), 1);
  EXPECT_NE(pg().error_of("INSERT INTO product VALUES (3, 'a', 1)"), "") << "UNIQUE(sku)";
  EXPECT_NE(pg().error_of("INSERT INTO product VALUES (4, 'd', -1)"), "") << "CHECK(price >= 0)";
}

TEST_F(SchemaTest, CheckViolatedBySourceRowsIsAddedNotValidWithAWarning) {
  source().exec(R"(
    CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER CHECK (qty >= 0));
    PRAGMA ignore_check_constraints = ON;
    INSERT INTO stock VALUES (1, 5), (2, -3);
  )");
  expect_added_not_valid("stock", "c", "INSERT INTO stock VALUES (3, -1)");
}

TEST_F(SchemaTest, CurrentTimestampDefaultFillsNewRows) {
  source().exec(R"(
    CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT DEFAULT 'empty',
                       created DATETIME DEFAULT CURRENT_TIMESTAMP);
    INSERT INTO note (id, body, created) VALUES (1, 'x', '2020-01-02 03:04:05');
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "note");
  pg().exec("INSERT INTO note (id) VALUES (2)");
  EXPECT_EQ(pg().scalar("SELECT body FROM note WHERE id = 2"), "empty");
  EXPECT_EQ(pg().scalar("SELECT abs(extract(epoch from (now() - created::timestamptz))) < 3600 "
                        "FROM note WHERE id = 2"),
            "t");
}

TEST_F(SchemaTest, AutoincrementIdentityContinuesPastMaxAndSequence) {
  source().exec(R"(
    CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
    CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
    INSERT INTO a (id, v) VALUES (5, 'x'), (17, 'y');
    INSERT INTO b (id, v) VALUES (1, 'x'), (50, 'y');
    DELETE FROM b WHERE id = 50;
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "a");
  expect_same_rows(source(), pg(), r.report, "b");
  EXPECT_EQ(pg().scalar("INSERT INTO a (v) VALUES ('new') RETURNING id"), "18") << "max(id) + 1";
  EXPECT_EQ(pg().scalar("INSERT INTO b (v) VALUES ('new') RETURNING id"), "51")
      << "sqlite_sequence + 1";
}

}  // namespace
}  // namespace cutover::it
