// T-SQL text as tokens for the expression and view translators
// (mssql_expr.hpp): [bracketed] and "quoted" names, N'strings', numbers,
// words, operators. Comments become spaces.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cutover::mssql {

enum class Tok { space, word, ident, string, number, symbol };

struct Token {
  Tok kind = Tok::space;
  std::string text;    // ident: the name; string: the contents as written (quotes doubled)
  std::string source;  // as written
  bool is_symbol(std::string_view s) const { return kind == Tok::symbol && text == s; }
  bool is_word(std::string_view w) const;  // case-insensitive
};
using Tokens = std::vector<Token>;

Tokens tsql_tokens(std::string_view sql);

// CREATE [OR ALTER] VIEW name [(columns)] [WITH options] AS body: where the
// body's tokens begin and end (trailing spaces and ';' left out) and the
// column list. body is 0 when the header is not recognised.
struct ViewParts {
  size_t body = 0;
  size_t end = 0;
  std::vector<std::string> columns;
};
ViewParts view_parts(const Tokens& tokens);

}  // namespace cutover::mssql
