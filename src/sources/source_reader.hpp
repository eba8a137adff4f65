#pragma once
// TOML text -> core::Source with every schema problem found (the only place that sees toml++).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/source.hpp"

namespace dossier::sources {

/// One thing wrong with a file: `key` is a TOML path ("index[1].url", "fetch.min_interval") or
/// "line N" for a syntax error; `reason` is lower-case ("not http(s)").
struct Problem {
    std::string key;
    std::string reason;
};

/// The source read from a file; valid only when `problems` is empty.
struct ReadOutcome {
    core::Source source;
    std::vector<Problem> problems;
};

/// Parses `text` (TOML 1.0) and checks it against the schema in docs/sources.md. `file_stem` is
/// the id the file must declare; `zoneinfo` is where timezone names are looked up. Never throws.
ReadOutcome read_source(std::string_view text, std::string_view file_stem, const std::filesystem::path& zoneinfo);

}  // namespace dossier::sources
