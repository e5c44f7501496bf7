#include <gtest/gtest.h>

#include "core/ewkb.hpp"

namespace cutover {
namespace {

const std::string k_point = std::string("\x01\x01\x00\x00\x00", 5) + std::string(16, '\x00');  // POINT(0 0)

TEST(Ewkb, SridGoesAfterTheFlaggedTypeWord) {
  std::string out;
  std::string_view e = wkb_to_ewkb(k_point, 4326, out);
  EXPECT_EQ(e.substr(0, 9), std::string_view("\x01\x01\x00\x00\x20\xE6\x10\x00\x00", 9));
  EXPECT_EQ(e.substr(9), std::string(16, '\x00'));
}

TEST(Ewkb, SridZeroAndTwoDimensionsStayPlainWkb) {
  std::string out;
  EXPECT_EQ(wkb_to_ewkb(k_point, 0, out), k_point);
  EXPECT_TRUE(out.empty());
}

// SQL Server's AsBinaryZM writes ISO codes (1001 = point Z); PostGIS
// writes flags, so both sides of a verification hash the same bytes.
TEST(Ewkb, IsoZAndMBecomeFlags) {
  std::string wkb = std::string("\x00\x00\x00\x0B\xB9", 5) + std::string(32, '\x00');  // big-endian 3001: point ZM
  std::string out;
  std::string_view e = wkb_to_ewkb(wkb, 0, out);
  EXPECT_EQ(e.substr(0, 5), std::string_view("\x00\xC0\x00\x00\x01", 5));
  EXPECT_EQ(wkb_word32(e.data() + 1, false), 0xC0000001u);
}

}  // namespace
}  // namespace cutover
