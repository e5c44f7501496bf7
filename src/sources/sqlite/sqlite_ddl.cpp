#include "sources/sqlite/sqlite_ddl.hpp"

#include <utility>

#include "sources/sqlite/sqlite_lexer.hpp"

namespace cutover::sqlite {
namespace {

using Tokens = std::vector<Token>;

bool is_name(const Token& t) {
  return t.kind == TokenKind::word || t.kind == TokenKind::quoted || t.kind == TokenKind::string;
}

// Column names of a "(a, b DESC, ...)" group starting at `open`.
std::vector<std::string> name_list(const Tokens& t, size_t open) {
  std::vector<std::string> names;
  size_t close = matching_paren(t, open);
  for (auto [b, e] : split_top_level(t, open + 1, close))
    if (b < e) names.push_back(identifier_text(t[b]));
  return names;
}

// Everything a constraint clause can tell, read from tokens [b, e) of one
// column definition or table constraint.
class ItemReader {
 public:
  ItemReader(std::string_view sql, const Tokens& t, ParsedTable& out) : sql_(sql), t_(t), out_(out) {}

  void read_column(size_t b, size_t e) {
    ParsedColumn col;
    col.name = identifier_text(t_[b]);
    std::string pending_name;
    for (size_t i = b + 1; i < e; ++i) i = column_clause(i, e, col, pending_name);
    out_.columns.push_back(std::move(col));
  }

  void read_table_constraint(size_t b, size_t e) {
    std::string name;
    size_t i = b;
    if (is_word(t_[i], "CONSTRAINT") && i + 1 < e) {
      name = identifier_text(t_[i + 1]);
      i += 2;
    }
    if (i >= e) return;
    size_t open = next_paren(i, e);
    if (is_word(t_[i], "CHECK") && open < e) {
      add_check(name, open);
    } else if (is_word(t_[i], "UNIQUE") && open < e) {
      out_.uniques.push_back({name, name_list(t_, open)});
    } else if (is_word(t_[i], "FOREIGN") && open < e) {
      ParsedForeignKey fk{name, name_list(t_, open), {}, false, false};
      read_references(matching_paren(t_, open) + 1, e, fk);
    }
  }

 private:
  size_t next_paren(size_t i, size_t e) const {
    while (i < e && t_[i].kind != TokenKind::lparen) ++i;
    return i;
  }

  void add_check(const std::string& name, size_t open) {
    size_t close = matching_paren(t_, open);
    if (close <= open + 1 || close >= t_.size()) return;
    out_.checks.push_back({name, std::string(span_text(sql_, t_, open + 1, close - 1))});
  }

  // One clause of a column definition at `i`; returns the last index used.
  size_t column_clause(size_t i, size_t e, ParsedColumn& col, std::string& pending_name) {
    const Token& tok = t_[i];
    if (is_word(tok, "CONSTRAINT") && i + 1 < e) {
      pending_name = identifier_text(t_[i + 1]);
      return i + 1;
    }
    // A constraint that takes no name ends a pending "CONSTRAINT name".
    if (is_word(tok, "NOT") || is_word(tok, "PRIMARY") || is_word(tok, "DEFAULT") ||
        is_word(tok, "COLLATE") || is_word(tok, "GENERATED"))
      pending_name.clear();
    if (tok.kind == TokenKind::lparen) return matching_paren(t_, i);  // type size, DEFAULT (...)
    if (is_word(tok, "CHECK") && i + 1 < e && t_[i + 1].kind == TokenKind::lparen) {
      add_check(std::exchange(pending_name, {}), i + 1);
      return matching_paren(t_, i + 1);
    }
    if (is_word(tok, "AS") && i + 1 < e && t_[i + 1].kind == TokenKind::lparen) {
      size_t close = matching_paren(t_, i + 1);
      if (close < e && close > i + 2)
        col.generated_expr = std::string(span_text(sql_, t_, i + 2, close - 1));
      col.generated_stored = close + 1 < e && is_word(t_[close + 1], "STORED");
      return close;
    }
    if (is_word(tok, "KEY") && i + 1 < e && is_word(t_[i + 1], "DESC")) col.primary_key_desc = true;
    if (is_word(tok, "AUTOINCREMENT")) col.autoincrement = true;
    if (is_word(tok, "COLLATE") && i + 1 < e) {
      col.collation = identifier_text(t_[i + 1]);
      return i + 1;
    }
    if (is_word(tok, "UNIQUE")) out_.uniques.push_back({std::exchange(pending_name, {}), {col.name}});
    if (is_word(tok, "REFERENCES")) {
      ParsedForeignKey fk{std::exchange(pending_name, {}), {col.name}, {}, false, false};
      return read_references(i, e, fk);
    }
    return i;
  }

