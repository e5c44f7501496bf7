#include "core/ewkb.hpp"

namespace cutover {
namespace {

void append_word32(std::string& out, uint32_t u, bool little) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(u >> (little ? 8 * i : 24 - 8 * i));
}

// ISO 1001 (point Z), 2001 (point M), 3001 (point ZM) -> 1 with EWKB's flags.
uint32_t ewkb_type(uint32_t type) {
  uint32_t flags = type & 0xE0000000u, code = type & 0x0FFFFFFFu;
  uint32_t dims = code / 1000;
  if (dims == 1 || dims == 3) flags |= 0x80000000u;
  if (dims == 2 || dims == 3) flags |= 0x40000000u;
  return flags | (code % 1000);
}

}  // namespace

uint32_t wkb_word32(const char* p, bool little) {
  uint32_t u = 0;
  for (int i = 0; i < 4; ++i) u |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (little ? 8 * i : 24 - 8 * i);
  return u;
}

std::string_view wkb_to_ewkb(std::string_view wkb, uint32_t srid, std::string& out) {
  if (wkb.size() < 5) return wkb;
  bool little = wkb[0] == 1;
  uint32_t type = wkb_word32(wkb.data() + 1, little);
  uint32_t ewkb = ewkb_type(type) | (srid != 0 ? 0x20000000u : 0);
  if (ewkb == type) return wkb;
  out.assign(1, wkb[0]);
  append_word32(out, ewkb, little);
  if (srid != 0) append_word32(out, srid, little);
  out.append(wkb.substr(5));
  return out;
}

}  // namespace cutover
