#include "plan/expr_rewrite.hpp"

#include <cctype>
#include "util/text.hpp"

#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// End of a quoted run starting at i (quote char q, doubled quote escapes).
size_t quoted_end(const std::string& s, size_t i, char q) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] != q) continue;
    if (j + 1 < s.size() && s[j + 1] == q) { ++j; continue; }
    return j + 1;
  }
  return s.size();
}

std::string unquote(const std::string& token) {
  if (token.size() < 2 || token.front() != '"') return token;
  std::string out;
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (token[i] == '"') ++i;
  }
  return out;
}

bool followed_by_paren(const std::string& s, size_t end) {
  while (end < s.size() && s[end] == ' ') ++end;
  return end < s.size() && s[end] == '(';
}

// The name inside a replacement: "(active)::int" -> "active" (a qualified
// reference t.x cannot take the cast around it).
std::string plain_name(const std::string& replacement) {
  constexpr std::string_view k_cast = ")::int";
  if (replacement.size() > k_cast.size() + 1 && replacement.front() == '(' && replacement.ends_with(k_cast))
    return replacement.substr(1, replacement.size() - k_cast.size() - 1);
  return replacement;
}

}  // namespace

std::string rewrite_column_refs(const std::string& sql, const std::map<std::string, std::string>& columns) {
  if (columns.empty()) return sql;
  std::string out;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    size_t end = i + 1;
    bool ident = false;
    if (c == '\'') {
      end = quoted_end(sql, i, '\'');
    } else if (c == '"') {
      end = quoted_end(sql, i, '"');
      ident = true;
    } else if (ident_start(c) && (i == 0 || !ident_char(sql[i - 1]))) {
      while (end < sql.size() && ident_char(sql[end])) ++end;
      ident = true;
    }
    std::string token = sql.substr(i, end - i);
    bool qualified = i > 0 && sql[i - 1] == '.';
    auto it = ident && !followed_by_paren(sql, end) ? columns.find(ascii_lower(unquote(token))) : columns.end();
    if (it == columns.end()) out += token;
    else out += qualified ? plain_name(it->second) : it->second;
    i = end;
  }
  return out;
}

std::string lower_quoted_identifiers(const std::string& sql) {
  std::string out;
  for (size_t i = 0; i < sql.size();) {
    size_t end = sql[i] == '\'' || sql[i] == '"' ? quoted_end(sql, i, sql[i]) : i + 1;
    out += sql[i] == '"' ? ascii_lower(sql.substr(i, end - i)) : sql.substr(i, end - i);
    i = end;
  }
  return out;
}

std::string map_schema_qualifiers(const std::string& sql, const std::map<std::string, std::string>& schemas) {
  std::string out;
  for (size_t i = 0; i < sql.size();) {
    size_t end = i + 1;
    bool ident = sql[i] == '"';
    if (sql[i] == '\'' || ident) {
      end = quoted_end(sql, i, sql[i]);
    } else if (ident_start(sql[i]) && (i == 0 || !ident_char(sql[i - 1]))) {
      while (end < sql.size() && ident_char(sql[end])) ++end;
      ident = true;
    }
    std::string token = sql.substr(i, end - i);
    bool qualifier = ident && end < sql.size() && sql[end] == '.' && (i == 0 || sql[i - 1] != '.');
    auto it = qualifier ? schemas.find(ascii_lower(unquote(token))) : schemas.end();
    out += it == schemas.end() ? token : pg::quote_ident(it->second);
    i = end;
  }
  return out;
}

}  // namespace cutover
