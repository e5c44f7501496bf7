#include <gtest/gtest.h>

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sqlite_test_db.hpp"

namespace cutover::sqlite {
namespace {

using testing::TempDb;

constexpr const char* k_schema = R"sql(
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INT NOT NULL REFERENCES customers(id) ON DELETE CASCADE ON UPDATE SET NULL,
  parent_id INT REFERENCES orders,
  code TEXT COLLATE NOCASE UNIQUE,
  total DECIMAL(10,2) DEFAULT 0 CHECK (total >= (0)),
  note TEXT DEFAULT 'it''s',
  created TEXT DEFAULT CURRENT_TIMESTAMP,
  doubled DECIMAL(10,2) GENERATED ALWAYS AS (total * 2) VIRTUAL,
  CONSTRAINT note_ok CHECK (note <> 'x )'),
  FOREIGN KEY (customer_id, code) REFERENCES customer_codes DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE customer_codes (cid INT, code TEXT, PRIMARY KEY (code, cid));
CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
CREATE TABLE desc_pk (id INTEGER PRIMARY KEY DESC, x);
CREATE TABLE int_pk (id INT PRIMARY KEY);
CREATE INDEX orders_partial ON orders (customer_id, created DESC) WHERE total > 100;
CREATE INDEX orders_expr ON orders (lower(note), total);
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 1000;
CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN SELECT 1; END;
INSERT INTO customers VALUES (1, 'a'), (2, 'b');
INSERT INTO orders (customer_id, code, total) VALUES (1, 'x', 5), (2, 'y', 7);
DELETE FROM orders WHERE id = 2;
)sql";

class SqliteCatalog : public ::testing::Test {
 protected:
  void SetUp() override { catalog_ = db_.catalog(); }
  const Table& table(const char* name) {
    const Table* t = catalog_.find_table("main", name);
    EXPECT_NE(t, nullptr) << name;
    return *t;
  }
  TempDb db_{k_schema};
  Catalog catalog_;
};

TEST_F(SqliteCatalog, TablesInNameOrderWithoutInternalOnes) {
  std::vector<std::string> names;
  for (const auto& t : catalog_.tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"customer_codes", "customers", "desc_pk", "int_pk", "kv", "orders"}));
  EXPECT_EQ(catalog_.engine, "sqlite");
  EXPECT_EQ(table("orders").schema, "main");
}

TEST_F(SqliteCatalog, ColumnsDefaultsCollationGenerated) {
  const Table& t = table("orders");
  ASSERT_EQ(t.columns.size(), 8u);
  EXPECT_EQ(t.columns[1].name, "customer_id");
  EXPECT_EQ(t.columns[1].declared_type, "INT");
  EXPECT_TRUE(t.columns[1].not_null);
  EXPECT_EQ(t.columns[3].collation, "NOCASE");
  EXPECT_EQ(*t.columns[4].default_expr, "0");
  EXPECT_EQ(*t.columns[5].default_expr, "'it''s'");
  EXPECT_EQ(*t.columns[6].default_expr, "CURRENT_TIMESTAMP");
  EXPECT_EQ(t.columns[7].ordinal, 7);
  EXPECT_EQ(*t.columns[7].generated_expr, "total * 2");
  EXPECT_FALSE(t.columns[7].generated_stored);
  EXPECT_FALSE(t.columns[4].generated_expr.has_value());
}

