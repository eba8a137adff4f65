#include "transfer.hpp"

#include <algorithm>

#include "dossier/core/date_time.hpp"

namespace dossier::fetch::detail {

namespace {

long to_long_ms(std::chrono::milliseconds d) { return static_cast<long>(std::max<std::int64_t>(d.count(), 1)); }

bool is_tls_failure(CURLcode code) {
    switch (code) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_USE_SSL_FAILED:
            return true;
        default:
            return false;
    }
}

}  // namespace

Transfer::Transfer(const TransferSpec& spec, const Options& options)
    : m_easy(curl_easy_init()), m_options(options), m_body_cap(spec.body_cap), m_cut_at_cap(spec.cut_at_cap) {
    if (m_easy) configure(spec);
}

Transfer::~Transfer() {
    if (m_easy) curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_header_list);
}

void Transfer::configure(const TransferSpec& spec) {
    CURL* e = m_easy;
    curl_easy_setopt(e, CURLOPT_URL, spec.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<void*>(this));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    // Only http and https, also for anything libcurl might follow (we follow redirects ourselves).
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(e, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    // HTTP/1.1 only: the archive stores HTTP/1.x message blocks, which HTTP/2 has no wire form of.
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    // The WARC record must hold the bytes as received: no gzip/deflate and no de-chunking here.
    curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, to_long_ms(m_options.connect_timeout));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, to_long_ms(m_options.total_timeout));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_limit);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_options.low_speed_time.count()));
    curl_easy_setopt(e, CURLOPT_USERAGENT, spec.user_agent.c_str());
    if (!spec.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, spec.proxy.c_str());
    if (!spec.cookies.empty()) curl_easy_setopt(e, CURLOPT_COOKIE, spec.cookies.c_str());
    // A proxy's "HTTP/1.1 200 Connection established" is not part of the response.
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    for (const std::string& line : spec.header_lines) {
        if (curl_slist* grown = curl_slist_append(m_header_list, line.c_str())) m_header_list = grown;
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_header_list);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, static_cast<void*>(this));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, static_cast<void*>(this));
    // The debug callback is the only place libcurl shows the request headers as sent.
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &Transfer::on_debug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, static_cast<void*>(this));
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    m_started_at = core::now_seconds();
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    if (auto status = t->m_head_done ? std::nullopt : parse_status_line(line)) {
        // A new status line: an interim 1xx response (or a proxy's) is replaced by what follows.
        t->m_head.assign(line);
        t->m_headers.clear();
        t->m_status = *status;
        t->m_head_done = false;
        return n;
    }
    if (t->m_head_done || t->m_status == 0) return n;  // trailers, or junk before a status line
    t->m_head.append(line);
    if (t->m_head.size() > k_max_header_bytes) {
        t->m_header_overflow = true;
        return 0;  // aborts the transfer
    }
    if (line == "\r\n" || line == "\n") {
        t->m_head_done = t->m_status >= 200;
        if (t->m_head_done && !t->m_cut_at_cap && t->declared_over_cap()) {
            // Refused on its Content-Length before any body byte is read (the head is kept).
            t->m_over_cap = true;
            return 0;
        }
    } else if (auto header = parse_header_line(line)) {
        t->m_headers.push_back(std::move(*header));
    }
    return n;
}

bool Transfer::declared_over_cap() const {
    const std::string_view length = find_header(m_headers, "Content-Length");
    if (length.empty() || length.find_first_not_of("0123456789") != std::string_view::npos) return false;
    return length.size() > 18 || std::stoull(std::string(length)) > m_body_cap;
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::size_t n = size * count;
    if (!t->m_body_started) {
        // The block is built in one buffer, head then body, so a body at the cap is never
        // held twice (copying it behind the head would double the peak: 20 MiB, not 10).
        t->m_body_started = true;
        t->m_block = t->m_head;
    }
    const std::size_t have = t->m_block.size() - t->m_head.size();
    if (have + n > t->m_body_cap) {
        // Memory stays bounded by the cap whatever the server sends; keep what fits.
        t->m_block.append(data, t->m_body_cap - have);
        t->m_over_cap = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->m_block.append(data, n);
    return n;
}

int Transfer::on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* self) {
    if (type != CURLINFO_HEADER_OUT) return 0;
    auto* t = static_cast<Transfer*>(self);
    // libcurl may resend on a reused connection that turned out dead: keep the last request.
    if (t->m_request.size() >= 4 && t->m_request.compare(t->m_request.size() - 4, 4, "\r\n\r\n") == 0) {
        t->m_request.clear();
    }
    if (t->m_request.size() < k_max_header_bytes) t->m_request.append(data, size);
    return 0;
}

