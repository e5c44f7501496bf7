// Decoding of typed values the client sends: RPC parameters ([MS-TDS]
// 2.2.6.6). Produces the same value model the fixtures use (canonical text
// for decimals, money, dates, times and GUIDs).
#pragma once

#include "types.hpp"
#include "wire.hpp"

namespace tdstest {

ColumnType read_type_info(ByteReader& r);
Value read_value(ByteReader& r, const ColumnType& t);

// Canonical texts, the inverse of scalars.hpp.
std::string date_text(std::int64_t days);                  // days since 0001-01-01
std::string time_text(std::int64_t ticks, int scale);      // ticks of 100 ns
std::string decimal_text(std::string_view sign_and_magnitude, int scale);
std::string money_text(std::int64_t units);
std::string guid_text(std::string_view bytes);

}  // namespace tdstest
