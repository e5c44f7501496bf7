// Internals shared by the pg_copy_*.cpp files: big-endian appenders and the
// per-cell encoders. Not a public contract; include pg_copy_encoder.hpp.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/row_batch.hpp"
#include "targets/postgres/pg_copy_encoder.hpp"

namespace cutover::pg::detail {

// Why one cell could not be encoded; turned into an Error only on failure so
// the hot path never builds strings.
enum class CellFault : uint8_t {
  none,
  kind_mismatch,  // the cell's kind does not convert to the column's wire form
  out_of_range,   // does not fit (70000 into int2, a date PostgreSQL rejects)
  inexact,        // a float or integer that would lose digits
  nul_in_text,    // NUL byte in text or json
  bad_number,     // decimal text that is not a number
  numeric_limit,  // beyond PostgreSQL numeric's weight or scale limits
  too_large,      // over PostgreSQL's 1 GB field limit
  bad_uuid,       // uuid payload that is not 16 bytes
  bad_bits,       // bit string text with characters other than 0 and 1
};

inline constexpr uint32_t k_max_field_bytes = 0x3FFFFFFF;  // 1 GB - 1

inline void store_be16(char* p, uint16_t v) {
  p[0] = static_cast<char>(v >> 8);
  p[1] = static_cast<char>(v);
}
inline void store_be32(char* p, uint32_t v) {
  uint32_t be = std::byteswap(v);
  std::memcpy(p, &be, 4);
}
inline void store_be64(char* p, uint64_t v) {
  uint64_t be = std::byteswap(v);
  std::memcpy(p, &be, 8);
}

inline void put_be16(std::string& out, uint16_t v) {
  char b[2];
  store_be16(b, v);
  out.append(b, 2);
}
inline void put_be32(std::string& out, uint32_t v) {
  char b[4];
  store_be32(b, v);
  out.append(b, 4);
}
// A whole fixed-width field (length + big-endian value) in one append.
inline void put_field32(std::string& out, uint32_t v) {
  char b[8];
  store_be32(b, 4);
  store_be32(b + 4, v);
  out.append(b, 8);
}
inline void put_field64(std::string& out, uint64_t v) {
  char b[12];
  store_be32(b, 8);
  store_be64(b + 4, v);
  out.append(b, 12);
}

// A length-prefixed field whose length is known only after writing it.
inline size_t begin_field(std::string& out) {
  put_be32(out, 0);
  return out.size();
}
inline void end_field(std::string& out, size_t start) {
  uint32_t be = std::byteswap(static_cast<uint32_t>(out.size() - start));
  std::memcpy(out.data() + start - 4, &be, 4);
}

// Numeric payload from decimal text, exponents allowed; preceded by its int32
// length when `with_length` (a whole COPY field).
CellFault append_numeric_payload(std::string_view text, std::string& out, bool with_length);

// The text form of any cell (PostgreSQL input syntax where one exists);
// kind_mismatch for kinds without one (bytes, array).
CellFault append_text_form(const RowBatch& batch, const Cell& cell, std::string& out);

// The value of a cell for an error message: text form, shortened.
std::string display_cell(const RowBatch& batch, const Cell& cell);

// The data error for a cell that failed with `fault` (never CellFault::none).
Error cell_error(CellFault fault, const RowBatch& batch, const Cell& cell, PgWire wire,
                 size_t row, size_t column);

}  // namespace cutover::pg::detail
