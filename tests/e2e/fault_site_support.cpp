#include "fault_site.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include "compression_bombs.hpp"
#include "crawl_site.hpp"

namespace dossier::test {

namespace {

using namespace std::chrono_literals;

constexpr std::size_t k_mib = std::size_t{1} << 20;

std::string rss_item(const std::string& url, const std::string& title, const std::string& date) {
    return "<item><title>" + title + "</title><link>" + url + "</link>" +
           (date.empty() ? "" : "<pubDate>" + date + "</pubDate>") + "</item>";
}

std::string rss(const std::string& items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Faults</title>"
           "<link>http://127.0.0.1/</link>" + items + "</channel></rss>\n";
}

const HeaderPairs k_html{{"Content-Type", "text/html; charset=utf-8"}};
const HeaderPairs k_xml{{"Content-Type", "application/rss+xml"}};

std::string page(const std::string& title, int n) {
    return article_html(title, "2025-12-1" + std::to_string(n % 10) + "T08:00:00Z",
                        title + " is story " + std::to_string(n) + ", with facts " + std::to_string(n * 7919) +
                            " and " + std::to_string(n * 104729) + " of its own.");
}

}  // namespace

FaultSite::FaultSite() {
    for (auto* s : {&m_main, &m_hop, &m_slowloris, &m_silent, &m_gone, &m_stalled}) *s = std::make_unique<LoopbackServer>();
    serve_main();
    serve_connection_faults();
    serve_feeds();
    const std::string attempts = " (" + std::to_string(k_fault_attempts) + " attempts)";
    const std::string timeout = "timeout after " + std::to_string(k_fault_timeout_s) + " s" + attempts;
    const std::string cap = "body over 10485760 bytes";
    const std::string broke = "connection broke before the response was complete" + attempts;
    m_faults = {
        {"slowloris, 1 byte/s", m_slowloris->url("/slowloris"), "fetch", timeout},
        {"no answer", m_silent->url("/silent"), "fetch", timeout},
        {"connection reset mid-body", m_main->url("/reset"), "fetch", broke},
        {"truncated chunked encoding", m_main->url("/cut-chunked"), "fetch", broke},
        {"5xx storm", m_main->url("/storm"), "fetch", "http 503" + attempts},
        {"429 with Retry-After", m_main->url("/limited"), "fetch", "http 429" + attempts},
        {"Retry-After over the limit", m_gone->url("/wait-long"), "fetch", "host asked to wait 7200 s"},
        {"redirect loop", m_main->url("/loop"), "fetch", "redirect loop back to " + m_main->url("/loop")},
        {"redirect to file:", m_main->url("/tofile"), "fetch", "redirect to a non-http(s) URL \"file:///etc/passwd\""},
        {"cross-host redirect chain", m_main->url("/chain"), "fetch", "more than 5 redirects"},
        {"gzip bomb", m_main->url("/gzip-bomb"), "fetch", "archive: decoded body over 10485760 bytes"},
        {"deflate bomb", m_main->url("/deflate-bomb"), "fetch", "archive: decoded body over 10485760 bytes"},
        {"brotli body", m_main->url("/brotli"), "fetch", "archive: unsupported content-encoding: br"},
        {"50 MB body", m_main->url("/huge"), "fetch", cap},
        {"50 MB declared", m_main->url("/huge-declared"), "fetch", cap},
        {"empty 200", m_main->url("/empty"), "extract", "extract: "},
        {"DNS failure", "http://news.dossier-fault.invalid/story", "fetch", ""},
    };
}

FaultSite::~FaultSite() = default;

void FaultSite::serve_main() {
    LoopbackServer& s = *m_main;
    for (int i = 1; i <= 4; ++i)
        s.serve("/good/" + std::to_string(i), make_response(200, page("Good story " + std::to_string(i), i), k_html));
    // A UTF-8 page (Chinese text) with a few invalid sequences (RFC 3629): a lone continuation
    // byte, a sequence cut short (the first two bytes of 漏), an overlong '/', a byte that never
    // occurs. The page must be kept, its good text intact and the bad bytes replaced.
    const std::string bad = article_html("漏洞通告：某路由器固件存在远程代码执行漏洞", "2025-12-18T08:00:00+08:00",
                                         "研究人员披露\x80了一个远程代码执行\xE6\xBC漏洞，\xC0\xAF厂商已发布补丁\xFF。");
    s.serve("/bad-utf8", make_response(200, bad, k_html));
    s.serve("/loop", make_response(302, "", {{"Location", "/loop2"}}));
    s.serve("/loop2", make_response(302, "", {{"Location", "/loop"}}));
    s.serve("/tofile", make_response(302, "", {{"Location", "file:///etc/passwd"}}));
    // A chain that alternates between two hosts and would never end.
    s.serve("/chain", make_response(302, "", {{"Location", m_hop->url("/h?n=1")}}));
    for (auto* hop : {m_main.get(), m_hop.get()}) {
        LoopbackServer* other = hop == m_main.get() ? m_hop.get() : m_main.get();
        hop->on("/h", [other](const SeenRequest& r, Connection& c) {
            const int n = std::stoi(r.target.substr(r.target.find('=') + 1));
            c.write(make_response(301, "", {{"Location", other->url("/h?n=" + std::to_string(n + 1))}}));
        });
    }
    // 1 MiB on the wire, 1 GiB decoded.
    s.serve("/gzip-bomb", make_response(200, gzip_zero_bomb(1024), {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}}));
    s.serve("/deflate-bomb",
            make_response(200, zlib_zero_bomb(1024), {{"Content-Type", "text/html"}, {"Content-Encoding", "deflate"}}));
    // No brotli encoder is at hand: bytes that stand for a brotli bomb, under its header. We
    // never offer br, so whatever the bytes are, they cannot be read.
    std::string fake_br(4096, '\0');
    std::mt19937 rng(7);
    for (auto& ch : fake_br) ch = static_cast<char>(rng() & 0xff);
    s.serve("/brotli", make_response(200, fake_br, {{"Content-Type", "text/html"}, {"Content-Encoding", "br"}}));
    auto fifty_mb = [](Connection& c, std::atomic<std::size_t>* sent) {
        const std::string block(64 * 1024, 'x');
        for (std::size_t n = 0; n < 50 * k_mib && c.write(block); n += block.size())
            if (sent) *sent += block.size();
    };
    s.on("/huge", [this, fifty_mb](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>"))
            fifty_mb(c, &m_huge_sent);
    });
    s.on("/huge-declared", [fifty_mb](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\n\r\n")) fifty_mb(c, nullptr);
    });
    std::string binary(64 * 1024, '\0');
    for (auto& ch : binary) ch = static_cast<char>(rng() & 0xff);
    s.serve("/binary", make_response(200, binary, {{"Content-Type", "text/html"}}));
    s.serve("/empty", make_response(200, "", {{"Content-Type", "text/html; charset=utf-8"}}));
}

