// One option value from one place (a flag, an environment variable or a
// plan-file key), and how it is checked and applied to Options. The three
// layers of options_loader (plan file < environment < flags) all produce
// Settings, so every option is validated once and every error names where
// the bad value came from.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/plan.hpp"

namespace cutover {

enum class OptionKind {
  count,       // whole number in [min, max]
  size,        // bytes: 65536, 64k, 8M, 1G
  list,        // comma-separated names or patterns; repeatable
  casts,       // cast rules, one per value; repeatable
  text,        // one non-empty string
  flag,        // boolean: 1/0/true/false/yes/no
  nul_policy,  // reject | strip | replace
  identifier_case,  // auto | lower | preserve
  enum_as,     // check | type
  ci_collation,  // none | citext | icu
};

// An option as it is spelled in every layer: key "chunk_rows" is the flag
// --chunk-rows, the variable CUTOVER_CHUNK_ROWS and the plan-file key
// chunk_rows. Keys with cli == false (source, target) exist only in plan
// files; on the command line they are the SOURCE and TARGET arguments.
struct OptionSpec {
  std::string_view key;
  OptionKind kind;
  std::string_view value_name;  // for --help: N, SIZE, LIST, ...
  std::string_view help;
  std::string_view example;  // a valid value, shown in error hints
  int64_t min = 0;
  int64_t max = 0;
  bool cli = true;
};

// Every option, in the order --help and error hints list them.
std::span<const OptionSpec> option_specs();
const OptionSpec* find_option_spec(std::string_view key);
std::string flag_name(const OptionSpec& spec);  // "--chunk-rows"
std::string env_name(const OptionSpec& spec);   // "CUTOVER_CHUNK_ROWS"
// Keys a plan file may hold, comma-separated, for "unknown key" hints.
std::string plan_file_keys();

enum class SettingOrigin { flag, env, plan_file };

struct Setting {
  std::string key;
  std::vector<std::string> values;  // one for scalars; a list may hold many
  SettingOrigin origin = SettingOrigin::flag;
  std::string file;  // the plan file, when origin == plan_file
};

// "--jobs", "CUTOVER_JOBS", "jobs in plan file p.toml"; SOURCE/TARGET for
// positional arguments.
std::string origin_name(const Setting& setting);
// "a whole number from 1 to 256": what a valid value of `spec` looks like.
std::string expected_form(const OptionSpec& spec);
// A valid example written the way the setting's layer spells it:
// "--jobs 4", "CUTOVER_JOBS=4", "jobs = 4" (TOML) or "jobs: 4" (YAML).
std::string example_for(const Setting& setting, const OptionSpec& spec);

// Options being assembled; the mode is decided once every layer is applied.
struct OptionsDraft {
  Options options;
  bool schema_only = false;
  bool data_only = false;
  std::string schema_only_from;  // origin_name of the setting that set it
  std::string data_only_from;
  std::string mode;  // --mode schema|data|both
  std::string mode_from;
  std::vector<std::string> map_schema;  // "old=new"
  std::string map_schema_from;
  std::vector<std::string> map_table;  // "src=dst"
  std::string map_table_from;
  std::string target_schema_from;
};

// Checks the setting's value(s) and stores them, replacing whatever an
// earlier (lower-precedence) layer set. A config error names the origin,
// the value and the expected form.
Status apply_setting(OptionsDraft& draft, const Setting& setting);

// Resolves --schema-only/--data-only into Options::mode.
Result<Options> finish_options(OptionsDraft draft);

// "8M" -> 8388608. Suffixes k, M, G (binary), optionally followed by B or iB.
Result<int64_t> parse_byte_size(std::string_view text);
// 1/0/true/false/yes/no, any case.
Result<bool> parse_bool(std::string_view text);

}  // namespace cutover
