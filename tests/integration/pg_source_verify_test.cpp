// `cutover verify` and `verify --fix` with a PostgreSQL source (issue:
// verification, "for each source built so far"): a migrated target is
// damaged by hand — a value changed, a row deleted, a row added, a keyless
// table's row changed — and verify must exit 1 naming the table, the key
// range and the keys, `verify --fix` must repair it, and a second verify must
// be clean with every row equal to the source's.
#include <fmt/format.h>

#include "pg_source_harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 1000;
constexpr const char* k_chunk_rows = "200";  // 5 chunks in the keyed table

class PgSourceVerifyTest : public PgSourceTest {
 protected:
  void SetUp() override {
    PgSourceTest::SetUp();
    if (IsSkipped()) return;
    src().exec(fmt::format(R"(
      CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2), meta jsonb,
                          at timestamptz, ratio float8, data bytea, tags text[]);
      INSERT INTO items SELECT i, 'item ' || i || ' é', i * 3, (i % 97) + 0.25,
        jsonb_build_object('tags', jsonb_build_array('a', 'b'), 'n', i, 'x', 1.50),
        '2024-05-01 10:00:00.125+00'::timestamptz + i * interval '61 seconds',
        CASE WHEN i % 10 = 0 THEN '-0'::float8 ELSE i / 7.0 END, int8send(i * 2654435761), ARRAY['t', i::text]
      FROM generate_series(1, {0}) i;
      CREATE TABLE log (msg text, n int);
      INSERT INTO log SELECT 'line ' || (i % 50), i % 7 FROM generate_series(1, {0}) i;
      ANALYZE;)",
                           k_rows));
    CutoverRun r = migrate_pg({"--chunk-rows", k_chunk_rows});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  CutoverRun verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify",   source_url(),          target_url(), "--chunk-rows", k_chunk_rows,
                                     "--report", dir() + "/verify.json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }
};

TEST_F(PgSourceVerifyTest, CorruptedDeletedAndExtraRowsAreFoundAndFixed) {
  auto verify_with = [this](const std::vector<std::string>& extra) { return verify(extra); };
  ASSERT_NO_FATAL_FAILURE(expect_damage_found_and_fixed(pg(), verify_with, "tags = ARRAY['changed']", "tags"));
  expect_same_data();
}

}  // namespace
}  // namespace cutover::it
