#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "lexer.hpp"
#include "select.hpp"

namespace tdstest {

namespace {

class Parser : TokenCursor {
 public:
  explicit Parser(std::vector<SqlToken> t) : TokenCursor(std::move(t)) {}

  SelectStmt statement();

 private:
  [[noreturn]] void fail(const std::string& what) const override {
    throw std::invalid_argument(fmt::format("{} near '{}'", what, peek().text));
  }
  std::vector<std::string> dotted();
  std::string type_text();
  SelectExpr expr();
  SelectExpr item();
  SelectCond joined(SelectCond::Kind kind, std::string_view keyword, SelectCond (Parser::*part)());
  SelectCond condition();
  SelectCond term();
  SelectCond factor();
  std::vector<std::string> hints();
  void order_by(SelectStmt& s);
  std::int64_t integer();
};

std::string lower_ascii(std::string s) {
  std::ranges::transform(s, s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<std::string> Parser::dotted() {
  std::vector<std::string> parts{identifier()};
  while (accept(".")) parts.push_back(identifier());
  return parts;
}

std::int64_t Parser::integer() {
  if (peek().kind != SqlToken::number) fail("expected a number");
  std::string text = take().text;
  std::int64_t v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::string Parser::type_text() {
  std::string out = identifier();
  if (accept("(")) {
    out += "(";
    for (; !peek().sym(")") && peek().kind != SqlToken::end; take()) out += peek().text;
    expect(")");
    out += ")";
  }
  return out;
}

SelectExpr Parser::expr() {
  SelectExpr e;
  if (accept("COUNT_BIG") || accept("COUNT")) {
    expect("(");
    expect("*");
    expect(")");
    e.kind = SelectExpr::count;
  } else if (peek().is("MIN") || peek().is("MAX")) {
    e.kind = take().is("MIN") ? SelectExpr::min : SelectExpr::max;
    expect("(");
    e.name = dotted().back();
    expect(")");
  } else if (accept("SQL_VARIANT_PROPERTY")) {
    expect("(");
    e.kind = SelectExpr::variant_property;
    e.arg = std::make_shared<SelectExpr>(expr());
    expect(",");
    if (peek().kind != SqlToken::string) fail("expected a property name");
    e.name = take().text;
    expect(")");
  } else if (accept("CAST")) {
    expect("(");
    e.kind = SelectExpr::cast;
    e.arg = std::make_shared<SelectExpr>(expr());
    expect("AS");
    e.type_text = type_text();
    expect(")");
  } else if (accept("CONVERT")) {
    expect("(");
    e.kind = SelectExpr::cast;
    e.type_text = type_text();
    expect(",");
    e.arg = std::make_shared<SelectExpr>(expr());
    if (accept(",")) e.style = static_cast<int>(integer());
    expect(")");
  } else if (accept("CASE")) {
    e.kind = SelectExpr::case_of;
    e.arg = std::make_shared<SelectExpr>(expr());
    while (accept("WHEN")) {
      if (peek().kind != SqlToken::string) fail("expected a string after WHEN");
      std::string text = take().text;
      expect("THEN");
      e.whens.emplace_back(std::move(text), std::make_shared<SelectExpr>(expr()));
    }
    if (accept("ELSE")) e.otherwise = std::make_shared<SelectExpr>(expr());
    expect("END");
  } else if (peek().kind == SqlToken::number) {
    e.kind = SelectExpr::literal;
    e.name = take().text;
  } else if (peek().kind == SqlToken::string) {
    e.kind = SelectExpr::literal;
    e.type_text = peek().national ? "nvarchar" : "varchar";
    e.name = take().text;
  } else {
    auto parts = dotted();
    e.name = parts.back();
    std::string method = parts.size() > 1 ? lower_ascii(parts.back()) : "";
    if (method == "stsrid" || ((method == "stasbinary" || method == "asbinaryzm") && peek().sym("("))) {
      if (method != "stsrid") {
        expect("(");
        expect(")");
      }
      e.kind = SelectExpr::udt_method;
      e.name = parts[parts.size() - 2];
      e.type_text = method;
    }
  }
  return e;
}

SelectExpr Parser::item() {
  SelectExpr e = expr();
  bool as = accept("AS");
  if (as || peek().kind == SqlToken::quoted ||
      (peek().kind == SqlToken::word && !peek().is("FROM"))) {
    e.alias = identifier();
  }
  return e;
}

// `part` {keyword part}: cond := term {OR term}, term := factor {AND factor}.
SelectCond Parser::joined(SelectCond::Kind kind, std::string_view keyword, SelectCond (Parser::*part)()) {
  SelectCond first = (this->*part)();
  if (!peek().is(keyword)) return first;
  SelectCond out{kind, "", "", {}, {std::move(first)}};
  while (accept(keyword)) out.parts.push_back((this->*part)());
  return out;
}

SelectCond Parser::condition() { return joined(SelectCond::any, "OR", &Parser::term); }
SelectCond Parser::term() { return joined(SelectCond::all, "AND", &Parser::factor); }

SelectCond Parser::factor() {
  if (accept("(")) {
    SelectCond c = condition();
    expect(")");
    return c;
  }
  SelectCond c;
  c.column = dotted().back();
  if (accept("IS")) {
    c.op = accept("NOT") ? "is not null" : "is null";
    expect("NULL");
    return c;
  }
  const SqlToken& op = peek();
  if (op.kind != SqlToken::symbol || op.text.find_first_of("=<>!") == std::string::npos) {
    fail("expected a comparison");
  }
  c.op = take().text == "!=" ? "<>" : t_[i_ - 1].text;
  if (peek().kind != SqlToken::param && peek().kind != SqlToken::number &&
      peek().kind != SqlToken::string) {
    fail("expected a parameter or a literal");
  }
  c.operand = take();
  return c;
}

std::vector<std::string> Parser::hints() {
  std::vector<std::string> out;
  expect("(");
  do {
    std::string h = identifier();
    std::ranges::transform(h, h.begin(), [](unsigned char c) { return std::toupper(c); });
    out.push_back(std::move(h));
  } while (accept(","));
  expect(")");
  return out;
}

void Parser::order_by(SelectStmt& s) {
  expect("BY");
  do {
    std::string col = dotted().back();
    bool desc = accept("DESC");
    if (!desc) accept("ASC");
    s.order_by.emplace_back(col, desc);
  } while (accept(","));
  if (!accept("OFFSET")) return;
  s.offset = integer();
  if (!accept("ROWS")) expect("ROW");
  if (!accept("FETCH")) return;
  if (!accept("NEXT")) expect("FIRST");
  s.fetch = integer();
  if (!accept("ROWS")) expect("ROW");
  expect("ONLY");
}

SelectStmt Parser::statement() {
  SelectStmt s;
  expect("SELECT");
  if (accept("TOP")) {
    bool paren = accept("(");
    s.top = integer();
    if (paren) expect(")");
  }
  if (accept("*")) {
    s.star = true;
  } else {
    do s.items.push_back(item());
    while (accept(","));
  }
  expect("FROM");
  std::vector<std::string> name = dotted();
  s.table = name.back();
  if (name.size() >= 2) s.schema = name[name.size() - 2];
  if (name.size() >= 3) s.db = name[name.size() - 3];
  if (accept("AS") || peek().kind == SqlToken::quoted ||
      (peek().kind == SqlToken::word && !peek().is("WITH") && !peek().is("WHERE") &&
       !peek().is("ORDER"))) {
    identifier();
  }
  if (accept("WITH")) s.hints = hints();
  if (accept("WHERE")) {
    SelectCond c = condition();
    if (c.kind == SelectCond::all) s.where = std::move(c.parts);
    else s.where.push_back(std::move(c));
  }
  if (accept("ORDER")) order_by(s);
  if (peek().kind != SqlToken::end) fail("unexpected text");
  return s;
}

}  // namespace

bool SelectStmt::has_hint(std::string_view h) const {
  return std::ranges::any_of(hints, [&](const std::string& x) { return iequals(x, h); });
}

std::expected<SelectStmt, std::string> parse_select(std::string_view sql) {
  try {
    return Parser(lex_sql(sql)).statement();
  } catch (const std::invalid_argument& e) {
    return std::unexpected(std::string(e.what()));
  }
}

}  // namespace tdstest
