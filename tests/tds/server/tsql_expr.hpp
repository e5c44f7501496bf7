// Expressions of T-SQL install scripts, evaluated the way SQL Server types
// and computes them, for INSERT values, DEFAULTs and computed columns:
//
//   literals      42 (int; beyond int: numeric(p,0)), 12.50 (numeric(4,2)),
//                 'x' (varchar), N'x' (nvarchar), 0x0A (varbinary), NULL
//   operators     + - * / % on numbers (int, bigint, numeric(p,s) with SQL
//                 Server's result precision and scale, money, float), unary -,
//                 + on strings (truncated at 8000 bytes unless one side is (max))
//   functions     REPLICATE (truncated at 8000 bytes unless its input is (max)),
//                 UPPER, LOWER (ASCII letters), LEFT, LEN, CAST, CONVERT,
//                 GETDATE, GETUTCDATE, SYSDATETIME, SYSDATETIMEOFFSET,
//                 CURRENT_TIMESTAMP, NEWID, ISNULL, COALESCE, NEXT VALUE FOR sequence
//   columns       [name] of the row being inserted (computed columns)
//
// Values are held as the fixture model holds them (types.hpp). Throws
// std::runtime_error naming what it cannot evaluate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lexer.hpp"
#include "model.hpp"

namespace tdstest {

// A value with its SQL Server type.
struct Scalar {
  ColumnType type;
  Value value;
};

struct EvalContext {
  Database* db = nullptr;          // sequences for NEXT VALUE FOR
  const Table* table = nullptr;    // column references
  const Row* row = nullptr;        // their values (NULL when absent)
  std::int64_t* newid_counter = nullptr;  // NEWID() values, stable per load
};

// Evaluates `tokens` (one expression, no trailing text).
Scalar eval_expression(const std::vector<SqlToken>& tokens, EvalContext& ctx);

// Implicit conversion of `s` to a column of type `t` (INSERT, DEFAULT):
// text to dates, times, GUIDs, hierarchyid; numbers to decimal at t's scale
// (rounded half away from zero); anything to sql_variant keeping its type;
// xml without its declaration (SQL Server does not keep it).
Value convert_value(const Scalar& s, const ColumnType& t);

// tsql_arith.cpp: a binary operator on two scalars ("+", "-", "*", "/", "%").
Scalar arithmetic(const std::string& op, const Scalar& a, const Scalar& b);
Scalar negate(const Scalar& a);
// The type of a numeric literal: "42" int, "3000000000" numeric(10,0), "12.50" numeric(4,2).
Scalar number_literal(const std::string& text);
// "12.5" at scale 4 -> "12.5000", rounded half away from zero to fewer digits.
std::string decimal_at_scale(const std::string& number, int scale);

}  // namespace tdstest
