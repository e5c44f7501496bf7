#include "targets/postgres/pg_writer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/embedded_sql.hpp"
#include "targets/postgres/pg_ddl.hpp"
#include "verify/checksum.hpp"

namespace cutover::pg {

namespace {
constexpr size_t k_send_bytes = 1 << 20;
}

Result<std::vector<PgWire>> wire_columns(const TablePlan& table) {
  std::vector<PgWire> wires;
  for (const auto& c : table.columns) {
    // A relayed field (PostgreSQL source) is sent as it came: bytea's
    // encoding writes the length and the bytes unchanged. An enum type's
    // binary form is its label's text.
    bool relayed = c.type.decode == Decode::pg_binary || c.type.decode == Decode::pg_text;
    auto w = relayed                   ? std::optional(PgWire::bytea)
             : !c.enum_labels.empty() ? std::optional(PgWire::text)
                                      : wire_for_type(c.type.target_type);
    if (!w) {
      Error e;
      e.kind = ErrorKind::config;
      e.message = fmt::format("target type '{}' cannot be written in binary COPY", c.type.target_type);
      e.hint = fmt::format("cast the column to a supported type, e.g. --cast '{}.{}=text'",
                           table.source.name, c.source_name);
      return fail(e.in_table(table.source.name).in_column(c.source_name));
    }
    wires.push_back(*w);
  }
  return wires;
}

PgChunkWriter::PgChunkWriter(ConnectionPool& pool, Connection conn, const TablePlan& table,
                             const ChunkSpec& chunk, std::string run_id)
    : pool_(pool),
      conn_(std::move(conn)),
      table_(table),
      chunk_(&chunk),
      run_id_(std::move(run_id)),
      encoder_(*wire_columns(table)),
      text_relay_(!table.columns.empty() && table.columns.front().type.decode == Decode::pg_text) {}

PgChunkWriter::~PgChunkWriter() { abort(); }

void PgChunkWriter::append_header() {
  if (!text_relay_) CopyBinaryEncoder::append_header(buffer_);
}

void PgChunkWriter::append_trailer() {
  if (!text_relay_) CopyBinaryEncoder::append_trailer(buffer_);
}

// A relayed row as it came (binary tuple or text line), a row of relayed
// COPY text fields, or one encoded binary tuple.
Status PgChunkWriter::append_row(const RowBatch& batch, size_t row) {
  if (batch.has_raw_rows()) {
    buffer_.append(batch.raw_rows(row, row + 1));
    return {};
  }
  if (!text_relay_) return encoder_.append_row(batch, row, buffer_);
  for (size_t c = 0; c < batch.columns(); ++c) {
    if (c) buffer_ += '\t';
    const Cell& cell = batch.at(row, c);
    if (cell.kind == ValueKind::null) buffer_ += "\\N";
    else buffer_ += batch.payload(cell);
  }
  buffer_ += '\n';
  return {};
}

Error PgChunkWriter::with_context(Error e) const {
  e.context.table = table_.target_schema + "." + table_.target_name;
  e.context.chunk = chunk_->index;
  return e;
}

Status PgChunkWriter::begin() {
  if (auto st = conn_.execute("BEGIN"); !st) return fail(with_context(st.error()));
  open_ = true;
  const ChunkSpec* scope = replace_.whole_table ? nullptr : chunk_;
  // A plain load of a one-chunk table: the rows go in frozen. Not under the
  // savepoints of isolation (FREEZE needs the TRUNCATE in its own
  // subtransaction) nor when replacing rows (verify --fix).
  freeze_ = table_.truncate_freeze && replace_.mode == ReplaceMode::none && !isolating_;
  Status st;
  if (freeze_) st = conn_.execute(truncate_sql(table_));
  if (replace_.mode == ReplaceMode::delete_range) st = conn_.execute(delete_range_sql(table_, scope));
  if (replace_.mode == ReplaceMode::merge_by_key) st = conn_.execute(create_fix_table_sql(table_));
  if (!st) return fail(with_context(st.error()));
  if (isolating_) return {};
  buffer_.reserve(k_send_bytes + (256 << 10));
  return start_copy();
}

Status PgChunkWriter::start_copy() {
  bool merge = replace_.mode == ReplaceMode::merge_by_key;
  if (auto st = conn_.copy_start(copy_sql(table_, merge ? k_fix_table : "", freeze_)); !st)
    return fail(with_context(st.error()));
  copying_ = true;
  append_header();
  return {};
}

Status PgChunkWriter::end_copy() {
  append_trailer();
  if (auto st = flush(true); !st) return st;
  copying_ = false;
  if (auto st = conn_.copy_end(); !st) return fail(with_context(st.error()));
  return {};
}

Status PgChunkWriter::next_chunk(const ChunkRecord& done, const ChunkSpec& next) {
  if (isolating_) return fail(ErrorKind::internal, "next_chunk is not available while isolating rows");
  if (auto st = end_copy(); !st) return st;
  if (auto st = record_chunk(done); !st) return st;
  chunk_ = &next;
  return start_copy();
}

Status PgChunkWriter::send(std::string_view data) {
  if (auto st = conn_.copy_send(data); !st) return fail(with_context(st.error()));
  bytes_sent_ += static_cast<int64_t>(data.size());
  return {};
}

Status PgChunkWriter::flush(bool force) {
  if (buffer_.empty() || (!force && buffer_.size() < k_send_bytes)) return {};
  Status st = send(buffer_);
  buffer_.clear();
  return st;
}

Status PgChunkWriter::write(const RowBatch& batch) {
  if (isolating_) return write_range(batch, 0, batch.rows());
  if (batch.has_raw_rows()) {  // relayed rows: sent as they came, in one piece
    std::string_view rows = batch.raw_rows(0, batch.rows());
    if (!buffer_.empty() || rows.size() < k_send_bytes) {
      buffer_.append(rows);
      return flush(false);
    }
    return send(rows);
  }
  for (size_t r = 0; r < batch.rows(); ++r) {
    if (auto st = append_row(batch, r); !st) {
      Error e = st.error();
      return fail(with_context(std::move(e)));
    }
    if (buffer_.size() >= k_send_bytes)
      if (auto st = flush(true); !st) return st;
  }
  return {};
}

Status PgChunkWriter::commit(const ChunkRecord& done) {
  if (!isolating_)
    if (auto st = end_copy(); !st) return st;
  if (replace_.mode == ReplaceMode::merge_by_key)
    for (const auto& sql : merge_sql(table_, replace_.key_columns, replace_.whole_table ? nullptr : chunk_))
      if (auto st = conn_.execute(sql); !st) return fail(with_context(st.error()));
  if (auto st = record_chunk(done); !st) return st;
  if (auto st = conn_.execute("COMMIT"); !st) return fail(with_context(st.error()));
  open_ = false;
  pool_.release(std::move(conn_));
  return {};
}

Status PgChunkWriter::record_chunk(const ChunkRecord& record) {
  if (run_id_.empty()) return {};
  nlohmann::json rules = record.rules.counts;
  nlohmann::json totals = record.totals;
  std::vector<std::optional<std::string>> params = {
      run_id_,
      table_.target_schema + "." + table_.target_name,
      std::to_string(chunk_->index),
      chunk_->describe(),
      std::to_string(record.rows),
      std::to_string(record.bytes),
      checksum_hex(record.checksum),
      std::to_string(record.rejected),
      rules.dump(),
      record.source_position.empty() ? std::nullopt : std::optional(record.source_position),
      totals.dump()};
  if (auto st = conn_.execute(sql_file("targets/postgres/sql/record_chunk.sql"), params); !st)
    return fail(with_context(st.error()));
  return {};
}

namespace {

// A value the target refuses (bad encoding, out of range, constraint)
// rather than a failure of the connection or the statement.
bool is_row_refusal(const Error& e) {
  return e.kind == ErrorKind::data || e.sqlstate.rfind("22", 0) == 0 || e.sqlstate.rfind("23", 0) == 0;
}

}  // namespace

// One COPY of rows [lo, hi); rows the encoder refuses are refused at once.
Status PgChunkWriter::copy_rows(const RowBatch& batch, size_t lo, size_t hi) {
  if (auto st = conn_.copy_start(copy_sql(table_)); !st) return st;
  copying_ = true;
  append_header();
  for (size_t r = lo; r < hi; ++r) {
    size_t mark = buffer_.size();
    if (auto st = append_row(batch, r); !st) {
      buffer_.resize(mark);
      if (hi - lo == 1) refused_.push_back({r, with_context(st.error())});
      else return st;  // bisect: the single-row COPY will refuse it
    }
    if (auto st = flush(false); !st) return st;
  }
  append_trailer();
  if (auto st = flush(true); !st) return st;
  copying_ = false;
  return conn_.copy_end();
}

Status PgChunkWriter::write_range(const RowBatch& batch, size_t lo, size_t hi) {
  if (lo >= hi) return {};
  if (auto st = conn_.execute("SAVEPOINT cutover_rows"); !st) return fail(with_context(st.error()));
  auto st = copy_rows(batch, lo, hi);
  if (st) return conn_.execute("RELEASE SAVEPOINT cutover_rows");
  if (copying_) conn_.copy_abort("cutover: isolating refused rows");
  copying_ = false;
  buffer_.clear();
  if (!is_row_refusal(st.error())) return fail(with_context(st.error()));
  if (auto rb = conn_.execute("ROLLBACK TO SAVEPOINT cutover_rows"); !rb) return rb;
  if (hi - lo == 1) {
    if (refused_.empty() || refused_.back().row != lo) refused_.push_back({lo, with_context(st.error())});
    return conn_.execute("RELEASE SAVEPOINT cutover_rows");
  }
  if (auto rel = conn_.execute("RELEASE SAVEPOINT cutover_rows"); !rel) return rel;
  size_t mid = lo + (hi - lo) / 2;
  if (auto a = write_range(batch, lo, mid); !a) return a;
  return write_range(batch, mid, hi);
}

void PgChunkWriter::abort() noexcept {
  if (!conn_.raw()) return;
  if (copying_) conn_.copy_abort("cutover: chunk aborted");
  copying_ = false;
  if (open_) (void)conn_.execute("ROLLBACK");
  open_ = false;
  if (conn_.ok()) pool_.release(std::move(conn_));
}

}  // namespace cutover::pg
