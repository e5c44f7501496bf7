#include "core/catalog.hpp"

#include <algorithm>

namespace cutover {

const Column* Table::find_column(std::string_view column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const Table* Catalog::find_table(std::string_view schema, std::string_view name) const {
  for (const auto& t : tables)
    if (t.name == name && (schema.empty() || t.schema == schema)) return &t;
  return nullptr;
}

namespace {
template <class T>
void widen(std::optional<T>& lo, std::optional<T>& hi, const std::optional<T>& flo, const std::optional<T>& fhi) {
  if (flo && (!lo || *flo < *lo)) lo = flo;
  if (fhi && (!hi || *fhi > *hi)) hi = fhi;
}
}  // namespace

void merge_profile(ColumnProfile& into, const ColumnProfile& from) {
  int64_t int_digits = std::max(into.max_decimal_precision - into.max_decimal_scale,
                                from.max_decimal_precision - from.max_decimal_scale);
  for (auto field : {&ColumnProfile::rows, &ColumnProfile::nulls, &ColumnProfile::integers,
                     &ColumnProfile::reals, &ColumnProfile::texts, &ColumnProfile::blobs,
                     &ColumnProfile::reals_nonfinite, &ColumnProfile::reals_integral,
                     &ColumnProfile::texts_json, &ColumnProfile::texts_iso_datetime,
                     &ColumnProfile::texts_iso_offset, &ColumnProfile::texts_iso_date_only,
                     &ColumnProfile::texts_uuid, &ColumnProfile::texts_numeric,
                     &ColumnProfile::texts_with_nul, &ColumnProfile::texts_boolean,
                     &ColumnProfile::texts_time_of_day, &ColumnProfile::blobs_16,
                     &ColumnProfile::invalid_dates})
    into.*field += from.*field;
  widen(into.int_min, into.int_max, from.int_min, from.int_max);
  widen(into.real_min, into.real_max, from.real_min, from.real_max);
  into.max_text_bytes = std::max(into.max_text_bytes, from.max_text_bytes);
  into.max_decimal_scale = std::max(into.max_decimal_scale, from.max_decimal_scale);
  into.max_decimal_precision = int_digits + into.max_decimal_scale;
}

}  // namespace cutover
