// robots.txt in the Fetcher: fetched once per origin per run, honoured before any request.
#include <catch2/catch.hpp>

#include "dossier/fetch/robots.hpp"
#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;
using namespace std::chrono_literals;

namespace {

Options robots_options() {
    Options o = test_options();
    o.obey_robots = true;
    return o;
}

}  // namespace

TEST_CASE("a path robots.txt disallows is never requested, and robots.txt is fetched once", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(200, "User-agent: *\nDisallow: /private/\n\n"
                                                   "User-agent: dossier\nDisallow: /secret\n"));
    server.serve("/news/1", make_response(200, "one"));
    server.serve("/news/2", make_response(200, "two"));
    server.serve("/secret/plan", make_response(200, "never"));
    server.serve("/private/x", make_response(200, "ours to read: our group replaces the star group"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/news/1")), request(2, server.url("/secret/plan")),
                                         request(3, server.url("/news/2")), request(4, server.url("/private/x"))});

    CHECK(log.outcome(1).status == Status::ok);
    CHECK(log.outcome(3).status == Status::ok);
    CHECK(log.outcome(4).status == Status::ok);
    const Outcome& secret = log.outcome(2);
    CHECK(secret.status == Status::robots_disallowed);
    CHECK(secret.attempts == 0);
    CHECK(secret.message == "fetch: disallowed by robots.txt: " + server.url("/secret/plan"));
    CHECK(server.hits("/secret/plan") == 0);
    CHECK(server.hits("/robots.txt") == 1);
    CHECK(server.requests().front().path == "/robots.txt");

    REQUIRE(log.exchanges.size() == 4);
    const Exchange& robots = log.exchanges.front();
    CHECK(robots.is_robots);
    CHECK(robots.request_id == 0);
    CHECK(robots.url == server.url("/robots.txt"));
    CHECK(server.requests().front().header("Accept-Encoding") == "identity");
}

TEST_CASE("a chunked robots.txt is de-chunked before parsing", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "e\r\nUser-agent: *\n\r\n" "d\r\nDisallow: /x\n\r\n0\r\n\r\n");
    server.serve("/y", make_response(200, "y"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/x/1")), request(2, server.url("/y"))});
    CHECK(log.outcome(1).status == Status::robots_disallowed);
    CHECK(log.outcome(2).status == Status::ok);
}

TEST_CASE("a robots.txt answered 404 allows everything", "[fetch]") {
    LoopbackServer server;
    server.serve("/a", make_response(200, "a"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/a"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(server.hits("/robots.txt") == 1);
}

TEST_CASE("a robots.txt answered 5xx disallows the whole host for the run", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(500, "broken"));
    server.serve("/a", make_response(200, "a"));
    Options options = robots_options();
    options.max_attempts = 2;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/a")), request(2, server.url("/b"))});
    for (std::uint64_t id : {1u, 2u}) {
        CHECK(log.outcome(id).status == Status::robots_disallowed);
        CHECK(log.outcome(id).message.find("robots.txt answered http 500") != std::string::npos);
    }
    CHECK(server.hits("/a") == 0);
    CHECK(server.hits("/robots.txt") == 2);  // retried like any 5xx, then given up
}

TEST_CASE("an unreachable robots.txt reports the transport failure for every request", "[fetch]") {
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, "http://gone.invalid/a"), request(2, "http://gone.invalid/b")});
    for (std::uint64_t id : {1u, 2u}) {
        CHECK(log.outcome(id).status == Status::dns_error);
        CHECK(log.outcome(id).message.find("fetching http://gone.invalid/robots.txt") != std::string::npos);
    }
}

TEST_CASE("robots.txt redirects are followed", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(301, "", {{"Location", "/real-robots.txt"}}));
    server.serve("/real-robots.txt", make_response(200, "User-agent: *\nDisallow: /no\n"));
    server.serve("/yes", make_response(200, "yes"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/no")), request(2, server.url("/yes"))});
    CHECK(log.outcome(1).status == Status::robots_disallowed);
    CHECK(log.outcome(2).status == Status::ok);
    REQUIRE(log.exchanges.size() == 3);
    CHECK(log.exchanges[0].is_robots);
    CHECK(log.exchanges[1].is_robots);
    CHECK(log.exchanges[1].url == server.url("/real-robots.txt"));
}

TEST_CASE("a robots.txt redirect loop counts as no robots.txt", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(302, "", {{"Location", "/robots.txt"}}));
    server.serve("/a", make_response(200, "a"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/a"))});
    CHECK(log.outcome(1).status == Status::ok);
}

TEST_CASE("Crawl-delay spaces the requests to that host", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(200, "User-agent: *\nCrawl-delay: 0.5\n"));
    server.serve("/p", make_response(200, "p"));
    Fetcher fetcher(robots_options());  // per_host_delay 0: only Crawl-delay slows us down
    const RunLog log = run_all(fetcher, {request(1, server.url("/p?1")), request(2, server.url("/p?2")),
                                         request(3, server.url("/p?3"))});
    CHECK(log.outcomes.size() == 3);
    CHECK(server.hits("/p") == 3);
    // robots.txt, then three pages, each start at least 0.5 s after the previous one.
    CHECK(log.elapsed >= 1500ms);
}

TEST_CASE("robots.txt is not consulted when obey_robots is off", "[fetch]") {
    LoopbackServer server;
    server.serve("/robots.txt", make_response(200, "User-agent: *\nDisallow: /\n"));
    server.serve("/a", make_response(200, "a"));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/a"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(server.hits("/robots.txt") == 0);
}

TEST_CASE("robots.txt is read up to 500 KiB and its cut response is archived as truncated", "[fetch]") {
    LoopbackServer server;
    std::string body = "User-agent: *\nDisallow: /early\n# " + std::string(k_robots_max_bytes, 'x') + "\nDisallow: /\n";
    server.serve("/robots.txt", make_response(200, body));
    server.serve("/page", make_response(200, "page"));
    Fetcher fetcher(robots_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/page")), request(2, server.url("/early/x"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(log.outcome(2).status == Status::robots_disallowed);
    REQUIRE(log.exchanges.size() == 2);
    CHECK(log.exchanges[0].is_robots);
    CHECK(log.exchanges[0].truncated == "length");
}
