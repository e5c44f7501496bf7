// PgTarget's side of --ci-collation: the citext extension or the ICU
// collations the plan's columns are declared with, created before any
// table (and before any row moves), with an error that says what to do
// when the target cannot have them.
#include <fmt/format.h>

#include "plan/planner_collation.hpp"
#include "targets/postgres/pg_ddl.hpp"
#include "targets/postgres/pg_identifiers.hpp"
#include "targets/postgres/pg_target.hpp"

namespace cutover::pg {

namespace {

Status create_citext(Connection& c) {
  auto r = c.query("SELECT count(*) FROM pg_catalog.pg_available_extensions WHERE name = 'citext'");
  if (!r) return fail(std::move(r.error()));
  if (r->get_int64(0, 0) == 0)
    return fail(ErrorKind::config,
                "--ci-collation citext needs the citext extension, which the target's PostgreSQL does not have",
                "install the server's contrib modules (Debian: postgresql-contrib, which postgresql-NN ships), "
                "or use --ci-collation icu or none");
  return create_extension(c, "citext", "--ci-collation citext makes columns citext",
                          "use --ci-collation icu or none");
}

Status create_icu_collation(Connection& c, const std::string& schema, const std::string& name) {
  const char* locale = name == k_ci_ai_collation ? k_ci_ai_locale : k_ci_locale;
  std::string sql = fmt::format(
      "{}; CREATE COLLATION IF NOT EXISTS {} (provider = icu, locale = {}, deterministic = false)",
      create_schema_sql(schema), qualified(schema, name), quote_literal(locale));
  auto st = c.execute(sql);
  if (st) return st;
  Error e = st.error();
  e.message = fmt::format("--ci-collation icu: creating collation {} failed: {}", qualified(schema, name), e.message);
  e.hint = "the target needs PostgreSQL 12 or later built with ICU (SELECT * FROM pg_collation WHERE collprovider = "
           "'i'); or use --ci-collation citext or none";
  return fail(std::move(e));
}

}  // namespace

Status PgTarget::create_ci_support(const MigrationPlan& plan) {
  auto collations = icu_collations(plan);
  if (!uses_citext(plan) && collations.empty()) return {};
  return with_connection(pool_, [&](Connection& c) -> Status {
    if (uses_citext(plan))
      if (auto st = create_citext(c); !st) return st;
    for (const auto& [schema, name] : collations)
      if (auto st = create_icu_collation(c, schema, name); !st) return st;
    return {};
  });
}

}  // namespace cutover::pg
