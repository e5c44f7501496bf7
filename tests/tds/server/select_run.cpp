#include <algorithm>
#include <cctype>
#include <charconv>
#include <numeric>

#include <fmt/format.h>

#include "encode.hpp"
#include "scalars.hpp"
#include "select.hpp"

namespace tdstest {

namespace {

std::string base_name(const ColumnType& t) {
  std::string n = t.sql_name.substr(0, t.sql_name.find('('));
  std::ranges::transform(n, n.begin(), [](unsigned char c) { return std::tolower(c); });
  return n;
}

int precision_of(const ColumnType& t) {
  std::string n = base_name(t);
  if (n == "decimal" || n == "numeric") return t.precision;
  if (n == "time") return t.scale == 0 ? 8 : t.scale + 9;
  if (n == "datetime2") return t.scale == 0 ? 19 : t.scale + 20;
  if (n == "datetimeoffset") return t.scale == 0 ? 26 : t.scale + 27;
  static const std::pair<const char*, int> k[] = {
      {"tinyint", 3}, {"smallint", 5}, {"int", 10}, {"bigint", 19}, {"bit", 1},
      {"real", 24}, {"float", 53}, {"money", 19}, {"smallmoney", 10}, {"datetime", 23},
      {"smalldatetime", 16}, {"date", 10}};
  for (auto [name, p] : k) {
    if (n == name) return p;
  }
  return 0;
}

int scale_of(const ColumnType& t) {
  std::string n = base_name(t);
  if (n == "money" || n == "smallmoney") return 4;
  if (n == "datetime") return 3;
  return t.scale;
}

Value variant_property(const Value& v, const std::string& prop) {
  auto* var = std::get_if<std::shared_ptr<const Variant>>(&v);
  if (var == nullptr) return null_value();
  const ColumnType& t = (*var)->type;
  std::string p = prop;
  std::ranges::transform(p, p.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p == "basetype") return variant_of("nvarchar(128)", base_name(t));
  if (p == "precision") return variant_of("int", std::int64_t{precision_of(t)});
  if (p == "scale") return variant_of("int", std::int64_t{scale_of(t)});
  if (p == "maxlength") return variant_of("int", std::int64_t{t.length});
  return null_value();
}

std::string hex(std::string_view bytes) {
  std::string out = "0x";
  for (char c : bytes) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  return out;
}

Value cast_value(const Value& v, const ColumnType& from, const ColumnType& to, int style) {
  if (is_null(v)) return v;
  if (auto* var = std::get_if<std::shared_ptr<const Variant>>(&v)) {
    return cast_value((*var)->value, (*var)->type, to, style);
  }
  bool binary = from.wire == k_bigvarbinary || from.wire == k_bigbinary ||
                from.wire == k_image || from.wire == k_udt;
  if (to.has_collation() || to.wire == k_xml) {
    return binary && style != 0 ? hex(std::get<std::string>(v)) : value_text(v);
  }
  if (to.wire == k_intn || to.wire == k_int4 || to.wire == k_int8 || to.wire == k_int2 ||
      to.wire == k_int1 || to.wire == k_bit || to.wire == k_bitn) {
    if (auto* s = std::get_if<std::string>(&v)) {
      std::int64_t i = 0;
      std::from_chars(s->data(), s->data() + s->size(), i);
      return i;
    }
    if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return v;
  }
  if (to.wire == k_fltn || to.wire == k_flt8 || to.wire == k_flt4) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  }
  if (to.wire == k_variant) return std::make_shared<const Variant>(Variant{from, v});
  return v;
}

// One output column: its type and how to compute it from a table row.
struct Projection {
  Column column;
  std::function<Value(const Row&)> eval;
  ColumnType source;  // type of the value eval returns before any cast
};

std::expected<Projection, Message> project(const SelectExpr& e, const Table& t) {
  switch (e.kind) {
    case SelectExpr::count:
    case SelectExpr::min:
    case SelectExpr::max: return std::unexpected(Message{50000, 1, 16, "aggregates with other items"});
    case SelectExpr::column: {
      auto idx = t.column_index(e.name);
      if (!idx) {
        return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", e.name)});
      }
      const Column& c = t.columns[*idx];
      return Projection{{e.alias.empty() ? c.name : e.alias, c.type},
                        [i = *idx](const Row& r) { return r[i]; }, c.type};
    }
    case SelectExpr::variant_property: {
      auto inner = project(*e.arg, t);
      if (!inner) return inner;
      ColumnType vt = parse_type("sql_variant");
      return Projection{{e.alias, vt},
                        [f = inner->eval, p = e.name](const Row& r) {
                          return variant_property(f(r), p);
                        },
                        vt};
    }
    case SelectExpr::cast: {
      auto inner = project(*e.arg, t);
      if (!inner) return inner;
      ColumnType to = parse_type(e.type_text);
      std::string name = e.alias.empty() ? std::string() : e.alias;
      return Projection{{name, to},
                        [f = inner->eval, from = inner->source, to, s = e.style](const Row& r) {
                          return cast_value(f(r), from, to, s);
                        },
                        to};
    }
  }
  return std::unexpected(Message{50000, 1, 16, "unsupported expression"});
}

int guid_compare(const std::string& a, const std::string& b) {
  static const int order[] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
  std::string x = guid_bytes(a), y = guid_bytes(b);
  for (int i : order) {
    auto p = static_cast<unsigned char>(x[static_cast<std::size_t>(i)]);
    auto q = static_cast<unsigned char>(y[static_cast<std::size_t>(i)]);
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

template <class T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

std::int64_t instant(const std::string& s) {
  Temporal t = parse_temporal(s);
  return t.days * 864'000'000'000 + t.ticks - t.offset_minutes * 600'000'000LL;
}

std::string folded(std::string s) {
  std::ranges::transform(s, s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

int compare_values(const Value& a, const Value& b, const ColumnType& t) {
  if (is_null(a) || is_null(b)) return is_null(a) ? (is_null(b) ? 0 : -1) : 1;
  auto* ia = std::get_if<std::int64_t>(&a);
  auto* ib = std::get_if<std::int64_t>(&b);
  if (ia && ib) return three_way(*ia, *ib);
  auto* sa = std::get_if<std::string>(&a);
  auto* sb = std::get_if<std::string>(&b);
  if (sa && sb) {
    switch (t.wire) {
      case k_guid: return guid_compare(*sa, *sb);
      case k_decimaln: case k_numericn: case k_money: case k_money4: case k_moneyn:
        return three_way(std::stold(*sa), std::stold(*sb));
      case k_daten: case k_timen: case k_datetime2n: case k_datetimeoffsetn: case k_datetime:
      case k_datetim4: case k_datetimn:
        return three_way(instant(*sa), instant(*sb));
      case k_bigvarbinary: case k_bigbinary: return three_way(*sa, *sb);
      default: return three_way(folded(*sa), folded(*sb));
    }
  }
  return three_way(std::stold(value_text(a)), std::stold(value_text(b)));
}

namespace {

struct Filter {
  std::size_t column;
  std::string op;
  Value operand;
  ColumnType type;

  bool matches(const Row& r) const {
    if (op == "is null") return is_null(r[column]);
    if (op == "is not null") return !is_null(r[column]);
    if (is_null(r[column]) || is_null(operand)) return false;
    int c = compare_values(r[column], operand, type);
    if (op == "=") return c == 0;
    if (op == "<>") return c != 0;
    if (op == "<") return c < 0;
    if (op == "<=") return c <= 0;
    if (op == ">") return c > 0;
    return c >= 0;
  }
};

std::expected<Value, Message> operand_value(const SqlToken& t, const std::vector<Param>& params) {
  if (t.kind == SqlToken::param) {
    for (const Param& p : params) {
      if (iequals(p.name, t.text)) return p.value;
    }
    return std::unexpected(
        Message{137, 2, 15, fmt::format("Must declare the scalar variable \"{}\".", t.text)});
  }
  if (t.kind == SqlToken::number && t.text.find('.') == std::string::npos) {
    return std::int64_t{std::stoll(t.text)};
  }
  return t.text;
}

std::expected<std::vector<Filter>, Message> filters(const SelectStmt& s, const Table& t,
                                                    const std::vector<Param>& params) {
  std::vector<Filter> out;
  for (const SelectCond& c : s.where) {
    auto idx = t.column_index(c.column);
    if (!idx) return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", c.column)});
    Value v;
    if (c.op.starts_with("is")) {
      v = null_value();
    } else if (auto ov = operand_value(c.operand, params)) {
      v = *ov;
    } else {
      return std::unexpected(ov.error());
    }
    out.push_back({*idx, c.op, std::move(v), t.columns[*idx].type});
  }
  return out;
}

// The row source of a table after WHERE and ORDER BY, before projection.
struct Scan {
  const Table* table;
  std::vector<Filter> where;
  std::vector<std::size_t> order;  // materialised tables: row indexes in output order
  std::int64_t next_id = 1, last_id = 0;  // generated tables: key range still to scan
  std::size_t pos = 0;
  std::int64_t sent = 0;
  std::int64_t limit = -1;

  bool next(Row& r) {
    for (;;) {
      if (limit >= 0 && sent >= limit) return false;
      if (table->generate) {
        if (next_id > last_id) return false;
        r = table->generate(next_id++);
      } else {
        if (pos >= order.size()) return false;
        r = table->rows[order[pos++]];
      }
      if (std::ranges::all_of(where, [&](const Filter& f) { return f.matches(r); })) {
        ++sent;
        return true;
      }
    }
  }
};

// Narrows a generated table's key range with the key conditions.
void key_range(Scan& scan) {
  scan.last_id = scan.table->generated_rows;
  for (const Filter& f : scan.where) {
    auto* v = std::get_if<std::int64_t>(&f.operand);
    if (f.column != 0) continue;
    if (f.op == "is null") scan.last_id = 0;
    if (v == nullptr) continue;
    if (f.op == ">=" || f.op == "=") scan.next_id = std::max(scan.next_id, *v);
    if (f.op == ">") scan.next_id = std::max(scan.next_id, *v + 1);
    if (f.op == "<") scan.last_id = std::min(scan.last_id, *v - 1);
    if (f.op == "<=" || f.op == "=") scan.last_id = std::min(scan.last_id, *v);
  }
}

std::expected<void, Message> sort_rows(Scan& scan, const SelectStmt& s) {
  const Table& t = *scan.table;
  if (t.generate) {
    bool by_key = s.order_by.empty() ||
                  (s.order_by.size() == 1 && !s.order_by[0].second &&
                   t.column_index(s.order_by[0].first) == std::optional<std::size_t>(0));
    if (!by_key) {
      return std::unexpected(Message{50000, 1, 16, fmt::format("the TDS test server orders "
                                                               "generated table {} only by its key",
                                                               t.name)});
    }
    key_range(scan);
    return {};
  }
  scan.order.resize(t.rows.size());
  std::iota(scan.order.begin(), scan.order.end(), 0);
  std::vector<std::pair<std::size_t, bool>> keys;
  for (const auto& [col, desc] : s.order_by) {
    auto idx = t.column_index(col);
    if (!idx) return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", col)});
    keys.emplace_back(*idx, desc);
  }
  std::ranges::stable_sort(scan.order, [&](std::size_t a, std::size_t b) {
    for (auto [i, desc] : keys) {
      int c = compare_values(t.rows[a][i], t.rows[b][i], t.columns[i].type);
      if (c != 0) return desc ? c > 0 : c < 0;
    }
    return false;
  });
  return {};
}

bool is_aggregate(const SelectExpr& e) {
  return e.kind == SelectExpr::count || e.kind == SelectExpr::min || e.kind == SelectExpr::max;
}

// MIN/MAX of a generated table's key with key conditions only: the key range.
bool key_extremes(const SelectStmt& s, const Scan& scan, std::vector<Value>& out) {
  if (!scan.table->generate || !std::ranges::all_of(scan.where, [](const Filter& f) { return f.column == 0; }))
    return false;
  for (const SelectExpr& e : s.items)
    if (e.kind == SelectExpr::count || scan.table->column_index(e.name) != std::optional<std::size_t>(0)) return false;
  bool empty = scan.next_id > scan.last_id;
  out.resize(s.items.size());
  if (empty) return true;
  for (std::size_t k = 0; k < s.items.size(); ++k)
    out[k] = s.items[k].kind == SelectExpr::min ? scan.next_id : scan.last_id;
  return true;
}

void fold(const SelectExpr& e, std::size_t col, const ColumnType& type, const Row& r, Value& acc) {
  if (e.kind == SelectExpr::count) {
    acc = std::get<std::int64_t>(acc) + 1;
  } else if (!is_null(r[col])) {
    int c = is_null(acc) ? 0 : compare_values(r[col], acc, type);
    if (is_null(acc) || (e.kind == SelectExpr::min ? c < 0 : c > 0)) acc = r[col];
  }
}

std::expected<ResultSet, Message> aggregate_result(const SelectStmt& s, std::shared_ptr<Scan> scan) {
  const Table& t = *scan->table;
  std::vector<Column> cols;
  std::vector<std::size_t> idx;
  std::vector<Value> acc;
  for (const SelectExpr& e : s.items) {
    std::size_t i = 0;
    if (e.kind != SelectExpr::count) {
      auto found = t.column_index(e.name);
      if (!found) return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", e.name)});
      i = *found;
    }
    ColumnType type = e.kind == SelectExpr::count ? parse_type("bigint") : t.columns[i].type;
    type.nullable = e.kind != SelectExpr::count;
    cols.push_back({e.alias, type});
    idx.push_back(i);
    acc.emplace_back();
    if (e.kind == SelectExpr::count) acc.back() = std::int64_t{0};
  }
  std::vector<Value> extremes;
  if (key_extremes(s, *scan, extremes)) return materialized(std::move(cols), {std::move(extremes)});
  Row r;
  while (scan->next(r))
    for (std::size_t k = 0; k < s.items.size(); ++k) fold(s.items[k], idx[k], t.columns[idx[k]].type, r, acc[k]);
  return materialized(std::move(cols), {std::move(acc)});
}

}  // namespace

std::expected<ResultSet, Message> run_select(const SelectStmt& s, const Catalog& catalog,
                                             const std::string& database,
                                             const std::vector<Param>& params) {
  const Table* t = catalog.find_table(s.db.empty() ? database : s.db, s.schema, s.table);
  if (t == nullptr) {
    return std::unexpected(
        Message{208, 1, 16, fmt::format("Invalid object name '{}.{}'.", s.schema, s.table)});
  }
  auto scan = std::make_shared<Scan>();
  scan->table = t;
  scan->limit = s.top.value_or(-1);
  auto where = filters(s, *t, params);
  if (!where) return std::unexpected(where.error());
  scan->where = std::move(*where);
  if (auto sorted = sort_rows(*scan, s); !sorted) return std::unexpected(sorted.error());
  if (!s.items.empty() && std::ranges::all_of(s.items, is_aggregate)) return aggregate_result(s, scan);
  std::vector<Projection> proj;
  if (s.star) {
    for (const Column& c : t->columns) proj.push_back(*project({SelectExpr::column, c.name}, *t));
  }
  for (const SelectExpr& e : s.items) {
    auto p = project(e, *t);
    if (!p) return std::unexpected(p.error());
    proj.push_back(std::move(*p));
  }
  ResultSet rs;
  rs.table = t->name;
  rs.form = t->form;
  for (const Projection& p : proj) rs.columns.push_back(p.column);
  rs.next = [scan, proj, t, source = Row()](Row& out, Message& error) mutable {
    if (t->error_after && scan->sent >= *t->error_after) {
      error = t->error;
      return RowStep::error;
    }
    if (!scan->next(source)) return RowStep::end;
    out.resize(proj.size());
    for (std::size_t i = 0; i < proj.size(); ++i) out[i] = proj[i].eval(source);
    return RowStep::row;
  };
  return rs;
}

ResultSet materialized(std::vector<Column> columns, std::vector<Row> rows) {
  ResultSet rs;
  rs.columns = std::move(columns);
  auto data = std::make_shared<std::vector<Row>>(std::move(rows));
  rs.next = [data, i = std::size_t{0}](Row& out, Message&) mutable {
    if (i >= data->size()) return RowStep::end;
    out = (*data)[i++];
    return RowStep::row;
  };
  return rs;
}

}  // namespace tdstest
