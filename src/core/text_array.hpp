// The canonical payload of ValueKind::array (DESIGN.md §2): a one-dimensional
// array of text without NULL elements (MySQL set members), stored as each
// element's byte length (big-endian uint32) followed by its UTF-8 bytes. That
// is the element part of PostgreSQL's binary array format, so the COPY
// encoder appends it unchanged and the decoder takes it back unchanged.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cutover {

inline void append_array_element(std::string& payload, std::string_view element) {
  uint32_t be = std::byteswap(static_cast<uint32_t>(element.size()));
  char len[4];
  std::memcpy(len, &be, 4);
  payload.append(len, 4);
  payload.append(element);
}

// Calls fn(element) for each element in order; false when the payload is
// malformed (a length running past its end).
template <class Fn>
bool for_each_array_element(std::string_view payload, Fn&& fn) {
  while (!payload.empty()) {
    if (payload.size() < 4) return false;
    uint32_t be;
    std::memcpy(&be, payload.data(), 4);
    uint32_t len = std::byteswap(be);
    payload.remove_prefix(4);
    if (len > payload.size()) return false;
    fn(payload.substr(0, len));
    payload.remove_prefix(len);
  }
  return true;
}

}  // namespace cutover
