// Scheduling: concurrency caps, per-host gaps, streaming add(), cancel().
#include <catch2/catch.hpp>

#include <memory>
#include <thread>

#include "fetch_test_support.hpp"

using namespace dossier::fetch;
using namespace dossier::fetch::test;
using namespace std::chrono_literals;

namespace {

/// Serves /slow/* after a pause, so overlapping requests overlap on the server.
void serve_slow(LoopbackServer& server, std::chrono::milliseconds pause) {
    for (int i = 0; i < 12; ++i) {
        server.on("/slow/" + std::to_string(i), [pause](const SeenRequest&, Connection& c) {
            if (c.sleep_for(pause)) c.write(make_response(200, "done"));
        });
    }
}

}  // namespace

TEST_CASE("one host gets one request at a time by default", "[fetch]") {
    LoopbackServer server;
    serve_slow(server, 100ms);
    Options options = test_options();
    options.max_concurrency = 8;
    Fetcher fetcher(options);
    std::vector<Request> requests;
    for (int i = 0; i < 5; ++i) requests.push_back(request(static_cast<std::uint64_t>(i + 1), server.url("/slow/" + std::to_string(i))));
    const RunLog log = run_all(fetcher, std::move(requests));
    CHECK(log.outcomes.size() == 5);
    CHECK(server.hits("/slow/4") == 1);
    CHECK(server.max_in_flight() == 1);
}

TEST_CASE("per_host_concurrency caps the requests in flight on one host", "[fetch]") {
    LoopbackServer server;
    serve_slow(server, 200ms);
    Options options = test_options();
    options.per_host_concurrency = 2;
    Fetcher fetcher(options);
    std::vector<Request> requests;
    for (int i = 0; i < 8; ++i) requests.push_back(request(static_cast<std::uint64_t>(i + 1), server.url("/slow/" + std::to_string(i))));
    const RunLog log = run_all(fetcher, std::move(requests));
    CHECK(log.outcomes.size() == 8);
    CHECK(server.max_in_flight() <= 2);
}

TEST_CASE("max_concurrency caps the requests in flight across hosts", "[fetch]") {
    // Each server is its own host: a host is the authority with its port.
    LoopbackServer a, b, c;
    std::mutex mutex;
    std::size_t now_running = 0, most = 0;
    for (LoopbackServer* s : {&a, &b, &c}) {
        for (int i = 0; i < 4; ++i) {
            s->on("/p" + std::to_string(i), [&](const SeenRequest&, Connection& conn) {
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    most = std::max(most, ++now_running);
                }
                conn.sleep_for(150ms);
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    --now_running;
                }
                conn.write(make_response(200, "ok"));
            });
        }
    }
    Options options = test_options();
    options.max_concurrency = 2;
    options.per_host_concurrency = 4;
    Fetcher fetcher(options);
    std::vector<Request> requests;
    std::uint64_t id = 0;
    for (LoopbackServer* s : {&a, &b, &c}) {
        for (int i = 0; i < 4; ++i) requests.push_back(request(++id, s->url("/p" + std::to_string(i))));
    }
    const RunLog log = run_all(fetcher, std::move(requests));
    CHECK(log.outcomes.size() == 12);
    for (const Outcome& o : log.outcomes) CHECK(o.status == Status::ok);
    CHECK(most <= 2);
    CHECK(a.hits("/p3") + b.hits("/p3") + c.hits("/p3") == 3);
}

TEST_CASE("per_host_delay spaces request starts on one host", "[fetch]") {
    LoopbackServer server;
    server.serve("/d", make_response(200, "d"));
    Options options = test_options();
    options.per_host_delay = 300ms;
    Fetcher fetcher(options);
    const RunLog log = run_all(fetcher, {request(1, server.url("/d?1")), request(2, server.url("/d?2")),
                                         request(3, server.url("/d?3"))});
    CHECK(log.outcomes.size() == 3);
    CHECK(log.elapsed >= 600ms);  // three starts, two gaps; a lower bound only
}

TEST_CASE("requests added from on_done are fetched in the same run", "[fetch]") {
    LoopbackServer server;
    server.serve("/feed", make_response(200, "/article/1 /article/2 /article/3"));
    for (int i = 1; i <= 3; ++i) server.serve("/article/" + std::to_string(i), make_response(200, "text"));
    Fetcher fetcher(test_options());
    fetcher.add(request(100, server.url("/feed")));
    std::vector<Outcome> done;
    fetcher.run([](const Exchange&) {},
                [&](Outcome&& o) {
                    if (o.id == 100) {
                        for (std::uint64_t i = 1; i <= 3; ++i) fetcher.add(request(i, server.url("/article/" + std::to_string(i))));
                    }
                    done.push_back(std::move(o));
                });
    REQUIRE(done.size() == 4);
    CHECK(done[0].id == 100);
    for (const Outcome& o : done) CHECK(o.status == Status::ok);
    CHECK(server.hits("/article/3") == 1);
}

TEST_CASE("a request added from another thread during run() is fetched in that run", "[fetch]") {
    LoopbackServer server;
    std::atomic<bool> added{false};
    // The first response waits until the other thread has added its request, so run() is
    // certainly still going when add() is called.
    server.on("/first", [&](const SeenRequest&, Connection& c) {
        while (!added.load() && c.sleep_for(5ms)) {
        }
        c.write(make_response(200, "first"));
    });
    server.serve("/second", make_response(200, "second"));
    Fetcher fetcher(test_options());
    fetcher.add(request(1, server.url("/first")));
    std::thread adder([&] {
        while (server.hits("/first") == 0) std::this_thread::sleep_for(5ms);
        fetcher.add(request(2, server.url("/second")));
        added.store(true);
    });
    std::vector<std::uint64_t> ids;
    fetcher.run([](const Exchange&) {}, [&](Outcome&& o) { ids.push_back(o.id); });
    adder.join();
    REQUIRE(ids.size() == 2);
    CHECK(server.hits("/second") == 1);
}

TEST_CASE("cancel() from a callback ends the run and reports the rest as cancelled", "[fetch]") {
    LoopbackServer server;
    serve_slow(server, 200ms);
    Fetcher fetcher(test_options());
    for (int i = 0; i < 6; ++i) fetcher.add(request(static_cast<std::uint64_t>(i + 1), server.url("/slow/" + std::to_string(i))));
    std::vector<Outcome> done;
    fetcher.run([](const Exchange&) {},
                [&](Outcome&& o) {
                    if (done.empty()) fetcher.cancel();
                    if (o.id == 1) fetcher.add(request(99, server.url("/slow/9")));  // after cancel: cancelled too
                    done.push_back(std::move(o));
                });
    REQUIRE(done.size() == 7);
    std::size_t cancelled = 0;
    for (const Outcome& o : done) {
        if (o.status == Status::cancelled) {
            ++cancelled;
            CHECK(o.message == "fetch: cancelled: " + o.url);
        }
    }
    CHECK(done[0].status == Status::ok);
    CHECK(cancelled == 6);
    CHECK(server.hits("/slow/9") == 0);
}
