#include "sources/sqlite/sqlite_expr.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "sources/sqlite/sqlite_lexer.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover::sqlite {
namespace {

constexpr std::string_view k_epoch_now = "extract(epoch from now())::bigint";

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](auto w) { return iequals(word, w); });
}

// Output pieces joined with single spaces, except around parentheses,
// before commas, after a function name and after a unary sign.
class Output {
 public:
  enum class Glue { none, after, before };  // after: no space after; before: no space before
  void add(std::string text, bool operand, Glue glue = Glue::none) {
    bool space = !out_.empty() && !no_space_next_ && glue != Glue::before;
    if (space) out_ += ' ';
    out_ += text;
    no_space_next_ = glue == Glue::after;
    operand_ = operand;
  }
  bool last_is_operand() const { return operand_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool no_space_next_ = false;
  bool operand_ = false;
};

// strftime formats that print the current date-time, date or time.
std::optional<std::string_view> strftime_now(std::string_view format) {
  static constexpr std::string_view k_timestamps[] = {
      "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%f", "%Y-%m-%dT%H:%M:%S",  "%Y-%m-%dT%H:%M:%f",
      "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%fZ", "%Y-%m-%d %H:%M"};
  if (std::find(std::begin(k_timestamps), std::end(k_timestamps), format) != std::end(k_timestamps))
    return "CURRENT_TIMESTAMP";
  if (format == "%Y-%m-%d") return "CURRENT_DATE";
  if (format == "%H:%M:%S") return "CURRENT_TIME";
  if (format == "%s") return k_epoch_now;
  return std::nullopt;
}

// datetime('now') and friends: every argument a string literal.
std::optional<std::string> date_function(std::string_view name, const std::vector<std::string>& args) {
  bool now = !args.empty() && args.back() == "now";
  if (iequals(name, "unixepoch") && (args.empty() || (args.size() == 1 && now)))
    return std::string(k_epoch_now);
  if (args.size() == 1 && now) {
    if (iequals(name, "datetime")) return "CURRENT_TIMESTAMP";
    if (iequals(name, "date")) return "CURRENT_DATE";
    if (iequals(name, "time")) return "CURRENT_TIME";
  }
  if (iequals(name, "strftime") && args.size() == 2 && now)
    if (auto r = strftime_now(args[0])) return std::string(*r);
  return std::nullopt;
}

class Translator {
 public:
  explicit Translator(std::string_view sql) : t_(tokenize(sql)) {}

  std::optional<std::string> run() {
    if (t_.empty()) return std::nullopt;
    while (i_ < t_.size())
      if (!step()) return std::nullopt;
    return out_.take();
  }

 private:
  bool step() {
    const Token& tok = t_[i_];
    switch (tok.kind) {
      case TokenKind::number: return number(tok);
      case TokenKind::string: return emit(std::string(tok.text), true);
      case TokenKind::blob: return blob(tok);
      case TokenKind::quoted: return emit(pg::quote_ident(identifier_text(tok)), true);
      case TokenKind::lparen: return emit("(", false, Output::Glue::after);
      case TokenKind::rparen: return emit(")", true, Output::Glue::before);
      case TokenKind::comma: return emit(",", false, Output::Glue::before);
      case TokenKind::op: return op(tok);
      case TokenKind::word: return word(tok);
    }
    return false;
  }

  bool emit(std::string text, bool operand, Output::Glue glue = Output::Glue::none) {
    out_.add(std::move(text), operand, glue);
    ++i_;
    return true;
  }

  const Token* peek(size_t ahead) const { return i_ + ahead < t_.size() ? &t_[i_ + ahead] : nullptr; }
  bool peek_word(size_t ahead, std::string_view w) const {
    const Token* p = peek(ahead);
    return p != nullptr && is_word(*p, w);
  }

  bool number(const Token& tok) {
    if (tok.text.size() > 2 && (tok.text[1] == 'x' || tok.text[1] == 'X')) {
      int64_t v = 0;
      auto digits = tok.text.substr(2);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, 16);
      if (ec != std::errc() || p != digits.data() + digits.size()) return false;
      return emit(std::to_string(v), true);
    }
    return emit(std::string(tok.text), true);
  }

