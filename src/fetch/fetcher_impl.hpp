#pragma once
// The Fetcher's state: jobs, per-host queues, the robots.txt cache, transfers in flight.
// Everything but the incoming queue and the cancel flag is touched only by run()'s thread.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "dossier/fetch/fetcher.hpp"
#include "dossier/fetch/robots.hpp"
#include "transfer.hpp"

namespace dossier::fetch {

namespace detail {

using Clock = std::chrono::steady_clock;

/// RFC 9309 section 2.3.1.2: follow at least five consecutive redirects for robots.txt.
inline constexpr int k_robots_max_redirects = 5;

/// One request on its way through robots.txt checks, queues, retries and redirect hops.
struct Job {
    Request request;
    std::string url;     ///< the current hop
    std::string origin;  ///< "https://host:443": the robots.txt key of url
    std::string host;    ///< "host:443": the politeness key of url
    std::string path;    ///< path and query of url, for robots.txt matching
    int hops = 0;        ///< redirects followed so far
    int attempt = 0;     ///< tries of the current hop started so far
    std::vector<std::string> visited;  ///< earlier hops, for loop detection
    std::string robots_for;            ///< non-empty: this is the robots.txt fetch of that origin
};
using JobPtr = std::unique_ptr<Job>;

/// Politeness state of one host (authority with explicit port).
struct Host {
    std::deque<JobPtr> queue;
    std::size_t in_flight = 0;
    Clock::time_point ready{};          ///< no request starts before this
    std::chrono::milliseconds delay{0};  ///< gap between starts (per_host_delay or Crawl-delay)
    std::string gone;                   ///< non-empty: given up for this run, and why
};

/// robots.txt of one origin, fetched once per run.
struct RobotsEntry {
    enum class State { fetching, ready, failed };
    State state = State::fetching;
    Robots rules;
    Status failure = Status::robots_disallowed;  ///< for State::failed
    std::string reason;                          ///< for State::failed
    std::vector<JobPtr> waiting;                 ///< jobs parked until the file is known
};

struct Running {
    std::unique_ptr<Transfer> transfer;
    JobPtr job;
};

}  // namespace detail

struct Fetcher::Impl {
    explicit Impl(Options o);
    ~Impl();

    Options options;
    std::string robots_token;  ///< product token of our User-Agent ("dossier")
    CURLM* multi = nullptr;
    std::mutex incoming_mutex;
    std::vector<Request> incoming;
    std::atomic<bool> cancelled{false};
    std::map<std::string, detail::Host> hosts;
    std::string last_host;  ///< round-robin position among hosts
    std::map<std::string, detail::RobotsEntry> robots;
    std::map<CURL*, detail::Running> running;
    std::size_t open = 0;  ///< requests admitted and not yet reported
    std::mt19937_64 rng;
    const std::function<void(const Exchange&)>* on_exchange = nullptr;
    const std::function<void(Outcome&&)>* on_done = nullptr;

    // fetcher.cpp: the loop
    bool drain_incoming();
    bool has_incoming();
    void start_ready(detail::Clock::time_point now);
    void start(detail::JobPtr job, detail::Host& host, detail::Clock::time_point now);
    void collect();
    long poll_timeout_ms(detail::Clock::time_point now) const;
    void cancel_all();

    // job_flow.cpp: what happens to a job
    void admit(detail::JobPtr job, bool front);
    void enqueue(detail::JobPtr job, bool front);
    detail::Host& host(const std::string& key);
    void complete(detail::Running run, CURLcode code);
    void handle_response(detail::JobPtr job, detail::TransferResult result);
    bool retry(detail::JobPtr& job, const detail::TransferResult& result);
    void follow(detail::JobPtr job, detail::TransferResult& result);
    void give_up_host(detail::Host& host, const std::string& reason);
    void finish(detail::JobPtr job, Status status, const std::string& reason, detail::TransferResult* result = nullptr);
    std::chrono::milliseconds backoff(int attempt);
    detail::TransferSpec spec_for(const detail::Job& job) const;

    // robots_gate.cpp: robots.txt per origin
    void gate(detail::JobPtr job, bool front);
    void apply_robots(detail::RobotsEntry& entry, detail::JobPtr job, bool front);
    void robots_done(detail::JobPtr job, detail::TransferResult result);
    void robots_failed(const std::string& origin, Status status, const std::string& reason);
    void robots_ready(const std::string& origin, Robots rules);
};

}  // namespace dossier::fetch
