#include "fetch_test_support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace dossier::fetch::test {

Options test_options() {
    // Loopback tests must not go through a proxy configured on the developer's machine.
    for (const char* name : {"http_proxy", "https_proxy", "all_proxy", "HTTPS_PROXY", "ALL_PROXY"}) ::unsetenv(name);
    Options o;
    o.per_host_delay = std::chrono::milliseconds(0);
    o.backoff_base = std::chrono::milliseconds(10);
    o.backoff_max = std::chrono::milliseconds(40);
    o.connect_timeout = std::chrono::seconds(10);
    o.total_timeout = std::chrono::seconds(30);
    o.obey_robots = false;
    return o;
}

const Outcome& RunLog::outcome(std::uint64_t id) const {
    const Outcome* found = nullptr;
    int count = 0;
    for (const auto& o : outcomes) {
        if (o.id == id) {
            found = &o;
            ++count;
        }
    }
    REQUIRE(count == 1);
    return *found;
}

RunLog run_all(Fetcher& fetcher, std::vector<Request> requests) {
    RunLog log;
    for (auto& r : requests) fetcher.add(std::move(r));
    const auto start = Clock::now();
    fetcher.run([&](const Exchange& e) { log.exchanges.push_back(e); },
                [&](Outcome&& o) { log.outcomes.push_back(std::move(o)); });
    log.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return log;
}

Request request(std::uint64_t id, std::string url) {
    Request r;
    r.id = id;
    r.url = std::move(url);
    return r;
}

}  // namespace dossier::fetch::test
