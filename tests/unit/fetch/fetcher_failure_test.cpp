// Failures: each ends in a bounded time with one Outcome, and the other requests still finish.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;
using namespace std::chrono_literals;

namespace {

/// A loopback port nobody listens on: bound, then closed again.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a 500 followed by a 200 succeeds on the second attempt", "[fetch]") {
    LoopbackServer server;
    std::atomic<int> calls{0};
    server.on("/flaky", [&](const SeenRequest&, Connection& c) {
        c.write(calls++ == 0 ? make_response(500, "oops") : make_response(200, "fine"));
    });
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/flaky"))});
    const Outcome& o = log.outcome(1);
    CHECK(o.status == Status::ok);
    CHECK(o.attempts == 2);
    REQUIRE(log.exchanges.size() == 2);  // the 500 is archived too
    CHECK(log.exchanges[0].status == 500);
    CHECK(log.exchanges[1].status == 200);
}

TEST_CASE("a 5xx storm ends as http_error after max_attempts", "[fetch]") {
    LoopbackServer server;
    server.serve("/down", make_response(502, "bad gateway"));
    server.serve("/up", make_response(200, "ok"));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/down")), request(2, server.url("/up"))});
    const Outcome& o = log.outcome(1);
    CHECK(o.status == Status::http_error);
    CHECK(o.http_status == 502);
    CHECK(o.attempts == 3);
    CHECK(o.message == "fetch: http 502 (3 attempts): " + server.url("/down"));
    CHECK(server.hits("/down") == 3);
    CHECK(log.outcome(2).status == Status::ok);
}

TEST_CASE("a 429 with Retry-After delays the retry by at least that long", "[fetch]") {
    LoopbackServer server;
    std::atomic<int> calls{0};
    server.on("/limited", [&](const SeenRequest&, Connection& c) {
        c.write(calls++ == 0 ? make_response(429, "slow down", {{"Retry-After", "1"}}) : make_response(200, "ok"));
    });
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/limited"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(log.outcome(1).attempts == 2);
    const auto seen = server.requests();
    REQUIRE(seen.size() == 2);
    CHECK(seen[1].at - seen[0].at >= 1000ms);  // the server's own clock; a lower bound only
}

TEST_CASE("a Retry-After beyond the limit gives up on the host for the run", "[fetch]") {
    LoopbackServer server;
    // An HTTP-date two hours ahead (the date form of Retry-After).
    const std::time_t later = std::time(nullptr) + 7200;
    char date[64];
    std::tm tm{};
    gmtime_r(&later, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    server.serve("/a", make_response(503, "maintenance", {{"Retry-After", date}}));
    server.serve("/b", make_response(200, "b"));
    Options options = test_options();
    options.max_retry_after = 60s;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/a")), request(2, server.url("/b"))});
    CHECK(log.outcome(1).status == Status::http_error);
    CHECK(log.outcome(1).attempts == 1);
    CHECK(contains(log.outcome(1).message, "http 503; host asked to wait"));
    const Outcome& b = log.outcome(2);
    CHECK(b.status == Status::other);
    CHECK(b.attempts == 0);
    CHECK(contains(b.message, "Retry-After"));
    CHECK(server.hits("/b") == 0);
}

TEST_CASE("a refused connection is a connect_error after the retries", "[fetch]") {
    const int port = closed_port();
    Fetcher fetcher(test_options());
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x";
    const RunLog log = run_all(fetcher, {request(1, url)});
    const Outcome& o = log.outcome(1);
    CHECK(o.status == Status::connect_error);
    CHECK(o.attempts == 3);
    CHECK(o.http_status == 0);
    CHECK(o.response_block.empty());
    CHECK(o.message == "fetch: could not connect (3 attempts): " + url);
    CHECK(log.exchanges.empty());
}

TEST_CASE("a name that does not resolve is a dns_error without retries", "[fetch]") {
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, "http://no-such-host.invalid/feed")});  // RFC 2606
    CHECK(log.outcome(1).status == Status::dns_error);
    CHECK(log.outcome(1).attempts == 1);
    CHECK(log.outcome(1).message == "fetch: could not resolve host: http://no-such-host.invalid/feed");
}

TEST_CASE("a response slower than the total timeout is a timeout", "[fetch]") {
    LoopbackServer server;
    server.on("/slow", [](const SeenRequest&, Connection& c) {
        if (c.sleep_for(5s)) c.write(make_response(200, "late"));
    });
    Options options = test_options();
    options.total_timeout = 1s;
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/slow"))});
    CHECK(log.outcome(1).status == Status::timeout);
    CHECK(log.outcome(1).message == "fetch: timeout after 1 s: " + server.url("/slow"));
    CHECK(log.elapsed < 4s);  // generous: bounded by the timeout, not by the server
}

