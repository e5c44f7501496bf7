// The storage-class fallback of the SQLite type mapping and the helpers the
// rules share (see sqlite_types_rules.hpp).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_types_rules.hpp"

namespace cutover::sqlite::rules {
namespace {

// Julian days of 0000-01-01 and 9999-12-31 (sqlite.org/lang_datefunc.html):
// reals in this range in a date/time column are read as Julian days.
constexpr double k_julian_min = 1721059.5;
constexpr double k_julian_max = 5373484.5;

int64_t magnitude(int64_t v) { return v == INT64_MIN ? INT64_MAX : std::llabs(v); }

TypeDecision by_affinity(const Evidence& e) {
  std::string why = fmt::format("{}; no values, SQLite affinity {}", declared_text(e.column),
                                to_string(e.declared.affinity));
  switch (e.declared.affinity) {
    case Affinity::integer: return decide("bigint", ValueKind::int64, Decode::native, "sqlite.integer", why);
    case Affinity::real:
      return decide("double precision", ValueKind::float64, Decode::native, "sqlite.real", why);
    case Affinity::text: return decide("text", ValueKind::text, Decode::native, "sqlite.text", why);
    case Affinity::numeric:
      return decide("numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.numeric", why);
    case Affinity::blob: break;
  }
  if (e.column.declared_type.empty())
    return decide("text", ValueKind::text, Decode::text_any, "sqlite.untyped_empty",
                  "no declared type and no values; text");
  return decide("bytea", ValueKind::bytes, Decode::native, "sqlite.blob", why);
}

// Integers and reals only.
TypeDecision numbers(const Evidence& e, const std::string& decl) {
  const ColumnProfile& p = e.p;
  if (p.reals == 0)
    return decide("bigint", ValueKind::int64, Decode::native, "sqlite.integer",
                  fmt::format("{}; {} integers in {}..{}", decl, count_text(p.integers),
                              count_text(*p.int_min), count_text(*p.int_max)));
  if (p.integers == 0)
    return decide("double precision", ValueKind::float64, Decode::native, "sqlite.real",
                  fmt::format("{}; {}", decl, classes_text(p)));
  std::string classes = classes_text(p);
  if (e.declared.affinity == Affinity::integer && p.reals_nonfinite == 0)
    return decide("numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.widen_mixed",
                  fmt::format("{}; {}: numeric holds both exactly (reals by their shortest "
                              "round-trip text)", decl, classes), true);
  if (ints_exact_in_double(p))
    return decide("double precision", ValueKind::float64, Decode::native, "sqlite.real",
                  fmt::format("{}; {}: integers are below 2^53, exact in double precision", decl, classes));
  if (p.reals_nonfinite == 0)
    return decide("numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.widen_mixed",
                  fmt::format("{}; {}: integers beyond 2^53 do not fit double precision exactly; "
                              "numeric holds both", decl, classes), true);
  return decide("text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed",
                fmt::format("{}; {}: integers beyond 2^53 and NaN/Infinity reals fit neither double "
                            "precision nor numeric; text", decl, classes), true);
}

}  // namespace

std::string nul_note(const ColumnProfile& p) {
  if (p.texts_with_nul == 0) return {};
  return fmt::format("; {} texts contain NUL bytes (handled by --nul-policy)", count_text(p.texts_with_nul));
}

bool ints_exact_in_double(const ColumnProfile& p) {
  return !p.int_min || (magnitude(*p.int_min) < k_max_exact_double_int &&
                        magnitude(*p.int_max) < k_max_exact_double_int);
}

std::string count_text(int64_t n) {
  uint64_t u = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string digits = std::to_string(u);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string declared_text(const Column& column) {
  if (column.declared_type.empty()) return "no declared type";
  return "declared " + column.declared_type;
}

std::string classes_text(const ColumnProfile& p) {
  std::string out;
  auto add = [&](int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", count_text(n), n == 1 ? one : many);
  };
  add(p.integers, "integer", "integers");
  add(p.reals, "real", "reals");
  add(p.texts, "text", "texts");
  add(p.blobs, "blob", "blobs");
  return out.empty() ? "no values" : out;
}

TypeDecision decide(std::string target, ValueKind kind, Decode decode, std::string rule,
                    std::string reason, bool lossy) {
  return TypeDecision{std::move(target), kind, decode, std::move(rule), std::move(reason), lossy};
}

TypeDecision by_storage(const Evidence& e) {
  const ColumnProfile& p = e.p;
  std::string decl = declared_text(e.column);
  if (e.declared.hint == Hint::none && e.declared.affinity == Affinity::numeric)
    decl = fmt::format("unknown declared type {} (SQLite affinity NUMERIC)", e.column.declared_type);
  int64_t n = p.integers + p.reals + p.texts + p.blobs;
  if (n == 0) return by_affinity(e);
  if (p.blobs == n)
    return decide("bytea", ValueKind::bytes, Decode::native, "sqlite.blob", fmt::format("{}; {}", decl, classes_text(p)));
  if (p.blobs > 0)
    return decide("bytea", ValueKind::bytes, Decode::bytes_any, "sqlite.widen_mixed",
                  fmt::format("{}; {}: bytea holds every value (texts as their UTF-8 bytes, numbers "
                              "as their text)", decl, classes_text(p)), true);
  if (p.texts == n)
    return decide("text", ValueKind::text, Decode::native, "sqlite.text",
                  fmt::format("{}; {}{}", decl, classes_text(p), nul_note(p)));
  if (p.texts > 0)
    return decide("text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed",
                  fmt::format("{}; {}: text holds every value (numbers as their text){}", decl,
                              classes_text(p), nul_note(p)), true);
  return numbers(e, decl);
}

TypeDecision fallback(const Evidence& e, const std::string& why) {
  TypeDecision d = by_storage(e);
  std::string decl = declared_text(e.column);
  if (d.reason.starts_with(decl))
    d.reason.insert(decl.size(), " " + why);
  else
    d.reason = fmt::format("{} {}; {}", decl, why, d.reason);
  return d;
}

Decode numeric_datetime_decode(const ColumnProfile& p, std::string& evidence) {
  double lo = p.real_min.value_or(k_julian_max), hi = p.real_max.value_or(k_julian_min);
  if (p.int_min) lo = std::min(lo, static_cast<double>(*p.int_min));
  if (p.int_max) hi = std::max(hi, static_cast<double>(*p.int_max));
  if (p.reals > 0 && lo >= k_julian_min && hi <= k_julian_max) {
    evidence = fmt::format("numbers in {}..{} read as Julian days", lo, hi);
    return Decode::julian_day;
  }
  int64_t max_abs = 0;
  if (p.int_min) max_abs = std::max(magnitude(*p.int_min), magnitude(*p.int_max));
  if (p.real_min) {
    // Clamp before converting: a double past ±9.2e18 has no int64 value.
    double real_abs = std::fmin(std::fmax(std::fabs(*p.real_min), std::fabs(*p.real_max)), 9.0e18);
    max_abs = std::max<int64_t>(max_abs, static_cast<int64_t>(real_abs));
  }
  EpochUnit unit = epoch_unit_for(max_abs);
  const char* unit_name = unit == EpochUnit::seconds ? "seconds" : unit == EpochUnit::millis ? "milliseconds" : "microseconds";
  std::string range = p.int_min ? fmt::format("{}..{}", count_text(*p.int_min), count_text(*p.int_max))
                                : fmt::format("{}..{}", *p.real_min, *p.real_max);
  evidence = fmt::format("numbers in {} read as Unix {}", range, unit_name);
  return unit == EpochUnit::seconds ? Decode::epoch_s : unit == EpochUnit::millis ? Decode::epoch_ms : Decode::epoch_us;
}

const char* epoch_rule(Decode d) {
  switch (d) {
    case Decode::epoch_s: return "sqlite.epoch_seconds";
    case Decode::epoch_ms: return "sqlite.epoch_millis";
    case Decode::epoch_us: return "sqlite.epoch_micros";
    case Decode::julian_day: return "sqlite.julian_day";
    default: return "sqlite.datetime";
  }
}

}  // namespace cutover::sqlite::rules
