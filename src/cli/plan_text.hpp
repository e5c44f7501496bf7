// Human-readable plan: type decisions with reasons, chunks, DDL, warnings.
#pragma once

#include <string>

#include "core/catalog.hpp"
#include "core/plan.hpp"

namespace cutover {

std::string plan_text(const MigrationPlan& plan);
std::string catalog_text(const Catalog& catalog);

}  // namespace cutover
