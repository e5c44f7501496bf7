// Values of a T-SQL script converted to their columns' types, and
// DEFAULT/CHECK definitions, in the forms the fixture model and SQL
// Server's catalog use (tsql_script.hpp, tsql_expr.hpp).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "hierarchyid.hpp"
#include "tsql_expr.hpp"
#include "tsql_script.hpp"
#include "tsql_text.hpp"

namespace tdstest {

namespace {

bool one_of(const std::string& s, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (s == n) return true;
  return false;
}

// A date and time literal's parts.
struct Moment {
  int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
  std::string fraction;  // digits after the second's point
  std::string offset;    // "+05:30", "" when none
  bool has_date = false;
};

// The time part "hh:mm[:ss[.fffffff]][ +hh:mm|Z]".
void read_clock(std::string rest, Moment& t, const std::string& s) {
  std::size_t z = rest.find_last_of("+-Z");
  if (z != std::string::npos && z > 0) {
    t.offset = rest[z] == 'Z' ? "+00:00" : rest.substr(z);
    rest = rest.substr(0, z);
  }
  int n = 0;
  if (rest.find_first_not_of(" T") == std::string::npos) return;
  if (std::sscanf(rest.c_str(), " %d:%d%n", &t.hh, &t.mi, &n) < 2 && std::sscanf(rest.c_str(), "T%d:%d%n", &t.hh, &t.mi, &n) < 2)
    throw std::runtime_error(fmt::format("'{}' is not a date/time the script loader reads", s));
  rest = rest.substr(static_cast<std::size_t>(n));
  if (std::sscanf(rest.c_str(), ":%d%n", &t.ss, &n) == 1) rest = rest.substr(static_cast<std::size_t>(n));
  if (!rest.empty() && rest[0] == '.') t.fraction = rest.substr(1, rest.find_first_not_of("0123456789", 1) - 1);
}

// "7/4/1996" (SET DATEFORMAT mdy), "1996/7/4", "1996-07-04", "19960704" or
// a time alone, each with an optional time and offset.
Moment read_moment(const std::string& s) {
  Moment t;
  int n = 0, a = 0, b = 0, c = 0;
  if (std::sscanf(s.c_str(), "%d/%d/%d%n", &a, &b, &c, &n) == 3) {
    bool ymd = s.find('/') >= 4;
    t.y = ymd ? a : c, t.m = ymd ? b : a, t.d = ymd ? c : b;
  } else if (std::sscanf(s.c_str(), "%d-%d-%d%n", &t.y, &t.m, &t.d, &n) != 3 &&
             !(s.size() >= 8 && std::sscanf(s.c_str(), "%4d%2d%2d%n", &t.y, &t.m, &t.d, &n) == 3 && n == 8)) {
    n = 0;
  }
  t.has_date = n > 0;
  read_clock(s.substr(static_cast<std::size_t>(n)), t, s);
  return t;
}

// The fraction at `digits` digits; extra digits must be zeros (the loader
// does not round them).
std::string fraction_at(const Moment& t, int digits, const std::string& s) {
  std::string f = t.fraction;
  if (static_cast<int>(f.size()) > digits) {
    if (f.find_first_not_of('0', static_cast<std::size_t>(digits)) != std::string::npos)
      throw std::runtime_error(fmt::format("'{}' has more fraction digits than the type keeps", s));
    f.resize(static_cast<std::size_t>(digits));
  }
  f.append(static_cast<std::size_t>(digits) - f.size(), '0');
  return digits == 0 ? "" : "." + f;
}

// datetime keeps 1/300 s ticks, shown as .000, .003, .007.
std::string datetime_fraction(const Moment& t, const std::string& s) {
  std::string f = (t.fraction + "000").substr(0, 3);
  int ms = std::stoi(f);
  int ticks = (ms * 3 + 5) / 10;
  if (ticks >= 300) throw std::runtime_error(fmt::format("'{}' rounds into the next second", s));
  return fmt::format(".{:03}", (ticks * 10 + 1) / 3);
}

std::string temporal(const std::string& s, const ColumnType& t) {
  std::string base = type_base(t);
  Moment m = read_moment(s);
  if (!m.has_date && base != "time") m.y = 1900, m.m = 1, m.d = 1;
  std::string date = fmt::format("{:04}-{:02}-{:02}", m.y, m.m, m.d);
  std::string clock = fmt::format("{:02}:{:02}:{:02}", m.hh, m.mi, m.ss);
  if (base == "date") return date;
  if (base == "time") return clock + fraction_at(m, t.scale, s);
  if (base == "datetime") return date + " " + clock + datetime_fraction(m, s);
  if (base == "smalldatetime") return date + " " + fmt::format("{:02}:{:02}:00", m.hh, m.mi);
  std::string out = date + " " + clock + fraction_at(m, t.scale, s);
  if (base == "datetimeoffset") out += " " + (m.offset.empty() ? std::string("+00:00") : m.offset);
  return out;
}

std::string guid_text(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  bool ok = s.size() == 36;
  for (std::size_t i = 0; ok && i < s.size(); ++i)
    ok = (i == 8 || i == 13 || i == 18 || i == 23) ? s[i] == '-' : std::isxdigit(static_cast<unsigned char>(s[i])) != 0;
  if (!ok) throw std::runtime_error(fmt::format("Conversion failed when converting '{}' to uniqueidentifier", s));
  return s;
}

// SQL Server does not keep an XML declaration; one naming UTF-16 needs
// Unicode input (error 9402 otherwise).
std::string xml_text(std::string s, bool unicode_input) {
  std::size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || s.compare(start, 5, "<?xml") != 0) return s;
  std::size_t end = s.find("?>", start);
  if (end == std::string::npos) throw std::runtime_error("XML parsing: unterminated XML declaration");
  std::string decl = s.substr(start, end - start);
  for (char& c : decl) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!unicode_input && decl.find("utf-16") != std::string::npos)
    throw std::runtime_error("XML parsing: line 1, character 39, unable to switch the encoding (9402)");
  std::size_t body = s.find_first_not_of(" \t\r\n", end + 2);
  return body == std::string::npos ? "" : s.substr(body);
}

