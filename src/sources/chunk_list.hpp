// Chunks named in a report's `consistency` statement (chunks read outside
// the run's shared snapshot), for every source that keeps one.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cutover {

// "`a` chunks 3, 4; `b` chunks 0, 1, 2, ... (12 in all)": each table's
// chunks sorted, repeats dropped, at most ten listed per table.
std::string describe_chunks(const std::map<std::string, std::vector<int>>& chunks);

}  // namespace cutover
