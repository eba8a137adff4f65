#pragma once
// A loopback fixture site for crawl tests: feeds, a listing page, a sitemap, articles,
// robots.txt, and the faults a nightly crawl meets on the real web.
#include <atomic>
#include <filesystem>
#include <string>

#include "loopback_server.hpp"

namespace dossier::test {

/// An article page with enough text for extraction; `extra` goes at the end of the body.
std::string article_html(const std::string& title, const std::string& date_iso, const std::string& body,
                         const std::string& charset = "utf-8");

class CrawlSite {
public:
    /// Serves every path described in crawl_site.cpp. `article_delay_ms` slows each article
    /// response (for the kill-midway test).
    explicit CrawlSite(int article_count = 5, int article_delay_ms = 0);

    LoopbackServer& server() { return m_server; }
    std::string url(const std::string& path) const { return m_server.url(path); }

    /// Writes the feeds/ folder for this site into `dir`: sources "news" (RSS with an ETag),
    /// "faults" (RSS listing every fault),
    /// "listing", "sitemap", "htmlfeed" (RSS served as text/html), "latin1" (ISO-8859-1 RSS),
    /// "broken" (index answers 500) and a file with a syntax error.
    void write_feeds(const std::filesystem::path& dir) const;

    int article_count() const { return m_article_count; }

private:
    LoopbackServer m_server;
    int m_article_count;
    std::atomic<int> m_flaky_hits{0};
    std::atomic<int> m_limited_hits{0};
};

}  // namespace dossier::test
