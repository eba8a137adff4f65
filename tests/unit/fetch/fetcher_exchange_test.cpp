// What the Fetcher sends and hands back: wire-format blocks, raw bodies, conditional GET.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "dossier/core/date_time.hpp"
#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;

namespace {

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/fetch/" + name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("a gzip body is handed over as received, still compressed, with its headers", "[fetch]") {
    const std::string gz = read_fixture("gzip_encoded_body.gz");
    LoopbackServer server;
    server.serve("/feed", make_response(200, gz, {{"Content-Type", "application/rss+xml"}, {"Content-Encoding", "gzip"}}));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/feed"))});

    const Outcome& o = log.outcome(1);
    REQUIRE(o.status == Status::ok);
    CHECK(o.http_status == 200);
    CHECK(ends_with(o.response_block, "\r\n\r\n" + gz));
    CHECK(o.response_block.find("Content-Encoding: gzip\r\n") != std::string::npos);
    CHECK(server.requests().at(0).header("Accept-Encoding") == "gzip, deflate");
    REQUIRE(log.exchanges.size() == 1);
    CHECK(log.exchanges[0].response_block == o.response_block);
    CHECK(log.exchanges[0].truncated.empty());
}

TEST_CASE("a chunked body keeps its chunk framing in the response block", "[fetch]") {
    LoopbackServer server;
    server.serve("/chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                             "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/chunked"))});
    const Outcome& o = log.outcome(1);
    REQUIRE(o.status == Status::ok);
    CHECK(ends_with(o.response_block, "\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
}

TEST_CASE("request and response blocks are in HTTP/1.1 wire format", "[fetch]") {
    LoopbackServer server;
    server.serve("/page", make_response(200, "hi", {{"Content-Type", "text/html"}}));
    Fetcher fetcher(test_options());
    const auto before = dossier::core::now_seconds();
    const RunLog log = run_all(fetcher, {request(7, server.url("/page?x=1"))});

    REQUIRE(log.exchanges.size() == 1);
    const Exchange& e = log.exchanges[0];
    CHECK(e.request_id == 7);
    CHECK(e.url == server.url("/page?x=1"));
    CHECK(e.status == 200);
    CHECK_FALSE(e.is_robots);
    CHECK(e.ip == "127.0.0.1");
    CHECK(e.started_at >= before);
    CHECK(e.started_at <= dossier::core::now_seconds());
    CHECK(e.request_block.rfind("GET /page?x=1 HTTP/1.1\r\n", 0) == 0);
    CHECK(e.request_block.find("\r\nHost: " + server.authority() + "\r\n") != std::string::npos);
    CHECK(ends_with(e.request_block, "\r\n\r\n"));
    CHECK(e.response_block.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(ends_with(e.response_block, "Content-Type: text/html\r\n\r\nhi"));
    CHECK(log.outcome(7).final_url == server.url("/page?x=1"));
    CHECK(log.outcome(7).attempts == 1);
    CHECK(log.outcome(7).message.empty());
}

TEST_CASE("the User-Agent is dossier's own unless a request overrides it", "[fetch]") {
    LoopbackServer server;
    server.serve("/a", make_response(200, "a"));
    Fetcher fetcher(test_options());
    Request custom = request(2, server.url("/a"));
    custom.user_agent = "custom-agent/1";
    custom.cookies = "session=abc; lang=zh";
    custom.headers = {{"Accept", "text/html"}, {"Accept-Encoding", "gzip"}, {"X-Extra", "1"}};
    const RunLog log = run_all(fetcher, {request(1, server.url("/a")), std::move(custom)});
    REQUIRE(log.outcomes.size() == 2);

    const auto seen = server.requests();
    REQUIRE(seen.size() == 2);
    const SeenRequest& plain = seen[0].header("User-Agent") == default_user_agent() ? seen[0] : seen[1];
    const SeenRequest& other = &plain == &seen[0] ? seen[1] : seen[0];
    CHECK(plain.header("User-Agent") == default_user_agent());
    CHECK(default_user_agent().rfind("dossier/", 0) == 0);
    CHECK(default_user_agent().find(" (+http") != std::string::npos);
    CHECK(plain.header("Cookie").empty());
    CHECK(other.header("User-Agent") == "custom-agent/1");
    CHECK(other.header("Cookie") == "session=abc; lang=zh");
    CHECK(other.header("Accept") == "text/html");
    CHECK(other.header_count("Accept-Encoding") == 1);
    CHECK(other.header("Accept-Encoding") == "gzip");
    CHECK(other.header("X-Extra") == "1");
}

TEST_CASE("a conditional GET answered 304 is not_modified and keeps the validators", "[fetch]") {
    LoopbackServer server;
    server.on("/feed", [](const SeenRequest& r, Connection& c) {
        if (r.header("If-None-Match") == "\"v1\"") {
            c.write("HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
        } else {
            c.write(make_response(200, "<rss/>", {{"ETag", "\"v1\""}, {"Last-Modified", "Sun, 10 Mar 2024 17:15:00 GMT"}}));
        }
    });
    Fetcher first(test_options());
    const RunLog one = run_all(first, {request(1, server.url("/feed"))});
    const Outcome& fresh = one.outcome(1);
    REQUIRE(fresh.status == Status::ok);
    CHECK(fresh.etag == "\"v1\"");
    CHECK(fresh.last_modified == "Sun, 10 Mar 2024 17:15:00 GMT");

    Fetcher second(test_options());
    Request again = request(2, server.url("/feed"));
    again.etag = fresh.etag;
    again.last_modified = fresh.last_modified;
    const RunLog two = run_all(second, {again});
    const Outcome& o = two.outcome(2);
    CHECK(o.status == Status::not_modified);
    CHECK(o.http_status == 304);
    CHECK(o.message.empty());
    CHECK(o.etag == "\"v1\"");
    CHECK(o.last_modified == "Sun, 10 Mar 2024 17:15:00 GMT");
    CHECK(server.requests().back().header("If-Modified-Since") == "Sun, 10 Mar 2024 17:15:00 GMT");
    REQUIRE(two.exchanges.size() == 1);
    CHECK(two.exchanges[0].status == 304);
}

TEST_CASE("an empty 200 is ok and a 404 is an http_error with its response", "[fetch]") {
    LoopbackServer server;
    server.serve("/empty", make_response(200, ""));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/empty")), request(2, server.url("/missing"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(ends_with(log.outcome(1).response_block, "\r\n\r\n"));
    const Outcome& missing = log.outcome(2);
    CHECK(missing.status == Status::http_error);
    CHECK(missing.http_status == 404);
    CHECK(missing.attempts == 1);  // a 4xx is not retried
    CHECK(ends_with(missing.response_block, "not found"));
    CHECK(missing.message == "fetch: http 404: " + server.url("/missing"));
    CHECK(log.exchanges.size() == 2);
}

TEST_CASE("a URL that is not http(s) is reported without any transfer", "[fetch]") {
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, "file:///etc/passwd"), request(2, "not a url")});
    CHECK(log.outcome(1).status == Status::other);
    CHECK(log.outcome(1).attempts == 0);
    CHECK(log.outcome(1).message == "fetch: not an http(s) URL: file:///etc/passwd");
    CHECK(log.outcome(2).status == Status::other);
    CHECK(log.exchanges.empty());
}

TEST_CASE("status names are lower-case words", "[fetch]") {
    CHECK(to_string(Status::ok) == "ok");
    CHECK(to_string(Status::robots_disallowed) == "robots_disallowed");
    CHECK(to_string(Status::redirect_limit) == "redirect_limit");
    CHECK(library_version().rfind("libcurl ", 0) == 0);
}

TEST_CASE("the proxy comes from the options, the request, or the environment", "[fetch]") {
    // A proxy receives the absolute URL in the request line: the loopback server plays one,
    // so the .invalid host is never resolved.
    LoopbackServer proxy, other_proxy;
    proxy.on("http://origin.invalid/a", [](const SeenRequest&, Connection& c) { c.write(make_response(200, "via proxy")); });
    other_proxy.on("http://origin.invalid/b", [](const SeenRequest&, Connection& c) { c.write(make_response(200, "b")); });
    Options options = test_options();
    options.proxy = "http://" + proxy.authority();
    Fetcher fetcher(options);
    Request b = request(2, "http://origin.invalid/b");
    b.proxy = "http://" + other_proxy.authority();
    const RunLog log = run_all(fetcher, {request(1, "http://origin.invalid/a"), std::move(b)});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(log.outcome(2).status == Status::ok);
    CHECK(proxy.hits("http://origin.invalid/a") == 1);
    CHECK(other_proxy.hits("http://origin.invalid/b") == 1);

    Options from_env = test_options();  // clears the proxy variables first
    ::setenv("http_proxy", ("http://" + proxy.authority()).c_str(), 1);
    Fetcher env_fetcher(from_env);
    const RunLog env_log = run_all(env_fetcher, {request(3, "http://origin.invalid/a")});
    ::unsetenv("http_proxy");
    CHECK(env_log.outcome(3).status == Status::ok);
    CHECK(proxy.hits("http://origin.invalid/a") == 2);
}
