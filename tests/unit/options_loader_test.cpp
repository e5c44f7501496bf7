#include "plan/options_loader.hpp"

#include <gtest/gtest.h>

#include "options_test_util.hpp"

namespace cutover {
namespace {

using testing_options::error_of;
using testing_options::parse;

TEST(OptionsLoader, MigrateWithDefaults) {
  auto cmd = parse({"migrate", "app.db", "postgresql://u@h/db"});
  ASSERT_TRUE(cmd) << error_of(cmd);
  EXPECT_EQ(cmd->name, CommandName::migrate);
  const Options& o = cmd->options;
  EXPECT_EQ(o.source_url, "app.db");
  EXPECT_EQ(o.target_url, "postgresql://u@h/db");
  EXPECT_EQ(o.mode, Mode::both);
  EXPECT_EQ(o.jobs, 2);
  EXPECT_EQ(o.chunk_rows, 100'000);
  EXPECT_EQ(o.batch_bytes, 8 << 20);
  EXPECT_TRUE(o.verify);
  EXPECT_TRUE(o.profile);
  EXPECT_FALSE(o.dry_run);
  EXPECT_TRUE(o.casts.empty());
}

TEST(OptionsLoader, EveryFlag) {
  auto cmd = parse({"migrate",
                    "a.db",
                    "pg://x",
                    "-j",
                    "8",
                    "--chunk-rows",
                    "500",
                    "--batch-rows=50",
                    "--batch-bytes",
                    "64k",
                    "--queue-bytes",
                    "1G",
                    "--tables",
                    "orders,order_*",
                    "--exclude",
                    "tmp_*",
                    "--target-schema",
                    "app",
                    "--schema-only",
                    "--cast",
                    "decimal(10,2)=numeric(12,2)",
                    "--nul-policy",
                    "strip",
                    "--report",
                    "r.json",
                    "--reject-dir",
                    "rej",
                    "--no-verify",
                    "-q",
                    "--no-profile",
                    "--drop-existing",
                    "--restart"});
  ASSERT_TRUE(cmd) << error_of(cmd);
  const Options& o = cmd->options;
  EXPECT_EQ(o.jobs, 8);
  EXPECT_EQ(o.chunk_rows, 500);
  EXPECT_EQ(o.batch_rows, 50);
  EXPECT_EQ(o.batch_bytes, 65536);
  EXPECT_EQ(o.queue_bytes, int64_t{1} << 30);
  EXPECT_EQ(o.tables, (std::vector<std::string>{"orders", "order_*"}));
  EXPECT_EQ(o.exclude, (std::vector<std::string>{"tmp_*"}));
  EXPECT_EQ(o.target_schema, "app");
  EXPECT_EQ(o.mode, Mode::schema_only);
  ASSERT_EQ(o.casts.size(), 1u);
  EXPECT_EQ(o.casts[0].source_type, "decimal(10,2)");
  EXPECT_EQ(o.casts[0].target_type, "numeric(12,2)");
  EXPECT_EQ(o.nul_policy, NulPolicy::strip);
  EXPECT_EQ(o.report_path, "r.json");
  EXPECT_EQ(o.reject_dir, "rej");
  EXPECT_FALSE(o.verify);
  EXPECT_TRUE(o.quiet);
  EXPECT_FALSE(o.profile);
  EXPECT_TRUE(o.drop_existing);
  EXPECT_TRUE(o.restart);
}

TEST(OptionsLoader, ListsAccumulateAndScalarsTakeTheLast) {
  auto cmd = parse({"migrate", "--tables", "a, b", "s.db", "--tables", "c", "pg://x", "-j", "3",
                    "--jobs", "4", "--cast", "a=b", "--cast", "t.c=text"});
  ASSERT_TRUE(cmd) << error_of(cmd);
  EXPECT_EQ(cmd->options.tables, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(cmd->options.jobs, 4);
  EXPECT_EQ(cmd->options.casts.size(), 2u);
  EXPECT_EQ(cmd->options.source_url, "s.db");
  EXPECT_EQ(cmd->options.target_url, "pg://x");
}

TEST(OptionsLoader, DryRunAndPlanCommand) {
  auto dry = parse({"migrate", "a.db", "pg://x", "--dry-run", "--data-only"});
  ASSERT_TRUE(dry) << error_of(dry);
  EXPECT_EQ(dry->name, CommandName::plan);
  EXPECT_TRUE(dry->options.dry_run);
  EXPECT_EQ(dry->options.mode, Mode::data_only);
  auto plan = parse({"plan", "a.db", "pg://x", "--json"});
  ASSERT_TRUE(plan) << error_of(plan);
  EXPECT_EQ(plan->name, CommandName::plan);
  EXPECT_TRUE(plan->options.dry_run);
  EXPECT_TRUE(plan->json);
}

TEST(OptionsLoader, SchemaOnlyAndDataOnlyConflict) {
  EXPECT_EQ(
      error_of(parse({"migrate", "a", "b", "--schema-only", "--data-only"})),
      "config error: --schema-only and --data-only cannot be used together — choose one: "
      "schema-only creates the tables and copies no rows, data-only copies rows into existing "
      "tables; set neither to do both");
  EXPECT_EQ(
      error_of(parse({"migrate", "a", "b", "--data-only"}, {{"CUTOVER_SCHEMA_ONLY", "yes"}})),
      "config error: CUTOVER_SCHEMA_ONLY and --data-only cannot be used together — choose one: "
      "schema-only creates the tables and copies no rows, data-only copies rows into existing "
      "tables; set neither to do both");
}

TEST(OptionsLoader, BadValuesNameTheFlagAndTheForm) {
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--jobs", "0"})),
            "config error: invalid value '0' for --jobs — expected a whole number from 1 to 256, "
            "e.g. --jobs 4");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--chunk-rows", "lots"})),
            "config error: invalid value 'lots' for --chunk-rows — expected a whole number of at "
            "least 1, e.g. --chunk-rows 50000");
  EXPECT_EQ(
      error_of(parse({"migrate", "a", "b", "--batch-bytes", "8X"})),
      "config error: invalid value '8X' for --batch-bytes — expected a byte size from 1 to 1T "
      "such as 65536, 64k, 8M or 1G, e.g. --batch-bytes 8M");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--nul-policy", "drop"})),
            "config error: invalid value 'drop' for --nul-policy — expected one of reject, strip, "
            "replace, e.g. --nul-policy strip");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--ci-collation", "lower"})),
            "config error: invalid value 'lower' for --ci-collation — expected one of none, citext, icu, "
            "e.g. --ci-collation icu");
  EXPECT_EQ(parse({"migrate", "a", "b", "--ci-collation", "citext"})->options.ci_collation, CiCollation::citext);
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--tables", " , "})),
            "config error: invalid value ' , ' for --tables — expected one or more comma-separated "
            "table names or patterns, e.g. --tables 'orders,order_*'");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--quiet=maybe"})),
            "config error: invalid value 'maybe' for --quiet — expected one of 1, 0, true, false, "
            "yes, no, e.g. --quiet");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--cast", "tinyint(1)"})),
            "config error: --cast: cast rule 'tinyint(1)' has no '=' — write SOURCE=TARGET: a type "
            "such as 'sqlite:tinyint(1)=boolean' or 'datetime=timestamptz', or a column such as "
            "'orders.created_at=timestamptz'");
}