void FaultSite::serve_connection_faults() {
    m_main->on("/reset", [](const SeenRequest&, Connection& c) {
        c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body><p>only the start");
        c.sleep_for(50ms);
        c.reset();
    });
    m_main->serve("/cut-chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "c\r\n<html><body>\r\n");
    m_slowloris->on("/slowloris", [](const SeenRequest&, Connection& c) {
        if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")) return;
        while (c.write("x") && c.sleep_for(1s)) {
        }
    });
    m_silent->on("/silent", [](const SeenRequest&, Connection& c) { c.sleep_for(60s); });
    m_main->serve("/storm", make_response(503, "overloaded"));
    m_main->serve("/limited", make_response(429, "slow down", {{"Retry-After", "1"}}));
    m_gone->serve("/wait-long", make_response(503, "maintenance", {{"Retry-After", "7200"}}));
}

void FaultSite::serve_feeds() {
    LoopbackServer& s = *m_main;
    std::string items;
    for (int i = 1; i <= 4; ++i)
        items += rss_item(s.url("/good/" + std::to_string(i)), "Good " + std::to_string(i),
                          std::to_string(10 + i) + " Dec 2025 08:00:00 +0000");
    items += rss_item(s.url("/bad-utf8"), "Mangled", "18 Dec 2025 08:00:00 +0000");
    for (const auto& [path, server] :
         std::vector<std::pair<std::string, LoopbackServer*>>{
             {"/slowloris", m_slowloris.get()}, {"/silent", m_silent.get()}, {"/reset", &s},
             {"/cut-chunked", &s}, {"/storm", &s}, {"/limited", &s},
             {"/wait-long", m_gone.get()}, {"/loop", &s}, {"/tofile", &s}, {"/chain", &s}, {"/gzip-bomb", &s},
             {"/deflate-bomb", &s}, {"/brotli", &s}, {"/huge", &s}, {"/huge-declared", &s}, {"/binary", &s},
             {"/empty", &s}})
        items += rss_item(server->url(path), "Fault " + path, "1 Dec 2025 08:00:00 +0000");
    items += rss_item("http://news.dossier-fault.invalid/story", "Fault dns", "1 Dec 2025 08:00:00 +0000");
    s.serve("/faults.xml", make_response(200, rss(items), k_xml));

    // 100,000 items: two dated good ones first, then undated ones that max_new never reaches.
    std::string big = rss_item(s.url("/bigok/1"), "Big 1", "20 Dec 2025 08:00:00 +0000") +
                      rss_item(s.url("/bigok/2"), "Big 2", "21 Dec 2025 08:00:00 +0000");
    big.reserve(100000 * 60);
    for (int i = 3; i <= 100000; ++i) big += "<item><link>" + s.url("/big/" + std::to_string(i)) + "</link></item>";
    s.serve("/big.xml", make_response(200, rss(big), k_xml));
    for (int i = 1; i <= 2; ++i)
        s.serve("/bigok/" + std::to_string(i), make_response(200, page("Big feed story " + std::to_string(i), 20 + i), k_html));

    // A feed that never ends: items for as long as anyone reads.
    s.on("/endless.xml", [this](const SeenRequest&, Connection& c) {
        if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n"
                     "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Endless</title>"))
            return;
        std::string block;
        for (int i = 0; block.size() < 64 * 1024; ++i)
            block += "<item><title>Again</title><link>http://127.0.0.1/again/" + std::to_string(i) + "</link></item>";
        while (c.write(block)) m_endless_sent += block.size();
    });
    // A whole feed, then the connection stays open: no Content-Length, no EOF.
    const std::string stalled = rss(rss_item(m_stalled->url("/never"), "Never", "1 Dec 2025 08:00:00 +0000"));
    m_stalled->on("/stalled.xml", [stalled](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n" + stalled)) c.sleep_for(60s);
    });

    LoopbackServer& h = *m_main;  // another source, same host (see fault_site.hpp)
    std::string healthy;
    for (int i = 1; i <= 3; ++i) {
        const std::string path = "/ok/" + std::to_string(i);
        healthy += rss_item(h.url(path), "Healthy " + std::to_string(i), std::to_string(i) + " Dec 2025 09:00:00 +0000");
        h.serve(path, make_response(200, page("Healthy source story " + std::to_string(i), 30 + i), k_html));
    }
    h.serve("/healthy.xml", make_response(200, rss(healthy), k_xml));
}

