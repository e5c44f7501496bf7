#include "sources/snapshot_pool.hpp"

#include <fmt/format.h>

#include "sources/chunk_list.hpp"

namespace cutover {

std::string pool_consistency(const std::string& statement, bool consistent, int replaced,
                             const std::map<std::string, std::vector<int>>& outside) {
  if (replaced == 0) return statement;
  if (!consistent) return fmt::format("{}; besides, {} lost reader connection(s) were replaced", statement, replaced);
  if (outside.empty())
    return fmt::format("{}; {} lost reader connection(s) were replaced before they read any chunk", statement,
                       replaced);
  return fmt::format(
      "point-in-time consistent: no — {} reader connection(s) of the shared snapshot were lost (killed, or the "
      "server restarted) and replaced; a new connection cannot join the original snapshot, so these chunks were "
      "read outside it, each in a later snapshot of its own: {}",
      replaced, describe_chunks(outside));
}

}  // namespace cutover
