// Builds a fixture database from a T-SQL install script, such as Microsoft's
// Northwind script instnwnd.sql or Chinook_SqlServer.sql, at test time: the
// subset such scripts use.
//
//   CREATE TABLE with columns (type, COLLATE, IDENTITY(seed, increment),
//     NULL / NOT NULL, DEFAULT, column PRIMARY KEY / UNIQUE / REFERENCES /
//     CHECK), computed columns (AS expr [PERSISTED]) and PRIMARY KEY, UNIQUE,
//     FOREIGN KEY (ON DELETE / ON UPDATE actions) and CHECK constraints
//   CREATE [UNIQUE] [NON]CLUSTERED INDEX name ON table (columns [DESC])
//     [INCLUDE (columns)] [WHERE filter]
//   ALTER TABLE t [WITH CHECK] ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE |
//     FOREIGN KEY | CHECK | DEFAULT (expr) FOR column
//   CREATE SEQUENCE s [AS type] [START WITH n] [INCREMENT BY n]
//   INSERT [INTO] t [(columns)] VALUES (...) {, (...)}: expressions
//     (tsql_expr.hpp); identity, DEFAULT and computed values filled in;
//     dates as SET DATEFORMAT mdy reads them (7/4/1996, 1996/7/4, ISO)
//   DELETE [FROM] t WHERE column = value | column IN (values)
//   EXEC sp_addextendedproperty N'MS_Description' on tables and columns
//   CREATE VIEW / PROCEDURE / SEQUENCE: listed as objects (sys.objects)
//
// Everything else (IF EXISTS ... DROP, CREATE DATABASE / SCHEMA, USE, SET,
// NOCHECK CONSTRAINT ALL) is skipped. Batches end at GO lines; a UTF-8 byte
// order mark is ignored. Defaults and checks are kept in the form SQL
// Server's catalog shows them: "((0))", "([Quantity]>(0))" (redundant inner
// parentheses are kept, which SQL Server drops). Values are held as the
// fixture model holds them (fixtures.cpp): integers, doubles, decimal and
// date/time text in SQL Server's canonical form, bytes.
//
// Throws std::runtime_error naming the batch and statement when the script
// cannot be read.
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

// tsql_values.cpp: a DEFAULT or CHECK expression's tokens (without the outer parentheses) in
// the catalog's form: "(" + "[col]>=(0) AND [col]<=(1)" + ")".
std::string catalog_definition(const std::vector<SqlToken>& expr);

}  // namespace tdstest
