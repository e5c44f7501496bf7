#include "plan/plan_file.hpp"

#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "options_test_util.hpp"

namespace cutover {
namespace {

using testing_options::error_of;
using testing_options::parse;
using testing_options::write_file;

constexpr const char* k_toml = R"(# docs/plan-file.md
source = "sqlite:///data/app.db"
target = "postgresql://app@localhost:5432/app"
jobs = 4
chunk_rows = 50000
batch_bytes = "16M"
tables = ["orders", "order_*"]
exclude = ["tmp_*"]
cast = ["orders.created_at=timestamptz", "sqlite:tinyint(1)=boolean"]
schema_only = true
nul_policy = "replace"
)";

constexpr const char* k_yaml = R"(# docs/plan-file.md
source: sqlite:///data/app.db
target: postgresql://app@localhost:5432/app
jobs: 4
chunk_rows: 50000
batch_bytes: 16M
tables: [orders, "order_*"]
exclude:
  - "tmp_*"
cast:
  - orders.created_at=timestamptz
  - "sqlite:tinyint(1)=boolean"
schema_only: yes
nul_policy: replace
)";

void expect_example_options(const Options& o) {
  EXPECT_EQ(o.source_url, "sqlite:///data/app.db");
  EXPECT_EQ(o.target_url, "postgresql://app@localhost:5432/app");
  EXPECT_EQ(o.jobs, 4);
  EXPECT_EQ(o.chunk_rows, 50000);
  EXPECT_EQ(o.batch_bytes, 16 << 20);
  EXPECT_EQ(o.tables, (std::vector<std::string>{"orders", "order_*"}));
  EXPECT_EQ(o.exclude, (std::vector<std::string>{"tmp_*"}));
  ASSERT_EQ(o.casts.size(), 2u);
  EXPECT_EQ(o.casts[0].table, "orders");
  EXPECT_EQ(o.casts[0].column, "created_at");
  EXPECT_EQ(o.casts[1].engine, "sqlite");
  EXPECT_EQ(o.casts[1].source_type, "tinyint(1)");
  EXPECT_EQ(o.mode, Mode::schema_only);
  EXPECT_EQ(o.nul_policy, NulPolicy::replace);
}

TEST(PlanFile, TomlExample) {
  const std::string path = write_file("plan.toml", k_toml);
  auto cmd = parse({"migrate", "--plan", path.c_str()});
  ASSERT_TRUE(cmd) << error_of(cmd);
  expect_example_options(cmd->options);
  EXPECT_EQ(cmd->options.plan_file, path);
}

TEST(PlanFile, YamlExample) {
  const std::string path = write_file("plan.yaml", k_yaml);
  auto cmd = parse({"plan"}, {{"CUTOVER_PLAN", path}});
  ASSERT_TRUE(cmd) << error_of(cmd);
  expect_example_options(cmd->options);
  EXPECT_EQ(cmd->name, CommandName::plan);
}

TEST(PlanFile, ArgumentsAndEnvironmentBeatThePlanFile) {
  const std::string path = write_file("plan.yml", k_yaml);
  auto cmd =
      parse({"migrate", "other.db", "--plan", path.c_str(), "--jobs", "7"},
            {{"CUTOVER_JOBS", "5"}, {"CUTOVER_CHUNK_ROWS", "10"}, {"CUTOVER_SCHEMA_ONLY", "0"}});
  ASSERT_TRUE(cmd) << error_of(cmd);
  EXPECT_EQ(cmd->options.source_url, "other.db");
  EXPECT_EQ(cmd->options.target_url, "postgresql://app@localhost:5432/app");
  EXPECT_EQ(cmd->options.jobs, 7);
  EXPECT_EQ(cmd->options.chunk_rows, 10);
  EXPECT_EQ(cmd->options.mode, Mode::both);
}

TEST(PlanFile, UnknownKeyListsTheValidOnes) {
  auto r = parse_plan_text("jobs = 2\n[verify]\nlevel = 1\n", "p.toml");
  EXPECT_EQ(error_of(r),
            "config error: unknown key 'verify' in plan file p.toml — valid keys: source, target, "
            "jobs, chunk_rows, batch_rows, batch_bytes, queue_bytes, tables, exclude, "
            "target_schema, schema_only, data_only, cast, nul_policy, identifier_case, enum_as, ci_collation, report, "
            "reject_dir, dry_run, no_verify, quiet, no_profile, no_postgis, keep_offset, drop_existing, max_rejects, fail_fast, restart, mode, schemas, "
            "map_schema, map_table, owners, grants");
  EXPECT_TRUE(error_of(parse_plan_text("chunk-rows: 5\n", "p.yaml"))
                  .starts_with("config error: unknown key 'chunk-rows' in plan file p.yaml — "));
}

