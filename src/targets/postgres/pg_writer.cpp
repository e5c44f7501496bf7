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
    auto w = wire_for_type(c.type.target_type);
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
      chunk_(chunk),
      run_id_(std::move(run_id)),
      encoder_(*wire_columns(table)) {}

PgChunkWriter::~PgChunkWriter() { abort(); }

Error PgChunkWriter::with_context(Error e) const {
  e.context.table = table_.target_schema + "." + table_.target_name;
  e.context.chunk = chunk_.index;
  return e;
}

Status PgChunkWriter::begin() {
  if (auto st = conn_.execute("BEGIN"); !st) return fail(with_context(st.error()));
  open_ = true;
  if (auto st = conn_.copy_start(copy_sql(table_)); !st) return fail(with_context(st.error()));
  copying_ = true;
  buffer_.reserve(k_send_bytes + (256 << 10));
  CopyBinaryEncoder::append_header(buffer_);
  return {};
}

Status PgChunkWriter::flush(bool force) {
  if (buffer_.empty() || (!force && buffer_.size() < k_send_bytes)) return {};
  if (auto st = conn_.copy_send(buffer_); !st) return fail(with_context(st.error()));
  bytes_sent_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
  return {};
}

Status PgChunkWriter::write(const RowBatch& batch) {
  for (size_t r = 0; r < batch.rows(); ++r) {
    if (auto st = encoder_.append_row(batch, r, buffer_); !st) {
      Error e = st.error();
      return fail(with_context(std::move(e)));
    }
    if (buffer_.size() >= k_send_bytes)
      if (auto st = flush(true); !st) return st;
  }
  return {};
}

Status PgChunkWriter::commit(const ChunkRecord& record) {
  CopyBinaryEncoder::append_trailer(buffer_);
  if (auto st = flush(true); !st) return st;
  copying_ = false;
  if (auto st = conn_.copy_end(); !st) return fail(with_context(st.error()));
  nlohmann::json rules = record.rules.counts;
  nlohmann::json totals = record.totals;
  std::vector<std::optional<std::string>> params = {
      run_id_,
      table_.target_schema + "." + table_.target_name,
      std::to_string(chunk_.index),
      chunk_.describe(),
      std::to_string(record.rows),
      std::to_string(record.bytes),
      checksum_hex(record.checksum),
      std::to_string(record.rejected),
      rules.dump(),
      record.source_position.empty() ? std::nullopt : std::optional(record.source_position),
      totals.dump()};
  if (auto st = conn_.execute(sql_file("targets/postgres/sql/record_chunk.sql"), params); !st)
    return fail(with_context(st.error()));
  if (auto st = conn_.execute("COMMIT"); !st) return fail(with_context(st.error()));
  open_ = false;
  pool_.release(std::move(conn_));
  return {};
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
