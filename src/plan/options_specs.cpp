// The option table and how options are named and shown in each layer.
#include <array>
#include <limits>

#include <fmt/format.h>

#include "plan/options_settings.hpp"
#include "plan/options_text.hpp"

namespace cutover {

using namespace opts;

namespace {

constexpr int64_t k_no_max = std::numeric_limits<int64_t>::max();
constexpr int64_t k_max_bytes = int64_t{1} << 40;

using K = OptionKind;
const std::array k_specs = {
    OptionSpec{"source", K::text, "URL", "source database URL", "sqlite:///data/app.db", 0, 0,
               false},
    OptionSpec{"target", K::text, "URL", "target database URL",
               "postgresql://app@localhost:5432/app", 0, 0, false},
    OptionSpec{"jobs", K::count, "N", "chunks copied in parallel (1-256, default 2)", "4", 1, 256},
    OptionSpec{"chunk_rows", K::count, "N",
               "rows per chunk, one target transaction (default 100000)", "50000", 1, k_no_max},
    OptionSpec{"batch_rows", K::count, "N", "rows per batch sent to the writer (default 10000)",
               "10000", 1, k_no_max},
    OptionSpec{"batch_bytes", K::size, "SIZE", "bytes per batch: 64k, 8M, 1G (default 8M)", "8M", 1,
               k_max_bytes},
    OptionSpec{"queue_bytes", K::size, "SIZE", "bytes queued per chunk pipeline (default 32M)",
               "32M", 1, k_max_bytes},
    OptionSpec{"tables", K::list, "LIST", "only these tables: names or globs, comma-separated",
               "orders,order_*"},
    OptionSpec{"exclude", K::list, "LIST", "skip these tables: names or globs, comma-separated",
               "tmp_*"},
    OptionSpec{"target_schema", K::text, "NAME", "schema to create tables in (default public)",
               "app"},
    OptionSpec{"schema_only", K::flag, "", "create tables, indexes and constraints; copy no rows",
               "1"},
    OptionSpec{"data_only", K::flag, "", "copy rows into tables that already exist", "1"},
    OptionSpec{"cast", K::casts, "RULE", "override a type: sqlite:tinyint(1)=boolean, t.col=text",
               "orders.created_at=timestamptz"},
    OptionSpec{"nul_policy", K::nul_policy, "POLICY",
               "NUL bytes in text: reject, strip or replace (default reject)", "strip"},
    OptionSpec{"identifier_case", K::identifier_case, "CASE",
               "target names: lower (fold), preserve (as written, quoted), auto (lower unless the "
               "source is PostgreSQL; default)", "preserve"},
    OptionSpec{"enum_as", K::enum_as, "MODE",
               "MySQL enum columns: check (text with a CHECK of the labels; default) or type (a "
               "PostgreSQL enum type per column)", "type"},
    OptionSpec{"ci_collation", K::ci_collation, "MODE",
               "text in case-insensitive source collations (MySQL *_ci, SQL Server *_CI_*): none (compared "
               "exactly, a warning per key; default), citext, or icu (a nondeterministic ICU collation)", "icu"},
    OptionSpec{"report", K::text, "FILE", "write the JSON report to FILE", "report.json"},
    OptionSpec{"reject_dir", K::text, "DIR", "write rejected rows under DIR", "rejects"},
    OptionSpec{"dry_run", K::flag, "", "print the plan and DDL; touch nothing (= cutover plan)",
               "1"},
    OptionSpec{"no_verify", K::flag, "", "skip the verification after the copy", "1"},
    OptionSpec{"quiet", K::flag, "", "print only errors and the summary", "1"},
    OptionSpec{"no_profile", K::flag, "", "SQLite: choose types from declarations only", "1"},
    OptionSpec{"no_postgis", K::flag, "",
               "MySQL, SQL Server spatial columns as WKB bytea even when the target has PostGIS", "1"},
    OptionSpec{"keep_offset", K::flag, "",
               "SQL Server datetimeoffset: add a <column>_offset smallint column (minutes east of UTC)", "1"},
    OptionSpec{"drop_existing", K::flag, "", "replace target tables that already exist", "1"},
    OptionSpec{"max_rejects", K::count, "N",
               "fail the run when more than N rows are rejected (default: no limit)", "100", 0,
               k_no_max},
    OptionSpec{"fail_fast", K::flag, "", "stop at the first failed table instead of going on", "1"},
    OptionSpec{"restart", K::flag, "", "ignore an unfinished run's state and start over", "1"},
    OptionSpec{"mode", K::text, "MODE", "schema, data or both (= --schema-only / --data-only)", "schema"},
    OptionSpec{"schemas", K::list, "LIST", "PostgreSQL, SQL Server sources: only these schemas (names or globs)",
               "sales,hr"},
    OptionSpec{"map_schema", K::list, "OLD=NEW", "PostgreSQL, SQL Server sources: create schema OLD's objects in NEW",
               "public=app"},
    OptionSpec{"map_table", K::list, "SRC=DST",
               "rename a table: schema.table=schema.new or table=new (repeatable, comma-separated)",
               "sales.orders=crm.purchases"},
    OptionSpec{"owners", K::flag, "", "PostgreSQL source: give objects the source's owners (roles the "
               "target has)", "1"},
    OptionSpec{"grants", K::flag, "", "PostgreSQL source: copy the GRANTs on schemas, tables and sequences "
               "(roles the target has)", "1"},
};

}  // namespace

std::span<const OptionSpec> option_specs() { return k_specs; }

const OptionSpec* find_option_spec(std::string_view key) {
  for (const OptionSpec& spec : k_specs) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string flag_name(const OptionSpec& spec) { return "--" + replace_char(spec.key, '_', '-'); }

std::string env_name(const OptionSpec& spec) { return "CUTOVER_" + to_upper(spec.key); }

std::string plan_file_keys() {
  std::string out;
  for (const OptionSpec& spec : k_specs)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", spec.key);
  return out;
}

std::string origin_name(const Setting& s) {
  const OptionSpec* spec = find_option_spec(s.key);
  switch (s.origin) {
    case SettingOrigin::flag:
      return spec != nullptr && spec->cli ? flag_name(*spec) : to_upper(s.key);
    case SettingOrigin::env:
      return spec != nullptr ? env_name(*spec) : "CUTOVER_" + to_upper(s.key);
    case SettingOrigin::plan_file: return fmt::format("{} in plan file {}", s.key, s.file);
  }
  return s.key;
}

std::string expected_form(const OptionSpec& spec) {
  switch (spec.kind) {
    case K::count:
      return spec.max == k_no_max ? fmt::format("a whole number of at least {}", spec.min)
                                  : fmt::format("a whole number from {} to {}", spec.min, spec.max);
    case K::size: return "a byte size from 1 to 1T such as 65536, 64k, 8M or 1G";
    case K::list: return "one or more comma-separated table names or patterns";
    case K::casts: return "a cast rule";
    case K::text: return "a non-empty value";
    case K::flag: return "one of 1, 0, true, false, yes, no";
    case K::nul_policy: return "one of reject, strip, replace";
    case K::identifier_case: return "one of auto, lower, preserve";
    case K::enum_as: return "one of check, type";
    case K::ci_collation: return "one of none, citext, icu";
  }
  return "a value";
}

// The example as it would be written in the setting's own layer.
std::string example_for(const Setting& s, const OptionSpec& spec) {
  const bool is_flag = spec.kind == K::flag;
  switch (s.origin) {
    case SettingOrigin::flag:
      return is_flag ? flag_name(spec)
                     : fmt::format("{} {}", flag_name(spec), shell_word(spec.example));
    case SettingOrigin::env: return fmt::format("{}={}", env_name(spec), shell_word(spec.example));
    case SettingOrigin::plan_file: break;
  }
  std::string value;
  if (is_flag) {
    value = "true";
  } else if (spec.kind == K::count) {
    value = spec.example;
  } else if (spec.kind == K::list || spec.kind == K::casts) {
    value =
        quoted_array(spec.kind == K::list ? split_trimmed(spec.example, ',')
                                          : std::vector<std::string>{std::string(spec.example)});
  } else {
    value = fmt::format("\"{}\"", spec.example);
  }
  const bool toml = ends_with_ci(s.file, ".toml");
  return fmt::format("{}{}{}", spec.key, toml ? " = " : ": ", value);
}

}  // namespace cutover
