#pragma once
// A loopback site for the crawl fault matrix (issue 7, "Faults on the network"): one feed whose
// items point at one URL per network fault plus good articles, feeds that are faults themselves
// (100,000 items, endless, stalled without EOF, unresolvable host), and a healthy second source.
//
// Layout. The crawl handles every response on the one thread that also drives the transfers,
// so while it digests a 10 MiB body (WARC digests and compression: ~0.5 s in a Debug build,
// ~2.5 s under AddressSanitizer) transfers to other hosts stand still and can reach their own
// timeout. A host is fetched one request at a time, so whatever must come out the same on
// every run lives on the main host, in a queue with the heavy work but never beside it. Only
// faults whose result is a timeout anyway (slowloris, no answer, the stalled feed), the host
// that is given up (Retry-After over the limit), the far end of the cross-host redirect chain
// and the unresolvable name live elsewhere: on hosts of their own, side by side, so the crawl
// takes one timeout's time, not the sum of them.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "loopback_server.hpp"

namespace dossier::test {

/// The crawl settings the expected reasons assume: `--timeout 2 --attempts 2`.
inline constexpr int k_fault_timeout_s = 2;
inline constexpr int k_fault_attempts = 2;

/// One fault of the matrix: which URL shows it and what the crawl must say about it.
struct Fault {
    std::string name;    ///< short name for test output ("gzip bomb")
    std::string url;     ///< the URL the faults feed lists (the report row's url)
    std::string stage;   ///< the report row's stage ("fetch", "extract")
    std::string reason;  ///< a part of the report row's message
};

class FaultSite {
public:
    FaultSite();
    ~FaultSite();
    FaultSite(const FaultSite&) = delete;
    FaultSite& operator=(const FaultSite&) = delete;

    /// Writes feeds/ for the site: "faults" (the item faults and good articles), "healthy"
    /// (all good), "bigfeed" (100,000 items, max_new 2), "endless" (a feed that never ends),
    /// "stalled" (a feed whose connection never closes), "nxdomain" (a feed on a host under
    /// the reserved .invalid TLD).
    void write_feeds(const std::filesystem::path& dir) const;

    /// The faults listed by the "faults" feed, each expected as a failure row (binary_url aside).
    const std::vector<Fault>& item_faults() const { return m_faults; }
    /// Article URLs that must be stored, by source id.
    std::vector<std::string> good_urls(const std::string& source) const;
    /// A page with invalid UTF-8 bytes: stored, its text repaired.
    std::string bad_utf8_url() const;
    /// 64 KiB of random bytes served as text/html (also listed by the faults feed).
    std::string binary_url() const;
    /// The index (feed) URL write_feeds gives `source`.
    std::string index_url(const std::string& source) const;

    /// Bytes the servers managed to send for the 50 MB body and the endless feed: far less than
    /// the whole when the crawler stops reading at its cap.
    std::size_t huge_bytes_sent() const { return m_huge_sent.load(); }
    std::size_t endless_bytes_sent() const { return m_endless_sent.load(); }
    /// Requests that reached `path` on the server that serves it.
    int hits(const std::string& path) const;
    /// Requests of the cross-host redirect chain, its start and every hop on both hosts.
    int chain_hits() const;
    /// Arrival times of the requests for the 429 URL (Retry-After: 1).
    std::vector<Clock::time_point> limited_times() const;

private:
    void serve_main();
    void serve_connection_faults();
    void serve_feeds();

    // Each a host of its own (a port): main, the other end of the redirect chain, slowloris,
    // no answer, Retry-After over the limit, the stalled feed.
    std::unique_ptr<LoopbackServer> m_main, m_hop, m_slowloris, m_silent, m_gone, m_stalled;
    std::vector<Fault> m_faults;
    std::atomic<std::size_t> m_huge_sent{0}, m_endless_sent{0};
};

}  // namespace dossier::test
