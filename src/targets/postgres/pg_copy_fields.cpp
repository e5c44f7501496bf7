#include "targets/postgres/pg_copy_fields.hpp"

#include <fmt/format.h>

namespace cutover::pg {

namespace {

constexpr size_t k_binary_header = 19;  // signature, flags, extension length

int32_t be32(const char* p) {
  auto u = [&](int i) { return static_cast<uint32_t>(static_cast<unsigned char>(p[i])); };
  return static_cast<int32_t>(u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3));
}

int16_t be16(const char* p) {
  return static_cast<int16_t>(static_cast<unsigned char>(p[0]) << 8 | static_cast<unsigned char>(p[1]));
}

std::unexpected<Error> malformed(const std::string& what) {
  return fail(ErrorKind::internal, "malformed COPY data: " + what,
              "report this with the server version; --cast the column to text to work around it");
}

}  // namespace

Status CopyFieldParser::feed(std::string_view data, RowBatch& batch) {
  if (pending_.empty()) {
    auto used = parse(data, batch);
    if (!used) return fail(std::move(used.error()));
    pending_.assign(data.substr(*used));
    return {};
  }
  pending_.append(data);
  auto used = parse(pending_, batch);
  if (!used) return fail(std::move(used.error()));
  pending_.erase(0, *used);
  return {};
}

Result<size_t> CopyFieldParser::parse(std::string_view data, RowBatch& batch) {
  size_t pos = 0;
  if (!text_ && !header_done_) {
    if (data.size() < k_binary_header) return 0;
    if (data.substr(0, 11) != std::string_view("PGCOPY\n\377\r\n\0", 11)) return malformed("no binary COPY signature");
    size_t ext = static_cast<size_t>(be32(data.data() + 15));
    if (data.size() < k_binary_header + ext) return 0;
    pos = k_binary_header + ext;
    header_done_ = true;
  }
  while (pos < data.size() && !finished_) {
    auto used = text_ ? parse_text_row(data.substr(pos), batch) : parse_binary_row(data.substr(pos), batch);
    if (!used) return fail(std::move(used.error()));
    if (*used == 0) break;
    pos += *used;
  }
  return pos;
}

Result<size_t> CopyFieldParser::parse_binary_row(std::string_view data, RowBatch& batch) {
  if (data.size() < 2) return 0;
  int16_t fields = be16(data.data());
  if (fields == -1) {
    finished_ = true;
    return 2;
  }
  if (static_cast<size_t>(fields) != columns_)
    return malformed(fmt::format("a row has {} fields, {} expected", fields, columns_));
  size_t pos = 2;
  for (size_t f = 0; f < columns_; ++f) {  // check the tuple is complete first
    if (data.size() < pos + 4) return 0;
    int32_t len = be32(data.data() + pos);
    pos += 4 + (len > 0 ? static_cast<size_t>(len) : 0);
    if (data.size() < pos) return 0;
  }
  size_t base = batch.put_raw_row(data.substr(0, pos));
  size_t end = pos;
  pos = 2;
  for (size_t f = 0; f < columns_; ++f) {
    int32_t len = be32(data.data() + pos);
    pos += 4;
    if (len < 0) {
      batch.put_null();
      continue;
    }
    batch.put_ref(ValueKind::bytes, base + pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
  }
  return end;
}

Result<size_t> CopyFieldParser::parse_text_row(std::string_view data, RowBatch& batch) {
  size_t end = data.find('\n');
  if (end == std::string_view::npos) return 0;
  std::string_view line = data.substr(0, end);
  size_t base = batch.put_raw_row(data.substr(0, end + 1));
  size_t fields = 0;
  for (size_t start = 0;; ++fields) {
    size_t tab = line.find('\t', start);
    std::string_view field = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (fields < columns_) {
      if (field == "\\N") batch.put_null();
      else batch.put_ref(ValueKind::bytes, base + start, field.size());
    }
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (fields + 1 != columns_) {
    batch.discard_partial_row();
    return malformed(fmt::format("a text row has {} fields, {} expected", fields + 1, columns_));
  }
  return end + 1;
}

}  // namespace cutover::pg
