// COPY ... FROM STDIN (FORMAT binary) encoder: bytes in, bytes out, no I/O
// (STYLE.md §8). Golden-tested in tests/unit/pg_copy_encoder_test.cpp.
//
// Thread safety: const methods are safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/row_batch.hpp"

namespace cutover::pg {

// The binary wire form of a target column.
enum class PgWire : uint8_t {
  boolean, int2, int4, int8, float4, float8, numeric, text, bytea,
  date, time, timestamp, timestamptz, interval, uuid, json, jsonb,
  varbit,  // bit(n) / bit varying(n): from text cells of '0'/'1' (MySQL bit(n))
  text_array,  // text[]: one-dimensional, no NULL elements (core/text_array.hpp; MySQL set)
};

const char* to_string(PgWire w);

// Wire form of a PostgreSQL type as written in DDL: "integer", "int4",
// "numeric(10,2)", "character varying(20)", "varchar", "timestamp(3) with
// time zone", "timestamptz", "double precision", "jsonb", "citext" (text)...
// nullopt for types this encoder cannot produce (callers fall back to text
// columns, never to silent conversion).
std::optional<PgWire> wire_for_type(std::string_view sql_type);

// The canonical kind a source should decode into for that wire form.
ValueKind canonical_kind(PgWire w);

class CopyBinaryEncoder {
 public:
  explicit CopyBinaryEncoder(std::vector<PgWire> columns) : columns_(std::move(columns)) {}

  // "PGCOPY\n\377\r\n\0" + flags + header extension length (19 bytes).
  static void append_header(std::string& out);
  // The int16 -1 file trailer.
  static void append_trailer(std::string& out);

  // Appends one tuple per row of `batch`. A cell whose kind does not convert
  // to its column's wire form, or whose value does not fit (70000 into int2,
  // "abc" as numeric, NUL inside text), is an ErrorKind::data error naming
  // the column index and the value; `out` is then left with the rows before
  // the failing one. Conversions allowed: any integer kind to int2/int4/int8
  // (range-checked), numeric, float8 and text; float kinds to float4/float8/
  // numeric (NaN -> numeric NaN) and text; decimal to numeric/text; text and
  // json to text, json, jsonb; bytes to bytea; and each temporal kind, uuid
  // and interval to its own wire form (and text).
  // Details: enum_label goes to text only; integers and
  // floats that float8/float4 cannot hold exactly are rejected (never
  // rounded); dates and timestamps outside PostgreSQL's range (4714 BC ..)
  // and times outside 00:00..24:00 are rejected; ±Infinity floats become
  // numeric ±Infinity (PostgreSQL 14+). Text forms written to text columns
  // are PostgreSQL input syntax ("NaN", "2024-05-01 13:45:00+00",
  // ISO 8601 intervals "P1Y2M3DT4H5M6.5S"). NUL is rejected in text, json
  // and jsonb. Error messages read "batch row R, column C: ..." (0-based);
  // context.value holds the shortened value, context.column is left for the
  // writer to fill with the column's name.
  Status append_rows(const RowBatch& batch, std::string& out) const;
  Status append_row(const RowBatch& batch, size_t row, std::string& out) const;

  const std::vector<PgWire>& columns() const { return columns_; }

 private:
  std::vector<PgWire> columns_;
};

// PostgreSQL binary numeric from normalized decimal digits ("-12.340", "NaN").
// Exposed for tests and for other encoders. Appends the payload only (no
// int32 field length). Also accepts "+", leading zeros, ".5", exponents
// ("1e-20") and "Infinity"/"-Infinity"; `out` is unchanged on error.
Status append_numeric(std::string_view digits, std::string& out);

}  // namespace cutover::pg
