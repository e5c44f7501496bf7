// Cast rules and table patterns (declared in options_loader.hpp).
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "plan/options_loader.hpp"
#include "plan/options_text.hpp"

namespace cutover {
namespace {

constexpr std::string_view k_cast_hint =
    "write SOURCE=TARGET: a type such as 'sqlite:tinyint(1)=boolean' or "
    "'datetime=timestamptz', or a column such as 'orders.created_at=timestamptz'";
constexpr std::array<std::string_view, 5> k_engines = {"sqlite", "mysql", "mariadb", "mssql",
                                                       "postgresql"};

std::unexpected<Error> bad_rule(std::string_view rule, std::string_view what,
                                std::string_view hint = k_cast_hint) {
  return fail(ErrorKind::config, fmt::format("cast rule '{}' {}", rule, what), std::string(hint));
}

// Position of the first `c` outside parentheses, or npos; `last` finds the last.
size_t find_outside_parens(std::string_view s, char c, bool last = false) {
  size_t found = std::string_view::npos;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    if (depth == 0 && s[i] == c) {
      found = i;
      if (!last) break;
    }
  }
  return found;
}

bool balanced(std::string_view s) {
  int depth = 0;
  for (char c : s) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth == 0;
}

// "  DECIMAL ( 10, 2 ) " -> "decimal(10,2)"; "Double   Precision" -> "double precision".
std::string normalise_type(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : opts::to_lower(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    const bool tight = std::string_view("(),").find(c) != std::string_view::npos;
    if (space && !out.empty() && !tight && out.back() != '(' && out.back() != ',') out += ' ';
    out += c;
    space = false;
  }
  return out;
}

// Splits "engine:rest" / "column:rest"; prefix stays empty without a colon
// before the first parenthesis.
std::pair<std::string, std::string> split_prefix(std::string_view left) {
  const size_t colon = left.find(':');
  if (colon == std::string_view::npos || colon > left.find('(')) return {"", std::string(left)};
  return {opts::to_lower(opts::trim(left.substr(0, colon))), opts::trim(left.substr(colon + 1))};
}

Status fill_column(CastRule& rule, std::string_view rest, bool by_prefix) {
  const size_t dot = find_outside_parens(rest, '.', true);
  if (dot != std::string_view::npos) rule.table = opts::trim(rest.substr(0, dot));
  rule.column = opts::trim(dot == std::string_view::npos ? rest : rest.substr(dot + 1));
  if (rule.column.empty()) return bad_rule(rule.text, "has no column name after '.'");
  if (rule.table.empty() && !by_prefix) return bad_rule(rule.text, "has no table name before '.'");
  return {};
}

// Glob with * and ?, ASCII case-insensitive; ? takes one UTF-8 character.
bool glob_match(std::string_view p, std::string_view t) {
  auto next_char = [&](size_t i) {
    for (++i; i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80;) ++i;
    return i;
  };
  auto same = [](char a, char b) { return opts::to_lower(a) == opts::to_lower(b); };
  size_t pi = 0, ti = 0, star = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = ++pi;
      star_t = ti;
    } else if (pi < p.size() && (p[pi] == '?' || same(p[pi], t[ti]))) {
      ti = p[pi++] == '?' ? next_char(ti) : ti + 1;
    } else if (star != std::string_view::npos) {
      pi = star;
      ti = star_t = next_char(star_t);
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

Result<CastRule> parse_cast_rule(std::string_view text) {
  CastRule rule;
  rule.text = opts::trim(text);
  if (!balanced(rule.text)) return bad_rule(rule.text, "has unbalanced parentheses");
  const size_t eq = find_outside_parens(rule.text, '=');
  if (eq == std::string::npos) return bad_rule(rule.text, "has no '='");
  const std::string left = opts::trim(std::string_view(rule.text).substr(0, eq));
  rule.target_type = opts::trim(std::string_view(rule.text).substr(eq + 1));
  if (rule.target_type.find('=') != std::string::npos)
    return bad_rule(rule.text, "has more than one '='");
  if (left.empty()) return bad_rule(rule.text, "has no source type or column before '='");
  if (rule.target_type.empty()) return bad_rule(rule.text, "has no target type after '='");
  auto [prefix, rest] = split_prefix(left);
  const bool by_column = prefix == "column";
  if (!prefix.empty() && !by_column) {
    if (std::find(k_engines.begin(), k_engines.end(), prefix) == k_engines.end()) {
      return bad_rule(
          rule.text, fmt::format("names unknown engine '{}'", prefix),
          "engines are sqlite, mysql, mariadb, mssql and postgresql; leave the prefix out "
          "to match any engine");
    }
    rule.engine = prefix;
  }
  if (rest.empty()) return bad_rule(rule.text, "has no source type or column before '='");
  if (by_column || find_outside_parens(rest, '.') != std::string::npos) {
    if (auto st = fill_column(rule, rest, by_column); !st) return fail(std::move(st.error()));
    return rule;
  }
  rule.source_type = normalise_type(rest);
  return rule;
}

bool matches_pattern(std::string_view pattern, std::string_view schema, std::string_view table) {
  if (glob_match(pattern, table)) return true;
  return !schema.empty() && glob_match(pattern, fmt::format("{}.{}", schema, table));
}

bool table_selected(const Options& options, std::string_view schema, std::string_view table) {
  auto any = [&](const std::vector<std::string>& patterns) {
    for (const std::string& p : patterns) {
      if (matches_pattern(p, schema, table)) return true;
    }
    return false;
  };
  auto schema_in = [&] {
    for (const std::string& p : options.schemas)
      if (glob_match(p, schema)) return true;
    return options.schemas.empty();
  };
  return (options.tables.empty() || any(options.tables)) && !any(options.exclude) && schema_in();
}

}  // namespace cutover