TEST(OptionsLoader, UsageErrors) {
  EXPECT_EQ(error_of(parse({})),
            "config error: no command given — use cutover migrate, cutover plan, cutover verify, cutover "
            "inspect or cutover compare-schema; cutover --help describes them");
  EXPECT_EQ(error_of(parse({"migrat", "a", "b"})),
            "config error: unknown command 'migrat' — use cutover migrate, cutover plan, cutover verify, cutover "
            "inspect or cutover compare-schema; cutover --help describes them");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--fast"})),
            "config error: the following argument was not expected: --fast (cutover migrate) — "
            "cutover migrate --help lists the options");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--jobs"})),
            "config error: --jobs: 1 required N missing (cutover migrate) — cutover migrate --help "
            "lists the options");
  EXPECT_EQ(
      error_of(parse({"migrate", "a.db"})),
      "config error: cutover migrate needs a TARGET — give it as the second argument (cutover "
      "migrate SOURCE TARGET) or as target in the plan file");
  EXPECT_EQ(error_of(parse({"plan"})),
            "config error: cutover plan needs a SOURCE — give it as the first argument (cutover "
            "plan SOURCE TARGET) or as source in the plan file");
}

TEST(OptionsLoader, HelpAndVersionDoNotExit) {
  auto top = parse({"--help"});
  ASSERT_TRUE(top) << error_of(top);
  EXPECT_EQ(top->name, CommandName::help);
  EXPECT_NE(top->help_text.find("Usage: cutover [OPTIONS] [SUBCOMMAND]"), std::string::npos);
  EXPECT_NE(top->help_text.find("inspect"), std::string::npos);
  auto sub = parse({"migrate", "--help"});
  ASSERT_TRUE(sub) << error_of(sub);
  EXPECT_EQ(sub->name, CommandName::help);
  EXPECT_NE(sub->help_text.find("Usage: cutover migrate [OPTIONS] [SOURCE] [TARGET]"),
            std::string::npos);
  EXPECT_NE(sub->help_text.find("--batch-bytes SIZE"), std::string::npos);
  EXPECT_NE(sub->help_text.find("CUTOVER_JOBS=4"), std::string::npos);
  auto version = parse({"--version"});
  ASSERT_TRUE(version) << error_of(version);
  EXPECT_EQ(version->name, CommandName::version);
  EXPECT_EQ(version->help_text, "cutover " CUTOVER_VERSION);
}

