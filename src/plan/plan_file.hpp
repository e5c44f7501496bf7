// Plan files: a flat TOML or YAML mapping of option keys (chunk_rows,
// tables, cast, ..., plus source and target) to values. See docs/plan-file.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "plan/options_settings.hpp"

namespace cutover {

// Reads `path` (TOML when it ends in .toml, YAML when .yml or .yaml) into
// one Setting per key, origin plan_file. Scalars become one value (integers
// in decimal, booleans "true"/"false"); arrays of scalars become lists.
// Config errors: the file is missing or unreadable, has another extension,
// does not parse (with line and column), holds an unknown key (the hint
// lists the valid ones), a nested table, or a list for a one-value key.
Result<std::vector<Setting>> read_plan_file(const std::string& path);

// The same for text already in memory; `name` picks the format by its
// extension and names the file in errors.
Result<std::vector<Setting>> parse_plan_text(std::string_view text, const std::string& name);

}  // namespace cutover
