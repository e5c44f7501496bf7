// The T-SQL script loader that builds fixture databases (Northwind) for the
// TDS test server from install scripts (server/tsql_script.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "hierarchyid.hpp"
#include "spatial.hpp"
#include "tsql_expr.hpp"
#include "tsql_parser.hpp"
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
  EXPECT_EQ(std::get<double>(o.rows[0][4]), static_cast<double>(0.15f));  // a real holds a float
  EXPECT_EQ(std::get<std::string>(o.rows[0][5]), std::string("\x01\x02\xFF", 3));
  EXPECT_TRUE(is_null(o.rows[1][1]));
  EXPECT_EQ(std::get<double>(o.rows[1][4]), -0.5);
  EXPECT_EQ(value_text(db.tables[0].rows[0][1]), "Alfreds 'F'\nFutterkiste");
  EXPECT_TRUE(db.objects.empty());
  ASSERT_EQ(db.views.size(), 1u);
  EXPECT_EQ(db.views[0].name, "Big Orders");
  EXPECT_TRUE(db.views[0].definition.starts_with("create view \"Big Orders\" AS\n")) << db.views[0].definition;
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
  EXPECT_EQ(db.objects.size(), 7u);  // procedures
  EXPECT_EQ(db.views.size(), 16u);
}

// Chinook's SQL Server script: CREATE DATABASE / USE, IF EXISTS ... BEGIN
// ... END, multi-row INSERTs of N'' literals, yyyy/m/d dates, FKs with
// actions. Counts taken from the script with awk, not from the loader.
TEST(TsqlScript, ChinookInstallScript) {
  const char* path = "/work/shared/data/chinook/Chinook_SqlServer.sql";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
  Database db = load_tsql_script(path, "chinook");
  std::map<std::string, std::size_t> rows;
  std::size_t fks = 0, indexes = 0;
  for (const Table& t : db.tables) {
    rows[t.name] = t.rows.size();
    fks += t.foreign_keys.size();
    indexes += t.indexes.size();
    EXPECT_FALSE(t.primary_key.empty()) << t.name;
    EXPECT_TRUE(t.identity.empty()) << t.name;
  }
  EXPECT_EQ(rows, (std::map<std::string, std::size_t>{
                      {"Album", 347}, {"Artist", 275}, {"Customer", 59}, {"Employee", 8}, {"Genre", 25},
                      {"Invoice", 412}, {"InvoiceLine", 2240}, {"MediaType", 5}, {"Playlist", 18},
                      {"PlaylistTrack", 8715}, {"Track", 3503}}));
  EXPECT_EQ(fks, 11u);
  EXPECT_EQ(indexes, 11u);
  const Table& employee = db.tables[3];
  ASSERT_EQ(employee.name, "Employee");
  EXPECT_EQ(value_text(employee.rows[0][5]), "1962-02-18 00:00:00.000");
  EXPECT_EQ(value_text(db.tables[0].rows[0][1]), "For Those About To Rock We Salute You");
  EXPECT_EQ(db.tables[9].primary_key, (std::vector<std::string>{"PlaylistId", "TrackId"}));
  EXPECT_FALSE(db.tables[9].primary_key_clustered);
}

Scalar eval(const std::string& sql, Database* db = nullptr) {
  EvalContext ctx;
  ctx.db = db;
  return eval_expression(lex_sql(sql), ctx);
}

TEST(TsqlScript, ExpressionsTakeSqlServersTypes) {
  EXPECT_EQ(eval("42").type.sql_name, "int");
  EXPECT_EQ(eval("3000000000").type.sql_name, "numeric(10,0)");
  EXPECT_EQ(eval("12.50").type.sql_name, "numeric(4,2)");
  EXPECT_EQ(eval("0.5").type.sql_name, "numeric(1,1)");
  Scalar product = eval("CAST(12.5 AS money) * 3");
  EXPECT_EQ(product.type.sql_name, "money");
  EXPECT_EQ(value_text(product.value), "37.5000");
  Scalar dec = eval("CAST(1.25 AS decimal(5,2)) * CAST(2 AS decimal(3,1))");
  EXPECT_EQ(dec.type.sql_name, "decimal(9,3)");
  EXPECT_EQ(value_text(dec.value), "2.500");
  EXPECT_EQ(value_text(eval("7 / 2").value), "3");
  EXPECT_EQ(value_text(eval("-(2 + 3) * 4").value), "-20");
  Scalar text = eval("N'a' + 'bc'");
  EXPECT_EQ(text.type.sql_name, "nvarchar(3)");
  EXPECT_EQ(value_text(text.value), "abc");
  // REPLICATE stops at 8000 bytes unless its input is (max).
  EXPECT_EQ(value_text(eval("LEN(REPLICATE('ab', 5000))").value), "8000");
  EXPECT_EQ(value_text(eval("LEN(REPLICATE(CAST('ab' AS varchar(max)), 5000))").value), "10000");
  EXPECT_EQ(value_text(eval("LEN(REPLICATE(N'😀', 3000))").value), "4000");  // UTF-16 code units
  EXPECT_EQ(value_text(eval("UPPER(LEFT(N'abc', 2))").value), "AB");
  EXPECT_TRUE(is_null(eval("NULL + 1").value));
  EXPECT_EQ(value_text(eval("ISNULL(NULL, 5)").value), "5");
  EXPECT_THROW(eval("1 + 'a'"), std::runtime_error);
  EXPECT_THROW(eval("NOSUCH(1)"), std::runtime_error);
}

