// cutover's entry point: parses the command line and dispatches. Exceptions
// are bugs or fatal configuration (STYLE.md §2) and are caught here, once.
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "verify/report.hpp"

int main(int argc, char** argv) {
  using namespace cutover;
  try {
    auto cmd = parse_command_line(argc, argv);
    if (!cmd) {
      std::fprintf(stderr, "cutover: %s\n", cmd.error().describe().c_str());
      return k_exit_usage;
    }
    switch (cmd->name) {
      case CommandName::help: std::cout << cmd->help_text; return k_exit_ok;
      case CommandName::version: std::cout << "cutover " << CUTOVER_VERSION << "\n"; return k_exit_ok;
      case CommandName::inspect: return cmd_inspect(*cmd);
      case CommandName::plan: return cmd_plan(*cmd);
      case CommandName::migrate: return cmd_migrate(*cmd);
      case CommandName::verify: return cmd_verify(*cmd);
      case CommandName::compare_schema: return cmd_compare_schema(*cmd);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cutover: internal error: %s\n", e.what());
  }
  return k_exit_failed;
}
