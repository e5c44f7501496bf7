#include "plan/options_text.hpp"

#include <fmt/format.h>

namespace cutover::opts {
namespace {

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool shell_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_.,=/:@+-").find(c) != std::string_view::npos;
}

}  // namespace

char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = upper(c);
  return out;
}

std::string replace_char(std::string_view text, char from, char to) {
  std::string out(text);
  for (char& c : out) c = c == from ? to : c;
  return out;
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         to_lower(text.substr(text.size() - suffix.size())) == to_lower(suffix);
}

std::vector<std::string> split_trimmed(std::string_view text, char sep) {
  std::vector<std::string> out;
  while (true) {
    const auto at = text.find(sep);
    std::string piece = trim(text.substr(0, at));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

std::string shell_word(std::string_view text) {
  bool safe = !text.empty();
  for (char c : text) safe = safe && shell_safe(c);
  if (safe) return std::string(text);
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string quoted_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items)
    out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", item);
  return out + "]";
}

}  // namespace cutover::opts
