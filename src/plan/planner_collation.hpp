// Case-insensitive source collations (MySQL's *_ci, SQL Server's *_CI_*,
// the defaults of both): PostgreSQL compares text exactly, so a unique key
// over such a column no longer makes 'A' and 'a' collide. --ci-collation
// keeps the comparison: citext, or a nondeterministic ICU collation
// (docs/types-mysql.md, "Case-insensitive collations"); the planner says
// per key what happens, in the table's warnings.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plan.hpp"

namespace cutover {

// The ICU collations --ci-collation icu creates in each target schema that
// needs them: case-insensitive, accent-sensitive (level 2: 'a' = 'A',
// 'a' <> 'á') and case- and accent-insensitive (level 1).
constexpr const char* k_ci_collation = "cutover_ci";
constexpr const char* k_ci_locale = "und-u-ks-level2";
constexpr const char* k_ci_ai_collation = "cutover_ci_ai";
constexpr const char* k_ci_ai_locale = "und-u-ks-level1";

// True for collation names that compare case-insensitively:
// "utf8mb4_general_ci", "utf8mb4_0900_ai_ci", "SQL_Latin1_General_CP1_CI_AS".
bool case_insensitive_collation(std::string_view collation);
// True unless the name says accent-sensitive (_AS, MySQL's _as_ci).
bool accent_insensitive_collation(std::string_view collation);
// "ci_collation.citext", "ci_collation.icu".
bool is_ci_collation_rule(std::string_view rule);

// --ci-collation on the copied character columns of `t` in a
// case-insensitive collation (not cast, not enum): citext, or the type
// COLLATE <target schema>.cutover_ci[_ai]; rule ci_collation.<mode> and a
// reason in each column's decision. A column whose check, generated column
// or index predicate matches a pattern keeps exact comparison under icu,
// with a warning. REQUIRES: checks, generated columns and indexes planned.
void apply_ci_collation(TablePlan& t, CiCollation mode);

// The (target schema, collation name) pairs the plan's icu columns use.
std::vector<std::pair<std::string, std::string>> icu_collations(const MigrationPlan& plan);
// Whether a column of the plan is citext by rule ci_collation.citext.
bool uses_citext(const MigrationPlan& plan);

// A warning per primary key or unique index of `t` with a text column in a
// case-insensitive collation: what --ci-collation did, or what to do.
void warn_case_insensitive_keys(TablePlan& t);

}  // namespace cutover
