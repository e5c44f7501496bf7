// INSERT, DELETE and EXEC sp_addextendedproperty of the script loader
// (tsql_parser.hpp): rows get their identity, DEFAULT and computed values
// as SQL Server would give them.
#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "select.hpp"
#include "tsql_parser.hpp"
#include "tsql_script.hpp"

namespace tdstest {

namespace {

bool is_computed(const Table& t, const std::string& column) {
  for (const FixtureComputed& c : t.computed)
    if (iequals(c.column, column)) return true;
  return false;
}

// Columns a VALUES list without a column list fills: all but computed
// columns, and but the identity column unless every column gets a value
// (SET IDENTITY_INSERT scripts that leave out the column list).
std::vector<std::size_t> default_targets(const Table& t, std::size_t values) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (!is_computed(t, t.columns[i].name)) out.push_back(i);
  if (out.size() != values && !t.identity.empty())
    std::erase(out, *t.column_index(t.identity));
  return out;
}

}  // namespace

std::vector<std::vector<SqlToken>> split_commas(const std::vector<SqlToken>& tokens) {
  std::vector<std::vector<SqlToken>> out(1);
  int depth = 0;
  for (const SqlToken& t : tokens) {
    if (t.kind == SqlToken::end) break;
    depth += t.sym("(") ? 1 : t.sym(")") ? -1 : 0;
    if (depth == 0 && t.sym(",")) out.emplace_back();
    else out.back().push_back(t);
  }
  return out;
}

// INSERT [INTO] t [(columns)] VALUES (...) {, (...)}
void ScriptParser::insert() {
  accept("INTO");
  Table& t = table(table_name());
  std::vector<std::string> cols;
  if (peek().sym("(")) cols = column_list();
  expect("VALUES");
  do {
    auto values = split_commas(parenthesized());
    std::vector<std::size_t> targets;
    for (const auto& c : cols) {
      auto idx = t.column_index(c);
      if (!idx) throw std::runtime_error(fmt::format("Invalid column name '{}' in {}", c, t.name));
      targets.push_back(*idx);
    }
    if (cols.empty()) targets = default_targets(t, values.size());
    if (values.size() != targets.size())
      throw std::runtime_error(fmt::format("{}: {} values for {} columns", t.name, values.size(), targets.size()));
    Row row(t.columns.size(), null_value());
    std::vector<bool> given(t.columns.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      EvalContext ctx = context();
      row[targets[k]] = convert_value(eval_expression(values[k], ctx), t.columns[targets[k]].type);
      given[targets[k]] = true;
    }
    fill_row(t, row, given);
    t.row(std::move(row));
  } while (accept(","));
}

// Identity (seed, then last + increment), DEFAULTs, then computed columns.
void ScriptParser::fill_row(Table& t, Row& row, const std::vector<bool>& given) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    if (given[i] || is_computed(t, c.name)) continue;
    if (iequals(c.name, t.identity)) {
      row[i] = t.identity_last ? *t.identity_last + t.identity_increment : t.identity_seed;
      continue;
    }
    if (c.type.sql_name == "timestamp") {  // rowversion: the database's next value, 8 bytes big-endian
      std::string v(8, '\0');
      std::uint64_t n = ++db_.rowversion;
      for (int b = 7; b >= 0; --b, n >>= 8) v[static_cast<std::size_t>(b)] = static_cast<char>(n & 0xFF);
      row[i] = v;
      continue;
    }
    for (const auto& [column, definition] : t.defaults)
      if (iequals(column, c.name)) {
        EvalContext ctx = context();
        row[i] = convert_value(eval_expression(lex_sql(definition), ctx), c.type);
      }
  }
  if (auto id = t.column_index(t.identity); id && !t.identity.empty()) {
    std::int64_t v = std::get<std::int64_t>(row[*id]);
    bool up = t.identity_increment > 0;
    if (!t.identity_last || (up ? v > *t.identity_last : v < *t.identity_last)) t.identity_last = v;
  }
  for (const FixtureComputed& c : t.computed) {
    std::size_t i = *t.column_index(c.column);
    EvalContext ctx = context(&t, &row);
    row[i] = convert_value(eval_expression(lex_sql(c.definition), ctx), t.columns[i].type);
  }
}

// DELETE [FROM] t WHERE column = value | column IN (values): the identity's
// last value stays where it was.
void ScriptParser::remove() {
  accept("FROM");
  Table& t = table(table_name());
  expect("WHERE");
  std::string column = identifier();
  auto idx = t.column_index(column);
  if (!idx) throw std::runtime_error(fmt::format("Invalid column name '{}' in {}", column, t.name));
  std::vector<std::vector<SqlToken>> values;
  if (accept("IN")) values = split_commas(parenthesized());
  else {
    expect("=");
    values.push_back(bare_expression());
  }
  const ColumnType& type = t.columns[*idx].type;
  std::erase_if(t.rows, [&](const Row& r) {
    for (const auto& v : values) {
      EvalContext ctx = context();
      if (compare_values(r[*idx], convert_value(eval_expression(v, ctx), type), type) == 0) return true;
    }
    return false;
  });
}

// EXEC sp_addextendedproperty with MS_Description on a table or a column
// (named or positional arguments); other procedures are skipped.
void ScriptParser::exec() {
  std::string proc = identifier();
  while (accept(".")) proc = identifier();
  if (!iequals(proc, "sp_addextendedproperty")) return skip_statement();
  static constexpr std::string_view k_names[] = {"@name",       "@value",      "@level0type", "@level0name",
                                                 "@level1type", "@level1name", "@level2type", "@level2name"};
  std::map<std::string, std::string> args;
  for (std::size_t k = 0; peek().kind != SqlToken::end && !peek().sym(";") && !at_statement_start(); ++k) {
    std::string name = k < std::size(k_names) ? std::string(k_names[k]) : "";
    if (peek().kind == SqlToken::param) {
      name = take().text;
      expect("=");
    }
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    args[name] = take().text;
    if (!accept(",")) break;
  }
  if (!iequals(args["@name"], "MS_Description") || !iequals(args["@level1type"], "TABLE")) return;
  Table& t = table({args["@level0name"], args["@level1name"]});
  if (iequals(args["@level2type"], "COLUMN")) t.column_comments.emplace_back(args["@level2name"], args["@value"]);
  else t.comment = args["@value"];
}

}  // namespace tdstest
