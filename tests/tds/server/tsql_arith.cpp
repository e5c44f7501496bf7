// Arithmetic of script expressions with SQL Server's result types
// (tsql_expr.hpp): integers stay int (bigint when either side is), decimals
// take the precision and scale of the "Precision, scale, and length" rules,
// money stays money, floats win over everything.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "tsql_expr.hpp"
#include "tsql_text.hpp"

namespace tdstest {

namespace {

__extension__ typedef __int128 Int128;

// An exact number: m / 10^scale.
struct Fixed {
  Int128 m = 0;
  int scale = 0;
};

Int128 pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

Fixed parse_fixed(std::string_view s) {
  Fixed f;
  bool negative = !s.empty() && s.front() == '-';
  if (negative || (!s.empty() && s.front() == '+')) s.remove_prefix(1);
  bool dot = false, any = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      f.m = f.m * 10 + (c - '0');
      f.scale += dot ? 1 : 0;
      any = true;
    } else {
      throw std::runtime_error(fmt::format("'{}' is not a number", s));
    }
  }
  if (!any) throw std::runtime_error(fmt::format("'{}' is not a number", s));
  if (negative) f.m = -f.m;
  return f;
}

std::string fixed_text(const Fixed& f) {
  Int128 a = f.m < 0 ? -f.m : f.m;
  std::string digits;  // least significant first
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(a % 10)));
    a /= 10;
  } while (a != 0);
  while (static_cast<int>(digits.size()) <= f.scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  auto whole = digits.size() - static_cast<std::size_t>(f.scale);
  std::string out = f.m < 0 ? "-" : "";
  out.append(digits, 0, whole);
  if (f.scale > 0) out.append(".").append(digits, whole, std::string::npos);
  return out;
}

// To `scale` digits: more by multiplying, fewer rounded half away from zero.
Fixed rescale(Fixed f, int scale) {
  if (scale >= f.scale) return {f.m * pow10(scale - f.scale), scale};
  Int128 d = pow10(f.scale - scale);
  Int128 q = f.m / d, r = f.m % d;
  if (2 * (r < 0 ? -r : r) >= d) q += f.m < 0 ? -1 : 1;
  return {q, scale};
}

enum class Num { integer, exact, money, floating, none };

Num kind(const ColumnType& t) {
  std::string b = type_base(t);
  if (b == "tinyint" || b == "smallint" || b == "int" || b == "bigint" || b == "bit") return Num::integer;
  if (b == "decimal" || b == "numeric") return Num::exact;
  if (b == "money" || b == "smallmoney") return Num::money;
  if (b == "real" || b == "float") return Num::floating;
  return Num::none;
}

// Precision and scale of a number type as a decimal operand.
std::pair<int, int> decimal_of(const ColumnType& t) {
  std::string b = type_base(t);
  if (b == "decimal" || b == "numeric") return {t.precision, t.scale};
  if (b == "money") return {19, 4};
  if (b == "smallmoney") return {10, 4};
  if (b == "bigint") return {19, 0};
  if (b == "int") return {10, 0};
  if (b == "smallint") return {5, 0};
  return {3, 0};
}

Fixed fixed_of(const Scalar& s) {
  if (auto* i = std::get_if<std::int64_t>(&s.value)) return {*i, 0};
  return parse_fixed(std::get<std::string>(s.value));
}

double double_of(const Scalar& s) {
  if (auto* i = std::get_if<std::int64_t>(&s.value)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&s.value)) return *d;
  return std::stod(std::get<std::string>(s.value));
}

// Result precision and scale of a decimal operation, capped at 38 digits
// (the scale gives way first, keeping at least 6 digits for * and /).
std::pair<int, int> result_decimal(const std::string& op, std::pair<int, int> a, std::pair<int, int> b) {
  auto [p1, s1] = a;
  auto [p2, s2] = b;
  int p = 0, s = 0;
  if (op == "*") {
    p = p1 + p2 + 1, s = s1 + s2;
  } else if (op == "/") {
    s = std::max(6, s1 + p2 + 1), p = p1 - s1 + s2 + s;
  } else {
    s = std::max(s1, s2), p = std::max(p1 - s1, p2 - s2) + s + 1;
  }
  if (p <= 38) return {p, s};
  int whole = p - s;
  s = op == "*" || op == "/" ? std::min(s, std::max(38 - whole, 6)) : std::min(s, std::max(38 - whole, 0));
  return {38, s};
}

