// The CLI commands. Each returns the process exit code (verify/report.hpp)
// and prints to stdout (results) and stderr (progress, warnings, errors).
#pragma once

#include <nlohmann/json.hpp>

#include "plan/options_loader.hpp"

namespace cutover {

int cmd_inspect(const Command& cmd);
int cmd_plan(const Command& cmd);
int cmd_migrate(const Command& cmd);
int cmd_verify(const Command& cmd);
// cutover compare-schema SRC DST: differences, exit 1 when there are any.
int cmd_compare_schema(const Command& cmd);
// --data-only from PostgreSQL: the target's tables must take the rows; an
// error listing every difference otherwise.
Status check_data_only_target(const MigrationPlan& plan);
// cutover inspect of a source with schemas: schemas -> tables (partitions
// under their parent) with estimated rows and sizes.
std::string schema_tree_text(const Catalog& catalog);
nlohmann::json schema_tree_json(const Catalog& catalog);

}  // namespace cutover
