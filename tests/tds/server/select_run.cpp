#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <numeric>

#include <fmt/format.h>

#include "encode.hpp"
#include "hierarchyid.hpp"
#include "scalars.hpp"
#include "select.hpp"
#include "spatial.hpp"
#include "tsql_expr.hpp"

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

// "Mar  1 2024  9:30AM": datetime and smalldatetime as style 0 shows them.
std::string style0_datetime(const std::string& canonical) {
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  std::sscanf(canonical.c_str(), "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi);
  return fmt::format("{} {:>2} {} {:>2}:{:02}{}", k_months[(mo + 11) % 12], d, y, h % 12 == 0 ? 12 : h % 12, mi,
                     h < 12 ? "AM" : "PM");
}

// A value as text in a character type, as CONVERT(type, v, style) gives it.
std::string character_text(const Value& v, const ColumnType& from, int style) {
  std::string base = base_name(from), text = value_text(v);
  if (base == "datetime" || base == "smalldatetime") {
    if (style == 0 || style == 100) return style0_datetime(text);
    if (style == 120) return text.substr(0, 19);
    if (style == 121 && base == "smalldatetime") return text + ".000";
  }
  if ((base == "money" || base == "smallmoney") && (style == 0 || style == 1)) return decimal_at_scale(text, 2);
  return text;
}

Value cast_value(const Value& v, const ColumnType& from, const ColumnType& to, int style) {
  if (is_null(v)) return v;
  if (auto* var = std::get_if<std::shared_ptr<const Variant>>(&v)) {
    return cast_value((*var)->value, (*var)->type, to, style);
  }
  bool binary = from.wire == k_bigvarbinary || from.wire == k_bigbinary ||
                from.wire == k_image || from.wire == k_udt;
  if (to.has_collation() || to.wire == k_xml) {
    if (from.udt_name == "hierarchyid") return hierarchyid_text(std::get<std::string>(v));  // ToString()
    if (binary) return style != 0 ? hex(std::get<std::string>(v)) : value_text(v);
    return character_text(v, from, style);
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

std::expected<Projection, Message> project(const SelectExpr& e, const Table& t);

// CASE subject WHEN 'text' THEN result ... ELSE result END: the first
// branch's type; the subject's text compared case-insensitively.
std::expected<Projection, Message> project_case(const SelectExpr& e, const Table& t) {
  auto subject = project(*e.arg, t);
  if (!subject) return subject;
  std::vector<std::pair<std::string, Projection>> whens;
  for (const auto& [text, result] : e.whens) {
    auto p = project(*result, t);
    if (!p) return p;
    whens.emplace_back(text, std::move(*p));
  }
  std::optional<Projection> otherwise;
  if (e.otherwise) {
    auto p = project(*e.otherwise, t);
    if (!p) return p;
    otherwise = std::move(*p);
  }
  if (whens.empty()) return std::unexpected(Message{156, 1, 15, "Incorrect syntax near the keyword 'END'."});
  ColumnType type = whens.front().second.column.type;
  auto eval = [subject = subject->eval, whens, otherwise](const Row& r) {
    Value v = subject(r);
    for (const auto& [text, p] : whens)
      if (!is_null(v) && iequals(value_text(v), text)) return p.eval(r);
    return otherwise ? otherwise->eval(r) : null_value();
  };
  return Projection{{e.alias, type}, eval, type};
}

// col.STSrid (int), col.STAsBinary() and col.AsBinaryZM() (WKB, varbinary(max))
// of a geometry or geography column.
std::expected<Projection, Message> project_spatial(const SelectExpr& e, const Table& t) {
  auto idx = t.column_index(e.name);
  if (!idx) return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", e.name)});
  const ColumnType& from = t.columns[*idx].type;
  if (from.udt_name != "geometry" && from.udt_name != "geography")
    return std::unexpected(Message{258, 1, 15, fmt::format("Cannot call methods on {}.", from.sql_name)});
  bool srid = e.type_text == "stsrid", geography = from.udt_name == "geography";
  ColumnType type = parse_type(srid ? "int" : "varbinary(max)");
  auto eval = [i = *idx, srid, geography](const Row& r) -> Value {
    const auto* bytes = std::get_if<std::string>(&r[i]);
    if (bytes == nullptr) return null_value();
    Spatial s = spatial_from_clr(*bytes, geography);
    if (srid) return std::int64_t{s.srid};
    return wkb_bytes(s);
  };
  return Projection{{e.alias, type}, eval, type};
}

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
    case SelectExpr::literal: {
      if (!e.type_text.empty()) {  // 'text' or N'text'
        ColumnType type = parse_type(fmt::format("{}({})", e.type_text, std::max<std::size_t>(1, e.name.size())));
        return Projection{{e.alias, type}, [v = Value{e.name}](const Row&) { return v; }, type};
      }
      Value v = std::int64_t{std::stoll(e.name)};
      return Projection{{e.alias, parse_type("int")}, [v](const Row&) { return v; }, parse_type("int")};
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
    case SelectExpr::case_of: return project_case(e, t);
    case SelectExpr::udt_method: return project_spatial(e, t);
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

// A WHERE condition bound to the table: a comparison, or AND/OR of parts.
struct Filter {
  SelectCond::Kind kind = SelectCond::compare;
  std::size_t column = 0;
  std::string op;
  Value operand;
  ColumnType type;
  std::vector<Filter> parts;

  bool matches(const Row& r) const {
    if (kind == SelectCond::all) return std::ranges::all_of(parts, [&](const Filter& f) { return f.matches(r); });
    if (kind == SelectCond::any) return std::ranges::any_of(parts, [&](const Filter& f) { return f.matches(r); });
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
  // A comparison of the table's first column (a generated table's key).
  bool on_key() const { return kind == SelectCond::compare && column == 0; }
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

std::expected<Filter, Message> bind(const SelectCond& c, const Table& t, const std::vector<Param>& params) {
  Filter f;
  f.kind = c.kind;
  for (const SelectCond& part : c.parts) {
    auto bound = bind(part, t, params);
    if (!bound) return bound;
    f.parts.push_back(std::move(*bound));
  }
  if (c.kind != SelectCond::compare) return f;
  auto idx = t.column_index(c.column);
  if (!idx) return std::unexpected(Message{207, 1, 16, fmt::format("Invalid column name '{}'.", c.column)});
  f.column = *idx;
  f.op = c.op;
  f.type = t.columns[*idx].type;
  if (c.op.starts_with("is")) return f;
  auto v = operand_value(c.operand, params);
  if (!v) return std::unexpected(v.error());
  f.operand = std::move(*v);
  return f;
}

std::expected<std::vector<Filter>, Message> filters(const SelectStmt& s, const Table& t,
                                                    const std::vector<Param>& params) {
  std::vector<Filter> out;
  for (const SelectCond& c : s.where) {
    auto f = bind(c, t, params);
    if (!f) return std::unexpected(f.error());
    out.push_back(std::move(*f));
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
  std::int64_t skip = 0;     // OFFSET: matching rows not sent
  std::int64_t version = 0;  // the database version the statement sees

  bool next(Row& r) {
    for (;;) {
      if (limit >= 0 && sent >= limit) return false;
      if (table->generate) {
        if (next_id > last_id) return false;
        r = table->generate(next_id++, version);
      } else {
        if (pos >= order.size()) return false;
        r = table->rows[order[pos++]];
      }
      if (!std::ranges::all_of(where, [&](const Filter& f) { return f.matches(r); })) continue;
      if (skip > 0) {
        --skip;
        continue;
      }
      ++sent;
      return true;
    }
  }
};

// Narrows a generated table's key range with the key conditions.
void key_range(Scan& scan) {
  scan.last_id = scan.table->generated_rows;
  for (const Filter& f : scan.where) {
    auto* v = std::get_if<std::int64_t>(&f.operand);
    if (!f.on_key()) continue;
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
  if (!scan.table->generate || !std::ranges::all_of(scan.where, [](const Filter& f) { return f.on_key(); }))
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

namespace {

// The database version the statement sees (clock.hpp): the writer commits
// first; a SNAPSHOT transaction keeps the version of its first data access;
// TABLOCK with HOLDLOCK in a transaction takes the shared table locks.
std::expected<std::int64_t, Message> visible_version(const SelectStmt& s, const Database& db, SessionState& state) {
  bool snapshot = state.transaction != 0 && state.isolation == "SNAPSHOT";
  if (snapshot && !db.allow_snapshot_isolation)
    return std::unexpected(Message{3952, 1, 16,
                                   fmt::format("Snapshot isolation transaction failed accessing database '{}' because "
                                               "snapshot isolation is not allowed in this database. Use ALTER "
                                               "DATABASE to allow snapshot isolation.",
                                               db.name)});
  std::int64_t now = db.clock->write_commit();
  if (state.transaction != 0 && s.has_hint("TABLOCK") && s.has_hint("HOLDLOCK") && !state.locked) {
    db.clock->lock();
    state.locked = db.clock;
  }
  if (!snapshot) return now;
  if (!state.snapshot_version) state.snapshot_version = now;
  return *state.snapshot_version;
}

}  // namespace

std::expected<ResultSet, Message> run_select(const SelectStmt& s, const Catalog& catalog, SessionState& state,
                                             const std::vector<Param>& params) {
  const std::string& database = s.db.empty() ? state.database : s.db;
  const Table* t = catalog.find_table(database, s.schema, s.table);
  if (t == nullptr) {
    return std::unexpected(
        Message{208, 1, 16, fmt::format("Invalid object name '{}.{}'.", s.schema, s.table)});
  }
  auto version = visible_version(s, *catalog.find_database(database), state);
  if (!version) return std::unexpected(version.error());
  auto scan = std::make_shared<Scan>();
  scan->table = t;
  scan->limit = s.fetch ? *s.fetch : s.top.value_or(-1);
  scan->skip = s.offset;
  scan->version = *version;
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
  rs.next = [scan, proj, t, source = Row(), checked = false](Row& out, Message& error) mutable {
    if (t->error_after && scan->sent >= *t->error_after && !checked) {
      checked = true;  // once per scan: a transient error spent, the rows go on
      if (auto e = t->raise()) {
        error = *e;
        return RowStep::error;
      }
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
