// Builds a fixture database from a T-SQL install script, such as Microsoft's
// Northwind script instnwnd.sql, at test time: the subset such scripts use.
//
//   CREATE TABLE with columns (type, IDENTITY, NULL / NOT NULL, DEFAULT)
//     and PRIMARY KEY, FOREIGN KEY and CHECK constraints
//   CREATE [UNIQUE] [NON]CLUSTERED INDEX name ON table (columns)
//   ALTER TABLE t ADD CONSTRAINT name PRIMARY KEY | FOREIGN KEY ...
//   INSERT [INTO] t [(columns)] VALUES (...): numbers, 'strings', N'strings',
//     0x binary and NULL; dates as SET DATEFORMAT mdy writes them (7/4/1996)
//   CREATE VIEW / PROCEDURE: listed as objects (sys.objects), body skipped
//
// Everything else (IF EXISTS ... DROP, SET, NOCHECK CONSTRAINT ALL) is
// skipped. Batches end at GO lines. Defaults and checks are kept in the form
// SQL Server's catalog shows them: "((0))", "([Quantity]>(0))" (redundant
// inner parentheses are kept, which SQL Server drops). Values are held as
// the fixture model holds them (fixtures.cpp): integers, doubles, decimal
// and date/time text in SQL Server's canonical form, bytes.
//
// Throws std::runtime_error naming the statement when the script cannot be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexer.hpp"
#include "model.hpp"

namespace tdstest {

Database load_tsql_script(const std::string& path, const std::string& database);

// Batches of a script: the text between GO lines.
std::vector<std::string> split_batches(std::string_view script);

// tsql_values.cpp: an INSERT value (a literal token or NULL) as the
// fixture holds it for a column of type `t`.
Value fixture_value(const SqlToken& literal, const ColumnType& t);
// A DEFAULT or CHECK expression's tokens (without the outer parentheses) in
// the catalog's form: "(" + "[col]>=(0) AND [col]<=(1)" + ")".
std::string catalog_definition(const std::vector<SqlToken>& expr);

}  // namespace tdstest
