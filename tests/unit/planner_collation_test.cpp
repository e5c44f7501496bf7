#include <gtest/gtest.h>

#include "plan/planner_collation.hpp"

namespace cutover {
namespace {

TEST(PlannerCollation, CaseInsensitiveNames) {
  for (const char* ci : {"utf8mb4_general_ci", "utf8mb4_0900_ai_ci", "latin1_swedish_ci", "SQL_Latin1_General_CP1_CI_AS",
                         "Latin1_General_100_CI_AS_SC_UTF8"})
    EXPECT_TRUE(case_insensitive_collation(ci)) << ci;
  for (const char* cs : {"", "utf8mb4_bin", "utf8mb4_0900_as_cs", "Latin1_General_CS_AS", "Latin1_General_BIN2", "C"})
    EXPECT_FALSE(case_insensitive_collation(cs)) << cs;
}

TEST(PlannerCollation, WarnsPerKeyWithCaseInsensitiveTextColumns) {
  TablePlan t;
  t.source.columns = {Column{}, Column{}, Column{}};
  t.source.columns[0].name = "id";
  t.source.columns[1].name = "email";
  t.source.columns[1].collation = "utf8mb4_general_ci";
  t.source.columns[2].name = "code";
  t.source.columns[2].collation = "utf8mb4_bin";
  for (const auto& c : t.source.columns) {
    ColumnPlan cp;
    cp.source_name = c.name;
    cp.type.kind = c.name == "id" ? ValueKind::int32 : ValueKind::text;
    t.columns.push_back(cp);
  }
  t.source.primary_key = {"id"};
  Index by_email;
  by_email.name = "uq_email";
  by_email.unique = true;
  by_email.columns = {{"email", "", false}, {"id", "", false}};
  Index by_code = by_email;
  by_code.name = "uq_code";
  by_code.columns = {{"code", "", false}};
  t.source.indexes = {by_email, by_code};
  warn_case_insensitive_keys(t);
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_EQ(t.warnings[0],
            "unique key uq_email (email, id) is case-insensitive in the source (collation utf8mb4_general_ci): "
            "PostgreSQL compares text exactly, so values differing only in case no longer collide; if the "
            "application relies on it, add a unique index on lower(email) or use --ci-collation icu or citext");
}

// A table as the planner has it: id int, email varchar(80) in `email_collation`,
// code varchar(10) in utf8mb4_bin, state enum in a _ci collation, name cast to text.
TablePlan ci_table(const std::string& email_collation) {
  TablePlan t;
  t.target_schema = "app";
  const char* names[] = {"id", "email", "code", "state", "name"};
  const char* types[] = {"integer", "varchar(80)", "varchar(10)", "text", "text"};
  for (int i = 0; i < 5; ++i) {
    Column c;
    c.name = names[i];
    c.collation = i == 1 ? email_collation : i == 2 ? "utf8mb4_bin" : i == 0 ? "" : "utf8mb4_general_ci";
    t.source.columns.push_back(c);
    ColumnPlan cp;
    cp.source_name = cp.target_name = c.name;
    cp.type.target_type = types[i];
    cp.type.kind = i == 0 ? ValueKind::int32 : ValueKind::text;
    cp.type.rule = i == 4 ? "cast" : "mysql.varchar";
    if (i == 3) cp.type.labels = {"a", "b"};
    t.columns.push_back(cp);
  }
  t.source.primary_key = {"email"};
  return t;
}

TEST(PlannerCollation, AccentSensitivityFollowsTheName) {
  for (const char* ai : {"utf8mb4_0900_ai_ci", "utf8mb4_general_ci", "latin1_swedish_ci", "Latin1_General_CI_AI",
                         "utf8mb4_uca1400_ai_ci"})
    EXPECT_TRUE(accent_insensitive_collation(ai)) << ai;
  for (const char* as : {"utf8mb4_0900_as_ci", "SQL_Latin1_General_CP1_CI_AS", "Latin1_General_100_CI_AS_SC_UTF8",
                         "utf8mb4_uca1400_as_ci"})
    EXPECT_FALSE(accent_insensitive_collation(as)) << as;
}

TEST(PlannerCollation, NoneKeepsTypesAndWarns) {
  TablePlan t = ci_table("utf8mb4_general_ci");
  apply_ci_collation(t, CiCollation::none);
  EXPECT_EQ(t.columns[1].type.target_type, "varchar(80)");
  EXPECT_EQ(t.columns[1].type.rule, "mysql.varchar");
}

TEST(PlannerCollation, CitextForCaseInsensitiveCharacterColumnsOnly) {
  TablePlan t = ci_table("utf8mb4_general_ci");
  apply_ci_collation(t, CiCollation::citext);
  EXPECT_EQ(t.columns[1].type.target_type, "citext");
  EXPECT_EQ(t.columns[1].type.rule, "ci_collation.citext");
  EXPECT_EQ(t.columns[1].type.reason,
            "varchar(80) in case-insensitive collation utf8mb4_general_ci: citext, compares case-insensitively as "
            "the source did (no length limit; ORDER BY and DISTINCT fold case)");
  EXPECT_EQ(t.columns[2].type.target_type, "varchar(10)");  // utf8mb4_bin
  EXPECT_EQ(t.columns[3].type.target_type, "text");         // enum
  EXPECT_EQ(t.columns[4].type.rule, "cast");
  MigrationPlan plan;
  plan.tables = {t};
  EXPECT_TRUE(uses_citext(plan));
  EXPECT_TRUE(icu_collations(plan).empty());
  warn_case_insensitive_keys(t);
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_EQ(t.warnings[0], "primary key (email) is case-insensitive in the source (collation utf8mb4_general_ci): "
                           "rule ci_collation.citext keeps it so in the target (email citext)");
}

TEST(PlannerCollation, IcuCollationByAccentSensitivity) {
  TablePlan t = ci_table("SQL_Latin1_General_CP1_CI_AS");
  t.source.columns[4].collation = "Latin1_General_CI_AI";
  t.columns[4].type.rule = "mssql.nvarchar";
  apply_ci_collation(t, CiCollation::icu);
  EXPECT_EQ(t.columns[1].type.target_type, "varchar(80) COLLATE app.cutover_ci");
  EXPECT_EQ(t.columns[1].type.rule, "ci_collation.icu");
  EXPECT_EQ(t.columns[4].type.target_type, "text COLLATE app.cutover_ci_ai");
  EXPECT_NE(t.columns[4].type.reason.find("ICU und-u-ks-level1"), std::string::npos) << t.columns[4].type.reason;
  MigrationPlan plan;
  plan.tables = {t};
  auto wanted = std::vector<std::pair<std::string, std::string>>{{"app", "cutover_ci"}, {"app", "cutover_ci_ai"}};
  EXPECT_EQ(icu_collations(plan), wanted);
  EXPECT_FALSE(uses_citext(plan));
}

// PostgreSQL refuses LIKE under a nondeterministic collation.
TEST(PlannerCollation, IcuLeavesColumnsMatchedByPatternsExact) {
  TablePlan t = ci_table("utf8mb4_general_ci");
  t.checks.push_back({"email_at", "(email LIKE '%@%')", ""});
  apply_ci_collation(t, CiCollation::icu);
  EXPECT_EQ(t.columns[1].type.target_type, "varchar(80)");
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_NE(t.warnings[0].find("column email (collation utf8mb4_general_ci) keeps PostgreSQL's exact comparison"),
            std::string::npos) << t.warnings[0];
}

}  // namespace
}  // namespace cutover
