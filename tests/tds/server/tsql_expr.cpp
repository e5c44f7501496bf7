// The expression evaluator of the script loader (tsql_expr.hpp).
#include "tsql_expr.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "spatial.hpp"
#include "tsql_text.hpp"

namespace tdstest {

namespace {

std::string now_text(int digits) {
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss clock{now - day};
  std::string out = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                clock.hours().count(), clock.minutes().count(), clock.seconds().count());
  // Whole seconds for datetime (its 1/300 s ticks need no rounding then).
  if (digits == 3) return out + ".000";
  if (digits == 7) return out + fmt::format(".{:06}0", clock.subseconds().count());
  return out;
}

// A version-4 style GUID from a counter: stable for a given script.
std::string newid(std::int64_t n) {
  auto x = static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ULL + 0x1234567;
  auto y = (x ^ (x >> 29)) * 0xBF58476D1CE4E5B9ULL;
  return fmt::format("{:08X}-{:04X}-4{:03X}-{:04X}-{:012X}", x >> 32, (x >> 16) & 0xFFFF, y & 0xFFF,
                     0x8000 | ((y >> 12) & 0x3FFF), (y >> 16) & 0xFFFFFFFFFFFFULL);
}

class Evaluator : TokenCursor {
 public:
  Evaluator(const std::vector<SqlToken>& t, EvalContext& ctx) : TokenCursor(t), ctx_(ctx) {}

