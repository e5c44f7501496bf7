// Byte-level building blocks of the TDS test server: little-endian writers
// and a bounds-checked reader over one received message, plus UTF-8 <->
// UTF-16LE and code-page conversion (iconv).
//
// A malformed message makes ByteReader throw WireError; the session answers
// it by closing the connection, as a real server does with a structurally
// invalid request.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tdstest {

struct WireError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  void u8(std::uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void u16(std::uint16_t v) { le(v, 2); }
  void u32(std::uint32_t v) { le(v, 4); }
  void u64(std::uint64_t v) { le(v, 8); }
  void u16be(std::uint16_t v);
  void u32be(std::uint32_t v);
  void bytes(std::string_view b) { buf_.append(b); }
  // B_VARCHAR: one byte of length in characters, then UTF-16LE.
  void b_varchar(std::string_view utf8);
  // US_VARCHAR: two bytes of length in characters, then UTF-16LE.
  void us_varchar(std::string_view utf8);
  // B_VARBYTE: one byte of length in bytes, then the bytes.
  void b_varbyte(std::string_view b);

  std::size_t size() const { return buf_.size(); }
  const std::string& data() const { return buf_; }
  std::string take() { return std::move(buf_); }
  // Overwrites two bytes at `pos` (little-endian): length fields known late.
  void patch_u16(std::size_t pos, std::uint16_t v);

 private:
  void le(std::uint64_t v, int n);
  std::string buf_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  std::uint8_t u8();
  std::uint16_t u16();
  std::uint32_t u32();
  std::uint64_t u64();
  std::uint16_t u16be();
  std::string_view bytes(std::size_t n);
  std::string b_varchar();   // returns UTF-8
  std::string us_varchar();  // returns UTF-8
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos);
  std::size_t remaining() const { return data_.size() - pos_; }
  std::string_view whole() const { return data_; }

 private:
  std::uint64_t le(int n);
  std::string_view data_;
  std::size_t pos_ = 0;
};

// UTF-8 <-> UTF-16LE (surrogate pairs for characters beyond the BMP).
// Invalid input throws WireError.
std::string utf8_to_utf16le(std::string_view utf8);
std::string utf16le_to_utf8(std::string_view utf16);
std::size_t utf16_units(std::string_view utf8);

// UTF-8 -> a single-byte Windows code page ("CP1252", "CP1251") and back.
// A character the code page lacks throws std::invalid_argument.
std::string utf8_to_codepage(std::string_view utf8, const char* codepage);
std::string codepage_to_utf8(std::string_view bytes, const char* codepage);

}  // namespace tdstest