  bool blob(const Token& tok) {
    std::string_view hex = tok.text.substr(2, tok.text.size() - 3);
    if (hex.size() % 2 != 0 || tok.text.back() != '\'') return false;
    if (!std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
      return false;
    return emit("'\\x" + ascii_lower(hex) + "'::bytea", true);
  }

  bool op(const Token& tok) {
    static constexpr std::string_view k_binary[] = {"=", "!=", "<>", "<", "<=", ">", ">=", "*",
                                                    "/", "%", "||", "&", "|", "<<", ">>"};
    if (tok.text == "==") return emit("=", false);
    if (tok.text == "-" || tok.text == "+" || tok.text == "~") {
      bool unary = !out_.last_is_operand();
      return emit(std::string(tok.text), false, unary ? Output::Glue::after : Output::Glue::none);
    }
    if (std::find(std::begin(k_binary), std::end(k_binary), tok.text) != std::end(k_binary))
      return emit(std::string(tok.text), false);
    return false;
  }

  bool word(const Token& tok) {
    std::string_view w = tok.text;
    if (one_of(w, {"NULL", "TRUE", "FALSE", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"}))
      return emit(std::string(w), true);
    if (one_of(w, {"END"})) return emit("END", true);
    if (one_of(w, {"AND", "OR", "IN", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE"}))
      return emit(std::string(w), false);
    if (iequals(w, "NOT")) return not_word();
    if (iequals(w, "IS")) return is_word_op();
    if (iequals(w, "ISNULL")) return emit("IS NULL", true);
    if (iequals(w, "NOTNULL")) return emit("IS NOT NULL", true);
    if (iequals(w, "LIKE")) return like();
    if (one_of(w, {"COLLATE", "CAST", "GLOB", "REGEXP", "MATCH", "EXISTS", "SELECT", "RAISE",
                   "ESCAPE", "DISTINCT", "FILTER", "OVER", "FROM", "AS"}))
      return false;
    if (peek(1) != nullptr && peek(1)->kind == TokenKind::lparen) return function(tok);
    return emit(pg::quote_ident(identifier_text(tok)), true);
  }

  // "x NOT NULL" (postfix, SQLite only) -> "x IS NOT NULL"; otherwise NOT.
  bool not_word() {
    if (out_.last_is_operand() && peek_word(1, "NULL")) {
      ++i_;
      return emit("IS NOT NULL", true);
    }
    return emit("NOT", false);
  }

  // IS [NOT] NULL/TRUE/FALSE only: SQLite's "a IS b" compares any values.
  bool is_word_op() {
    size_t k = peek_word(1, "NOT") ? 2 : 1;
    if (!(peek_word(k, "NULL") || peek_word(k, "TRUE") || peek_word(k, "FALSE"))) return false;
    std::string text = k == 2 ? "IS NOT " : "IS ";
    text += std::string(t_[i_ + k].text);
    i_ += k;
    return emit(text, true);
  }

  bool like() {
    const Token* pat = peek(1);
    if (pat == nullptr || pat->kind != TokenKind::string) return false;
    if (peek_word(2, "ESCAPE") && peek(3) != nullptr && peek(3)->kind == TokenKind::string) {
      std::string text = "ILIKE " + std::string(pat->text) + " ESCAPE " + std::string(peek(3)->text);
      i_ += 3;
      return emit(text, true);
    }
    if (pat->text.find('\\') != std::string_view::npos) return false;
    std::string text = "ILIKE " + std::string(pat->text);
    ++i_;
    return emit(text, true);
  }

  bool function(const Token& name) {
    size_t close = matching_paren(t_, i_ + 1);
    if (close >= t_.size()) return false;
    if (one_of(name.text, {"datetime", "date", "time", "strftime", "unixepoch", "julianday"}))
      return date_call(name, close);
    if (one_of(name.text, {"length", "lower", "upper", "abs", "coalesce", "nullif", "trim",
                           "ltrim", "rtrim", "substr", "replace"}))
      return emit(ascii_lower(name.text), false, Output::Glue::after);
    if (iequals(name.text, "ifnull")) return emit("coalesce", false, Output::Glue::after);
    if (iequals(name.text, "instr")) return emit("strpos", false, Output::Glue::after);
    return false;
  }

  bool date_call(const Token& name, size_t close) {
    std::vector<std::string> args;
    for (auto [b, e] : split_top_level(t_, i_ + 2, close)) {
      if (e != b + 1 || t_[b].kind != TokenKind::string) return false;
      args.push_back(string_text(t_[b]));
    }
    auto r = date_function(name.text, args);
    if (!r) return false;
    i_ = close;
    return emit(*r, true);
  }

  std::vector<Token> t_;
  size_t i_ = 0;
  Output out_;
};

}  // namespace

std::optional<std::string> translate_expression(std::string_view expr) {
  return Translator(expr).run();
}

}  // namespace cutover::sqlite
