// The planner: source catalog + options -> MigrationPlan. Decides target
// names (shortened without collisions), column types (through the source's
// type mapper and the user's cast rules), translated defaults and checks,
// keys, indexes, foreign keys and chunks. Pure apart from the source calls
// for profiling and chunk planning; writes nothing anywhere.
#pragma once

#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/plan.hpp"
#include "sources/source.hpp"

namespace cutover {

// Called with a short status ("profiling orders") while planning.
using PlanProgress = std::function<void(const std::string&)>;

Result<MigrationPlan> build_plan(Source& source, const Catalog& catalog, const Options& options,
                                 const PlanProgress& progress = {});

// The cast rule that applies to a column: a by-column rule first, then a
// by-type rule; nullptr when none.
const CastRule* find_cast(const std::vector<CastRule>& casts, const std::string& engine,
                          const Table& table, const Column& column);

}  // namespace cutover
