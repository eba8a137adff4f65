// robots.txt once per origin per run (RFC 9309 section 2.3): requests wait for their origin's
// file, then go on or stop. Section numbers are RFC 9309's.
#include <algorithm>

#include "dossier/core/url.hpp"
#include "fetcher_impl.hpp"

namespace dossier::fetch {

using detail::Job;
using detail::JobPtr;
using detail::RobotsEntry;
using detail::TransferResult;

void Fetcher::Impl::gate(JobPtr job, bool front) {
    auto [it, inserted] = robots.try_emplace(job->origin);
    if (!inserted) {
        apply_robots(it->second, std::move(job), front);
        return;
    }
    // Section 2.3: the file lives at /robots.txt of the same scheme, host and port. Its fetch
    // goes through the same proxy, with the same User-Agent and cookies as the first request.
    const auto url = core::Url::parse(job->url);
    auto fetch = std::make_unique<Job>();
    fetch->url = url ? url->scheme + "://" + url->authority() + "/robots.txt" : job->origin + "/robots.txt";
    fetch->request.url = fetch->url;
    fetch->request.proxy = job->request.proxy;
    fetch->request.user_agent = job->request.user_agent;
    fetch->request.cookies = job->request.cookies;
    fetch->robots_for = job->origin;
    // Park the job first, so a robots.txt fetch that fails at once still finds it waiting.
    it->second.waiting.push_back(std::move(job));
    admit(std::move(fetch), true);
}

void Fetcher::Impl::apply_robots(RobotsEntry& entry, JobPtr job, bool front) {
    switch (entry.state) {
        case RobotsEntry::State::fetching:
            entry.waiting.push_back(std::move(job));
            return;
        case RobotsEntry::State::ready:
            if (entry.rules.allowed(job->path)) {
                enqueue(std::move(job), front);
            } else {
                finish(std::move(job), Status::robots_disallowed, "disallowed by robots.txt");
            }
            return;
        case RobotsEntry::State::failed:
            finish(std::move(job), entry.failure, entry.reason);
            return;
    }
}

void Fetcher::Impl::robots_done(JobPtr job, TransferResult result) {
    const std::string origin = job->robots_for;
    if (result.failure) {
        // Section 2.3.1.4: unreachable = complete disallow. The requests report the transport
        // failure itself (a dead host is more useful to know than "disallowed").
        if (result.retryable && job->attempt < options.max_attempts) {
            detail::Host& h = host(job->host);
            h.ready = std::max(h.ready, detail::Clock::now() + backoff(job->attempt));
            enqueue(std::move(job), true);
            return;
        }
        robots_failed(origin, *result.failure, result.reason + " (fetching " + job->url + ")");
        return;
    }
    const int s = result.status;
    if (s == 429 || (s >= 500 && s < 600)) {
        // Section 2.3.1.4: a server error = complete disallow (after our usual retries).
        if (retry(job, result)) return;
        robots_failed(origin, Status::robots_disallowed,
                      "robots.txt answered http " + std::to_string(s) + "; host treated as disallowed this run");
        return;
    }
    if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) &&
        !detail::find_header(result.headers, "Location").empty()) {
        follow(std::move(job), result);  // section 2.3.1.2; a bad or long chain = unavailable
        return;
    }
    if (s >= 200 && s < 300) {
        // Section 2.3.1.1. Only chunked framing is undone here; a content coding we did not
        // ask for leaves bytes that parse as no rules (= allow all), like any unreadable file.
        std::string_view body(result.response_block);
        body.remove_prefix(std::min(result.head_size, body.size()));
        const bool chunked = detail::find_header(result.headers, "Transfer-Encoding").find("chunked") != std::string_view::npos;
        robots_ready(origin, Robots::parse(chunked ? std::string_view(detail::dechunk(body)) : body, robots_token));
        return;
    }
    robots_ready(origin, Robots{});  // section 2.3.1.3: 4xx = unavailable = allow all
}

void Fetcher::Impl::robots_ready(const std::string& origin, Robots rules) {
    RobotsEntry& entry = robots[origin];
    entry.state = RobotsEntry::State::ready;
    entry.rules = std::move(rules);
    if (auto delay = entry.rules.crawl_delay()) {
        // Crawl-delay is not in RFC 9309 but widely used: it can only slow us down, up to a cap.
        detail::Host& h = host(origin.substr(origin.find("://") + 3));
        const auto wanted = std::min<std::chrono::milliseconds>(*delay, k_max_crawl_delay);
        if (wanted > h.delay) {
            h.ready += wanted - h.delay;  // the robots.txt fetch's own start counts
            h.delay = wanted;
        }
    }
    std::vector<JobPtr> waiting;
    waiting.swap(entry.waiting);
    for (JobPtr& job : waiting) apply_robots(entry, std::move(job), false);
}

void Fetcher::Impl::robots_failed(const std::string& origin, Status status, const std::string& reason) {
    RobotsEntry& entry = robots[origin];
    entry.state = RobotsEntry::State::failed;
    entry.failure = status;
    entry.reason = reason;
    std::vector<JobPtr> waiting;
    waiting.swap(entry.waiting);
    for (JobPtr& job : waiting) apply_robots(entry, std::move(job), false);
}

}  // namespace dossier::fetch