TEST_F(SqliteCatalog, KeysRowidAliasAndAutoincrement) {
  const Table& o = table("orders");
  EXPECT_EQ(o.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(o.rowid_alias, "id");
  EXPECT_TRUE(o.columns[0].autoincrement);
  EXPECT_TRUE(o.columns[0].not_null);
  EXPECT_EQ(o.sequence_value, 2);
  EXPECT_EQ(o.row_estimate, 1);
  const Table& c = table("customers");
  EXPECT_EQ(c.rowid_alias, "id");
  EXPECT_TRUE(c.columns[0].autoincrement);  // rowid alias is an auto id even without AUTOINCREMENT
  EXPECT_FALSE(c.sequence_value.has_value());
  EXPECT_EQ(table("customer_codes").primary_key, (std::vector<std::string>{"code", "cid"}));
  EXPECT_EQ(table("customer_codes").rowid_alias, "");
  EXPECT_EQ(table("desc_pk").rowid_alias, "");  // INTEGER PRIMARY KEY DESC is no alias
  EXPECT_EQ(table("int_pk").rowid_alias, "");   // INT is not exactly INTEGER
  EXPECT_FALSE(table("int_pk").columns[0].autoincrement);
  const Table& kv = table("kv");
  EXPECT_TRUE(kv.without_rowid);
  EXPECT_TRUE(kv.columns[0].not_null);
  EXPECT_TRUE(kv.indexes.empty());  // the PK index is not a secondary index
}

TEST_F(SqliteCatalog, UniquePartialAndExpressionIndexes) {
  const Table& o = table("orders");
  ASSERT_EQ(o.indexes.size(), 3u);
  const Index& expr = o.indexes[0];
  EXPECT_EQ(expr.name, "orders_expr");
  ASSERT_EQ(expr.columns.size(), 2u);
  EXPECT_EQ(expr.columns[0].name, "");
  EXPECT_EQ(expr.columns[0].expression, "lower(note)");
  EXPECT_EQ(expr.columns[1].name, "total");
  const Index& partial = o.indexes[1];
  EXPECT_EQ(partial.name, "orders_partial");
  EXPECT_FALSE(partial.unique);
  EXPECT_EQ(*partial.predicate, "total > 100");
  EXPECT_TRUE(partial.columns[1].descending);
  const Index& unique = o.indexes[2];
  EXPECT_EQ(unique.name, "orders_code_key");
  EXPECT_TRUE(unique.unique);
  EXPECT_TRUE(unique.from_constraint);
  EXPECT_EQ(unique.columns[0].name, "code");
}

TEST_F(SqliteCatalog, ChecksFromCreateText) {
  const Table& o = table("orders");
  ASSERT_EQ(o.checks.size(), 2u);
  EXPECT_EQ(o.checks[0].expression, "total >= (0)");
  EXPECT_EQ(o.checks[1].name, "note_ok");
  EXPECT_EQ(o.checks[1].expression, "note <> 'x )'");
}

TEST_F(SqliteCatalog, ForeignKeysInDeclarationOrder) {
  const Table& o = table("orders");
  ASSERT_EQ(o.foreign_keys.size(), 3u);
  const ForeignKey& to_customer = o.foreign_keys[0];
  EXPECT_EQ(to_customer.ref_table, "customers");  // declared after orders
  EXPECT_EQ(to_customer.columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(to_customer.ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(to_customer.on_delete, "CASCADE");
  EXPECT_EQ(to_customer.on_update, "SET NULL");
  const ForeignKey& self = o.foreign_keys[1];
  EXPECT_EQ(self.ref_table, "orders");
  EXPECT_TRUE(self.ref_columns.empty());  // names only the table: its primary key
  EXPECT_EQ(self.on_delete, "NO ACTION");
  const ForeignKey& composite = o.foreign_keys[2];
  EXPECT_EQ(composite.columns, (std::vector<std::string>{"customer_id", "code"}));
  EXPECT_TRUE(composite.deferrable);
  EXPECT_TRUE(composite.initially_deferred);
  EXPECT_EQ(composite.ref_schema, "main");
}

TEST_F(SqliteCatalog, ViewsAndTriggers) {
  ASSERT_EQ(catalog_.views.size(), 1u);
  EXPECT_EQ(catalog_.views[0].name, "big_orders");
  EXPECT_EQ(catalog_.views[0].definition, "SELECT * FROM orders WHERE total > 1000");
  EXPECT_EQ(catalog_.not_migrated, std::vector<std::string>{"trigger orders_audit on orders"});
}

TEST(SqliteCatalogVirtual, VirtualAndShadowTablesAreNotMigrated) {
  TempDb db("CREATE VIRTUAL TABLE docs USING fts5(body); CREATE TABLE plain(x);");
  Catalog c = db.catalog();
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_EQ(c.tables[0].name, "plain");
  ASSERT_FALSE(c.not_migrated.empty());
  EXPECT_EQ(c.not_migrated[0], "virtual table docs (USING fts5)");
  EXPECT_EQ(c.not_migrated[1], "shadow table docs_config of virtual table docs");
}

TEST(SqliteCatalogErrors, NotADatabase) {
  std::string path = ::testing::TempDir() + "cutover_not_a_db.db";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("this is not a database file, just some text that is long enough to be a header", f);
  std::fclose(f);
  auto s = Session::open_read_only(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::config);
  EXPECT_EQ(s.error().message, "cannot read SQLite file '" + path + "': file is not a database");
  EXPECT_EQ(s.error().hint, "'" + path + "' is not a SQLite database file");
  std::remove(path.c_str());
}

TEST(SqliteSession, MissingFileIsConfigError) {
  auto s = Session::open_read_only("/nonexistent/x.db");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().describe(),
            "config error: SQLite file '/nonexistent/x.db' does not exist or is not a file (engine sqlite) — "
            "give the path of an existing SQLite database file");
}

}  // namespace
}  // namespace cutover::sqlite