TEST(TsqlScript, ValuesConvertToTheirColumnsTypes) {
  auto to = [](const std::string& sql, const std::string& type) {
    return value_text(convert_value(eval(sql), parse_type(type)));
  };
  EXPECT_EQ(to("'7/4/1996'", "datetime"), "1996-07-04 00:00:00.000");
  EXPECT_EQ(to("'1962/2/18'", "datetime"), "1962-02-18 00:00:00.000");
  EXPECT_EQ(to("'2024-01-02T03:04:05.123'", "datetime"), "2024-01-02 03:04:05.123");
  EXPECT_EQ(to("'2024-01-02 03:04:05.002'", "datetime"), "2024-01-02 03:04:05.003");  // 1/300 s ticks
  EXPECT_EQ(to("'2024-02-29 23:59:59.9999999 +14:00'", "datetimeoffset(7)"), "2024-02-29 23:59:59.9999999 +14:00");
  EXPECT_EQ(to("'2024-02-29T12:00:00.5-05:00'", "datetimeoffset(3)"), "2024-02-29 12:00:00.500 -05:00");
  EXPECT_EQ(to("'2024-02-29 12:00'", "datetimeoffset(0)"), "2024-02-29 12:00:00 +00:00");
  EXPECT_EQ(to("'23:59:59.1234567'", "time(7)"), "23:59:59.1234567");
  EXPECT_EQ(to("'2024-02-29'", "date"), "2024-02-29");
  EXPECT_EQ(to("32.38", "money"), "32.3800");
  EXPECT_EQ(to("1.005", "decimal(5,2)"), "1.01");  // half away from zero
  EXPECT_EQ(to("-1.005", "decimal(5,2)"), "-1.01");
  EXPECT_THROW(to("1000", "decimal(5,2)"), std::runtime_error);  // arithmetic overflow
  EXPECT_EQ(to("'6f9619ff-8b86-d011-b42d-00c04fc964ff'", "uniqueidentifier"), "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  EXPECT_THROW(to("'not-a-guid'", "uniqueidentifier"), std::runtime_error);
  EXPECT_THROW(to("N'abcdef'", "nvarchar(3)"), std::runtime_error);  // would be truncated
  // SQL Server does not keep an XML declaration; UTF-16 needs Unicode input.
  EXPECT_EQ(to("N'<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>ä</a>'", "xml"), "<a>ä</a>");
  EXPECT_THROW(to("'<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>'", "xml"), std::runtime_error);
  EXPECT_EQ(std::get<std::string>(convert_value(eval("'/1/3/'"), parse_type("hierarchyid"))), std::string("\x5B\xC0", 2));
  Value v = convert_value(eval("CAST(0.0825 AS decimal(5,4))"), parse_type("sql_variant"));
  auto* variant = std::get_if<std::shared_ptr<const Variant>>(&v);
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ((*variant)->type.sql_name, "decimal(5,4)");
  EXPECT_EQ(value_text((*variant)->value), "0.0825");
}

constexpr const char* k_extras_like = R"(CREATE SCHEMA [hr];
GO
CREATE SEQUENCE [dbo].[Numbers] AS int START WITH 10 INCREMENT BY 5;
GO
CREATE TABLE [hr].[Dept] ([Id] INT IDENTITY(100, 10) NOT NULL PRIMARY KEY, [Name] NVARCHAR(20) NOT NULL UNIQUE,
  [Price] MONEY NOT NULL DEFAULT 0, [Qty] INT NOT NULL, [Total] AS ([Price] * [Qty]) PERSISTED,
  [Ticket] INT NOT NULL CONSTRAINT [DF_Dept_Ticket] DEFAULT (NEXT VALUE FOR [dbo].[Numbers]),
  [Boss] INT NULL REFERENCES [hr].[Dept] ([Id]) ON DELETE NO ACTION);
CREATE TABLE [dbo].[Child] ([Id] INT NOT NULL, [DeptId] INT NULL,
  CONSTRAINT [FK_Child_Dept] FOREIGN KEY ([DeptId]) REFERENCES [hr].[Dept] ([Id]) ON DELETE SET NULL ON UPDATE CASCADE);
CREATE UNIQUE INDEX [UX] ON [hr].[Dept] ([Name] DESC) INCLUDE ([Qty]) WHERE [Qty] > 0;
GO
INSERT INTO [hr].[Dept] ([Name], [Price], [Qty]) VALUES (N'a', 1.5, 2), (N'b', 2, 3), (N'c', 0.25, 4);
DELETE FROM [hr].[Dept] WHERE [Id] = 120;
INSERT INTO [hr].[Dept] ([Name], [Qty]) VALUES (N'd', 1);
DELETE FROM [hr].[Dept] WHERE [Id] IN (130);
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Departments',
  @level0type = N'SCHEMA', @level0name = N'hr', @level1type = N'TABLE', @level1name = N'Dept';
EXEC sp_addextendedproperty N'MS_Description', N'The price', N'SCHEMA', N'hr', N'TABLE', N'Dept', N'COLUMN', N'Price';
)";

