#include "compare.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace cutover::it {

namespace {

struct Column {
  std::string source, target;
  TargetType type;
};

std::vector<Column> copied_columns(const nlohmann::json& table) {
  std::vector<Column> out;
  for (const auto& c : table.at("columns")) {
    if (c.contains("generated") && !c["generated"].is_null() && c["generated"] != false) continue;
    out.push_back({c.at("source").get<std::string>(), c.at("target").get<std::string>(),
                   parse_target_type(c.at("type").get<std::string>(), c.value("decode", ""))});
  }
  return out;
}

std::string show_cell(const Cell& c) {
  if (!c) return "NULL";
  std::string out;
  for (unsigned char ch : c->substr(0, 100))
    out += ch >= 0x20 && ch < 0x7F ? std::string(1, static_cast<char>(ch))
                                   : fmt::format("\\x{:02x}", ch);
  return c->size() > 100 ? out + fmt::format("…({} bytes)", c->size()) : out;
}

std::string show_row(const Row& r, const std::vector<Column>& cols) {
  std::string out = "(";
  for (size_t i = 0; i < r.size(); ++i)
    out += fmt::format("{}{}={}", i ? ", " : "", i < cols.size() ? cols[i].source : "?",
                       show_cell(r[i]));
  return out + ")";
}

// Prints the rows only one side has (at most 5 each).
void report_differences(std::vector<Row> expected, std::vector<Row> actual,
                        const std::vector<Column>& cols, const std::string& table) {
  std::vector<Row> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  std::string msg =
      fmt::format("table {}: {} expected rows missing from the target, {} unexpected target rows\n",
                  table, missing.size(), extra.size());
  for (size_t i = 0; i < std::min<size_t>(5, missing.size()); ++i)
    msg += "  missing " + show_row(missing[i], cols) + "\n";
  for (size_t i = 0; i < std::min<size_t>(5, extra.size()); ++i)
    msg += "  unexpected " + show_row(extra[i], cols) + "\n";
  ADD_FAILURE() << msg;
}

}  // namespace

std::string target_table_sql(const nlohmann::json& report, const std::string& source_table) {
  std::string target = report_table(report, source_table).at("target").get<std::string>();
  size_t dot = target.find('.');
  if (dot == std::string::npos) throw std::runtime_error("report target without schema: " + target);
  return quote_ident(target.substr(0, dot)) + "." + quote_ident(target.substr(dot + 1));
}

int64_t sqlite_count(SqliteFile& sqlite, const std::string& table) {
  return sqlite.rows("SELECT count(*) FROM " + quote_ident(table)).at(0).at(0).i;
}

int64_t pg_count(PgConn& pg, const std::string& qualified_sql) {
  return std::stoll(pg.scalar("SELECT count(*) FROM " + qualified_sql).value());
}

TableCompare expect_same_rows(SqliteFile& sqlite, PgConn& pg, const nlohmann::json& report,
                              const std::string& source_table, const NulHandling& nul) {
  const auto& table = report_table(report, source_table);
  std::vector<Column> cols = copied_columns(table);
  std::string src_sql = "SELECT ", pg_sql = "SELECT ";
  for (size_t i = 0; i < cols.size(); ++i) {
    src_sql += (i ? ", " : "") + quote_ident(cols[i].source);
    pg_sql += (i ? ", " : "") + select_expression(quote_ident(cols[i].target), cols[i].type);
  }
  src_sql += " FROM " + quote_ident(source_table);
  pg_sql += " FROM " + target_table_sql(report, source_table);

  TableCompare result;
  std::vector<Row> expected, actual;
  for (const auto& srow : sqlite.rows(src_sql)) {
    ++result.source_rows;
    Row row;
    bool rejected = false;
    for (size_t i = 0; i < cols.size(); ++i) {
      SourceCanon c = canonical_source(srow[i], cols[i].type, nul);
      rejected = rejected || c.rejected;
      row.push_back(c.value);
    }
    if (rejected) {
      ++result.rejected;
      result.rejected_first.push_back(srow.empty() ? SqlValue::null() : srow[0]);
    } else {
      expected.push_back(std::move(row));
    }
  }
  for (const auto& prow : pg.query(pg_sql)) {
    Row row;
    for (size_t i = 0; i < cols.size(); ++i) row.push_back(canonical_target(prow[i], cols[i].type));
    actual.push_back(std::move(row));
  }
  result.target_rows = actual.size();
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  if (expected != actual) report_differences(expected, actual, cols, source_table);
  EXPECT_EQ(table.value("rejected_rows", int64_t{-1}), static_cast<int64_t>(result.rejected))
      << "rejected rows of " << source_table << " in the report differ from the oracle";
  return result;
}

}  // namespace cutover::it

namespace cutover::it {

void expect_reject_file_lists(const nlohmann::json& t, const TableCompare& cmp) {
  std::string name = t.value("source", "?");
  if (cmp.rejected == 0) {
    EXPECT_TRUE(t["reject_file"].is_null())
        << name << ": a reject file but no row should be rejected";
    return;
  }
  ASSERT_TRUE(t["reject_file"].is_string())
      << name << ": rows rejected but no reject file in the report";
  auto lines = read_json_lines(t["reject_file"].get<std::string>());
  EXPECT_EQ(lines.size(), cmp.rejected) << name << ": reject file lines";
  std::multiset<std::string> keys, expected;
  for (const auto& line : lines) {
    for (const char* field : {"table", "key", "column", "value", "reason", "rule"})
      EXPECT_TRUE(line.contains(field))
          << name << ": reject line without " << field << ": " << line.dump();
    EXPECT_FALSE(line.value("reason", "").empty()) << line.dump();
    if (!line.value("column", "").empty()) {
      EXPECT_FALSE(line.value("value", "").empty()) << name << ": the refused value is missing: " << line.dump();
    }
    std::string key = line.value("key", "");
    keys.insert(key.substr(key.rfind('=') + 1));
  }
  for (const auto& v : cmp.rejected_first)
    expected.insert(v.type == SQLITE_INTEGER ? std::to_string(v.i) : v.bytes);
  EXPECT_EQ(keys, expected) << name << ": the reject file lists other rows than the oracle refuses";
}

}  // namespace cutover::it
