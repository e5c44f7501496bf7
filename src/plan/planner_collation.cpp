#include "plan/planner_collation.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "targets/postgres/pg_identifiers.hpp"
#include "util/text.hpp"

namespace cutover {

namespace {

// The case-insensitive text columns among `names`, and the collation of the first.
std::vector<std::string> ci_columns(const TablePlan& t, const std::vector<std::string>& names, std::string& collation) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    const Column* c = t.source.find_column(name);
    if (c == nullptr || !case_insensitive_collation(c->collation)) continue;
    for (const auto& cp : t.columns)
      if (cp.source_name == name && cp.derived.empty() && cp.type.kind == ValueKind::text) {
        if (out.empty()) collation = c->collation;
        out.push_back(name);
      }
  }
  return out;
}

// The ci_collation rule every one of `cols` got, or "" when one has none.
std::string applied_rule(const TablePlan& t, const std::vector<std::string>& cols) {
  std::string rule;
  for (const auto& name : cols)
    for (const auto& cp : t.columns)
      if (cp.source_name == name) {
        if (!is_ci_collation_rule(cp.type.rule)) return "";
        rule = cp.type.rule;
      }
  return rule;
}

void warn_key(TablePlan& t, const std::string& key, const std::vector<std::string>& names) {
  std::string collation;
  auto cols = ci_columns(t, names, collation);
  if (cols.empty()) return;
  if (std::string rule = applied_rule(t, cols); !rule.empty()) {
    t.warnings.push_back(fmt::format(
        "{} ({}) is case-insensitive in the source (collation {}): rule {} keeps it so in the target ({} {})", key,
        fmt::join(names, ", "), collation, rule, fmt::join(cols, ", "),
        rule == "ci_collation.citext" ? "citext" : "under a nondeterministic ICU collation"));
    return;
  }
  t.warnings.push_back(fmt::format(
      "{} ({}) is case-insensitive in the source (collation {}): PostgreSQL compares text exactly, so "
      "values differing only in case no longer collide; if the application relies on it, add a unique "
      "index on lower({}) or use --ci-collation icu or citext", key, fmt::join(names, ", "), collation,
      fmt::join(cols, "), lower(")));
}

// Character types the rule applies to (not enum checks, json, casts).
bool character_type(const TypeDecision& d) {
  static const std::regex k_types(R"(^(text|varchar|character varying|char|character|bpchar|nvarchar|nchar)\b.*)",
                                  std::regex::icase);
  return d.kind == ValueKind::text && d.rule != "cast" && d.labels.empty() &&
         d.target_type.find(" COLLATE ") == std::string::npos && std::regex_match(d.target_type, k_types);
}

// Expressions of `t` (checks, generated columns, index predicates) that
// match a pattern (LIKE, SIMILAR TO, regular expressions) against column
// `name`: PostgreSQL 15 refuses those under a nondeterministic collation.
bool pattern_matched(const TablePlan& t, const std::string& name) {
  static const std::regex k_pattern(R"(\b(i?like|similar\s+to)\b|~)", std::regex::icase);
  const std::regex column("(^|[^A-Za-z0-9_$])\"?" + std::regex_replace(name, std::regex(R"([.^$|()\[\]{}*+?\\])"),
                                                                      R"(\$&)") + "\"?([^A-Za-z0-9_$]|$)");
  auto uses = [&](const std::string& sql) { return std::regex_search(sql, k_pattern) && std::regex_search(sql, column); };
  for (const auto& c : t.checks)
    if (uses(c.expression)) return true;
  for (const auto& g : t.generated)
    if (g.generated_sql && uses(*g.generated_sql)) return true;
  for (const auto& i : t.indexes)
    if (i.predicate && uses(*i.predicate)) return true;
  return false;
}

void use_citext(ColumnPlan& c, const std::string& collation) {
  c.type.reason = fmt::format("{} in case-insensitive collation {}: citext, compares case-insensitively as the "
                              "source did (no length limit; ORDER BY and DISTINCT fold case)",
                              c.type.target_type, collation);
  c.type.target_type = "citext";
  c.type.rule = "ci_collation.citext";
}

void use_icu(ColumnPlan& c, const std::string& collation, const std::string& schema) {
  bool ai = accent_insensitive_collation(collation);
  std::string name = pg::qualified(schema, ai ? k_ci_ai_collation : k_ci_collation);
  c.type.reason = fmt::format("{} in case-insensitive collation {}: COLLATE {} (ICU {}, nondeterministic: "
                              "compares case-{}insensitively as the source did; LIKE and regular expressions on it "
                              "fail, ORDER BY follows ICU)",
                              c.type.target_type, collation, name, ai ? k_ci_ai_locale : k_ci_locale,
                              ai ? "and accent-" : "");
  c.type.target_type += " COLLATE " + name;
  c.type.rule = "ci_collation.icu";
}

}  // namespace

bool case_insensitive_collation(std::string_view collation) {
  std::string c = ascii_lower(collation);
  return c.ends_with("_ci") || c.find("_ci_") != std::string::npos;
}

// SQL Server names say _AS or _AI; MySQL's say _as_ci (0900, uca1400) or
// nothing, and then compare accents alike (general_ci, unicode_ci,
// latin1_swedish_ci: 'e' = 'é').
bool accent_insensitive_collation(std::string_view collation) {
  std::string c = "_" + ascii_lower(collation) + "_";
  return c.find("_as_") == std::string::npos;
}

bool is_ci_collation_rule(std::string_view rule) { return rule.starts_with("ci_collation."); }

void apply_ci_collation(TablePlan& t, CiCollation mode) {
  if (mode == CiCollation::none) return;
  for (auto& c : t.columns) {
    const Column* src = t.source.find_column(c.source_name);
    if (src == nullptr || !case_insensitive_collation(src->collation) || !character_type(c.type)) continue;
    if (mode == CiCollation::citext) {
      use_citext(c, src->collation);
    } else if (pattern_matched(t, c.target_name)) {
      t.warnings.push_back(fmt::format("column {} (collation {}) keeps PostgreSQL's exact comparison: a check, "
                                       "generated column or index predicate matches a pattern against it, which "
                                       "PostgreSQL refuses under a nondeterministic collation",
                                       c.source_name, src->collation));
    } else {
      use_icu(c, src->collation, t.target_schema);
    }
  }
}

std::vector<std::pair<std::string, std::string>> icu_collations(const MigrationPlan& plan) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : plan.tables)
    for (const auto& c : t.columns) {
      if (c.type.rule != "ci_collation.icu") continue;
      const Column* src = t.source.find_column(c.source_name);
      bool ai = src != nullptr && accent_insensitive_collation(src->collation);
      std::pair<std::string, std::string> p{t.target_schema, ai ? k_ci_ai_collation : k_ci_collation};
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
    }
  return out;
}

bool uses_citext(const MigrationPlan& plan) {
  for (const auto& t : plan.tables)
    for (const auto& c : t.columns)
      if (c.type.rule == "ci_collation.citext") return true;
  return false;
}

void warn_case_insensitive_keys(TablePlan& t) {
  if (!t.source.primary_key.empty()) warn_key(t, "primary key", t.source.primary_key);
  for (const auto& index : t.source.indexes) {
    if (!index.unique) continue;
    std::vector<std::string> names;
    for (const auto& c : index.columns)
      if (!c.name.empty()) names.push_back(c.name);
    warn_key(t, "unique key " + index.name, names);
  }
}

}  // namespace cutover
