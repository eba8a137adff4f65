#include "read_ahead.hpp"

#include <optional>

#include "sqlite_statement.hpp"

namespace dossier::store::detail {

ReadAhead::ReadAhead(const std::filesystem::path& path, int threads) {
    m_threads.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) m_threads.emplace_back([this, path] { work(path); });
}

ReadAhead::~ReadAhead() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread& t : m_threads) t.join();
}

void ReadAhead::warm_bands(const std::vector<std::int64_t>& keys) {
    if (keys.empty() || m_threads.empty()) return;
    std::unique_lock lock(m_mutex);
    m_keys = &keys;
    m_next = 0;
    m_finished = 0;
    ++m_job;
    // Wake as many workers as there are keys: the others would only take the lock and sleep.
    if (keys.size() >= m_threads.size()) m_wake.notify_all();
    else
        for (std::size_t i = 0; i < keys.size(); ++i) m_wake.notify_one();
    m_done.wait(lock, [&] { return m_finished == keys.size(); });
    m_keys = nullptr;
}

void ReadAhead::work(std::filesystem::path path) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    DbHandle db(raw);
    std::optional<Statement> probe;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(raw, 100);
        // Its own page cache would only duplicate the OS cache it warms: 512 KiB keeps the
        // upper levels of the indexes it walks, and 8 workers' memory small.
        sqlite3_exec(raw, "PRAGMA cache_size = -512", nullptr, nullptr, nullptr);
        // The pages judging reads for one key: the band row, the fingerprint and the article row
        // up to origin_url (the record's last column, so its overflow pages too), then what
        // crawl::place_story reads of a match's story: its group row and the group's first
        // member and original (story_facts).
        auto st = Statement::prepare(raw,
                                     "SELECT f.version, length(f.signature), a.published_at, length(a.origin_url), "
                                     "g.original_id, length(m.origin_url), length(o.origin_url) "
                                     "FROM article_bands AS b "
                                     "JOIN article_fingerprints AS f ON f.article_id = b.article_id "
                                     "JOIN articles AS a ON a.id = b.article_id "
                                     "LEFT JOIN story_groups AS g ON g.id = a.group_id "
                                     "LEFT JOIN articles AS m ON m.id = a.group_id "
                                     "LEFT JOIN articles AS o ON o.id = g.original_id WHERE b.band = ?1 LIMIT 64",
                                     "read ahead");
        if (st) probe = std::move(*st);
    }
    std::unique_lock lock(m_mutex);
    std::uint64_t seen = 0;
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || (m_keys != nullptr && m_job != seen && m_next < m_keys->size()); });
        if (m_stop) return;
        while (m_keys != nullptr && m_next < m_keys->size()) {
            const std::int64_t key = (*m_keys)[m_next++];
            lock.unlock();
            if (probe) {
                probe->bind(1, key);
                while (true) {
                    auto row = probe->step("read ahead");
                    if (!row || !*row) break;
                }
                probe->reset();
            }
            lock.lock();
            if (++m_finished == m_keys->size()) m_done.notify_one();
        }
        seen = m_job;
    }
}

}  // namespace dossier::store::detail
