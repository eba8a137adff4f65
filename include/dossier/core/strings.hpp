#pragma once
// Small ASCII string helpers shared by every module (no locale, no allocation where avoidable).
#include <string>
#include <string_view>
#include <vector>

namespace dossier::core {

/// ASCII lower-case copy.
std::string to_lower_ascii(std::string_view s);
/// True when a and b are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);
/// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);
/// True when `s` starts with `prefix`, ignoring ASCII case.
bool istarts_with(std::string_view s, std::string_view prefix);
/// Splits on `sep`; empty pieces are kept.
std::vector<std::string_view> split(std::string_view s, char sep);
/// Lower-case hex of the bytes.
std::string to_hex(std::string_view bytes);
/// `text` on one line, for error messages that quote outside data: \n, \r and \t written as
/// those escapes, other control characters (and DEL) as \xNN; everything else unchanged.
std::string escape_controls(std::string_view text);

}  // namespace dossier::core
