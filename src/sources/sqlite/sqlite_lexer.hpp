// A small SQLite tokenizer for reading CREATE statements and expressions.
// It knows SQLite's quoting ('str', "ident", [ident], `ident`, X'blob'),
// comments (-- and /* */), numbers and operators; it does not know the
// grammar. Offsets point into the input so callers can cut out the original
// text of a sub-expression.
//
// Total: never fails. An unterminated quote or comment runs to the end.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cutover::sqlite {

enum class TokenKind {
  word,        // bare identifier or keyword
  quoted,      // "ident", [ident] or `ident`
  string,      // 'text'
  blob,        // X'ABCD'
  number,      // 12, 1.5, .5, 1e3, 0x1F
  op,          // operators and other punctuation: = == <> || . ; ? :name ...
  lparen,
  rparen,
  comma,
};

struct Token {
  TokenKind kind;
  std::string_view text;
  size_t offset = 0;  // into the tokenized input
  size_t end() const { return offset + text.size(); }
};

std::vector<Token> tokenize(std::string_view sql);

// ASCII case-insensitive comparison, for keywords.
bool iequals(std::string_view a, std::string_view b);
bool is_word(const Token& t, std::string_view keyword);

// The identifier a word or quoted token names: "a""b" -> a"b, [x] -> x.
std::string identifier_text(const Token& t);
// A SQLite identifier in double quotes: a"b -> "a""b".
std::string quote_identifier(std::string_view name);

// The value of a 'string' token: 'it''s' -> it's.
std::string string_text(const Token& t);

// A parenthesised group: tokens [open, close] with close the matching ")".
// Returns the index of the matching ")" or tokens.size() when unbalanced.
size_t matching_paren(const std::vector<Token>& tokens, size_t open);

// Original text spanning tokens [first, last] (inclusive).
std::string_view span_text(std::string_view sql, const std::vector<Token>& tokens, size_t first,
                           size_t last);

// Splits tokens (first, last) exclusive bounds on commas at depth 0: returns
// [begin, end) index pairs of each item.
std::vector<std::pair<size_t, size_t>> split_top_level(const std::vector<Token>& tokens,
                                                       size_t begin, size_t end);

}  // namespace cutover::sqlite
