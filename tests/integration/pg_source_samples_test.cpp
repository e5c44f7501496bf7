// PostgreSQL -> PostgreSQL on public sample databases nobody on the team
// wrote (shared/data): pagila (partitions, domains, enum, arrays, tsvector,
// functions, triggers, views, a materialized view), the jOOQ sakila port
// (inheritance children, rules) and Chinook. Every value equal, sequences at
// the same position, schemas equal.
#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

class PgSourceSamplesTest : public PgSourceTest {
 protected:
  void copy_and_compare(const std::vector<std::string>& files) {
    for (const auto& f : files) {
      std::string path = shared_data_file(f);
      if (path.empty()) GTEST_SKIP() << f << " not found under shared/data";
    }
    for (const auto& f : files) load_sql(shared_data_file(f));
    CutoverRun r = migrate_pg({"--chunk-rows", "2000", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    expect_same_data();
    expect_same_sequences();
    expect_same_schema();
  }
};

TEST_F(PgSourceSamplesTest, Pagila) { copy_and_compare({"pagila/pagila.sql"}); }

TEST_F(PgSourceSamplesTest, SakilaPostgres) {
  copy_and_compare({"sakila-postgres/postgres-sakila-schema.sql",
                    "sakila-postgres/postgres-sakila-insert-data-using-copy.sql"});
}

TEST_F(PgSourceSamplesTest, Chinook) { copy_and_compare({"chinook/Chinook_PostgreSql.sql"}); }

}  // namespace
}  // namespace cutover::it
