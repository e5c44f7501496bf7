// Small string helpers for the options layer (ASCII case rules: option
// names, keys and type names are ASCII; values pass through untouched).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cutover::opts {

char to_lower(char c);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string replace_char(std::string_view text, char from, char to);
bool ends_with_ci(std::string_view text, std::string_view suffix);
// Splits at `sep`, trims each piece and drops empty pieces.
std::vector<std::string> split_trimmed(std::string_view text, char sep);
// `text` as one shell word: unchanged when safe, else single-quoted.
std::string shell_word(std::string_view text);
// ["a", "b"]: a TOML and YAML flow array of strings.
std::string quoted_array(const std::vector<std::string>& items);

}  // namespace cutover::opts
