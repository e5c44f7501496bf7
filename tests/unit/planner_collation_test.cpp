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
            "application relies on it, add a unique index on lower(email)");
}

}  // namespace
}  // namespace cutover