  // "REFERENCES t [(cols)] [ON ... | MATCH ...]* [[NOT] DEFERRABLE [INITIALLY
  // DEFERRED|IMMEDIATE]]" starting at `i`; returns the last index used.
  size_t read_references(size_t i, size_t e, ParsedForeignKey& fk) {
    if (i < e && is_word(t_[i], "REFERENCES")) ++i;
    if (i < e && is_name(t_[i])) fk.ref_table = identifier_text(t_[i]);
    size_t last = i;
    for (size_t j = i + 1; j < e; ++j) {
      if (t_[j].kind == TokenKind::lparen) { j = matching_paren(t_, j); last = j; continue; }
      bool ends_clause = is_word(t_[j], "CONSTRAINT") || is_word(t_[j], "CHECK") ||
                         is_word(t_[j], "COLLATE") || is_word(t_[j], "DEFAULT") ||
                         is_word(t_[j], "UNIQUE") || is_word(t_[j], "PRIMARY") ||
                         is_word(t_[j], "GENERATED") || is_word(t_[j], "AS");
      if (ends_clause) break;
      if (is_word(t_[j], "DEFERRABLE"))
        fk.deferrable = !(j > 0 && is_word(t_[j - 1], "NOT"));
      if (is_word(t_[j], "DEFERRED") && j > 0 && is_word(t_[j - 1], "INITIALLY"))
        fk.initially_deferred = fk.deferrable;
      last = j;
    }
    out_.foreign_keys.push_back(std::move(fk));
    return last;
  }

  std::string_view sql_;
  const Tokens& t_;
  ParsedTable& out_;
};

bool starts_table_constraint(const Token& t) {
  return is_word(t, "CONSTRAINT") || is_word(t, "PRIMARY") || is_word(t, "UNIQUE") ||
         is_word(t, "CHECK") || is_word(t, "FOREIGN");
}

// Table options after the body: "WITHOUT ROWID", "STRICT", comma separated.
void read_table_options(const Tokens& t, size_t from, ParsedTable& out) {
  for (size_t i = from; i < t.size(); ++i) {
    if (is_word(t[i], "ROWID") && i > 0 && is_word(t[i - 1], "WITHOUT")) out.without_rowid = true;
    if (is_word(t[i], "STRICT")) out.strict = true;
  }
}

// Index of the "(" opening the body; t.size() when there is none.
size_t body_start(const Tokens& t, ParsedTable& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (is_word(t[i], "VIRTUAL")) out.is_virtual = true;
    if (is_word(t[i], "AS") && !out.is_virtual) return t.size();  // CREATE TABLE ... AS SELECT
    if (is_word(t[i], "USING") && i + 1 < t.size()) out.module = std::string(t[i + 1].text);
    if (t[i].kind == TokenKind::lparen) return i;
  }
  return t.size();
}

}  // namespace

const ParsedColumn* ParsedTable::find_column(std::string_view name) const {
  for (const auto& c : columns)
    if (iequals(c.name, name)) return &c;
  return nullptr;
}

ParsedTable parse_create_table(std::string_view sql) {
  ParsedTable out;
  Tokens t = tokenize(sql);
  size_t open = body_start(t, out);
  if (open >= t.size() || out.is_virtual) return out;
  size_t close = matching_paren(t, open);
  if (close >= t.size()) return out;
  ItemReader reader(sql, t, out);
  std::vector<std::pair<size_t, size_t>> table_constraints;
  for (auto [b, e] : split_top_level(t, open + 1, close)) {
    if (b >= e) continue;
    if (starts_table_constraint(t[b]))
      table_constraints.emplace_back(b, e);
    else
      reader.read_column(b, e);
  }
  for (auto [b, e] : table_constraints) reader.read_table_constraint(b, e);
  read_table_options(t, close + 1, out);
  out.ok = true;
  return out;
}

ParsedIndex parse_create_index(std::string_view sql) {
  ParsedIndex out;
  Tokens t = tokenize(sql);
  size_t i = 0;
  while (i < t.size() && !is_word(t[i], "ON")) ++i;
  while (i < t.size() && t[i].kind != TokenKind::lparen) ++i;
  size_t close = matching_paren(t, i);
  if (close >= t.size()) return out;
  for (auto [b, e] : split_top_level(t, i + 1, close)) {
    size_t last = e - 1;
    if (is_word(t[last], "ASC") || is_word(t[last], "DESC")) --last;
    if (last >= b + 2 && is_word(t[last - 1], "COLLATE")) last -= 2;
    out.keys.emplace_back(span_text(sql, t, b, last));
  }
  if (close + 2 < t.size() && is_word(t[close + 1], "WHERE")) {
    size_t last = t.size() - 1;
    if (t[last].text == ";") --last;
    out.where = std::string(span_text(sql, t, close + 2, last));
  }
  out.ok = true;
  return out;
}

std::string view_query(std::string_view sql) {
  Tokens t = tokenize(sql);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == TokenKind::lparen) i = matching_paren(t, i);
    if (i + 1 < t.size() && is_word(t[i], "AS")) {
      size_t last = t.size() - 1;
      if (t[last].text == ";" && last > i + 1) --last;
      return std::string(span_text(sql, t, i + 1, last));
    }
  }
  return std::string(sql);
}

}  // namespace cutover::sqlite
