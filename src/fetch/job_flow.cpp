// What happens to a job: queueing per host, the response's meaning, retries, redirects.
#include <algorithm>

#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "fetcher_impl.hpp"

namespace dossier::fetch {

using detail::Clock;
using detail::Job;
using detail::JobPtr;
using detail::TransferResult;

namespace {

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string attempts_note(int attempts) {
    return attempts > 1 ? " (" + std::to_string(attempts) + " attempts)" : "";
}

}  // namespace

detail::Host& Fetcher::Impl::host(const std::string& key) {
    auto [it, inserted] = hosts.try_emplace(key);
    if (inserted) it->second.delay = options.per_host_delay;
    return it->second;
}

void Fetcher::Impl::admit(JobPtr job, bool front) {
    if (cancelled.load()) {
        finish(std::move(job), Status::cancelled, "cancelled");
        return;
    }
    const auto url = core::Url::parse(job->url);
    if (!url || !url->is_http() || url->host.empty()) {
        finish(std::move(job), Status::other, "not an http(s) URL");
        return;
    }
    // A fragment is never sent; the exchange (and its WARC record) names what was requested.
    if (url->fragment) job->url.erase(job->url.find('#'));
    job->host = detail::host_key(url->scheme, url->host, url->port);
    job->origin = url->scheme + "://" + job->host;
    job->path = url->path.empty() ? "/" : url->path;
    if (url->query) job->path += "?" + *url->query;
    if (job->robots_for.empty() && options.obey_robots) {
        gate(std::move(job), front);
    } else {
        enqueue(std::move(job), front);
    }
}

void Fetcher::Impl::enqueue(JobPtr job, bool front) {
    detail::Host& h = host(job->host);
    if (!h.gone.empty()) {
        if (!job->robots_for.empty()) {
            robots_failed(job->robots_for, Status::other, h.gone);
        } else {
            finish(std::move(job), Status::other, h.gone);
        }
        return;
    }
    if (front) {
        h.queue.push_front(std::move(job));
    } else {
        h.queue.push_back(std::move(job));
    }
}

detail::TransferSpec Fetcher::Impl::spec_for(const Job& job) const {
    detail::TransferSpec spec;
    spec.url = job.url;
    spec.user_agent = job.request.user_agent.empty() ? options.user_agent : job.request.user_agent;
    spec.proxy = job.request.proxy.empty() ? options.proxy : job.request.proxy;
    spec.cookies = job.request.cookies;
    const bool robots_fetch = !job.robots_for.empty();
    spec.body_cap = robots_fetch ? k_robots_max_bytes : options.max_body_bytes;
    spec.cut_at_cap = robots_fetch;
    // No br: the archive has no brotli decoder. robots.txt is parsed here, where only chunked
    // framing can be undone, so it asks for no coding at all (RFC 9110 section 12.5.3).
    detail::HeaderList headers{{"Accept-Encoding", robots_fetch ? "identity" : "gzip, deflate"}};
    if (!job.request.etag.empty()) headers.emplace_back("If-None-Match", job.request.etag);
    if (!job.request.last_modified.empty()) headers.emplace_back("If-Modified-Since", job.request.last_modified);
    for (const auto& extra : job.request.headers) {
        auto same = std::find_if(headers.begin(), headers.end(),
                                 [&](const auto& h) { return core::iequals(h.first, extra.first); });
        if (same != headers.end()) {
            same->second = extra.second;
        } else {
            headers.push_back(extra);
        }
    }
    for (const auto& [name, value] : headers) spec.header_lines.push_back(name + ": " + value);
    return spec;
}

void Fetcher::Impl::complete(detail::Running run, CURLcode code) {
    TransferResult result = run.transfer->finish(code);
    run.transfer.reset();
    JobPtr job = std::move(run.job);
    if (result.head_complete) {
        Exchange ex;
        ex.request_id = job->request.id;
        ex.url = job->url;
        ex.started_at = result.started_at;
        ex.ip = result.ip;
        ex.request_block = std::move(result.request_block);
        ex.response_block = std::move(result.response_block);
        ex.status = result.status;
        ex.is_robots = !job->robots_for.empty();
        ex.truncated = result.truncated;
        (*on_exchange)(ex);
        result.response_block = std::move(ex.response_block);
    }
    if (job->robots_for.empty()) {
        handle_response(std::move(job), std::move(result));
    } else {
        robots_done(std::move(job), std::move(result));
    }
}

void Fetcher::Impl::handle_response(JobPtr job, TransferResult result) {
    if (result.failure) {
        if (result.retryable && job->attempt < options.max_attempts) {
            detail::Host& h = host(job->host);
            h.ready = std::max(h.ready, Clock::now() + backoff(job->attempt));
            enqueue(std::move(job), true);
            return;
        }
        const std::string reason = result.reason + attempts_note(job->attempt);
        finish(std::move(job), *result.failure, reason, &result);
        return;
    }
    const int s = result.status;
    if (s == 429 || (s >= 500 && s < 600)) {
        if (retry(job, result)) return;
        std::string reason = "http " + std::to_string(s) + attempts_note(job->attempt);
        if (const std::string& gone = host(job->host).gone; !gone.empty()) reason += "; " + gone;
        finish(std::move(job), Status::http_error, reason, &result);
    } else if (is_redirect(s) && !detail::find_header(result.headers, "Location").empty()) {
        follow(std::move(job), result);
    } else if (s == 304) {
        finish(std::move(job), Status::not_modified, "", &result);
    } else if (s >= 200 && s < 300) {
        finish(std::move(job), Status::ok, "", &result);
    } else {
        finish(std::move(job), Status::http_error, "http " + std::to_string(s), &result);
    }
}

bool Fetcher::Impl::retry(JobPtr& job, const TransferResult& result) {
    detail::Host& h = host(job->host);
    std::optional<std::chrono::seconds> retry_after;
    if (result.status == 429 || result.status == 503) {
        retry_after = detail::parse_retry_after(detail::find_header(result.headers, "Retry-After"), core::now_seconds());
    }
    if (retry_after && *retry_after > options.max_retry_after) {
        give_up_host(h, "host asked to wait " + std::to_string(retry_after->count()) + " s (Retry-After over the " +
                            std::to_string(options.max_retry_after.count()) + " s limit); not requested this run");
        return false;
    }
    if (job->attempt >= options.max_attempts) return false;
    std::chrono::milliseconds wait = backoff(job->attempt);
    if (retry_after) wait = std::max<std::chrono::milliseconds>(wait, *retry_after);
    // The whole host waits: a server that is failing or rate limiting gets a rest.
    h.ready = std::max(h.ready, Clock::now() + wait);
    enqueue(std::move(job), true);
    return true;
}

void Fetcher::Impl::follow(JobPtr job, TransferResult& result) {
    const std::string location(detail::find_header(result.headers, "Location"));
    auto target = core::Url::parse(core::resolve_url(job->url, location));
    if (!target || !target->is_http() || target->host.empty()) {
        finish(std::move(job), Status::bad_redirect, "redirect to a non-http(s) URL \"" + location + "\"", &result);
        return;
    }
    target->fragment.reset();  // never sent on the wire
    const std::string next = target->to_string();
    if (next == job->url || std::find(job->visited.begin(), job->visited.end(), next) != job->visited.end()) {
        finish(std::move(job), Status::bad_redirect, "redirect loop back to " + next, &result);
        return;
    }
    const int limit = job->robots_for.empty() ? options.max_redirects : detail::k_robots_max_redirects;
    if (job->hops >= limit) {
        finish(std::move(job), Status::redirect_limit, "more than " + std::to_string(limit) + " redirects", &result);
        return;
    }
    job->visited.push_back(job->url);
    job->url = next;
    ++job->hops;
    job->attempt = 0;
    admit(std::move(job), true);  // the new host's politeness and robots.txt apply
}

void Fetcher::Impl::give_up_host(detail::Host& h, const std::string& reason) {
    h.gone = reason;
    std::deque<JobPtr> queued;
    queued.swap(h.queue);
    for (JobPtr& job : queued) enqueue(std::move(job), false);  // reports each as given up
}

void Fetcher::Impl::finish(JobPtr job, Status status, const std::string& reason, TransferResult* result) {
    if (!job->robots_for.empty()) {
        // A robots.txt fetch ends in its origin's verdict, never in an Outcome. Too many or
        // unusable redirects: RFC 9309 section 2.3.1.2 lets us take the file as unavailable.
        if (status == Status::bad_redirect || status == Status::redirect_limit) {
            robots_ready(job->robots_for, Robots{});
        } else {
            robots_failed(job->robots_for, status, reason);
        }
        return;
    }
    Outcome out;
    out.id = job->request.id;
    out.url = job->request.url;
    out.final_url = job->url;
    out.status = status;
    out.attempts = job->attempt;
    if (result) {
        out.http_status = result->head_complete ? result->status : 0;
        out.etag = std::string(detail::find_header(result->headers, "ETag"));
        out.last_modified = std::string(detail::find_header(result->headers, "Last-Modified"));
        if (status == Status::ok || status == Status::not_modified || status == Status::http_error) {
            out.response_block = std::move(result->response_block);
        }
    }
    if (status == Status::not_modified) {
        // A 304 need not repeat the validators (RFC 9110 section 15.4.5): keep the ones sent.
        if (out.etag.empty()) out.etag = job->request.etag;
        if (out.last_modified.empty()) out.last_modified = job->request.last_modified;
    }
    if (!reason.empty()) out.message = "fetch: " + reason + ": " + job->url;
    if (open > 0) --open;
    (*on_done)(std::move(out));
}

std::chrono::milliseconds Fetcher::Impl::backoff(int attempt) {
    // Exponential backoff with "full jitter": uniform in [0, min(max, base * 2^(attempt-1))].
    const int shift = std::clamp(attempt - 1, 0, 30);
    const std::int64_t base = std::max<std::int64_t>(options.backoff_base.count(), 0);
    const std::int64_t cap = std::min<std::int64_t>(options.backoff_max.count(), base << shift);
    if (cap <= 0) return std::chrono::milliseconds{0};
    std::uniform_int_distribution<std::int64_t> pick(0, cap);
    return std::chrono::milliseconds{pick(rng)};
}

}  // namespace dossier::fetch
