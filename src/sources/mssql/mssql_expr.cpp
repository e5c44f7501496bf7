#include "sources/mssql/mssql_expr.hpp"

#include <fmt/format.h>

#include "sources/mssql/mssql_tsql_tokens.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {
namespace {

// Functions called with "()" that become a whole expression.
const std::map<std::string, std::string>& niladic() {
  static const std::map<std::string, std::string> k_map = {
      {"getdate", "LOCALTIMESTAMP"},
      {"sysdatetime", "LOCALTIMESTAMP"},
      {"current_timestamp", "LOCALTIMESTAMP"},
      {"getutcdate", "(now() AT TIME ZONE 'utc')"},
      {"sysutcdatetime", "(now() AT TIME ZONE 'utc')"},
      {"sysdatetimeoffset", "now()"},
      {"newid", "gen_random_uuid()"},
      {"newsequentialid", "gen_random_uuid()"},
  };
  return k_map;
}

const std::map<std::string, std::string>& renamed() {
  static const std::map<std::string, std::string> k_map = {
      {"len", "length"}, {"isnull", "coalesce"}, {"upper", "upper"}, {"lower", "lower"}, {"abs", "abs"},
      {"round", "round"}, {"coalesce", "coalesce"}, {"ltrim", "ltrim"}, {"rtrim", "rtrim"}};
  return k_map;
}

const char* k_keywords[] = {"and", "or", "not", "is", "null", "in", "like", "between", "case", "when",
                            "then", "else", "end"};

// What an operand is known to be, for '+' and bit comparisons.
enum class Operand { unknown, text, bit, other };

Operand operand_of_type(const std::string& declared) {
  if (declared.empty()) return Operand::unknown;
  MssqlType t = parse_mssql_type(declared);
  if (t.base == "bit") return Operand::bit;
  for (const char* s : {"char", "varchar", "nchar", "nvarchar", "text", "ntext", "sysname"})
    if (t.base == s) return Operand::text;
  return Operand::other;
}

// The PostgreSQL type of a CAST/CONVERT target; string types without a
// length are SQL Server's default 30 characters.
std::string pg_cast_type(const std::string& tsql_type) {
  MssqlType t = parse_mssql_type(tsql_type);
  bool string = t.base.find("char") != std::string::npos;
  if (string && !t.max && t.length < 0) return "varchar(30)";
  Column c;
  c.declared_type = tsql_type;
  return map_type(c, nullptr).target_type;
}

class Translator {
 public:
  Translator(const Tokens& t, const ColumnTypes& columns, bool view) : t_(t), columns_(columns), view_(view) {}

  // Tokens [b, e) in PostgreSQL; nullopt when an expression does not
  // translate (a view keeps the T-SQL text of what does not).
  std::optional<std::string> range(size_t b, size_t e) {
    std::string out;
    std::vector<Pending> stack;
    Operand last = Operand::unknown;
    bool plus_unknown = false, text = false;
    for (size_t i = b; i < e;) {
      const Token& k = t_[i];
      std::optional<std::string> piece;
      size_t next = i + 1;
      if (k.kind == Tok::space) piece = " ";
      else if (k.kind == Tok::ident || (k.kind == Tok::word && view_ && !is_call(i, e) && !special_word(k))) {
        piece = k.kind == Tok::ident ? quoted(k.text) : k.text;
        last = qualifies(i, e) ? Operand::unknown : column_operand(k.text);
      } else if (k.kind == Tok::string) {
        piece = "'" + k.text + "'";
        last = Operand::text;
        text = true;
      } else if (k.kind == Tok::number) {
        piece = k.text;
        last = Operand::other;
      } else if (k.kind == Tok::word) {
        piece = word(i, e, next, stack, last);
      } else {
        piece = symbol(i, e, next, stack, last, plus_unknown);
      }
      if (!piece) {
        if (!view_) return std::nullopt;
        piece = raw(i, next);
      }
      out += *piece;
      i = next;
    }
    if (!pending_limit_.empty()) out += " LIMIT " + pending_limit_;
    pending_limit_.clear();
    if (plus_unknown && text && !view_) return std::nullopt;
    return out;
  }

