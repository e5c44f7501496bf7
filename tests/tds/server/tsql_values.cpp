// INSERT values and DEFAULT/CHECK definitions of a T-SQL script, in the
// forms the fixture model and SQL Server's catalog use (tsql_script.hpp).
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "tsql_script.hpp"

namespace tdstest {

namespace {

std::string base_of(const ColumnType& t) {
  std::string n = t.sql_name.substr(0, t.sql_name.find('('));
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}

bool one_of(const std::string& s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

// "32.38" at scale 4 -> "32.3800" (the script's values have no more digits than the scale).
std::string scaled(const std::string& number, int scale) {
  std::size_t dot = number.find('.');
  std::string whole = number.substr(0, dot), frac = dot == std::string::npos ? "" : number.substr(dot + 1);
  if (static_cast<int>(frac.size()) > scale)
    throw std::runtime_error(fmt::format("{} has more than {} decimal digits", number, scale));
  frac.append(static_cast<std::size_t>(scale) - frac.size(), '0');
  return scale == 0 ? whole : whole + "." + frac;
}

// "7/4/1996" (SET DATEFORMAT mdy), "1996-07-04" or "19960704", with an
// optional " hh:mm[:ss[.fff]]", as "1996-07-04 hh:mm:ss.fff".
std::string datetime_text(const std::string& s) {
  int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0, ms = 0, n = 0;
  std::string rest;
  if (std::sscanf(s.c_str(), "%d/%d/%d%n", &m, &d, &y, &n) == 3 ||
      std::sscanf(s.c_str(), "%d-%d-%d%n", &y, &m, &d, &n) == 3) {
    rest = s.substr(static_cast<std::size_t>(n));
  } else if (s.size() >= 8 && std::sscanf(s.c_str(), "%4d%2d%2d%n", &y, &m, &d, &n) == 3) {
    rest = s.substr(static_cast<std::size_t>(n));
  } else {
    throw std::runtime_error(fmt::format("'{}' is not a date the script loader reads", s));
  }
  if (!rest.empty()) std::sscanf(rest.c_str(), " %d:%d:%d.%d", &hh, &mi, &ss, &ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", y, m, d, hh, mi, ss, ms);
}

std::string hex_bytes(const std::string& literal) {
  std::string out;
  for (std::size_t i = 2; i + 1 < literal.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(literal.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace

Value fixture_value(const SqlToken& v, const ColumnType& t) {
  if (v.is("NULL")) return null_value();
  std::string base = base_of(t);
  if (v.kind == SqlToken::binary) return hex_bytes(v.text);
  if (one_of(base, {"tinyint", "smallint", "int", "bigint", "bit"})) return std::int64_t{std::stoll(v.text)};
  if (one_of(base, {"real", "float"})) return std::stod(v.text);
  if (one_of(base, {"money", "smallmoney"})) return scaled(v.text, 4);
  if (one_of(base, {"decimal", "numeric"})) return scaled(v.text, t.scale);
  if (base == "datetime") return datetime_text(v.text);
  if (base == "smalldatetime") return datetime_text(v.text).substr(0, 19);
  if (base == "date") return datetime_text(v.text).substr(0, 10);
  return v.text;
}

std::string catalog_definition(const std::vector<SqlToken>& expr) {
  std::string out;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    const SqlToken& t = expr[i];
    bool call = i + 1 < expr.size() && expr[i + 1].sym("(");
    if (t.kind == SqlToken::word && (t.is("AND") || t.is("OR") || t.is("NOT") || t.is("IS") || t.is("NULL"))) {
      std::string kw = t.text;
      for (char& c : kw) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += " " + kw + " ";
    } else if ((t.kind == SqlToken::word && !call) || t.kind == SqlToken::quoted) {
      out += "[" + t.text + "]";
    } else if (t.kind == SqlToken::number) {
      out += "(" + t.text + ")";
    } else if (t.kind == SqlToken::string) {
      out += "'";
      for (char c : t.text) out += c == '\'' ? std::string("''") : std::string(1, c);
      out += "'";
    } else {
      out += t.text;
    }
  }
  std::string tidy;
  for (char c : out)
    if (!(c == ' ' && (tidy.empty() || tidy.back() == ' ' || tidy.back() == '('))) tidy += c;
  for (std::size_t p; (p = tidy.find(" )")) != std::string::npos;) tidy.erase(p, 1);
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return "(" + tidy + ")";
}

}  // namespace tdstest
