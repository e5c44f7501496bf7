// Command line, environment and plan file -> one Options (DESIGN.md §4).
// Precedence: command-line flag > environment variable (CUTOVER_JOBS, ...)
// > plan file (--plan FILE, TOML or YAML by extension) > default.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/plan.hpp"

namespace cutover {

enum class CommandName { migrate, plan, verify, inspect, compare_schema, help, version };

struct Command {
  CommandName name = CommandName::help;
  Options options;
  bool json = false;      // inspect --json
  std::string help_text;  // for CommandName::help: what to print (exit 0)
  bool fix = false;       // verify --fix
  bool stored = false;    // verify --stored: the run's chunk records, no second source read
};

using GetEnv = std::function<const char*(const char*)>;

// Parses `cutover <command> [args] [options]`. Bad usage (unknown option,
// missing URL, --jobs 0, an unparsable cast rule, a plan file that does not
// exist or does not parse) is an ErrorKind::config error whose message says
// what is wrong and whose hint shows the right form. `--dry-run` on migrate
// yields CommandName::plan.
Result<Command> parse_command_line(int argc, const char* const* argv,
                                   const GetEnv& getenv = [](const char* n) { return std::getenv(n); });

// "sqlite:tinyint(1)=boolean", "datetime=timestamptz",
// "orders.created_at=timestamptz", "column:orders.created_at=timestamptz".
// By-column when the left side has a dot outside parentheses or a
// "column:" prefix; otherwise by type (engine prefix optional). Type
// patterns are lower-cased and whitespace-normalised.
Result<CastRule> parse_cast_rule(std::string_view text);

// Case-insensitive glob (* and ?) against "table" or "schema.table".
bool matches_pattern(std::string_view pattern, std::string_view schema, std::string_view table);
// --tables (empty = all) minus --exclude, within --schemas (empty = all).
bool table_selected(const Options& options, std::string_view schema, std::string_view table);

}  // namespace cutover
