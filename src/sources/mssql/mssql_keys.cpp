#include "sources/mssql/mssql_keys.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sources/mssql/mssql_chunker.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {
namespace {

bool one_of(const std::string& base, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), base) != names.end();
}

// The columns of the primary key, else of the first unique index over NOT NULL columns.
std::vector<std::string> key_columns(const Table& t) {
  if (!t.primary_key.empty()) return t.primary_key;
  for (const Index& ix : t.indexes) {
    if (!ix.unique || ix.predicate) continue;
    std::vector<std::string> cols;
    for (const IndexColumn& c : ix.columns) {
      const Column* col = t.find_column(c.name);
      if (col == nullptr || !col->not_null || !c.expression.empty()) break;
      cols.push_back(c.name);
    }
    if (cols.size() == ix.columns.size()) return cols;
  }
  return {};
}

std::string quoted(std::string_view text, std::string_view prefix) {
  std::string out(prefix);
  out += '\'';
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + '\'';
}

std::string strict_of(std::string_view op) { return op == "<" ? "<" : ">"; }

// The OR-expansion of a tuple comparison from key part `i` on.
std::string expand(const std::vector<std::string>& q, const std::vector<std::string>& v, std::string_view op,
                   size_t i) {
  if (i + 1 == q.size()) return fmt::format("{} {} {}", q[i], op, v[i]);
  std::string rest = expand(q, v, op, i + 1);
  if (i + 2 < q.size()) rest = "(" + rest + ")";
  return fmt::format("{} {} {} OR ({} = {} AND {})", q[i], strict_of(op), v[i], q[i], v[i], rest);
}

std::vector<std::string> quoted_columns(const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(quote_identifier(c));
  return out;
}

// The SELECT of the next boundary: `step` rows past `after` (or from the start).
std::string boundary_sql(const Table& t, const ChunkKey& key, const std::vector<std::string>& after, int64_t step) {
  std::vector<std::string> exprs;
  for (size_t i = 0; i < key.columns.size(); ++i) exprs.push_back(key_select_expr(key.columns[i], key.forms[i]));
  auto q = quoted_columns(key.columns);
  std::string where = after.empty() ? "" : " WHERE " + tuple_compare(key.columns, after, ">");
  return fmt::format("SELECT {} FROM {}{} ORDER BY {} OFFSET {} ROWS FETCH NEXT 1 ROWS ONLY", fmt::join(exprs, ", "),
                     qualified_name(t), where, fmt::join(q, ", "), after.empty() ? step : step - 1);
}

// The next boundary's literals; empty past the last row.
Result<std::vector<std::string>> next_boundary(Session& s, const Table& t, const ChunkKey& key,
                                               const std::vector<std::string>& after, int64_t step) {
  std::vector<std::string> out;
  auto st = s.query_rows(boundary_sql(t, key, after, step), [&](const Session::TextRow& r) {
    for (size_t i = 0; i < key.forms.size(); ++i) out.push_back(key_literal(r[i].value_or(""), key.forms[i]));
  });
  if (!st) return fail(st.error());
  return out;
}

std::vector<ChunkSpec> to_chunks(const ChunkKey& key, const std::vector<std::vector<std::string>>& bounds,
                                 int64_t step) {
  std::vector<ChunkSpec> out;
  for (size_t i = 0; i <= bounds.size(); ++i) {
    ChunkSpec c;
    c.index = static_cast<int>(i);
    c.key_columns = key.columns;
    if (i > 0) c.lower = bounds[i - 1];
    if (i < bounds.size()) c.upper = bounds[i];
    c.estimated_rows = step;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::optional<KeyForm> key_form(const std::string& declared_type) {
  MssqlType t = parse_mssql_type(declared_type);
  if (t.max) return std::nullopt;
  if (one_of(t.base, {"tinyint", "smallint", "int", "bigint", "bit", "decimal", "numeric", "money", "smallmoney"}))
    return KeyForm::number;
  if (t.base == "uniqueidentifier") return KeyForm::guid;
  if (one_of(t.base, {"nchar", "nvarchar"})) return KeyForm::nstring;
  if (one_of(t.base, {"char", "varchar"})) return KeyForm::string;
  if (one_of(t.base, {"date", "time", "datetime", "datetime2", "smalldatetime", "datetimeoffset"}))
    return KeyForm::temporal;
  return std::nullopt;
}

ChunkKey chunk_key(const Table& t, std::string& why_not) {
  ChunkKey key;
  std::vector<std::string> cols = key_columns(t);
  if (cols.empty()) {
    why_not = "no primary key or unique index over NOT NULL columns";
    return key;
  }
  for (const auto& name : cols) {
    const Column* c = t.find_column(name);
    auto form = c ? key_form(c->declared_type) : std::nullopt;
    if (!form) {
      why_not = fmt::format("key column {} is {}, whose values cannot bound a range exactly", name,
                            c ? c->declared_type : "unknown");
      return {};
    }
    key.forms.push_back(*form);
  }
  key.columns = std::move(cols);
  std::string base = parse_mssql_type(t.find_column(key.columns[0])->declared_type).base;
  key.single_integer = key.columns.size() == 1 && one_of(base, {"tinyint", "smallint", "int", "bigint"});
  return key;
}

std::string key_select_expr(const std::string& column, KeyForm form) {
  if (form == KeyForm::temporal) return fmt::format("CONVERT(nvarchar(40), {}, 126)", quote_identifier(column));
  return quote_identifier(column);
}

std::string key_literal(const std::string& text, KeyForm form) {
  switch (form) {
    case KeyForm::number: return text;
    case KeyForm::nstring: return quoted(text, "N");
    default: return quoted(text, "");
  }
}

std::string tuple_compare(const std::vector<std::string>& columns, const std::vector<std::string>& literals,
                          std::string_view op) {
  auto q = quoted_columns(columns);
  if (q.size() == 1) return fmt::format("{} {} {}", q[0], op, literals[0]);
  std::string lead = op == "<" ? "<=" : ">=";  // a seekable bound on the first column
  return fmt::format("{} {} {} AND ({})", q[0], lead, literals[0], expand(q, literals, op, 0));
}

Result<std::vector<ChunkSpec>> sampled_chunks(Session& session, const Table& table, const ChunkKey& key,
                                              int64_t chunk_rows, std::string& reason) {
  std::vector<std::vector<std::string>> bounds;
  for (;;) {
    auto b = next_boundary(session, table, key, bounds.empty() ? std::vector<std::string>{} : bounds.back(),
                           chunk_rows);
    if (!b) return fail(b.error().in_table(table.name));
    if (b->empty()) break;
    bounds.push_back(std::move(*b));
  }
  std::string cols = fmt::format("({})", fmt::join(key.columns, ", "));
  if (bounds.empty()) {
    reason = fmt::format("one chunk: at most {} rows (walked {} on the server)", chunk_rows, cols);
    return std::vector<ChunkSpec>{ChunkSpec{}};
  }
  reason = fmt::format("{} chunks of {} rows by boundaries of {} sampled on the server in its order",
                       bounds.size() + 1, chunk_rows, cols);
  return to_chunks(key, bounds, chunk_rows);
}

}  // namespace cutover::mssql
