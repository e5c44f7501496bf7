// The CLI commands. Each returns the process exit code (verify/report.hpp)
// and prints to stdout (results) and stderr (progress, warnings, errors).
#pragma once

#include "plan/options_loader.hpp"

namespace cutover {

int cmd_inspect(const Command& cmd);
int cmd_plan(const Command& cmd);
int cmd_migrate(const Command& cmd);
int cmd_verify(const Command& cmd);

}  // namespace cutover