TEST(OptionsLoader, Inspect) {
  auto cmd = parse({"inspect", "shop.db", "--json"});
  ASSERT_TRUE(cmd) << error_of(cmd);
  EXPECT_EQ(cmd->name, CommandName::inspect);
  EXPECT_EQ(cmd->options.source_url, "shop.db");
  EXPECT_TRUE(cmd->json);
  EXPECT_EQ(error_of(parse({"inspect"})),
            "config error: cutover inspect needs a SOURCE — give the database to describe, e.g. "
            "cutover inspect app.db");
}

TEST(OptionsLoaderEnv, EnvironmentSetsOptions) {
  auto cmd = parse({"migrate", "a", "b"}, {{"CUTOVER_JOBS", "6"},
                                           {"CUTOVER_QUIET", "YES"},
                                           {"CUTOVER_NO_VERIFY", "true"},
                                           {"CUTOVER_TABLES", "x,y"},
                                           {"CUTOVER_CAST", "a=b; t.c=text;"},
                                           {"CUTOVER_BATCH_BYTES", "2MiB"},
                                           {"CUTOVER_TEST_PG_URL", "ignored"}});
  ASSERT_TRUE(cmd) << error_of(cmd);
  const Options& o = cmd->options;
  EXPECT_EQ(o.jobs, 6);
  EXPECT_TRUE(o.quiet);
  EXPECT_FALSE(o.verify);
  EXPECT_EQ(o.tables, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(o.casts.size(), 2u);
  EXPECT_EQ(o.casts[1].table, "t");
  EXPECT_EQ(o.batch_bytes, 2 << 20);
}

TEST(OptionsLoaderEnv, FlagBeatsEnvironmentAndEmptyIsUnset) {
  auto cmd = parse({"migrate", "a", "b", "--jobs", "3", "--tables", "z"},
                   {{"CUTOVER_JOBS", "6"}, {"CUTOVER_TABLES", "x,y"}, {"CUTOVER_CHUNK_ROWS", ""}});
  ASSERT_TRUE(cmd) << error_of(cmd);
  EXPECT_EQ(cmd->options.jobs, 3);
  EXPECT_EQ(cmd->options.tables, (std::vector<std::string>{"z"}));
  EXPECT_EQ(cmd->options.chunk_rows, 100'000);
}

TEST(OptionsLoaderEnv, BadEnvironmentValuesNameTheVariable) {
  EXPECT_EQ(error_of(parse({"migrate", "a", "b"}, {{"CUTOVER_QUIET", "maybe"}})),
            "config error: invalid value 'maybe' for CUTOVER_QUIET — expected one of 1, 0, true, "
            "false, yes, no, e.g. CUTOVER_QUIET=1");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b"}, {{"CUTOVER_JOBS", "999"}})),
            "config error: invalid value '999' for CUTOVER_JOBS — expected a whole number from 1 "
            "to 256, e.g. CUTOVER_JOBS=4");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b"}, {{"CUTOVER_CAST", "a=b;bogus"}})),
            "config error: CUTOVER_CAST: cast rule 'bogus' has no '=' — write SOURCE=TARGET: a "
            "type such as 'sqlite:tinyint(1)=boolean' or 'datetime=timestamptz', or a column such "
            "as 'orders.created_at=timestamptz'");
}

}  // namespace
}  // namespace cutover
