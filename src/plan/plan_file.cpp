#include "plan/plan_file.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include "plan/options_text.hpp"

namespace cutover {
namespace {

constexpr std::string_view k_doc_hint = "docs/plan-file.md shows a complete example";

std::unexpected<Error> config_error(std::string message, std::string hint) {
  return fail(ErrorKind::config, std::move(message), std::move(hint));
}

// Checks that `key` is a plan-file key and that a list is only given where
// lists are allowed; returns the empty Setting to fill.
Result<Setting> start_setting(const std::string& key, bool is_list, const std::string& file) {
  Setting s{key, {}, SettingOrigin::plan_file, file};
  const OptionSpec* spec = find_option_spec(key);
  if (spec == nullptr) {
    return config_error(fmt::format("unknown key '{}' in plan file {}", key, file),
                        fmt::format("valid keys: {}", plan_file_keys()));
  }
  const bool takes_list = spec->kind == OptionKind::list || spec->kind == OptionKind::casts;
  if (is_list && !takes_list) {
    return config_error(fmt::format("{} takes one value, not a list", origin_name(s)),
                        std::string(k_doc_hint));
  }
  return s;
}

std::unexpected<Error> not_a_value(const Setting& s, std::string_view what) {
  return config_error(fmt::format("{} holds {}; plan files hold only values and lists of values",
                                  origin_name(s), what),
                      std::string(k_doc_hint));
}

Status add_toml_scalar(Setting& s, const toml::node& node) {
  if (auto v = node.value_exact<std::string>()) {
    s.values.push_back(*v);
  } else if (auto i = node.value_exact<int64_t>()) {
    s.values.push_back(std::to_string(*i));
  } else if (auto b = node.value_exact<bool>()) {
    s.values.push_back(*b ? "true" : "false");
  } else if (auto d = node.value_exact<double>()) {
    s.values.push_back(fmt::format("{}", *d));
  } else {
    return not_a_value(s, node.is_table()   ? "a table"
                          : node.is_array() ? "a nested list"
                                            : "a date or time");
  }
  return {};
}

Result<std::vector<Setting>> parse_toml(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return config_error(
        fmt::format("plan file {} does not parse: {} (line {}, column {})", name, e.description(),
                    e.source().begin.line, e.source().begin.column),
        fmt::format("fix the TOML syntax there; {}", k_doc_hint));
  }
  std::vector<Setting> out;
  for (auto&& [key, node] : root) {
    auto s = start_setting(std::string(key.str()), node.is_array(), name);
    if (!s) return fail(std::move(s.error()));
    if (const toml::array* arr = node.as_array()) {
      for (const toml::node& item : *arr) {
        if (auto st = add_toml_scalar(*s, item); !st) return fail(std::move(st.error()));
      }
    } else if (auto st = add_toml_scalar(*s, node); !st) {
      return fail(std::move(st.error()));
    }
    out.push_back(std::move(*s));
  }
  return out;
}

Status add_yaml_value(Setting& s, const YAML::Node& node) {
  if (node.IsScalar()) {
    s.values.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) return not_a_value(s, "a nested list or mapping");
      s.values.push_back(item.Scalar());
    }
  } else {
    return node.IsMap() ? not_a_value(s, "a mapping") : not_a_value(s, "no value");
  }
  return {};
}

Result<std::vector<Setting>> yaml_settings(const YAML::Node& root, const std::string& name) {
  std::vector<Setting> out;
  if (root.IsNull()) return out;
  if (!root.IsMap()) {
    return config_error(fmt::format("plan file {} is not a mapping of keys to values", name),
                        fmt::format("write one 'key: value' per line; {}", k_doc_hint));
  }
  std::set<std::string> seen;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      return config_error(fmt::format("key '{}' appears twice in plan file {}", key, name),
                          "keep one of them");
    }
    auto s = start_setting(key, entry.second.IsSequence(), name);
    if (!s) return fail(std::move(s.error()));
    if (auto st = add_yaml_value(*s, entry.second); !st) return fail(std::move(st.error()));
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::vector<Setting>> parse_yaml(std::string_view text, const std::string& name) {
  try {
    return yaml_settings(YAML::Load(std::string(text)), name);
  } catch (const YAML::Exception& e) {
    return config_error(fmt::format("plan file {} does not parse: {} (line {}, column {})", name,
                                    e.msg, e.mark.line + 1, e.mark.column + 1),
                        fmt::format("fix the YAML syntax there; {}", k_doc_hint));
  }
}

}  // namespace

Result<std::vector<Setting>> parse_plan_text(std::string_view text, const std::string& name) {
  if (opts::ends_with_ci(name, ".toml")) return parse_toml(text, name);
  if (opts::ends_with_ci(name, ".yml") || opts::ends_with_ci(name, ".yaml")) {
    return parse_yaml(text, name);
  }
  return config_error(fmt::format("plan file {} is neither TOML nor YAML", name),
                      "name it *.toml, *.yml or *.yaml to say which format it holds");
}

Result<std::vector<Setting>> read_plan_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return config_error(fmt::format("plan file {} does not exist", path),
                        "check the path given to --plan or CUTOVER_PLAN");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    return fail(ErrorKind::config, fmt::format("cannot read plan file {}", path),
                "check that the file is readable");
  }
  return parse_plan_text(text.str(), path);
}

}  // namespace cutover
