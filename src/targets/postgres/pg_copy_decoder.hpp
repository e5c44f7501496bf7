// COPY ... TO STDOUT (FORMAT binary) decoder: the inverse of
// CopyBinaryEncoder, bytes in, canonical values out, no I/O. Verification
// decodes the target's rows into the canonical kinds the source decoded
// into (ColumnPlan.type.kind), so row_hash() of a target row equals
// row_hash() of the source row it came from (verify/checksum.hpp).
// Golden and round-trip tests: tests/unit/pg_copy_decoder_test.cpp.
//
// Thread safety: none; one decoder per stream.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/row_batch.hpp"
#include "targets/postgres/pg_copy_encoder.hpp"

namespace cutover::pg {

class CopyBinaryDecoder {
 public:
  // `wires`: the columns' wire forms as selected; `kinds`: the canonical
  // kind wanted per column. A wire converts to a kind when the encoder
  // could have produced it from that kind: integers of any width, float4
  // and float8 into either float kind, numeric into decimal, integer kinds
  // (integral values) and float kinds, text into text/enum_label/json,
  // json/jsonb into json or text. Any other pair yields the wire's own
  // canonical kind (so the row hashes differently and verification reports it).
  CopyBinaryDecoder(std::vector<PgWire> wires, std::vector<ValueKind> kinds);

  // Decodes the complete tuples at the start of `data` (the stream's header
  // first), appending rows to `out`; returns the bytes consumed. A tuple cut
  // at the end of `data` is left unconsumed: pass it again with what follows.
  // Malformed input is an ErrorKind::internal error naming the column.
  Result<size_t> decode(std::string_view data, RowBatch& out);
  // True once the trailer (field count -1) was read.
  bool finished() const { return finished_; }
  // Decodes one non-NULL field `v` of column `col` (a relayed value of a
  // PostgreSQL source, shown to people by verification) into `out`.
  Status decode_field(size_t col, std::string_view v, RowBatch& out) const;

 private:

  std::vector<PgWire> wires_;
  std::vector<ValueKind> kinds_;
  bool header_read_ = false;
  bool finished_ = false;
};

// Decimal text of a binary numeric payload ("-12.340", "NaN", "Infinity"),
// with as many fractional digits as its display scale; false when malformed.
bool numeric_to_text(std::string_view payload, std::string& out);

}  // namespace cutover::pg
