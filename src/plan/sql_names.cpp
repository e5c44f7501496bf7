#include "plan/sql_names.hpp"

#include <array>
#include <cctype>
#include <optional>

#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {

namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80);
}
bool ident_char(char c) {
  return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

const std::string* renamed(const SchemaMap& map, std::string_view name) {
  for (const auto& [from, to] : map)
    if (from == name) return &to;
  return nullptr;
}

const TableRename* renamed_table(const NameMap& map, std::string_view schema,
                                 std::string_view name) {
  for (const auto& r : map.tables)
    if (r.from_schema == schema && r.from_name == name) return &r;
  return nullptr;
}

// End of a quoted run starting at `i` (the opening quote), doubled quotes
// inside; backslash escapes too when `backslashes` (E'...').
size_t quoted_end(std::string_view s, size_t i, char q, bool backslashes) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (backslashes && s[j] == '\\')
      ++j;
    else if (s[j] == q && j + 1 < s.size() && s[j + 1] == q)
      ++j;
    else if (s[j] == q)
      return j + 1;
  }
  return s.size();
}

// Text as it stands inside a string literal: quotes doubled.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

// A literal naming a renamed table, or starting with a renamed schema's
// qualifier, with the new name (the rest of it as it was).
std::string map_literal(std::string_view lit, const NameMap& map) {
  std::string_view body = lit.substr(1, lit.size() - 2);
  for (const auto& r : map.tables)
    if (body == escaped(pg::qualified(r.from_schema, r.from_name)))
      return "'" + escaped(pg::qualified(r.to_schema, r.to_name)) + "'";
  for (const auto& [from, to] : map.schemas) {
    std::string prefix = escaped(pg::quote_ident(from) + ".");
    if (body.starts_with(prefix))
      return "'" + escaped(pg::quote_ident(to) + ".") + std::string(body.substr(prefix.size())) +
             "'";
  }
  return std::string(lit);
}

// "$tag$" at i, or "" when i starts no dollar quote.
std::string_view dollar_tag(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && ident_char(s[j]) && s[j] != '$') ++j;
  if (j < s.size() && s[j] == '$' && (j == i + 1 || ident_start(s[i + 1])))
    return s.substr(i, j - i + 1);
  return {};
}

// An identifier token at `i` (bare or quoted): its end and its name.
struct Ident {
  size_t end = 0;
  std::string name;
};

std::optional<Ident> ident_at(std::string_view s, size_t i) {
  if (i >= s.size() || !(s[i] == '"' || ident_start(s[i]))) return std::nullopt;
  if (s[i] != '"') {
    size_t end = i;
    while (end < s.size() && ident_char(s[end])) ++end;
    return Ident{end, std::string(s.substr(i, end - i))};
  }
  size_t end = quoted_end(s, i, '"', false);
  std::string name(s.substr(i + 1, end - i - 2));
  for (size_t p = name.find("\"\""); p != std::string::npos; p = name.find("\"\"", p + 1))
    name.erase(p, 1);
  return Ident{end, name};
}

// Words after a table in a FROM list that are not its alias.
constexpr std::array k_not_alias = {
    "where",   "join",      "left",        "right", "full",      "inner",  "cross",
    "natural", "on",        "using",       "group", "having",    "window", "order",
    "limit",   "offset",    "fetch",       "union", "intersect", "except", "for",
    "with",    "returning", "tablesample", "then",  "when",      "else",   "end"};

// Whether the table reference ending at `i` is followed by no alias.
bool lacks_alias(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (i >= s.size() || s[i] == ')' || s[i] == ',' || s[i] == ';') return true;
  if (s[i] == '"' || !ident_start(s[i])) return false;
  auto word = ident_at(s, i);
  std::string lower = ascii_lower(word->name);
  for (const char* k : k_not_alias)
    if (lower == k) return true;
  return false;
}

class Renamer {
 public:
  Renamer(std::string_view s, const NameMap& map, bool keep_alias, bool bodies = false)
      : s_(s), map_(map), keep_alias_(keep_alias), bodies_(bodies) {}

  std::string run() {
    while (i_ < s_.size()) step();
    return std::move(out_);
  }

