#include "crawl_site.hpp"
#include "compression_bombs.hpp"

#include <zlib.h>

#include <fstream>

namespace dossier::test {

namespace {

std::string rss(const std::string& base, const std::vector<std::pair<std::string, std::string>>& items,
                const std::string& encoding = "UTF-8") {
    std::string x = "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<rss version=\"2.0\"><channel><title>Fixture</title>"
                    "<link>" + base + "/</link>";
    int n = 0;
    for (const auto& [path, title] : items) {
        x += "<item><title>" + title + "</title><link>" + base + path + "</link><pubDate>" +
             std::to_string(1 + n % 28) + " Dec 2025 08:00:00 +0800</pubDate></item>";
        ++n;
    }
    return x + "</channel></rss>\n";
}

const std::string k_paragraph =
    "Researchers disclosed a remote code execution flaw in a widely deployed VPN appliance, and the vendor "
    "shipped fixes the same day. Administrators should update at once, because exploitation began within hours.";

}  // namespace

std::string article_html(const std::string& title, const std::string& date_iso, const std::string& body,
                         const std::string& charset) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"" + charset + "\"><title>" + title +
           " | Fixture News</title><meta property=\"article:published_time\" content=\"" + date_iso +
           "\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav><article><h1>" + title +
           "</h1><p>" + body + "</p><p>" + k_paragraph + "</p><p>" + k_paragraph + " " + title +
           ".</p></article><footer>Copyright Fixture News</footer></body></html>";
}

CrawlSite::CrawlSite(int article_count, int article_delay_ms) : m_article_count(article_count) {
    auto& s = m_server;
    const std::string base = "http://" + s.authority();
    s.serve("/robots.txt", make_response(200, "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.05\n",
                                         {{"Content-Type", "text/plain"}}));

    // The RSS feed of source "news", with an ETag (304 next time), and source "faults".
    std::vector<std::pair<std::string, std::string>> items, faults;
    for (int i = 1; i <= article_count; ++i) items.emplace_back("/a/" + std::to_string(i), "Story " + std::to_string(i));
    for (const char* p : {"/private/secret", "/slow", "/flaky", "/limited", "/loop", "/tofile", "/gzip", "/huge",
                          "/lying-charset"})
        faults.emplace_back(p, std::string("Fault ") + p);
    const std::string feed = rss(base, items);
    s.serve("/faults.xml", make_response(200, rss(base, faults), {{"Content-Type", "application/rss+xml"}}));
    s.on("/feed.xml", [feed](const SeenRequest& r, Connection& c) {
        if (r.header("If-None-Match") == "\"v1\"")
            c.write(make_response(304, "", {{"ETag", "\"v1\""}}));
        else
            c.write(make_response(200, feed, {{"Content-Type", "application/rss+xml"}, {"ETag", "\"v1\""}}));
    });
    for (int i = 1; i <= article_count; ++i) {
        const std::string page = article_html("Story " + std::to_string(i) + " about CVE-2025-" + std::to_string(10000 + i),
                                              "2025-12-0" + std::to_string(1 + i % 9) + "T08:00:00+08:00",
                                              "Story number " + std::to_string(i) + " tells of incident " + std::to_string(i * 7919) + ".");
        s.on("/a/" + std::to_string(i), [page, article_delay_ms](const SeenRequest&, Connection& c) {
            if (article_delay_ms > 0) c.sleep_for(std::chrono::milliseconds(article_delay_ms));
            c.write(make_response(200, page, {{"Content-Type", "text/html; charset=utf-8"}}));
        });
    }
    s.serve("/private/secret", make_response(200, article_html("Secret", "2025-12-01", "Must never be fetched.")));
    s.on("/slow", [](const SeenRequest&, Connection& c) {
        c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>");
        c.sleep_for(std::chrono::seconds(30));
    });
    s.on("/flaky", [this](const SeenRequest&, Connection& c) {
        if (m_flaky_hits++ == 0) return (void)c.write(make_response(500, "try again"));
        c.write(make_response(200, article_html("Flaky but fine", "2025-12-02T09:00:00Z", "Served after one 500 error."),
                              {{"Content-Type", "text/html"}}));
    });
    s.on("/limited", [this](const SeenRequest&, Connection& c) {
        if (m_limited_hits++ == 0) return (void)c.write(make_response(429, "slow down", {{"Retry-After", "1"}}));
        c.write(make_response(200, article_html("Rate limited once", "2025-12-02T10:00:00Z", "Served after a 429."),
                              {{"Content-Type", "text/html"}}));
    });
    s.serve("/loop", make_response(302, "", {{"Location", "/loop2"}}));
    s.serve("/loop2", make_response(302, "", {{"Location", "/loop"}}));
    s.serve("/tofile", make_response(302, "", {{"Location", "file:///etc/passwd"}}));
    const std::string gz = deflate_all(
        article_html("Compressed page", "2025-12-03T08:00:00Z", "This body travelled gzip-encoded."), 31, Z_FINISH);
    s.serve("/gzip", make_response(200, gz, {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}}));
    s.on("/huge", [](const SeenRequest&, Connection& c) {
        c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>");
        const std::string block(64 * 1024, 'x');
        for (int i = 0; i < 400 && c.write(block); ++i) {}  // 25 MiB, over the 10 MiB cap
    });
    // Declares gb2312, but the bytes are UTF-8: the decoder must trust the bytes.
    s.serve("/lying-charset", make_response(200, article_html("漏洞通告：某VPN设备远程代码执行漏洞", "2025-12-04 10:00:00",
                                                              "研究人员披露了一个远程代码执行漏洞，厂商已发布补丁。", "gb2312"),
                                            {{"Content-Type", "text/html; charset=gb2312"}}));

    // Source "listing": an HTML list of links.
    std::string listing = "<html><body><ul class=\"posts\">";
    for (int i = 1; i <= 3; ++i) {
        listing += "<li class=\"post\"><a href=\"/b/" + std::to_string(i) + "\">Listed " + std::to_string(i) +
                   "</a><span class=\"date\">2025-12-1" + std::to_string(i) + "</span></li>";
        s.serve("/b/" + std::to_string(i),
                make_response(200, article_html("Listed story " + std::to_string(i), "2025-12-1" + std::to_string(i),
                                                "A listed story with its own facts, number " + std::to_string(i * 31) + "."),
                              {{"Content-Type", "text/html"}}));
    }
    s.serve("/news/", make_response(200, listing + "</ul></body></html>", {{"Content-Type", "text/html"}}));

    // Source "sitemap".
    std::string sitemap = "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
    for (int i = 1; i <= 2; ++i) {
        sitemap += "<url><loc>" + base + "/c/" + std::to_string(i) + "</loc><lastmod>2025-12-20</lastmod></url>";
        s.serve("/c/" + std::to_string(i),
                make_response(200, article_html("Sitemap story " + std::to_string(i), "2025-12-20",
                                                "Found through the sitemap, item " + std::to_string(i * 101) + "."),
                              {{"Content-Type", "text/html"}}));
    }
    s.serve("/sitemap.xml", make_response(200, sitemap + "</urlset>", {{"Content-Type", "application/xml"}}));

    // Source "htmlfeed": an RSS feed served as text/html (as krebsonsecurity does).
    s.serve("/krebs/feed", make_response(200, rss(base, {{"/e/1", "Served as HTML"}}), {{"Content-Type", "text/html"}}));
    s.serve("/e/1", make_response(200, article_html("Feed served as HTML", "2025-12-05", "The feed said text/html."),
                                  {{"Content-Type", "text/html"}}));

    // Source "latin1": an ISO-8859-1 feed whose title has umlauts.
    std::string latin1 = rss(base, {{"/d/1", "Sicherheitslücke in Größe"}}, "ISO-8859-1");
    std::string latin1_bytes;
    for (std::size_t i = 0; i < latin1.size(); ++i) {
        const auto c = static_cast<unsigned char>(latin1[i]);
        if (c == 0xC3 && i + 1 < latin1.size()) {  // the two-byte UTF-8 forms of ü and ö
            latin1_bytes.push_back(static_cast<char>(0x40 + static_cast<unsigned char>(latin1[++i])));
        } else {
            latin1_bytes.push_back(static_cast<char>(c));
        }
    }
    s.serve("/latin1.xml", make_response(200, latin1_bytes, {{"Content-Type", "application/xml"}}));
    s.serve("/d/1", make_response(200, article_html("Deutsche Meldung", "2025-12-06", "Eine Sicherheitslücke wurde geschlossen."),
                                  {{"Content-Type", "text/html; charset=utf-8"}}));

    // Source "broken": its index always fails.
    s.serve("/broken/feed", make_response(500, "internal error"));
}

