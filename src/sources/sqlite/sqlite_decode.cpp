#include "sources/sqlite/sqlite_decode.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"
#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite {

namespace {

constexpr double k_two_63 = 9223372036854775808.0;

const char* class_name(int type) {
  switch (type) {
    case SQLITE_INTEGER: return "integer";
    case SQLITE_FLOAT: return "real";
    case SQLITE_TEXT: return "text";
    default: return "blob";
  }
}

// numeric(p,s), varchar(n): the numbers in the target type's parentheses.
std::vector<int64_t> typmods(std::string_view type) {
  std::vector<int64_t> out;
  size_t open = type.find('(');
  if (open == std::string_view::npos) return out;
  const char* p = type.data() + open + 1;
  const char* end = type.data() + type.size();
  while (p < end) {
    int64_t v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec == std::errc()) out.push_back(v);
    p = ec == std::errc() ? next : p;
    while (p < end && !std::isdigit(static_cast<unsigned char>(*p))) ++p;
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

template <class T>
bool parse_whole(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

const char* rule_name(Fired f) {
  static constexpr const char* k_names[] = {
      "sqlite.naive_as_utc",   "sqlite.offset_to_utc", "sqlite.decimal_from_real",
      "sqlite.number_as_text", "sqlite.blob_as_text",  "sqlite.text_as_bytes",
      "sqlite.number_as_bytes", "sqlite.integral_real", "sqlite.numeric_text",
      "nul_in_text.strip",     "nul_in_text.replace"};
  static_assert(std::size(k_names) == static_cast<size_t>(Fired::count));
  return k_names[static_cast<size_t>(f)];
}

std::string real_as_text(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  std::string s = decimal_from_double(v);
  if (v == std::trunc(v)) s += ".0";
  if (std::signbit(v) && s[0] != '-') s.insert(s.begin(), '-');  // -0.0 keeps its sign
  return s;
}

std::string_view shortest_decimal(double v, std::string& scratch) {
  if (short_decimal_from_double(v, scratch)) return scratch;
  scratch.clear();
  fmt::format_to(std::back_inserter(scratch), "{}", v);
  if (scratch.find_first_of("eE") != std::string::npos)
    scratch = decimal_from_double(v);
  else if (scratch == "-0")
    scratch = "0";
  return scratch;
}

ColumnDecoder::ColumnDecoder(const ColumnPlan& plan)
    : source_name_(plan.source_name), target_type_(plan.type.target_type), kind_(plan.type.kind),
      decode_(plan.type.decode) {
  auto mods = typmods(target_type_);
  bool sized_text = starts_with_ci(target_type_, "varchar") || starts_with_ci(target_type_, "char") ||
                    starts_with_ci(target_type_, "character");
  if (kind_ == ValueKind::text && sized_text && mods.size() == 1) max_chars_ = mods[0];
  if (kind_ == ValueKind::decimal && !mods.empty()) {
    precision_ = static_cast<int>(mods[0]);
    scale_ = mods.size() > 1 ? static_cast<int>(mods[1]) : 0;
  }
  jsonb_ = starts_with_ci(target_type_, "jsonb");
}

Stored read_stored(sqlite3_stmt* stmt, int i) {
  sqlite3_value* value = sqlite3_column_value(stmt, i);
  Stored v;
  v.type = sqlite3_value_type(value);
  switch (v.type) {
    case SQLITE_NULL: break;
    case SQLITE_INTEGER: v.i = sqlite3_value_int64(value); break;
    case SQLITE_FLOAT: v.f = sqlite3_value_double(value); break;
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_value_text(value));
      v.bytes = {p ? p : "", static_cast<size_t>(sqlite3_value_bytes(value))};
      break;
    }
    default: {
      const char* p = static_cast<const char*>(sqlite3_value_blob(value));
      v.bytes = {p ? p : "", static_cast<size_t>(sqlite3_value_bytes(value))};
    }
  }
  return v;
}

bool ColumnDecoder::decode(sqlite3_stmt* stmt, int i, RowBatch& batch, DecodeContext& ctx) const {
  Stored v = read_stored(stmt, i);
  if (v.type == SQLITE_NULL) {
    batch.put_null();
    return true;
  }
  switch (kind_) {
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64: return integer(v, batch, ctx);
    case ValueKind::float32:
    case ValueKind::float64: return floating(v, batch, ctx);
    case ValueKind::decimal: return decimal(v, batch, ctx);
    case ValueKind::text:
    case ValueKind::enum_label: return text(v, batch, ctx);
    case ValueKind::bytes: return bytes(v, batch, ctx);
    case ValueKind::boolean: return boolean(v, batch, ctx);
    case ValueKind::uuid: return uuid(v, batch, ctx);
    case ValueKind::json: return json(v, batch, ctx);
    case ValueKind::date:
    case ValueKind::timestamp:
    case ValueKind::timestamptz: return datetime(v, batch, ctx);
    case ValueKind::time: return time_of_day(v, batch, ctx);
    default:
      return refuse(v, ctx, "unsupported_kind",
                    fmt::format("the SQLite reader cannot produce {} values", to_string(kind_)));
  }
}

std::string ColumnDecoder::cast_hint(const DecodeContext& ctx, std::string_view type) const {
  return fmt::format("--cast '{}.{}={}'", ctx.table, source_name_, type);
}

bool ColumnDecoder::refuse(const Stored& v, DecodeContext& ctx, std::string rule, std::string reason) const {
  ctx.reject.rule = std::move(rule);
  ctx.reject.reason = std::move(reason);
  switch (v.type) {
    case SQLITE_INTEGER: ctx.reject.value = std::to_string(v.i); break;
    case SQLITE_FLOAT: ctx.reject.value = real_as_text(v.f); break;
    default: ctx.reject.value = display_value(v.bytes);
  }
  return false;
}

bool ColumnDecoder::integer(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  int64_t x = v.i;
  if (v.type == SQLITE_FLOAT) {
    if (!(std::isfinite(v.f) && v.f == std::trunc(v.f) && v.f >= -k_two_63 && v.f < k_two_63))
      return refuse(v, ctx, "not_integer", fmt::format("real value in {} column; {} keeps it", target_type_,
                                                        cast_hint(ctx, "double precision")));
    x = static_cast<int64_t>(v.f);
    ctx.fire(Fired::integral_real);
  } else if (v.type == SQLITE_TEXT && parse_whole(v.bytes, x)) {
    ctx.fire(Fired::numeric_text);
  } else if (v.type != SQLITE_INTEGER) {
    return refuse(v, ctx, "not_integer", fmt::format("{} value in {} column; {} keeps it", class_name(v.type),
                                                      target_type_, cast_hint(ctx, "text")));
  }
  int64_t lo = kind_ == ValueKind::int16 ? INT16_MIN : kind_ == ValueKind::int32 ? INT32_MIN : INT64_MIN;
  int64_t hi = kind_ == ValueKind::int16 ? INT16_MAX : kind_ == ValueKind::int32 ? INT32_MAX : INT64_MAX;
  if (x < lo || x > hi)
    return refuse(v, ctx, "out_of_range", fmt::format("{} does not fit {}; {} keeps it", x, target_type_,
                                                       cast_hint(ctx, "bigint")));
  if (kind_ == ValueKind::int16) b.put_int16(static_cast<int16_t>(x));
  else if (kind_ == ValueKind::int32) b.put_int32(static_cast<int32_t>(x));
  else b.put_int64(x);
  return true;
}

bool ColumnDecoder::floating(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  double x = v.f;
  if (v.type == SQLITE_INTEGER) {
    if (v.i > k_max_exact_double_int || v.i < -k_max_exact_double_int)
      return refuse(v, ctx, "out_of_range", fmt::format("integer beyond 2^53 is not exact in {}; {} keeps it",
                                                         target_type_, cast_hint(ctx, "numeric")));
    x = static_cast<double>(v.i);
  } else if (v.type == SQLITE_TEXT && parse_whole(v.bytes, x)) {
    ctx.fire(Fired::numeric_text);
  } else if (v.type != SQLITE_FLOAT) {
    return refuse(v, ctx, "not_number", fmt::format("{} value in {} column; {} keeps it", class_name(v.type),
                                                     target_type_, cast_hint(ctx, "text")));
  }
  if (kind_ == ValueKind::float64) {
    b.put_float64(x);
    return true;
  }
  if (std::isfinite(x) && std::fabs(x) > std::numeric_limits<float>::max())
    return refuse(v, ctx, "out_of_range", fmt::format("does not fit real; {} keeps it", cast_hint(ctx, "double precision")));
  b.put_float32(static_cast<float>(x));
  return true;
}

bool ColumnDecoder::decimal(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  std::string& digits = ctx.scratch;
  if (v.type == SQLITE_INTEGER) {
    digits = std::to_string(v.i);
  } else if (v.type == SQLITE_FLOAT && std::isnan(v.f)) {
    digits = "NaN";
  } else if (v.type == SQLITE_FLOAT && std::isfinite(v.f)) {
    shortest_decimal(v.f, digits);
    ctx.fire(Fired::decimal_from_real);
  } else if (auto n = v.type == SQLITE_TEXT ? normalize_decimal(v.bytes) : std::nullopt) {
    digits = *n;
    ctx.fire(Fired::numeric_text);
  } else {
    std::string what = v.type == SQLITE_FLOAT ? "Infinity" : fmt::format("{} value", class_name(v.type));
    return refuse(v, ctx, "not_number", fmt::format("{} is not a number {} can hold; {} keeps it", what,
                                                     target_type_, cast_hint(ctx, "text")));
  }
  if (precision_ && digits != "NaN") {
    // "1.50" fits numeric(10,1) exactly: trailing fractional zeros need no scale.
    std::string_view significant = digits;
    if (significant.find('.') != std::string_view::npos) {
      while (significant.back() == '0') significant.remove_suffix(1);
      if (significant.back() == '.') significant.remove_suffix(1);
    }
    DecimalShape s = decimal_shape(significant);
    if (s.scale > *scale_ || s.integer_digits > *precision_ - *scale_)
      return refuse(v, ctx, "out_of_range", fmt::format("needs {} integer digits and {} decimal places, more "
                                                         "than {} allows; {} keeps it", s.integer_digits, s.scale,
                                                         target_type_, cast_hint(ctx, "numeric")));
  }
  b.put_decimal(digits);
  return true;
}

}  // namespace cutover::sqlite