void FaultSite::write_feeds(const std::filesystem::path& dir) const {
    std::filesystem::create_directories(dir);
    for (const char* id : {"faults", "healthy", "bigfeed", "endless", "stalled", "nxdomain"}) {
        std::ofstream f(dir / (std::string(id) + ".toml"));
        f << "id = \"" << id << "\"\nname = \"" << id << "\"\nhomepage = \"http://example.com/\"\nlang = \"en\"\n"
          << "[[index]]\nkind = \"feed\"\nurl = \"" << index_url(id) << "\"\n";
        if (std::string(id) == "bigfeed") f << "[fetch]\nmax_new = 2\n";
    }
}

std::string FaultSite::index_url(const std::string& source) const {
    if (source == "faults") return m_main->url("/faults.xml");
    if (source == "healthy") return m_main->url("/healthy.xml");
    if (source == "bigfeed") return m_main->url("/big.xml");
    if (source == "endless") return m_main->url("/endless.xml");
    if (source == "stalled") return m_stalled->url("/stalled.xml");
    if (source == "nxdomain") return "http://feeds.dossier-fault.invalid/rss.xml";  // RFC 6761 section 6.4
    throw std::invalid_argument("no source " + source);
}

std::vector<std::string> FaultSite::good_urls(const std::string& source) const {
    std::vector<std::string> urls;
    if (source == "faults")
        for (int i = 1; i <= 4; ++i) urls.push_back(m_main->url("/good/" + std::to_string(i)));
    if (source == "bigfeed")
        for (int i = 1; i <= 2; ++i) urls.push_back(m_main->url("/bigok/" + std::to_string(i)));
    if (source == "healthy")
        for (int i = 1; i <= 3; ++i) urls.push_back(m_main->url("/ok/" + std::to_string(i)));
    return urls;
}

std::string FaultSite::bad_utf8_url() const { return m_main->url("/bad-utf8"); }

std::string FaultSite::binary_url() const { return m_main->url("/binary"); }

int FaultSite::hits(const std::string& path) const {
    int n = 0;
    for (auto* s : {&m_main, &m_slowloris, &m_silent, &m_gone, &m_stalled}) n += (*s)->hits(path);
    return n;
}

int FaultSite::chain_hits() const { return m_main->hits("/chain") + m_main->hits("/h") + m_hop->hits("/h"); }

std::vector<Clock::time_point> FaultSite::limited_times() const {
    std::vector<Clock::time_point> at;
    for (const auto& r : m_main->requests())
        if (r.path == "/limited") at.push_back(r.at);
    return at;
}

}  // namespace dossier::test