 private:
  // An open parenthesis: a function call's (its result's type is not
  // known) or a grouping one (its operand kind passes through).
  struct Pending {
    bool call = false;
  };

  static std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
  }

  std::string raw(size_t b, size_t e) const {
    std::string out;
    for (size_t i = b; i < e && i < t_.size(); ++i) out += t_[i].source;
    return out;
  }

  size_t skip_space(size_t i, size_t e) const {
    while (i < e && t_[i].kind == Tok::space) ++i;
    return i;
  }

  bool is_call(size_t i, size_t e) const {
    size_t n = skip_space(i + 1, e);
    return n < e && t_[n].is_symbol("(");
  }

  // A name followed by '.': a schema or table qualifier, not a column.
  bool qualifies(size_t i, size_t e) const { return i + 1 < e && t_[i + 1].is_symbol("."); }

  bool special_word(const Token& k) const {
    std::string w = ascii_lower(k.text);
    return w == "top" || w == "next" || niladic().count(w) > 0;
  }

  Operand column_operand(const std::string& name) const {
    auto it = columns_.find(ascii_lower(name));
    return it == columns_.end() ? Operand::unknown : operand_of_type(it->second);
  }

  std::optional<std::string> word(size_t i, size_t e, size_t& next, std::vector<Pending>& stack, Operand& last) {
    std::string w = ascii_lower(t_[i].text);
    bool call = is_call(i, e);
    if (auto it = niladic().find(w); it != niladic().end()) {
      size_t open = skip_space(i + 1, e);
      if (call) {
        size_t close = skip_space(open + 1, e);
        if (close >= e || !t_[close].is_symbol(")")) return std::nullopt;
        next = close + 1;
      }
      last = Operand::other;
      return it->second;
    }
    if (w == "next") return next_value(i, e, next);
    if (w == "top" && view_) return top(i, e, next, stack);
    if (call && (w == "cast" || w == "convert")) return cast(i, e, next, w == "convert", last);
    for (const char* kw : k_keywords)
      if (w == kw) {
        last = Operand::unknown;
        return view_ ? t_[i].text : w;
      }
    if (call) {
      pending_call_ = true;
      auto it = renamed().find(w);
      if (it == renamed().end()) return view_ ? std::optional<std::string>(t_[i].text) : std::nullopt;
      return it->second;
    }
    return std::nullopt;
  }

  // NEXT VALUE FOR [s].[q] -> nextval('s.q'::regclass), source names.
  std::optional<std::string> next_value(size_t i, size_t e, size_t& next) {
    size_t v = skip_space(i + 1, e);
    size_t f = v < e ? skip_space(v + 1, e) : e;
    if (f >= e || !t_[v].is_word("value") || !t_[f].is_word("for")) return std::nullopt;
    std::vector<std::string> parts;
    size_t n = skip_space(f + 1, e);
    while (n < e && (t_[n].kind == Tok::ident || t_[n].kind == Tok::word)) {
      parts.push_back(t_[n].text);
      if (n + 2 < e && t_[n + 1].is_symbol(".")) n += 2;
      else break;
    }
    if (parts.empty() || parts.size() > 2) return std::nullopt;
    next = n + 1;
    std::string name = parts.size() == 2 ? parts[0] + "." + parts[1] : parts[0];
    std::string literal;
    for (char ch : name) literal += ch == '\'' ? std::string("''") : std::string(1, ch);
    return fmt::format("nextval('{}'::regclass)", literal);
  }

