// The SELECT shapes the SQL Server adapter emits, parsed and run against the
// fixture model. Grammar (keywords case-insensitive, identifiers bare,
// [bracketed] or "quoted"):
//
//   select  := SELECT [TOP n | TOP (n)] items FROM name [[AS] alias]
//              [WITH (hint {, hint})] [WHERE cond]
//              [ORDER BY col [ASC|DESC] {, col [ASC|DESC]}
//               [OFFSET n ROWS [FETCH NEXT m ROWS ONLY]]]
//   items   := * | item {, item}
//   item    := expr [[AS] alias]
//   expr    := col | number | 'text' | N'text' | COUNT_BIG(*) | COUNT(*) | MIN(col) | MAX(col)
//            | SQL_VARIANT_PROPERTY(col, 'BaseType'|'Precision'|'Scale'|'MaxLength')
//            | CAST(expr AS type) | CONVERT(type, expr [, style])
//            | CASE expr WHEN 'text' THEN expr {WHEN ...} [ELSE expr] END
//            | col.STAsBinary() | col.AsBinaryZM() | col.STSrid   (geometry, geography: spatial.hpp)
//   cond    := term {OR term}          term := factor {AND factor}
//   factor  := ( cond ) | col op operand | col IS [NOT] NULL
//   op      := = | <> | != | < | <= | > | >=
//   operand := @param | number | 'string' | N'string'
//   hint    := NOLOCK | TABLOCK | HOLDLOCK | ...  (TABLOCK with HOLDLOCK in a
//              transaction takes the database's shared table locks: clock.hpp)
//   name    := [db.][schema.]table          col := [qualifier.]column
//
// Comparisons follow SQL Server's order for the column's type (compare_values).
// Aggregates (COUNT_BIG, MIN, MAX) go together, without other items; a
// generated table answers MIN/MAX of its key from the key range, without
// scanning.
// CAST/CONVERT of a sql_variant to a character type converts its base
// value. To character types, with SQL Server's styles: datetime and
// smalldatetime by default (style 0) as "Mar  1 2024  9:30AM", 120 without
// and 121 with milliseconds; money and smallmoney by default with 2
// decimals (rounded), style 2 with 4; binary with style 1 or 2 as
// 0x-prefixed hex; hierarchyid as its ToString() path; everything else as
// its canonical text (floats: shortest round-trip text whatever the style,
// not SQL Server's 6-digit default). CASE compares its subject's text with
// each WHEN case-insensitively.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lexer.hpp"
#include "model.hpp"

namespace tdstest {

struct SelectExpr {
  enum Kind { column, count, min, max, variant_property, cast, literal, case_of, udt_method } kind = column;
  std::string name;       // column name, property name, or the literal number or text
  std::string type_text;  // CAST target; "varchar"/"nvarchar" for a text literal; udt_method: "stasbinary", ...
  int style = 0;
  std::shared_ptr<SelectExpr> arg;  // CAST/CONVERT/property argument, CASE subject
  std::vector<std::pair<std::string, std::shared_ptr<SelectExpr>>> whens;  // CASE: 'text' -> result
  std::shared_ptr<SelectExpr> otherwise;                                  // CASE ... ELSE
  std::string alias;
};

struct SelectCond {
  enum Kind { compare, all, any } kind = compare;  // all: AND of parts, any: OR of parts
  std::string column;
  std::string op;  // "=", "<>", "<", "<=", ">", ">=", "is null", "is not null"
  SqlToken operand;
  std::vector<SelectCond> parts;
};

struct SelectStmt {
  std::optional<std::int64_t> top;
  bool star = false;
  std::vector<SelectExpr> items;
  std::string db, schema = "dbo", table;
  std::vector<SelectCond> where;  // ANDed
  std::vector<std::pair<std::string, bool>> order_by;  // column, descending
  std::int64_t offset = 0;
  std::optional<std::int64_t> fetch;
  std::vector<std::string> hints;  // upper case
  bool has_hint(std::string_view h) const;
};

std::expected<SelectStmt, std::string> parse_select(std::string_view sql);

// Runs the statement in the session's database; an unknown table, column
// or parameter is an error message as SQL Server words it (208, 207, 137),
// and so is a SNAPSHOT transaction in a database that does not allow it
// (3952). Data access lets the database's writer commit first and may start
// the session's snapshot or take its table locks (clock.hpp).
std::expected<ResultSet, Message> run_select(const SelectStmt& s, const Catalog& catalog, SessionState& state,
                                             const std::vector<Param>& params);

// -1, 0, 1 in SQL Server's order for the column type (uniqueidentifier in
// its byte-group order, strings case-insensitively); NULL sorts first.
int compare_values(const Value& a, const Value& b, const ColumnType& t);

}  // namespace tdstest
