#pragma once
// End-to-end checks of an archive folder from the outside: its database through the sqlite3
// shell (read-only), its WARC files through the project's reader.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dossier/archive/warc_record.hpp"
#include "process.hpp"

namespace dossier::test {

/// Runs one query on <dir>/archive/dossier.db through the sqlite3 shell, read-only; its output
/// (REQUIREs that the shell succeeded).
std::string sql(const TempDir& dir, const std::string& query);

/// Stored article URLs, each as often as it is stored.
std::multiset<std::string> stored_urls(const TempDir& dir);

/// Where an article's raw capture is.
struct StoredCapture {
    std::string url, file;
    std::uint64_t offset = 0, length = 0;
};
std::vector<StoredCapture> stored_captures(const TempDir& dir);

/// What the project's reader makes of one WARC file.
struct WarcScan {
    std::uint64_t size = 0;
    std::uint64_t complete_end = 0;
    std::vector<archive::WarcRecord> records;  ///< blocks dropped
    std::vector<std::string> errors;
    bool torn() const { return complete_end < size; }
};
WarcScan scan_warc(const std::filesystem::path& path);

/// The archive's WARC files (not the salvaged ".torn-N" tails beside them), sorted.
std::vector<std::filesystem::path> warc_files(const TempDir& dir);

/// CHECKs that every WARC file reads back without an error and ends on a record boundary.
void check_warcs_clean(const TempDir& dir);

/// The WARC file a crawl is writing (<archive>/.warc-open, RunWarc's note), or "".
std::string open_warc_note(const TempDir& dir);

}  // namespace dossier::test
