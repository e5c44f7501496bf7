#include "sources/mysql/mysql_expr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "sources/mysql/mysql_catalog_parts.hpp"
#include "util/text.hpp"

namespace cutover::mysql {
namespace {

enum class Tok { ident, quoted_ident, string, number, bits, hex, symbol, end };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // decoded: identifier name, string value, digits, symbol
};

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

char unescape(char c) {
  switch (c) {
    case '0': return '\0';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'Z': return '\x1a';
    default: return c;
  }
}

// Quoted run starting at s[i] == q; doubled quotes and (for strings) backslashes escape.
size_t quoted(std::string_view s, size_t i, char q, std::string& out) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (q != '`' && s[j] == '\\' && j + 1 < s.size()) {
      out += unescape(s[++j]);
    } else if (s[j] == q) {
      if (j + 1 < s.size() && s[j + 1] == q) {
        out += q;
        ++j;
      } else {
        return j + 1;
      }
    } else {
      out += s[j];
    }
  }
  return s.size();
}

std::vector<Token> lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    Token t;
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'') {
      t.kind = c == 'b' || c == 'B' ? Tok::bits : Tok::hex;
      i = quoted(s, i + 1, '\'', t.text);
    } else if (c == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      size_t j = i + 2;
      while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
      t = {Tok::hex, std::string(s.substr(i + 2, j - i - 2))};
      i = j;
    } else if (c == '\'' || c == '"') {
      t.kind = Tok::string;
      i = quoted(s, i, c, t.text);
    } else if (c == '`') {
      t.kind = Tok::quoted_ident;
      i = quoted(s, i, '`', t.text);
    } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                              ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
        ++j;
      t = {Tok::number, std::string(s.substr(i, j - i))};
      i = j;
    } else if (ident_char(c)) {
      size_t j = i;
      while (j < s.size() && ident_char(s[j])) ++j;
      t = {Tok::ident, std::string(s.substr(i, j - i))};
      i = j;
    } else {
      std::string two(s.substr(i, 2));
      bool pair = two == "<=" || two == ">=" || two == "<>" || two == "!=" || two == "&&" || two == "||";
      t = {Tok::symbol, pair ? two : std::string(1, c)};
      i += pair ? 2 : 1;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string pg_ident(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string pg_string(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string hex_bytes(std::string_view bytes) {
  std::string out = "'\\x";
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out + "'::bytea";
}

bool followed_by_paren(const std::vector<Token>& t, size_t i) {
  return i + 1 < t.size() && t[i + 1].kind == Tok::symbol && t[i + 1].text == "(";
}

const std::map<std::string, std::string>& functions() {
  static const std::map<std::string, std::string> k = {
      {"lower", "lower"}, {"upper", "upper"}, {"abs", "abs"}, {"coalesce", "coalesce"},
      {"nullif", "nullif"}, {"left", "left"}, {"right", "right"}, {"trim", "trim"},
      {"round", "round"}, {"char_length", "char_length"}, {"concat", "concat"},
      {"ifnull", "coalesce"}, {"length", "octet_length"}, {"octet_length", "octet_length"},
  };
  return k;
}

const std::map<std::string, std::string>& words() {
  static const std::map<std::string, std::string> k = {
      {"and", "AND"}, {"or", "OR"}, {"not", "NOT"}, {"in", "IN"}, {"between", "BETWEEN"},
      {"is", "IS"}, {"null", "NULL"}, {"true", "TRUE"}, {"false", "FALSE"}, {"like", "LIKE"},
      {"current_date", "CURRENT_DATE"}, {"current_time", "CURRENT_TIME"},
  };
  return k;
}

// current_timestamp / now / localtime(stamp) with optional (n) and curdate() etc.
std::optional<std::string> clock_function(const std::vector<Token>& t, size_t& i) {
  std::string w = ascii_lower(t[i].text);
  std::string base;
  if (w == "current_timestamp" || w == "now" || w == "localtime" || w == "localtimestamp") base = "CURRENT_TIMESTAMP";
  else if (w == "curdate") base = "CURRENT_DATE";
  else if (w == "curtime") base = "CURRENT_TIME";
  else return std::nullopt;
  if (!followed_by_paren(t, i)) return base;
  std::string precision;
  size_t j = i + 2;
  if (j < t.size() && t[j].kind == Tok::number) precision = t[j++].text;
  if (j >= t.size() || t[j].text != ")") return std::nullopt;
  i = j;
  return precision.empty() ? base : fmt::format("{}({})", base, precision);
}

std::optional<std::string> translate_token(const std::vector<Token>& t, size_t& i) {
  const Token& k = t[i];
  switch (k.kind) {
    case Tok::quoted_ident: return pg_ident(k.text);
    case Tok::number: return k.text;
    case Tok::bits: return fmt::format("B'{}'", k.text);
    case Tok::hex: {
      std::string bytes;
      if (k.text.size() % 2 != 0) return std::nullopt;
      for (size_t j = 0; j < k.text.size(); j += 2) bytes += static_cast<char>(std::stoi(k.text.substr(j, 2), nullptr, 16));
      return hex_bytes(bytes);
    }
    case Tok::string:
      if (k.text.starts_with("0000-00-00") || k.text.find('\0') != std::string::npos) return std::nullopt;
      return pg_string(k.text);
    case Tok::symbol:
      if (k.text == "&&") return "AND";
      if (k.text == "||") return "OR";
      if (k.text == "!=") return "<>";
      if (std::string_view("()=<>,+-*/%").find(k.text) != std::string_view::npos || k.text == "<=" ||
          k.text == ">=" || k.text == "<>")
        return k.text;
      return std::nullopt;
    case Tok::ident: {
      if (auto c = clock_function(t, i)) return c;
      std::string w = ascii_lower(k.text);
      if (auto kw = words().find(w); kw != words().end()) return kw->second;
      if (followed_by_paren(t, i)) {
        auto f = functions().find(w);
        return f == functions().end() ? std::nullopt : std::optional(f->second);
      }
      return pg_ident(k.text);
    }
    case Tok::end: break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> translate_expression(std::string_view expr) {
  auto tokens = lex(expr);
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool after_function = i > 0 && tokens[i - 1].kind == Tok::ident && !words().contains(ascii_lower(tokens[i - 1].text));
    auto piece = translate_token(tokens, i);
    if (!piece) return std::nullopt;
    bool tight = !out.empty() && (out.back() == '(' || *piece == ")" || *piece == "," ||
                                  (*piece == "(" && after_function));
    if (!out.empty() && !tight) out += ' ';
    out += *piece;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

namespace {

using Tokens = std::vector<Token>;

// Index of the ")" closing the "(" at `open` (tokens.size() when unbalanced).
size_t closing_paren(const Tokens& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i].kind != Tok::symbol) continue;
    if (t[i].text == "(") ++depth;
    if (t[i].text == ")" && --depth == 0) return i;
  }
  return t.size();
}

bool is_word(const Token& t, std::string_view w) { return t.kind == Tok::ident && ascii_lower(t.text) == w; }

// Top-level positions in [begin, end) where `at(i)` holds.
template <class At>
std::vector<size_t> top_level(const Tokens& t, size_t begin, size_t end, At at) {
  std::vector<size_t> out;
  int depth = 0;
  for (size_t i = begin; i < end; ++i) {
    if (t[i].kind == Tok::symbol && t[i].text == "(") ++depth;
    if (t[i].kind == Tok::symbol && t[i].text == ")") --depth;
    if (depth == 0 && at(i)) out.push_back(i);
  }
  return out;
}

class ViewTranslator {
 public:
  ViewTranslator(const Tokens& t, std::string_view database) : t_(t), database_(database) {}

  std::string range(size_t begin, size_t end) const {
    std::string out;
    for (size_t i = begin; i < end; ++i) {
      const Token& k = t_[i];
      if (k.kind == Tok::quoted_ident && k.text == database_ && i + 1 < end && t_[i + 1].text == ".") {
        ++i;  // `db`.`t` -> "t"
        continue;
      }
      // A charset introducer: _utf8mb4'x' -> 'x'.
      if (k.kind == Tok::ident && k.text.starts_with("_") && i + 1 < end && t_[i + 1].kind == Tok::string) continue;
      if (k.kind == Tok::ident && followed_by_paren(t_, i)) {
        size_t close = closing_paren(t_, i + 1);
        if (auto call = special_call(ascii_lower(k.text), i + 1, close)) {
          append(out, *call, !out.empty() && (out.back() == '(' || out.back() == '.'));
          i = close;
          continue;
        }
      }
      append(out, piece(k), tight(out, k, i));
    }
    return out;
  }

 private:
  static void append(std::string& out, const std::string& piece, bool tight) {
    if (!out.empty() && !tight) out += ' ';
    out += piece;
  }

  bool tight(const std::string& out, const Token& k, size_t i) const {
    std::string p = piece(k);
    return !out.empty() && (out.back() == '(' || out.back() == '.' || p == ")" || p == "," || p == "." ||
                            (p == "(" && k.kind == Tok::symbol && i > 0 && t_[i - 1].kind == Tok::ident));
  }

  static std::string piece(const Token& k) {
    // MariaDB stores some functions under their MySQL-only names.
    static const std::map<std::string, std::string> k_renamed = {
        {"ucase", "upper"}, {"lcase", "lower"}, {"ifnull", "coalesce"}};
    if (k.kind == Tok::ident)
      if (auto it = k_renamed.find(ascii_lower(k.text)); it != k_renamed.end()) return it->second;
    return k.kind == Tok::quoted_ident ? pg_ident(k.text)
           : k.kind == Tok::string     ? pg_string(k.text)
           : k.kind == Tok::bits       ? fmt::format("B'{}'", k.text)
                                       : k.text;
  }

  // group_concat and if(): calls PostgreSQL spells differently. `open` and
  // `close` are the call's parentheses.
  std::optional<std::string> special_call(const std::string& name, size_t open, size_t close) const {
    if (close >= t_.size()) return std::nullopt;
    if (name == "group_concat") return group_concat(open + 1, close);
    if (name != "if") return std::nullopt;
    auto commas = top_level(t_, open + 1, close, [&](size_t i) { return t_[i].kind == Tok::symbol && t_[i].text == ","; });
    if (commas.size() != 2) return std::nullopt;
    return fmt::format("CASE WHEN {} THEN {} ELSE {} END", range(open + 1, commas[0]), range(commas[0] + 1, commas[1]),
                       range(commas[1] + 1, close));
  }

  // group_concat([DISTINCT] e [ORDER BY o] [SEPARATOR 's']) ->
  // string_agg([DISTINCT] (e)::text, 's' [ORDER BY o]); one expression only.
  std::optional<std::string> group_concat(size_t begin, size_t end) const {
    bool distinct = begin < end && is_word(t_[begin], "distinct");
    if (distinct) ++begin;
    std::string sep = "','";
    auto sep_at = top_level(t_, begin, end, [&](size_t i) { return is_word(t_[i], "separator"); });
    if (!sep_at.empty()) {
      if (sep_at[0] + 2 != end || t_[sep_at[0] + 1].kind != Tok::string) return std::nullopt;
      sep = pg_string(t_[sep_at[0] + 1].text);
      end = sep_at[0];
    }
    auto order_at = top_level(t_, begin, end, [&](size_t i) { return is_word(t_[i], "order") && i + 1 < end && is_word(t_[i + 1], "by"); });
    size_t expr_end = order_at.empty() ? end : order_at[0];
    auto commas = top_level(t_, begin, expr_end, [&](size_t i) { return t_[i].kind == Tok::symbol && t_[i].text == ","; });
    if (!commas.empty() || begin == expr_end) return std::nullopt;
    std::string order = order_at.empty() ? "" : " ORDER BY " + range(order_at[0] + 2, end);
    return fmt::format("string_agg({}({})::text, {}{})", distinct ? "DISTINCT " : "", range(begin, expr_end), sep, order);
  }

  const Tokens& t_;
  std::string_view database_;
};

}  // namespace

std::string translate_view(std::string_view sql, std::string_view database) {
  auto tokens = lex(sql);
  return ViewTranslator(tokens, database).range(0, tokens.size());
}

}  // namespace cutover::mysql