 private:
  void step() {
    char c = s_[i_];
    if (c == '\'') {
      bool e = i_ > 0 && (s_[i_ - 1] == 'E' || s_[i_ - 1] == 'e');
      size_t end = quoted_end(s_, i_, '\'', e);
      out_ += map_literal(s_.substr(i_, end - i_), map_);
      i_ = end;
    } else if (c == '"' || ident_start(c)) {
      identifier();
    } else if (c == '$' && !dollar_tag(s_, i_).empty()) {
      std::string_view tag = dollar_tag(s_, i_);
      size_t close = s_.find(tag, i_ + tag.size());
      size_t end = close == std::string_view::npos ? s_.size() : close + tag.size();
      if (bodies_ && close != std::string_view::npos) {
        size_t inner = i_ + tag.size();
        out_ += tag;
        out_ += Renamer(s_.substr(inner, close - inner), map_, false, true).run();
        out_ += tag;
      } else {
        out_ += s_.substr(i_, end - i_);
      }
      i_ = end;
    } else {
      out_ += c;
      ++i_;
    }
  }

  void identifier() {
    bool after_dot = !out_.empty() && out_.back() == '.';
    bool after_cast = out_.size() >= 2 && out_.ends_with("::");
    auto first = ident_at(s_, i_);
    bool qualifier = first->end < s_.size() && s_[first->end] == '.' && !after_dot;
    if (bodies_) {  // code as written: bare names fold; a trigger's OLD.x and NEW.x are rows
      fold(*first, i_);
      qualifier = qualifier && first->name != "old" && first->name != "new";
    }
    if (qualifier && table(*first, after_cast)) return;
    const std::string* to = qualifier ? renamed(map_.schemas, first->name) : nullptr;
    out_ += to ? pg::quote_ident(*to) : std::string(s_.substr(i_, first->end - i_));
    i_ = first->end;
  }

  // schema.table of a renamed table at i_: written renamed (with its old
  // name as alias when asked and it has none).
  bool table(const Ident& schema, bool after_cast) {
    auto name = ident_at(s_, schema.end + 1);
    if (!name) return false;
    if (bodies_) fold(*name, schema.end + 1);
    const TableRename* r = renamed_table(map_, schema.name, name->name);
    if (!r) return false;
    out_ += pg::qualified(r->to_schema, r->to_name);
    if (keep_alias_ && !after_cast && r->to_name != r->from_name && lacks_alias(s_, name->end))
      out_ += " " + pg::quote_ident(r->from_name);
    i_ = name->end;
    return true;
  }

  // A bare identifier as PostgreSQL reads it: lower case.
  void fold(Ident& id, size_t at) const {
    if (s_[at] == '"') return;
    id.name = ascii_lower(id.name);
  }

  std::string_view s_;
  const NameMap& map_;
  bool keep_alias_;
  bool bodies_;  // inside dollar-quoted function bodies too
  size_t i_ = 0;
  std::string out_;
};

}  // namespace

std::string map_names(std::string_view sql, const NameMap& map, bool keep_alias) {
  if (map.empty()) return std::string(sql);
  return Renamer(sql, map, keep_alias).run();
}

namespace {

// The schemas of "SET search_path TO 'a', 'b'" in a function's header
// (pg_get_functiondef quotes each), renamed.
std::string map_search_path(std::string sql, const SchemaMap& map) {
  static constexpr std::string_view k_set = " SET search_path TO ";
  size_t at = sql.find(k_set);
  size_t body = sql.find('$');
  if (at == std::string::npos || (body != std::string::npos && at > body)) return sql;
  size_t end = std::min(sql.find('\n', at), sql.size());
  std::string items = sql.substr(at + k_set.size(), end - at - k_set.size());
  for (const auto& [from, to] : map)
    for (const auto& form : {pg::quote_ident(from), from}) {
      std::string old_item = "'" + escaped(form) + "'";
      size_t p = 0;
      while ((p = items.find(old_item, p)) != std::string::npos) {
        std::string new_item = "'" + escaped(pg::quote_ident(to)) + "'";
        items.replace(p, old_item.size(), new_item);
        p += new_item.size();
      }
    }
  return sql.substr(0, at + k_set.size()) + items + sql.substr(end);
}

}  // namespace

std::string map_function_names(std::string_view sql, const NameMap& map) {
  if (map.empty()) return std::string(sql);
  return map_search_path(Renamer(sql, map, false, true).run(), map.schemas);
}

std::string map_schema_names(std::string_view sql, const SchemaMap& map) {
  return map_names(sql, NameMap{map, {}});
}

}  // namespace cutover
