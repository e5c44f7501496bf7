// DECIMAL / NUMERIC / MONEY columns (docs/types-sqlite.md, "Decimals").
// SQLite does not enforce (p,s): NUMERIC affinity stores integers, reals
// and non-numeric texts. numeric(p,s) is kept only when every value fits
// it exactly; reals are converted through their shortest round-trip text.
#include <fmt/format.h>

#include "sources/sqlite/sqlite_types_rules.hpp"

namespace cutover::sqlite::rules {

TypeDecision map_decimal(const Evidence& e) {
  const ColumnProfile& p = e.p;
  std::string decl = declared_text(e.column);
  int64_t non_numeric = p.texts - p.texts_numeric;
  if (p.blobs > 0 || non_numeric > 0)
    return fallback(e, fmt::format("but holds {} ({} texts are not numbers)", classes_text(p),
                                   count_text(non_numeric)));
  if (p.reals_nonfinite > 0) {
    std::string why = fmt::format("; {} reals are NaN or Infinity, which numeric(p,s) cannot hold", count_text(p.reals_nonfinite));
    if (p.texts == 0 && ints_exact_in_double(p))
      return decide("double precision", ValueKind::float64, Decode::native, "sqlite.decimal_nonfinite",
                    fmt::format("{}{}; double precision keeps them", decl, why), true);
    return decide("text", ValueKind::text, Decode::text_any, "sqlite.decimal_nonfinite",
                  fmt::format("{}{}; text", decl, why), true);
  }
  bool from_real = p.reals > 0;
  std::string rule = from_real ? "sqlite.decimal_from_real" : "sqlite.decimal";
  std::string real_note = from_real
      ? fmt::format("; {} reals converted by their shortest round-trip text", count_text(p.reals))
      : "";
  std::string values = classes_text(p);
  if (e.declared.args.empty())
    return decide("numeric", ValueKind::decimal, Decode::decimal_any, rule,
                  fmt::format("{}; {}{}", decl, values, real_note), from_real);
  int64_t precision = e.declared.args[0];
  int64_t scale = e.declared.args.size() > 1 ? e.declared.args[1] : 0;
  int64_t int_digits = p.max_decimal_precision - p.max_decimal_scale;
  if (p.max_decimal_scale <= scale && int_digits <= precision - scale && scale >= 0 && precision > 0)
    return decide(fmt::format("numeric({},{})", precision, scale), ValueKind::decimal, Decode::decimal_any,
                  rule, fmt::format("{}; {}, all fit{}", decl, values, real_note), from_real);
  return decide("numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.decimal_widen",
                fmt::format("{} but values need up to {} integer digits and {} decimal places (SQLite does "
                            "not enforce precision); numeric without limits holds them{}",
                            decl, int_digits, p.max_decimal_scale, real_note), from_real);
}

}  // namespace cutover::sqlite::rules
