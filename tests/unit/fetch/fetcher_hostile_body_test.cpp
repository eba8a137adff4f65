// Hostile responses at the fetch level (issue 7, "Faults on the network"): what the fetcher lets
// through is the raw bytes, bounded by the body cap; decoding them is the archive's job.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <random>

#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t k_mib = std::size_t{1} << 20;

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xffu);
    return s;
}

std::string body_of(const std::string& block) { return block.substr(block.find("\r\n\r\n") + 4); }

/// A loopback listener whose accept queue is full: a further connect gets no answer to its SYN
/// and hangs in the connecting phase (as behind a dead name server or a black-holing firewall).
class StuckListener {
public:
    StuckListener() {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), len) == 0);
        REQUIRE(::listen(m_listen, 0) == 0);  // room for one queued connection, never accepted
        REQUIRE(::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
        m_filler = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(::connect(m_filler, reinterpret_cast<sockaddr*>(&addr), len) == 0);
    }
    ~StuckListener() {
        ::close(m_filler);
        ::close(m_listen);
    }
    StuckListener(const StuckListener&) = delete;
    StuckListener& operator=(const StuckListener&) = delete;
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

private:
    int m_listen = -1, m_filler = -1;
    int m_port = 0;
};

}  // namespace

TEST_CASE("compressed bodies pass the fetcher as their raw bytes, a brotli body too", "[fetch]") {
    LoopbackServer server;
    // Stand-ins for bombs: the fetcher must neither inflate nor judge them.
    const std::string gz = random_bytes(k_mib, 1), br = random_bytes(k_mib, 2);
    server.serve("/gz", make_response(200, gz, {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}}));
    server.serve("/br", make_response(200, br, {{"Content-Type", "text/html"}, {"Content-Encoding", "br"}}));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/gz")), request(2, server.url("/br"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(body_of(log.outcome(1).response_block) == gz);
    CHECK(log.outcome(2).status == Status::ok);
    CHECK(body_of(log.outcome(2).response_block) == br);
    for (const auto& seen : server.requests()) CHECK(seen.header("Accept-Encoding") == "gzip, deflate");  // never br
}

TEST_CASE("a 50 MB body is cut at the 10 MiB cap, and the server is not read to its end", "[fetch]") {
    LoopbackServer server;
    std::atomic<std::size_t> sent{0};
    auto fifty_mb = [&sent](Connection& c) {
        const std::string block(64 * 1024, 'x');
        for (std::size_t n = 0; n < 50 * k_mib && c.write(block); n += block.size()) sent += block.size();
    };
    server.on("/streamed", [&](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")) fifty_mb(c);
    });
    server.on("/declared", [&](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\n\r\n")) fifty_mb(c);
    });
    Options options = test_options();
    REQUIRE(options.max_body_bytes == 10 * k_mib);  // the crawl's default
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/streamed")), request(2, server.url("/declared"))});
    for (std::uint64_t id : {1u, 2u}) {
        CHECK(log.outcome(id).status == Status::too_large);
        CHECK(log.outcome(id).message == "fetch: body over 10485760 bytes: " + log.outcome(id).url);
        CHECK(log.outcome(id).response_block.empty());
    }
    REQUIRE(log.exchanges.size() == 2);
    for (const Exchange& e : log.exchanges) {
        CHECK(e.truncated == "length");
        CHECK(e.response_block.size() <= 10 * k_mib + 200);
    }
    const Exchange& streamed = log.exchanges[0].url.ends_with("/streamed") ? log.exchanges[0] : log.exchanges[1];
    const Exchange& declared = log.exchanges[0].url.ends_with("/declared") ? log.exchanges[0] : log.exchanges[1];
    CHECK(body_of(streamed.response_block).size() == 10 * k_mib);  // kept up to the cap exactly
    CHECK(body_of(declared.response_block).empty());               // refused on its Content-Length
    CHECK(sent.load() < 40 * k_mib);  // both together: the cap plus what socket buffers held
}

