// The T-SQL script loader that builds fixture databases (Northwind) for the
// TDS test server from install scripts (server/tsql_script.hpp).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tsql_script.hpp"

namespace tdstest {
namespace {

constexpr const char* k_script = R"(SET NOCOUNT ON
GO
if exists (select * from sysobjects where id = object_id('dbo.Orders') and sysstat & 0xf = 3)
	drop table "dbo"."Orders"
GO
CREATE TABLE "Customers" ("CustomerID" nchar (5) NOT NULL , "Name" nvarchar (40) NULL ,
	CONSTRAINT "PK_Customers" PRIMARY KEY  CLUSTERED ("CustomerID"))
GO
CREATE TABLE "Orders" (
	"OrderID" "int" IDENTITY (1, 1) NOT NULL ,
	"CustomerID" nchar (5) NULL ,
	"OrderDate" "datetime" NULL ,
	"Freight" "money" NULL CONSTRAINT "DF_Orders_Freight" DEFAULT (0),
	"Discount" "real" NOT NULL ,
	"Photo" "image" NULL ,
	CONSTRAINT "PK_Orders" PRIMARY KEY  CLUSTERED ("OrderID"),
	CONSTRAINT "FK_Orders_Customers" FOREIGN KEY ("CustomerID") REFERENCES "dbo"."Customers" ("CustomerID"),
	CONSTRAINT "CK_Discount" CHECK (Discount >= 0 and (Discount <= 1))
)
GO
 CREATE  INDEX "OrderDate" ON "dbo"."Orders"("OrderDate")
GO
create view "Big Orders" AS
SELECT * FROM Orders WHERE Freight > 100
GO
set identity_insert "Orders" on
go
INSERT "Customers" VALUES('ALFKI',N'Alfreds ''F''
Futterkiste')
INSERT INTO "Orders" ("OrderID","CustomerID","OrderDate","Freight","Discount","Photo")
VALUES (10248,N'ALFKI','7/4/1996',32.38,0.15,0x0102FF)
Insert Into Orders Values (10249,NULL,NULL,NULL,-0.5,NULL)
go
ALTER TABLE Customers NOCHECK CONSTRAINT ALL
)";

std::string write_script(const std::string& text) {
  std::string path = std::filesystem::temp_directory_path() / "cutover_tsql_script_test.sql";
  std::ofstream(path) << text;
  return path;
}

TEST(TsqlScript, BatchesEndAtGoLines) {
  auto b = split_batches("a\nGO\nb\n  go  \nc");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[1], "b\n");
}

TEST(TsqlScript, TablesKeysChecksAndValuesAsTheCatalogShowsThem) {
  Database db = load_tsql_script(write_script(k_script), "shop");
  ASSERT_EQ(db.tables.size(), 2u);
  const Table& o = db.tables[1];
  EXPECT_EQ(o.name, "Orders");
  EXPECT_EQ(o.identity, "OrderID");
  EXPECT_EQ(o.primary_key, std::vector<std::string>{"OrderID"});
  EXPECT_EQ(o.primary_key_name, "PK_Orders");
  ASSERT_EQ(o.foreign_keys.size(), 1u);
  EXPECT_EQ(o.foreign_keys[0].ref_table, "Customers");
  ASSERT_EQ(o.checks.size(), 1u);
  EXPECT_EQ(o.checks[0].second, "([Discount]>=(0) AND ([Discount]<=(1)))");
  ASSERT_EQ(o.defaults.size(), 1u);
  EXPECT_EQ(o.defaults[0].second, "((0))");
  ASSERT_EQ(o.indexes.size(), 1u);
  EXPECT_EQ(o.indexes[0].columns, std::vector<std::string>{"OrderDate"});
  EXPECT_FALSE(o.columns[0].type.nullable);
  EXPECT_EQ(o.columns[3].type.sql_name.substr(0, 5), "money");
  ASSERT_EQ(o.rows.size(), 2u);
  EXPECT_EQ(value_text(o.rows[0][2]), "1996-07-04 00:00:00.000");
  EXPECT_EQ(value_text(o.rows[0][3]), "32.3800");
  EXPECT_EQ(std::get<double>(o.rows[0][4]), 0.15);
  EXPECT_EQ(std::get<std::string>(o.rows[0][5]), std::string("\x01\x02\xFF", 3));
  EXPECT_TRUE(is_null(o.rows[1][1]));
  EXPECT_EQ(std::get<double>(o.rows[1][4]), -0.5);
  EXPECT_EQ(value_text(db.tables[0].rows[0][1]), "Alfreds 'F'\nFutterkiste");
  EXPECT_EQ(db.objects, std::vector<std::string>{"view dbo.Big Orders"});
}

TEST(TsqlScript, NorthwindInstallScript) {
  const char* path = "/work/shared/data/northwind-sqlserver/instnwnd.sql";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
  Database db = load_tsql_script(path, "northwind");
  std::map<std::string, std::size_t> rows;
  std::size_t fks = 0, checks = 0, identities = 0;
  for (const Table& t : db.tables) {
    rows[t.name] = t.rows.size();
    fks += t.foreign_keys.size();
    checks += t.checks.size();
    identities += t.identity.empty() ? 0 : 1;
    EXPECT_FALSE(t.primary_key.empty()) << t.name;
  }
  EXPECT_EQ(rows, (std::map<std::string, std::size_t>{
                      {"Categories", 8}, {"CustomerCustomerDemo", 0}, {"CustomerDemographics", 0}, {"Customers", 91},
                      {"EmployeeTerritories", 49}, {"Employees", 9}, {"Order Details", 2155}, {"Orders", 830},
                      {"Products", 77}, {"Region", 4}, {"Shippers", 3}, {"Suppliers", 29}, {"Territories", 53}}));
  EXPECT_EQ(fks, 13u);
  EXPECT_EQ(checks, 8u);
  EXPECT_EQ(identities, 6u);
  EXPECT_EQ(db.objects.size(), 23u);
}

}  // namespace
}  // namespace tdstest
