#include "core/type_decision.hpp"

namespace cutover {

const char* to_string(Decode d) {
  switch (d) {
    case Decode::native: return "native";
    case Decode::bool01: return "bool01";
    case Decode::epoch_s: return "epoch_s";
    case Decode::epoch_ms: return "epoch_ms";
    case Decode::epoch_us: return "epoch_us";
    case Decode::iso_datetime: return "iso_datetime";
    case Decode::julian_day: return "julian_day";
    case Decode::json_text: return "json_text";
    case Decode::uuid_text: return "uuid_text";
    case Decode::uuid_blob: return "uuid_blob";
    case Decode::decimal_any: return "decimal_any";
    case Decode::text_any: return "text_any";
    case Decode::bytes_any: return "bytes_any";
    case Decode::pg_binary: return "pg_binary";
    case Decode::pg_text: return "pg_text";
  }
  return "unknown";
}

}  // namespace cutover
