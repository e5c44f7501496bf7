// --owners / --grants: statements for roles the target lacks are left out
// and named.
#include "exec/native_access.hpp"

#include <gtest/gtest.h>

namespace cutover {
namespace {

NativeStatement stmt(const char* kind, const char* sql, const char* role) {
  NativeStatement s;
  s.kind = kind;
  s.sql = sql;
  s.role = role;
  return s;
}

TEST(NativeAccess, MissingRolesAreLeftOutAndNamed) {
  std::vector<NativeStatement> all = {
      stmt("owner", "ALTER TABLE s.a OWNER TO alice", "alice"),
      stmt("grant", "GRANT SELECT ON TABLE s.a TO PUBLIC", ""),
      stmt("grant", "GRANT SELECT ON TABLE s.a TO bob", "bob"),
      stmt("owner", "ALTER TABLE s.b OWNER TO bob", "bob"),
      stmt("grant", "GRANT USAGE ON SCHEMA s TO bob", "bob"),
      stmt("grant", "GRANT INSERT ON TABLE s.b TO bob", "bob"),
  };
  RoleSplit split = split_by_roles(all, {"alice", "postgres"});
  ASSERT_EQ(split.runnable.size(), 2u);
  EXPECT_EQ(split.runnable[0]->sql, "ALTER TABLE s.a OWNER TO alice");
  EXPECT_EQ(split.runnable[1]->role, "");
  ASSERT_EQ(split.missing.size(), 1u);
  EXPECT_EQ(split.missing.at("bob").size(), 4u);
  auto warnings = missing_role_warnings(split);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "role bob does not exist on the target: 1 owner and 3 grant statements not applied "
            "(GRANT SELECT ON "
            "TABLE s.a TO bob; ALTER TABLE s.b OWNER TO bob; GRANT USAGE ON SCHEMA s TO bob; and 1 "
            "more) — create "
            "the role on the target (CREATE ROLE ...) and run them, or leave the option out");
}

}  // namespace
}  // namespace cutover
