#include "wire.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace tdstest {

void ByteWriter::le(std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) buf_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void ByteWriter::u16be(std::uint16_t v) {
  u8(static_cast<std::uint8_t>(v >> 8));
  u8(static_cast<std::uint8_t>(v & 0xFF));
}

void ByteWriter::u32be(std::uint32_t v) {
  u16be(static_cast<std::uint16_t>(v >> 16));
  u16be(static_cast<std::uint16_t>(v & 0xFFFF));
}

void ByteWriter::b_varchar(std::string_view utf8) {
  std::string u = utf8_to_utf16le(utf8);
  if (u.size() / 2 > 255) throw WireError("B_VARCHAR longer than 255 characters");
  u8(static_cast<std::uint8_t>(u.size() / 2));
  bytes(u);
}

void ByteWriter::us_varchar(std::string_view utf8) {
  std::string u = utf8_to_utf16le(utf8);
  if (u.size() / 2 > 65535) throw WireError("US_VARCHAR longer than 65535 characters");
  u16(static_cast<std::uint16_t>(u.size() / 2));
  bytes(u);
}

void ByteWriter::b_varbyte(std::string_view b) {
  u8(static_cast<std::uint8_t>(b.size()));
  bytes(b);
}

void ByteWriter::patch_u16(std::size_t pos, std::uint16_t v) {
  buf_[pos] = static_cast<char>(v & 0xFF);
  buf_[pos + 1] = static_cast<char>(v >> 8);
}

std::uint64_t ByteReader::le(int n) {
  std::string_view b = bytes(static_cast<std::size_t>(n));
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

std::uint8_t ByteReader::u8() { return static_cast<std::uint8_t>(le(1)); }
std::uint16_t ByteReader::u16() { return static_cast<std::uint16_t>(le(2)); }
std::uint32_t ByteReader::u32() { return static_cast<std::uint32_t>(le(4)); }
std::uint64_t ByteReader::u64() { return le(8); }

std::uint16_t ByteReader::u16be() {
  std::uint16_t hi = u8();
  return static_cast<std::uint16_t>((hi << 8) | u8());
}

std::string_view ByteReader::bytes(std::size_t n) {
  if (n > remaining()) throw WireError("message ends inside a field");
  std::string_view b = data_.substr(pos_, n);
  pos_ += n;
  return b;
}

std::string ByteReader::b_varchar() { return utf16le_to_utf8(bytes(2 * std::size_t{u8()})); }
std::string ByteReader::us_varchar() { return utf16le_to_utf8(bytes(2 * std::size_t{u16()})); }

void ByteReader::seek(std::size_t pos) {
  if (pos > data_.size()) throw WireError("offset beyond the end of the message");
  pos_ = pos;
}

namespace {

void put_unit(std::string& out, std::uint32_t u) {
  out.push_back(static_cast<char>(u & 0xFF));
  out.push_back(static_cast<char>(u >> 8));
}

// Decodes one UTF-8 sequence at s[i]; advances i.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) > s.size()) {
    throw WireError("invalid UTF-8");
  }
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    auto cc = static_cast<unsigned char>(s[i++]);
    if ((cc & 0xC0) != 0x80) throw WireError("invalid UTF-8");
    cp = (cp << 6) | (cc & 0x3F);
  }
  return cp;
}

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string utf8_to_utf16le(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() * 2);
  for (std::size_t i = 0; i < utf8.size();) {
    std::uint32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put_unit(out, 0xD800 + (cp >> 10));
      put_unit(out, 0xDC00 + (cp & 0x3FF));
    } else {
      put_unit(out, cp);
    }
  }
  return out;
}

std::string utf16le_to_utf8(std::string_view u) {
  if (u.size() % 2 != 0) throw WireError("UTF-16 text with an odd number of bytes");
  std::string out;
  out.reserve(u.size());
  auto unit = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(u[k]) |
                                      (static_cast<unsigned char>(u[k + 1]) << 8));
  };
  for (std::size_t i = 0; i < u.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < u.size()) {
      std::uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
    }
    put_utf8(out, cp);
  }
  return out;
}

std::size_t utf16_units(std::string_view utf8) { return utf8_to_utf16le(utf8).size() / 2; }

namespace {

std::string iconv_convert(std::string_view in, const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw std::invalid_argument(std::string("iconv cannot convert ") + from + " to " + to);
  }
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out(in.size() * 4 + 4, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
    throw std::invalid_argument(std::string("text not representable in ") + to + ": '" +
                                std::string(in) + "'");
  }
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace

std::string utf8_to_codepage(std::string_view utf8, const char* codepage) {
  return iconv_convert(utf8, codepage, "UTF-8");
}

std::string codepage_to_utf8(std::string_view bytes, const char* codepage) {
  return iconv_convert(bytes, "UTF-8", codepage);
}

}  // namespace tdstest
