#include "sources/chunk_list.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace cutover {

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

}  // namespace cutover
