#include "sources/mssql/mssql_tsql_tokens.hpp"

#include <cctype>

#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {
namespace {

bool word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '@' || c == '#'; }
bool word_char(char c) { return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Tokens run() {
    while (i_ < s_.size()) {
      size_t start = i_;
      Token t = next();
      t.source = t.kind == Tok::space ? " " : std::string(s_.substr(start, i_ - start));
      if (t.kind == Tok::space && !out_.empty() && out_.back().kind == Tok::space) continue;
      out_.push_back(std::move(t));
    }
    return std::move(out_);
  }

 private:
  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  Token next() {
    char c = s_[i_];
    if (std::isspace(static_cast<unsigned char>(c))) return ++i_, Token{Tok::space, " ", ""};
    if (c == '-' && at(i_ + 1) == '-') {
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      return {Tok::space, " ", ""};
    }
    if (c == '/' && at(i_ + 1) == '*') {
      size_t end = s_.find("*/", i_ + 2);
      i_ = end == std::string_view::npos ? s_.size() : end + 2;
      return {Tok::space, " ", ""};
    }
    if (c == '[') return quoted(']', Tok::ident, 1);
    if (c == '"') return quoted('"', Tok::ident, 1);
    if (c == '\'') return quoted('\'', Tok::string, 1);
    if ((c == 'N' || c == 'n') && at(i_ + 1) == '\'') return ++i_, quoted('\'', Tok::string, 1);
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(at(i_ + 1)))))
      return number();
    if (word_start(c)) {
      size_t start = i_;
      while (i_ < s_.size() && word_char(s_[i_])) ++i_;
      return {Tok::word, std::string(s_.substr(start, i_ - start)), ""};
    }
    for (std::string_view op : {"<>", "!=", ">=", "<=", "!<", "!>"})
      if (s_.substr(i_, 2) == op) return i_ += 2, Token{Tok::symbol, std::string(op), ""};
    return {Tok::symbol, std::string(1, s_[i_++]), ""};
  }

  // A quoted run whose closing quote is escaped by doubling: an ident keeps
  // the name, a string its contents as written (quotes still doubled).
  Token quoted(char close, Tok kind, size_t open) {
    std::string text;
    for (i_ += open; i_ < s_.size(); ++i_) {
      if (s_[i_] == close && at(i_ + 1) == close) {
        text += kind == Tok::string ? std::string(2, close) : std::string(1, close);
        ++i_;
      } else if (s_[i_] == close) {
        ++i_;
        return {kind, text, ""};
      } else {
        text += s_[i_];
      }
    }
    return {kind, text, ""};
  }

  Token number() {
    size_t start = i_;
    if (s_[i_] == '0' && (at(i_ + 1) == 'x' || at(i_ + 1) == 'X')) i_ += 2;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) {
      bool exponent = (s_[i_] == 'e' || s_[i_] == 'E') && (at(i_ + 1) == '+' || at(i_ + 1) == '-');
      i_ += exponent ? 2 : 1;
    }
    return {Tok::number, std::string(s_.substr(start, i_ - start)), ""};
  }

  std::string_view s_;
  size_t i_ = 0;
  Tokens out_;
};

size_t skip(const Tokens& t, size_t i) {
  while (i < t.size() && t[i].kind == Tok::space) ++i;
  return i;
}

bool name_token(const Token& t) { return t.kind == Tok::ident || t.kind == Tok::word; }

// The column list after the view's name: names separated by commas.
size_t column_list(const Tokens& t, size_t i, std::vector<std::string>& columns) {
  for (i = skip(t, i + 1); i < t.size() && name_token(t[i]); i = skip(t, i + 1)) {
    columns.push_back(t[i].text);
    i = skip(t, i + 1);
    if (i >= t.size() || !t[i].is_symbol(",")) break;
  }
  return i < t.size() && t[i].is_symbol(")") ? i + 1 : t.size();
}

}  // namespace

bool Token::is_word(std::string_view w) const { return kind == Tok::word && ascii_lower(text) == w; }

Tokens tsql_tokens(std::string_view sql) { return Lexer(sql).run(); }

ViewParts view_parts(const Tokens& t) {
  ViewParts p;
  p.end = t.size();
  while (p.end > 0 && (t[p.end - 1].kind == Tok::space || t[p.end - 1].is_symbol(";"))) --p.end;
  size_t i = skip(t, 0);
  if (i >= t.size() || !(t[i].is_word("create") || t[i].is_word("alter"))) return p;
  i = skip(t, i + 1);
  if (i < t.size() && t[i].is_word("or")) i = skip(t, skip(t, i + 1) + 1);
  if (i >= t.size() || !t[i].is_word("view")) return p;
  for (i = skip(t, i + 1); i < t.size() && name_token(t[i]);) {
    i = skip(t, i + 1);
    if (i < t.size() && t[i].is_symbol(".")) i = skip(t, i + 1);
    else break;
  }
  std::vector<std::string> columns;
  if (i < t.size() && t[i].is_symbol("(")) i = skip(t, column_list(t, i, columns));
  if (i < t.size() && t[i].is_word("with"))
    while (i < t.size() && !t[i].is_word("as")) ++i;
  if (i >= t.size() || !t[i].is_word("as")) return p;
  p.body = skip(t, i + 1);
  p.columns = std::move(columns);
  return p;
}

}  // namespace cutover::mssql
