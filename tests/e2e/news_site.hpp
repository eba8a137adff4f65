#pragma once
// A loopback news site for the crash-safety and concurrency tests: one RSS feed listing the
// articles published so far, and article pages whose text says which article they are, so a
// test can tell a whole article from a torn or mixed-up one.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "loopback_server.hpp"

namespace dossier::test {

/// How article n's page is built beyond its ordinary text.
struct PageShape {
    /// Bytes of incompressible script in the page (not article text): a large, slow WARC record.
    std::size_t script_bytes = 0;
    /// How often the article's own sentence is repeated in its text: text that gzip shrinks to
    /// almost nothing in the WARC file but the database stores in full.
    int repeats = 0;
};

class NewsSite {
public:
    /// Serves robots.txt (everything allowed, no Crawl-delay), /feed.xml and /a/1 .. /a/max_articles;
    /// each article response waits `delay_ms` first. `shape` says how each page is built.
    NewsSite(int max_articles, int delay_ms, std::function<PageShape(int)> shape = {});

    /// Lists articles 1..n in the feed (newest, the highest number, first).
    void publish(int n) { m_published.store(n); }
    int published() const { return m_published.load(); }

    std::string url(int n) const { return m_server.url("/a/" + std::to_string(n)); }
    /// The article number in one of our article URLs, or 0.
    static int number_of(const std::string& url);
    /// A word only article n's text contains ("zq17marker").
    static std::string marker(int n);
    /// A word every article's text contains.
    static std::string common_word() { return "fixtureword"; }
    /// Article n's title.
    static std::string title(int n) { return "Incident report " + std::to_string(n); }

    /// Requests for article pages received so far.
    int article_requests() const;
    /// True once the page of article n has been requested.
    bool requested(int n) const { return m_server.hits("/a/" + std::to_string(n)) > 0; }

    /// Writes feeds/news.toml for this site into `dir`.
    void write_feeds(const std::filesystem::path& dir) const;

    LoopbackServer& server() { return m_server; }

private:
    LoopbackServer m_server;
    std::atomic<int> m_published{0};
};

/// `dossier crawl` of the news source into <dir>/archive: no politeness delay (loopback), no
/// cap on new articles.
std::vector<std::string> news_crawl_args(const std::filesystem::path& dir);

}  // namespace dossier::test
