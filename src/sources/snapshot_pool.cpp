#include "sources/snapshot_pool.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace cutover {
namespace {

// "`a` chunks 3, 4; `b` chunks 0, 1, 2, ... (12 in all)"
std::string describe_chunks(const std::map<std::string, std::vector<int>>& chunks) {
  constexpr size_t k_listed = 10;
  std::vector<std::string> parts;
  for (auto [table, list] : chunks) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    std::vector<int> shown(list.begin(), list.begin() + static_cast<long>(std::min(list.size(), k_listed)));
    parts.push_back(fmt::format("{} chunk{} {}{}", table, list.size() == 1 ? "" : "s", fmt::join(shown, ", "),
                                list.size() > k_listed ? fmt::format(", ... ({} in all)", list.size()) : ""));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

std::string pool_consistency(const std::string& statement, bool consistent, int replaced,
                             const std::map<std::string, std::vector<int>>& outside) {
  if (replaced == 0) return statement;
  if (!consistent) return fmt::format("{}; besides, {} lost reader connection(s) were replaced", statement, replaced);
  return fmt::format(
      "point-in-time consistent: no — {} reader connection(s) of the shared snapshot were lost (killed, or the "
      "server restarted) and replaced; a new connection cannot join the original snapshot, so these chunks were "
      "read outside it, each in a later snapshot of its own: {}",
      replaced, outside.empty() ? "none" : describe_chunks(outside));
}

}  // namespace cutover