  Scalar run() {
    Scalar s = expr();
    if (peek().kind != SqlToken::end) fail("unexpected text");
    return s;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const override {
    throw std::runtime_error(fmt::format("{} near '{}'", what, peek().text));
  }

  Scalar expr() {
    Scalar a = term();
    for (;;) {
      if (peek().sym("+") || peek().sym("-")) {
        std::string op = take().text;
        a = arithmetic(op, a, term());
      } else if (peek().kind == SqlToken::number && peek().text.starts_with("-")) {
        a = arithmetic("-", a, number_literal(take().text.substr(1)));  // "a -1" lexed as a number
      } else {
        return a;
      }
    }
  }

  Scalar term() {
    Scalar a = unary();
    while (peek().sym("*") || peek().sym("/") || peek().sym("%")) {
      std::string op = take().text;
      a = arithmetic(op, a, unary());
    }
    return a;
  }

  Scalar unary() {
    if (accept("-")) return negate(unary());
    if (accept("+")) return unary();
    return primary();
  }

  Scalar primary() {
    const SqlToken& t = peek();
    if (t.kind == SqlToken::number) return number_literal(take().text);
    if (t.kind == SqlToken::string) {
      std::string text = take().text;
      std::size_t n = text_length(text, t.national);
      return {string_type(t.national, n > (t.national ? 4000u : 8000u) ? k_max_length : n), Value{text}};
    }
    if (t.kind == SqlToken::binary) {
      std::string hex = take().text;
      std::string bytes;
      for (std::size_t i = 2; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      std::string type = bytes.size() > 8000 ? "max" : std::to_string(std::max<std::size_t>(1, bytes.size()));
      return {parse_type("varbinary(" + type + ")"), Value{bytes}};
    }
    if (accept("NULL")) return {parse_type("int"), null_value()};
    if (accept("(")) {
      Scalar s = expr();
      expect(")");
      return s;
    }
    if (accept("CAST")) return cast();
    if (accept("CONVERT")) return convert();
    if (accept("NEXT")) return next_value();
    if (accept("CURRENT_TIMESTAMP")) return {parse_type("datetime"), Value{now_text(3)}};
    std::string n = identifier();
    if (peek().sym(":")) return static_call(n);
    if (accept("(")) return call(n);
    return column(n);
  }

  // A type as written after AS or in CONVERT: int, [varchar](10), nvarchar(max).
  std::string type_text() {
    std::string out = identifier();
    if (!accept("(")) return out;
    out += "(";
    while (!peek().sym(")") && peek().kind != SqlToken::end) out += take().text;
    expect(")");
    return out + ")";
  }

  Scalar cast() {
    expect("(");
    Scalar v = expr();
    expect("AS");
    ColumnType to = parse_type(type_text());
    expect(")");
    return {to, convert_value(v, to)};
  }

  Scalar convert() {
    expect("(");
    ColumnType to = parse_type(type_text());
    expect(",");
    Scalar v = expr();
    if (accept(",")) expr();  // style: the canonical forms need none
    expect(")");
    return {to, convert_value(v, to)};
  }

  Scalar next_value() {
    expect("VALUE");
    expect("FOR");
    std::string schema = "dbo", seq = identifier();
    if (accept(".")) schema = std::exchange(seq, identifier());
    if (ctx_.db != nullptr)
      for (FixtureSequence& s : ctx_.db->sequences)
        if (iequals(s.schema, schema) && iequals(s.name, seq)) return {parse_type(s.type), Value{s.take()}};
    throw std::runtime_error(fmt::format("Invalid object name '{}.{}' (no such sequence)", schema, seq));
  }

  std::vector<Scalar> arguments() {
    std::vector<Scalar> out;
    if (accept(")")) return out;
    do out.push_back(expr());
    while (accept(","));
    expect(")");
    return out;
  }

  Scalar call(const std::string& fn);
  Scalar static_call(const std::string& type);
  Scalar column(const std::string& n) {
    if (ctx_.table == nullptr) fail("a column name outside a computed column");
    auto idx = ctx_.table->column_index(n);
    if (!idx) fail(fmt::format("Invalid column name '{}'", n));
    Value v = ctx_.row != nullptr ? (*ctx_.row)[*idx] : null_value();
    return {ctx_.table->columns[*idx].type, v};
  }

  EvalContext& ctx_;
};

std::string ascii_case(std::string s, bool upper) {
  for (char& c : s) c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                                : std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::int64_t integer_arg(const Scalar& s) {
  if (auto* i = std::get_if<std::int64_t>(&s.value)) return *i;
  throw std::runtime_error("an integer argument was expected");
}

Scalar string_call(const std::string& f, const std::vector<Scalar>& a) {
  const Scalar& s = a.at(0);
  if (!is_string_type(s.type)) throw std::runtime_error(fmt::format("{}() of {}", f, s.type.sql_name));
  bool unicode = s.type.is_unicode();
  const std::string* text = std::get_if<std::string>(&s.value);
  if (f == "len") {
    if (!text) return {parse_type("int"), null_value()};
    std::string trimmed = text->substr(0, text->find_last_not_of(' ') + 1);
    return {parse_type("int"), Value{static_cast<std::int64_t>(text_length(trimmed, unicode))}};
  }
  if (f == "upper" || f == "lower") return {s.type, text ? Value{ascii_case(*text, f == "upper")} : null_value()};
  if (f == "left") return {s.type, text ? Value{left_chars(*text, integer_arg(a.at(1)), unicode)} : null_value()};
  // replicate: (max) input gives (max); otherwise at most 8000 bytes.
  ColumnType t = s.type.length == k_max_length ? s.type : string_type(unicode, 8000);
  if (!text) return {t, null_value()};
  std::string out;
  for (std::int64_t k = integer_arg(a.at(1)); k > 0; --k) out += *text;
  return {t, Value{truncated(std::move(out), t)}};
}

// geometry::STGeomFromText('WKT', srid), geography::STGeomFromText(...),
// geometry::Point(x, y, srid), geography::Point(latitude, longitude, srid).
Scalar Evaluator::static_call(const std::string& type_name) {
  expect(":");
  expect(":");
  std::string type = ascii_case(type_name, false), method = ascii_case(identifier(), false);
  expect("(");
  std::vector<Scalar> a = arguments();
  bool geography = type == "geography";
  if ((!geography && type != "geometry") || a.size() != (method == "point" ? 3u : 2u))
    fail(fmt::format("the test server does not know {}::{}", type_name, method));
  auto number = [&](std::size_t i) { return std::stod(value_text(a[i].value)); };
  std::int32_t srid = static_cast<std::int32_t>(integer_arg(a.back()));
  Spatial s;
  if (method == "point") {
    std::pair<double, double> p = geography ? std::pair{number(1), number(0)} : std::pair{number(0), number(1)};
    s = Spatial{1, {{p}}, srid, geography};
  } else if (method == "stgeomfromtext") {
    s = spatial_from_wkt(value_text(a[0].value), srid, geography);
  } else {
    fail(fmt::format("the test server does not know {}::{}", type_name, method));
  }
  return {parse_type(type), Value{clr_bytes(s)}};
}

Scalar Evaluator::call(const std::string& name) {
  std::string f = ascii_case(name, false);
  std::vector<Scalar> a = arguments();
  if (f == "getdate" || f == "getutcdate") return {parse_type("datetime"), Value{now_text(3)}};
  if (f == "sysdatetime" || f == "sysutcdatetime") return {parse_type("datetime2(7)"), Value{now_text(7)}};
  if (f == "sysdatetimeoffset") return {parse_type("datetimeoffset(7)"), Value{now_text(7) + " +00:00"}};
  if (f == "newid" || f == "newsequentialid") {
    std::int64_t n = ctx_.newid_counter != nullptr ? (*ctx_.newid_counter)++ : 0;
    return {parse_type("uniqueidentifier"), Value{newid(n)}};
  }
  if (f == "len" || f == "upper" || f == "lower" || f == "left" || f == "replicate") return string_call(f, a);
  if ((f == "isnull" && a.size() == 2) || (f == "coalesce" && !a.empty())) {
    // The first argument's type; the first value that is not NULL.
    for (const Scalar& s : a)
      if (!is_null(s.value)) return {a[0].type, convert_value(s, a[0].type)};
    return {a[0].type, null_value()};
  }
  throw std::runtime_error(fmt::format("the script loader does not know the function {}()", name));
}

}  // namespace

Scalar eval_expression(const std::vector<SqlToken>& tokens, EvalContext& ctx) { return Evaluator(tokens, ctx).run(); }

}  // namespace tdstest
