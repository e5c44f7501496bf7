#include "plan/planner_comments.hpp"

#include <fmt/format.h>

#include "targets/postgres/pg_identifiers.hpp"

namespace cutover {

void plan_comments(MigrationPlan& plan) {
  if (plan.options.mode == Mode::data_only) return;
  for (const TablePlan& t : plan.tables) {
    std::string table = pg::qualified(t.target_schema, t.target_name);
    auto add = [&](const std::string& name, const std::string& object, const std::string& text) {
      plan.post_data.push_back({"comment", t.source.schema, t.source.name, name,
                                fmt::format("COMMENT ON {} IS {}", object, pg::quote_literal(text)), ""});
    };
    if (!t.source.comment.empty()) add(t.target_name, "TABLE " + table, t.source.comment);
    for (const auto* list : {&t.columns, &t.generated})
      for (const ColumnPlan& c : *list)
        if (const Column* s = t.source.find_column(c.source_name); s != nullptr && !s->comment.empty() && c.derived.empty())
          add(t.target_name + "." + c.target_name, fmt::format("COLUMN {}.{}", table, pg::quote_ident(c.target_name)),
              s->comment);
  }
}

}  // namespace cutover
