#include "core/value.hpp"

namespace cutover {

const char* to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::null: return "null";
    case ValueKind::boolean: return "boolean";
    case ValueKind::int16: return "int16";
    case ValueKind::int32: return "int32";
    case ValueKind::int64: return "int64";
    case ValueKind::uint64: return "uint64";
    case ValueKind::float32: return "float32";
    case ValueKind::float64: return "float64";
    case ValueKind::decimal: return "decimal";
    case ValueKind::text: return "text";
    case ValueKind::bytes: return "bytes";
    case ValueKind::date: return "date";
    case ValueKind::time: return "time";
    case ValueKind::timestamp: return "timestamp";
    case ValueKind::timestamptz: return "timestamptz";
    case ValueKind::interval: return "interval";
    case ValueKind::uuid: return "uuid";
    case ValueKind::json: return "json";
    case ValueKind::enum_label: return "enum_label";
    case ValueKind::array: return "array";
  }
  return "unknown";
}

}  // namespace cutover
