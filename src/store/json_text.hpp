#pragma once
// The two JSON shapes the articles table stores as text: an array of strings (warnings) and
// an object of string values (methods). Private to store; the rest of dossier uses nlohmann.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::store::detail {

/// `["a","b"]` with RFC 8259 string escaping.
std::string to_json_array(const std::vector<std::string>& values);
/// `{"k":"v",...}` in key order.
std::string to_json_object(const std::map<std::string, std::string>& values);

/// Parses an array of strings; empty when the text is not one (RFC 8259 section 7 escapes).
std::optional<std::vector<std::string>> parse_json_array(std::string_view text);
/// Parses an object whose values are strings; empty when the text is not one.
std::optional<std::map<std::string, std::string>> parse_json_object(std::string_view text);

}  // namespace dossier::store::detail