Fixed exact(const std::string& op, Fixed x, Fixed y, int scale) {
  if (op == "*") return rescale({x.m * y.m, x.scale + y.scale}, scale);
  if (op == "/" || op == "%") {
    if (y.m == 0) throw std::runtime_error("Divide by zero error encountered.");
    int common = std::max(x.scale, y.scale);
    x = rescale(x, common), y = rescale(y, common);
    if (op == "%") return rescale({x.m % y.m, common}, scale);
    return rescale({x.m * pow10(scale + 1) / y.m, scale + 1}, scale);
  }
  int common = std::max(x.scale, y.scale);
  x = rescale(x, common), y = rescale(y, common);
  return rescale({op == "+" ? x.m + y.m : x.m - y.m, common}, scale);
}

std::int64_t integer_op(const std::string& op, std::int64_t x, std::int64_t y) {
  if ((op == "/" || op == "%") && y == 0) throw std::runtime_error("Divide by zero error encountered.");
  if (op == "+") return x + y;
  if (op == "-") return x - y;
  if (op == "*") return x * y;
  if (op == "/") return x / y;
  return x % y;
}

double float_op(const std::string& op, double x, double y) {
  if (op == "+") return x + y;
  if (op == "-") return x - y;
  if (op == "*") return x * y;
  if (op == "/") return x / y;
  throw std::runtime_error("% of float values");
}

Scalar numeric(const std::string& op, const Scalar& a, const Scalar& b) {
  Num ka = kind(a.type), kb = kind(b.type);
  bool null = is_null(a.value) || is_null(b.value);
  if (ka == Num::floating || kb == Num::floating)
    return {parse_type("float"), null ? null_value() : Value{float_op(op, double_of(a), double_of(b))}};
  if (ka == Num::integer && kb == Num::integer) {
    bool big = type_base(a.type) == "bigint" || type_base(b.type) == "bigint";
    if (null) return {parse_type(big ? "bigint" : "int"), null_value()};
    return {parse_type(big ? "bigint" : "int"),
            Value{integer_op(op, std::get<std::int64_t>(a.value), std::get<std::int64_t>(b.value))}};
  }
  int scale = 4;
  ColumnType t = parse_type("money");
  if (ka == Num::exact || kb == Num::exact) {
    auto [p, s] = result_decimal(op, decimal_of(a.type), decimal_of(b.type));
    t = parse_type(fmt::format("decimal({},{})", p, s));
    scale = s;
  }
  if (null) return {t, null_value()};
  return {t, Value{fixed_text(exact(op, fixed_of(a), fixed_of(b), scale))}};
}

Scalar concat(const Scalar& a, const Scalar& b) {
  if (!is_string_type(a.type) || !is_string_type(b.type))
    throw std::runtime_error("+ of a string and a non-string: CAST one side first");
  bool unicode = a.type.is_unicode() || b.type.is_unicode();
  bool max = a.type.length == k_max_length || b.type.length == k_max_length;
  std::size_t length = string_length(a.type) + string_length(b.type);
  ColumnType t = string_type(unicode, max ? k_max_length : length);
  if (is_null(a.value) || is_null(b.value)) return {t, null_value()};
  return {t, Value{truncated(std::get<std::string>(a.value) + std::get<std::string>(b.value), t)}};
}

}  // namespace

Scalar arithmetic(const std::string& op, const Scalar& a, const Scalar& b) {
  if (op == "+" && (is_string_type(a.type) || is_string_type(b.type))) return concat(a, b);
  if (kind(a.type) == Num::none || kind(b.type) == Num::none)
    throw std::runtime_error(fmt::format("{} of {} and {}", op, a.type.sql_name, b.type.sql_name));
  return numeric(op, a, b);
}

Scalar negate(const Scalar& a) {
  if (is_null(a.value)) return a;
  switch (kind(a.type)) {
    case Num::integer: return {a.type, Value{-std::get<std::int64_t>(a.value)}};
    case Num::floating: return {a.type, Value{-std::get<double>(a.value)}};
    case Num::none: throw std::runtime_error("- of " + a.type.sql_name);
    default: {
      Fixed f = parse_fixed(std::get<std::string>(a.value));
      f.m = -f.m;
      return {a.type, Value{fixed_text(f)}};
    }
  }
}

Scalar number_literal(const std::string& text) {
  Fixed f = parse_fixed(text);
  if (f.scale == 0 && f.m >= -2147483648LL && f.m <= 2147483647LL)
    return {parse_type("int"), Value{static_cast<std::int64_t>(f.m)}};
  int whole_digits = 0;
  for (Int128 w = (f.m < 0 ? -f.m : f.m) / pow10(f.scale); w != 0; w /= 10) ++whole_digits;
  int p = std::max(1, whole_digits + f.scale);
  return {parse_type(fmt::format("numeric({},{})", std::min(p, 38), f.scale)), Value{fixed_text(f)}};
}

std::string decimal_at_scale(const std::string& number, int scale) {
  return fixed_text(rescale(parse_fixed(number), scale));
}

}  // namespace tdstest
