#include "login.hpp"

namespace tdstest {

namespace {

constexpr std::uint8_t k_opt_version = 0x00;
constexpr std::uint8_t k_opt_encryption = 0x01;
constexpr std::uint8_t k_opt_instopt = 0x02;
constexpr std::uint8_t k_opt_threadid = 0x03;
constexpr std::uint8_t k_opt_mars = 0x04;
constexpr std::uint8_t k_opt_terminator = 0xFF;
constexpr std::uint8_t k_encrypt_not_sup = 0x02;
constexpr std::uint8_t k_feature_utf8 = 0x0A;
constexpr std::uint8_t k_feature_terminator = 0xFF;

std::string decode_password(std::string_view raw) {
  std::string b(raw);
  for (char& c : b) {
    auto v = static_cast<std::uint8_t>(static_cast<std::uint8_t>(c) ^ 0xA5);
    c = static_cast<char>(((v & 0x0F) << 4) | (v >> 4));
  }
  return utf16le_to_utf8(b);
}

// The UTF-16 string whose offset/length pair (length in characters) is at `at`.
std::string field(ByteReader& r, std::size_t at, bool password = false) {
  r.seek(at);
  std::size_t offset = r.u16();
  std::size_t chars = r.u16();
  r.seek(offset);
  std::string_view raw = r.bytes(chars * 2);
  return password ? decode_password(raw) : utf16le_to_utf8(raw);
}

void parse_feature_ext(ByteReader& r, Login7& l) {
  r.seek(56);
  std::size_t ib = r.u16();
  r.seek(ib);
  r.seek(r.u32());
  l.feature_ext = true;
  for (;;) {
    std::uint8_t id = r.u8();
    if (id == k_feature_terminator) return;
    std::uint32_t len = r.u32();
    r.bytes(len);
    if (id == k_feature_utf8) l.wants_utf8 = true;
  }
}

}  // namespace

std::uint8_t prelogin_client_encryption(std::string_view payload) {
  ByteReader r(payload);
  for (;;) {
    std::uint8_t token = r.u8();
    if (token == k_opt_terminator) return 0;
    std::uint16_t offset = r.u16be();
    std::uint16_t length = r.u16be();
    if (token == k_opt_encryption && length >= 1) {
      ByteReader v(payload);
      v.seek(offset);
      return v.u8();
    }
  }
}

std::string prelogin_reply() {
  ByteWriter data;
  ByteWriter head;
  const std::uint8_t options[] = {k_opt_version, k_opt_encryption, k_opt_instopt, k_opt_threadid,
                                  k_opt_mars};
  const std::string values[] = {std::string("\x10\x00\x03\xE8\x00\x00", 6),
                                std::string(1, static_cast<char>(k_encrypt_not_sup)),
                                std::string(1, '\0'), std::string(), std::string(1, '\0')};
  std::size_t offset = std::size(options) * 5 + 1;
  for (std::size_t i = 0; i < std::size(options); ++i) {
    head.u8(options[i]);
    head.u16be(static_cast<std::uint16_t>(offset + data.size()));
    head.u16be(static_cast<std::uint16_t>(values[i].size()));
    data.bytes(values[i]);
  }
  head.u8(k_opt_terminator);
  return head.take() + data.take();
}

Login7 parse_login7(std::string_view payload) {
  ByteReader r(payload);
  Login7 l;
  r.u32();  // length
  l.tds_version = r.u32();
  l.packet_size = r.u32();
  r.bytes(12);  // client program version, PID, connection id
  r.u8();
  l.odbc = (r.u8() & 0x02) != 0;
  r.u8();
  bool extension = (r.u8() & 0x10) != 0;
  l.host = field(r, 36);
  l.user = field(r, 40);
  l.password = field(r, 44, true);
  l.app = field(r, 48);
  l.server = field(r, 52);
  l.library = field(r, 60);
  l.language = field(r, 64);
  l.database = field(r, 68);
  if (extension) parse_feature_ext(r, l);
  return l;
}

}  // namespace tdstest
