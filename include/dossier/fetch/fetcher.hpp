#pragma once
// Fetcher: polite HTTP(S) fetching with libcurl's multi interface (docs/fetch.md).
// Requests go in (also from inside the callbacks, so a crawl can stream article URLs as its
// feeds come back); every exchange on the wire comes out for the WARC archive, and one Outcome
// per request. Politeness: global and per-host concurrency, a per-host gap between request
// starts, robots.txt (RFC 9309), Retry-After. A "host" is the URL's authority with its port
// made explicit ("example.com:443"); robots.txt is kept per origin (scheme, host, port).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dossier::fetch {

/// Limits and politeness settings of one Fetcher. Defaults are the crawl's defaults.
struct Options {
    std::size_t max_concurrency = 8;        ///< transfers in flight at once, all hosts together
    std::size_t per_host_concurrency = 1;   ///< transfers in flight at once on one host
    /// Minimum gap between two request starts on one host; a robots.txt Crawl-delay raises it
    /// for that host (up to k_max_crawl_delay).
    std::chrono::milliseconds per_host_delay{1000};
    std::chrono::seconds connect_timeout{15};  ///< name resolution + TCP + TLS handshake
    std::chrono::seconds total_timeout{60};    ///< one transfer, start to last byte
    /// A transfer slower than low_speed_limit bytes/s for low_speed_time is a timeout (slowloris).
    long low_speed_limit = 512;
    std::chrono::seconds low_speed_time{20};
    /// Cap on the raw body bytes received (before any decoding); over it = Status::too_large.
    std::size_t max_body_bytes = std::size_t{10} << 20;
    int max_redirects = 5;  ///< redirect hops followed per request
    /// Tries per URL: a timeout, connection error, 5xx or 429 is retried until this many.
    int max_attempts = 3;
    /// Retry delay: uniform in [0, min(backoff_max, backoff_base * 2^(try-1))] ("full jitter"),
    /// at least the server's Retry-After.
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_max{60000};
    /// A 429/503 Retry-After longer than this = give up on that host for this run.
    std::chrono::seconds max_retry_after{3600};
    bool obey_robots = true;
    std::string user_agent;  ///< empty = default_user_agent()
    /// Proxy URL for every request; empty = libcurl's default, which honours the http_proxy,
    /// https_proxy, all_proxy and no_proxy environment variables (not upper-case HTTP_PROXY).
    std::string proxy;
};

/// A Crawl-delay is honoured up to this much; longer values count as this.
inline constexpr std::chrono::milliseconds k_max_crawl_delay{60000};
/// Response headers larger than this abort the transfer (Status::other).
inline constexpr std::size_t k_max_header_bytes = std::size_t{256} << 10;

/// One URL to fetch, with the caller's tag and per-source overrides.
struct Request {
    std::uint64_t id = 0;  ///< the caller's tag, returned in the Outcome
    std::string url;       ///< absolute http or https URL
    std::string etag, last_modified;  ///< from the previous response: sent as If-None-Match / If-Modified-Since
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra request headers (replace defaults of the same name)
    std::string proxy;       ///< non-empty: overrides Options::proxy
    std::string user_agent;  ///< non-empty: overrides Options::user_agent
    std::string cookies;     ///< non-empty: sent as the Cookie header ("a=1; b=2")
};

/// One request/response pair as on the wire: what the caller writes to the WARC archive.
struct Exchange {
    std::uint64_t request_id = 0;  ///< the Request's id; 0 for robots.txt fetches
    std::string url;               ///< the URL requested in this exchange (a redirect hop's own URL)
    std::int64_t started_at = 0;   ///< unix seconds when the request was started (WARC-Date)
    std::string ip;                ///< the server's address (WARC-IP-Address), may be empty
    std::string request_block;     ///< request line + headers as sent, ending in CRLF CRLF
    /// Status line + headers + CRLF + body exactly as received: still chunked and compressed
    /// when the server sent it so (archive::parse_http_response decodes it). Interim 1xx
    /// responses are left out.
    std::string response_block;
    int status = 0;          ///< HTTP status code of the response
    bool is_robots = false;  ///< a robots.txt fetch (or one of its redirect hops)
    /// Empty when the body is complete; otherwise why it is not, as a WARC-Truncated value
    /// (WARC 1.1 section 5.13): "length" (body cap), "time" (timeout), "disconnect".
    std::string truncated;
};

