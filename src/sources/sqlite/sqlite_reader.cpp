#include "sources/sqlite/sqlite_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_chunker.hpp"
#include "sources/sqlite/sqlite_decode.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"
#include "sources/sqlite/sqlite_session.hpp"

namespace cutover::sqlite {
namespace {

// Result columns that identify a row for reject records.
std::vector<std::string> key_columns(const Table& t) {
  if (!t.without_rowid) {
    std::string r = rowid_name(t);
    return r.empty() ? std::vector<std::string>{} : std::vector<std::string>{r};
  }
  return t.primary_key;
}

std::string select_sql(const TablePlan& plan, const std::vector<std::string>& keys, const ChunkSpec& chunk) {
  std::string cols;
  for (const auto& c : plan.columns) {
    if (!cols.empty()) cols += ", ";
    cols += quote_identifier(c.source_name);
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!cols.empty()) cols += ", ";
    bool rowid = !plan.source.without_rowid;
    cols += rowid ? keys[i] : quote_identifier(keys[i]);
  }
  return fmt::format("SELECT {} FROM {}{}", cols, quote_identifier(plan.source.name),
                     chunk_where(plan.source, chunk));
}

class Reader final : public DecodingReader<Fired> {
 public:
  Reader(Session session, Statement stmt, const TablePlan& plan, std::vector<std::string> keys,
         const ReadOptions& options)
      : session_(std::move(session)), stmt_(std::move(stmt)), keys_(std::move(keys)), options_(options) {
    for (const auto& c : plan.columns) decoders_.emplace_back(c);
    ctx_.nul_policy = options.nul_policy;
    ctx_.nul_replacement = options.nul_replacement;
    ctx_.table = plan.source.name;
  }

  Result<bool> next(RowBatch& batch) override {
    batch.reset(decoders_.size());
    while (!done_) {
      auto row = stmt_.step();
      if (!row) return fail(row.error().in_table(ctx_.table));
      if (!*row) {
        done_ = true;
        break;
      }
      ++row_number_;
      read_row(batch);
      if (batch_full(batch, options_)) return true;
    }
    return false;
  }

 private:
  void read_row(RowBatch& batch) {
    ctx_.fired.fill(0);
    sqlite3_stmt* st = stmt_.get();
    const int n = static_cast<int>(decoders_.size());
    for (int i = 0; i < n; ++i) {
      if (!decoders_[i].decode(st, i, batch, ctx_)) {
        batch.discard_partial_row();
        reject(decoders_[i].source_name());
        return;
      }
    }
    row_accepted(ctx_.fired);
  }

  void reject(const std::string& column) { row_rejected(ctx_.table, row_key(), column, ctx_.reject); }

  std::string row_key() const {
    if (keys_.empty()) return fmt::format("row {} of the chunk", row_number_);
    const int first = static_cast<int>(decoders_.size());
    std::string out;
    for (size_t k = 0; k < keys_.size(); ++k) {
      if (!out.empty()) out += ", ";
      out += fmt::format("{}={}", keys_[k], display_value(stmt_.column_text(first + static_cast<int>(k))));
    }
    return out;
  }

  Session session_;  // declared before stmt_: the statement is finalized first
  Statement stmt_;
  std::vector<ColumnDecoder> decoders_;
  std::vector<std::string> keys_;
  ReadOptions options_;
  DecodeContext ctx_;
  int64_t row_number_ = 0;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ChunkReader>> open_reader(const std::string& path, const TablePlan& table,
                                                 const ChunkSpec& chunk, const ReadOptions& options) {
  auto session = Session::open_read_only(path);
  if (!session) return fail(session.error().in_table(table.source.name));
  auto keys = key_columns(table.source);
  auto stmt = session->prepare(select_sql(table, keys, chunk));
  if (!stmt) return fail(stmt.error().in_table(table.source.name));
  return std::make_unique<Reader>(std::move(*session), std::move(*stmt), table, std::move(keys), options);
}

Result<int64_t> count_chunk_rows(const std::string& path, const TablePlan& table, const ChunkSpec& chunk) {
  auto session = Session::open_read_only(path);
  if (!session) return fail(session.error().in_table(table.source.name));
  auto n = session->query_int64(fmt::format("SELECT count(*) FROM {}{}", quote_identifier(table.source.name),
                                            chunk_where(table.source, chunk)));
  if (!n) return fail(n.error().in_table(table.source.name));
  return *n;
}

}  // namespace cutover::sqlite
