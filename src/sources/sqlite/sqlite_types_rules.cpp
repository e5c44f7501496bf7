// Declared-type rules of the SQLite mapping: each applies when the data
// fits the declared meaning, and otherwise falls back to the storage-class
// mapping with the reason saying why (docs/types-sqlite.md).
#include <fmt/format.h>

#include "sources/sqlite/sqlite_types_rules.hpp"

namespace cutover::sqlite::rules {
namespace {

int64_t non_null(const ColumnProfile& p) { return p.integers + p.reals + p.texts + p.blobs; }
bool only_texts(const ColumnProfile& p) { return p.texts == non_null(p); }
bool only_integers(const ColumnProfile& p) { return p.integers == non_null(p); }
bool ints_within(const ColumnProfile& p, int64_t lo, int64_t hi) {
  return !p.int_min || (*p.int_min >= lo && *p.int_max <= hi);
}
std::string int_range(const ColumnProfile& p) {
  return fmt::format("{}..{}", count_text(p.int_min.value_or(0)), count_text(p.int_max.value_or(0)));
}

TypeDecision iso_texts(const Evidence& e, const std::string& decl) {
  const ColumnProfile& p = e.p;
  std::string n = count_text(p.texts);
  int64_t naive = p.texts - p.texts_iso_offset;
  if (e.declared.hint == Hint::date && p.texts_iso_date_only == p.texts)
    return decide("date", ValueKind::date, Decode::iso_datetime, "sqlite.iso_date",
                  fmt::format("{}; {} texts, all ISO dates", decl, n));
  if (p.texts_iso_offset == 0 && e.declared.hint != Hint::datetime_tz) {
    std::string note = e.declared.hint == Hint::date
        ? fmt::format(" ({} have a time of day, which date would drop)", count_text(p.texts - p.texts_iso_date_only))
        : "";
    return decide("timestamp", ValueKind::timestamp, Decode::iso_datetime, "sqlite.iso_timestamp",
                  fmt::format("{}; {} ISO date-time texts, none with a zone offset{}", decl, n, note));
  }
  if (naive == 0)
    return decide("timestamptz", ValueKind::timestamptz, Decode::iso_datetime, "sqlite.iso_timestamptz",
                  fmt::format("{}; {} ISO date-time texts, all with a zone offset", decl, n));
  return decide("timestamptz", ValueKind::timestamptz, Decode::iso_datetime, "sqlite.naive_as_utc",
                fmt::format("{}; {} of {} ISO date-time texts have no zone offset and are read as UTC",
                            decl, count_text(naive), n), true);
}

TypeDecision empty_datetime(const Evidence& e, const std::string& decl) {
  std::string why = decl + "; no values";
  switch (e.declared.hint) {
    case Hint::date: return decide("date", ValueKind::date, Decode::iso_datetime, "sqlite.iso_date", why);
    case Hint::datetime_tz:
      return decide("timestamptz", ValueKind::timestamptz, Decode::iso_datetime, "sqlite.iso_timestamptz", why);
    default: return decide("timestamp", ValueKind::timestamp, Decode::iso_datetime, "sqlite.iso_timestamp", why);
  }
}

}  // namespace

TypeDecision map_boolean(const Evidence& e) {
  const ColumnProfile& p = e.p;
  std::string decl = declared_text(e.column);
  bool ints01 = ints_within(p, 0, 1);
  if (p.reals == 0 && p.blobs == 0 && ints01 && p.texts_boolean == p.texts) {
    std::string ev = p.texts == 0 ? fmt::format("{} values all 0/1", count_text(p.integers))
                                  : fmt::format("{} integers 0/1 and {} texts true/false/t/f/0/1",
                                                count_text(p.integers), count_text(p.texts));
    if (non_null(p) == 0) ev = "no values";
    return decide("boolean", ValueKind::boolean, Decode::bool01, "sqlite.bool01", fmt::format("{}; {}", decl, ev));
  }
  if (only_integers(p) && ints_within(p, INT16_MIN, INT16_MAX))
    return decide("smallint", ValueKind::int16, Decode::native, "sqlite.bool_not01",
                  fmt::format("{} but {} integers range {}; smallint", decl, count_text(p.integers), int_range(p)));
  std::string why = !ints01 ? fmt::format("but integers range {}", int_range(p))
                            : fmt::format("but holds {}", classes_text(p));
  return fallback(e, why);
}

TypeDecision map_small_int(const Evidence& e) {
  const ColumnProfile& p = e.p;
  if (only_integers(p) && ints_within(p, INT16_MIN, INT16_MAX))
    return decide("smallint", ValueKind::int16, Decode::native, "sqlite.smallint",
                  fmt::format("{}; {} integers in {} fit smallint", declared_text(e.column),
                              count_text(p.integers), int_range(p)));
  return fallback(e, only_integers(p) ? fmt::format("but integers range {}, beyond smallint", int_range(p))
                                      : fmt::format("but holds {}", classes_text(p)));
}

TypeDecision map_datetime(const Evidence& e) {
  const ColumnProfile& p = e.p;
  std::string decl = declared_text(e.column);
  if (non_null(p) == 0) return empty_datetime(e, decl);
  if (only_texts(p) && p.texts_iso_datetime == p.texts) return iso_texts(e, decl);
  if (p.texts == 0 && p.blobs == 0 && p.reals_nonfinite == 0) {
    std::string ev;
    Decode d = numeric_datetime_decode(p, ev);
    bool julian = d == Decode::julian_day;
    return decide(julian ? "timestamp" : "timestamptz", julian ? ValueKind::timestamp : ValueKind::timestamptz,
                  d, epoch_rule(d), fmt::format("{}; {}", decl, ev));
  }
  TypeDecision d = fallback(e, fmt::format(
      "but holds {} ({} ISO date-time texts): no single rule reads them all; --cast '{}.{}=timestamptz' "
      "reads the ISO texts and rejects the other rows", classes_text(p),
      count_text(p.texts_iso_datetime), e.table, e.column.name));
  d.rule = "sqlite.datetime_mixed";
  return d;
}

TypeDecision map_time(const Evidence& e) {
  const ColumnProfile& p = e.p;
  if (only_texts(p) && p.texts_time_of_day == p.texts)
    return decide("time", ValueKind::time, Decode::iso_datetime, "sqlite.time_text",
                  fmt::format("{}; {} texts, all times of day", declared_text(e.column), count_text(p.texts)));
  return fallback(e, fmt::format("but holds {} ({} times of day)", classes_text(p), count_text(p.texts_time_of_day)));
}

TypeDecision map_json(const Evidence& e) {
  const ColumnProfile& p = e.p;
  if (p.blobs == 0 && p.reals_nonfinite == 0 && p.texts_json == p.texts)
    return decide("jsonb", ValueKind::json, Decode::json_text, "sqlite.json_to_jsonb",
                  fmt::format("{}; {}, all valid JSON; jsonb keeps the values, not the formatting or key "
                              "order (--cast '{}.{}=json' keeps the text as written)",
                              declared_text(e.column), classes_text(p), e.table, e.column.name));
  return fallback(e, fmt::format("but {} of {} texts are not valid JSON", count_text(p.texts - p.texts_json),
                                 count_text(p.texts)));
}

TypeDecision map_uuid(const Evidence& e) {
  const ColumnProfile& p = e.p;
  if (p.integers == 0 && p.reals == 0 && p.texts_uuid == p.texts && p.blobs_16 == p.blobs) {
    bool text = p.texts > 0 || p.blobs == 0;
    return decide("uuid", ValueKind::uuid, text ? Decode::uuid_text : Decode::uuid_blob,
                  text ? "sqlite.uuid_text" : "sqlite.uuid_blob",
                  fmt::format("{}; {}, all UUIDs", declared_text(e.column), classes_text(p)));
  }
  return fallback(e, fmt::format("but holds {} ({} UUID texts, {} 16-byte blobs)", classes_text(p),
                                 count_text(p.texts_uuid), count_text(p.blobs_16)));
}

TypeDecision map_sized_text(const Evidence& e) {
  const ColumnProfile& p = e.p;
  int64_t n = e.declared.args.at(0);
  std::string decl = declared_text(e.column);
  if (!only_texts(p)) return fallback(e, fmt::format("but holds {}", classes_text(p)));
  if (p.max_text_bytes <= n)
    return decide(fmt::format("varchar({})", n), ValueKind::text, Decode::native, "sqlite.varchar",
                  fmt::format("{}; {} texts, the longest {} bytes{}", decl, count_text(p.texts),
                              count_text(p.max_text_bytes), nul_note(p)));
  return decide("text", ValueKind::text, Decode::native, "sqlite.varchar_overflow",
                fmt::format("{} but the longest text has {} bytes, more than {} (SQLite does not enforce "
                            "lengths); text{}", decl, count_text(p.max_text_bytes), n, nul_note(p)));
}

}  // namespace cutover::sqlite::rules