TEST_CASE("a redirect chain that bounces between two hosts ends at max_redirects", "[fetch]") {
    LoopbackServer a, b;
    for (auto* hop : {&a, &b}) {
        LoopbackServer* other = hop == &a ? &b : &a;
        hop->on("/h", [other](const SeenRequest& r, Connection& c) {
            const int n = std::stoi(r.target.substr(r.target.find('=') + 1));
            c.write(make_response(302, "", {{"Location", other->url("/h?n=" + std::to_string(n + 1))}}));
        });
    }
    Options options = test_options();
    options.obey_robots = true;  // each hop's host is asked once
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, a.url("/h?n=0"))});
    const Outcome& o = log.outcome(1);
    CHECK(o.status == Status::redirect_limit);
    CHECK(o.final_url == b.url("/h?n=5"));
    CHECK(o.message == "fetch: more than 5 redirects: " + b.url("/h?n=5"));
    CHECK(a.hits("/h") + b.hits("/h") == 6);  // the request and 5 hops, each archived
    CHECK(a.hits("/robots.txt") == 1);
    CHECK(b.hits("/robots.txt") == 1);
    std::size_t hops = 0;
    for (const Exchange& e : log.exchanges) hops += e.is_robots ? 0 : 1;
    CHECK(hops == 6);
}

TEST_CASE("a feed whose connection never ends is a timeout, its partial response archived", "[fetch]") {
    LoopbackServer stalled, healthy;
    const std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    // The whole feed, but no Content-Length and no end of the connection: no EOF ever comes.
    stalled.on("/feed", [&feed](const SeenRequest&, Connection& c) {
        if (c.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n" + feed)) c.sleep_for(30s);
    });
    healthy.serve("/feed", make_response(200, feed));
    Options options = test_options();
    options.total_timeout = 1s;
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, stalled.url("/feed")), request(2, healthy.url("/feed"))});
    CHECK(log.outcome(1).status == Status::timeout);
    CHECK(log.outcome(1).message == "fetch: timeout after 1 s: " + stalled.url("/feed"));
    CHECK(log.outcome(2).status == Status::ok);
    const Exchange* cut = nullptr;
    for (const Exchange& e : log.exchanges)
        if (e.request_id == 1) cut = &e;
    REQUIRE(cut != nullptr);
    CHECK(cut->truncated == "time");
    CHECK(body_of(cut->response_block) == feed);
    CHECK(log.elapsed < 20s);  // bounded by the 1 s timeout, not by the server's 30 s
}

TEST_CASE("binary served as text/html and an empty 200 are ok here, byte for byte", "[fetch]") {
    LoopbackServer server;
    const std::string binary = random_bytes(64 * 1024, 3) + std::string(16, '\0');
    server.serve("/binary", make_response(200, binary, {{"Content-Type", "text/html"}}));
    server.serve("/empty", make_response(200, "", {{"Content-Type", "text/html"}}));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/binary")), request(2, server.url("/empty"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(body_of(log.outcome(1).response_block) == binary);  // NUL bytes and all
    CHECK(log.outcome(2).status == Status::ok);
    CHECK(log.outcome(2).http_status == 200);
    CHECK(body_of(log.outcome(2).response_block).empty());
}

TEST_CASE("a connection stuck while being set up names the total timeout when that ran out first", "[fetch]") {
    StuckListener stuck;
    Options options = test_options();
    options.connect_timeout = 10s;
    options.total_timeout = 1s;
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, stuck.url("/x"))});
    CHECK(log.outcome(1).status == Status::timeout);
    CHECK(log.outcome(1).message == "fetch: connect timeout after 1 s: " + stuck.url("/x"));
    CHECK(log.exchanges.empty());
    CHECK(log.elapsed < 8s);  // the 1 s limit, not the 10 s connect timeout
}
