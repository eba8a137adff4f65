#pragma once
// The one pipeline every source of bytes goes through (DESIGN.md, "Data flow"):
// archived capture -> charset -> extract -> dedup -> store. The network crawl, replay,
// reextract and import differ only in where the Capture comes from.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/capture.hpp"
#include "dossier/core/entry.hpp"
#include "dossier/core/result.hpp"
#include "dossier/extract/extract.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::crawl {

/// What became of one capture: a new row (a new story or a copy of a stored one), a
/// re-capture of a stored URL with the same body (duplicate) or a changed one (revised), not an
/// article (skipped), or a failure.
enum class Outcome { stored, duplicate, revised, skipped, failed };

/// One report row: where (URL, or file and offset), which stage, and why.
struct Failure {
    std::string where;
    std::string source;   ///< source id; empty for imports
    std::string stage;    ///< "archive", "extract", "store", "input"
    std::string message;
};

/// Counts of one run and its failures, in the order they happened.
struct Tally {
    std::int64_t stored = 0;     ///< new rows, copies included
    std::int64_t copies = 0;     ///< of `stored`: rows that joined an existing story group
    std::int64_t duplicate = 0;  ///< a stored URL again with the same body: nothing new stored
    std::int64_t revised = 0;    ///< a stored URL again with a changed body: a new revision
    std::vector<Failure> failures;
    std::vector<Failure> skips;  ///< not articles: non-HTML responses, error statuses (shown, not failures)

    void fail(std::string where, std::string stage, std::string message, std::string source = {});
    /// Records a capture that is not an article (non-HTML, an error status): shown, not a failure.
    void skip(std::string where, std::string message, std::string source = {});
    std::int64_t failed() const { return static_cast<std::int64_t>(failures.size()); }
    std::int64_t skipped() const { return static_cast<std::int64_t>(skips.size()); }
};

struct PipelineOptions {
    std::string source_id;        ///< empty: derived from each URL's host ("anquanke.com")
    extract::Hints hints;         ///< the source's [article] selectors
    std::size_t batch_size = 200; ///< articles per transaction: batching is what makes ingest fast
    /// Called before each commit; makes the WARC records the batch points at durable first
    /// (a committed row must never name a capture that a power cut could lose).
    std::function<core::Result<void>()> before_commit;
    /// Called for each article stored (the crawler derives content-quality flags from them).
    std::function<void(const core::Article&)> on_stored;
};

/// Per-capture context of a crawl: which source it belongs to, that source's extraction hints,
/// and the index entry that led to it (its date, title and author fill what the page lacks).
struct CaptureContext {
    std::string source_id;
    extract::Hints hints;
    const core::Entry* entry = nullptr;
};

/// True when the first 1,024 bytes of the body hold a byte no text format uses (a control
/// byte other than tab, newline, form feed, carriage return and escape; WHATWG MIME Sniffing's
/// "binary data byte"), unless it starts with a UTF-16 byte order mark.
bool looks_binary(const core::Capture& capture);

/// True when the capture is an HTML document: not binary (looks_binary), and HTML by media
/// type, or by sniffing the first bytes when the type is absent or generic (text/plain,
/// application/octet-stream).
bool is_html(const core::Capture& capture);

/// The source id for a page without a configured source: its host without "www.", "local" for files.
std::string source_id_for(std::string_view url);

class Pipeline {
public:
    Pipeline(store::ArticleStore& store, PipelineOptions options);

    /// True when an article with this URL (or its canonical key) is already stored: the caller
    /// need not archive or fetch it again.
    core::Result<bool> is_known(std::string_view url);

    /// True when the index entry should be fetched: its URL is not stored, or its `updated`
    /// date is later than the stored capture and at least 10 minutes after its `published`
    /// date (the page changed: a revision).
    core::Result<bool> needs_fetch(const core::Entry& entry);

    /// True when `capture` is of a stored URL whose extracted body differs from the stored
    /// one (an import of a newer capture): worth archiving and process()ing as a revision.
    core::Result<bool> is_revision(const core::Capture& capture, const CaptureContext* context = nullptr);

    /// Extracts, deduplicates and stores one capture whose bytes are already in the archive
    /// (capture.ref set). `context` overrides the options' source and hints. Failures become
    /// rows in `tally`, never an abort.
    Outcome process(const core::Capture& capture, Tally& tally, const CaptureContext* context = nullptr);

    /// Commits the open batch. Error when the database refuses the commit (the batch is lost,
    /// the archive is unchanged).
    core::Result<void> finish();

private:
    /// The stored article with this URL or its key; empty when none.
    core::Result<std::optional<std::int64_t>> stored_id(std::string_view url);
    core::Result<void> ensure_batch();
    /// A capture of stored article `id`'s URL: a duplicate, or a revision when the body changed.
    Outcome revise(std::int64_t id, const core::Article& article, Tally& tally, const std::string& source);
    /// Counts an article into the batch and commits the batch when it is full.
    void end_of_article(const std::string& where, Tally& tally, const std::string& source);

    store::ArticleStore& m_store;
    PipelineOptions m_options;
    std::size_t m_in_batch = 0;
    bool m_open = false;
};

}  // namespace dossier::crawl
