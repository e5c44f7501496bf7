// Indexes and foreign keys of the SQLite catalog (see sqlite_catalog.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"

namespace cutover::sqlite {
namespace {

constexpr int64_t k_cid_rowid = -1;
constexpr int64_t k_cid_expression = -2;

size_t table_position(const Catalog& catalog, const std::string& name) {
  for (size_t i = 0; i < catalog.tables.size(); ++i)
    if (catalog.tables[i].name == name) return i;
  return catalog.tables.size();
}

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) { return iequals(x, y); });
}

std::vector<std::string> column_names(const Index& index) {
  std::vector<std::string> names;
  for (const auto& c : index.columns) names.push_back(c.name);
  return names;
}

// A UNIQUE constraint keeps its CONSTRAINT name; an unnamed one gets
// PostgreSQL's default spelling "<table>_<columns>_key".
std::string unique_name(const Table& t, const Index& index, const ParsedTable& p) {
  auto names = column_names(index);
  for (const auto& u : p.uniques)
    if (!u.name.empty() && same_names(u.columns, names)) return u.name;
  return fmt::format("{}_{}_key", t.name, fmt::join(names, "_"));
}

struct IndexRow {
  std::string table, index, origin, column, sql;
  bool unique = false, partial = false, descending = false;
  int64_t seqno = 0, cid = 0;
};

IndexRow read_index_row(Statement& s) {
  IndexRow r;
  r.table = s.column_text(0);
  r.index = s.column_text(1);
  r.unique = s.column_int64(2) != 0;
  r.origin = s.column_text(3);
  r.partial = s.column_int64(4) != 0;
  r.seqno = s.column_int64(5);
  r.cid = s.column_int64(6);
  r.column = s.column_text(7);
  r.descending = s.column_int64(8) != 0;
  r.sql = s.column_text(10);
  return r;
}

IndexColumn index_column(const IndexRow& r, const ParsedIndex& parsed) {
  IndexColumn c;
  c.descending = r.descending;
  if (r.cid == k_cid_expression) {
    if (static_cast<size_t>(r.seqno) < parsed.keys.size()) c.expression = parsed.keys[r.seqno];
  } else {
    c.name = r.cid == k_cid_rowid ? std::string("rowid") : r.column;
  }
  return c;
}

}  // namespace

Status load_indexes(Session& session, Catalog& catalog, const std::vector<ParsedTable>& parsed) {
  Index* current = nullptr;
  ParsedIndex current_parse;
  return session.query(catalog_sql("indexes"), [&](Statement& s) {
    IndexRow r = read_index_row(s);
    size_t pos = table_position(catalog, r.table);
    if (r.origin == "pk" || pos == catalog.tables.size()) return true;
    Table& t = catalog.tables[pos];
    if (r.seqno == 0) {
      Index& idx = t.indexes.emplace_back();
      idx.name = r.index;
      idx.unique = r.unique;
      idx.from_constraint = r.origin == "u";
      current_parse = parse_create_index(r.sql);
      if (r.partial) idx.predicate = current_parse.where;
      current = &idx;
    }
    if (current == nullptr) return true;
    current->columns.push_back(index_column(r, current_parse));
    if (current->from_constraint) current->name = unique_name(t, *current, parsed[pos]);
    return true;
  });
}

namespace {

// Matches a pragma foreign key with its clause in the CREATE text, by
// referencing columns and referenced table.
const ParsedForeignKey* find_parsed(const ParsedTable& p, const ForeignKey& fk) {
  for (const auto& pf : p.foreign_keys)
    if (iequals(pf.ref_table, fk.ref_table) && same_names(pf.columns, fk.columns)) return &pf;
  return nullptr;
}

}  // namespace

Status load_foreign_keys(Session& session, Catalog& catalog,
                         const std::vector<ParsedTable>& parsed) {
  std::string last_table;
  int64_t last_id = -1;
  auto st = session.query(catalog_sql("foreign_keys"), [&](Statement& s) {
    std::string tname = s.column_text(0);
    size_t pos = table_position(catalog, tname);
    if (pos == catalog.tables.size()) return true;
    Table& t = catalog.tables[pos];
    int64_t id = s.column_int64(1);
    if (tname != last_table || id != last_id) {
      ForeignKey& fk = t.foreign_keys.emplace_back();
      fk.ref_schema = "main";
      fk.ref_table = s.column_text(3);
      fk.on_update = s.column_text(6);
      fk.on_delete = s.column_text(7);
      last_table = tname;
      last_id = id;
    }
    ForeignKey& fk = t.foreign_keys.back();
    fk.columns.push_back(s.column_text(4));
    if (!s.column_is_null(5)) fk.ref_columns.push_back(s.column_text(5));
    return true;
  });
  if (!st) return st;
  for (size_t i = 0; i < catalog.tables.size(); ++i) {
    auto& fks = catalog.tables[i].foreign_keys;
    std::reverse(fks.begin(), fks.end());  // pragma ids run backwards from declaration order
    for (auto& fk : fks) {
      const ParsedForeignKey* pf = find_parsed(parsed[i], fk);
      if (pf == nullptr) continue;
      fk.name = pf->name;
      fk.deferrable = pf->deferrable;
      fk.initially_deferred = pf->initially_deferred;
    }
  }
  return {};
}

}  // namespace cutover::sqlite
