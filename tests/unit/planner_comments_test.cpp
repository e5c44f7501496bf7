#include <gtest/gtest.h>

#include "plan/planner_comments.hpp"

namespace cutover {
namespace {

MigrationPlan plan_with_comments(Mode mode) {
  MigrationPlan plan;
  plan.options.mode = mode;
  TablePlan t;
  t.source.schema = "hr";
  t.source.name = "Dept";
  t.source.comment = "Departments, as a tree";
  Column node;
  node.name = "Node";
  node.comment = "It's the position";
  Column plain;
  plain.name = "Name";
  t.source.columns = {node, plain};
  t.target_schema = "hr";
  t.target_name = "dept";
  ColumnPlan c;
  c.source_name = "Node";
  c.target_name = "node";
  ColumnPlan p;
  p.source_name = "Name";
  p.target_name = "name";
  t.columns = {c, p};
  plan.tables.push_back(t);
  return plan;
}

TEST(PlannerComments, TableAndColumnCommentsAfterTheData) {
  MigrationPlan plan = plan_with_comments(Mode::both);
  plan_comments(plan);
  ASSERT_EQ(plan.post_data.size(), 2u);
  EXPECT_EQ(plan.post_data[0].kind, "comment");
  EXPECT_EQ(plan.post_data[0].table, "Dept");
  EXPECT_EQ(plan.post_data[0].sql, "COMMENT ON TABLE hr.dept IS 'Departments, as a tree'");
  EXPECT_EQ(plan.post_data[1].sql, "COMMENT ON COLUMN hr.dept.node IS 'It''s the position'");
  EXPECT_NE(plan.post_data[0].name, plan.post_data[1].name);  // one recorded step each
}

TEST(PlannerComments, NoneWithDataOnly) {
  MigrationPlan plan = plan_with_comments(Mode::data_only);
  plan_comments(plan);
  EXPECT_TRUE(plan.post_data.empty());
}

}  // namespace
}  // namespace cutover