void CrawlSite::write_feeds(const std::filesystem::path& dir) const {
    std::filesystem::create_directories(dir);
    auto write = [&dir](const std::string& id, const std::string& body) {
        std::ofstream(dir / (id + ".toml")) << "id = \"" << id << "\"\nname = \"" << id
                                            << "\"\nhomepage = \"http://example.com/\"\nlang = \"en\"\n" << body;
    };
    write("news", "[[index]]\nkind = \"feed\"\nurl = \"" + url("/feed.xml") + "\"\n");
    write("faults", "[[index]]\nkind = \"feed\"\nurl = \"" + url("/faults.xml") + "\"\n");
    write("listing", "[[index]]\nkind = \"listing\"\nurl = \"" + url("/news/") +
                         "\"\nitem = \"li.post\"\ntitle = \"a\"\ndate = \".date\"\n");
    write("sitemap", "[[index]]\nkind = \"sitemap\"\nurl = \"" + url("/sitemap.xml") + "\"\n");
    write("htmlfeed", "[[index]]\nkind = \"feed\"\nurl = \"" + url("/krebs/feed") + "\"\n");
    write("latin1", "[[index]]\nkind = \"feed\"\nurl = \"" + url("/latin1.xml") + "\"\n");
    write("broken", "[[index]]\nkind = \"feed\"\nurl = \"" + url("/broken/feed") + "\"\n");
    std::ofstream(dir / "typo.toml") << "id = \"typo\"\nname = [unclosed\n";
}

}  // namespace dossier::test
