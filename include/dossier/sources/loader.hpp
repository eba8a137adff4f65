#pragma once
// Loading and validating source definitions, feeds/<id>.toml (DESIGN.md, "Source definitions";
// the format is described key by key in docs/sources.md).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/core/source.hpp"

namespace dossier::sources {

/// Loads and validates one file. The returned Source has `path` set to `path`.
/// Fails when the file cannot be read, is not TOML, or breaks the schema. The message holds one
/// line per problem, each "<path>: <key>: <reason>" (e.g. "feeds/x.toml: index[1].url: not
/// http(s)"); a TOML syntax error is "<path>: line N: <parser message>". [[index]] tables are
/// counted from 1 in keys, as a reader counts them in the file.
core::Result<core::Source> load_file(const std::filesystem::path& path);

/// Validates a definition already in memory exactly as load_file validates the file `path`
/// holding `text`: the id must equal the stem of `path`, `path` names the problems and is
/// stored in Source::path, and text over the file size cap is refused alike. `path` is never
/// read. Fails with load_file's messages (except the ones about reading the file).
core::Result<core::Source> load_text(std::string_view text, const std::filesystem::path& path);

/// What load_dir found: the good sources, and every problem of the bad files.
struct LoadReport {
    std::vector<core::Source> sources;  ///< valid files, sorted by file name (= by id)
    std::vector<core::Error> errors;    ///< one entry per problem line, files in name order
};

/// Loads every regular "*.toml" file directly in `dir` (sorted by file name; names starting with
/// '.' are skipped). One bad file never hides the others: its problems go to `errors` and the
/// rest still load. Fails only when `dir` does not exist or cannot be listed
/// ("sources: cannot read folder feeds: <reason>").
core::Result<LoadReport> load_dir(const std::filesystem::path& dir);

/// The folder of source definitions: `flag` when not empty (--feeds DIR), else the environment
/// variable DOSSIER_FEEDS when set and not empty, else "feeds". Never fails.
std::filesystem::path feeds_dir(std::string_view flag = {});

/// The zone database used to check `timezone`: $TZDIR when set, else /usr/share/zoneinfo.
/// When that folder does not exist, a timezone is only checked for the shape of an IANA name.
std::filesystem::path zoneinfo_dir();

}  // namespace dossier::sources
