#include <gtest/gtest.h>

#include "plan/expr_rewrite.hpp"
#include "sources/mssql/mssql_expr.hpp"

namespace cutover::mssql {
namespace {

const ColumnTypes k_columns = {{"firstname", "nvarchar(40)"}, {"lastname", "varchar(40)"}, {"qty", "int"},
                               {"discontinued", "bit"},        {"price", "money"},         {"notes", "ntext"}};

std::string expr(std::string_view e) { return translate_expression(e, k_columns).value_or("<none>"); }

TEST(MssqlExpr, PlusOnCharacterColumnsIsConcatenation) {
  EXPECT_EQ(expr("([FirstName]+[LastName])"), "(\"FirstName\"||\"LastName\")");
  EXPECT_EQ(expr("([FirstName]+N' '+[LastName])"), "(\"FirstName\"||' '||\"LastName\")");
  EXPECT_EQ(expr("(([FirstName]+' ')+isnull([Notes],''))"), "((\"FirstName\"||' ')||coalesce(\"Notes\",''))");
  // Numbers add.
  EXPECT_EQ(expr("([qty]+[price])"), "(\"qty\"+\"price\")");
  EXPECT_EQ(expr("([qty]+(1))"), "(\"qty\"+(1))");
  // A string and a number: T-SQL converts the string to a number; not translated.
  EXPECT_EQ(expr("([qty]+'1')"), "<none>");
  EXPECT_EQ(expr("([qty] IN (1, 2) AND NOT ([qty]=(3)))"), "(\"qty\" in (1, 2) and not (\"qty\"=(3)))");
  // Unknown columns: as without types.
  EXPECT_EQ(expr("([a]+[b])"), "(\"a\"+\"b\")");
}

TEST(MssqlExpr, CastAndConvert) {
  EXPECT_EQ(expr("(CONVERT([varchar](10),[qty]))"), "(CAST(\"qty\" AS varchar(10)))");
  EXPECT_EQ(expr("(CAST([qty] AS decimal(10,2)))"), "(CAST(\"qty\" AS numeric(10,2)))");
  EXPECT_EQ(expr("(CONVERT(nvarchar,[qty]))"), "(CAST(\"qty\" AS varchar(30)))");
  EXPECT_EQ(expr("(CONVERT(datetime,'20240101',112))"), "(CAST('20240101' AS timestamp(3)))");
  // A style picks a text form: not translated.
  EXPECT_EQ(expr("(CONVERT(varchar(10),getdate(),103))"), "<none>");
  EXPECT_EQ(expr("(CAST([FirstName] AS nvarchar(5))+[LastName])"), "(CAST(\"FirstName\" AS varchar(5))||\"LastName\")");
}

TEST(MssqlView, HeaderCommentsAndNames) {
  EXPECT_EQ(translate_view("create view \"Current Product List\" AS\nSELECT P.ProductID, [P].[Product Name]\n"
                           "FROM Products AS P\nWHERE (((P.Discontinued)=0))\n--ORDER BY P.ProductName\n",
                           k_columns),
            "SELECT P.ProductID, \"P\".\"Product Name\" FROM Products AS P WHERE (((P.Discontinued)= false))");
  EXPECT_EQ(translate_view("CREATE VIEW [dbo].[v] WITH SCHEMABINDING AS SELECT [a] FROM [dbo].[t] "
                           "WHERE Discontinued <> 1 /* note */;",
                           k_columns),
            "SELECT \"a\" FROM \"dbo\".\"t\" WHERE Discontinued <> true");
  EXPECT_EQ(translate_view("CREATE VIEW v ([x], y) AS SELECT a, b FROM t", k_columns),
            "SELECT * FROM (SELECT a, b FROM t) AS v(\"x\", \"y\")");
  EXPECT_EQ(translate_view("CREATE OR ALTER VIEW v AS SELECT 1 AS one", k_columns), "SELECT 1 AS one");
}

TEST(MssqlView, TopFunctionsAndConcatenation) {
  EXPECT_EQ(translate_view("CREATE VIEW v AS SELECT TOP 100 PERCENT a FROM t ORDER BY a", k_columns),
            "SELECT  a FROM t ORDER BY a");
  EXPECT_EQ(translate_view("CREATE VIEW v AS SELECT TOP (5) a FROM t ORDER BY a DESC", k_columns),
            "SELECT  a FROM t ORDER BY a DESC LIMIT 5");
  EXPECT_EQ(translate_view("CREATE VIEW v AS SELECT a FROM t WHERE a IN (SELECT TOP 3 b FROM u ORDER BY b)", k_columns),
            "SELECT a FROM t WHERE a IN (SELECT  b FROM u ORDER BY b LIMIT 3)");
  EXPECT_EQ(translate_view("CREATE VIEW v AS SELECT (FirstName + ' ' + e.LastName) AS n, ISNULL(qty, 0) + 1, "
                           "GETDATE() AS now, LEN(FirstName), CONVERT(money, qty * 2) FROM Employees e",
                           k_columns),
            "SELECT (FirstName || ' ' || e.LastName) AS n, coalesce(qty, 0) + 1, LOCALTIMESTAMP AS now, "
            "length(FirstName), CAST(qty * 2 AS numeric(19,4)) FROM Employees e");
  // What does not translate is kept as written: PostgreSQL refuses the view
  // and the report gives its reason.
  EXPECT_EQ(translate_view("CREATE VIEW v AS SELECT DATEPART(year, d) FROM t", k_columns),
            "SELECT DATEPART(year, d) FROM t");
  EXPECT_EQ(translate_view("SELECT odd", k_columns), "SELECT odd");
}

TEST(MssqlView, SchemaQualifiersAndFoldedNames) {
  std::map<std::string, std::string> schemas = {{"dbo", "public"}, {"sales", "crm"}};
  EXPECT_EQ(map_schema_qualifiers("SELECT o.a, \"o\".\"b\" FROM \"dbo\".\"Orders\" o JOIN Sales.x ON 'dbo.t' = x.y",
                                  schemas),
            "SELECT o.a, \"o\".\"b\" FROM public.\"Orders\" o JOIN crm.x ON 'dbo.t' = x.y");
  EXPECT_EQ(lower_quoted_identifiers("SELECT \"Full Name\", 'Keep Me' FROM \"Order Details\""),
            "SELECT \"full name\", 'Keep Me' FROM \"order details\"");
}

}  // namespace
}  // namespace cutover::mssql