TEST_CASE("a body trickling in below the low-speed limit is a timeout (slowloris)", "[fetch]") {
    LoopbackServer server;
    server.on("/trickle", [](const SeenRequest&, Connection& c) {
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
        while (c.write("x") && c.sleep_for(100ms)) {
        }
    });
    Options options = test_options();
    options.low_speed_limit = 100;
    options.low_speed_time = 1s;
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/trickle"))});
    CHECK(log.outcome(1).status == Status::timeout);
    CHECK(contains(log.outcome(1).message, "too slow"));
    REQUIRE(log.exchanges.size() == 1);  // the partial response is still archived, marked
    CHECK(log.exchanges[0].truncated == "time");
    CHECK(log.elapsed < 20s);
}

TEST_CASE("an endless body is cut at the cap as too_large", "[fetch]") {
    LoopbackServer server;
    server.on("/endless", [](const SeenRequest&, Connection& c) {
        if (!c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) return;
        const std::string chunk = "1000\r\n" + std::string(0x1000, 'z') + "\r\n";
        while (c.write(chunk)) {
        }
    });
    server.serve("/declared", make_response(200, std::string(100000, 'd')));
    Options options = test_options();
    options.max_body_bytes = 64 << 10;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/endless")), request(2, server.url("/declared"))});
    CHECK(log.outcome(1).status == Status::too_large);
    CHECK(log.outcome(1).attempts == 1);
    CHECK(log.outcome(1).message == "fetch: body over 65536 bytes: " + server.url("/endless"));
    CHECK(log.outcome(2).status == Status::too_large);  // refused on its Content-Length
    REQUIRE(log.exchanges.size() == 2);
    for (const Exchange& e : log.exchanges) {
        CHECK(e.truncated == "length");
        CHECK(e.response_block.size() <= (64u << 10) + 200);
    }
}

TEST_CASE("a connection reset mid-body is a connect_error and is retried", "[fetch]") {
    LoopbackServer server;
    server.on("/reset", [](const SeenRequest&, Connection& c) {
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b");
        c.sleep_for(50ms);
        c.reset();
    });
    Options options = test_options();
    options.max_attempts = 2;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/reset"))});
    CHECK(log.outcome(1).status == Status::connect_error);
    CHECK(log.outcome(1).attempts == 2);
    CHECK(server.hits("/reset") == 2);
    REQUIRE(log.exchanges.size() == 2);
    CHECK(log.exchanges[0].truncated == "disconnect");
}

TEST_CASE("a chunked body that stops before its last chunk is a connect_error", "[fetch]") {
    LoopbackServer server;
    server.serve("/cut", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    Options options = test_options();
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/cut"))});
    CHECK(log.outcome(1).status == Status::connect_error);
    CHECK(contains(log.outcome(1).message, "before the response was complete"));
}

TEST_CASE("a server that closes without answering is a connect_error", "[fetch]") {
    LoopbackServer server;
    server.on("/nothing", [](const SeenRequest&, Connection&) {});
    Options options = test_options();
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/nothing"))});
    CHECK(log.outcome(1).status == Status::connect_error);
    CHECK(log.exchanges.empty());
}

TEST_CASE("https to a server that does not speak TLS is a tls_error, with no plain-http fallback", "[fetch]") {
    LoopbackServer server;
    server.on_connect([](Connection& c) { c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); });
    Options options = test_options();
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const std::string url = "https://" + server.authority() + "/secure";
    const RunLog log = run_all(fetcher, {request(1, url)});
    CHECK(log.outcome(1).status == Status::tls_error);
    CHECK(log.outcome(1).message.rfind("fetch: tls: ", 0) == 0);
    CHECK(log.exchanges.empty());
}

TEST_CASE("response headers over the header cap abort the transfer", "[fetch]") {
    LoopbackServer server;
    server.on("/fat", [](const SeenRequest&, Connection& c) {
        if (!c.write("HTTP/1.1 200 OK\r\n")) return;
        const std::string line = "X-Padding: " + std::string(1000, 'p') + "\r\n";
        for (int i = 0; i < 400 && c.write(line); ++i) {
        }
        c.write("Content-Length: 0\r\n\r\n");
    });
    Options options = test_options();
    options.max_attempts = 1;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/fat"))});
    CHECK(log.outcome(1).status == Status::other);
    CHECK(contains(log.outcome(1).message, "response headers over 262144 bytes"));
}
