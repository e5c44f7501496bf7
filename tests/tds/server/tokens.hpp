// Token builders of the server's responses ([MS-TDS] 2.2.7): each appends
// one complete token to a ByteWriter.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "encode.hpp"

namespace tdstest {

enum DoneStatus : std::uint16_t {
  k_done_final = 0x00,
  k_done_more = 0x01,
  k_done_error = 0x02,
  k_done_inxact = 0x04,
  k_done_count = 0x10,
  k_done_attn = 0x20,
  k_done_srverror = 0x100,
};

enum TokenType : std::uint8_t {
  k_tok_colmetadata = 0x81,
  k_tok_row = 0xD1,
  k_tok_nbcrow = 0xD2,
  k_tok_done = 0xFD,
  k_tok_doneproc = 0xFE,
  k_tok_doneinproc = 0xFF,
  k_tok_error = 0xAA,
  k_tok_info = 0xAB,
  k_tok_loginack = 0xAD,
  k_tok_featureextack = 0xAE,
  k_tok_envchange = 0xE3,
  k_tok_returnstatus = 0x79,
};

enum EnvChangeType : std::uint8_t {
  k_env_database = 1,
  k_env_language = 2,
  k_env_packet_size = 4,
  k_env_collation = 7,
  k_env_begin_tran = 8,
  k_env_commit_tran = 9,
  k_env_rollback_tran = 10,
};

struct Column {
  std::string name;
  ColumnType type;
};

// An ERROR or INFO message as SQL Server sends it.
struct Message {
  std::int32_t number = 0;
  std::uint8_t state = 1;
  std::uint8_t severity = 16;  // "class": >= 11 is an error
  std::string text;
  std::string proc;
  std::int32_t line = 1;
};

void write_colmetadata(ByteWriter& w, const std::vector<Column>& cols, const std::string& table);
// ROW, or NBCROW (null bitmap, NULLs omitted) when `nbc`.
void write_row(ByteWriter& w, const std::vector<Column>& cols, const Row& row, bool nbc,
               const EncodeOptions& o);
void write_done(ByteWriter& w, std::uint8_t token, std::uint16_t status, std::uint16_t cur_cmd,
                std::uint64_t rows);
void write_message(ByteWriter& w, std::uint8_t token, const Message& m,
                   const std::string& server);
void write_env_strings(ByteWriter& w, std::uint8_t type, const std::string& new_value,
                       const std::string& old_value);
void write_env_bytes(ByteWriter& w, std::uint8_t type, const std::string& new_value,
                     const std::string& old_value);
void write_loginack(ByteWriter& w, std::uint32_t tds_version, const std::string& prog_name);
void write_return_status(ByteWriter& w, std::int32_t status);

}  // namespace tdstest
