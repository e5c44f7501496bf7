// Crash safety of `cutover migrate` with a MySQL/MariaDB source (issue:
// crash-safe resume, "for each source built so far"): twenty times the real binary is
// killed with SIGKILL at random moments — planning, creating tables, mid
// chunk, during keys, indexes, the ON UPDATE trigger and foreign keys — and re-run with the same
// command; the end state must be an exact copy with every key, index and
// foreign key present once and identities past the copied maximum.

#include <fmt/format.h>

#include "kill_cycles.hpp"
#include "mysql_harness.hpp"

namespace cutover::it {
namespace {


constexpr int k_parent_rows = 100000;
constexpr int k_child_rows = 20000;
constexpr int k_kills = 20;

std::string source_sql() {
  return fmt::format(R"(
    CREATE TABLE parent (id int AUTO_INCREMENT PRIMARY KEY, name varchar(60) NOT NULL, qty int,
                         price decimal(12,3), flag tinyint(1), payload varbinary(16), note text,
                         KEY parent_qty (qty, name));
    CREATE TABLE child (id int AUTO_INCREMENT PRIMARY KEY, parent_id int NOT NULL, label varchar(20),
                        updated datetime NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP,
                        KEY child_parent (parent_id), CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id));
    INSERT INTO parent SELECT seq, CONCAT('name-', seq, IF(seq % 7 = 0, ' é€', '')), (seq * 7919) % 100003,
      IF(seq % 11 = 0, NULL, (seq % 1000) / 8 - 40), seq % 2, IF(seq % 5 = 0, NULL, UNHEX(HEX(seq * 2654435761))),
      IF(seq % 3 = 0, NULL, REPEAT('x', seq % 40)) FROM seq_1_to_{};
    INSERT INTO child (id, parent_id, label) SELECT seq, (seq * 13) % {} + 1, CONCAT('c', seq) FROM seq_1_to_{};)",
                     k_parent_rows, k_parent_rows, k_child_rows);
}

class MysqlKillResume : public MysqlMigrationTest {
 protected:
  RepeatedRun runs() {
    return RepeatedRun({"migrate", mysql_url(), target_url(), "--chunk-rows", "4000", "--jobs", "2", "--quiet",
                        "--report", report_path()},
                       dir(), report_path());
  }
  void expect_exact_copy(const CutoverRun& last);
};

void MysqlKillResume::expect_exact_copy(const CutoverRun& last) {
  ASSERT_EQ(last.exit_code, 0) << describe(last);
  EXPECT_EQ(last.report["status"], "ok");
  EXPECT_EQ(pg_digest(pg(), "public.parent",
                      "id, name, qty, price, flag::int, encode(payload, 'hex'), note", "id"),
            mysql_digest(my(), "parent", "id, name, qty, price, flag, LOWER(HEX(payload)), note", "id"));
  EXPECT_EQ(pg_digest(pg(), "public.child", "id, parent_id, label", "id"),
            mysql_digest(my(), "child", "id, parent_id, label", "id"));
  for (const char* t : {"parent", "child"})
    EXPECT_EQ(pg().scalar(fmt::format("SELECT count(*) - count(DISTINCT id) FROM public.{}", t)), "0") << t;
  EXPECT_EQ(joined(pg().query("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")),
            "child child_parent \nchild child_pkey \nparent parent_pkey \nparent parent_qty \n");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready"), "0");
  EXPECT_EQ(joined(pg().query("SELECT conrelid::regclass::text, contype::text, convalidated::text FROM pg_constraint "
                              "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2")),
            "child f true \nchild p true \nparent p true \n");
  EXPECT_EQ(joined(pg().query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")), "child_on_update \n");
  EXPECT_EQ(joined(pg().query("SELECT status FROM cutover_state.runs")), "done \n");
  EXPECT_EQ(pg().scalar("INSERT INTO public.parent (name) VALUES ('after') RETURNING id"),
            std::to_string(k_parent_rows + 1));
}

TEST_F(MysqlKillResume, SigkillCyclesEndInAnExactCopy) {
  my().exec(source_sql());
  RepeatedRun migrate = runs();
  auto resumed = kill_then_resume(k_kills, 20240614, migrate, pg());
  ASSERT_TRUE(resumed);
  SCOPED_TRACE(resumed->trace);
  expect_exact_copy(resumed->last);
}

// Chunk ranges are sized from InnoDB's row estimate, which moves between
// runs (rows come and go, statistics are re-sampled): a resumed run must keep
// the ranges of the run it resumes, whose chunks are committed, not plan
// new ones.
TEST_F(MysqlKillResume, ResumeKeepsTheChunkRangesWhenTheRowEstimateMoves) {
  my().exec("CREATE TABLE est (id int PRIMARY KEY, v varchar(40)); "
            "INSERT INTO est SELECT seq, REPEAT('v', seq % 40) FROM seq_1_to_200000");
  auto estimate = [&] {
    return std::stoll(my().scalar("SELECT table_rows FROM information_schema.tables WHERE table_schema = DATABASE() "
                                  "AND table_name = 'est'").value_or("0"));
  };
  RepeatedRun migrate({"migrate", mysql_url(), target_url(), "--chunk-rows", "5000", "--jobs", "1", "--quiet",
                       "--report", report_path()},
                      dir(), report_path());
  {
    auto first = migrate.start();
    ASSERT_TRUE(wait_for_chunks(*first, pg(), 3)) << "the first run ended before it could be killed";
  }  // killed
  ASSERT_EQ(pg().scalar("SELECT status FROM cutover_state.runs"), "running");
  int planned = std::stoi(pg().scalar("SELECT jsonb_array_length(plan::jsonb->'tables'->0->'chunks') "
                                      "FROM cutover_state.runs").value_or("0"));
  EXPECT_GE(planned, 30);
  // Rows only the uncommitted ranges hold go; the estimate halves, and a new
  // plan would cut half as many ranges.
  my().exec("DELETE FROM est WHERE id > 100000");
  ASSERT_LT(estimate(), 150000);
  CutoverRun last = migrate.run();
  ASSERT_EQ(last.exit_code, 0) << describe(last);
  const auto& t = report_table(last.report, "est");
  EXPECT_EQ(t["chunks"], planned);
  EXPECT_GE(t["chunks_resumed"].get<int>(), 3);
  EXPECT_EQ(pg_digest(pg(), "public.est", "id, v", "id"), mysql_digest(my(), "est", "id, v", "id"));
}

}  // namespace
}  // namespace cutover::it