  // TOP 100 PERCENT (SQL Server's way to allow ORDER BY in a view) is
  // dropped; TOP (n) / TOP n becomes LIMIT n where its query ends.
  std::optional<std::string> top(size_t i, size_t e, size_t& next, std::vector<Pending>& stack) {
    size_t n = skip_space(i + 1, e);
    bool paren = n < e && t_[n].is_symbol("(");
    size_t num = paren ? skip_space(n + 1, e) : n;
    if (num >= e || t_[num].kind != Tok::number) return std::nullopt;
    size_t after = paren ? skip_space(num + 1, e) : num;
    if (paren && (after >= e || !t_[after].is_symbol(")"))) return std::nullopt;
    size_t p = skip_space(after + 1, e);
    if (p < e && t_[p].is_word("percent")) {
      if (t_[num].text != "100") return std::nullopt;
      next = p + 1;
      return "";
    }
    if (!pending_limit_.empty()) return std::nullopt;
    pending_limit_ = t_[num].text;
    stack_depth_limit_ = stack.size();
    next = after + 1;
    return "";
  }

  // CAST(x AS t) and CONVERT(t, x[, style]): a style is refused for string
  // targets (it picks a text form PostgreSQL's cast does not give).
  std::optional<std::string> cast(size_t i, size_t e, size_t& next, bool convert, Operand& last) {
    size_t open = skip_space(i + 1, e);
    size_t close = matching(open, e);
    if (close >= e) return std::nullopt;
    std::vector<size_t> cuts;
    int depth = 0;
    for (size_t j = open + 1; j < close; ++j) {
      depth += t_[j].is_symbol("(") ? 1 : t_[j].is_symbol(")") ? -1 : 0;
      if (depth == 0 && (convert ? t_[j].is_symbol(",") : t_[j].is_word("as"))) cuts.push_back(j);
    }
    if (cuts.empty() || (!convert && cuts.size() != 1) || cuts.size() > 2) return std::nullopt;
    std::string type = convert ? type_text(open + 1, cuts[0]) : type_text(cuts[0] + 1, close);
    size_t expr_b = convert ? cuts[0] + 1 : open + 1;
    size_t expr_e = convert ? (cuts.size() == 2 ? cuts[1] : close) : cuts[0];
    std::string pg = pg_cast_type(type);
    if (cuts.size() == 2 && (pg == "text" || pg.starts_with("varchar"))) return std::nullopt;
    auto expr = Translator(t_, columns_, view_).range(expr_b, expr_e);
    if (!expr) return std::nullopt;
    next = close + 1;
    last = operand_of_type(type);
    return fmt::format("CAST({} AS {})", trimmed(*expr), pg);
  }

  // A type as written, brackets dropped: [varchar](10) -> varchar(10).
  std::string type_text(size_t b, size_t e) const {
    std::string out;
    for (size_t i = b; i < e; ++i)
      if (t_[i].kind != Tok::space) out += t_[i].kind == Tok::ident ? t_[i].text : t_[i].source;
    return out;
  }

  static std::string trimmed(std::string s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    size_t b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
  }

  size_t matching(size_t open, size_t e) const {
    int depth = 0;
    for (size_t j = open; j < e; ++j) {
      depth += t_[j].is_symbol("(") ? 1 : t_[j].is_symbol(")") ? -1 : 0;
      if (depth == 0) return j;
    }
    return e;
  }

  // The operand after position i: a string literal, a column, or unknown.
  Operand next_operand(size_t i, size_t e) const {
    size_t n = skip_space(i, e);
    if (n >= e) return Operand::unknown;
    if (t_[n].kind == Tok::string) return Operand::text;
    if (t_[n].kind == Tok::number) return Operand::other;
    if (t_[n].kind != Tok::ident && t_[n].kind != Tok::word) return Operand::unknown;
    while (n + 2 < e && t_[n + 1].is_symbol(".")) n += 2;  // the column of a qualified name
    if (t_[n].kind == Tok::word && is_call(n, e)) return Operand::unknown;
    return column_operand(t_[n].text);
  }

