// Splits the data of COPY ... TO STDOUT into cells without decoding them:
// binary tuples (after the 19-byte header) or text lines; each cell is the
// field as COPY sent it (ValueKind::bytes: the binary payload, or the escaped
// COPY text), NULL as a null cell. Each row is also kept whole as a raw row
// of the batch (RowBatch::put_raw_row) with its cells pointing into it, so
// the writer relays it with one copy. Used by the PostgreSQL source to relay
// rows and by verification to scan relayed tables the same way.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/row_batch.hpp"

namespace cutover::pg {

// Input may end inside a tuple: the rest waits for more data.
class CopyFieldParser {
 public:
  CopyFieldParser(size_t columns, bool text) : columns_(columns), text_(text) {}
  // Appends the complete rows of pending data + `data` to `batch`.
  Status feed(std::string_view data, RowBatch& batch);
  bool finished() const { return finished_; }  // binary trailer seen

 private:
  // Parses rows from `data`; returns the bytes consumed.
  Result<size_t> parse(std::string_view data, RowBatch& batch);
  Result<size_t> parse_binary_row(std::string_view data, RowBatch& batch);
  Result<size_t> parse_text_row(std::string_view data, RowBatch& batch);

  size_t columns_;
  bool text_;
  bool header_done_ = false;
  bool finished_ = false;
  std::string pending_;
};

}  // namespace cutover::pg
