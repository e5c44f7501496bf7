#include "hierarchyid.hpp"

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace tdstest {

namespace {

struct Pattern {
  std::int64_t min, max;
  std::string_view bits;  // '0'/'1' fixed, 'x' offset bits (most significant first), 'T' the last bit
};

constexpr Pattern k_patterns[] = {
    {0, 3, "01xxT"},
    {4, 7, "100xxT"},
    {8, 15, "101xxxT"},
    {16, 79, "110xx0x1xxxT"},
    {80, 1103, "1110xxx0xxx0x1xxxT"},
    {1104, 5199, "11110xxxxx0xxx0x1xxxT"},
    {5200, 4294972495, "111110xxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT"},
    {-8, -1, "00111xxxT"},
    {-72, -9, "0010xx0x1xxxT"},
    {-4168, -73, "000110xxxxx0xxx0x1xxxT"},
    {-4294971464, -4169, "000101xxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT"},
};

class Bits {
 public:
  explicit Bits(std::string_view bytes) : bytes_(bytes) {}
  std::size_t size() const { return bytes_.size() * 8; }
  bool at(std::size_t i) const { return (static_cast<unsigned char>(bytes_[i / 8]) >> (7 - i % 8)) & 1; }
  bool zero_from(std::size_t i) const {
    for (; i < size(); ++i)
      if (at(i)) return false;
    return true;
  }
  // The pattern whose fixed bits match at `pos`, or nullptr.
  const Pattern* match(std::size_t pos) const {
    for (const Pattern& p : k_patterns) {
      if (pos + p.bits.size() > size()) continue;
      bool ok = true;
      for (std::size_t i = 0; i < p.bits.size() && ok; ++i)
        if (p.bits[i] == '0' || p.bits[i] == '1') ok = at(pos + i) == (p.bits[i] == '1');
      if (ok) return &p;
    }
    return nullptr;
  }

 private:
  std::string_view bytes_;
};

std::string hex(std::string_view bytes) {
  std::string out = "0x";
  for (char c : bytes) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  return out;
}

[[noreturn]] void bad(std::string_view what, std::string_view value) {
  throw std::invalid_argument(fmt::format("{}: '{}' is not a hierarchyid", what, value));
}

void encode_label(std::int64_t v, bool last, std::vector<bool>& out, std::string_view text) {
  for (const Pattern& p : k_patterns) {
    if (v < p.min || v > p.max) continue;
    auto offset = static_cast<std::uint64_t>(v - p.min);
    int x_bits = 0;
    for (char c : p.bits) x_bits += c == 'x';
    for (char c : p.bits) {
      if (c == 'x') out.push_back((offset >> --x_bits) & 1);
      else if (c == 'T') out.push_back(last);
      else out.push_back(c == '1');
    }
    return;
  }
  bad("label out of range", text);
}

std::int64_t label(std::string_view s, std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) bad("bad label", text);
  return v;
}

}  // namespace

std::string hierarchyid_text(std::string_view bytes) {
  Bits bits(bytes);
  std::string out = "/";
  std::size_t pos = 0;
  while (!bits.zero_from(pos)) {
    const Pattern* p = bits.match(pos);
    if (p == nullptr) bad("no label pattern at bit " + std::to_string(pos), hex(bytes));
    std::uint64_t offset = 0;
    bool last = false;
    for (std::size_t i = 0; i < p->bits.size(); ++i) {
      if (p->bits[i] == 'x') offset = offset << 1 | bits.at(pos + i);
      if (p->bits[i] == 'T') last = bits.at(pos + i);
    }
    pos += p->bits.size();
    std::int64_t v = p->min + static_cast<std::int64_t>(offset);
    out += last ? fmt::format("{}/", v) : fmt::format("{}.", v - 1);
  }
  if (out.back() != '/') bad("a label without its level's end", out);
  return out;
}

std::string hierarchyid_bytes(std::string_view text) {
  if (text.empty() || text.front() != '/' || text.back() != '/') bad("a path starts and ends with '/'", text);
  std::vector<bool> bits;
  for (std::size_t start = 1; start < text.size();) {
    std::size_t end = text.find_first_of("./", start);
    bool last = text[end] == '/';
    std::int64_t v = label(text.substr(start, end - start), text);
    encode_label(last ? v : v + 1, last, bits, text);
    start = end + 1;
  }
  std::string out((bits.size() + 7) / 8, '\0');
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) out[i / 8] = static_cast<char>(static_cast<unsigned char>(out[i / 8]) | (0x80 >> (i % 8)));
  return out;
}

}  // namespace tdstest
