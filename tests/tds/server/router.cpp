#include "router.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "lexer.hpp"
#include "select.hpp"

namespace tdstest {

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<SqlToken>& t, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < t.size() && t[i].kind != SqlToken::end; ++i) {
    if (!out.empty()) out += ' ';
    out += t[i].text;
  }
  return upper(out);
}

void one_value(Response& r, const std::string& name, std::string_view type, Value v) {
  r.result(materialized({{name, parse_type(type)}}, {{std::move(v)}}));
}

void session_result(Response& r) {
  const SessionState& s = r.state();
  r.result(materialized(
      {{"database", parse_type("nvarchar(128)")},
       {"textsize", parse_type("bigint")},
       {"isolation", parse_type("nvarchar(40)")},
       {"trancount", parse_type("int")},
       {"packet_size", parse_type("int")},
       {"user", parse_type("nvarchar(128)")}},
      {{s.database, s.textsize, s.isolation, std::int64_t{s.transaction != 0 ? 1 : 0},
        std::int64_t{s.packet_size}, s.user}}));
}

// Applies one SET clause starting at t[i]; returns false for a bad
// isolation level. Clauses follow each other without separators, as in
// tedious's "set ansi_nulls on\nset textsize 2147483647\n...".
bool set_clause(const std::vector<SqlToken>& t, std::size_t i, SessionState& s) {
  if (t[i + 1].is("TEXTSIZE") && t[i + 2].kind == SqlToken::number) {
    std::int64_t n = std::stoll(t[i + 2].text);
    s.textsize = n <= 0 ? 4096 : n;  // SET TEXTSIZE 0 restores the default of 4096
  } else if (t[i + 1].is("TRANSACTION") && t[i + 2].is("ISOLATION")) {
    std::string level;
    for (std::size_t j = i + 4; t[j].kind == SqlToken::word && !t[j].is("SET"); ++j) {
      level += (level.empty() ? "" : " ") + upper(t[j].text);
    }
    static const char* k_levels[] = {"READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ",
                                     "SNAPSHOT", "SERIALIZABLE"};
    if (std::ranges::find(k_levels, level) == std::end(k_levels)) return false;
    s.isolation = level;
  }
  return true;
}

bool set_statement(const std::vector<SqlToken>& t, Response& r) {
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].is("SET") && !set_clause(t, i, r.state())) return false;
  }
  r.statement_done();
  return true;
}

bool transaction_statement(const std::vector<SqlToken>& t, Response& r) {
  std::size_t i = 0;
  if (t[0].is("IF")) {
    if (joined(t, 0).rfind("IF @@TRANCOUNT > 0 ", 0) != 0) return false;
    i = 4;
  }
  if (t[i].is("BEGIN") && (t[i + 1].is("TRAN") || t[i + 1].is("TRANSACTION"))) {
    if (r.state().transaction == 0) r.begin_transaction();
  } else if (t[i].is("COMMIT") || t[i].is("ROLLBACK")) {
    r.end_transaction(t[i].is("COMMIT"));
  } else {
    return false;
  }
  r.statement_done();
  return true;
}

bool system_select(const std::vector<SqlToken>& t, Response& r) {
  if (!t[0].is("SELECT") || t[1].kind != SqlToken::param || t[2].kind != SqlToken::end) {
    return false;
  }
  std::string v = joined(t, 1);
  if (v == "@@VERSION") {
    one_value(r, "", "nvarchar(300)",
              "Microsoft SQL Server 2022 (cutover TDS test server, not a database)");
  } else if (v == "@@SPID") {
    one_value(r, "", "smallint", std::int64_t{51});
  } else if (v == "@@TRANCOUNT") {
    one_value(r, "", "int", std::int64_t{r.state().transaction != 0 ? 1 : 0});
  } else {
    return false;
  }
  return true;
}

bool message_statement(const std::vector<SqlToken>& t, Response& r) {
  if (t[0].is("PRINT") && t[1].kind == SqlToken::string) {
    r.message({0, 1, 0, t[1].text});
    r.statement_done();
    return true;
  }
  if (t[0].is("RAISERROR") && t[1].sym("(") && t[2].kind == SqlToken::string &&
      t[4].kind == SqlToken::number && t[6].kind == SqlToken::number) {
    auto severity = static_cast<std::uint8_t>(std::stoi(t[4].text));
    r.message({50000, static_cast<std::uint8_t>(std::stoi(t[6].text)), severity, t[2].text});
    if (severity <= 10) r.statement_done();
    return true;
  }
  return false;
}

}  // namespace

std::string Router::tag_of(std::string_view sql) {
  std::size_t i = sql.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || sql.substr(i, 11) != "-- cutover:") return "";
  std::size_t start = i + 11;
  std::size_t end = sql.find_first_of(" \t\r\n", start);
  return std::string(sql.substr(start, end == std::string_view::npos ? end : end - start));
}

void Router::on_tag(const std::string& name, TagHandler handler) {
  tags_[name] = std::move(handler);
}

bool Router::builtin(const std::vector<SqlToken>& t, Response& r) const {
  if (t[0].is("SET")) return set_statement(t, r);
  if (t[0].is("USE") && t[1].kind != SqlToken::end) {
    if (!has_database(t[1].text)) {
      r.message({911, 1, 16,
                 fmt::format("Database '{}' does not exist. Make sure that the name is entered "
                             "correctly.",
                             t[1].text)});
      return true;
    }
    r.use_database(catalog_.find_database(t[1].text)->name);
    r.statement_done();
    return true;
  }
  return transaction_statement(t, r) || system_select(t, r) || message_statement(t, r);
}

void Router::statement(const std::string& sql, const std::vector<Param>& params,
                       Response& r) const {
  std::vector<SqlToken> t;
  try {
    t = lex_sql(sql);
  } catch (const std::invalid_argument& e) {
    r.message({105, 1, 15, e.what()});
    return;
  }
  if (t[0].kind == SqlToken::end) return;
  while (t.size() < 8) t.push_back({SqlToken::end, ""});
  if (builtin(t, r)) return;
  if (t[0].is("SELECT")) {
    auto s = parse_select(sql);
    if (!s) {
      r.message({102, 1, 15, fmt::format("Incorrect syntax: {} (TDS test server SELECT grammar, "
                                          "see tests/tds/server/select.hpp).",
                                          s.error())});
      return;
    }
    auto rs = run_select(*s, catalog_, r.state(), params);
    if (!rs) {
      r.message(rs.error());
      return;
    }
    r.result(std::move(*rs));
    return;
  }
  r.message({102, 1, 15,
             fmt::format("Incorrect syntax near '{}' (the TDS test server does not run this "
                         "statement; see tests/tds/server/router.hpp).",
                         t[0].text)});
}

void Router::execute(const std::string& sql, const std::vector<Param>& params,
                     Response& r) const {
  std::string tag = tag_of(sql);
  if (tag == "session") return session_result(r);
  if (!tag.empty()) {
    auto h = tags_.find(tag);
    if (h == tags_.end()) {
      r.message({50000, 1, 16, fmt::format("no handler registered for tag '{}'", tag)});
      return;
    }
    return h->second(Query{sql, params}, r);
  }
  std::vector<std::string> statements;
  try {
    statements = split_statements(sql);
  } catch (const std::invalid_argument& e) {
    r.message({105, 1, 15, e.what()});
    return;
  }
  for (const std::string& s : statements) {
    if (r.cancelled()) return;
    statement(s, params, r);
  }
}

}  // namespace tdstest
