// TYPE_INFO and value encoding of every column type ([MS-TDS] 2.2.5.4-6):
// fixed-length, byte-length, USHORT-length, PLP (chunked), text/ntext/image
// (text pointer + timestamp) and sql_variant values.
#pragma once

#include <cstdint>
#include <string>

#include "types.hpp"
#include "wire.hpp"

namespace tdstest {

struct EncodeOptions {
  std::int64_t textsize = -1;           // SET TEXTSIZE: bytes kept of (max)/text values; -1 = all
  std::size_t plp_chunk_bytes = 1000;   // PLP values are sent in chunks of this size
};

void write_type_info(ByteWriter& w, const ColumnType& t);
// Writes one value in its column's form; NULL in a NOT NULL fixed type throws.
void write_value(ByteWriter& w, const ColumnType& t, const Value& v, const EncodeOptions& o);
// The raw data bytes of a non-NULL value (no length prefix).
std::string value_bytes(const ColumnType& t, const Value& v);

}  // namespace tdstest
