// Reads what SQLite's pragmas do not tell from the CREATE TABLE / CREATE
// INDEX text kept in sqlite_schema: CHECK constraints, generated column
// expressions, AUTOINCREMENT, COLLATE, constraint names, DEFERRABLE foreign
// keys, WITHOUT ROWID, index key expressions and partial-index predicates.
//
// Parsing is best effort over the tokens of sqlite_lexer.hpp: statements
// SQLite accepted are read correctly; anything unexpected yields fewer facts
// (ok = false for a table body that could not be found), never an error.
// Expression texts are cut from the original SQL, spelling preserved.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace cutover::sqlite {

struct ParsedColumn {
  std::string name;
  std::string collation;  // COLLATE name, as written
  std::optional<std::string> generated_expr;
  bool generated_stored = false;
  bool autoincrement = false;
  bool primary_key_desc = false;  // "INTEGER PRIMARY KEY DESC" is no rowid alias
};

struct ParsedForeignKey {
  std::string name;                  // CONSTRAINT name, or empty
  std::vector<std::string> columns;  // referencing columns
  std::string ref_table;
  bool deferrable = false;
  bool initially_deferred = false;
};

struct ParsedUnique {
  std::string name;  // CONSTRAINT name, or empty
  std::vector<std::string> columns;
};

struct ParsedTable {
  bool ok = false;
  std::vector<ParsedColumn> columns;
  std::vector<CheckConstraint> checks;  // column-level first in column order, then table-level
  std::vector<ParsedForeignKey> foreign_keys;
  std::vector<ParsedUnique> uniques;
  bool without_rowid = false;
  bool strict = false;
  bool is_virtual = false;
  std::string module;  // USING module of a virtual table

  const ParsedColumn* find_column(std::string_view name) const;  // case-insensitive
};

ParsedTable parse_create_table(std::string_view sql);

struct ParsedIndex {
  bool ok = false;
  std::vector<std::string> keys;  // each key item's text, ASC/DESC/COLLATE removed
  std::optional<std::string> where;
};

ParsedIndex parse_create_index(std::string_view sql);

// The query of "CREATE VIEW v [(cols)] AS <query>": the text after the
// first top-level AS; the whole text when there is none.
std::string view_query(std::string_view sql);

}  // namespace cutover::sqlite
