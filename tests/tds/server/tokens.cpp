#include "tokens.hpp"

namespace tdstest {

namespace {

// Writes the token body produced by `body` after a USHORT length field.
template <class F>
void with_u16_length(ByteWriter& w, F body) {
  std::size_t at = w.size();
  w.u16(0);
  body();
  w.patch_u16(at, static_cast<std::uint16_t>(w.size() - at - 2));
}

std::uint16_t column_flags(const ColumnType& t) {
  std::uint16_t f = 0;
  if (t.nullable) f |= 0x0001;
  if (t.wire == k_udt && t.length != k_max_length) f |= 0x0100;  // fixed-length CLR type
  return f;
}

}  // namespace

void write_colmetadata(ByteWriter& w, const std::vector<Column>& cols, const std::string& table) {
  w.u8(k_tok_colmetadata);
  w.u16(static_cast<std::uint16_t>(cols.size()));
  for (const Column& c : cols) {
    w.u32(0);  // user type
    w.u16(column_flags(c.type));
    write_type_info(w, c.type);
    if (c.type.is_text_family()) {
      w.u8(2);
      w.us_varchar("dbo");
      w.us_varchar(table);
    }
    w.b_varchar(c.name);
  }
}

void write_row(ByteWriter& w, const std::vector<Column>& cols, const Row& row, bool nbc,
               const EncodeOptions& o) {
  w.u8(nbc ? k_tok_nbcrow : k_tok_row);
  if (nbc) {
    std::string bitmap((cols.size() + 7) / 8, '\0');
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (is_null(row[i])) bitmap[i / 8] = static_cast<char>(bitmap[i / 8] | (1 << (i % 8)));
    }
    w.bytes(bitmap);
  }
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (nbc && is_null(row[i])) continue;
    write_value(w, cols[i].type, row[i], o);
  }
}

void write_done(ByteWriter& w, std::uint8_t token, std::uint16_t status, std::uint16_t cur_cmd,
                std::uint64_t rows) {
  w.u8(token);
  w.u16(status);
  w.u16(cur_cmd);
  w.u64(rows);
}

void write_message(ByteWriter& w, std::uint8_t token, const Message& m,
                   const std::string& server) {
  w.u8(token);
  with_u16_length(w, [&] {
    w.u32(static_cast<std::uint32_t>(m.number));
    w.u8(m.state);
    w.u8(m.severity);
    w.us_varchar(m.text);
    w.b_varchar(server);
    w.b_varchar(m.proc);
    w.u32(static_cast<std::uint32_t>(m.line));
  });
}

void write_env_strings(ByteWriter& w, std::uint8_t type, const std::string& new_value,
                       const std::string& old_value) {
  w.u8(k_tok_envchange);
  with_u16_length(w, [&] {
    w.u8(type);
    w.b_varchar(new_value);
    w.b_varchar(old_value);
  });
}

void write_env_bytes(ByteWriter& w, std::uint8_t type, const std::string& new_value,
                     const std::string& old_value) {
  w.u8(k_tok_envchange);
  with_u16_length(w, [&] {
    w.u8(type);
    w.b_varbyte(new_value);
    w.b_varbyte(old_value);
  });
}

void write_loginack(ByteWriter& w, std::uint32_t tds_version, const std::string& prog_name) {
  w.u8(k_tok_loginack);
  with_u16_length(w, [&] {
    w.u8(1);  // SQL_TSQL
    w.u32be(tds_version);
    w.b_varchar(prog_name);
    w.u8(16);  // SQL Server 2022 (16.0.1000)
    w.u8(0);
    w.u16be(1000);
  });
}

void write_return_status(ByteWriter& w, std::int32_t status) {
  w.u8(k_tok_returnstatus);
  w.u32(static_cast<std::uint32_t>(status));
}

}  // namespace tdstest
