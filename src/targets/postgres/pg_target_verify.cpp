// PgTarget's verification side: the stored run, binary COPY scans decoded
// into canonical rows, and the tables that reference a table.
#include <fmt/format.h>

#include "targets/postgres/pg_copy_decoder.hpp"
#include "targets/postgres/pg_copy_fields.hpp"
#include "targets/postgres/pg_ddl.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "targets/postgres/pg_target.hpp"
#include "targets/postgres/pg_writer.hpp"

namespace cutover::pg {

namespace {

constexpr size_t k_scan_batch_rows = 8192;
constexpr size_t k_scan_batch_bytes = 8 << 20;

Error in_table(Error e, const TablePlan& t) {
  if (e.context.table.empty()) e.context.table = t.target_schema + "." + t.target_name;
  return e;
}

}  // namespace

Result<std::optional<std::vector<CommittedChunk>>> PgTarget::attach_run(const RunIdentity& run) {
  using Out = std::optional<std::vector<CommittedChunk>>;
  auto stored = with_connection(pool_, [&](Connection& c) -> Result<bool> {
    auto r = c.query("SELECT to_regclass('cutover_state.runs') IS NOT NULL");
    if (!r) return fail(std::move(r.error()));
    if (r->get(0, 0) != "t") return false;
    auto same = c.query("SELECT 1 FROM cutover_state.runs WHERE run_id = $1 AND plan_hash = $2",
                        {run.run_id, run.plan_hash});
    if (!same) return fail(std::move(same.error()));
    return same->rows() == 1;
  });
  if (!stored) return fail(std::move(stored.error()));
  if (!*stored) return Out{};
  run_id_ = run.run_id;
  auto chunks = committed_chunks();
  if (!chunks) return fail(std::move(chunks.error()));
  return Out{std::move(*chunks)};
}

Status PgTarget::scan_rows(const TablePlan& table, const ChunkSpec* range,
                           const std::function<Status(const RowBatch&)>& on_rows) {
  auto wires = wire_columns(table);
  if (!wires) return fail(std::move(wires.error()));
  std::vector<ValueKind> kinds;
  for (const auto& c : table.columns) kinds.push_back(c.type.kind);
  CopyBinaryDecoder decoder(std::move(*wires), std::move(kinds));
  auto conn = pool_.acquire();
  if (!conn) return fail(in_table(std::move(conn.error()), table));
  RowBatch batch(table.columns.size());
  batch.reserve(k_scan_batch_rows, 1 << 20);
  std::string carry;  // a tuple split across messages (the server sends whole ones)
  auto hand_over = [&]() -> Status {
    if (batch.rows() == 0) return {};
    Status st = on_rows(batch);
    batch.clear();
    return st;
  };
  Decode decode = table.columns.empty() ? Decode::native : table.columns.front().type.decode;
  if (decode == Decode::pg_binary || decode == Decode::pg_text) {
    // Relayed fields (PostgreSQL sources) hash as the bytes COPY sent.
    CopyFieldParser fields(table.columns.size(), decode == Decode::pg_text);
    Status st = conn->copy_out(copy_out_sql(table, range), [&](std::string_view data) -> Status {
      if (auto fed = fields.feed(data, batch); !fed) return fed;
      if (batch.rows() >= k_scan_batch_rows || batch.byte_size() >= k_scan_batch_bytes) return hand_over();
      return {};
    });
    if (st) st = hand_over();
    if (!st) return fail(in_table(std::move(st.error()), table));
    pool_.release(std::move(*conn));
    return {};
  }
  Status st = conn->copy_out(copy_out_sql(table, range), [&](std::string_view data) -> Status {
    std::string_view in = data;
    if (!carry.empty()) in = carry.append(data);
    auto used = decoder.decode(in, batch);
    if (!used) return fail(std::move(used.error()));
    if (carry.empty()) carry.assign(in.substr(*used));
    else carry.erase(0, *used);
    if (batch.rows() >= k_scan_batch_rows || batch.byte_size() >= k_scan_batch_bytes) return hand_over();
    return {};
  });
  if (st) st = hand_over();
  if (st && (!decoder.finished() || !carry.empty()))
    st = fail(ErrorKind::internal, "COPY binary stream ended inside a tuple");
  if (!st) return fail(in_table(std::move(st.error()), table));  // the connection is dropped
  pool_.release(std::move(*conn));
  return {};
}

Result<std::vector<std::string>> PgTarget::referenced_by(const TablePlan& table) {
  return with_connection(pool_, [&](Connection& c) -> Result<std::vector<std::string>> {
    auto r = c.query(
        "SELECT DISTINCT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' "
        "AND confrelid = to_regclass($1)",
        {qualified(table.target_schema, table.target_name)});
    if (!r) return fail(std::move(r.error()));
    std::vector<std::string> out;
    for (int i = 0; i < r->rows(); ++i) out.emplace_back(r->get(i, 0));
    return out;
  });
}

}  // namespace cutover::pg
