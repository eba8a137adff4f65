#pragma once
// `dossier import`: WARC files and local HTML files into the archive, through the pipeline.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/crawl/archive_dir.hpp"
#include "dossier/crawl/pipeline.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::crawl {

struct ImportOptions {
    std::optional<std::string> url;   ///< URL of a single .html file (else its file:// URL)
    std::string source_id;            ///< empty: derived from each URL's host
    std::int64_t now = 0;             ///< run start, unix seconds; 0 = the current time
    store::ArticleStore::JudgingOptions judging{8, true};  ///< as CrawlOptions::judging
};

/// The counts and report rows of one import run (also stored as a run in the database).
struct ImportReport {
    std::int64_t run_id = 0;
    Tally tally;
    std::string warc_written;         ///< archive WARC the run wrote (relative to warc/), if any
};

/// Imports every path: `.warc` / `.warc.gz` files (each HTML response or resource record) and
/// HTML files (anything else; written first as a `resource` record into a new WARC under the
/// archive's warc/ folder so the archive stays the source of truth). Records from a WARC are
/// copied into the archive's WARC too, unless their URL is already stored. A bad record or file
/// is a row in the report and the import goes on. Error only when the archive cannot be written
/// (nothing stored is lost: the open batch is rolled back).
core::Result<ImportReport> import_paths(const ArchiveDir& dir, store::ArticleStore& store,
                                        const std::vector<std::filesystem::path>& paths, const ImportOptions& options);

}  // namespace dossier::crawl