TEST(TsqlScript, IdentityComputedColumnsSequencesAndComments) {
  Database db = load_tsql_script(write_script(k_extras_like), "x");
  ASSERT_EQ(db.tables.size(), 2u);
  const Table& t = db.tables[0];
  EXPECT_EQ(t.schema, "hr");
  EXPECT_EQ(t.identity_seed, 100);
  EXPECT_EQ(t.identity_increment, 10);
  EXPECT_EQ(t.identity_last, 130);  // the deleted last row's value is not reused
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(t.rows[1][0]), 110);
  ASSERT_EQ(t.computed.size(), 1u);
  EXPECT_EQ(t.computed[0].definition, "([Price]*[Qty])");
  EXPECT_TRUE(t.computed[0].persisted);
  EXPECT_EQ(t.columns[4].type.sql_name, "money");
  EXPECT_EQ(value_text(t.rows[1][4]), "6.0000");
  EXPECT_EQ(value_text(t.rows[1][2]), "2.0000");
  EXPECT_EQ(value_text(t.rows[0][5]), "10");  // NEXT VALUE FOR: 10, 15, 20 (deleted), 25 (deleted)
  EXPECT_EQ(value_text(t.rows[1][5]), "15");
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"Id"});
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_TRUE(t.indexes[0].constraint);
  EXPECT_EQ(t.indexes[1].descending, std::vector<std::string>{"Name"});
  EXPECT_EQ(t.indexes[1].included, std::vector<std::string>{"Qty"});
  EXPECT_EQ(t.indexes[1].filter, "([Qty]>(0))");
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].on_delete, "NO_ACTION");
  const FixtureForeignKey& fk = db.tables[1].foreign_keys.at(0);
  EXPECT_EQ(fk.ref_schema, "hr");
  EXPECT_EQ(fk.on_delete, "SET_NULL");
  EXPECT_EQ(fk.on_update, "CASCADE");
  EXPECT_EQ(t.comment, "Departments");
  EXPECT_EQ(t.column_comments, (std::vector<std::pair<std::string, std::string>>{{"Price", "The price"}}));
  EXPECT_TRUE(db.objects.empty());
  ASSERT_EQ(db.sequences.size(), 1u);
  const FixtureSequence& s = db.sequences[0];
  EXPECT_EQ(s.start, 10);
  EXPECT_EQ(s.min_value, -2147483648LL);
  EXPECT_EQ(s.max_value, 2147483647);
  EXPECT_EQ(*s.last, 25);
  EXPECT_EQ(s.next, 30);
}

TEST(TsqlScript, ExtrasFixture) {
  Database db = load_tsql_script(CUTOVER_SOURCE_DIR "/tests/tds/fixtures/extras.sql", "extras");
  std::map<std::string, std::size_t> rows;
  for (const Table& t : db.tables) rows[t.schema + "." + t.name] = t.rows.size();
  EXPECT_EQ(rows, (std::map<std::string, std::size_t>{{"dbo.Countdown", 3}, {"dbo.Document", 5}, {"dbo.Ledger", 6}, {"dbo.Place", 5},
                                                      {"dbo.Setting", 7}, {"dbo.Ticket", 4}, {"hr.Department", 5},
                                                      {"hr.Employee", 8}}));
  // rowversion: the database's counter, 8 bytes big-endian, given in insert order.
  const Table& place = *std::ranges::find_if(db.tables, [](const Table& t) { return t.name == "Place"; });
  EXPECT_EQ(place.columns[4].type.sql_name, "timestamp");
  EXPECT_EQ(std::get<std::string>(place.rows[0][4]), std::string("\0\0\0\0\0\0\x07\xD1", 8));
  EXPECT_EQ(std::get<std::string>(place.rows[4][4]), std::string("\0\0\0\0\0\0\x07\xD5", 8));
}