  std::optional<std::string> symbol(size_t i, size_t e, size_t& next, std::vector<Pending>& stack, Operand& last,
                                    bool& plus_unknown) {
    const Token& k = t_[i];
    if (k.is_symbol("(")) {
      stack.push_back({pending_call_});
      pending_call_ = false;
      last = Operand::unknown;
      return "(";
    }
    if (k.is_symbol(")")) {
      std::string out = ")";
      if (!pending_limit_.empty() && stack_depth_limit_ == stack.size())
        out = " LIMIT " + pending_limit_ + ")", pending_limit_.clear();
      if (!stack.empty() && stack.back().call) last = Operand::unknown;
      if (!stack.empty()) stack.pop_back();
      return out;
    }
    if (k.is_symbol("+")) return plus(i, e, last, plus_unknown);
    if (view_ && (k.is_symbol("=") || k.is_symbol("<>") || k.is_symbol("!=")) && last == Operand::bit)
      return bit_comparison(i, e, next);
    if (!k.is_symbol(".")) last = Operand::unknown;
    return k.text;
  }

  std::optional<std::string> plus(size_t i, size_t e, Operand& last, bool& plus_unknown) {
    Operand right = next_operand(i + 1, e);
    bool left_text = last == Operand::text, right_text = right == Operand::text;
    bool numbers = last == Operand::other || last == Operand::bit || right == Operand::other || right == Operand::bit;
    last = Operand::unknown;
    if ((left_text || right_text) && !numbers && (!columns_.empty() || (left_text && right_text))) {
      last = Operand::text;
      return "||";
    }
    if ((left_text || right_text) && numbers) return std::nullopt;  // T-SQL converts the string to a number
    plus_unknown = plus_unknown || !numbers;
    return "+";
  }

  // bit = 0 / bit <> 1: PostgreSQL compares a boolean with false / true.
  std::optional<std::string> bit_comparison(size_t i, size_t e, size_t& next) {
    size_t n = skip_space(i + 1, e);
    if (n >= e || t_[n].kind != Tok::number || (t_[n].text != "0" && t_[n].text != "1")) return t_[i].text;
    next = n + 1;
    return fmt::format("{} {}", t_[i].text, t_[n].text == "1" ? "true" : "false");
  }

  const Tokens& t_;
  const ColumnTypes& columns_;
  bool view_;
  bool pending_call_ = false;
  std::string pending_limit_;
  size_t stack_depth_limit_ = 0;
};

}  // namespace

ColumnTypes column_types(const Table& table) {
  ColumnTypes out;
  for (const auto& c : table.columns) out[ascii_lower(c.name)] = c.declared_type;
  return out;
}

ColumnTypes column_types(const std::vector<Table>& tables) {
  ColumnTypes out;
  for (const auto& t : tables)
    for (const auto& c : t.columns) {
      auto [it, fresh] = out.emplace(ascii_lower(c.name), c.declared_type);
      if (!fresh && operand_of_type(it->second) != operand_of_type(c.declared_type)) it->second = "";
    }
  return out;
}

std::optional<std::string> translate_expression(std::string_view expr, const ColumnTypes& columns) {
  Tokens tokens = tsql_tokens(expr);
  return Translator(tokens, columns, false).range(0, tokens.size());
}

std::string translate_view(std::string_view create_view, const ColumnTypes& columns) {
  Tokens tokens = tsql_tokens(create_view);
  ViewParts parts = view_parts(tokens);
  Translator tr(tokens, columns, true);
  std::string body = tr.range(parts.body, parts.end).value_or("");
  if (parts.columns.empty()) return body;
  std::string names;
  for (const auto& c : parts.columns) names += (names.empty() ? "" : ", ") + fmt::format("\"{}\"", c);
  return fmt::format("SELECT * FROM ({}) AS v({})", body, names);
}

}  // namespace cutover::mssql
