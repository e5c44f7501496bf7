// The report of a run with renamed tables and missing roles: both names of
// a table, the roles the target lacks, and the summary lines for them.
#include <gtest/gtest.h>

#include "verify/report.hpp"

namespace cutover {
namespace {

TEST(ReportSummary, RenamedTablesAndMissingRoles) {
  MigrationPlan plan;
  TablePlan t;
  t.source.schema = "shop";
  t.source.name = "customers";
  t.target_schema = "crm";
  t.target_name = "clients";
  t.truncate_freeze = true;
  plan.tables.push_back(t);
  RunResult run;
  TableResult r;
  r.source_name = "customers";
  r.target_name = "crm.clients";
  run.tables.push_back(r);
  run.missing_roles = {"alice", "bob"};
  auto report = build_report(plan, run, ReportMeta{});
  const auto& table = report["tables"][0];
  EXPECT_EQ(table["source_schema"], "shop");
  EXPECT_EQ(table["source"], "customers");
  EXPECT_EQ(table["target"], "crm.clients");
  EXPECT_EQ(table["freeze"], true);
  EXPECT_EQ(report["missing_roles"], nlohmann::json({"alice", "bob"}));
  std::string text = human_summary(report);
  EXPECT_NE(text.find("crm.clients"), std::string::npos) << text;
  EXPECT_NE(text.find("    from shop.customers\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find(
          "roles missing on the target (their owners and grants were not applied): alice, bob\n"),
      std::string::npos)
      << text;
}

}  // namespace
}  // namespace cutover
