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

// A cursor over a statement's tokens for the server's small parsers (SELECT,
// install scripts, script expressions); the last token is always `end`.
// Errors go through fail(), which each parser throws as its own exception
// type ("what near 'token'"). Not thread-safe.
class TokenCursor {
 public:
  explicit TokenCursor(std::vector<SqlToken> tokens);
  virtual ~TokenCursor() = default;

 protected:
  const SqlToken& peek() const { return t_[i_]; }
  const SqlToken& take() { return t_[i_ + 1 < t_.size() ? i_++ : i_]; }
  bool accept(std::string_view keyword_or_symbol);
  void expect(std::string_view keyword_or_symbol);  // fail("expected X") when absent
  std::string identifier();                          // a bare, [bracketed] or "quoted" name
  [[noreturn]] virtual void fail(const std::string& what) const = 0;

  std::vector<SqlToken> t_;
  std::size_t i_ = 0;
};

// Splits a batch at top-level ';' (outside strings, identifiers and comments).
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace tdstest
