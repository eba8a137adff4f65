#pragma once
// Spelling keys and strings the way TOML 1.0 wants them (sections "Keys" and "String").
#include <string>
#include <string_view>

namespace dossier::sources {

/// `key` as a bare key when it only has A-Za-z0-9_-, else as a quoted basic string.
std::string toml_key(std::string_view key);

/// `text` as a TOML basic string with its quotes: ", \ and control characters escaped,
/// invalid UTF-8 replaced by U+FFFD (a TOML file must be valid UTF-8).
std::string toml_string(std::string_view text);

}  // namespace dossier::sources
