// UUID text, UTF-8 validation and display shortening of convert.hpp.
#include <cstring>
#include <fmt/format.h>

#include "core/convert.hpp"

namespace cutover {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence starting at s[i], 0 when invalid
// (overlong forms, surrogates, code points past U+10FFFF, truncation).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // UTF-16 surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;  // continuation byte, 0xC0/0xC1 overlong leads, 0xF5..0xFF
}

// The escaped display form of one character (or one invalid byte).
void append_escaped(std::string& out, std::string_view s, size_t i, size_t len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (len == 0) {
    out += fmt::format("\\x{:02x}", c);
  } else if (len > 1) {
    out.append(s.substr(i, len));
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c == '\t') {
    out += "\\t";
  } else if (c < 0x20 || c == 0x7F) {
    out += fmt::format("\\x{:02x}", c);
  } else {
    out += static_cast<char>(c);
  }
}

}  // namespace

std::optional<std::array<uint8_t, 16>> parse_uuid(std::string_view text) {
  if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, text.size() - 2);
  }
  bool hyphenated = text.size() == 36;
  if (!hyphenated && text.size() != 32) return std::nullopt;
  std::array<uint8_t, 16> out{};
  size_t pos = 0;
  for (size_t byte = 0; byte < 16; ++byte) {
    if (hyphenated && (byte == 4 || byte == 6 || byte == 8 || byte == 10)) {
      if (text[pos++] != '-') return std::nullopt;
    }
    int hi = hex_value(text[pos]);
    int lo = hex_value(text[pos + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[byte] = static_cast<uint8_t>(hi * 16 + lo);
    pos += 2;
  }
  return out;
}

std::string format_uuid(const uint8_t bytes[16]) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += k_hex[bytes[i] >> 4];
    out += k_hex[bytes[i] & 0x0F];
  }
  return out;
}

bool is_plain_ascii(std::string_view text) {
  constexpr uint64_t k_ones = 0x0101010101010101ULL;
  constexpr uint64_t k_highs = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, sizeof w);
    // A zero byte sets its high bit in (w - ones) & ~w; a high byte sets it in w.
    if (((w - k_ones) & ~w & k_highs) != 0 || (w & k_highs) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0 || c >= 0x80) return false;
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t len = utf8_sequence_length(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string display_value(std::string_view value, size_t max_bytes) {
  std::string out;
  std::string piece;
  size_t i = 0;
  while (i < value.size()) {
    size_t len = utf8_sequence_length(value, i);
    piece.clear();
    append_escaped(piece, value, i, len);
    if (out.size() + piece.size() > max_bytes) break;
    out += piece;
    i += len == 0 ? 1 : len;
  }
  if (i < value.size()) out += fmt::format("…({} bytes)", value.size());
  return out;
}

}  // namespace cutover
