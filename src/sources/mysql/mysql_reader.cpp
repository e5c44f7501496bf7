#include "sources/mysql/mysql_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

#include "core/convert.hpp"
#include "sources/mysql/mysql_chunker.hpp"
#include "sources/mysql/mysql_decode.hpp"

namespace cutover::mysql {
namespace {

std::vector<ColumnDecoder> decoders_of(const TablePlan& plan) {
  std::vector<ColumnDecoder> out;
  for (const auto& c : plan.columns) out.emplace_back(c, *plan.source.find_column(c.source_name));
  return out;
}

std::vector<std::string> key_columns(const Table& t) {
  std::string why_not;
  return chunk_key(t, why_not);
}

class Reader final : public DecodingReader<Fired> {
 public:
  Reader(ReadSession session, const TablePlan& plan, const ReadOptions& options)
      : session_(std::move(session)), decoders_(decoders_of(plan)), keys_(key_columns(plan.source)), options_(options) {
    ctx_.nul_policy = options.nul_policy;
    ctx_.nul_replacement = options.nul_replacement;
    ctx_.table = plan.source.name;
  }

  Status start(const std::string& sql) {
    auto s = session_of(session_).binary_stream(sql);
    if (!s) return fail(s.error().in_table(ctx_.table));
    stream_ = std::move(*s);
    return {};
  }

  Result<bool> next(RowBatch& batch) override {
    batch.reset(decoders_.size());
    while (!done_) {
      auto row = stream_->next();
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
    for (unsigned i = 0; i < decoders_.size(); ++i)
      if (!read_value(i, batch)) {
        batch.discard_partial_row();
        reject(decoders_[i].source_name());
        return;
      }
    row_accepted(ctx_.fired);
  }

  bool read_value(unsigned i, RowBatch& batch) {
    if (stream_->is_null(i)) return decoders_[i].decode(nullptr, 0, batch, ctx_);
    if (auto n = stream_->native(i))
      if (auto done = decoders_[i].decode_native(*n, batch, ctx_)) return *done;
    auto v = stream_->text(i);
    return decoders_[i].decode(v.data(), v.size(), batch, ctx_);
  }

  void reject(const std::string& column) { row_rejected(ctx_.table, row_key(), column, ctx_.reject); }

  std::string row_key() const {
    if (keys_.empty()) return fmt::format("row {} of the chunk", row_number_);
    std::string out;
    for (size_t k = 0; k < keys_.size(); ++k) {
      if (!out.empty()) out += ", ";
      out += fmt::format("{}={}", keys_[k], display_value(stream_->text(static_cast<unsigned>(decoders_.size() + k))));
    }
    return out;
  }

  ReadSession session_;
  std::unique_ptr<RowStream> stream_;  // declared after session_: drained before the session returns
  std::vector<ColumnDecoder> decoders_;
  std::vector<std::string> keys_;
  ReadOptions options_;
  DecodeContext ctx_;
  int64_t row_number_ = 0;
  bool done_ = false;
};

}  // namespace

std::string select_sql(const TablePlan& plan, const ChunkSpec& chunk) {
  std::vector<std::string> cols;
  for (const auto& d : decoders_of(plan)) cols.push_back(d.select_expr());
  for (const auto& k : key_columns(plan.source)) cols.push_back(quote_identifier(k));
  return fmt::format("SELECT {} FROM {}{}", fmt::join(cols, ", "), quote_identifier(plan.source.name),
                     chunk_where(chunk));
}

Result<std::unique_ptr<ChunkReader>> open_reader(ReadSession session, const TablePlan& table,
                                                 const ChunkSpec& chunk, const ReadOptions& options) {
  auto reader = std::make_unique<Reader>(std::move(session), table, options);
  if (auto st = reader->start(select_sql(table, chunk)); !st) return fail(st.error());
  return reader;
}

}  // namespace cutover::mysql
