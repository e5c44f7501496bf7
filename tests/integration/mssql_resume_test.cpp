// Crash safety of `cutover migrate` with a SQL Server source (issue: crash-safe
// resume, "for each source built so far"): twenty times in a row the real
// binary, reading the TDS test server of this process through FreeTDS, is
// killed with SIGKILL at a random moment — planning, creating tables, mid
// chunk, keys, indexes, the foreign key — and re-run with the same command;
// the end state must hold exactly the fixture's rows (every value, none
// lost or duplicated), every key, index, check and foreign key once, and
// identities past the copied maximum.

#include <fmt/format.h>

#include "fixtures.hpp"
#include "kill_cycles.hpp"
#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

constexpr int k_kills = 20;

class MssqlKillResume : public MssqlMigrationTest {
 protected:
  // orders: 20 chunks; customers: 2; settings: one (TRUNCATE + COPY FREEZE).
  RepeatedRun runs() {
    return RepeatedRun({"migrate", source_url("shop"), target_url(), "--tables", "customers,orders,settings",
                        "--chunk-rows", "3000", "--jobs", "2", "--quiet", "--report", report_path()},
                       dir(), report_path());
  }
  void expect_exact_copy(const CutoverRun& last);
};

void MssqlKillResume::expect_exact_copy(const CutoverRun& last) {
  ASSERT_EQ(last.exit_code, 0) << describe(last);
  EXPECT_EQ(last.report["status"], "ok");
  expect_consistency_after_resume(last.report);
  for (const char* t : {"customers", "orders", "settings"})
    expect_table_matches(fixture("shop", t), fmt::format("public.{}", t));
  EXPECT_EQ(joined(pg().query("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")),
            "customers ix_customers_code \ncustomers pk_customers \norders ix_orders_customer \n"
            "orders pk_orders \nsettings pk_settings \n");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready"), "0");
  EXPECT_EQ(joined(pg().query("SELECT conrelid::regclass::text, contype::text, convalidated::text FROM pg_constraint "
                              "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2, 3")),
            "customers p true \norders c true \norders f true \norders p true \nsettings p true \n");
  EXPECT_EQ(joined(pg().query("SELECT status FROM cutover_state.runs")), "done \n");
  EXPECT_EQ(pg().scalar("INSERT INTO public.orders (customer_id, total, status) VALUES (1, 1, 'new') RETURNING id"),
            std::to_string(tdstest::k_shop_orders + 1));
  EXPECT_EQ(pg().scalar("INSERT INTO public.customers (name, code, created) VALUES ('after', 'C', now()) RETURNING id"),
            std::to_string(tdstest::k_shop_customers + 1));
}

TEST_F(MssqlKillResume, SigkillCyclesEndInAnExactCopy) {
  RepeatedRun migrate = runs();
  auto resumed = kill_then_resume(k_kills, 20261123, migrate, pg());
  ASSERT_TRUE(resumed);
  SCOPED_TRACE(resumed->trace);
  expect_exact_copy(resumed->last);
}

}  // namespace
}  // namespace cutover::it
