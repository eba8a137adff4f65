#pragma once
// Transfer: one HTTP exchange on a libcurl easy handle, set up so that the bytes reach us as
// they were on the wire (no content or transfer decoding, no automatic redirects) and with
// every cap enforced while receiving.
#include <curl/curl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/fetch/fetcher.hpp"
#include "http_message.hpp"

namespace dossier::fetch::detail {

/// What to request and how.
struct TransferSpec {
    std::string url;
    std::string user_agent;
    std::string proxy;    ///< empty = libcurl's default (environment variables)
    std::string cookies;  ///< empty = no Cookie header
    std::vector<std::string> header_lines;  ///< "Name: value", sent as given
    std::size_t body_cap = 0;
    /// robots.txt: a body over the cap is cut there and the response still counts as complete
    /// (RFC 9309 section 2.5: parse the first 500 KiB).
    bool cut_at_cap = false;
};

/// The exchange and, when it failed on the transport, why.
struct TransferResult {
    bool head_complete = false;  ///< a final (non-1xx) status line and header block were received
    int status = 0;
    HeaderList headers;          ///< of the final response, in order
    std::size_t head_size = 0;   ///< bytes of status line + headers + CRLF in response_block
    std::string request_block;
    std::string response_block;  ///< head + raw body; empty unless head_complete
    std::string ip;
    std::int64_t started_at = 0;
    std::string truncated;       ///< WARC-Truncated reason, empty when the body is complete
    std::optional<Status> failure;  ///< set when the transfer did not complete
    std::string reason;          ///< lower-case failure reason, without "fetch:" and the URL
    bool retryable = false;      ///< timeout or connection error: worth another try
};

class Transfer {
public:
    /// Creates and configures the easy handle; ok() is false when libcurl refused.
    Transfer(const TransferSpec& spec, const Options& options);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    bool ok() const { return m_easy != nullptr; }
    CURL* handle() const { return m_easy; }

    /// Classifies libcurl's result code for the finished transfer and hands over the bytes.
    TransferResult finish(CURLcode code);

private:
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
    static int on_debug(CURL* easy, curl_infotype type, char* data, std::size_t size, void* self);
    void configure(const TransferSpec& spec);
    bool declared_over_cap() const;  ///< the response's Content-Length is over the body cap
    void classify(CURLcode code, TransferResult& r) const;
    std::string timeout_reason() const;

    CURL* m_easy = nullptr;
    curl_slist* m_header_list = nullptr;
    Options m_options;
    std::size_t m_body_cap = 0;
    bool m_cut_at_cap = false;
    std::int64_t m_started_at = 0;

    std::string m_request;
    std::string m_head;
    std::string m_block;  ///< once the body starts: a copy of m_head, then the body bytes
    bool m_body_started = false;
    HeaderList m_headers;
    int m_status = 0;
    bool m_head_done = false;
    bool m_over_cap = false;
    bool m_header_overflow = false;
    char m_error[CURL_ERROR_SIZE] = {};
};

}  // namespace dossier::fetch::detail
