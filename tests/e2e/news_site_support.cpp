#include "news_site.hpp"

#include <fstream>
#include <random>

namespace dossier::test {

namespace {

/// Article n's words: drawn from a large made-up vocabulary with n as the seed, so that no two
/// articles are near-duplicates of each other (a MinHash judge keeps them apart too).
std::string words(int n, int count, unsigned salt) {
    std::mt19937 rng(static_cast<unsigned>(n) * 7919u + salt);
    static const char* const k_syllables[] = {"ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "de", "po", "gu", "fe"};
    std::uniform_int_distribution<int> pick(0, 11), len(2, 4);
    std::string out;
    for (int w = 0; w < count; ++w) {
        if (w) out += ' ';
        for (int s = len(rng); s > 0; --s) out += k_syllables[pick(rng)];
    }
    return out;
}

std::string random_script(int n, std::size_t bytes) {
    std::mt19937 rng(static_cast<unsigned>(n) + 12345u);
    std::uniform_int_distribution<int> letter(0, 61);
    static const char k_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string s = "<script>var blob = \"";
    s.reserve(bytes + 64);
    for (std::size_t i = 0; i < bytes; ++i) s += k_chars[letter(rng)];
    return s + "\";</script>";
}

std::string page(int n, const PageShape& shape) {
    const std::string title = NewsSite::title(n);
    std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
                       " | Loopback News</title><meta property=\"article:published_time\" content=\"2025-11-" +
                       (n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1) + "T08:00:00+00:00\">";
    if (shape.script_bytes > 0) html += random_script(n, shape.script_bytes);
    html += "</head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>";
    html += "<p>" + NewsSite::common_word() + " " + NewsSite::marker(n) + " " + words(n, 60, 1) + ".</p>";
    html += "<p>" + words(n, 60, 2) + ".</p><p>" + words(n, 60, 3) + " " + NewsSite::marker(n) + ".</p>";
    if (shape.repeats > 0) {
        const std::string sentence = words(n, 40, 4) + ". ";
        std::string p = "<p>";
        for (int i = 0; i < shape.repeats; ++i) p += sentence;
        html += p + "</p>";
    }
    return html + "</article><footer>Loopback News</footer></body></html>";
}

}  // namespace

std::string NewsSite::marker(int n) { return "zq" + std::to_string(n) + "marker"; }

int NewsSite::number_of(const std::string& url) {
    const auto at = url.rfind("/a/");
    if (at == std::string::npos) return 0;
    return std::atoi(url.c_str() + at + 3);
}

NewsSite::NewsSite(int max_articles, int delay_ms, std::function<PageShape(int)> shape) {
    auto& s = m_server;
    s.serve("/robots.txt", make_response(200, "User-agent: *\nAllow: /\n", {{"Content-Type", "text/plain"}}));
    s.on("/feed.xml", [this](const SeenRequest&, Connection& c) {
        const std::string base = "http://" + m_server.authority();
        std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Loopback News</title><link>" +
                        base + "/</link>";
        for (int n = m_published.load(); n >= 1; --n)
            x += "<item><title>" + title(n) + "</title><link>" + base + "/a/" + std::to_string(n) + "</link></item>";
        c.write(make_response(200, x + "</channel></rss>\n", {{"Content-Type", "application/rss+xml"}}));
    });
    for (int n = 1; n <= max_articles; ++n) {
        const std::string body = page(n, shape ? shape(n) : PageShape{});
        s.on("/a/" + std::to_string(n), [body, delay_ms](const SeenRequest&, Connection& c) {
            if (delay_ms > 0 && !c.sleep_for(std::chrono::milliseconds(delay_ms))) return;
            c.write(make_response(200, body, {{"Content-Type", "text/html; charset=utf-8"}}));
        });
    }
}

int NewsSite::article_requests() const {
    int n = 0;
    for (const auto& r : m_server.requests()) n += r.path.starts_with("/a/");
    return n;
}

void NewsSite::write_feeds(const std::filesystem::path& dir) const {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "news.toml") << "id = \"news\"\nname = \"Loopback News\"\nhomepage = \"http://example.com/\"\n"
                                        "lang = \"en\"\n[[index]]\nkind = \"feed\"\nurl = \""
                                     << m_server.url("/feed.xml") << "\"\n";
}

std::vector<std::string> news_crawl_args(const std::filesystem::path& dir) {
    return {"--archive", (dir / "archive").string(), "crawl", "--feeds", (dir / "feeds").string(),
            "--delay", "0", "--timeout", "20", "--attempts", "1", "--max-new", "1000", "-q"};
}

}  // namespace dossier::test
