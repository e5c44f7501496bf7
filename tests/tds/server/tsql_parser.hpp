// The statement parser of the script loader (tsql_script.hpp): one batch's
// statements read into a Database. DDL in tsql_script.cpp, INSERT, DELETE
// and EXEC in tsql_script_dml.cpp. Not thread-safe; one per batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexer.hpp"
#include "model.hpp"
#include "tsql_expr.hpp"

namespace tdstest {

class ScriptParser : TokenCursor {
 public:
  // `newids` numbers NEWID() values across the batches of one script.
  ScriptParser(std::vector<SqlToken> t, std::string batch, Database& db, std::int64_t& newids)
      : TokenCursor(std::move(t)), batch_(std::move(batch)), db_(db), newids_(newids) {}
  void run();

 private:
  [[noreturn]] void fail(const std::string& what) const override;
  std::pair<std::string, std::string> table_name();  // schema, table
  std::vector<std::string> column_list(std::vector<std::string>* descending = nullptr);
  std::vector<SqlToken> parenthesized();
  // Tokens of an expression up to a top-level ',' or ')' or statement end.
  std::vector<SqlToken> bare_expression();
  bool at_statement_start() const;
  void skip_statement();
  void skip_filegroup();
  Table& table(const std::pair<std::string, std::string>& name);
  EvalContext context(const Table* t = nullptr, const Row* row = nullptr);

  // DDL
  void create();
  void create_sequence();
  std::string view_text() const;
  void create_table();
  void column_def(Table& t);
  void computed_column(Table& t, const std::string& name);
  void column_constraint(Table& t, const std::string& column, const std::string& name);
  void constraint(Table& t, const std::string& name);
  void referential_actions(FixtureForeignKey& fk);
  std::string referential_action();
  void create_index(bool unique);
  void alter_table();

  // DML (tsql_script_dml.cpp)
  void insert();
  void fill_row(Table& t, Row& row, const std::vector<bool>& given);
  void remove();
  void exec();

  std::string batch_;
  Database& db_;
  std::int64_t& newids_;
};

// Splits tokens at top-level commas.
std::vector<std::vector<SqlToken>> split_commas(const std::vector<SqlToken>& tokens);

}  // namespace tdstest
