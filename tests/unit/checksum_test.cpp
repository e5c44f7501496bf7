// Checksums are stored in the target's chunk records and compared by later
// runs (resume, verify): their definition must never change, however the
// code computing them does. The values below were computed by the first
// definition (a word loop and a memcpy'd tail).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "verify/checksum.hpp"

namespace cutover {
namespace {

TEST(ChecksumTest, HashBytesKeepsItsValuesForEveryTailLength) {
  const std::vector<std::string> expected = {
      "1671decbc21b02c3", "122e93675f42f932", "52d57a9d95a7d991", "5ff2b3e00695b4d2", "78a5c32ab934d7a2",
      "89b856ed977361ec", "71e8b4ef253bd04c", "4560f24ae708a776", "7281fa793acf49c9", "4b7b23656efe37ad",
      "f63ee285c4b07404", "46dda9949d403890", "b818c09b3c7af609", "f48f52f60320e48b", "1b058e5b7abacc35",
      "ddbfaee3ee29df17", "1062a36e27870212", "24f66237518870cd"};
  std::string data;
  for (int i = 0; i < 40; ++i) data += static_cast<char>(0x80 + i * 7);
  for (size_t n = 0; n < expected.size(); ++n)
    EXPECT_EQ(checksum_hex(hash_bytes(std::string_view(data.data() + 3, n), 0x7e47)), expected[n]) << "length " << n;
  EXPECT_EQ(checksum_hex(hash_bytes("abc", 0xdec)), "28cb6900df35dd9e");
}

}  // namespace
}  // namespace cutover
