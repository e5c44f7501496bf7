#include "sources/mssql/mssql_expr.hpp"

#include <cctype>
#include <map>

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

class Translator {
 public:
  explicit Translator(std::string_view s) : s_(s) {}

  std::optional<std::string> run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      bool ok = true;
      if (c == '[') ok = bracketed();
      else if (c == '\'' || ((c == 'N' || c == 'n') && i_ + 1 < s_.size() && s_[i_ + 1] == '\'')) ok = string();
      else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') ok = word();
      else operator_char();
      if (!ok) return std::nullopt;
    }
    // '+' joins strings in T-SQL, and PostgreSQL refuses it for text: with a
    // string literal in sight the expression is taken as a concatenation and
    // not translated (its column is copied as values, with a warning).
    if (plus_ && text_) return std::nullopt;
    return out_;
  }

 private:
  void operator_char() {
    plus_ = plus_ || s_[i_] == '+';
    out_ += s_[i_++];
  }

  bool bracketed() {
    std::string name;
    for (++i_; i_ < s_.size(); ++i_) {
      if (s_[i_] == ']' && i_ + 1 < s_.size() && s_[i_ + 1] == ']') name += s_[++i_];
      else if (s_[i_] == ']') break;
      else name += s_[i_];
    }
    if (i_++ >= s_.size()) return false;
    out_ += '"';
    for (char ch : name) out_ += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    out_ += '"';
    return true;
  }

  bool string() {
    if (s_[i_] != '\'') ++i_;
    size_t start = i_++;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '\'' && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') ++i_;
      else if (s_[i_] == '\'') break;
    }
    if (i_ >= s_.size()) return false;
    out_ += s_.substr(start, ++i_ - start);
    text_ = true;
    return true;
  }

  bool word() {
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
    std::string w = ascii_lower(s_.substr(start, i_ - start));
    bool call = i_ < s_.size() && s_[i_] == '(';
    if (auto it = niladic().find(w); it != niladic().end()) {
      if (call && (i_ + 1 >= s_.size() || s_[i_ + 1] != ')')) return false;
      if (call) i_ += 2;
      out_ += it->second;
      return true;
    }
    if (call) {
      auto it = renamed().find(w);
      if (it == renamed().end()) return false;
      out_ += it->second;
      return true;
    }
    for (const char* k : k_keywords)
      if (w == k) return out_ += w, true;
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string out_;
  bool plus_ = false;  // a '+' outside literals
  bool text_ = false;  // a string literal
};

}  // namespace

std::optional<std::string> translate_expression(std::string_view expr) { return Translator(expr).run(); }

}  // namespace cutover::mssql
