#include "lexer.hpp"

#include <cctype>
#include <stdexcept>

#include "model.hpp"

namespace tdstest {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Index just past a quoted run that starts at s[i] with `open`, closing on
// `close` (doubled close = escaped). Appends the unescaped text to `out`.
std::size_t quoted_end(std::string_view s, std::size_t i, char close, std::string* out) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == close) {
      if (i + 1 < s.size() && s[i + 1] == close) {
        if (out != nullptr) out->push_back(close);
        ++i;
        continue;
      }
      return i + 1;
    }
    if (out != nullptr) out->push_back(s[i]);
  }
  throw std::invalid_argument("unterminated quoted text in the statement");
}

// Index just past a comment starting at s[i], or i when there is none.
std::size_t comment_end(std::string_view s, std::size_t i) {
  if (s.substr(i, 2) == "--") {
    std::size_t nl = s.find('\n', i);
    return nl == std::string_view::npos ? s.size() : nl + 1;
  }
  if (s.substr(i, 2) == "/*") {
    std::size_t close = s.find("*/", i + 2);
    return close == std::string_view::npos ? s.size() : close + 2;
  }
  return i;
}

}  // namespace

bool SqlToken::is(std::string_view keyword) const {
  return kind == word && iequals(text, keyword);
}

std::vector<SqlToken> lex_sql(std::string_view s) {
  std::vector<SqlToken> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::size_t e = comment_end(s, i); e != i) {
      i = e;
    } else if (c == '[' || c == '"') {
      SqlToken t{SqlToken::quoted, ""};
      i = quoted_end(s, i, c == '[' ? ']' : '"', &t.text);
      out.push_back(std::move(t));
    } else if (c == '\'' || ((c == 'N' || c == 'n') && i + 1 < s.size() && s[i + 1] == '\'')) {
      SqlToken t{SqlToken::string, "", c != '\''};
      i = quoted_end(s, c == '\'' ? i : i + 1, '\'', &t.text);
      out.push_back(std::move(t));
    } else if (c == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      std::size_t j = i + 2;
      while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({SqlToken::binary, std::string(s.substr(i, j - i))});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '-' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                (out.empty() || out.back().kind == SqlToken::symbol))) {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      out.push_back({SqlToken::number, std::string(s.substr(i, j - i))});
      i = j;
    } else if (c == '@' || word_char(c)) {
      std::size_t j = i + 1;
      while (j < s.size() && (word_char(s[j]) || s[j] == '@')) ++j;
      out.push_back({c == '@' ? SqlToken::param : SqlToken::word, std::string(s.substr(i, j - i))});
      i = j;
    } else {
      std::string two(s.substr(i, 2));
      bool pair = two == ">=" || two == "<=" || two == "<>" || two == "!=";
      out.push_back({SqlToken::symbol, pair ? two : std::string(1, c)});
      i += pair ? 2 : 1;
    }
  }
  out.push_back({SqlToken::end, ""});
  return out;
}

TokenCursor::TokenCursor(std::vector<SqlToken> tokens) : t_(std::move(tokens)) {
  if (t_.empty() || t_.back().kind != SqlToken::end) t_.push_back({SqlToken::end, ""});
}

bool TokenCursor::accept(std::string_view kw) {
  if (!peek().is(kw) && !peek().sym(kw)) return false;
  take();
  return true;
}

void TokenCursor::expect(std::string_view kw) {
  if (!accept(kw)) fail("expected " + std::string(kw));
}

std::string TokenCursor::identifier() {
  if (peek().kind != SqlToken::word && peek().kind != SqlToken::quoted) fail("expected a name");
  return take().text;
}

std::vector<std::string> split_statements(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::size_t e = comment_end(s, i); e != i) {
      i = e;
    } else if (c == '\'' || c == '[' || c == '"') {
      i = quoted_end(s, i, c == '[' ? ']' : c, nullptr);
    } else if (c == ';') {
      out.emplace_back(s.substr(start, i - start));
      start = ++i;
    } else {
      ++i;
    }
  }
  out.emplace_back(s.substr(start));
  return out;
}

}  // namespace tdstest
