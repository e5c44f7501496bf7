// Golden bytes of the server's value encodings, checked against values
// worked out by hand from [MS-TDS] 2.2.5.5.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "decode.hpp"
#include "encode.hpp"
#include "scalars.hpp"

namespace tdstest {
namespace {

std::string hex(std::string_view b) {
  std::string out;
  for (char c : b) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  return out;
}

TEST(TdsWire, DatesCountDaysFromYearOne) {
  EXPECT_EQ(hex(date_bytes(parse_temporal("0001-01-01"))), "000000");
  EXPECT_EQ(hex(date_bytes(parse_temporal("9999-12-31"))), "DAB937");  // 3652058
  EXPECT_EQ(date_text(3652058), "9999-12-31");
  EXPECT_EQ(date_text(0), "0001-01-01");
}

TEST(TdsWire, TimeScalesAndLengths) {
  EXPECT_EQ(hex(time_bytes(parse_temporal("23:59:59.9999999").ticks, 7)), "FFBF692AC9");
  EXPECT_EQ(hex(time_bytes(parse_temporal("00:00:01").ticks, 0)), "010000");
  EXPECT_THROW(time_bytes(parse_temporal("00:00:00.5").ticks, 0), std::invalid_argument);
}

TEST(TdsWire, DatetimeOffsetStoresUtcAndOffset) {
  // 0001-01-01 14:00 +14:00 is 0001-01-01 00:00 UTC; offset 840 = 0x0348.
  EXPECT_EQ(hex(datetimeoffset_bytes(parse_temporal("0001-01-01 14:00:00 +14:00"), 0)),
            "0000000000004803");
}

TEST(TdsWire, DatetimeTicksAreThreeHundredths) {
  // 1900-01-01 00:00:00.997 = day 0, 299 ticks.
  EXPECT_EQ(hex(datetime_bytes(parse_temporal("1900-01-01 00:00:00.997"))), "000000002B010000");
  EXPECT_EQ(hex(smalldatetime_bytes(parse_temporal("1900-01-02 00:01:00"))), "01000100");
}

TEST(TdsWire, DecimalSignAndMagnitude) {
  EXPECT_EQ(hex(decimal_bytes("-1.5", 1, 5)), "000F000000");
  EXPECT_EQ(decimal_text(decimal_bytes("-99999999999999999999999999999999999999", 0, 17), 0),
            "-99999999999999999999999999999999999999");
  EXPECT_EQ(decimal_text(decimal_bytes("0.0000000001", 10, 17), 10), "0.0000000001");
  EXPECT_THROW(decimal_bytes("1.234", 2, 5), std::invalid_argument);
}

TEST(TdsWire, MoneyHighHalfFirst) {
  EXPECT_EQ(hex(money_bytes("-922337203685477.5808", 8)), "0000008000000000");
  EXPECT_EQ(hex(money_bytes("0.0001", 8)), "0000000001000000");
  EXPECT_EQ(money_text(money_units("922337203685477.5807")), "922337203685477.5807");
}

TEST(TdsWire, GuidMixedEndian) {
  EXPECT_EQ(hex(guid_bytes("6F9619FF-8B86-D011-B42D-00C04FC964FF")),
            "FF19966F868B11D0B42D00C04FC964FF");
  EXPECT_EQ(guid_text(guid_bytes("6F9619FF-8B86-D011-B42D-00C04FC964FF")),
            "6F9619FF-8B86-D011-B42D-00C04FC964FF");
}

TEST(TdsWire, NonBmpTextIsASurrogatePair) {
  EXPECT_EQ(hex(utf8_to_utf16le("😀")), "3DD800DE");
  EXPECT_EQ(utf16le_to_utf8(utf8_to_utf16le("a😀\U0010FFFF")), "a😀\U0010FFFF");
}

TEST(TdsWire, PlpValuesGoInChunks) {
  ByteWriter w;
  EncodeOptions o;
  o.plp_chunk_bytes = 2;
  write_value(w, parse_type("varbinary(max)"), std::string("abc"), o);
  EXPECT_EQ(hex(w.data()), "0300000000000000" "020000006162" "0100000063" "00000000");
}

TEST(TdsWire, TextsizeCutsMaxValues) {
  ByteWriter w;
  EncodeOptions o;
  o.textsize = 3;
  write_value(w, parse_type("nvarchar(max)"), std::string("abc"), o);
  EXPECT_EQ(hex(w.data()), "0200000000000000" "020000006100" "00000000");
}

}  // namespace
}  // namespace tdstest
