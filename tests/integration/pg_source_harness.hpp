// PostgreSQL-source tests: a second database of the test server is the
// source (loaded with psql from a SQL file), the MigrationTest's database
// the target. Comparisons read both sides as text: every row of every table
// (`SELECT t::text ... FROM ONLY t`), sequence positions, and
// `cutover compare-schema`.
#pragma once

#include <string>
#include <vector>

#include "harness.hpp"

namespace cutover::it {

class PgSourceTest : public MigrationTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  const std::string& source_url() const { return source_url_; }
  PgConn& src();
  // Loads a SQL file into the source with psql (ON_ERROR_STOP); lines that
  // create, drop or switch databases are left out.
  void load_sql(const std::string& path);
  // cutover migrate SOURCE TARGET --report --quiet extra...
  CutoverRun migrate_pg(const std::vector<std::string>& extra = {});
  // Every table and populated materialized view of the source: same rows
  // on both sides, as text; the target's schema is the source's unless
  // mapped in `map` ("old", "new"), a table's "schema.name" renamed in
  // `tables` ("shop.orders", "crm.purchases").
  void expect_same_data(const std::vector<std::pair<std::string, std::string>>& map = {},
                        const std::vector<std::pair<std::string, std::string>>& tables = {});
  // Every sequence at the same position on both sides.
  void expect_same_sequences();
  // cutover compare-schema SOURCE TARGET extra... exits 0.
  void expect_same_schema(const std::vector<std::string>& extra = {});

 private:
  std::string source_db_, source_url_;
  std::unique_ptr<PgConn> src_;
};

// Path of a public sample under shared/data (empty when absent).
std::string shared_data_file(const std::string& relative);

}  // namespace cutover::it