/// What became of a request.
enum class Status {
    ok,                 ///< a 2xx response
    not_modified,       ///< 304 to a conditional GET: nothing new (a normal state, not an error)
    http_error,         ///< a final response that is neither 2xx nor 304 (4xx, 5xx after retries, 3xx without Location)
    robots_disallowed,  ///< robots.txt forbids the URL (or answered 5xx: the host counts as disallowed this run); never requested
    timeout,            ///< connect or total timeout, or slower than the low-speed limit, on every try
    connect_error,      ///< connection refused/reset, or closed before the response was complete, on every try
    dns_error,          ///< the host (or proxy) name did not resolve
    tls_error,          ///< TLS handshake or certificate verification failed (no insecure fallback)
    too_large,          ///< the body went over Options::max_body_bytes; the transfer was aborted there
    bad_redirect,       ///< a redirect without a usable target: not http(s), unparsable, or a loop
    redirect_limit,     ///< more than Options::max_redirects redirects
    cancelled,          ///< cancel() was called before the request finished
    other,              ///< anything else: not an http(s) URL, headers too large, host gave up (Retry-After), ...
};

/// The lower-case name of a status ("ok", "not_modified", "robots_disallowed", ...).
std::string to_string(Status status);

/// The result of one Request, reported exactly once.
struct Outcome {
    std::uint64_t id = 0;    ///< the Request's id
    std::string url;         ///< the URL as requested
    std::string final_url;   ///< the URL of the last hop tried (after redirects)
    Status status = Status::other;
    int http_status = 0;     ///< status of the final response; 0 when none was received
    /// The final response block (as in Exchange) for ok, not_modified and http_error; empty otherwise.
    std::string response_block;
    std::string etag, last_modified;  ///< of the final response, for the next conditional GET
    int attempts = 0;        ///< tries of the final URL (1 = no retry; 0 = never requested)
    /// Empty for ok and not_modified; otherwise "fetch: <reason>: <url>", e.g.
    /// "fetch: timeout after 60 s (3 attempts): https://example.com/feed".
    std::string message;
};

/// Fetches many URLs concurrently and politely. Not copyable; one instance = one crawl run
/// (robots.txt is fetched once per origin per instance).
class Fetcher {
public:
    /// Prepares the fetcher; initialises libcurl once per process. Throws std::runtime_error
    /// when libcurl cannot be initialised ("cannot start").
    explicit Fetcher(Options options = {});
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    /// Queues a request. Safe from inside the run() callbacks and from other threads; a URL
    /// that is not http(s) is reported as Status::other by run().
    void add(Request request);

    /// Fetches until every added request (including those added meanwhile) is done, calling
    /// on_exchange for every exchange on the wire (robots.txt and redirect hops included, and
    /// responses cut short, marked `truncated`) and on_done exactly once per request. Both
    /// are called on this thread. Returns early, after reporting the rest as cancelled, when
    /// cancel() is called.
    void run(const std::function<void(const Exchange&)>& on_exchange,
             const std::function<void(Outcome&&)>& on_done);

    /// Makes run() finish promptly (within about 200 ms): transfers in flight are aborted and
    /// every request not yet done, or added later, ends as Status::cancelled. Only sets an
    /// atomic flag, so it may be called from a signal handler or another thread. Sticky.
    void cancel() noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// "dossier/<version> (+<project url>)", the User-Agent sent unless overridden.
std::string default_user_agent();

/// The libcurl in use at run time, with its TLS and zlib versions:
/// "libcurl 7.88.1 (OpenSSL/3.0.11, zlib/1.2.13)". Never fails.
std::string library_version();

}  // namespace dossier::fetch
