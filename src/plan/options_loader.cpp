// CLI11 wiring: commands, flags and positional arguments -> Settings, then
// the three layers (plan file < environment < flags) applied in order.
#include "plan/options_loader.hpp"

#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "plan/options_settings.hpp"
#include "plan/options_text.hpp"
#include "plan/plan_file.hpp"

namespace cutover {
namespace {

constexpr std::string_view k_commands_hint =
    "use cutover migrate, cutover plan, cutover verify, cutover inspect or cutover compare-schema; cutover --help "
    "describes them";

constexpr std::string_view k_footer =
    "Every option can also be set as an environment variable CUTOVER_<OPTION> (CUTOVER_JOBS=4,\n"
    "CUTOVER_CAST='a=b;c=d') or as a key in a plan file (jobs = 4). A flag beats the\n"
    "environment, which beats the plan file. See docs/plan-file.md.";

// What one migrate/plan subcommand collects from the command line.
struct Bindings {
  std::string source;
  std::string target;
  std::string plan;
  std::map<std::string_view, std::vector<std::string>> values;  // by option key
  std::vector<std::pair<const OptionSpec*, CLI::Option*>> options;
  CLI::Option* json = nullptr;  // plan --json
  CLI::Option* fix = nullptr;   // verify --fix
  CLI::Option* stored = nullptr;  // verify --stored
};

struct Cli {
  CLI::App app{"cutover copies whole databases into PostgreSQL.", "cutover"};
  Bindings migrate;
  Bindings plan;
  Bindings verify;
  Bindings compare;
  std::string inspect_source;
  CLI::Option* json = nullptr;
  CLI::Option* version = nullptr;
};

std::string option_names(const OptionSpec& spec) {
  if (spec.key == "jobs") return "-j,--jobs";
  if (spec.key == "quiet") return "-q,--quiet";
  return flag_name(spec);
}

void add_copy_command(CLI::App& app, const char* name, const char* about, Bindings& b) {
  CLI::App* sub = app.add_subcommand(name, about);
  sub->footer(std::string(k_footer));
  sub->add_option("SOURCE", b.source, "source database: sqlite:///path/app.db or a file path");
  sub->add_option("TARGET", b.target, "target database: postgresql://user@host:5432/db");
  sub->add_option("--plan", b.plan, "read options (and SOURCE, TARGET) from a TOML or YAML file")
      ->type_name("FILE")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  if (std::string_view(name) == "plan" || std::string_view(name) == "compare-schema") {
    b.json = sub->add_flag("--json")->description("print the plan as JSON instead of text");
  }
  if (std::string_view(name) == "verify") {
    b.fix = sub->add_flag("--fix")->description(
        "re-copy the key ranges (or tables) that differ, each in one transaction, and check them again");
    b.stored = sub->add_flag("--stored")->description(
        "compare the target with the checksums the migrate recorded while copying, without reading the "
        "source again (finds damage to the target, not changes to the source since)");
    b.stored->excludes(b.fix);
  }
  for (const OptionSpec& spec : option_specs()) {
    if (!spec.cli) continue;
    CLI::Option* opt = nullptr;
    if (spec.kind == OptionKind::flag) {
      opt = sub->add_flag(option_names(spec))->description(std::string(spec.help));
    } else {
      opt = sub->add_option(option_names(spec), b.values[spec.key], std::string(spec.help))
                ->type_name(std::string(spec.value_name))
                ->expected(1)
                ->allow_extra_args(false)
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    }
    b.options.emplace_back(&spec, opt);
  }
}

void build(Cli& cli) {
  cli.app.require_subcommand(0, 1);
  cli.app.footer("Run cutover COMMAND --help for the options of one command.");
  cli.version = cli.app.add_flag("--version")->description("print the version and exit");
  add_copy_command(cli.app, "migrate",
                   "copy SOURCE into TARGET: schema, rows, indexes, constraints", cli.migrate);
  add_copy_command(cli.app, "plan", "dry run: print what migrate would do, touch nothing",
                   cli.plan);
  add_copy_command(cli.app, "verify",
                   "compare TARGET with SOURCE: rows, checksums per key range, key totals",
                   cli.verify);
  add_copy_command(cli.app, "compare-schema",
                   "list the differences between the schemas of SOURCE and TARGET (PostgreSQL); exit 1 when "
                   "there are any",
                   cli.compare);
  CLI::App* inspect = cli.app.add_subcommand("inspect", "describe SOURCE: tables, columns, types");
  inspect->footer("");
  inspect->add_option("SOURCE", cli.inspect_source, "database to describe");
  cli.json = inspect->add_flag("--json")->description("print JSON instead of text");
}

Status apply_all(OptionsDraft& draft, const std::vector<Setting>& settings) {
  for (const Setting& s : settings) {
    if (auto st = apply_setting(draft, s); !st) return st;
  }
  return {};
}

std::vector<Setting> env_settings(const GetEnv& getenv) {
  std::vector<Setting> out;
  for (const OptionSpec& spec : option_specs()) {
    const char* value = spec.cli ? getenv(env_name(spec).c_str()) : nullptr;
    if (value == nullptr || *value == '\0') continue;
    Setting s{std::string(spec.key), {value}, SettingOrigin::env, ""};
    if (spec.kind == OptionKind::casts) s.values = opts::split_trimmed(value, ';');
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Setting> flag_settings(const Bindings& b) {
  std::vector<Setting> out;
  for (const auto& [spec, opt] : b.options) {
    if (opt->count() == 0) continue;
    const bool many = spec->kind == OptionKind::list || spec->kind == OptionKind::casts;
    std::vector<std::string> values = opt->results();
    if (!many) values = {values.back()};
    out.push_back(Setting{std::string(spec->key), std::move(values), SettingOrigin::flag, ""});
  }
  for (auto [key, value] : {std::pair{"source", &b.source}, std::pair{"target", &b.target}}) {
    if (!value->empty()) out.push_back(Setting{key, {*value}, SettingOrigin::flag, ""});
  }
  return out;
}

Result<Options> load_options(const Bindings& b, const GetEnv& getenv) {
  OptionsDraft draft;
  const char* env_plan = getenv("CUTOVER_PLAN");
  const std::string plan = !b.plan.empty() ? b.plan : env_plan != nullptr ? env_plan : "";
  if (!plan.empty()) {
    auto file = read_plan_file(plan);
    if (!file) return fail(std::move(file.error()));
    if (auto st = apply_all(draft, *file); !st) return fail(std::move(st.error()));
    draft.options.plan_file = plan;
  }
  if (auto st = apply_all(draft, env_settings(getenv)); !st) return fail(std::move(st.error()));
  if (auto st = apply_all(draft, flag_settings(b)); !st) return fail(std::move(st.error()));
  return finish_options(std::move(draft));
}

Result<Command> copy_command(const char* name, const Bindings& b, const GetEnv& getenv) {
  auto options = load_options(b, getenv);
  if (!options) return fail(std::move(options.error()));
  for (auto [what, url, where] : {std::tuple{"SOURCE", &options->source_url, "first"},
                                  std::tuple{"TARGET", &options->target_url, "second"}}) {
    if (!url->empty()) continue;
    return fail(ErrorKind::config, fmt::format("cutover {} needs a {}", name, what),
                fmt::format("give it as the {} argument (cutover {} SOURCE TARGET) or as {} in "
                            "the plan file",
                            where, name, opts::to_lower(what)));
  }
  Command cmd;
  cmd.name = std::string_view(name) == "compare-schema"            ? CommandName::compare_schema
             : std::string_view(name) == "plan" || options->dry_run ? CommandName::plan
             : std::string_view(name) == "verify"                   ? CommandName::verify
                                                                    : CommandName::migrate;
  cmd.options = std::move(*options);
  cmd.options.dry_run = cmd.name == CommandName::plan || cmd.name == CommandName::compare_schema;
  cmd.json = b.json != nullptr && b.json->count() > 0;
  cmd.fix = b.fix != nullptr && b.fix->count() > 0;
  cmd.stored = b.stored != nullptr && b.stored->count() > 0;
  return cmd;
}

Result<Command> inspect_command(const Cli& cli) {
  if (cli.inspect_source.empty()) {
    return fail(ErrorKind::config, "cutover inspect needs a SOURCE",
                "give the database to describe, e.g. cutover inspect app.db");
  }
  Command cmd;
  cmd.name = CommandName::inspect;
  cmd.options.source_url = cli.inspect_source;
  cmd.json = cli.json->count() > 0;
  return cmd;
}

std::unexpected<Error> usage_error(const CLI::ParseError& e, std::string_view command) {
  std::string message = e.what();
  if (!message.empty()) message[0] = opts::to_lower(message[0]);
  if (command.empty()) return fail(ErrorKind::config, message, std::string(k_commands_hint));
  return fail(ErrorKind::config, fmt::format("{} (cutover {})", message, command),
              fmt::format("cutover {} --help lists the options", command));
}

}  // namespace

Result<Command> parse_command_line(int argc, const char* const* argv, const GetEnv& getenv) {
  const std::string_view first = argc > 1 ? argv[1] : "";
  const bool known = first == "migrate" || first == "plan" || first == "verify" || first == "inspect" ||
                     first == "compare-schema";
  if (first.empty()) {
    return fail(ErrorKind::config, "no command given", std::string(k_commands_hint));
  }
  if (!known && !first.starts_with('-')) {
    return fail(ErrorKind::config, fmt::format("unknown command '{}'", first),
                std::string(k_commands_hint));
  }
  Cli cli;
  build(cli);
  try {
    cli.app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return Command{CommandName::help, {}, false, cli.app.help()};
  } catch (const CLI::ParseError& e) {
    return usage_error(e, known ? first : "");
  }
  if (cli.version->count() > 0) {
    return Command{CommandName::version, {}, false, "cutover " CUTOVER_VERSION};
  }
  if (first == "migrate") return copy_command("migrate", cli.migrate, getenv);
  if (first == "plan") return copy_command("plan", cli.plan, getenv);
  if (first == "verify") return copy_command("verify", cli.verify, getenv);
  if (first == "inspect") return inspect_command(cli);
  if (first == "compare-schema") return copy_command("compare-schema", cli.compare, getenv);
  return fail(ErrorKind::config, "no command given", std::string(k_commands_hint));
}

}  // namespace cutover
