// PRELOGIN ([MS-TDS] 2.2.6.5) and LOGIN7 (2.2.6.4) parsing, and the
// PRELOGIN reply (encryption: NOT_SUP, so nothing is ever encrypted).
#pragma once

#include <cstdint>
#include <string>

#include "wire.hpp"

namespace tdstest {

struct Login7 {
  std::uint32_t tds_version = 0;
  std::uint32_t packet_size = 0;
  bool odbc = false;        // OptionFlags2 fODBC: the server sets ODBC defaults (textsize)
  std::string host, user, password, app, server, library, language, database;
  bool feature_ext = false;  // the client sent a FeatureExt block
  bool wants_utf8 = false;   // ... asking for UTF8_SUPPORT
};

std::uint8_t prelogin_client_encryption(std::string_view payload);
std::string prelogin_reply();
Login7 parse_login7(std::string_view payload);

}  // namespace tdstest