// SQL Server's CLR form of geometry and geography ([MS-SSCLRT]): SRID
// little-endian, version 1, flags (0x0C: valid, single point); geography
// points as (latitude, longitude). WKB as OGC writes it.
TEST(Spatial, ClrFormAndWkb) {
  std::string point = clr_bytes(spatial_from_wkt("POINT(1 2)", 4326, false));
  EXPECT_EQ(point, std::string("\xE6\x10\x00\x00\x01\x0C" "\x00\x00\x00\x00\x00\x00\xF0\x3F"
                               "\x00\x00\x00\x00\x00\x00\x00\x40", 22));
  EXPECT_EQ(wkb_bytes(spatial_from_clr(point, false)),
            std::string("\x01\x01\x00\x00\x00" "\x00\x00\x00\x00\x00\x00\xF0\x3F"
                        "\x00\x00\x00\x00\x00\x00\x00\x40", 21));
  std::string geo = clr_bytes(spatial_from_wkt("POINT(1 2)", 4326, true));  // longitude 1, latitude 2
  EXPECT_EQ(geo.substr(6, 8), std::string("\x00\x00\x00\x00\x00\x00\x00\x40", 8));
  Spatial holed = spatial_from_wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2))", 3857, false);
  Spatial back = spatial_from_clr(clr_bytes(holed), false);
  EXPECT_EQ(back.srid, 3857);
  EXPECT_EQ(back.type, 3);
  EXPECT_EQ(back.figures, holed.figures);
  EXPECT_EQ(wkb_bytes(back).size(), 1u + 4 + 4 + (4 + 5 * 16) + (4 + 4 * 16));
}

// SQL Server's sequence rules: bounds and start from the type and the
// direction, CYCLE back to the other bound, exhaustion without it.
TEST(TsqlScript, SequencesCycleOrRunOut) {
  Database db;
  std::int64_t newids = 0;
  ScriptParser(lex_sql("CREATE SEQUENCE d AS tinyint INCREMENT BY -100 CYCLE;"
                       "CREATE SEQUENCE u AS smallint MINVALUE 1 MAXVALUE 2 NO CYCLE"),
               "", db, newids)
      .run();
  ASSERT_EQ(db.sequences.size(), 2u);
  FixtureSequence& d = db.sequences[0];
  EXPECT_EQ(d.start, 255);
  EXPECT_TRUE(d.cycle);
  EXPECT_FALSE(d.last);
  EXPECT_EQ(d.take(), 255);
  EXPECT_EQ(d.take(), 155);
  EXPECT_EQ(d.take(), 55);
  EXPECT_EQ(d.take(), 255);  // 55 - 100 is below 0: back to the maximum
  FixtureSequence& u = db.sequences[1];
  EXPECT_FALSE(u.cycle);
  EXPECT_EQ(u.take(), 1);
  EXPECT_EQ(u.take(), 2);
  EXPECT_THROW(u.take(), std::runtime_error);
  EXPECT_EQ(*u.last, 2);
}

// Pairs published with the format's description (Adam Milazzo's table, and
// examples in Microsoft's documentation), not derived from the code.
TEST(Hierarchyid, KnownBinaryForms) {
  const std::pair<const char*, std::string> k_known[] = {
      {"/", ""},
      {"/0/", "\x48"},
      {"/1/", "\x58"},
      {"/3/", "\x78"},
      {"/4/", "\x84"},
      {"/15/", "\xBE"},
      {"/16/", "\xC1\x10"},
      {"/1/1/3/", "\x5A\xDE"},
      {"/80/", std::string("\xE0\x04\x40", 3)},
      {"/1104/", std::string("\xF0\x00\x88", 3)},
      {"/5200/", std::string("\xF8\x00\x00\x00\x02\x20", 6)},
      {"/-1/", "\x3F\x80"},
      {"/-8/", "\x38\x80"},
      {"/-9/", "\x2D\xF8"},
      {"/-72/", "\x20\x88"},
      {"/-73/", "\x1B\xEE\xFC"},
      {"/3.0/", "\x81\x20"},
  };
  for (const auto& [text, bytes] : k_known) {
    SCOPED_TRACE(text);
    EXPECT_EQ(hierarchyid_text(bytes), text);
    EXPECT_EQ(hierarchyid_bytes(text), bytes);
  }
  for (const char* text : {"/1/0.5/", "/-1/3.-2.7/80/", "/-73/1.5/80/", "/4294972495/-4294971464/"})
    EXPECT_EQ(hierarchyid_text(hierarchyid_bytes(text)), text);
  EXPECT_THROW(hierarchyid_text("\x58\x9C"), std::invalid_argument);  // no pattern starts 000100
  EXPECT_THROW(hierarchyid_bytes("/1"), std::invalid_argument);
  EXPECT_THROW(hierarchyid_bytes("/x/"), std::invalid_argument);
}

}  // namespace
}  // namespace tdstest
