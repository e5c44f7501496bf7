// The test oracle: what a SQLite value must become in a PostgreSQL column of
// a given type, written independently of the product's decoders. Both sides
// are reduced to one canonical text per value so that equal means "the same
// value under the type's semantics":
//   integers      decimal digits
//   float8/real   the IEEE bits in hex (so -0.0, ±Infinity and every digit count)
//   numeric       the exact decimal text PostgreSQL prints (scale as written, or numeric(p,s)'s)
//   text          the bytes
//   bytea         lower-case hex of the bytes
//   boolean       "t" / "f"
//   timestamp(tz) microseconds since 1970-01-01 00:00 UTC; date: the same at midnight
//   time          microseconds since midnight
//   uuid          lower-case hyphenated
//   json(b)       the parsed document dumped with sorted keys, numbers as doubles
// A value the type cannot hold (the product must reject its row) has no
// canonical form: nullopt.
#pragma once

#include <optional>
#include <string>

#include "harness.hpp"

namespace cutover::it {

enum class TypeKind {
  integer,
  float8,
  float4,
  numeric,
  text,
  bytea,
  boolean,
  timestamp,
  date,
  time,
  uuid,
  json
};

struct TargetType {
  TypeKind kind = TypeKind::text;
  std::string name;                  // as in the report, e.g. "numeric(10,2)"
  std::string decode;                // the report's decode annotation: "epoch_s", "julian_day", ...
  int64_t int_min = 0, int_max = 0;  // integer kinds
  std::optional<int> precision, scale;  // numeric(p,s)
  std::optional<int64_t> max_chars;     // varchar(n)
  bool jsonb = false;
  bool tz = false;  // timestamptz
};
// Throws for a type name the oracle does not know.
TargetType parse_target_type(const std::string& name, const std::string& decode);

struct NulHandling {
  std::string policy = "reject";  // reject, strip, replace
  std::string replacement = "\xEF\xBF\xBD";
};

// Canonical form of a SQLite value stored into `type`; nullopt = must be rejected.
// NULL stays NULL (an engaged Cell holding nullopt is not used: NULL is a
// separate outcome, see SourceCanon).
struct SourceCanon {
  bool rejected = false;
  Cell value;  // nullopt = SQL NULL
};
SourceCanon canonical_source(const SqlValue& v, const TargetType& type,
                             const NulHandling& nul = {});

// The SELECT expression that reads column `quoted_column` of `type` in a form
// canonical_target understands.
std::string select_expression(const std::string& quoted_column, const TargetType& type);
// Canonical form of the PostgreSQL text result of select_expression.
Cell canonical_target(const Cell& pg_text, const TargetType& type);

// Helpers shared with tests.
std::string hex(const std::string& bytes);
std::string double_bits(double v);
std::string quote_ident(const std::string& name);
// Microseconds since the epoch of an ISO-8601 text (offset applied); nullopt if not ISO.
std::optional<int64_t> iso_micros(const std::string& text, bool* has_time = nullptr,
                                  bool* has_offset = nullptr);

}  // namespace cutover::it
