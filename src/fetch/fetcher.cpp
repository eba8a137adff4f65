// The Fetcher's public face and its event loop (curl multi interface).
#include <algorithm>
#include <stdexcept>

#include "dossier/build_info.hpp"
#include "fetcher_impl.hpp"

namespace dossier::fetch {

using detail::Clock;

namespace {

/// Longest wait in curl_multi_poll: how soon a cancel() from a signal handler is noticed.
constexpr long k_max_poll_ms = 200;

void init_curl_once() {
    static std::once_flag once;
    static CURLcode rc = CURLE_OK;
    std::call_once(once, [] { rc = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (rc != CURLE_OK) throw std::runtime_error("fetch: cannot initialise libcurl");
}

/// RFC 9309 section 2.2.1: the product token is the User-Agent up to the first character
/// outside [a-zA-Z_-] ("dossier/0.1.0 (+...)" -> "dossier").
std::string product_token(const std::string& user_agent) {
    const auto end = std::find_if(user_agent.begin(), user_agent.end(), [](char c) {
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-');
    });
    return std::string(user_agent.begin(), end);
}

}  // namespace

std::string default_user_agent() {
    return std::string("dossier/") + build_info::k_version + " (+" + build_info::k_project_url + ")";
}

std::string library_version() {
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    std::string s = std::string("libcurl ") + (info && info->version ? info->version : "?");
    std::string extra;
    if (info && info->ssl_version) extra = info->ssl_version;
    if (info && info->libz_version) extra += (extra.empty() ? "" : ", ") + std::string("zlib/") + info->libz_version;
    if (!extra.empty()) s += " (" + extra + ")";
    return s;
}

std::string to_string(Status status) {
    switch (status) {
        case Status::ok: return "ok";
        case Status::not_modified: return "not_modified";
        case Status::http_error: return "http_error";
        case Status::robots_disallowed: return "robots_disallowed";
        case Status::timeout: return "timeout";
        case Status::connect_error: return "connect_error";
        case Status::dns_error: return "dns_error";
        case Status::tls_error: return "tls_error";
        case Status::too_large: return "too_large";
        case Status::bad_redirect: return "bad_redirect";
        case Status::redirect_limit: return "redirect_limit";
        case Status::cancelled: return "cancelled";
        case Status::other: return "other";
    }
    return "other";
}

Fetcher::Impl::Impl(Options o) : options(std::move(o)), rng(std::random_device{}()) {
    init_curl_once();
    if (options.user_agent.empty()) options.user_agent = default_user_agent();
    options.max_concurrency = std::max<std::size_t>(options.max_concurrency, 1);
    options.per_host_concurrency = std::max<std::size_t>(options.per_host_concurrency, 1);
    options.max_attempts = std::max(options.max_attempts, 1);
    options.max_redirects = std::max(options.max_redirects, 0);
    robots_token = product_token(options.user_agent);
    multi = curl_multi_init();
    if (!multi) throw std::runtime_error("fetch: cannot create a curl multi handle");
}

Fetcher::Impl::~Impl() {
    for (auto& [easy, run] : running) curl_multi_remove_handle(multi, easy);
    running.clear();
    curl_multi_cleanup(multi);
}

Fetcher::Fetcher(Options options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;

void Fetcher::add(Request request) {
    {
        std::lock_guard<std::mutex> lock(m_impl->incoming_mutex);
        m_impl->incoming.push_back(std::move(request));
    }
    curl_multi_wakeup(m_impl->multi);  // documented as callable from any thread
}

// A lock-free atomic store is async-signal-safe, which is what lets a SIGINT handler cancel.
static_assert(std::atomic<bool>::is_always_lock_free);
void Fetcher::cancel() noexcept { m_impl->cancelled.store(true); }

void Fetcher::run(const std::function<void(const Exchange&)>& on_exchange,
                  const std::function<void(Outcome&&)>& on_done) {
    Impl& s = *m_impl;
    s.on_exchange = &on_exchange;
    s.on_done = &on_done;
    for (;;) {
        const bool added = s.drain_incoming();
        if (s.cancelled.load()) {
            s.cancel_all();
            break;
        }
        if (!added && s.open == 0) break;
        s.start_ready(Clock::now());
        int still_running = 0;
        curl_multi_perform(s.multi, &still_running);
        s.collect();
        if (s.cancelled.load() || s.open == 0 || s.has_incoming()) continue;  // no waiting
        curl_multi_poll(s.multi, nullptr, 0, static_cast<int>(s.poll_timeout_ms(Clock::now())), nullptr);
    }
    s.on_exchange = nullptr;
    s.on_done = nullptr;
}

bool Fetcher::Impl::drain_incoming() {
    std::vector<Request> batch;
    {
        std::lock_guard<std::mutex> lock(incoming_mutex);
        batch.swap(incoming);
    }
    for (Request& r : batch) {
        auto job = std::make_unique<detail::Job>();
        job->url = r.url;
        job->request = std::move(r);
        ++open;
        admit(std::move(job), false);
    }
    return !batch.empty();
}

bool Fetcher::Impl::has_incoming() {
    std::lock_guard<std::mutex> lock(incoming_mutex);
    return !incoming.empty();
}

void Fetcher::Impl::start_ready(Clock::time_point now) {
    while (running.size() < options.max_concurrency && !hosts.empty()) {
        // Round robin: start looking after the host that got the last slot, so one busy
        // host cannot starve the others of global slots.
        auto it = hosts.upper_bound(last_host);
        detail::Host* chosen = nullptr;
        for (std::size_t n = 0; n < hosts.size(); ++n, ++it) {
            if (it == hosts.end()) it = hosts.begin();
            detail::Host& h = it->second;
            if (!h.queue.empty() && h.in_flight < options.per_host_concurrency && h.ready <= now) {
                chosen = &h;
                last_host = it->first;
                break;
            }
        }
        if (!chosen) return;
        detail::JobPtr job = std::move(chosen->queue.front());
        chosen->queue.pop_front();
        start(std::move(job), *chosen, now);
    }
}

void Fetcher::Impl::start(detail::JobPtr job, detail::Host& h, Clock::time_point now) {
    ++job->attempt;
    h.ready = now + h.delay;
    auto transfer = std::make_unique<detail::Transfer>(spec_for(*job), options);
    if (!transfer->ok() || curl_multi_add_handle(multi, transfer->handle()) != CURLM_OK) {
        if (!job->robots_for.empty()) {
            robots_failed(job->robots_for, Status::other, "could not start a transfer");
        } else {
            finish(std::move(job), Status::other, "could not start a transfer");
        }
        return;
    }
    ++h.in_flight;
    CURL* easy = transfer->handle();
    running.emplace(easy, detail::Running{std::move(transfer), std::move(job)});
}

void Fetcher::Impl::collect() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        CURL* easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        auto node = running.extract(easy);
        curl_multi_remove_handle(multi, easy);
        if (node.empty()) continue;
        detail::Host& h = host(node.mapped().job->host);
        if (h.in_flight > 0) --h.in_flight;
        complete(std::move(node.mapped()), code);
    }
}

long Fetcher::Impl::poll_timeout_ms(Clock::time_point now) const {
    long timeout = k_max_poll_ms;
    if (running.size() >= options.max_concurrency) return timeout;
    for (const auto& [key, h] : hosts) {
        if (h.queue.empty() || h.in_flight >= options.per_host_concurrency) continue;
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(h.ready - now).count();
        timeout = std::min<long>(timeout, static_cast<long>(std::max<std::int64_t>(wait, 0)));
    }
    return timeout;
}

void Fetcher::Impl::cancel_all() {
    std::vector<detail::JobPtr> jobs;
    for (auto& [easy, run] : running) {
        curl_multi_remove_handle(multi, easy);
        jobs.push_back(std::move(run.job));
    }
    running.clear();
    for (auto& [key, h] : hosts) {
        for (auto& job : h.queue) jobs.push_back(std::move(job));
        h.queue.clear();
        h.in_flight = 0;
    }
    for (auto& [origin, entry] : robots) {
        for (auto& job : entry.waiting) jobs.push_back(std::move(job));
        entry.waiting.clear();
    }
    for (auto& job : jobs) {
        if (job->robots_for.empty()) finish(std::move(job), Status::cancelled, "cancelled");
    }
    // on_done may have added more; they are cancelled too, until nothing is left.
    while (drain_incoming()) {
    }
}

}  // namespace dossier::fetch
