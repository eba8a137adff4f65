#pragma once
// Before appending to an existing WARC: find where its last complete record ends and move any
// torn tail (a record cut off by a killed crawl) out of the way, so appended records follow a
// record boundary.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "dossier/core/result.hpp"

namespace dossier::archive::detail {

struct ExistingWarc {
    std::uint64_t size = 0;  ///< size after any torn tail was cut off; 0 for a new file
    bool gzip = false;       ///< format of the existing records
    std::optional<std::filesystem::path> salvaged;  ///< where the torn tail went
};

/// Inspects `path` (absent or empty: a new file). Reads the whole file once, copies bytes after
/// the last complete record to "<path>.torn-<offset>" (fsynced), then truncates the file there.
/// Fails when the file cannot be read or written, or does not start like a WARC.
core::Result<ExistingWarc> prepare_for_append(const std::filesystem::path& path);

}  // namespace dossier::archive::detail
