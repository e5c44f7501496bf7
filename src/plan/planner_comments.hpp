// Comments of sources whose DDL is translated (SQL Server MS_Description,
// MySQL COMMENT): COMMENT ON TABLE / COLUMN statements after the data, one
// recorded step each (PostgreSQL sources carry theirs natively).
#pragma once

#include "core/plan.hpp"

namespace cutover {

// Appends the planned tables' comments to plan.post_data (not with --mode data).
void plan_comments(MigrationPlan& plan);

}  // namespace cutover
