// The SELECT shapes the SQL Server adapter emits, parsed and run against the
// fixture model. Grammar (keywords case-insensitive, identifiers bare,
// [bracketed] or "quoted"):
//
//   select  := SELECT [TOP n | TOP (n)] items FROM name [[AS] alias]
//              [WITH (NOLOCK)] [WHERE cond {AND cond}]
//              [ORDER BY col [ASC|DESC] {, col [ASC|DESC]}]
//   items   := * | item {, item}
//   item    := expr [[AS] alias]
//   expr    := col | COUNT_BIG(*) | COUNT(*) | MIN(col) | MAX(col)
//            | SQL_VARIANT_PROPERTY(col, 'BaseType'|'Precision'|'Scale'|'MaxLength')
//            | CAST(expr AS type) | CONVERT(type, expr [, style])
//   cond    := col op operand | col IS [NOT] NULL | ( cond )
//   op      := = | <> | != | < | <= | > | >=
//   operand := @param | number | 'string' | N'string'
//   name    := [db.][schema.]table          col := [qualifier.]column
//
// Aggregates (COUNT_BIG, MIN, MAX) go together, without other items; a
// generated table answers MIN/MAX of its key from the key range, without
// scanning.
// CAST/CONVERT of a sql_variant to a character type gives the canonical
// text of its base value (binary with style 1 or 2 as 0x-prefixed hex).
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
  enum Kind { column, count, min, max, variant_property, cast } kind = column;
  std::string name;       // column name, or property name
  std::string type_text;  // CAST target
  int style = 0;
  std::shared_ptr<SelectExpr> arg;
  std::string alias;
};

struct SelectCond {
  std::string column;
  std::string op;  // "=", "<>", "<", "<=", ">", ">=", "is null", "is not null"
  SqlToken operand;
};

struct SelectStmt {
  std::optional<std::int64_t> top;
  bool star = false;
  std::vector<SelectExpr> items;
  std::string db, schema = "dbo", table;
  std::vector<SelectCond> where;
  std::vector<std::pair<std::string, bool>> order_by;  // column, descending
};

std::expected<SelectStmt, std::string> parse_select(std::string_view sql);

// Runs the statement; an unknown table, column or parameter is an error
// message as SQL Server words it (208, 207, 137).
std::expected<ResultSet, Message> run_select(const SelectStmt& s, const Catalog& catalog,
                                             const std::string& database,
                                             const std::vector<Param>& params);

// -1, 0, 1 in SQL Server's order for the column type (uniqueidentifier in
// its byte-group order, strings case-insensitively); NULL sorts first.
int compare_values(const Value& a, const Value& b, const ColumnType& t);

}  // namespace tdstest
