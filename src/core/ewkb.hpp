// PostGIS's binary form of geometry and geography: EWKB, the OGC WKB with
// the SRID after the type word, flagged in it (0x20000000), and Z and M as
// flags (0x80000000, 0x40000000) instead of ISO's +1000/+2000/+3000 codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cutover {

// `wkb` with `srid` as EWKB, in `out` unless nothing changes (SRID 0 and a
// 2D type: plain WKB, as PostGIS writes it). The top-level ISO Z/M type
// code becomes EWKB's flags; those of parts inside a collection stay
// (PostGIS reads both).
std::string_view wkb_to_ewkb(std::string_view wkb, uint32_t srid, std::string& out);

uint32_t wkb_word32(const char* p, bool little);

}  // namespace cutover
