#include "tsql_script.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

namespace tdstest {

namespace {

// The statements of one batch, read into `db`.
class ScriptParser {
 public:
  ScriptParser(std::vector<SqlToken> t, Database& db) : t_(std::move(t)), db_(db) {}
  void run();

 private:
  const SqlToken& peek() const { return t_[i_]; }
  const SqlToken& take() { return t_[i_ + 1 < t_.size() ? i_++ : i_]; }
  bool accept(std::string_view kw) {
    if (!peek().is(kw) && !peek().sym(kw)) return false;
    take();
    return true;
  }
  void expect(std::string_view kw) {
    if (!accept(kw)) throw std::runtime_error(fmt::format("expected {} near '{}'", kw, peek().text));
  }
  std::string identifier();
  std::pair<std::string, std::string> table_name();  // schema, table
  std::vector<std::string> column_list();
  std::vector<SqlToken> parenthesized();
  bool at_statement_start() const;
  void skip_statement();
  void skip_filegroup();
  Table& table(const std::string& name);
  void create();
  void create_table();
  void column_def(Table& t);
  void constraint(Table& t, const std::string& name);
  void create_index(bool unique);
  void alter_table();
  void insert();

  std::vector<SqlToken> t_;
  std::size_t i_ = 0;
  Database& db_;
};

std::string ScriptParser::identifier() {
  if (peek().kind != SqlToken::word && peek().kind != SqlToken::quoted)
    throw std::runtime_error(fmt::format("expected a name near '{}'", peek().text));
  return take().text;
}

std::pair<std::string, std::string> ScriptParser::table_name() {
  std::string first = identifier();
  if (!accept(".")) return {"dbo", first};
  return {first, identifier()};
}

// ( a [ASC|DESC], b )
std::vector<std::string> ScriptParser::column_list() {
  std::vector<std::string> out;
  expect("(");
  do {
    out.push_back(identifier());
    if (!accept("ASC")) accept("DESC");
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

bool ScriptParser::at_statement_start() const {
  for (const char* kw : {"CREATE", "ALTER", "INSERT", "SET", "IF", "DROP", "USE", "PRINT", "EXEC", "GRANT"})
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

Table& ScriptParser::table(const std::string& name) {
  for (Table& t : db_.tables)
    if (iequals(t.name, name)) return t;
  throw std::runtime_error(fmt::format("table {} is not created before its use", name));
}

void ScriptParser::run() {
  while (peek().kind != SqlToken::end) {
    if (accept("CREATE")) create();
    else if (accept("ALTER")) alter_table();
    else if (accept("INSERT")) insert();
    else skip_statement();
  }
}

void ScriptParser::create() {
  if (accept("TABLE")) return create_table();
  if (peek().is("VIEW") || peek().is("PROCEDURE") || peek().is("PROC")) {
    std::string kind = take().is("VIEW") ? "view" : "sql stored procedure";
    auto [schema, name] = table_name();
    db_.objects.push_back(fmt::format("{} {}.{}", kind, schema, name));
    i_ = t_.size() - 1;  // the body is the rest of the batch
    return;
  }
  bool unique = accept("UNIQUE");
  if (!accept("CLUSTERED")) accept("NONCLUSTERED");
  expect("INDEX");
  create_index(unique);
}

void ScriptParser::create_table() {
  Table t;
  std::tie(t.schema, t.name) = table_name();
  expect("(");
  do {
    if (accept("CONSTRAINT")) {
      std::string name = identifier();
      constraint(t, name);
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
  std::string type = identifier();
  if (peek().sym("(")) {
    std::string args;
    for (const SqlToken& a : parenthesized()) args += a.text;
    type += "(" + args + ")";
  }
  bool nullable = true;
  while (!peek().sym(",") && !peek().sym(")") && peek().kind != SqlToken::end) {
    if (accept("IDENTITY")) {
      if (peek().sym("(")) parenthesized();
      t.identity = name;
    } else if (accept("NOT")) {
      expect("NULL");
      nullable = false;
    } else if (accept("NULL")) {
      nullable = true;
    } else if (accept("CONSTRAINT")) {
      identifier();
    } else if (accept("DEFAULT")) {
      t.defaults.emplace_back(name, catalog_definition(parenthesized()));
    } else {
      throw std::runtime_error(fmt::format("column {}.{}: unexpected '{}'", t.name, name, peek().text));
    }
  }
  t.column(name, type, nullable);
}

void ScriptParser::constraint(Table& t, const std::string& name) {
  if (accept("PRIMARY")) {
    expect("KEY");
    t.primary_key_clustered = !accept("NONCLUSTERED");
    accept("CLUSTERED");
    t.primary_key = column_list();
    t.primary_key_name = name;
  } else if (accept("FOREIGN")) {
    expect("KEY");
    FixtureForeignKey fk{name, column_list(), "dbo", "", {}};
    expect("REFERENCES");
    std::tie(fk.ref_schema, fk.ref_table) = table_name();
    fk.ref_columns = column_list();
    t.foreign_keys.push_back(std::move(fk));
  } else if (accept("CHECK")) {
    t.checks.emplace_back(name, catalog_definition(parenthesized()));
  } else {
    throw std::runtime_error(fmt::format("constraint {} on {}: unexpected '{}'", name, t.name, peek().text));
  }
  skip_filegroup();
}

void ScriptParser::create_index(bool unique) {
  std::string name = identifier();
  expect("ON");
  Table& t = table(table_name().second);
  t.indexes.push_back({name, unique, column_list()});
  skip_filegroup();
}

void ScriptParser::alter_table() {
  if (!accept("TABLE")) return skip_statement();
  Table& t = table(table_name().second);
  if (!accept("ADD")) return skip_statement();
  expect("CONSTRAINT");
  std::string name = identifier();
  constraint(t, name);
}

void ScriptParser::insert() {
  accept("INTO");
  Table& t = table(table_name().second);
  std::vector<std::string> cols;
  if (peek().sym("(")) cols = column_list();
  expect("VALUES");
  do {
    std::vector<SqlToken> values = parenthesized();
    Row row(t.columns.size(), null_value());
    std::size_t k = 0;
    for (std::size_t v = 0; v < values.size(); ++v) {
      if (values[v].sym(",")) continue;
      auto idx = cols.empty() ? std::optional<std::size_t>(k) : t.column_index(cols.at(k));
      if (!idx || *idx >= t.columns.size()) throw std::runtime_error(fmt::format("{}: too many values", t.name));
      row[*idx] = fixture_value(values[v], t.columns[*idx].type);
      ++k;
    }
    t.row(std::move(row));
  } while (accept(","));
}

}  // namespace

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
  std::vector<std::string> batches = split_batches(text.str());
  for (std::size_t b = 0; b < batches.size(); ++b) {
    try {
      ScriptParser(lex_sql(batches[b]), db).run();
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("{}, batch {}: {}", path, b + 1, e.what()));
    }
  }
  return db;
}

}  // namespace tdstest
