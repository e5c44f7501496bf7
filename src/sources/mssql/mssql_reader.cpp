#include "sources/mssql/mssql_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include "core/convert.hpp"
#include "sources/mssql/mssql_chunker.hpp"
#include "sources/mssql/mssql_decode.hpp"

namespace cutover::mssql {
namespace {

std::vector<ColumnDecoder> decoders_of(const TablePlan& plan) {
  std::vector<ColumnDecoder> out;
  for (const auto& c : plan.columns) {
    out.emplace_back(c, *plan.source.find_column(c.source_name));
    if (c.derived.empty()) continue;
    for (auto& d : out)
      if (d.source_name() == c.source_name && d.derived().empty()) d.derived_kept(c.derived);
  }
  return out;
}

class Reader final : public DecodingReader<Fired> {
 public:
  Reader(ReadSession session, const TablePlan& plan, const ReadOptions& options)
      : session_(std::move(session)), decoders_(decoders_of(plan)), keys_(plan.source.primary_key), options_(options) {
    ctx_.nul_policy = options.nul_policy;
    ctx_.nul_replacement = options.nul_replacement;
    ctx_.table = plan.source.name;
  }

  Status start(const std::string& sql) {
    auto st = session_of(session_).statement();
    if (!st) return fail(st.error().in_table(ctx_.table));
    statement_.emplace(std::move(*st));
    if (auto r = statement_->execute(sql); !r) return fail(r.error().in_table(ctx_.table));
    return {};
  }

  Result<bool> next(RowBatch& batch) override {
    batch.reset(decoders_.size());
    while (!done_) {
      auto row = statement_->fetch();
      if (!row) return fail(fetch_error(row.error()));
      if (!*row) {
        done_ = true;
        break;
      }
      ++row_number_;
      if (auto st = read_row(batch); !st) return fail(st.error().in_table(ctx_.table));
      if (batch_full(batch, options_)) return true;
    }
    return false;
  }

 private:
  Status read_row(RowBatch& batch) {
    ctx_.fired.fill(0);
    int col = 1;
    for (size_t i = 0; i < decoders_.size(); col += decoders_[i++].width()) {
      auto ok = decoders_[i].decode(*statement_, col, batch, ctx_);
      if (!ok) return fail(ok.error());
      if (!*ok) {
        batch.discard_partial_row();
        return reject(decoders_[i].source_name());
      }
    }
    row_accepted(ctx_.fired);
    return {};
  }

  // A transient error (connection lost, deadlock victim, ...) is retried
  // with the chunk; any other stops the table, with what to do about it.
  Error fetch_error(Error e) const {
    e.in_table(ctx_.table);
    if (e.retryable) return e;
    return e.with_hint(fmt::format("SQL Server raised this error while sending row {} of the chunk: fix the value on "
                                   "the server (a computed column, a conversion) or --exclude the table, then run "
                                   "again",
                                   row_number_ + 1));
  }

  Status reject(const std::string& column) {
    auto key = row_key();
    if (!key) return fail(key.error());
    row_rejected(ctx_.table, std::move(*key), column, ctx_.reject);
    return {};
  }

  // The key columns follow the plan's columns in the SELECT.
  Result<std::string> row_key() {
    if (keys_.empty()) return fmt::format("row {} of the chunk", row_number_);
    int first = 1;
    for (const auto& d : decoders_) first += d.width();
    std::string out;
    for (size_t k = 0; k < keys_.size(); ++k) {
      auto v = statement_->text(first + static_cast<int>(k));
      if (!v) return fail(v.error());
      out += fmt::format("{}{}={}", out.empty() ? "" : ", ", keys_[k], display_value(v->value_or("NULL")));
    }
    return out;
  }

  ReadSession session_;
  std::optional<Statement> statement_;  // declared after session_: freed before it
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
  for (const auto& k : plan.source.primary_key) cols.push_back(quote_identifier(k));
  return fmt::format("SELECT {} FROM {}{}", fmt::join(cols, ", "), qualified_name(plan.source), chunk_where(chunk));
}

Result<std::unique_ptr<ChunkReader>> open_reader(ReadSession session, const TablePlan& table, const ChunkSpec& chunk,
                                                 const ReadOptions& options) {
  auto reader = std::make_unique<Reader>(std::move(session), table, options);
  if (auto st = reader->start(select_sql(table, chunk)); !st) return fail(st.error());
  return reader;
}

}  // namespace cutover::mssql
