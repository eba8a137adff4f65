#pragma once
// Parallel read-ahead for the dedup band probes (private to store; docs/dedup.md "Speed").
//
// Judging an incoming article probes the band table at 32 unrelated keys, and each candidate's
// fingerprint and article row. With a cold page cache (a nightly crawl starts cold) those are
// ~35 random reads in a row, ~3 ms at 1M articles. ReadAhead runs the same probes first on a few
// read-only connections of its own, in parallel threads: the storage serves the reads together,
// and the connection that judges then finds every page in the operating system's cache. The
// probes only warm the cache; their rows are discarded, so what the judging connection sees
// (including its own uncommitted writes) decides, as without read-ahead.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace dossier::store::detail {

class ReadAhead {
public:
    /// Starts `threads` workers, each with a read-only connection to the archive at `path`.
    ReadAhead(const std::filesystem::path& path, int threads);
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;
    ~ReadAhead();

    /// Probes each band key (its band rows, their fingerprints and articles) on the workers and
    /// returns when all are done. Best effort: a worker whose connection failed skips its keys.
    void warm_bands(const std::vector<std::int64_t>& keys);

private:
    void work(std::filesystem::path path);

    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    const std::vector<std::int64_t>* m_keys = nullptr;  // the current job; null when idle
    std::size_t m_next = 0;                             // next key to take
    std::size_t m_finished = 0;                         // keys probed of the current job
    std::uint64_t m_job = 0;                            // job generation
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

}  // namespace dossier::store::detail
