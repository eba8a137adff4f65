// Redirects are followed by the Fetcher itself, one archived exchange per hop, http(s) only.
#include <catch2/catch.hpp>

#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;

namespace {

std::string redirect_to(const std::string& location, int status = 302) {
    return make_response(status, "", {{"Location", location}});
}

}  // namespace

TEST_CASE("a redirect chain is followed and every hop is an exchange", "[fetch]") {
    LoopbackServer server;
    server.serve("/a", redirect_to(server.url("/b"), 301));
    server.serve("/b", redirect_to("c?from=b", 307));  // relative to /b
    server.serve("/c", make_response(200, "landed"));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/a#section"))});

    const Outcome& o = log.outcome(1);
    REQUIRE(o.status == Status::ok);
    CHECK(o.url == server.url("/a#section"));
    CHECK(o.final_url == server.url("/c?from=b"));
    CHECK(o.attempts == 1);
    REQUIRE(log.exchanges.size() == 3);
    CHECK(log.exchanges[0].url == server.url("/a"));  // the fragment is not requested
    CHECK(log.exchanges[0].status == 301);
    CHECK(log.exchanges[1].url == server.url("/b"));
    CHECK(log.exchanges[1].status == 307);
    CHECK(log.exchanges[2].url == server.url("/c?from=b"));
    for (const Exchange& e : log.exchanges) CHECK(e.request_id == 1);
    CHECK(server.requests().back().target == "/c?from=b");
}

TEST_CASE("a redirect loop is a bad_redirect", "[fetch]") {
    LoopbackServer server;
    server.serve("/x", redirect_to("/y"));
    server.serve("/y", redirect_to("/x"));
    server.serve("/self", redirect_to("/self"));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/x")), request(2, server.url("/self"))});
    CHECK(log.outcome(1).status == Status::bad_redirect);
    CHECK(log.outcome(1).message == "fetch: redirect loop back to " + server.url("/x") + ": " + server.url("/y"));
    CHECK(server.hits("/x") == 1);
    CHECK(server.hits("/y") == 1);
    CHECK(log.outcome(2).status == Status::bad_redirect);
    CHECK(server.hits("/self") == 1);
}

TEST_CASE("a chain longer than max_redirects is a redirect_limit", "[fetch]") {
    LoopbackServer server;
    for (int i = 0; i < 20; ++i) {
        server.serve("/r" + std::to_string(i), redirect_to("/r" + std::to_string(i + 1)));
    }
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/r0"))});
    const Outcome& o = log.outcome(1);
    CHECK(o.status == Status::redirect_limit);
    CHECK(o.final_url == server.url("/r5"));
    CHECK(o.message == "fetch: more than 5 redirects: " + server.url("/r5"));
    CHECK(log.exchanges.size() == 6);  // /r0 ... /r5, each archived
    CHECK(server.hits("/r6") == 0);
}

TEST_CASE("a redirect to a non-http scheme is a bad_redirect and is never followed", "[fetch]") {
    LoopbackServer server;
    server.serve("/evil", redirect_to("file:///etc/passwd"));
    server.serve("/ftp", redirect_to("ftp://127.0.0.1/x", 301));
    server.serve("/js", redirect_to("javascript:alert(1)"));
    Fetcher fetcher(test_options());
    const RunLog log = run_all(fetcher, {request(1, server.url("/evil")), request(2, server.url("/ftp")),
                                         request(3, server.url("/js"))});
    for (std::uint64_t id : {1u, 2u, 3u}) {
        CHECK(log.outcome(id).status == Status::bad_redirect);
        CHECK(log.outcome(id).response_block.empty());
    }
    CHECK(log.outcome(1).message == "fetch: redirect to a non-http(s) URL \"file:///etc/passwd\": " + server.url("/evil"));
    CHECK(log.outcome(1).http_status == 302);
    CHECK(log.exchanges.size() == 3);
}

TEST_CASE("a redirect to another host is followed under that host's robots.txt", "[fetch]") {
    LoopbackServer first, second;
    first.serve("/go", redirect_to(second.url("/landing")));
    first.serve("/go-private", redirect_to(second.url("/private/x")));
    second.serve("/robots.txt", make_response(200, "User-agent: *\nDisallow: /private\n"));
    second.serve("/landing", make_response(200, "welcome"));
    Options options = test_options();
    options.obey_robots = true;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, first.url("/go")), request(2, first.url("/go-private"))});
    CHECK(log.outcome(1).status == Status::ok);
    CHECK(log.outcome(1).final_url == second.url("/landing"));
    CHECK(log.outcome(2).status == Status::robots_disallowed);
    CHECK(log.outcome(2).final_url == second.url("/private/x"));
    CHECK(second.hits("/private/x") == 0);
    CHECK(second.hits("/robots.txt") == 1);
    CHECK(first.hits("/robots.txt") == 1);
}
