#pragma once
// Writing source definitions: a core::Source as a reviewable feeds/<id>.toml file.
#include <filesystem>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"
#include "dossier/core/source.hpp"

namespace dossier::sources {

/// Renders `s` as TOML that load_file reads back to the same value (all fields but `path`;
/// fetch headers come back sorted by name). Keys are in a fixed order (the order of
/// docs/sources.md), unset optional fields appear as commented-out examples, and
/// `header_comment` (one or more lines, may be empty) is written first as "# ..." lines.
/// Strings are escaped per TOML 1.0 section "String"; invalid UTF-8 becomes U+FFFD.
std::string to_toml(const core::Source& s, std::string_view header_comment = {});

/// Writes to_toml(s, header_comment) to `dir`/<s.id>.toml and returns that path. Never
/// overwrites: fails with "sources: <path>: already exists" when the file is there, and with
/// "sources: <path>: cannot write: <reason>" on an I/O error.
core::Result<std::filesystem::path> write_file(const std::filesystem::path& dir, const core::Source& s,
                                               std::string_view header_comment = {});

}  // namespace dossier::sources
