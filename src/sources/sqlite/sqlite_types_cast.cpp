// User casts (--cast, plan file): the target type is the user's; the decode
// annotation is chosen from the target kind and the column's profile.
#include <fmt/format.h>

#include <cctype>

#include "sources/sqlite/sqlite_types_rules.hpp"

namespace cutover::sqlite {
namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Date/time targets: numbers only -> epoch or Julian day by magnitude,
// otherwise ISO-8601 texts.
Decode datetime_decode(const ColumnProfile* p, std::string& note) {
  if (p == nullptr || p->texts > 0 || p->blobs > 0 || p->integers + p->reals == 0)
    return Decode::iso_datetime;
  std::string ev;
  Decode d = rules::numeric_datetime_decode(*p, ev);
  note = "; " + ev;
  return d;
}

Decode decode_for(ValueKind kind, const ColumnProfile* p, std::string& note) {
  switch (kind) {
    case ValueKind::boolean: return Decode::bool01;
    case ValueKind::timestamptz:
    case ValueKind::timestamp:
    case ValueKind::date: return datetime_decode(p, note);
    case ValueKind::time: return Decode::iso_datetime;
    case ValueKind::json: return Decode::json_text;
    case ValueKind::uuid:
      return p != nullptr && p->blobs > 0 && p->texts == 0 ? Decode::uuid_blob : Decode::uuid_text;
    case ValueKind::decimal: return Decode::decimal_any;
    case ValueKind::text: return Decode::text_any;
    case ValueKind::bytes: return Decode::bytes_any;
    default: return Decode::native;
  }
}

}  // namespace

TypeDecision map_cast(const Column& column, const ColumnProfile* profile, const CastRule& cast) {
  (void)column;
  TypeDecision d;
  d.target_type = trimmed(cast.target_type);
  d.rule = "cast";
  d.reason = fmt::format("cast rule '{}'", cast.text.empty() ? cast.target_type : cast.text);
  auto kind = kind_of_pg_type(d.target_type);
  if (!kind) {
    d.kind = ValueKind::text;
    d.decode = Decode::text_any;
    d.reason += fmt::format("; warning: unknown target type '{}', values are sent as text for "
                            "PostgreSQL to convert", d.target_type);
    return d;
  }
  std::string note;
  d.kind = *kind;
  d.decode = decode_for(*kind, profile, note);
  d.reason += note;
  return d;
}

}  // namespace cutover::sqlite
