// Reading a `cutover verify` report in tests (docs/report.md,
// tables[].mismatches): the mismatches of a table by chunk, and the rows a
// mismatch was narrowed to, as one line. Header-only: used by the verify
// tests of every source.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness.hpp"

namespace cutover::it {

// The mismatches of a table in a verify report, by chunk index (-1 = whole table).
inline std::map<int, nlohmann::json> mismatches_of(const nlohmann::json& report, const std::string& table) {
  std::map<int, nlohmann::json> out;
  for (const auto& m : report_table(report, table)["mismatches"])
    out[m["chunk"].is_null() ? -1 : m["chunk"].get<int>()] = m;
  return out;
}

// "different:id=42[name] missing:id=555": kind, key and differing columns of each row.
inline std::string row_kinds(const nlohmann::json& mismatch) {
  std::string out;
  for (const auto& r : mismatch["rows"]) {
    out += (out.empty() ? "" : " ") + r["kind"].get<std::string>() + ":" + r["key"].get<std::string>();
    for (const auto& c : r["columns"]) out += "[" + c["column"].get<std::string>() + "]";
  }
  return out;
}

// The damage every source's verify test does to the migrated `items`
// (ids 1..1000, names 'item <id> é', chunks of 200 rows): id 42's name
// corrupted, id 555 deleted, id 5000 added, and `set_950` (an assignment)
// applied to id 950.
inline void damage_items(PgConn& target, const std::string& set_950) {
  target.exec("UPDATE items SET name = 'corrupted' WHERE id = 42");
  target.exec("DELETE FROM items WHERE id = 555");
  target.exec("INSERT INTO items (id, name) VALUES (5000, 'extra')");
  target.exec("UPDATE items SET " + set_950 + " WHERE id = 950");
}

// verify found exactly that damage, per key range, down to the rows, and
// said so on the terminal; `column_950` is the column `set_950` changed.
inline void expect_items_damage_found(const CutoverRun& r, const std::string& column_950) {
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_EQ(r.report["status"], "failed");
  auto m = mismatches_of(r.report, "items");
  ASSERT_EQ(m.size(), 3u) << report_table(r.report, "items")["mismatches"].dump(1);
  EXPECT_EQ(row_kinds(m[0]), "different:id=42[name]");
  EXPECT_EQ(row_kinds(m[2]), "missing:id=555");
  EXPECT_EQ(row_kinds(m[4]), "different:id=950[" + column_950 + "] extra:id=5000");
  EXPECT_EQ(m[2]["range"], "id in [401, 601)");
  EXPECT_EQ(m[2]["source_rows"], 200);
  EXPECT_EQ(m[2]["target_rows"], 199);
  const auto& diff = m[0]["rows"][0]["columns"][0];
  EXPECT_EQ(diff["target"], "corrupted");
  EXPECT_EQ(diff["source"], "item 42 é");
  EXPECT_NE(r.out.find("differs: id in [401, 601)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("different id=42 name"), std::string::npos) << r.out;
}

// `verify --fix` (run by `verify`) repairs every mismatch of `tables`,
// `fixed` in all, and a second verify finds none.
inline void expect_fixed_then_clean(const std::function<CutoverRun(const std::vector<std::string>&)>& verify,
                                    const std::vector<std::string>& tables, int fixed) {
  CutoverRun fix = verify({"--fix"});
  ASSERT_EQ(fix.exit_code, 0) << describe(fix);
  for (const auto& t : tables)
    for (const auto& [chunk, mm] : mismatches_of(fix.report, t)) EXPECT_TRUE(mm["fixed"].get<bool>()) << t << chunk;
  EXPECT_EQ(fix.report["totals"]["mismatches_fixed"], fixed);
  CutoverRun again = verify({});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(again.report["totals"]["mismatches"], 0);
}

// The verify test of every source: the damage of damage_items (`set_950`
// changing `column_950`) and one changed row of the keyless `log` (1000 rows)
// are found by verify, repaired by verify --fix, and a second verify is clean.
inline void expect_damage_found_and_fixed(PgConn& target,
                                          const std::function<CutoverRun(const std::vector<std::string>&)>& verify,
                                          const std::string& set_950, const std::string& column_950) {
  damage_items(target, set_950);
  target.exec("UPDATE log SET n = 99 WHERE ctid = (SELECT ctid FROM log LIMIT 1)");
  CutoverRun r = verify({});
  ASSERT_NO_FATAL_FAILURE(expect_items_damage_found(r, column_950));
  EXPECT_EQ(mismatches_of(r.report, "log").size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_fixed_then_clean(verify, {"items", "log"}, 4));
}

}  // namespace cutover::it
