#include "sources/sqlite/sqlite_lexer.hpp"

#include <cctype>

namespace cutover::sqlite {
namespace {

bool is_ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_ident_char(unsigned char c) { return is_ident_start(c) || std::isdigit(c) || c == '$'; }

// End of a quoted run starting at `i` (the opening quote); a doubled closing
// quote is an escaped quote.
size_t quoted_end(std::string_view s, size_t i, char close) {
  size_t j = i + 1;
  while (j < s.size()) {
    if (s[j] == close) {
      if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return s.size();
}

size_t number_end(std::string_view s, size_t i) {
  size_t j = i;
  if (s[j] == '0' && j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X')) {
    j += 2;
    while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
    return j;
  }
  while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
      j = k;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    }
  }
  return j;
}

size_t operator_end(std::string_view s, size_t i) {
  static constexpr std::string_view k_two[] = {"||", "<=", ">=", "==", "!=", "<>", "<<", ">>",
                                               "->"};
  for (auto op : k_two)
    if (s.substr(i, 2) == op) return s.substr(i, 3) == "->>" ? i + 3 : i + 2;
  char c = s[i];
  if ((c == ':' || c == '@' || c == '$' || c == '?') && i + 1 < s.size()) {
    size_t j = i + 1;
    while (j < s.size() && is_ident_char(static_cast<unsigned char>(s[j]))) ++j;
    return j;
  }
  return i + 1;
}

// Skips whitespace and comments; returns the next token start.
size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
    } else {
      break;
    }
  }
  return i;
}

Token next_token(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  auto make = [&](TokenKind k, size_t end) { return Token{k, s.substr(i, end - i), i}; };
  if ((c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'')
    return make(TokenKind::blob, quoted_end(s, i + 1, '\''));
  if (is_ident_start(c)) {
    size_t j = i + 1;
    while (j < s.size() && is_ident_char(static_cast<unsigned char>(s[j]))) ++j;
    return make(TokenKind::word, j);
  }
  if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))))
    return make(TokenKind::number, number_end(s, i));
  switch (c) {
    case '\'': return make(TokenKind::string, quoted_end(s, i, '\''));
    case '"': return make(TokenKind::quoted, quoted_end(s, i, '"'));
    case '`': return make(TokenKind::quoted, quoted_end(s, i, '`'));
    case '[': return make(TokenKind::quoted, quoted_end(s, i, ']'));
    case '(': return make(TokenKind::lparen, i + 1);
    case ')': return make(TokenKind::rparen, i + 1);
    case ',': return make(TokenKind::comma, i + 1);
    default: return make(TokenKind::op, operator_end(s, i));
  }
}

// Removes the outer quotes and un-doubles the inner ones.
std::string unquote(std::string_view body, char quote) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

std::string_view strip_quotes(std::string_view text, char close) {
  if (text.size() >= 2 && text.back() == close) return text.substr(1, text.size() - 2);
  return text.substr(1);
}

}  // namespace

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> out;
  size_t i = skip_space(sql, 0);
  while (i < sql.size()) {
    Token t = next_token(sql, i);
    out.push_back(t);
    i = skip_space(sql, t.end());
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool is_word(const Token& t, std::string_view keyword) {
  return t.kind == TokenKind::word && iequals(t.text, keyword);
}

std::string identifier_text(const Token& t) {
  if (t.kind == TokenKind::string) return string_text(t);
  if (t.kind != TokenKind::quoted) return std::string(t.text);
  char open = t.text.front();
  char close = open == '[' ? ']' : open;
  std::string_view body = strip_quotes(t.text, close);
  return open == '[' ? std::string(body) : unquote(body, close);
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

std::string string_text(const Token& t) { return unquote(strip_quotes(t.text, '\''), '\''); }

size_t matching_paren(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::lparen) ++depth;
    if (tokens[i].kind == TokenKind::rparen && --depth == 0) return i;
  }
  return tokens.size();
}

std::string_view span_text(std::string_view sql, const std::vector<Token>& tokens, size_t first,
                           size_t last) {
  if (first > last || last >= tokens.size()) return {};
  return sql.substr(tokens[first].offset, tokens[last].end() - tokens[first].offset);
}

std::vector<std::pair<size_t, size_t>> split_top_level(const std::vector<Token>& tokens,
                                                       size_t begin, size_t end) {
  std::vector<std::pair<size_t, size_t>> items;
  int depth = 0;
  size_t start = begin;
  for (size_t i = begin; i < end; ++i) {
    if (tokens[i].kind == TokenKind::lparen) ++depth;
    if (tokens[i].kind == TokenKind::rparen) --depth;
    if (tokens[i].kind == TokenKind::comma && depth == 0) {
      items.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < end) items.emplace_back(start, end);
  return items;
}

}  // namespace cutover::sqlite
