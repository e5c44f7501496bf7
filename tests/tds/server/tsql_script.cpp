#include "tsql_script.hpp"

#include <cctype>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "tsql_parser.hpp"
#include "tsql_text.hpp"

namespace tdstest {

void ScriptParser::fail(const std::string& what) const {
  throw std::runtime_error(fmt::format("{} near '{}'", what, peek().text));
}

std::pair<std::string, std::string> ScriptParser::table_name() {
  std::string first = identifier();
  if (!accept(".")) return {"dbo", first};
  std::string second = identifier();
  if (!accept(".")) return {first, second};
  return {second, identifier()};  // database.schema.table
}

// ( a [ASC|DESC], b )
std::vector<std::string> ScriptParser::column_list(std::vector<std::string>* descending) {
  std::vector<std::string> out;
  expect("(");
  do {
    out.push_back(identifier());
    if (accept("DESC") && descending != nullptr) descending->push_back(out.back());
    else accept("ASC");
  } while (accept(","));
  expect(")");
  return out;
}

// The tokens between a "(" and its ")".
std::vector<SqlToken> ScriptParser::parenthesized() {
  expect("(");
  std::vector<SqlToken> out;
  for (int depth = 1; peek().kind != SqlToken::end; out.push_back(take())) {
    depth += peek().sym("(") ? 1 : peek().sym(")") ? -1 : 0;
    if (depth == 0) break;
  }
  expect(")");
  return out;
}

std::vector<SqlToken> ScriptParser::bare_expression() {
  std::vector<SqlToken> out;
  for (int depth = 0; peek().kind != SqlToken::end; out.push_back(take())) {
    if (depth == 0 && (peek().sym(",") || peek().sym(")") || peek().sym(";") || peek().is("NOT") ||
                       peek().is("NULL") || peek().is("CONSTRAINT") || peek().is("FOR") || peek().is("PERSISTED")))
      break;
    depth += peek().sym("(") ? 1 : peek().sym(")") ? -1 : 0;
  }
  return out;
}

bool ScriptParser::at_statement_start() const {
  for (const char* kw : {"CREATE", "ALTER", "INSERT", "DELETE", "UPDATE", "SET", "IF", "DROP", "USE", "PRINT",
                         "EXEC", "EXECUTE", "GRANT"})
    if (peek().is(kw)) return true;
  return peek().kind == SqlToken::end;
}

void ScriptParser::skip_statement() {
  int depth = 0;
  do {
    depth += peek().sym("(") ? 1 : peek().sym(")") ? -1 : 0;
    take();
  } while (peek().kind != SqlToken::end && (depth > 0 || !at_statement_start()));
}

void ScriptParser::skip_filegroup() {
  if (accept("ON")) identifier();
}

Table& ScriptParser::table(const std::pair<std::string, std::string>& name) {
  for (Table& t : db_.tables)
    if (iequals(t.schema, name.first) && iequals(t.name, name.second)) return t;
  throw std::runtime_error(fmt::format("table {}.{} is not created before its use", name.first, name.second));
}

EvalContext ScriptParser::context(const Table* t, const Row* row) { return {&db_, t, row, &newids_}; }

void ScriptParser::run() {
  while (peek().kind != SqlToken::end) {
    if (accept("CREATE")) create();
    else if (accept("ALTER")) alter_table();
    else if (accept("INSERT")) insert();
    else if (accept("DELETE")) remove();
    else if (accept("EXEC") || accept("EXECUTE")) exec();
    else skip_statement();
  }
}

void ScriptParser::create() {
  if (accept("TABLE")) return create_table();
  if (accept("SEQUENCE")) return create_sequence();
  if (peek().is("DATABASE") || peek().is("SCHEMA")) return skip_statement();
  if (peek().is("VIEW") || peek().is("PROCEDURE") || peek().is("PROC")) {
    bool view = take().is("VIEW");
    auto [schema, name] = table_name();
    if (view) db_.views.push_back({schema, name, view_text()});
    else db_.objects.push_back(fmt::format("sql stored procedure {}.{}", schema, name));
    i_ = t_.size() - 1;  // the body is the rest of the batch
    return;
  }
  bool unique = accept("UNIQUE");
  if (!accept("CLUSTERED")) accept("NONCLUSTERED");
  expect("INDEX");
  create_index(unique);
}

// The CREATE VIEW statement as SQL Server keeps it in sys.sql_modules: the
// batch from its CREATE on (CREATE VIEW begins its batch).
std::string ScriptParser::view_text() const {
  std::string lower = batch_;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::size_t at = lower.find("create");
  std::string out = at == std::string::npos ? batch_ : batch_.substr(at);
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

// CREATE SEQUENCE s [AS type] [START WITH n] [INCREMENT BY n] [MINVALUE n]
// [MAXVALUE n] [[NO] CYCLE] [...]: bounds default to the type's range, the
// start to the minimum (ascending) or the maximum (descending), as in SQL
// Server.
void ScriptParser::create_sequence() {
  FixtureSequence s;
  std::tie(s.schema, s.name) = table_name();
  std::optional<std::int64_t> start, min_value, max_value;
  auto number = [&] {
    bool negative = accept("-");
    if (peek().kind != SqlToken::number) throw std::runtime_error(fmt::format("expected a number near '{}'", peek().text));
    std::int64_t v = std::stoll(take().text);
    return negative ? -v : v;
  };
  while (peek().kind != SqlToken::end && !peek().sym(";") && !at_statement_start()) {
    if (accept("AS")) s.type = identifier();
    else if (accept("START")) expect("WITH"), start = number();
    else if (accept("INCREMENT")) expect("BY"), s.increment = number();
    else if (accept("MINVALUE")) min_value = number();
    else if (accept("MAXVALUE")) max_value = number();
    else if (accept("CYCLE")) s.cycle = true;
    else if (accept("NO")) take();  // NO CYCLE, NO MINVALUE, ...: the defaults
    else take();                    // CACHE n: not modelled
  }
  s.type = type_base(parse_type(s.type));
  using L = std::numeric_limits<std::int64_t>;
  auto [lo, hi] = s.type == "tinyint"    ? std::pair<std::int64_t, std::int64_t>{0, 255}
                  : s.type == "smallint" ? std::pair<std::int64_t, std::int64_t>{-32768, 32767}
                  : s.type == "int"      ? std::pair<std::int64_t, std::int64_t>{-2147483648LL, 2147483647LL}
                                         : std::pair<std::int64_t, std::int64_t>{L::min(), L::max()};
  s.min_value = min_value.value_or(lo);
  s.max_value = max_value.value_or(hi);
  s.start = start.value_or(s.increment > 0 ? s.min_value : s.max_value);
  s.next = s.start;
  db_.sequences.push_back(std::move(s));
}

void ScriptParser::create_table() {
  Table t;
  std::tie(t.schema, t.name) = table_name();
  expect("(");
  do {
    if (accept("CONSTRAINT")) {
      std::string name = identifier();
      constraint(t, name);
    } else if (peek().is("PRIMARY") || peek().is("UNIQUE") || peek().is("FOREIGN") || peek().is("CHECK")) {
      constraint(t, "");
    } else {
      column_def(t);
    }
  } while (accept(","));
  expect(")");
  skip_filegroup();
  db_.tables.push_back(std::move(t));
}

void ScriptParser::column_def(Table& t) {
  std::string name = identifier();
  if (accept("AS")) return computed_column(t, name);
  std::string type = identifier();
  if (peek().sym("(")) {
    std::string args;
    for (const SqlToken& a : parenthesized()) args += a.text;
    type += "(" + args + ")";
  }
  bool nullable = true;
  while (!peek().sym(",") && !peek().sym(")") && peek().kind != SqlToken::end) {
    if (accept("IDENTITY")) {
      if (peek().sym("(")) {
        auto args = split_commas(parenthesized());
        EvalContext none = context();
        t.identity_seed = std::get<std::int64_t>(eval_expression(args.at(0), none).value);
        t.identity_increment = std::get<std::int64_t>(eval_expression(args.at(1), none).value);
      }
      t.identity = name;
    } else if (accept("NOT")) {
      expect("NULL");
      nullable = false;
    } else if (accept("NULL") || accept("ROWGUIDCOL") || accept("SPARSE")) {
    } else if (accept("COLLATE")) {
      type += " collate " + identifier();
    } else if (accept("CONSTRAINT")) {
      std::string constraint_name = identifier();
      column_constraint(t, name, constraint_name);
    } else {
      column_constraint(t, name, "");
    }
  }
  t.column(name, type, nullable);
}

// name AS (expression) [PERSISTED [NOT NULL]]: its type is the
// expression's, as SQL Server derives it (tsql_expr.hpp).
void ScriptParser::computed_column(Table& t, const std::string& name) {
  std::vector<SqlToken> expr = peek().sym("(") ? parenthesized() : bare_expression();
  FixtureComputed c{name, catalog_definition(expr), accept("PERSISTED")};
  bool nullable = !(accept("NOT") && (expect("NULL"), true));
  EvalContext ctx = context(&t);
  ColumnType type = eval_expression(expr, ctx).type;
  t.computed.push_back(std::move(c));
  t.column(name, type.sql_name, nullable);
}

// DEFAULT, PRIMARY KEY, UNIQUE, REFERENCES and CHECK on one column.
void ScriptParser::column_constraint(Table& t, const std::string& column, const std::string& name) {
  if (accept("DEFAULT")) {
    t.defaults.emplace_back(column, catalog_definition(peek().sym("(") ? parenthesized() : bare_expression()));
  } else if (accept("PRIMARY")) {
    expect("KEY");
    t.primary_key_clustered = !accept("NONCLUSTERED");
    accept("CLUSTERED");
    t.primary_key = {column};
    t.primary_key_name = name;
  } else if (accept("UNIQUE")) {
    if (!accept("CLUSTERED")) accept("NONCLUSTERED");
    t.indexes.push_back({name.empty() ? "UQ_" + t.name + "_" + column : name, true, {column}, {}, {}, "", true});
  } else if (accept("FOREIGN") || peek().is("REFERENCES")) {
    if (!accept("REFERENCES")) {
      expect("KEY");
      expect("REFERENCES");
    }
    FixtureForeignKey fk{name.empty() ? "FK_" + t.name + "_" + column : name, {column}, "dbo", "", {}};
    std::tie(fk.ref_schema, fk.ref_table) = table_name();
    if (peek().sym("(")) fk.ref_columns = column_list();
    referential_actions(fk);
    t.foreign_keys.push_back(std::move(fk));
  } else if (accept("CHECK")) {
    t.checks.emplace_back(name.empty() ? "CK_" + t.name + "_" + column : name, catalog_definition(parenthesized()));
  } else {
    throw std::runtime_error(fmt::format("column {}.{}: unexpected '{}'", t.name, column, peek().text));
  }
}

void ScriptParser::constraint(Table& t, const std::string& name) {
  if (accept("PRIMARY")) {
    expect("KEY");
    t.primary_key_clustered = !accept("NONCLUSTERED");
    accept("CLUSTERED");
    t.primary_key = column_list();
    t.primary_key_name = name;
  } else if (accept("UNIQUE")) {
    if (!accept("CLUSTERED")) accept("NONCLUSTERED");
    FixtureIndex ix{name, true, {}, {}, {}, "", true};
    ix.columns = column_list(&ix.descending);
    t.indexes.push_back(std::move(ix));
  } else if (accept("FOREIGN")) {
    expect("KEY");
    FixtureForeignKey fk{name, column_list(), "dbo", "", {}};
    expect("REFERENCES");
    std::tie(fk.ref_schema, fk.ref_table) = table_name();
    fk.ref_columns = column_list();
    referential_actions(fk);
    t.foreign_keys.push_back(std::move(fk));
  } else if (accept("CHECK")) {
    t.checks.emplace_back(name, catalog_definition(parenthesized()));
  } else if (accept("DEFAULT")) {
    std::string definition = catalog_definition(peek().sym("(") ? parenthesized() : bare_expression());
    expect("FOR");
    t.defaults.emplace_back(identifier(), definition);
  } else {
    throw std::runtime_error(fmt::format("constraint {} on {}: unexpected '{}'", name, t.name, peek().text));
  }
  skip_filegroup();
}

// [ON DELETE action] [ON UPDATE action]
void ScriptParser::referential_actions(FixtureForeignKey& fk) {
  while (accept("ON")) {
    bool on_delete = accept("DELETE");
    if (!on_delete) expect("UPDATE");
    (on_delete ? fk.on_delete : fk.on_update) = referential_action();
  }
}

// NO ACTION | CASCADE | SET NULL | SET DEFAULT, as sys.foreign_keys names it.
std::string ScriptParser::referential_action() {
  if (accept("CASCADE")) return "CASCADE";
  if (accept("NO")) return expect("ACTION"), "NO_ACTION";
  expect("SET");
  if (accept("NULL")) return "SET_NULL";
  expect("DEFAULT");
  return "SET_DEFAULT";
}

// name ON t (cols [ASC|DESC]) [INCLUDE (cols)] [WHERE filter] [WITH (...)] [ON fg]
void ScriptParser::create_index(bool unique) {
  FixtureIndex ix;
  ix.name = identifier();
  ix.unique = unique;
  expect("ON");
  Table& t = table(table_name());
  ix.columns = column_list(&ix.descending);
  if (accept("INCLUDE")) ix.included = column_list();
  if (accept("WHERE")) {
    std::vector<SqlToken> filter;
    while (peek().kind != SqlToken::end && !peek().sym(";") && !peek().is("WITH") && !at_statement_start())
      filter.push_back(take());
    ix.filter = catalog_definition(filter);
  }
  if (accept("WITH")) parenthesized();
  skip_filegroup();
  t.indexes.push_back(std::move(ix));
}

void ScriptParser::alter_table() {
  if (!accept("TABLE")) return skip_statement();
  Table& t = table(table_name());
  accept("WITH");
  if (!accept("CHECK")) accept("NOCHECK");
  if (!accept("ADD")) return skip_statement();
  do {
    std::string name = accept("CONSTRAINT") ? identifier() : "";
    constraint(t, name);
  } while (accept(","));
}


std::vector<std::string> split_batches(std::string_view script) {
  std::vector<std::string> out(1);
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    std::string_view line = script.substr(start, end == std::string_view::npos ? end : end - start + 1);
    std::size_t a = line.find_first_not_of(" \t\r\n"), b = line.find_last_not_of(" \t\r\n");
    if (a != std::string_view::npos && iequals(line.substr(a, b - a + 1), "go")) out.emplace_back();
    else out.back() += line;
    start += line.size();
  }
  return out;
}

Database load_tsql_script(const std::string& path, const std::string& database) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read the T-SQL script {}", path));
  std::stringstream text;
  text << in.rdbuf();
  Database db{database, {}};
  std::string script = text.str();
  if (script.starts_with("\xEF\xBB\xBF")) script.erase(0, 3);  // a UTF-8 byte order mark
  std::vector<std::string> batches = split_batches(script);
  std::int64_t newids = 0;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    try {
      ScriptParser(lex_sql(batches[b]), batches[b], db, newids).run();
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("{}, batch {}: {}", path, b + 1, e.what()));
    }
  }
  return db;
}

}  // namespace tdstest
