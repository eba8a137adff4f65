#pragma once
// Where a crawl's responses come from: the network (fetch::Fetcher), or archived captures
// (`crawl --replay`), behind one interface so the rest of the crawl is the same code.
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "dossier/core/capture.hpp"
#include "dossier/core/result.hpp"
#include "dossier/fetch/fetcher.hpp"

namespace dossier::crawl {

class Transport {
public:
    virtual ~Transport() = default;
    /// Queues a request; may be called from inside the callbacks of run().
    virtual void add(fetch::Request request) = 0;
    /// Runs until every queued request is done: on_exchange for each HTTP exchange that must be
    /// archived, on_done exactly once per request.
    virtual void run(const std::function<void(const fetch::Exchange&)>& on_exchange,
                     const std::function<void(fetch::Outcome&&)>& on_done) = 0;
    /// Finishes promptly; outstanding requests end as cancelled. Async-signal-safe.
    virtual void cancel() noexcept = 0;
    /// Where the final response of request `id` is already archived (replay), or an empty
    /// reference when the crawler archives the exchanges it is given (network).
    virtual core::CaptureRef archived_ref(std::uint64_t id) const = 0;
    /// When the archived final response of request `id` was captured (its WARC-Date, unix
    /// seconds); 0 when the crawler archives the exchanges itself.
    virtual std::int64_t archived_at(std::uint64_t id) const = 0;
};

/// The network, through a polite fetch::Fetcher.
std::unique_ptr<Transport> network_transport(const fetch::Options& options);

/// Archived captures: each request is answered from the `response` records of `warcs` by
/// exact URL, then by canonical URL key; redirects recorded there are followed (at most 5);
/// a URL not in them is a 404. Captures stay where they are (no second copy): `archive_warc_dir`
/// turns references to files inside the archive into names relative to it. Error when a file
/// cannot be opened; damaged records are skipped (they were reported when first read).
core::Result<std::unique_ptr<Transport>> replay_transport(const std::vector<std::filesystem::path>& warcs,
                                                          const std::filesystem::path& archive_warc_dir);

}  // namespace dossier::crawl