std::string Transfer::timeout_reason() const {
    // Pre-transfer time stays 0 until name resolution, TCP and TLS are all done.
    curl_off_t ready_us = 0, total_us = 0;
    curl_easy_getinfo(m_easy, CURLINFO_PRETRANSFER_TIME_T, &ready_us);
    curl_easy_getinfo(m_easy, CURLINFO_TOTAL_TIME_T, &total_us);
    const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.total_timeout).count();
    if (ready_us == 0) {
        // A total timeout shorter than the connect timeout also ends a connection still being
        // set up (a name server that never answers): name the limit that actually ran out.
        const auto limit = std::min(m_options.connect_timeout, m_options.total_timeout);
        return "connect timeout after " + std::to_string(limit.count()) + " s";
    }
    if (total_us / 1000 + 500 >= total_ms) {
        return "timeout after " + std::to_string(m_options.total_timeout.count()) + " s";
    }
    return "too slow: under " + std::to_string(m_options.low_speed_limit) + " bytes/s for " +
           std::to_string(m_options.low_speed_time.count()) + " s";
}

void Transfer::classify(CURLcode code, TransferResult& r) const {
    const std::string detail = m_error[0] ? std::string(m_error) : std::string(curl_easy_strerror(code));
    auto fail = [&r](Status s, std::string reason, bool retry, const char* truncated) {
        r.failure = s;
        r.reason = std::move(reason);
        r.retryable = retry;
        if (r.head_complete) r.truncated = truncated;
    };
    if (code == CURLE_WRITE_ERROR && m_over_cap) {
        fail(Status::too_large, "body over " + std::to_string(m_body_cap) + " bytes", false, "length");
    } else if (code == CURLE_WRITE_ERROR && m_header_overflow) {
        fail(Status::other, "response headers over " + std::to_string(k_max_header_bytes) + " bytes", false, "length");
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        fail(Status::timeout, timeout_reason(), true, "time");
    } else if (code == CURLE_COULDNT_RESOLVE_HOST) {
        fail(Status::dns_error, "could not resolve host", false, "");
    } else if (code == CURLE_COULDNT_RESOLVE_PROXY) {
        fail(Status::dns_error, "could not resolve proxy", false, "");
    } else if (code == CURLE_COULDNT_CONNECT) {
        fail(Status::connect_error, "could not connect", true, "");
    } else if (code == CURLE_GOT_NOTHING) {
        fail(Status::connect_error, "connection closed without a response", true, "");
    } else if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR) {
        fail(Status::connect_error, "connection broke before the response was complete", true, "disconnect");
    } else if (is_tls_failure(code)) {
        fail(Status::tls_error, "tls: " + detail, false, "");
    } else {
        fail(Status::other, "curl error " + std::to_string(static_cast<int>(code)) + ": " + detail, false, "unspecified");
    }
}

TransferResult Transfer::finish(CURLcode code) {
    TransferResult r;
    r.started_at = m_started_at;
    r.head_complete = m_head_done;
    r.status = m_status;
    r.request_block = std::move(m_request);
    if (char* ip = nullptr; curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) r.ip = ip;
    const bool cut_robots = code == CURLE_WRITE_ERROR && m_over_cap && m_cut_at_cap && m_head_done;
    if (code != CURLE_OK && !cut_robots) classify(code, r);
    if (cut_robots) r.truncated = "length";
    if (r.head_complete) {
        r.headers = std::move(m_headers);
        r.head_size = m_head.size();
        r.response_block = m_body_started ? std::move(m_block) : std::move(m_head);
    }
    m_block = std::string();
    return r;
}

}  // namespace dossier::fetch::detail
