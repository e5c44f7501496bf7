// Helpers shared by the COPY encoder tests: hex dumps and one-cell encodes.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "targets/postgres/pg_copy_encoder.hpp"

namespace cutover::pg::copytest {

inline std::string hex(std::string_view bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += k_digits[c >> 4];
    out += k_digits[c & 15];
  }
  return out;
}

// Spaces in expected hex are for reading only.
inline std::string strip(std::string s) {
  std::erase(s, ' ');
  return s;
}

// The hex of one single-column row (field count included), or the error.
inline std::string encode(PgWire wire, const std::function<void(RowBatch&)>& put) {
  RowBatch batch(1);
  put(batch);
  std::string out;
  auto s = CopyBinaryEncoder({wire}).append_rows(batch, out);
  if (!s) return "error: " + s.error().message + " [" + s.error().context.value + "]";
  return hex(out);
}

// The hex of one field (length + payload) for a single-column row.
inline std::string field(PgWire wire, const std::function<void(RowBatch&)>& put) {
  std::string row = encode(wire, put);
  return row.starts_with("0001") ? row.substr(4) : row;
}

}  // namespace cutover::pg::copytest
