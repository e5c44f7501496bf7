// A small T-SQL lexer for the statements the test server understands:
// bare and bracketed identifiers ([a]]b] -> a]b), "quoted" identifiers,
// numbers, 0x binary literals (text "0x..."), 'strings' and N'strings'
// ('' -> '), @parameters and symbols.
// Comments (-- line, /* block */) are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tdstest {

struct SqlToken {
  enum Kind { word, quoted, number, string, param, symbol, binary, end } kind = end;
  std::string text;
  bool national = false;  // N'...': an nvarchar literal
  bool is(std::string_view keyword) const;  // a bare word, case-insensitive
  bool sym(std::string_view s) const { return kind == symbol && text == s; }
};

// Throws std::invalid_argument on an unterminated string or identifier.
std::vector<SqlToken> lex_sql(std::string_view sql);

// Splits a batch at top-level ';' (outside strings, identifiers and comments).
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace tdstest