TEST(PlanFile, SyntaxErrorsGiveLineAndColumn) {
  EXPECT_EQ(error_of(parse_plan_text("jobs = 4\ntables = [\"a\"\n", "p.toml")),
            "config error: plan file p.toml does not parse: Error while parsing array: encountered "
            "end-of-file (line 2, column 15) — fix the TOML syntax "
            "there; docs/plan-file.md shows a complete example");
  EXPECT_EQ(error_of(parse_plan_text("jobs: 4\ntables: [a\n", "p.yml")),
            "config error: plan file p.yml does not parse: end of sequence flow not found (line 3, "
            "column 1) — fix the YAML syntax there; docs/plan-file.md shows a complete example");
  EXPECT_EQ(error_of(parse_plan_text("- jobs\n", "p.yml")),
            "config error: plan file p.yml is not a mapping of keys to values — write one 'key: "
            "value' per line; docs/plan-file.md shows a complete example");
}

TEST(PlanFile, ShapesThatDoNotFit) {
  EXPECT_EQ(error_of(parse_plan_text("jobs = [1, 2]\n", "p.toml")),
            "config error: jobs in plan file p.toml takes one value, not a list — "
            "docs/plan-file.md shows a complete example");
  EXPECT_EQ(error_of(parse_plan_text("tables = [[\"a\"]]\n", "p.toml")),
            "config error: tables in plan file p.toml holds a nested list; plan files hold only "
            "values and lists of values — docs/plan-file.md shows a complete example");
  EXPECT_EQ(error_of(parse_plan_text("report:\n", "p.yaml")),
            "config error: report in plan file p.yaml holds no value; plan files hold only values "
            "and lists of values — docs/plan-file.md shows a complete example");
  EXPECT_EQ(error_of(parse_plan_text("jobs: 1\njobs: 2\n", "p.yaml")),
            "config error: key 'jobs' appears twice in plan file p.yaml — keep one of them");
}

TEST(PlanFile, BadValuesShowThePlanFileForm) {
  auto toml = write_file("bad.toml", "jobs = 0\n");
  EXPECT_EQ(
      error_of(parse({"migrate", "a", "b", "--plan", toml.c_str()})),
      fmt::format("config error: invalid value '0' for jobs in plan file {} — expected a whole "
                  "number from 1 to 256, e.g. jobs = 4",
                  toml));
  auto yaml = write_file("bad.yaml", "tables: ' , '\n");
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--plan", yaml.c_str()})),
            fmt::format("config error: invalid value ' , ' for tables in plan file {} — expected "
                        "one or more comma-separated table names or patterns, e.g. tables: "
                        "[\"orders\", \"order_*\"]",
                        yaml));
}

TEST(PlanFile, MissingFileAndUnknownFormat) {
  EXPECT_EQ(error_of(parse({"migrate", "a", "b", "--plan", "/nonexistent/plan.toml"})),
            "config error: plan file /nonexistent/plan.toml does not exist — check the path given "
            "to --plan or CUTOVER_PLAN");
  auto json = write_file("plan.json", "{}");
  EXPECT_EQ(error_of(read_plan_file(json)),
            fmt::format("config error: plan file {} is neither TOML nor YAML — name it *.toml, "
                        "*.yml or *.yaml to say which format it holds",
                        json));
}

TEST(PlanFile, EmptyFilesAreFine) {
  auto toml = parse_plan_text("", "p.toml");
  ASSERT_TRUE(toml) << error_of(toml);
  EXPECT_TRUE(toml->empty());
  auto yaml = parse_plan_text("# nothing\n", "p.yaml");
  ASSERT_TRUE(yaml) << error_of(yaml);
  EXPECT_TRUE(yaml->empty());
}

// The examples in docs/plan-file.md are the ones users copy: they must load.
TEST(PlanFile, DocumentedExamplesLoad) {
  std::ifstream in(std::string(CUTOVER_SQL_DIR) + "/../docs/plan-file.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int found = 0;
  for (const char* lang : {"toml", "yaml"}) {
    const std::string open = fmt::format("```{}\n", lang);
    const size_t start = doc.find(open);
    ASSERT_NE(start, std::string::npos) << lang;
    const size_t body = start + open.size();
    const std::string text = doc.substr(body, doc.find("```", body) - body);
    auto settings = parse_plan_text(text, fmt::format("doc.{}", lang));
    ASSERT_TRUE(settings) << error_of(settings);
    OptionsDraft draft;
    for (const Setting& s : *settings) ASSERT_TRUE(apply_setting(draft, s)) << s.key;
    auto options = finish_options(std::move(draft));
    ASSERT_TRUE(options) << error_of(options);
    EXPECT_EQ(options->jobs, 4);
    EXPECT_EQ(options->casts.size(), 2u);
    EXPECT_EQ(options->target_url, "postgresql://app@localhost:5432/app");
    ++found;
  }
  EXPECT_EQ(found, 2);
}

}  // namespace
}  // namespace cutover
