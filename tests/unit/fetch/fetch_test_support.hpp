#pragma once
// Test support for fetch: options without politeness delays and a helper that runs a Fetcher
// to the end. The loopback server itself is shared (tests/support/loopback_server.hpp).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "dossier/fetch/fetcher.hpp"
#include "loopback_server.hpp"

namespace dossier::fetch::test {

using dossier::test::Clock;
using dossier::test::Connection;
using dossier::test::Handler;
using dossier::test::HeaderPairs;
using dossier::test::LoopbackServer;
using dossier::test::make_response;
using dossier::test::SeenRequest;

/// Options for tests: no politeness delays, millisecond backoff, robots.txt off (tests that
/// exercise it turn it on), and no proxy from the environment.
Options test_options();

/// Everything a run() reported.
struct RunLog {
    std::vector<Exchange> exchanges;
    std::vector<Outcome> outcomes;
    std::chrono::milliseconds elapsed{0};
    /// The outcome for request `id` (fails the test when there is not exactly one).
    const Outcome& outcome(std::uint64_t id) const;
};

/// Adds `requests` and runs the fetcher to the end.
RunLog run_all(Fetcher& fetcher, std::vector<Request> requests);

/// A Request with id and url.
Request request(std::uint64_t id, std::string url);

}  // namespace dossier::fetch::test