std::string number_text(const Scalar& s) {
  if (auto* i = std::get_if<std::int64_t>(&s.value)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&s.value)) return fmt::format("{}", *d);
  return std::get<std::string>(s.value);
}

std::int64_t integer_of(const Scalar& s) {
  if (auto* i = std::get_if<std::int64_t>(&s.value)) return *i;
  if (auto* d = std::get_if<double>(&s.value)) return static_cast<std::int64_t>(*d);
  std::string text = std::get<std::string>(s.value);
  return std::stoll(text.substr(0, text.find('.')));  // decimals are truncated
}

// decimal(p,s): rounded to the scale, refused when the whole part is too long.
std::string decimal_value(const Scalar& s, const ColumnType& t) {
  std::string v = decimal_at_scale(number_text(s), t.scale);
  std::string whole = v.substr(v[0] == '-' ? 1 : 0);
  whole = whole.substr(0, whole.find('.'));
  std::size_t digits = whole == "0" ? 0 : whole.size();
  if (static_cast<int>(digits) > t.precision - t.scale)
    throw std::runtime_error(fmt::format("Arithmetic overflow error converting {} to {}", v, t.sql_name));
  return v;
}

Value binary_value(const Scalar& s, const std::string& base) {
  const std::string& v = std::get<std::string>(s.value);
  if (base == "hierarchyid" && is_string_type(s.type)) return hierarchyid_bytes(v);
  if (base == "hierarchyid") hierarchyid_text(v);  // refuses bytes that are not one
  return v;
}

}  // namespace

Value convert_value(const Scalar& s, const ColumnType& t) {
  if (is_null(s.value)) return null_value();
  std::string base = type_base(t);
  if (base == "sql_variant") return std::make_shared<const Variant>(Variant{s.type, s.value});
  if (one_of(base, {"tinyint", "smallint", "int", "bigint"})) return integer_of(s);
  if (base == "bit") return std::int64_t{integer_of(s) != 0 ? 1 : 0};
  if (base == "float") return std::stod(number_text(s));
  if (base == "real") return static_cast<double>(std::stof(number_text(s)));
  if (one_of(base, {"money", "smallmoney"})) return decimal_at_scale(number_text(s), 4);
  if (one_of(base, {"decimal", "numeric"})) return decimal_value(s, t);
  if (one_of(base, {"date", "time", "datetime", "smalldatetime", "datetime2", "datetimeoffset"}))
    return temporal(std::get<std::string>(s.value), t);
  if (base == "uniqueidentifier") return guid_text(std::get<std::string>(s.value));
  if (base == "xml") return xml_text(std::get<std::string>(s.value), s.type.is_unicode());
  if (!t.has_collation()) return binary_value(s, base);
  if (std::holds_alternative<std::string>(s.value)) {
    const std::string& v = std::get<std::string>(s.value);
    if (!t.is_text_family() && truncated(v, t).size() != v.size())
      throw std::runtime_error(fmt::format("String or binary data would be truncated in {} (8152)", t.sql_name));
    return v;
  }
  return number_text(s);
}

std::string catalog_definition(const std::vector<SqlToken>& expr) {
  static constexpr std::string_view k_keywords[] = {"AND", "OR", "NOT", "IS", "NULL", "NEXT", "VALUE",
                                                    "FOR", "LIKE", "IN", "AS", "BETWEEN"};
  std::string out;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    const SqlToken& t = expr[i];
    bool call = i + 1 < expr.size() && expr[i + 1].sym("(");
    bool keyword = t.kind == SqlToken::word && std::ranges::any_of(k_keywords, [&](auto k) { return t.is(k); });
    if (keyword) {
      std::string kw = t.text;
      for (char& c : kw) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += " " + kw + " ";
    } else if (t.kind == SqlToken::word && call) {
      std::string fn = t.text;  // SQL Server shows built-in functions in lower case
      for (char& c : fn) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out += fn;
    } else if (t.kind == SqlToken::word || t.kind == SqlToken::quoted) {
      out += "[" + t.text + "]";
    } else if (t.kind == SqlToken::number) {
      out += "(" + t.text + ")";
    } else if (t.kind == SqlToken::string) {
      out += t.national ? "N'" : "'";
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
